"""The publication's Atom 1.0 feed (RFC 4287): new stories, and corrections as made.

A pure function of the :class:`~generator.site.siteindex.SiteIndex`, written with
ElementTree so every editor-written string is escaped as XML text, never parsed.
Readers subscribe once and learn of each new story, and of each entry added to a
claim's ``updates`` log, which is how a fact-check tells its readers it changed.

Entry links are the pages' absolute URLs when ``site_url`` is set; without it they
are relative to the feed, which sits at the site's root, so they still resolve.
"""

from __future__ import annotations

import re
from datetime import date
from xml.etree import ElementTree as ET

from markupsafe import escape

from generator.site import markdown
from generator.site.i18n import N_
from generator.site.publication import byline, corrections, newest_stories, story_date
from generator.site.siteindex import FEED, SiteIndex, claim_uri, story_uri

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPOCH = date(1970, 1, 1)
UPDATE_TITLE = {"correction": N_("Correction: %(claim)s"),
                "clarification": N_("Clarification: %(claim)s"),
                "update": N_("Update: %(claim)s")}


def timestamp(value: date) -> str:
    """An RFC 3339 date-time for a calendar date: midnight UTC.

    >>> timestamp(date(2024, 8, 9))
    '2024-08-09T00:00:00Z'
    """
    return f"{value.isoformat()}T00:00:00Z"


def _href(site: SiteIndex, src_uri: str, fragment: str | None = None) -> str:
    """Absolute with ``site_url``; else relative to the feed, which sits in the
    folder of the site's ``prefix``."""
    url = site.absolute(src_uri) or site.url(src_uri)[len(site.options.prefix):] or "./"
    return f"{url}#{fragment}" if fragment else url


def _id(site: SiteIndex, src_uri: str, fragment: str | None = None) -> str:
    """A permanent IRI for an entry: its page's URL, or a URN without site_url."""
    if site.site_url:
        return _href(site, src_uri, fragment)
    name = re.sub(r"[^a-z0-9]+", "-", site.options.site_name.lower()).strip("-") or "site"
    path = site.url(src_uri).strip("/") or "front"
    return f"urn:factcheck:{name}:{path}" + (f":{fragment}" if fragment else "")


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    node.text = text
    return node


def _link(parent: ET.Element, href: str, rel: str = "alternate", kind: str = "text/html"):
    ET.SubElement(parent, f"{{{ATOM}}}link", {"rel": rel, "type": kind, "href": href})


def _entries(site: SiteIndex) -> list[tuple[date, ET.Element]]:
    out = []
    for story in newest_stories(site):
        entry = ET.Element(f"{{{ATOM}}}entry", {XML_LANG: story.language}
                           if story.language else {})
        uri = story_uri(story.id)
        _text(entry, "id", _id(site, uri))
        _text(entry, "title", story.title)
        _text(entry, "published", timestamp(story.published))
        _text(entry, "updated", timestamp(story_date(story)))
        _link(entry, _href(site, uri))
        for author in byline(site, story) or [None]:
            who = ET.SubElement(entry, f"{{{ATOM}}}author")
            _text(who, "name", author.name if author else site.publisher)
        if story.dek:
            _text(entry, "summary", story.dek)
        out.append((story_date(story), entry))
    for fix in corrections(site):
        entry = ET.Element(f"{{{ATOM}}}entry")
        uri = claim_uri(fix.claim.id)
        _text(entry, "id", _id(site, uri, f"correction-{fix.number}"))
        title = UPDATE_TITLE.get(fix.update.type, UPDATE_TITLE["update"])
        _text(entry, "title", site.i18n.gettext(title)
              % {"claim": site.i18n.quote(fix.claim.claim)})
        _text(entry, "updated", timestamp(fix.update.date))
        _link(entry, _href(site, uri, "corrections"))
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": fix.update.type})
        was = site.verdicts.get(fix.update.was or "")
        before = (site.i18n.gettext("The verdict was %(verdict)s.") % {"verdict": was.label}
                  + " ") if was else ""
        _text(entry, "summary", before + markdown.to_text(fix.update.note))
        out.append((fix.update.date, entry))
    out.sort(key=lambda pair: pair[0], reverse=True)
    return out


def feed_inputs(site: SiteIndex) -> str:
    """Everything :func:`atom_feed` reads, as one string: the preview makes the feed
    again only when this changes (a claim edit without an update does not touch it;
    ``tests/site/test_preview_incremental.py`` holds the two together).

    >>> from generator.checker.model import CheckResult, Project
    >>> from generator.site.siteindex import SiteOptions
    >>> site = SiteIndex(CheckResult(Project("c.yaml", ".", [], [], []), []), SiteOptions())
    >>> feed_inputs(site) == feed_inputs(site)
    True
    """
    options = site.options
    return repr((
        options.site_name, options.site_url, options.publisher_name, options.publisher_url,
        options.use_directory_urls, options.prefix, options.locale,
        sorted(options.strings.items()), site.publisher, site.site_url, site.project.language,
        list(site.stories.values()), [(a.id, a.name) for a in site.authors.values()],
        [(v.id, v.label) for v in site.verdicts.values()],
        [(c.id, c.claim, c.updates) for c in site.claims.values() if c.updates],
        max([c.published for c in site.claims.values() if c.published], default=None)))


def atom_feed(site: SiteIndex) -> str:
    """The feed as an XML document: stories and corrections, newest first.

    Atom requires a feed-level ``updated``: the newest entry's date (or the newest
    claim's, or 1970 for an empty site), never the build time, so an unchanged
    publication builds an identical feed.
    """
    ET.register_namespace("", ATOM)
    # xml:lang: the publication's language; the feed's own words (the subtitle) are
    # in the site's, and a story in another language says so on its entry
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: site.project.language})
    entries = _entries(site)
    newest = max([d for d, _ in entries] + [c.published for c in site.claims.values()
                                            if c.published], default=EPOCH)
    _text(feed, "id", _id(site, FEED))
    _text(feed, "title", site.options.site_name)
    _text(feed, "subtitle", site.i18n.gettext("New fact-check stories, and corrections as "
                                              "they are made."), **{XML_LANG: site.i18n.tag})
    _text(feed, "updated", timestamp(newest))
    who = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(who, "name", site.publisher)
    if site.options.publisher_url or site.site_url:
        _text(who, "uri", site.options.publisher_url or site.site_url)
    _link(feed, _href(site, FEED), "self", "application/atom+xml")
    _link(feed, _href(site, "index.md"))
    _text(feed, "generator", "factcheck")
    for _, entry in entries:
        feed.append(entry)
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def with_feed_link(page: str, root: str, title: str) -> str:
    """A built page with ``<link rel="alternate">`` to the feed in its head.

    Themes differ and a newsroom may bring its own, so the link goes in after the
    theme has drawn the page: just before ``</head>``.

    >>> with_feed_link("<html><head><title>T</title></head>", "../", "A & B")
    '<html><head><title>T</title><link rel="alternate" type="application/atom+xml" title="A &amp; B" href="../feed.xml"></head>'
    """  # noqa: E501  (a doctest's or rule text's line as printed)
    at = page.lower().find("</head>")
    if at < 0:
        return page
    tag = (f'<link rel="alternate" type="application/atom+xml" title="{escape(title)}" '
           f'href="{escape(root + FEED)}">')
    return page[:at] + tag + page[at:]
