"""Lists cut into numbered pages, so that no page grows with the archive.

A list of 16,000 claims on one page is megabytes that a phone must download and
lay out; so every list the site shows (all claims, a verdict's, a tag's, a
year's, a story's beyond a screenful, an author's stories, the sources, the
stories, the corrections log, the cross-reference) is cut into pages of
:data:`PAGE_SIZE` items (a story's claims, shown as cards, :data:`STORY_PAGE`).
Page 1 keeps the list's own URL (``claims/``); page ``n`` is under it
(``claims/page/n/``), so a link to a list never breaks and page ``n`` of a list
is always the same address. Each page links to its
neighbours (``rel="prev"``/``"next"``, in the head and in the page) and to a
window of numbered pages around it, the first and the last.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape

PAGE_SIZE = 100  # items on a page of a list (a row of a claims list is ~600 bytes)
STORY_PAGE = 50  # claims on a page of a story: cards, with the story's cross-reference
SOURCE_PAGE = 50  # claims a source page lists (and highlights the passages of)


def count(items: int, size: int = PAGE_SIZE) -> int:
    """How many pages a list of ``items`` takes (an empty list still has one).

    >>> count(0), count(100), count(101)
    (1, 1, 2)
    """
    return max(1, -(-items // size))


def paged_uri(src_uri: str, number: int) -> str:
    """Where page ``number`` of a list whose first page is ``src_uri`` goes.

    >>> paged_uri("claims/index.md", 1), paged_uri("claims/index.md", 3)
    ('claims/index.md', 'claims/page/3/index.md')
    >>> paged_uri("cross-reference.md", 2)
    'cross-reference/page/2/index.md'
    """
    if number == 1:
        return src_uri
    folder = src_uri[:-len("index.md")] if src_uri.endswith("/index.md") or \
        src_uri == "index.md" else src_uri[:-3] + "/"
    return f"{folder}page/{number}/index.md"


def window(number: int, total: int, around: int = 2) -> list[int | None]:
    """The page numbers a pager shows: the first, the last, and those around the
    current one; None where numbers are left out.

    >>> window(1, 3), window(7, 20), window(19, 20)
    ([1, 2, 3], [1, None, 5, 6, 7, 8, 9, None, 20], [1, None, 17, 18, 19, 20])
    """
    shown = sorted({1, total, *range(max(1, number - around), min(total, number + around) + 1)})
    out: list[int | None] = []
    for n in shown:
        if out and n - out[-1] > 1:
            out.append(None)
        out.append(n)
    return out


def part(items: list, number: int, size: int = PAGE_SIZE) -> list:
    """The items on page ``number`` (1-based).

    >>> part(list(range(7)), 2, size=3)
    [3, 4, 5]
    """
    return items[(number - 1) * size:number * size]


@dataclass(frozen=True)
class Pager:
    """Where a page of a list is among the others: for the pager template."""

    number: int
    total: int
    urls: tuple[str, ...]  # every page's URL, relative to the site root
    items: int = 0  # in the whole list
    size: int = PAGE_SIZE  # items a page

    @property
    def previous(self) -> str | None:
        return self.urls[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.urls[self.number] if self.number < self.total else None

    @property
    def numbers(self) -> list[int | None]:
        return window(self.number, self.total)

    @property
    def first_item(self) -> int:
        """The 1-based position of this page's first item in the whole list."""
        return (self.number - 1) * self.size + 1 if self.items else 0

    @property
    def last_item(self) -> int:
        return min(self.items, self.number * self.size)


def with_neighbours(page: str, root: str, urls: list[str], number: int) -> str:
    """A built page of a list (page ``number`` of those at ``urls``) with
    ``<link rel="prev">`` and ``rel="next"`` in its head: put in after the theme has
    drawn the page, whatever the theme.

    >>> with_neighbours("<head></head>", "../../", ["claims/", "claims/page/2/"], 1)
    '<head><link rel="next" href="../../claims/page/2/"></head>'
    """
    at = page.lower().find("</head>")
    neighbours = (("prev", urls[number - 2] if number > 1 else None),
                  ("next", urls[number] if number < len(urls) else None))
    tags = "".join(f'<link rel="{rel}" href="{escape(root + url)}">'
                   for rel, url in neighbours if url)
    return page if at < 0 or not tags else page[:at] + tags + page[at:]
