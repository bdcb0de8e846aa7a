"""Text on a share card in any script: fonts by coverage, shaping, right to left.

Pillow draws a string in one font. A card may need several (an Arabic claim naming
an English-speaking claimant), and no font covers every script, so a line is cut
into runs, each in the first font of the stack that has a glyph for it: the
newsroom's ``share_font`` first, then the bundled Noto Sans (Latin, Greek,
Cyrillic) and Noto Sans Arabic (``generator/site/fonts``), in the order the
locale's script wants. Spaces, digits and punctuation stay in the run they are in,
so a run is cut only where the script changes.

Arabic is shaped and joined by Pillow's libraqm layout (with FriBiDi and HarfBuzz);
:func:`complex_layout` says whether this Pillow has it. Runs are put in visual order
here: a right-to-left line, one whose first strong letter is right to left
(Unicode's rule P2), lists its runs from the right; each run's own direction is
raqm's business. A character no font of the stack has is left out, never drawn as
a missing-glyph box; :meth:`Typesetter.missing` names them, so the build can say.
"""

from __future__ import annotations

import os
import unicodedata
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont, features

FONTS = os.path.join(os.path.dirname(__file__), "fonts")
LATIN = os.path.join(FONTS, "NotoSans-Regular.ttf")
ARABIC = os.path.join(FONTS, "NotoSansArabic-Regular.ttf")
NOTDEF_PROBE = "\U0010fffd"  # a private-use code point no font maps: its glyph is notdef
NEUTRAL = {"WS", "S", "B", "CS", "ON", "EN", "ES", "ET", "AN", "NSM", "BN", "LRM", "RLM"}
RTL_CLASSES = {"R", "AL"}
# bidi classes that keep their order on a left-to-right line (no R, AL, AN, NSM...)
PLAIN_CLASSES = {"L", "EN", "ES", "ET", "CS", "ON", "WS"}


def complex_layout() -> bool:
    """Whether Pillow shapes complex scripts here (libraqm, with FriBiDi, loaded)."""
    return bool(features.check("raqm"))


INSTALL_RAQM = ("Pillow cannot shape Arabic or other joined scripts here: libraqm and "
                "FriBiDi are missing at run time (Debian, Ubuntu: apt-get install "
                "libraqm0 libfribidi0; Fedora: dnf install libraqm fribidi; macOS: brew "
                "install libraqm); until then share cards draw those letters unjoined")


def needs_shaping(text: str) -> bool:
    """Whether text has letters drawn wrong without complex layout: right-to-left
    or joined scripts (Arabic, Hebrew, Syriac, the scripts of India...).

    >>> needs_shaping("Київ"), needs_shaping("كورسك"), needs_shaping("हिन्दी")
    (False, True, True)
    """
    for char in text:
        if unicodedata.bidirectional(char) in RTL_CLASSES:
            return True
        if "\u0900" <= char <= "\u0dff" or unicodedata.category(char) == "Mc":
            return True
    return False


@lru_cache(maxsize=64)
def font(path: str, size: int) -> ImageFont.FreeTypeFont:
    engine = ImageFont.Layout.RAQM if complex_layout() else ImageFont.Layout.BASIC
    return ImageFont.truetype(path, size, layout_engine=engine)


@lru_cache(maxsize=65536)
def plain(char: str) -> bool:
    """Whether ``char`` is drawn as one glyph of its own on a left-to-right line,
    whatever stands beside it: no shaping, no mark drawn on the letter before, no
    reordering. A run of such letters can be set glyph by glyph (:class:`Typesetter`).

    >>> plain("ї"), plain("é"), plain("\u0301"), plain("ع"), plain("5")
    (True, True, False, False, True)
    """
    return (unicodedata.bidirectional(char) in PLAIN_CLASSES
            and unicodedata.category(char)[0] not in "MC" and not needs_shaping(char))


@lru_cache(maxsize=8)
def _notdef(path: str) -> bytes:
    return _ink(path, NOTDEF_PROBE)


@lru_cache(maxsize=8192)
def _ink(path: str, char: str) -> bytes:
    """What one character looks like in a font, at a size where glyphs differ."""
    mask = font(path, 40).getmask(char)
    return bytes(mask.size) + bytes(mask)


@lru_cache(maxsize=16384)
def covers(path: str, char: str) -> bool:
    """Whether a font draws ``char`` with a glyph of its own, not its notdef box.

    >>> covers(LATIN, "ї"), covers(LATIN, "ع"), covers(ARABIC, "ع")
    (True, False, True)
    """
    if char.isspace() or unicodedata.category(char) in ("Cf", "Mn", "Cc"):
        return True  # nothing to see: invisible, or drawn on the letter before
    return _ink(path, char) != _notdef(path)


def direction(text: str, default: str = "ltr") -> str:
    """The direction of a paragraph: its first strong letter's (``dir="auto"``).

    >>> direction("«نعم» Yes"), direction("2024: Yes", "rtl"), direction("...", "rtl")
    ('rtl', 'ltr', 'rtl')
    """
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in RTL_CLASSES:
            return "rtl"
        if kind == "L":
            return "ltr"
    return default


def stack(share_font: str | None, locale_direction: str = "ltr") -> tuple[str, ...]:
    """The fonts to try, in order: the newsroom's, then the bundled ones, the
    locale's script first (its spaces and digits then match its letters).

    >>> [os.path.basename(p) for p in stack(None, "rtl")]
    ['NotoSansArabic-Regular.ttf', 'NotoSans-Regular.ttf']
    """
    bundled = (ARABIC, LATIN) if locale_direction == "rtl" else (LATIN, ARABIC)
    return ((share_font,) if share_font else ()) + bundled


@lru_cache(maxsize=8192)
def _advance(path: str, size: int, char: str, language: str | None) -> float:
    return font(path, size).getlength(char, **_plain_kw(language))


@lru_cache(maxsize=65536)
def _kern(path: str, size: int, pair: str, language: str | None) -> float:
    """How much closer (or further) the font sets two letters than their advances."""
    return (font(path, size).getlength(pair, **_plain_kw(language))
            - _advance(path, size, pair[0], language) - _advance(path, size, pair[1], language))


@lru_cache(maxsize=8192)
def _glyph(path: str, size: int, char: str, anchor: str, stroke: int, language: str | None
           ) -> tuple[Image.Image | None, int, int]:
    """One letter's coverage mask and where it goes from the pen (``anchor``: "l"
    and a vertical anchor, which is the font's, so it is the same for every letter)."""
    face, kw = font(path, size), _plain_kw(language)
    left, top, right, bottom = face.getbbox(char, anchor=anchor, stroke_width=stroke, **kw)
    if right <= left or bottom <= top:
        return None, 0, 0  # a space
    mask = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(mask).text((-left, -top), char, font=face, fill=255, anchor=anchor,
                              stroke_width=stroke, stroke_fill=255, **kw)
    return mask, left, top


def _layout_kw(direction: str, language: str | None) -> dict:
    """The layout engine's options for a run: its direction, and its language if known."""
    return {"direction": direction, **({"language": language} if language else {})}


def _plain_kw(language: str | None) -> dict:
    return _layout_kw("ltr", language) if complex_layout() else {}


class Typesetter:
    """Measures, wraps and draws lines of text in a stack of fonts.

    A run of plain letters (:func:`plain`) on a left-to-right line is set glyph by
    glyph from masks drawn once per process, each letter at the advance and kerning
    the font gives it: a card draws a few hundred letters, and rasterizing each one
    again took most of a card's time. Anything else (a right-to-left line, joined
    scripts, combining marks) is laid out whole by the layout engine.
    """

    def __init__(self, fonts: tuple[str, ...], language: str | None = None):
        self.fonts = fonts
        self.raqm = complex_layout()
        self.language = language if self.raqm else None

    def missing(self, text: str) -> list[str]:
        """The characters of ``text`` no font of the stack has, in order, once each."""
        return list(dict.fromkeys(c for c in text
                                  if not any(covers(f, c) for f in self.fonts)))

    def printable(self, text: str) -> str:
        """``text`` as one line a card can lay out: the characters no font has left
        out, control characters dropped, and every run of spaces, line and paragraph
        separators one space (a separator would start a new bidi paragraph, which
        raqm refuses on one line).

        >>> Typesetter(stack(None)).printable("Sudzha 字 station\u2029 \x07now")
        'Sudzha station now'
        """
        missing = set(self.missing(text))
        kept = "".join(c for c in text if c.isspace() or (
            c not in missing and unicodedata.category(c) != "Cc"))
        return " ".join(kept.split())

    def runs(self, text: str) -> list[tuple[str, str]]:
        """``text`` cut where the font changes: (text, font path), logical order.

        >>> [(t, os.path.basename(f)) for t, f in Typesetter(stack(None)).runs("Да, نعم 2")]
        [('Да, ', 'NotoSans-Regular.ttf'), ('نعم 2', 'NotoSansArabic-Regular.ttf')]
        """
        out: list[list[str]] = []
        for char in text:
            usable = [f for f in self.fonts if covers(f, char)]
            if not usable:
                continue  # no glyph anywhere: left out, never a box
            neutral = unicodedata.bidirectional(char) in NEUTRAL
            if out and (out[-1][1] in usable and (neutral or out[-1][1] == usable[0])):
                out[-1][0] += char
            else:
                out.append([char, usable[0]])
        return [(t, f) for t, f in out]

    def _kw(self, run_text: str, base: str) -> dict:
        return _layout_kw(base, self.language) if self.raqm else {}

    def _plain(self, run_text: str, base: str) -> bool:
        return base == "ltr" and all(map(plain, run_text))

    def _length(self, run_text: str, path: str, size: int, base: str) -> float:
        if not self._plain(run_text, base):
            return font(path, size).getlength(run_text, **self._kw(run_text, base))
        total = sum(_advance(path, size, c, self.language) for c in run_text)
        return total + sum(_kern(path, size, run_text[i:i + 2], self.language)
                           for i in range(len(run_text) - 1))

    def _set(self, draw, x: float, y: float, run_text: str, path: str, size: int, fill,
             anchor: str, stroke: int) -> None:
        """Draw a plain run glyph by glyph, each at a whole pixel."""
        y = round(y)
        for i, char in enumerate(run_text):
            if i:
                x += _kern(path, size, run_text[i - 1:i + 1], self.language)
            mask, left, top = _glyph(path, size, char, anchor, stroke, self.language)
            if mask is not None:
                draw.bitmap((round(x) + left, y + top), mask, fill=fill)
            x += _advance(path, size, char, self.language)

    def width(self, text: str, size: int, base: str = "ltr") -> float:
        return sum(self._length(t, f, size, base) for t, f in self.runs(text))

    def draw(self, draw, xy: tuple[float, float], text: str, size: int, fill,
             base: str = "ltr", anchor: str = "ls", **kw) -> float:
        """Draw one line starting at ``xy``: its left end for a left-to-right line,
        its right end for a right-to-left one (``base``); ``anchor``'s second letter
        is the vertical anchor. Returns the line's width."""
        runs = self.runs(text)
        widths = [self._length(t, f, size, base) for t, f in runs]
        total = sum(widths)
        x = xy[0] - total if base == "rtl" else xy[0]
        order = list(zip(runs, widths, strict=True))
        if base == "rtl":
            order.reverse()
        stroke = kw.get("stroke_width", 0)
        for (run_text, path), w in order:
            if self._plain(run_text, base) and kw.get("stroke_fill", fill) == fill:
                self._set(draw, x, xy[1], run_text, path, size, fill, "l" + anchor[1],
                          stroke)
            else:
                draw.text((x, xy[1]), run_text, font=font(path, size), fill=fill,
                          anchor="l" + anchor[1], **self._kw(run_text, base), **kw)
            x += w
        return total

    def wrap(self, text: str, size: int, width: float, base: str = "ltr") -> list[str]:
        """Greedy word wrap by measured width; a word wider than a line is cut.

        >>> t = Typesetter(stack(None))
        >>> t.wrap("a b c", 40, 10_000), len(t.wrap("word " * 40, 40, 600)) > 3
        (['a b c'], True)
        """
        lines: list[str] = []
        line = ""
        for word in text.split():
            while self.width(word, size, base) > width:  # one very long word: cut it
                cut = len(word)
                while cut > 1 and self.width(word[:cut], size, base) > width:
                    cut -= 1
                if line:
                    lines.append(line)
                    line = ""
                lines.append(word[:cut])
                word = word[cut:]
            candidate = f"{line} {word}" if line else word
            if self.width(candidate, size, base) <= width:
                line = candidate
            else:
                lines.append(line)
                line = word
        if line:
            lines.append(line)
        return lines
