"""Share cards in the locale's script: an Arabic and a Ukrainian claim drawn with
real glyphs (never the font's missing-glyph box), Arabic shaped, joined and laid out
right to left, and the build told what is missing when it cannot be."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image, ImageDraw, ImageFont, features

from generator.checker.model import Claim, Verdict
from generator.site import share_image, share_text
from generator.site.i18n import Localizer
from generator.site.pagemeta import claim_card
from generator.site.sharecards import card_notes

needs_raqm = pytest.mark.skipif(
    not features.check("raqm"),
    reason="Pillow has no libraqm/FriBiDi here: apt-get install libraqm0 libfribidi0")

AR_CLAIM = Claim("ar", "قالت وزارة الدفاع إن 300 جندي عبروا الحدود قرب سودجا يوم الثلاثاء",
                 "inaccurate", "", [], claimant="وزارة الدفاع الروسية",
                 claim_date=date(2024, 8, 7))
UK_CLAIM = Claim("uk", "Губернатор заявив, що ЗСУ ввійшли в Курську область і просуваються",
                 "mostly", "", [], claimant="Олексій Смирнов", claim_date=date(2024, 8, 7))
UNMAPPED = "\uffff"  # a noncharacter: every font draws its notdef for it


def _mask(path: str, char: str, size: int = 48) -> bytes:
    mask = ImageFont.truetype(path, size).getmask(char)
    return bytes(mask.size) + bytes(mask)


def _drawn_with_real_glyphs(card: share_image.Card) -> list[tuple[str, str]]:
    """(char, font) of every letter on the card drawn as its font's notdef box."""
    fonts = share_image.font_stack(None, card.direction)
    type_ = share_text.Typesetter(fonts, card.language)
    boxes = []
    for text in (card.title, card.verdict or "", card.byline, card.site_name, card.label):
        for run, path in type_.runs(text):
            notdef = _mask(path, UNMAPPED)
            boxes += [(c, path) for c in run if not c.isspace() and _mask(path, c) == notdef]
    return boxes


@pytest.mark.parametrize("claim, locale, verdict", [
    (AR_CLAIM, "ar", Verdict("inaccurate", "غير صحيح", 1)),
    (UK_CLAIM, "uk", Verdict("mostly", "Переважно точно", 4)),
])
def test_arabic_and_ukrainian_cards_draw_every_letter_with_its_own_glyph(claim, locale,
                                                                       verdict):
    i18n = Localizer(locale)
    card = claim_card(claim, verdict, "#cf222e", "تحقق" if locale == "ar" else "Фактчек",
                      i18n, locale)
    assert card.label == i18n.gettext("VERDICT") != "VERDICT"
    assert i18n.date(claim.claim_date) in card.byline  # "7 серпня 2024 р.", "7 أغسطس 2024"
    assert _drawn_with_real_glyphs(card) == []
    assert card_notes({claim.id: card}, share_image.font_stack(None, card.direction)) == []
    with Image.open(io.BytesIO(share_image.render(card))) as img:
        assert img.size == (1200, 630)


def test_a_letter_no_font_has_is_left_out_and_named_never_boxed():
    card = share_image.Card("Sudzha 字 station", "Accurate", "#1a7f37")
    without = share_image.Card("Sudzha station", "Accurate", "#1a7f37")
    notes = card_notes({"x": card}, share_image.font_stack(None))
    assert len(notes) == 1 and "'字'" in notes[0] and "share_font" in notes[0]
    assert share_image.render(card) == share_image.render(without)


def _components(img: Image.Image) -> int:
    """Connected blobs of ink (8-neighbour), Arabic dots and all."""
    width, height = img.size
    ink = {(x, y) for y in range(height) for x in range(width) if img.getpixel((x, y)) > 128}
    count = 0
    while ink:
        count += 1
        todo = [ink.pop()]
        while todo:
            x, y = todo.pop()
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    if (x + dx, y + dy) in ink:
                        ink.remove((x + dx, y + dy))
                        todo.append((x + dx, y + dy))
    return count


def _line(text: str, layout, base: str = "rtl") -> Image.Image:
    img = Image.new("L", (700, 120), 0)
    draw = ImageDraw.Draw(img)
    if layout is None:  # the typesetter, as cards use it
        share_text.Typesetter(share_text.stack(None, base), "ar").draw(
            draw, (680, 80), text, 60, 255, base)
    else:
        font = ImageFont.truetype(share_text.ARABIC, 60, layout_engine=layout)
        draw.text((20, 80), text, font=font, fill=255, anchor="ls")
    return img


@needs_raqm
def test_arabic_on_a_card_is_shaped_joined_and_right_to_left():
    word = "سلم"  # three letters without dots: joined, they are one stroke
    assert _components(_line(word, None)) == 1
    assert _components(_line(word, ImageFont.Layout.BASIC)) == 3  # unshaped: apart
    # A line with a Latin name in it: the Arabic starts at the right edge, the name
    # sits to its left, each in its own font.
    alone, mixed = _line(word, None), _line(word + " ABC", None)
    right = (700 - int(share_text.font(share_text.ARABIC, 60).getlength(word, direction="rtl")
                       ) - 24, 0, 700, 120)
    assert alone.getbbox()[2] == mixed.getbbox()[2] <= 681
    assert alone.crop(right).tobytes() == mixed.crop(right).tobytes()
    assert mixed.getbbox()[0] < alone.getbbox()[0] - 60  # "ABC" to the left


@needs_raqm
def test_an_arabic_card_is_mirrored():
    card = claim_card(AR_CLAIM, Verdict("inaccurate", "غير صحيح", 1), "#cf222e", "تحقق",
                      Localizer("ar"), "ar")
    with Image.open(io.BytesIO(share_image.render(card))) as png:
        img = png.convert("L")
    title = img.crop((0, 230, 1200, 560)).point(lambda v: 255 if v < 100 else 0)
    left, _, right, _ = title.getbbox()
    assert right > 1200 - share_image.MARGIN - 8 and left > share_image.MARGIN  # flush right


def test_the_build_says_how_to_get_shaping_when_pillow_lacks_it(monkeypatch):
    monkeypatch.setattr(share_text, "complex_layout", lambda: False)
    card = share_image.Card("كورسك", "غير صحيح", direction="rtl", language="ar")
    notes = card_notes({"x": card}, share_image.font_stack(None, "rtl"))
    assert any("apt-get install libraqm0 libfribidi0" in n for n in notes)
    latin = share_image.Card("Kursk", "Accurate")
    assert card_notes({"x": latin}, share_image.font_stack(None)) == []


def test_separators_and_control_characters_never_break_a_card():
    """A line or paragraph separator would start a new bidi paragraph, which libraqm
    refuses inside one line: every field is one line of plain spaces first."""
    odd = "Kursk\u2029 region\nsaid\x85 \x1c كورسك \u2028 end\x07"
    card = share_image.Card(odd, odd, "#1a7f37", odd, odd, label=odd)
    with Image.open(io.BytesIO(share_image.render(card))) as img:
        assert img.size == (1200, 630)


@pytest.mark.parametrize("text, language", [
    ("“AVATAR” Tower, 7 Aug: €1.3 billion", "en"),
    ("Губернатор заявив: «ЗСУ ввійшли»", "uk"),
])
def test_a_line_set_letter_by_letter_matches_the_layout_engine(text, language):
    """Plain left-to-right lines are set glyph by glyph from cached masks: they must
    land where the layout engine puts them (advances and kerning), bold or not."""
    for stroke in (0, 1):
        ours = Image.new("L", (1200, 120), 0)
        width = share_text.Typesetter(share_text.stack(None), language).draw(
            ImageDraw.Draw(ours), (20, 80), text, 54, 255, "ltr", stroke_width=stroke,
            stroke_fill=255)
        whole = Image.new("L", (1200, 120), 0)
        face = share_text.font(share_text.LATIN, 54)
        kw = {"language": language} if features.check("raqm") else {}
        ImageDraw.Draw(whole).text((20, 80), text, font=face, fill=255, anchor="ls",
                                   stroke_width=stroke, stroke_fill=255, **kw)
        assert abs(width - face.getlength(text, **kw)) < 1
        assert all(abs(a - b) <= 1 for a, b in zip(ours.getbbox(), whole.getbbox(),
                                                     strict=True))
        # the same ink, letter for letter: at most a pixel's shift at an edge
        assert abs(sum(ours.histogram()[128:]) - sum(whole.histogram()[128:])) \
            < 0.02 * sum(whole.histogram()[128:])
