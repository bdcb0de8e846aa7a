"""Share cards: a 1200x630 PNG per claim, showing the verdict and the claim.

Social sites show this image when a claim page is shared, so a reader sees the
verdict before the link is opened. Drawn with Pillow (a well-kept imaging library;
a PNG encoder and text layout by hand would be far more code) in Pillow's own
scalable font, so the build needs no system font. A site whose claims use scripts
that font lacks can pass any TrueType file as ``font``.

Pure: text and colours in, PNG bytes out; nothing here knows MkDocs.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
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


# The card is drawn as palette indexes: each text is drawn once, as coverage, in
# one colour on one background, and its anti-aliased edges take the shade halfway
# between the two (LEVELS: background, half, foreground). Eleven colours: a 4-bit
# PNG of about 16 KB, drawn in half the time of drawing in RGB and reducing the
# colours afterwards (and a third smaller than 48 colours made).
LEVELS = 3
_PAPER, _INK, _MUTED, _BAND, _BADGE, _ON, _ACCENT = 0, 1, 3, 5, 7, 8, 10
_PAIRS = {  # (background, foreground): the palette index of each shade, 0 to LEVELS - 1
    "ink": (_PAPER, 2, _INK), "muted": (_PAPER, 4, _MUTED),
    "band": (_BAND, 6, _PAPER), "badge": (_BADGE, 9, _ON)}


def _palette(color: tuple[int, int, int]) -> list[int]:
    """The card's colours, those of its verdict badge included."""
    def mix(a, b):
        return tuple(round((a[i] + b[i]) / 2) for i in range(3))
    on = _on(color)
    colors = [PAPER, INK, mix(PAPER, INK), MUTED, mix(PAPER, MUTED), BAND, mix(BAND, PAPER),
              color, on, mix(color, on), ACCENT]
    return [channel for rgb in colors for channel in rgb]


_LUTS = {name: [shades[round(v * (LEVELS - 1) / 255)] for v in range(256)]
         for name, shades in _PAIRS.items()}
_COVERED = [0] + [255] * 255


def _text(img: Image.Image, xy: tuple[int, int], text: str, font, pair: str,
          anchor: str = "la", stroke: int = 0) -> None:
    """Draw ``text`` into the index image ``img`` in the colours of ``pair``."""
    if not text:
        return
    x0, y0, x1, y1 = font.getbbox(text, anchor=anchor, stroke_width=stroke)
    if x1 <= x0 or y1 <= y0:
        return
    mask = Image.new("L", (x1 - x0, y1 - y0), 0)
    ImageDraw.Draw(mask).text((-x0, -y0), text, font=font, fill=255, anchor=anchor,
                              stroke_width=stroke, stroke_fill=255)
    img.paste(mask.point(_LUTS[pair]), (xy[0] + x0, xy[1] + y0), mask.point(_COVERED))


@lru_cache(maxsize=64)
def _head(site_name: str, verdict: str, color: str, font_path: str | None
          ) -> tuple[Image.Image, int]:
    """What cards of one verdict share: the masthead band with the site's name and
    the verdict badge, as an index image; and where the claim's text starts."""
    img = Image.new("L", (WIDTH, HEIGHT), _PAPER)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, WIDTH, 84), fill=_BAND)
    draw.rectangle((0, 84, WIDTH, 90), fill=_ACCENT)
    name = _font(34, font_path)
    site = site_name
    while site and name.getlength(site) > WIDTH - 2 * MARGIN:
        site = site[:-2].rstrip() + "\u2026" if len(site) > 2 else ""
        site = site.replace("\u2026\u2026", "\u2026")
    _text(img, (MARGIN, 42), site, name, "band", anchor="lm")
    top = 122
    if verdict:
        # The verdict as a labelled badge: the word carries the meaning, not the colour.
        label_font = _font(28, font_path)
        _text(img, (MARGIN, top + 28), "VERDICT", label_font, "muted", anchor="lm")
        badge_font = _font(46, font_path)
        x0 = MARGIN + int(label_font.getlength("VERDICT")) + 24
        while verdict and badge_font.getlength(verdict) > WIDTH - MARGIN - x0 - 48:
            verdict = verdict[:-2] + "\u2026"
        x1 = x0 + int(badge_font.getlength(verdict)) + 48
        draw.rounded_rectangle((x0, top, x1, top + 60), radius=10, fill=_BADGE)
        _text(img, (x0 + 24, top + 30), verdict, badge_font, "badge", anchor="lm", stroke=1)
        top += 96
    return img, top


def render(card: Card, font_path: str | None = None) -> bytes:
    """The card as PNG bytes.

    >>> png = render(Card("Eleven tanks crossed.", "Accurate", "#1a7f37", "Governor, 7 Aug"))
    >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    >>> Image.open(io.BytesIO(png)).size
    (1200, 630)
    """
    head, top = _head(card.site_name, card.verdict or "", card.color, font_path)
    img = head.copy()
    byline_h = 56 if card.byline else 0
    font, size, lines = _fit(f"\u201c{card.title}\u201d" if card.verdict else card.title,
                             WIDTH - 2 * MARGIN, HEIGHT - top - byline_h - 40, font_path)
    y = top
    for line in lines:
        _text(img, (MARGIN, y), line, font, "ink", stroke=1)
        y += int(size * 1.25)
    if card.byline:
        _text(img, (MARGIN, HEIGHT - 48), card.byline, _font(30, font_path), "muted",
              anchor="ls")
    img = img.convert("P")  # the same indexes, with the card's own colours:
    img.putpalette(_palette(_rgb(card.color)))
    out = io.BytesIO()
    img.save(out, "PNG", bits=4)
    return out.getvalue()


VERSION = "3"  # bump when the drawing changes, so that every card is redrawn


def card_key(card: Card, font_path: str | None = None) -> str:
    """A name for the card made from everything drawn on it. Cards are published
    under this name, so a rebuild can keep the previous build's file for an
    unchanged claim (drawing one takes tens of milliseconds), and a social site
    fetches a new image when the verdict changes.

    >>> card_key(Card("x")) == card_key(Card("x")) != card_key(Card("x", "False"))
    True
    """
    return hashlib.sha256(repr((VERSION, astuple(card), font_path)).encode()).hexdigest()[:20]


def fields(card: Card) -> list[str]:
    """A card as a list of strings (what a drawing process reads, one JSON list a line)."""
    return list(astuple(card))


def kept(path: str) -> bool:
    """Whether a card file can be published as it is: a file of the user's own, that
    nobody else may write (one planted in a shared cache folder is drawn again)."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    owner = getattr(os, "geteuid", lambda: st.st_uid)()
    return st.st_uid == owner and not st.st_mode & 0o022 and stat.S_ISREG(st.st_mode)


def write(folder: str, key: str, card: Card, font_path: str | None = None) -> None:
    """Draw a card into ``folder/key.png``, atomically (a rename), unless it is there."""
    path = os.path.join(folder, f"{key}.png")
    if kept(path):
        return
    temp = os.path.join(folder, f".{key}.{os.getpid()}.tmp")
    with open(temp, "wb") as handle:
        handle.write(render(card, font_path))
    os.chmod(temp, 0o644)
    os.replace(temp, path)


def main(argv: list[str] | None = None) -> int:
    """``python -m generator.site.share_image FOLDER [FONT]``: draw the cards listed on
    standard input (``[key, title, verdict, color, byline, site_name]`` a line, in
    JSON) into FOLDER, skipping those already there: what the build's background
    processes run (generator/site/sharecards.py)."""
    import json
    import sys

    folder, font = (argv or sys.argv[1:] + [""])[:2]
    # read every line first: the build writes them all at once, and must not wait
    # for the drawing to empty the pipe
    for line in sys.stdin.read().splitlines():
        key, *values = json.loads(line)
        write(folder, key, Card(*values), font or None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
