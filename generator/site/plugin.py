"""The ``factcheck`` MkDocs plugin: thin glue between MkDocs and the pure core.

The check runs in ``on_config``, before MkDocs cleans the site directory, so a
citation error stops the build with the previous site still in place. Warnings go
to the ``mkdocs.plugins.factcheck`` logger, so ``mkdocs build --strict`` fails on
them like on any other MkDocs warning.

Generated pages are virtual files marked "not in nav": the theme draws the whole
nav on every page, and thousands of claims in it would make every page slow to
build and useless to read. Readers reach them through the generated indexes.
Their Markdown source is empty; the HTML comes from :mod:`generator.site.render` in
``on_page_content``, so MkDocs never runs Markdown over source texts or claim data.
"""

from __future__ import annotations

import logging
import os

from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.toc import get_toc

from generator import gcpolicy
from generator.checker import report
from generator.checker.cache_memory import CheckCache
from generator.checker.check import ClaimsFileError, check_file
from generator.checker.model import CheckResult, Project
from generator.checker.status import PUBLISHED, published_view
from generator.checker.wording import plural
from generator.site import buildfiles, drafts, handwritten, pagemeta, release, watcher
from generator.site.feed import with_feed_link
from generator.site.i18n import SHIPPED, Localizer, has_catalog, strings_option
from generator.site.pagefind import languages_of, run_pagefind, wants_pagefind
from generator.site.pagination import with_neighbours
from generator.site.rebuilds import Rebuilds
from generator.site.render import (
    ASSETS,
    VERDICT_CSS,
    PageSpec,
    SiteOptions,
    SiteRenderer,
    for_search,
    root_of,
)
from generator.site.serve import Preview
from generator.site.sharecards import ShareCards
from generator.site.siteindex import page_url
from generator.site.structured_data import structured_data_notes

log = logging.getLogger("mkdocs.plugins.factcheck")


class FactcheckConfig(base.Config):
    claims = c.Type(str, default="claims.yaml")
    """Path of claims.yaml, relative to mkdocs.yml."""
    templates = c.Optional(c.Type(str))
    """Folder of template overrides, relative to mkdocs.yml (default: `templates` if present)."""
    publisher_name = c.Optional(c.Type(str))
    """Who publishes the fact checks (ClaimReview author); default: site_name."""
    publisher_url = c.Optional(c.Type(str))
    """The publisher's home page; default: site_url."""
    pagefind = c.Optional(c.Type(bool))
    """Index the built site with Pagefind; default: with the `factcheck` theme, not in serve."""
    share_images = c.Type(bool, default=True)
    """Draw a 1200x630 share card (PNG) per claim for social sites (not in serve)."""
    share_font = c.Optional(c.Type(str))
    """A TrueType font for the share cards, tried before the bundled Noto Sans and Noto
    Sans Arabic (for scripts they lack), relative to mkdocs.yml."""
    prefix = c.Optional(c.Type(str))
    """Folder of the site that this publication's pages go under (e.g. `kursk`), so
    that several instances of the plugin, one per claims.yaml, share one site."""
    preview = c.Type(bool, default=False)
    """Build drafts and claims in review too, marked, with a robots.txt that turns
    search engines away: a pull request's preview deployment (serve always does)."""


def _finding_texts(result: CheckResult, findings) -> list[str]:
    return report.finding_blocks(findings, result.files)


def _log_warnings(result: CheckResult, new) -> None:
    """Log the ``new`` warnings: every one on the first check; in ``serve``, after
    that, only those not logged last time: thousands of unchanged warnings on every
    save would bury the one an edit brought (``factcheck check`` lists them all)."""
    for warning in _finding_texts(result, new):
        log.warning(warning)
    if len(new) < len(result.warnings):
        log.info(f"factcheck: {plural(len(result.warnings) - len(new), 'more warning')} "
                 "as before this edit (`factcheck check` lists every one)")




def _prepare_cards(share: ShareCards, options, config, project, serving: bool,
                   prefix: str, i18n: Localizer) -> None:
    """Decide the share cards before MkDocs empties site/ (none in the preview)."""
    share.cleanup()
    share.cards = {}
    if not options.share_images or serving:
        return
    font = None
    if options.share_font:
        root = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        font = os.path.join(root, options.share_font)
        if not os.path.isfile(font):
            raise PluginError(f"factcheck: share_font {options.share_font!r} is not a file")
    for note in share.prepare(project, config.site_name, config.site_description,
                              config.site_dir, font, prefix, i18n,
                              config.config_file_path or "mkdocs.yml"):
        log.warning(f"factcheck: {note}")


def _localizer(config) -> Localizer:
    """The reader's language: MkDocs' ``theme.locale`` and ``theme: strings:``."""
    try:
        i18n = Localizer(config.theme.locale, strings_option(config.theme.get("strings")))
    except ValueError as exc:
        raise PluginError(f"factcheck: {exc}") from exc
    if not has_catalog(i18n.locale) and i18n.locale.language != "en":
        log.warning(f"factcheck: no catalog for locale {i18n.locale}; the generated pages "
                    f"are in English (shipped: {', '.join(SHIPPED)})")
    return i18n


def _say_where(result: CheckResult, built_to: str) -> None:
    """The last line of a build: what was checked, and where the site is."""
    where = os.path.relpath(built_to)
    if where.startswith(os.pardir):
        where = built_to
    log.info(f"factcheck: {report.summary_line(result.summary)} "
             f"The site is in {where}{os.sep} (start page: "
             f"{os.path.join(where, 'index.html')}).")


def _generated_head(output: str, spec: PageSpec, site, root: str) -> str:
    """A generated page's head: ``noindex`` on a draft or a claim in review, and on a
    page of a list, its neighbours (``rel="prev"``/``"next"``)."""
    if site.stage(spec.kind, spec.key) != PUBLISHED:
        output = drafts.with_noindex(output)
    if spec.total > 1:
        output = with_neighbours(output, root, site.numbered[(spec.kind, spec.key)],
                                 spec.number)
    return output


def _rendering(spec: PageSpec, step, *args):
    """A step of rendering a generated page; a failure names the page."""
    try:
        return step(spec, *args)
    except Exception as exc:
        raise PluginError(f"factcheck: rendering {spec.src_uri} failed: {exc}") from exc


def _publish_cards(share: ShareCards, site_dir: str) -> None:
    """Put the share cards into site/ (those drawn while the pages were written and
    those kept from earlier builds), and say how many were drawn."""
    drawn = share.publish(site_dir)
    share.cleanup()
    if drawn:
        log.info(f"factcheck: drew {plural(drawn, 'share card')}; "
                 f"{share.count() - drawn} more were kept from earlier builds")


def folder_prefix(value: str | None) -> str:
    """Where an instance's pages go in the site: "" or a folder like "kursk/".

    >>> folder_prefix(None), folder_prefix(" /kursk/ ")
    ('', 'kursk/')
    """
    folder = (value or "").strip().strip("/")
    return f"{folder}/" if folder else ""


def _templates_dir(root: str, option: str | None, current: str | None) -> str | None:
    """The newsroom's templates: the plugin's ``templates`` option, else a
    ``templates/`` folder beside mkdocs.yml, else none (the packaged ones)."""
    if option:
        folder = os.path.join(root, option)
        if os.path.isdir(folder):
            return folder
        log.warning(f"factcheck: templates folder {option!r} does not exist; using the "
                    "packaged templates")
        return None
    if os.path.isdir(os.path.join(root, "templates")):
        return os.path.join(root, "templates")
    return current


class FactcheckPlugin(BasePlugin[FactcheckConfig]):
    """Defines ``on_startup``, so ``mkdocs serve`` keeps one instance across rebuilds:
    the last good check result and the preview state live on it."""

    supports_multiple_instances = True  # one per claims file, each with its `prefix`

    def __init__(self) -> None:
        self.serving = False
        self.preview = Preview()
        self.cache = CheckCache(live=True)  # serve: re-check only what an edit changed
        self.result: CheckResult | None = None
        self.view: CheckResult | None = None  # what this build shows: see drafts.shown
        self.built_to: str | None = None  # site_dir after a finished build
        self.dirty = False
        self.rebuilds = Rebuilds()  # serve: what the last build leaves the next
        self.collector = gcpolicy.Deferred()  # serve: each rebuild's garbage, later
        self.renderer: SiteRenderer | None = None
        self.pages: dict[str, PageSpec] = {}
        self.claims_path = ""
        self.loaded: Project | None = None
        self.templates_dir: str | None = None
        self._full_content: dict[str, str] = {}
        self._files: Files | None = None  # this build's, for the theme's links to pages
        self.left_out: set[str] = set()  # generated pages this rebuild does not hand MkDocs
        self._directory_urls = True
        self.share = ShareCards()
        self.i18n, self.apart = Localizer(), {}  # apart: pages searched in their language

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"
        self.dirty = dirty

    # -- check first: nothing is written if a citation is wrong -------------------------

    def on_config(self, config):
        if self.serving and self.result is not None:  # a rebuild: see Rebuilds
            self.collector.pause()
        self.prefix = folder_prefix(self.config.prefix)  # where this one's pages go
        self.i18n = _localizer(config)
        root = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        self.claims_path = os.path.join(root, self.config.claims)
        self.templates_dir = _templates_dir(root, self.config.templates, self.templates_dir)
        try:
            with gcpolicy.paused():  # loading allocates much and frees little
                # a build forks worker processes for a large publication; a preview
                # server, with its threads, never forks (and re-checks little)
                result = check_file(self.claims_path, self.cache if self.serving else None,
                                    jobs=1 if self.serving else None,
                                    lint_broken=not self.serving)
        except ClaimsFileError as exc:
            self.preview.failure = f"factcheck: {exc}"
            return self._failed(config, f"factcheck: {exc}")
        self.loaded = result.project or self.loaded  # its files are watched, even broken
        _log_warnings(result, self.rebuilds.new_warnings(result) if self.serving
                      else result.warnings)
        if result.errors or result.project is None:
            errors = _finding_texts(result, result.errors)
            for error in errors:
                log.error(error)
            summary = report.summary_line(result.summary)
            self.preview.failure = "\n\n".join(errors + [summary])
            return self._failed(config, f"factcheck: {summary} The site was not built; "
                                "fix the errors above (run `factcheck check` for details).")
        if self.serving:  # `mkdocs build` says it last, with where the site is
            log.info(f"factcheck: {report.summary_line(result.summary)}")
        self.result = result
        self.view = published_view(result, drafts.shown(self.serving, self.config.preview))
        self.built_to = None
        _prepare_cards(self.share, self.config, config, self.view.project, self.serving,
                       self.prefix, self.i18n)
        config = self._with_assets(config)
        if not self.serving:  # a build: what only the check needed goes now
            release.for_pages(self.result, self.view)
        return config

    def _failed(self, config, message: str):
        """Stop the build, keeping site/ as it was. In ``serve`` with no good build
        yet, build the hand-written pages instead: the preview shows the error on
        them, and the first good edit brings the generated pages."""
        if self.serving and self.result is None:
            log.error(message)
            return config
        raise PluginError(message)

    def _with_assets(self, config):
        # A missing site_url is a warning (a --strict build stops on it); hints are info.
        project = self.view.project
        for level, note in structured_data_notes(project.claims, config.site_url,
                                                 {s.id: s for s in project.stories}):
            (log.warning if level == "warning" else log.info)(f"factcheck: {note}")
        for css in (self.prefix + VERDICT_CSS, ASSETS[0]):
            if css not in config.extra_css:
                config.extra_css.append(css)
        if ASSETS[1] not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(ASSETS[1])
        return config

    # -- the generated pages ---------------------------------------------------------

    def on_files(self, files: Files, config) -> Files:
        self.pages, self.left_out = {}, set()
        self._files, self._directory_urls = files, config.use_directory_urls
        if self.result is None:  # serve after a failed first check: no generated pages
            return buildfiles.with_placeholder_front_page(files, config)
        paths = buildfiles.DocsPaths(config.docs_dir)
        withheld = buildfiles.withhold(self.result.project, files, config, paths)
        if withheld:
            log.debug(f"factcheck: not published (excerpts or none): {', '.join(withheld)}")
        buildfiles.withhold_drafts(files, config, self.result, self.view, self.config.preview)
        options = _site_options(self, files, config, paths)
        try:
            self.renderer = SiteRenderer(self.view, options, self.rebuilds.environment(options)
                                         if self.serving else None,
                                         self.rebuilds.specs if self.serving else None)
        except Exception as exc:  # a broken override template, most likely
            raise PluginError(f"factcheck: cannot prepare the site: {exc}") from exc
        keep = _unchanged(self, config, options)
        # every page MkDocs has must be handed, when it renders a hand-written page
        # (links) or Pagefind reads the pages (their languages)
        hand_all = not keep or buildfiles.hand_written_rebuilt(files) or wants_pagefind(
            self.config.pagefind, config, self.serving)
        self.pages, self.left_out = buildfiles.add_pages(
            files, config, self.renderer.pages(), self.prefix, keep, self.rebuilds.stamp,
            hand_all)
        buildfiles.add_site_files(files, config, self.renderer, self.prefix,
                                  self.rebuilds.claims_files(
                                      self.renderer, os.path.join(config.site_dir, self.prefix)),
                                  self.rebuilds.feed(self.renderer) if self.serving else None)
        return files

    def on_env(self, env, config, files):  # what the factcheck theme's footer needs
        env = self.rebuilds.theme_environment(env) if self.serving else env
        self.i18n.install(env) if config.theme.name == "factcheck" else None  # else theirs
        self.apart = (languages_of(self.renderer, self.pages, self._files, self.i18n.tag)
                      if wants_pagefind(self.config.pagefind, config, self.serving) else {})
        env.globals["factcheck"] = {
            "publisher": self.config.publisher_name, "doc": self._doc_url,
            "publisher_url": self.config.publisher_url, "default_image": self.share.uri(None),
            "language": self.result.project.language if self.result else None,
            "search_strings": self.i18n.script_strings(), "search_languages": sorted(self.apart)}
        return env

    def _doc_url(self, src_uri: str) -> str | None:
        """The URL of a page of the site (None: no such page), looked up when the
        theme asks: a table of 5,000 URLs made on every rebuild cost more."""
        found = self._files.get_file_from_path(src_uri) if self._files else None
        if found is None and src_uri in self.left_out:  # unchanged, not handed to MkDocs
            return page_url(src_uri, self._directory_urls)
        if found is None or not found.is_documentation_page() or \
                not found.inclusion.is_included():
            return None
        return found.url

    def on_post_page(self, output: str, page, config):  # every head names the feed
        if self.renderer is None:
            return output
        spec = self.pages.get(page.file.src_uri)
        if spec is not None:  # written: its content is not held until the build ends
            page.content = None
            output = _generated_head(output, spec, self.renderer.site, root_of(page.url))
        return with_feed_link(output, root_of(page.url) + self.prefix, config.site_name)

    def on_page_markdown(self, markdown, page, config, files):
        spec = self.pages.get(page.file.src_uri)
        if spec is None:  # a hand-written page: its placeholders filled, in the locale
            return handwritten.fill(markdown, self.result and self.result.project, self.i18n)
        page.meta["title"] = spec.title  # plain text, as the search index wants it
        image = self.share.uri(spec.key) if spec.kind == "claim" else None
        page.meta.update(pagemeta.page_meta(self.renderer.site, spec, image))
        return ""

    def on_page_content(self, html, page, config, files):
        """A generated page's table of contents and ids now; its context and HTML
        when it is written (:meth:`_context_for_search`), never held for every page
        at once (see :meth:`SiteRenderer.outline`)."""
        spec = self.pages.get(page.file.src_uri)
        if spec is None:
            return html
        toc, page.present_anchor_ids = _rendering(spec, self.renderer.outline)
        page.toc = get_toc(toc)
        return ""

    @event_priority(100)  # before the search plugin indexes the page
    def _context_for_search(self, context, page, config, nav):
        spec = self.pages.get(page.file.src_uri)
        if spec is not None:
            values = _rendering(spec, self.renderer.prepare).html
            html = _rendering(spec, self.renderer.html, values)
            self._full_content[page.file.src_uri] = html
            page.content = for_search(html, spec.kind)
        return context

    @event_priority(-100)  # after the search plugin, before the theme renders
    def _context_for_theme(self, context, page, config, nav):
        spec = self.pages.get(page.file.src_uri)
        if spec is not None:
            page.content = self._full_content.pop(page.file.src_uri, page.content)
            # Themes print page.title into <title> unescaped: escape editor text here
            # (the search index above got the plain text, and escapes it itself).
            page.meta["title"] = escape(spec.title)  # Markup: the factcheck theme's |e keeps it
        return context

    on_page_context = CombinedEvent(_context_for_search, _context_for_theme)

    # -- the last word of `mkdocs build`: the check's summary and where the site is ----

    def on_post_build(self, config):
        self.built_to = config.site_dir
        self.rebuilds.finished()
        if self.serving:  # the session's base, made once: see gcpolicy.Deferred
            self.collector.settle()
        self.collector.resume()
        _publish_cards(self.share, config.site_dir)
        if wants_pagefind(self.config.pagefind, config, self.serving):
            run_pagefind(config.site_dir, self.apart)

    def on_build_error(self, error):
        self.share.cleanup()
        self.collector.resume()

    def on_shutdown(self):
        """Runs after MkDocs' own "Documentation built" line, so the editor's last
        line says what was checked and where the site is."""
        self.rebuilds.close()
        self.collector.close()
        if not self.serving and self.built_to and self.result is not None:
            _say_where(self.result, self.built_to)

    def on_serve(self, server, config, builder):
        self.preview.install(server)
        watcher.install(server, idle=self.preview.idle)
        if not self.dirty:
            log.info("factcheck: `mkdocs serve --dirty` (as `make serve` runs it) rebuilds "
                     "only the pages an edit affects")
        watched = [self.claims_path]
        if self.loaded is not None:
            project = self.loaded
            stories = [os.path.abspath(name) for name in project.files[1:]]
            watched += sorted({os.path.dirname(p) for p in stories})  # new files too
            watched += [os.path.join(project.root, s.file) for s in project.sources]
        if self.templates_dir:
            watched.append(self.templates_dir)
        docs = os.path.realpath(config.docs_dir)
        for path in watched:
            real = os.path.realpath(path)
            if os.path.exists(real) and os.path.commonpath([docs, real]) != docs:
                server.watch(real)
        return server


def _site_options(plugin: FactcheckPlugin, files: Files, config,
                  paths: buildfiles.DocsPaths) -> SiteOptions:
    """What the renderer needs from the configuration and this build's files."""
    project = plugin.view.project
    return SiteOptions(
        site_name=config.site_name,
        site_url=config.site_url,
        publisher_name=plugin.config.publisher_name,
        publisher_url=plugin.config.publisher_url,
        use_directory_urls=config.use_directory_urls,
        templates_dir=plugin.templates_dir,
        source_files=buildfiles.published(project, files, config, "file", paths),
        original_files=buildfiles.published(project, files, config, "original", paths),
        front_page=files.get_file_from_path(plugin.prefix + "index.md") is None,
        prefix=plugin.prefix,
        share_cards={c.id: uri for c in project.claims if (uri := plugin.share.uri(c.id))},
        policies=drafts.policy_urls(config.theme, plugin._doc_url, config.site_url),
        locale=str(plugin.i18n.locale), strings=plugin.i18n.overrides,
    )


def _unchanged(plugin: FactcheckPlugin, config, options: SiteOptions) -> set[str]:
    """Generated pages whose content key is the one last built (serve --dirty)."""
    if not (plugin.serving and plugin.dirty):
        return set()
    with open(config.config_file_path or os.devnull, encoding="utf-8",
              errors="replace") as handle:
        site_wide = repr(options) + handle.read()
    checked = plugin.result.project  # the check's keys of the claims: their digests
    return plugin.rebuilds.unchanged(plugin.view, plugin.renderer, site_wide,
                                     os.path.join(config.site_dir, plugin.prefix),
                                     config.use_directory_urls,
                                     lambda claim: plugin.cache.key(checked, claim))
