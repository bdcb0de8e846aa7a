"""The plain twin of a benchmark newsroom: the same pages, as ordinary Markdown.

A fair baseline for ``mkdocs build`` of the factcheck site: one Markdown page for
every page the plugin generates, at the same address, with about the same text.
Lists are cut into pages as the site cuts them (generator/site/pagination.py: 100
items a page, a story's claims 50, a source page listing 50), each page with its
numbered pager; so no page holds thousands of links, on which Python-Markdown's
link parsing is quadratic (a twin with one index of 16,000 links ran for over 13
minutes). Standard library only, deterministic, like generate.py.
"""

from __future__ import annotations

import os
import posixpath
import shutil
from collections import defaultdict

PAGE = 100  # as generator/site/pagination.py: PAGE_SIZE
STORY_PAGE = 50  # ... STORY_PAGE
SOURCE_PAGE = 50  # ... SOURCE_PAGE
RELATED = 12  # as generator/site/pages.py: RELATED_MAX
UPDATE_TYPES = ("correction", "clarification", "update")


def _write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def _page_file(folder: str, number: int) -> str:
    """The Markdown file of page ``number`` of the list at ``folder``."""
    return f"{folder}/index.md" if number == 1 else f"{folder}/page/{number}/index.md"


def _link(here: str, target: str) -> str:
    """A relative link from the Markdown file ``here`` to the file ``target``."""
    return posixpath.relpath(target, posixpath.dirname(here))


def _window(number: int, total: int) -> list[int]:
    return sorted({1, total, *range(max(1, number - 2), min(total, number + 2) + 1)})


def _pager(folder: str, number: int, total: int) -> str:
    if total == 1:
        return ""
    here = _page_file(folder, number)
    parts = [f"Page {number} of {total}:"]
    if number > 1:
        parts.append(f"[Previous]({_link(here, _page_file(folder, number - 1))})")
    for n in _window(number, total):
        parts.append(f"**{n}**" if n == number else
                     f"[{n}]({_link(here, _page_file(folder, n))})")
    if number < total:
        parts.append(f"[Next]({_link(here, _page_file(folder, number + 1))})")
    return "\n\n" + " ".join(parts) + "\n"


def paged(docs: str, folder: str, title: str, rows: list, row, size: int = PAGE,
          head: str = "", header: str = "") -> int:
    """Write a list as pages of ``size`` rows; ``row(here, item)`` is one line.
    Returns how many pages."""
    total = max(1, -(-len(rows) // size))
    for number in range(1, total + 1):
        here = _page_file(folder, number)
        lines = [f"# {title}" + (f" (page {number} of {total})" if total > 1 else ""), "",
                 head, "", header]
        lines += [row(here, item) for item in rows[(number - 1) * size:number * size]]
        _write(os.path.join(docs, here), "\n".join(lines) + _pager(folder, number, total))
    return total


def _claim_file(cid: str) -> str:
    return f"claims/{cid}.md"


CLAIM_TABLE = "| Claim | Claimant | Date | Verdict | Topics |\n|---|---|---|---|---|"


def _claim_row(here: str, c) -> str:
    tags = " ".join(f"[{t}]({_link(here, _page_file(f'claims/tag/{t}', 1))})" for t in c.tags)
    return (f"| [{c.claim}]({_link(here, _claim_file(c.id))}) | {c.claimant} | "
            f"{c.claim_date} | {c.verdict} | {tags} |")


def _year(c) -> str:
    return (c.published or c.claim_date)[:4]


def claim_pages(docs: str, claims: list, by_source: dict, articles: dict) -> int:
    for claim in claims:
        here = _claim_file(claim.id)
        lines = [f"# {claim.claim}", "", f"**Verdict:** {claim.verdict}  ",
                 f"**Claimant:** {claim.claimant}, {claim.claim_date}", "",
                 claim.summary, "", "## Evidence", ""]
        for cite in claim.citations:
            cite = getattr(cite, "original", cite)
            lines += [f"> {cite.quote}", "",
                      f"— [{articles[cite.source].title}]"
                      f"({_link(here, f'sources/{cite.source}.md')}), {cite.stance}", ""]
        related = [c for s in dict.fromkeys(x.source for x in claim.citations)
                   for c in by_source[s] if c.id != claim.id]
        lines += ["## Related claims", ""] + [
            f"- {c.verdict} [{c.claim}]({_link(here, _claim_file(c.id))})"
            for c in list({c.id: c for c in related}.values())[:RELATED]]
        _write(os.path.join(docs, here), "\n".join(lines) + "\n")
    return len(claims)


def source_pages(docs: str, articles: list, by_source: dict) -> int:
    pages = 0
    for art in articles:
        here = f"sources/{art.id}.md"
        citing = by_source[art.id]
        body = art.text.split("\n\n")
        text = "\n\n".join([f"# {art.title}", f"*{art.publisher}, {art.published}*", *body[1:],
                             "## Claims citing this source", ""])
        text += "".join(f"1. {c.verdict} [{c.claim}]({_link(here, _claim_file(c.id))})\n"
                        for c in citing[:SOURCE_PAGE])
        _write(os.path.join(docs, here), text)
        if len(citing) > SOURCE_PAGE:
            pages += paged(docs, f"sources/{art.id}/claims", f"Claims citing {art.title}",
                           citing, _claim_row, header=CLAIM_TABLE)
    return len(articles) + pages


def claim_lists(docs: str, claims: list) -> int:
    """All claims, and by verdict, topic and year, page by page; the topics index."""
    groups: dict[str, list] = defaultdict(list)
    for c in claims:
        groups[f"claims/verdict/{c.verdict}"].append(c)
        for t in c.tags:
            groups[f"claims/tag/{t}"].append(c)
        groups[f"claims/year/{_year(c)}"].append(c)
    pages = paged(docs, "claims", "Claims", claims, _claim_row, header=CLAIM_TABLE)
    for folder, members in groups.items():
        pages += paged(docs, folder, folder.split("/", 1)[1], members, _claim_row,
                       header=CLAIM_TABLE)
    tags = sorted({t for c in claims for t in c.tags})
    counts = {t: len(groups[f"claims/tag/{t}"]) for t in tags}
    pages += paged(docs, "claims/tag", "Topics", tags, lambda here, t: (
        f"- [{t}]({_link(here, _page_file(f'claims/tag/{t}', 1))}) ({counts[t]})"))
    return pages


def xref_rows(here: str, c) -> str:
    cited = ", ".join(f"{x.stance} [{x.source}]({_link(here, f'sources/{x.source}.md')})"
                      for x in c.citations)
    return f"| {c.verdict} [{c.claim}]({_link(here, _claim_file(c.id))}) | {cited} |"


def other_lists(docs: str, claims: list, articles: list) -> int:
    pages = paged(docs, "sources", "Sources", articles, lambda here, a: (
        f"| [{a.title}]({_link(here, f'sources/{a.id}.md')}) | {a.publisher} | "
        f"{a.published} |"), header="| Source | Publisher | Published |\n|---|---|---|")
    pages += paged(docs, "cross-reference", "Cross-reference", claims, xref_rows,
                   header="| Claim | Sources cited |\n|---|---|")
    updates = [(day, note, c) for c in claims for day, note in c.updates]
    updates.sort(key=lambda u: u[0], reverse=True)

    def entry(here, u):
        return f"- update, {u[0]}: [{u[2].claim}]({_link(here, _claim_file(u[2].id))}): {u[1]}"

    pages += paged(docs, "corrections-log", "Corrections log", updates, entry)
    for kind in UPDATE_TYPES:
        pages += paged(docs, f"corrections-log/{kind}", f"Corrections log: {kind}",
                       updates if kind == "update" else [], entry)
    return pages


def story_pages(docs: str, stories: list) -> int:
    """Each story (its claims as cards, 50 a page, and their cross-reference), the
    stories, the authors and each author's stories, the front page."""
    pages = 0
    by_author: dict[str, list] = defaultdict(list)
    for story in stories:
        folder = f"stories/{story.id}"
        total = max(1, -(-len(story.claims) // STORY_PAGE))
        for number in range(1, total + 1):
            here = _page_file(folder, number)
            part = story.claims[(number - 1) * STORY_PAGE:number * STORY_PAGE]
            lines = [f"# {story.title}", "", f"*{story.dek}*", "",
                     f"By {', '.join(story.authors)}, {story.published}", "",
                     f"This week we checked {len(story.claims)} claims.", "",
                     "## The claims", ""]
            lines += [f"- [{c.claim}]({_link(here, _claim_file(c.id))}) **{c.verdict}**, "
                      f"{c.claimant}: {c.summary.splitlines()[0][:150]}" for c in part]
            lines += ["", "## Sources these claims cite", "", "| Claim | Sources cited |",
                      "|---|---|"] + [xref_rows(here, c) for c in part]
            _write(os.path.join(docs, here), "\n".join(lines) + _pager(folder, number, total))
        pages += total
        for author in story.authors:
            by_author[author].append(story)
    newest = sorted(stories, key=lambda s: s.published, reverse=True)

    def story_row(here, s):
        return f"- [{s.title}]({_link(here, _page_file(f'stories/{s.id}', 1))}) {s.dek}"

    pages += paged(docs, "stories", "Stories", newest, story_row)
    pages += paged(docs, "authors", "Authors", sorted(by_author), lambda here, a: (
        f"- [{a}]({_link(here, _page_file(f'authors/{a}', 1))})"))
    for author, mine in by_author.items():
        pages += paged(docs, f"authors/{author}", author,
                       sorted(mine, key=lambda s: s.published, reverse=True), story_row)
    claims = sorted((c for s in stories for c in s.claims), key=lambda c: c.published,
                    reverse=True)
    _write(os.path.join(docs, "index.md"), "# Bench newsroom\n\n## Latest stories\n\n"
           + "".join(story_row("index.md", s) + "\n" for s in newest[:6])
           + "\n## Latest verdicts\n\n" + "".join(
               f"- {c.verdict} [{c.claim}]({_claim_file(c.id)})\n" for c in claims[:12]))
    return pages + 1


def plain_pages(folder: str, articles: list, claims: list, stories: list | None = None) -> int:
    """Write the twin's docs, in place of any earlier ones; return how many pages it has.

    A page left from an earlier twin (once, a single 2 MB cross-reference whose 64,000
    links Python-Markdown parses in quadratic time) would be built and timed too.
    """
    docs = os.path.join(folder, "docs")
    shutil.rmtree(docs, ignore_errors=True)
    by_source: dict[str, list] = defaultdict(list)
    for c in claims:
        for source in dict.fromkeys(x.source for x in c.citations):
            by_source[source].append(c)
    pages = claim_pages(docs, claims, by_source, {a.id: a for a in articles})
    pages += source_pages(docs, articles, by_source)
    pages += claim_lists(docs, claims) + other_lists(docs, claims, articles)
    if stories:
        pages += story_pages(docs, stories)
    else:
        _write(os.path.join(docs, "index.md"), "# Plain pages\n\nThe benchmark's twin site.\n")
        pages += 1
    for art in articles:  # the site publishes the texts themselves too
        _write(os.path.join(docs, "texts", os.path.basename(art.file)), art.text)
    return pages
