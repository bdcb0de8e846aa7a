"""What ``mkdocs build`` lets go of once the check has passed.

The check needs much that the site never shows: each source's normalized form and
sentences (to match quotes and lint them), the location of every field of every
claim (for its findings), the claims files' text (for the findings' snippets) and
the findings themselves, logged by then. A build renders tens of thousands of pages
after the check, so whatever the check's result still holds is held through all of
them, a large part of a large archive's peak memory. The pages need only the
claims, each source's text and paragraphs, and the resolved quotes.

``mkdocs serve`` keeps everything: its next check reuses the prepared sources, and
its page keys read the claims files' text (generator/site/pagekeys.py).
"""

from __future__ import annotations

from generator.checker.model import CheckResult, Project

# What a prepared source (textmatch.SourceText) keeps for the site: its text and
# paragraph spans (and the paragraph starts derived from them); the rest is the
# matcher's, made again on demand if anything asks for it.
SOURCE_KEEPS = frozenset({"original", "paras", "_para_starts"})


def for_pages(result: CheckResult, view: CheckResult) -> None:
    """Drop from a passed check's result (and its published ``view``, which shares
    its objects) what only the check needed. Called once the warnings are logged
    and the share cards decided; the summary stays, for the build's last line."""
    for src in result.sources.values():
        held = vars(src)
        for name in [n for n in held if n not in SOURCE_KEEPS]:
            del held[name]
    for project in {id(p): p for p in (result.project, view.project) if p}.values():
        _forget_places(project)
    result.findings, view.findings = [], []
    result.files.clear()
    view.files.clear()


def _forget_places(project: Project) -> None:
    """The line and column of every field (findings' places; no page shows one), and
    the claims files' text (findings' snippets): their names stay, the texts go."""
    for claim in project.claims:
        claim.locs = {}
        for part in (*claim.citations, *claim.updates):
            part.locs = {}
    for item in (*project.sources, *project.stories, *project.authors,
                 *project.speakers, *project.verdicts):
        item.locs = {}
    project.locs = {}
    for name in project.texts:
        project.texts[name] = ""
