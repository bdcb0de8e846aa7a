"""Markdown for editor-written fields (summaries, notes, corrections), made inert.

Summaries and notes arrive in pull requests from people we trust to write prose, not
to write HTML. So raw HTML is off (it comes out as text), and every link or image
address must use an allowed scheme: ``http``, ``https``, ``mailto`` (links only) or
no scheme at all (a relative link or ``#anchor``). ``javascript:``, ``data:``,
``vbscript:``, ``file:`` and anything unknown are refused: the Markdown stays as
text instead of becoming a link.

Headings are demoted by two levels so a ``# Heading`` in a summary cannot compete
with the page's own title and section headings.

>>> str(to_html("**Bold** <script>alert(1)</script>"))
'<p><strong>Bold</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p>\\n'
>>> str(to_html("[x](javascript:alert(1))"))
'<p>[x](javascript:alert(1))</p>\\n'
>>> str(to_html("[ok](https://example.org)"))
'<p><a href="https://example.org" rel="nofollow noopener">ok</a></p>\\n'
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markupsafe import Markup

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
IMAGE_SCHEMES = frozenset({"http", "https"})

# A scheme is letters, digits, + - . before a colon, and a colon before any / ? #.
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Browsers ignore these inside a URL's scheme ("java\tscript:" still runs).
_IGNORED = re.compile(r"[\x00-\x20\x7f-\x9f]")
_HEADING = re.compile(r"^h([1-6])$")


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see in ``url``, lowercased, or None if relative.

    >>> url_scheme("JaVa\\tScRiPt:alert(1)")
    'javascript'
    >>> url_scheme("../claims/x/#ev-0") is None
    True
    >>> url_scheme("//example.org/x")
    'https'
    """
    cleaned = _IGNORED.sub("", unquote(url))
    if cleaned.startswith("//") or cleaned.startswith("\\\\"):
        return "https"  # protocol-relative: the page's own scheme
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def is_safe_url(url: str, *, image: bool = False) -> bool:
    """Whether ``url`` may become an ``href`` (or an image ``src``).

    >>> is_safe_url("data:text/html,<script>alert(1)</script>")
    False
    >>> is_safe_url("mailto:desk@example.org"), is_safe_url("mailto:x@y", image=True)
    (True, False)
    """
    scheme = url_scheme(url)
    if scheme is None:
        return True
    return scheme in (IMAGE_SCHEMES if image else LINK_SCHEMES)


def _demote_headings(renderer, tokens, idx, options, env) -> str:
    token = tokens[idx]
    match = _HEADING.match(token.tag)
    if match:
        token.tag = f"h{min(6, int(match.group(1)) + 2)}"
    return renderer.renderToken(tokens, idx, options, env)


def _link_open(renderer, tokens, idx, options, env) -> str:
    token = tokens[idx]
    href = token.attrGet("href") or ""
    if url_scheme(href) is not None:
        token.attrSet("rel", "nofollow noopener")
    return renderer.renderToken(tokens, idx, options, env)


def _image(renderer, tokens, idx, options, env) -> str:
    token = tokens[idx]
    if not is_safe_url(token.attrGet("src") or "", image=True):
        # Keep the alt text readable instead of loading something we refused.
        return renderer.renderInline(token.children or [], options, env)
    token.attrSet("loading", "lazy")
    return renderer.image(tokens, idx, options, env)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False})
    md.validateLink = lambda url: is_safe_url(url)  # images re-checked in _image
    md.add_render_rule("heading_open", _demote_headings)
    md.add_render_rule("heading_close", _demote_headings)
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("image", _image)
    return md


# Both conversions are pure functions of the text, and the same summaries come back
# on claim, story, author and front pages, and on every rebuild of the preview.
MEMO = 32768


@lru_cache(maxsize=MEMO)
def to_html(text: str | None) -> Markup:
    """Editor Markdown as HTML that can be placed in a page as is."""
    if not text:
        return Markup("")
    return Markup(_parser().render(text))


@lru_cache(maxsize=MEMO)
def to_text(text: str | None) -> str:
    """Editor Markdown as plain text: the words a reader sees, without markup.

    For one-line summaries (claim cards, feed entries), which are escaped again on
    output like any other text.

    >>> to_text("The **report** says [so](https://example.org).\\nNext\\n\\nTwo paragraphs.")
    'The report says so. Next Two paragraphs.'
    """
    if not text:
        return ""
    words: list[str] = []
    for token in _parser().parse(text):
        if token.type == "inline" and token.children:
            words += [" " if child.type in ("softbreak", "hardbreak") else child.content
                      for child in token.children
                      if child.type in ("text", "code_inline", "softbreak", "hardbreak")]
            words.append(" ")
        elif token.type in ("code_block", "fence"):
            words += [token.content, " "]
    return " ".join("".join(words).split())
