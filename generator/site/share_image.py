"""Share cards: a 1200x630 PNG per claim, showing the verdict and the claim.

Social sites show this image when a claim page is shared, so a reader sees the
verdict before the link is opened. Drawn with Pillow (a well-kept imaging library;
a PNG encoder and text layout by hand would be far more code) in Pillow's own
scalable font, so the build needs no system font. A site whose claims use scripts
that font lacks can pass any TrueType file as ``font``.

Pure: text and colours in, PNG bytes out; nothing here knows MkDocs.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import astuple, dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 64
INK = (27, 27, 27)
MUTED = (79, 79, 79)
PAPER = (255, 255, 255)
BAND = (20, 23, 26)
ACCENT = (179, 92, 0)


@dataclass(frozen=True)
class Card:
    """What a share card says. ``color`` is the verdict's badge colour (#rrggbb)."""

    title: str  # the claim (or, for a site card, the site's description)
    verdict: str | None = None
    color: str = "#4f4f4f"
    byline: str = ""  # who made the claim, and when
    site_name: str = ""


@lru_cache(maxsize=32)
def _font(size: int, path: str | None = None):
    if path:
        return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def _rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    return tuple(int(color[i:i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def _on(color: tuple[int, int, int]) -> tuple[int, int, int]:
    """Black or white text, whichever contrasts more with ``color``."""
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    lum = 0.2126 * channel(color[0]) + 0.7152 * channel(color[1]) + 0.0722 * channel(color[2])
    return PAPER if 1.05 / (lum + 0.05) >= (lum + 0.05) / 0.05 else (0, 0, 0)


def wrap(text: str, font, width: float) -> list[str]:
    """Greedy word wrap by measured width; a word wider than a line is cut.

    >>> wrap("a b c", _font(40), 10_000)
    ['a b c']
    >>> len(wrap("word " * 40, _font(40), 600)) > 3
    True
    """
    lines: list[str] = []
    line = ""
    for word in text.split():
        while font.getlength(word) > width:  # one very long word: cut it
            cut = len(word)
            while cut > 1 and font.getlength(word[:cut]) > width:
                cut -= 1
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _fit(text: str, width: int, height: int, font_path: str | None):
    """The largest font size at which ``text`` fits the box, and its lines."""
    for size in (60, 54, 48, 43, 38, 34, 30):
        font = _font(size, font_path)
        lines = wrap(text, font, width)
        if len(lines) * size * 1.25 <= height:
            return font, size, lines
    font = _font(30, font_path)
    lines = wrap(text, font, width)
    keep = max(1, int(height // (30 * 1.25)))
    if len(lines) > keep:
        lines = lines[:keep]
        lines[-1] = lines[-1].rstrip(" .,;:") + "\u2026"
    return font, 30, lines


def render(card: Card, font_path: str | None = None) -> bytes:
    """The card as PNG bytes.

    >>> png = render(Card("Eleven tanks crossed.", "Accurate", "#1a7f37", "Governor, 7 Aug"))
    >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    >>> Image.open(io.BytesIO(png)).size
    (1200, 630)
    """
    img = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(img)
    # The masthead band with the site's name.
    draw.rectangle((0, 0, WIDTH, 84), fill=BAND)
    draw.rectangle((0, 84, WIDTH, 90), fill=ACCENT)
    name = _font(34, font_path)
    site = card.site_name
    while site and name.getlength(site) > WIDTH - 2 * MARGIN:
        site = site[:-2].rstrip() + "\u2026" if len(site) > 2 else ""
        site = site.replace("\u2026\u2026", "\u2026")
    draw.text((MARGIN, 42), site, font=name, fill=PAPER, anchor="lm")
    top = 122
    if card.verdict:
        # The verdict as a labelled badge: the word carries the meaning, not the colour.
        label_font = _font(28, font_path)
        draw.text((MARGIN, top + 28), "VERDICT", font=label_font, fill=MUTED, anchor="lm")
        badge_font = _font(46, font_path)
        verdict = card.verdict
        x0 = MARGIN + int(label_font.getlength("VERDICT")) + 24
        while verdict and badge_font.getlength(verdict) > WIDTH - MARGIN - x0 - 48:
            verdict = verdict[:-2] + "\u2026"
        bg = _rgb(card.color)
        x1 = x0 + int(badge_font.getlength(verdict)) + 48
        draw.rounded_rectangle((x0, top, x1, top + 60), radius=10, fill=bg)
        draw.text((x0 + 24, top + 30), verdict, font=badge_font, fill=_on(bg), anchor="lm",
                  stroke_width=1, stroke_fill=_on(bg))
        top += 96
    byline_h = 56 if card.byline else 0
    font, size, lines = _fit(f"\u201c{card.title}\u201d" if card.verdict else card.title,
                             WIDTH - 2 * MARGIN, HEIGHT - top - byline_h - 40, font_path)
    y = top
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=INK, stroke_width=1, stroke_fill=INK)
        y += int(size * 1.25)
    if card.byline:
        draw.text((MARGIN, HEIGHT - 48), card.byline, font=_font(30, font_path), fill=MUTED,
                  anchor="ls")
    out = io.BytesIO()
    # A palette image: a quarter of the bytes of RGB, and quicker to compress.
    img.quantize(colors=48, method=Image.Quantize.FASTOCTREE).save(out, "PNG")
    return out.getvalue()



VERSION = "1"  # bump when the drawing changes, so that every card is redrawn


def card_key(card: Card, font_path: str | None = None) -> str:
    """A name for the card made from everything drawn on it. Cards are published
    under this name, so a rebuild can keep the previous build's file for an
    unchanged claim (drawing one takes tens of milliseconds), and a social site
    fetches a new image when the verdict changes.

    >>> card_key(Card("x")) == card_key(Card("x")) != card_key(Card("x", "False"))
    True
    """
    return hashlib.sha256(repr((VERSION, astuple(card), font_path)).encode()).hexdigest()[:20]


def render_many(cards: list[Card], font_path: str | None = None) -> list[bytes]:
    """:func:`render` for each card, spread over the machine's cores when there are
    many (4,000 claims take about two minutes of CPU time to draw).

    >>> [len(png) > 1000 for png in render_many([Card("a"), Card("b")])]
    [True, True]
    """
    workers = min(os.cpu_count() or 1, 8)
    draw = functools.partial(render, font_path=font_path)
    if len(cards) < 64 or workers < 2:
        return [draw(card) for card in cards]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(draw, cards, chunksize=16))
