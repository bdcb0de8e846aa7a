"""The data the checker, the site and the CLI share: claims, sources, findings.

Everything here is plain data. Every value loaded from claims.yaml remembers where
it came from (a :class:`Loc`), so that a finding about it can point an editor at
the exact line and column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import NamedTuple, TypeVar

T = TypeVar("T")


class Loc(NamedTuple):
    """A span of claims.yaml, 1-based lines and columns, end exclusive.

    ``start`` and ``end`` are the same span as character offsets into the text the
    loader read (0, 0 when unknown), so ``--fix`` can edit a value in place.
    A tuple, not a dataclass: the loader makes one for every value of a file with
    thousands of claims, and a tuple is several times cheaper to make.

    >>> Loc(3, 5, 3, 12).line
    3
    """

    line: int = 1
    column: int = 1
    end_line: int = 1
    end_column: int = 1
    start: int = 0
    end: int = 0


NOWHERE = Loc()


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"  # worth knowing; never fails a check, even a strict one


STATUSES = ("draft", "review", "published")  # a claim's or story's stage, in order
UPDATE_TYPES = ("correction", "clarification", "update")  # the kinds of `updates` entry


class Stance(str, Enum):
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    CONTEXT = "context"


@dataclass(frozen=True)
class Finding:
    """One problem, carrying its location, like a linter alert.

    Findings sort by position, so every output format lists them in file order.
    """

    path: str
    loc: Loc
    severity: Severity
    code: str
    message: str
    claim: str | None = None
    citation: int | None = None
    suggestion: str | None = None

    def sort_key(self) -> tuple:
        return (self.path, self.loc, self.code, self.message)

    @property
    def line(self) -> int:
        return self.loc.line

    @property
    def column(self) -> int:
        return self.loc.column


def first_by_id(items: Iterable[T], key: Callable[[T], str] = lambda item: item.id
                ) -> tuple[dict[str, T], list[T]]:
    """Index items by id; when ids repeat, the first item wins.

    The checker reports the others (``duplicate-id``); the site, the review summary
    and ``--fix`` all use the first, so they agree on which item an id means.

    >>> index, repeats = first_by_id(["ab", "ac", "bd"], key=lambda s: s[0])
    >>> index, repeats
    ({'a': 'ab', 'b': 'bd'}, ['ac'])
    """
    index: dict[str, T] = {}
    repeats: list[T] = []
    for item in items:
        ident = key(item)
        if ident in index:
            repeats.append(item)
        else:
            index[ident] = item
    return index, repeats


@dataclass
class Verdict:
    id: str
    label: str
    rating: int
    description: str = ""
    color: str | None = None
    expects: str | None = None  # supports | contradicts | any; None: derive from rating
    requires: dict[str, int] = field(default_factory=dict)  # {"origins": N}
    origin: str = ""  # the claims file it was declared in, as findings name it
    locs: dict[str, Loc] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Source:
    id: str
    file: str
    title: str
    publisher: str | None = None
    author: str | None = None
    published: date | None = None
    url: str | None = None
    sha256: str | None = None
    language: str | None = None  # BCP 47, lowercase
    retrieved: date | None = None
    original: str | None = None  # the archived page, PDF or file, as retrieved
    original_sha256: str | None = None
    boilerplate: list[str] = field(default_factory=list)  # captions etc.: not the article
    origin: str = ""
    relays: list[str] = field(default_factory=list)  # origins this source passes on
    publish: str | None = None  # full | excerpts | none; None: the publication's
    license: str | None = None  # a licence or rights note, shown on the source page
    archive: str | None = None  # a third-party archived copy (Internet Archive)
    archived: date | None = None  # the day that copy was made
    locs: dict[str, Loc] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Citation:
    source: str
    quote: str
    stance: Stance
    prefix: str | None = None
    suffix: str | None = None
    note: str | None = None
    translation: str | None = None  # the newsroom's translation, Markdown
    speaker: str | None = None  # whose statement the passage reports: a name or an id
    index: int = 0  # position in the claim's citations as written (0-based)
    locs: dict[str, Loc] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Update:
    """One entry of a claim's ``updates`` log. ``type`` is one of
    :data:`UPDATE_TYPES` (``update`` when the editor wrote none); ``was`` is the
    verdict a correction replaced, when it changed the verdict."""

    date: date
    note: str
    type: str = "update"
    was: str | None = None
    locs: dict[str, Loc] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Claim:
    id: str
    claim: str
    verdict: str
    summary: str
    citations: list[Citation]
    claimant: str | None = None
    claimant_type: str | None = None  # "person" or "organization", as the editor says
    claim_date: date | None = None
    tags: list[str] = field(default_factory=list)
    published: date | None = None
    updates: list[Update] = field(default_factory=list)
    appearance: list[str] = field(default_factory=list)
    origin: str = ""
    story: str | None = None  # id of the story whose file holds the claim
    status: str | None = None  # draft | review | published, as written (None: the story's)
    checked_by: list[str] = field(default_factory=list)  # author ids of its checkers
    claim_reviewed: str | None = None  # the short form for ClaimReview and cards
    claimant_url: str | None = None  # a page identifying the claimant (Wikidata...)
    locs: dict[str, Loc] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Author:
    """A person in the ``authors:`` registry of claims.yaml; stories name them by id."""

    id: str
    name: str
    role: str
    url: str | None = None
    bio: str | None = None
    origin: str = ""
    locs: dict[str, Loc] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Speaker:
    """A person or body in the ``speakers:`` registry: whose word a passage reports.

    Citations name a speaker by ``id``, by ``name`` or by one of its ``aliases``;
    every way of naming it counts as one origin.
    """

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    origin: str = ""
    locs: dict[str, Loc] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Story:
    """The ``story:`` of an included claims file: one published fact-check article.

    ``claims`` are the ids of the claims in the same file, in file order.
    """

    id: str
    title: str
    published: date
    dek: str | None = None
    updated: date | None = None
    authors: list[str] = field(default_factory=list)
    intro: str | None = None
    claims: list[str] = field(default_factory=list)
    origin: str = ""
    language: str | None = None  # BCP 47, where the story is not in the publication's
    status: str | None = None  # draft | review | published, as written (None: published)
    checked_by: list[str] = field(default_factory=list)  # author ids of its checkers
    locs: dict[str, Loc] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Project:
    """claims.yaml as loaded, with every file it includes: what editors wrote, located.

    ``path`` is claims.yaml as given to the loader; included files are named by
    their path from the same place (``stories/a.yaml`` next to ``claims.yaml``), and
    ``texts`` maps each of those names to the file's text, for snippets in reports.
    """

    path: str  # claims.yaml as given to the loader, used in findings
    root: str  # directory that source paths are relative to
    verdicts: list[Verdict]
    sources: list[Source]
    claims: list[Claim]
    text: str = ""  # claims.yaml's text, for snippets in reports
    authors: list[Author] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # every file read, by its name
    partial: bool = False  # an included file could not be loaded: usage is unknown

    @property
    def files(self) -> list[str]:
        """Every claims file of the project, claims.yaml first."""
        return [self.path, *(p for p in self.texts if p != self.path)]

    def author(self, author_id: str) -> Author | None:
        return next((a for a in self.authors if a.id == author_id), None)

    def story(self, story_id: str) -> Story | None:
        return next((s for s in self.stories if s.id == story_id), None)
    rules: dict[str, str] = field(default_factory=dict)  # rule code -> error|warning|off
    hedges: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # lang -> kind -> words
    language: str = "en"  # BCP 47: the language the newsroom writes its fact-checks in
    second_check: str | None = None  # "required": publishing needs a second checker
    # What the site may publish of the sources (see generator/checker/excerpts.py):
    publish: str = "excerpts"  # the default for sources without their own `publish`
    context_words: int = 20  # excerpts: words of context either side of a quote's sentence
    max_quote_words: int = 50  # quote-too-long above this, from a source not in full
    locs: dict[str, Loc] = field(default_factory=dict, repr=False, compare=False)

    def verdict(self, verdict_id: str) -> Verdict | None:
        return next((v for v in self.verdicts if v.id == verdict_id), None)

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)


@dataclass(frozen=True)
class Resolution:
    """Where a verified quote sits in its source's original text.

    ``start``/``end`` are character offsets into the source text as read (end
    exclusive) covering the whole quote; ``pieces`` are the spans of each part of
    an elided quote (one piece when nothing is elided). ``paragraph`` is 1-based.
    ``exact`` is the source's own text for each piece, joined as the quote joined them.
    """

    source: str
    start: int
    end: int
    paragraph: int
    pieces: tuple[tuple[int, int], ...]
    exact: str


@dataclass
class Summary:
    claims: int = 0
    citations: int = 0
    verified: int = 0
    errors: int = 0
    warnings: int = 0
    info: int = 0


@dataclass
class CheckResult:
    """Everything a check learned: findings, and for the site, resolved quotes.

    ``resolutions`` maps (claim id, citation index) to where the quote resolved;
    ``sources`` maps source id to the source as the checker prepared it (a
    :class:`~generator.checker.textmatch.SourceText`: its text, normalized form and
    paragraph spans), for sources that could be read, so the site reuses them;
    ``files`` maps each claims file read (claims.yaml and the files it includes)
    to its text, for snippets in reports, even when the project did not load.
    ``boilerplate`` maps source id to the spans (start, end) of its declared
    boilerplate passages, every occurrence, in text order.
    """

    project: Project | None
    findings: list[Finding]
    resolutions: dict[tuple[str, int], Resolution] = field(default_factory=dict)
    sources: dict = field(default_factory=dict)  # source id -> textmatch.SourceText
    summary: Summary = field(default_factory=Summary)
    files: dict[str, str] = field(default_factory=dict)
    boilerplate: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    @property
    def texts(self) -> dict[str, str]:
        """Each readable source's original text, by source id."""
        return {sid: src.original for sid, src in self.sources.items()}

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def info(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.INFO]
