"""Share cards: a 1200x630 PNG per claim, showing the verdict and the claim.

Social sites show this image when a claim page is shared, so a reader sees the
verdict before the link is opened. Drawn with Pillow (a well-kept imaging library;
a PNG encoder and text layout by hand would be far more code) in the fonts the
package ships (:mod:`generator.site.share_text`: Latin, Greek, Cyrillic, Arabic), so
the build needs no system font; a site whose claims use other scripts passes a
TrueType file of its own, tried first. On a right-to-left site the card is mirrored:
the site's name, the verdict and the claim start at the right.

Pure: text and colours in, PNG bytes out; nothing here knows MkDocs.
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat
import struct
import zlib
from dataclasses import astuple, dataclass, replace

from PIL import Image, ImageDraw

from generator.site.share_text import Typesetter, complex_layout, direction, stack

WIDTH, HEIGHT = 1200, 630
MARGIN = 64
INK = (27, 27, 27)
MUTED = (79, 79, 79)
PAPER = (255, 255, 255)
BAND = (20, 23, 26)
ACCENT = (179, 92, 0)
PALETTE_SIZE = 11  # the colours of a card (see _palette)
ZLIB_LEVEL = 6


@dataclass(frozen=True)
class Card:
    """What a share card says. ``color`` is the verdict's badge colour (#rrggbb);
    ``label`` the word before the verdict, in the site's language; ``direction`` the
    locale's (the card's layout mirrors on a right-to-left site); ``language`` the
    content's, for shaping."""

    title: str  # the claim (or, for a site card, the site's description)
    verdict: str | None = None
    color: str = "#4f4f4f"
    byline: str = ""  # who made the claim, and when
    site_name: str = ""
    label: str = "VERDICT"
    direction: str = "ltr"
    language: str = "en"
    quote: str = "\u201c%s\u201d"  # the locale's quotation marks around the claim


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


def _fit(text: str, width: int, height: int, type_: Typesetter, base: str):
    """The largest font size at which ``text`` fits the box, and its lines."""
    for size in (60, 54, 48, 43, 38, 34, 30):
        lines = type_.wrap(text, size, width, base)
        if len(lines) * size * 1.25 <= height:
            return size, lines
    lines = type_.wrap(text, 30, width, base)
    keep = max(1, int(height // (30 * 1.25)))
    if len(lines) > keep:
        lines = lines[:keep]
        lines[-1] = lines[-1].rstrip(" .,;:") + "\u2026"
    return 30, lines


def _clip(text: str, size: int, room: float, type_: Typesetter, base: str) -> str:
    """``text`` cut with an ellipsis until it fits ``room``."""
    while text and type_.width(text, size, base) > room:
        text = text[:-2].rstrip() + "\u2026" if len(text) > 2 else ""
        text = text.replace("\u2026\u2026", "\u2026")
    return text


class _Pen:
    """Draws at a distance from the card's start edge: the left on a left-to-right
    site, the right on a right-to-left one."""

    def __init__(self, draw, type_: Typesetter, rtl: bool):
        self.draw, self.type, self.rtl = draw, type_, rtl

    def x(self, inset: float) -> float:
        return WIDTH - inset if self.rtl else inset

    def box(self, inset0: float, inset1: float, y0: float, y1: float, **kw) -> None:
        a, b = sorted((self.x(inset0), self.x(inset1)))
        self.draw.rounded_rectangle((a, y0, b, y1), **kw)

    def text(self, inset: float, y: float, text: str, size: int, fill, anchor: str = "ls",
             base: str | None = None, **kw) -> float:
        """A line ``inset`` from the card's start edge, flush with it whatever the
        line's own direction (``base``, which orders its words)."""
        base = base or ("rtl" if self.rtl else "ltr")
        if base == "rtl" and not self.rtl:  # an RTL line on an LTR card: flush left
            width = self.type.width(text, size, base)
            return self.type.draw(self.draw, (inset + width, y), text, size, fill, base,
                                  anchor, **kw)
        if base == "ltr" and self.rtl:  # an LTR line on an RTL card: flush right
            width = self.type.width(text, size, base)
            return self.type.draw(self.draw, (WIDTH - inset - width, y), text, size, fill,
                                  base, anchor, **kw)
        return self.type.draw(self.draw, (self.x(inset), y), text, size, fill, base, anchor,
                              **kw)


def render(card: Card, fonts: tuple[str, ...] | str | None = None) -> bytes:
    """The card as PNG bytes, in the fonts of ``fonts`` (default: the bundled stack
    for the card's direction; a single path is put before the bundled fonts).

    >>> png = render(Card("Eleven tanks crossed.", "Accurate", "#1a7f37", "Governor, 7 Aug"))
    >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    >>> import io; Image.open(io.BytesIO(png)).size
    (1200, 630)
    """
    img = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(img)
    type_ = Typesetter(font_stack(fonts, card.direction), card.language)
    card = replace(card, **{name: type_.printable(getattr(card, name) or "")
                            for name in ("title", "byline", "site_name", "label")},
                   verdict=type_.printable(card.verdict) if card.verdict else card.verdict)
    rtl = card.direction == "rtl"
    pen = _Pen(draw, type_, rtl)
    ui = "rtl" if rtl else "ltr"
    # The masthead band with the site's name.
    draw.rectangle((0, 0, WIDTH, 84), fill=BAND)
    draw.rectangle((0, 84, WIDTH, 90), fill=ACCENT)
    site = _clip(card.site_name, 34, WIDTH - 2 * MARGIN, type_, direction(card.site_name, ui))
    pen.text(MARGIN, 42, site, 34, PAPER, "lm", direction(site, ui))
    top = 122
    if card.verdict:
        # The verdict as a labelled badge: the word carries the meaning, not the colour.
        label_w = pen.text(MARGIN, top + 30, card.label, 28, MUTED, "lm")
        x0 = MARGIN + int(label_w) + 24
        verdict = _clip(card.verdict, 46, WIDTH - MARGIN - x0 - 48, type_,
                        direction(card.verdict, ui))
        bg = _rgb(card.color)
        x1 = x0 + int(type_.width(verdict, 46, direction(verdict, ui))) + 48
        pen.box(x0, x1, top, top + 60, radius=10, fill=bg)
        pen.text(x0 + 24, top + 30, verdict, 46, _on(bg), "lm", direction(verdict, ui),
                 stroke_width=1, stroke_fill=_on(bg))
        top += 96
    byline_h = 56 if card.byline else 0
    title = card.quote % card.title if card.verdict else card.title
    base = direction(card.title, ui)
    size, lines = _fit(title, WIDTH - 2 * MARGIN, HEIGHT - top - byline_h - 40, type_, base)
    y = top
    for line in lines:
        pen.text(MARGIN, y + size, line, size, INK, "ls", base, stroke_width=1,
                 stroke_fill=INK)
        y += int(size * 1.25)
    if card.byline:
        base = direction(card.byline, ui)
        byline = _clip(card.byline, 30, WIDTH - 2 * MARGIN, type_, base)
        pen.text(MARGIN, HEIGHT - 48, byline, 30, MUTED, "ls", base)
    # A palette image: each text is one colour on one background, so the card needs
    # those colours and the shade halfway between each pair (for the anti-aliased
    # edges) and nothing else. Mapping to that palette takes a tenth of the time of
    # choosing one from the pixels, and its eleven colours make a 4-bit PNG a third
    # smaller than 48 colours.
    palette = _palette(_rgb(card.color))
    return _png(img.quantize(palette=palette, dither=Image.Dither.NONE), palette)


def _png(image: Image.Image, palette: Image.Image) -> bytes:
    """A 4-bit palette image as PNG bytes, every row unfiltered. Pillow's encoder
    picks a filter for each row, which suits photographs; a card is flat colours and
    text edges, which deflate compresses better as they are (about a tenth smaller),
    and without the filtering it takes half the time."""
    colors = palette.getpalette()[:3 * PALETTE_SIZE]
    stride = (WIDTH + 1) // 2
    packed = image.tobytes("raw", "P;4")
    rows = b"".join(b"\0" + packed[i:i + stride] for i in range(0, stride * HEIGHT, stride))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    return b"".join((b"\x89PNG\r\n\x1a\n",
                     chunk(b"IHDR", struct.pack(">IIBBBBB", WIDTH, HEIGHT, 4, 3, 0, 0, 0)),
                     chunk(b"PLTE", bytes(colors)),
                     chunk(b"IDAT", zlib.compress(rows, ZLIB_LEVEL)),
                     chunk(b"IEND", b"")))


@functools.lru_cache(maxsize=64)
def _palette(color: tuple[int, int, int]) -> Image.Image:
    """The card's colours, its verdict badge's included, as a palette image."""
    def mix(a, b):
        return tuple(round((a[i] + b[i]) / 2) for i in range(3))
    on = _on(color)
    colors = [PAPER, INK, mix(PAPER, INK), MUTED, mix(PAPER, MUTED), BAND, mix(BAND, PAPER),
              ACCENT, color, on, mix(color, on)]
    image = Image.new("P", (1, 1))
    image.putpalette([channel for rgb in colors for channel in rgb])
    return image


def font_stack(fonts: tuple[str, ...] | str | None, card_direction: str = "ltr"
               ) -> tuple[str, ...]:
    """The fonts a card is drawn in: a tuple as given, else a newsroom's one font
    (or none) before the bundled ones."""
    if isinstance(fonts, tuple):
        return fonts
    return stack(fonts, card_direction)


VERSION = "3"  # bump when the drawing changes, so that every card is redrawn


def card_key(card: Card, font_path: str | None = None) -> str:
    """A name for the card made from everything drawn on it. Cards are published
    under this name, so a rebuild can keep the previous build's file for an
    unchanged claim (drawing one takes tens of milliseconds), and a social site
    fetches a new image when the verdict changes.

    >>> card_key(Card("x")) == card_key(Card("x")) != card_key(Card("x", "False"))
    True
    """
    return hashlib.sha256(repr((VERSION, astuple(card), font_stack(font_path, card.direction),
                                complex_layout())).encode()).hexdigest()[:20]


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


def write(folder: str, key: str, card: Card, fonts: tuple[str, ...] | None = None) -> None:
    """Draw a card into ``folder/key.png``, atomically (a rename), unless it is there."""
    path = os.path.join(folder, f"{key}.png")
    if kept(path):
        return
    temp = os.path.join(folder, f".{key}.{os.getpid()}.tmp")
    with open(temp, "wb") as handle:
        handle.write(render(card, fonts))
    os.chmod(temp, 0o644)
    os.replace(temp, path)


def main(argv: list[str] | None = None) -> int:
    """``python -m generator.site.share_image FOLDER FONTS``: draw the cards listed on
    standard input (``[key, title, verdict, ...]`` a line, in JSON) into FOLDER in the
    fonts FONTS (a JSON list of paths), skipping those already there: what the
    build's background processes run (generator/site/sharecards.py)."""
    import json
    import sys

    folder, fonts = (argv or sys.argv[1:])[:2]
    stack = tuple(json.loads(fonts)) or None
    for line in sys.stdin.buffer:  # a file: read as the drawing goes
        key, *values = json.loads(line)
        write(folder, key, Card(*values), stack)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
