"""Figures in a claim, and whether the supporting quotes give them.

A claim that says "20 km" and cites an article that says "six miles" quotes its
source faithfully and still misstates it. This module reads quantities written in
digits or words ("3,000", "six", "a dozen"), with a unit where one follows (length,
percent; anything else is a count), converts lengths, and compares within the
rounding a writer may apply when converting: six miles (9.7 km) supports "about
10 km", not "20 km". A figure in the same unit must be the same figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * i for i, w in enumerate(
    "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 10**9}
# Russian, in the nominative (the form a figure takes at the start of a count)
RUSSIAN = {w: i for i, w in enumerate(
    "ноль один два три четыре пять шесть семь восемь девять десять одиннадцать "
    "двенадцать тринадцать четырнадцать пятнадцать шестнадцать семнадцать "
    "восемнадцать девятнадцать".split())}
RUSSIAN.update({w: 10 * i for i, w in enumerate(
    "_ _ двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят "
    "девяносто".split()) if w != "_"})
RUSSIAN.update({"одна": 1, "две": 2, "сто": 100, "дюжина": 12})
SMALL.update({w: n for w, n in RUSSIAN.items() if n < 20})
TENS.update({w: n for w, n in RUSSIAN.items() if n >= 20})
SCALES.update({"тысяча": 1_000, "тысячи": 1_000, "тысяч": 1_000, "миллион": 1_000_000,
               "миллиона": 1_000_000, "миллионов": 1_000_000})
WORDS = {**SMALL, **TENS, "dozen": 12, "a dozen": 12, "half a dozen": 6}

# unit spelling -> (dimension, factor to the base unit: km for length)
UNITS: dict[str, tuple[str, float]] = {
    "km": ("length", 1.0), "kilometre": ("length", 1.0), "kilometer": ("length", 1.0),
    "kilometres": ("length", 1.0), "kilometers": ("length", 1.0),
    "mile": ("length", 1.609344), "miles": ("length", 1.609344),
    "mi": ("length", 1.609344), "m": ("length", 0.001), "metres": ("length", 0.001),
    "meters": ("length", 0.001), "metre": ("length", 0.001), "meter": ("length", 0.001),
    "%": ("percent", 1.0), "percent": ("percent", 1.0), "per cent": ("percent", 1.0),
    "км": ("length", 1.0), "километров": ("length", 1.0), "километра": ("length", 1.0),
    "миль": ("length", 1.609344), "мили": ("length", 1.609344),
    "процентов": ("percent", 1.0), "процента": ("percent", 1.0),
}
CONVERSION_TOLERANCE = 0.1  # a converted figure may be rounded by up to 10%

_WORD_NUMBER = (r"(?:half\s+a\s+dozen|a\s+dozen|(?:(?:%s)(?:[\s-]+(?:%s))*)(?!\w))"
                % ("|".join(sorted(WORDS, key=len, reverse=True)),
                   "|".join(sorted([*WORDS, *SCALES], key=len, reverse=True))))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
# A figure begins with a digit or the first letter of a number word: positions
# that begin neither are passed over before the long alternation of words is tried.
_FIRST = "[\\d" + re.escape("".join(sorted({w[0] for w in WORDS}))) + "]"
_QUANTITY = re.compile(
    rf"(?<![\w.,:-])(?={_FIRST})(?P<num>(?:{_DIGITS})(?:\s+(?:{'|'.join(SCALES)}))?|{_WORD_NUMBER})"
    rf"(?:(?:\s*|-)(?P<unit>{_UNIT})(?!\w))?", re.IGNORECASE)
MONTHS = ("january february march april may june july august september october "
          "november december jan feb mar apr jun jul aug sep sept oct nov dec "
          "января февраля марта апреля мая июня июля августа сентября октября "
          "ноября декабря").split()
_DATE_AROUND = re.compile(rf"(?:{'|'.join(MONTHS)})\.?\s*$|^\s*(?:{'|'.join(MONTHS)})\b"
                          r"|^:\d|^(?:st|nd|rd|th)\b|^-\d{2}-\d{2}|^\s*(?:am|pm|a\.m|p\.m)\b",
                          re.IGNORECASE)


_TOKEN = re.compile(r"\w+")
_WORDS_HERE = frozenset(w for phrase in WORDS for w in phrase.split()) - {"a", "half"}


@dataclass(frozen=True)
class Quantity:
    """A figure as written, its value, and its dimension (length/percent/count)."""

    text: str
    value: float
    dimension: str
    base: float  # the value in the base unit (km for length)
    converted: bool = False  # written in a unit other than the base one


def _word_value(words: str) -> float | None:
    words = re.sub(r"\s+|-", " ", words.lower()).replace(" and ", " ").strip()
    if words in WORDS:
        return WORDS[words]
    total, current = 0, 0
    for word in words.split():
        if word in SMALL or word in TENS:
            current += WORDS[word]
        elif word in SCALES:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
        elif word == "dozen":
            current = max(current, 1) * 12
        else:
            return None
    return float(total + current)


def _value(num: str) -> float | None:
    num = num.strip()
    parts = num.split()
    if parts[0][0].isdigit():
        value = float(parts[0].replace(",", ""))
        return value * SCALES[parts[1].lower()] if len(parts) > 1 else value
    return _word_value(num)


def quantities(text: str) -> list[Quantity]:
    """Every figure in ``text``, leaving out dates, years and times.

    >>> [(q.text, q.base) for q in quantities("Six miles, 3,000 people, a dozen tanks")]
    [('Six miles', 9.656064), ('3,000', 3000.0), ('a dozen', 12.0)]
    >>> quantities("On 7 August 2024 at 10:30")
    []
    """
    out: list[Quantity] = []
    if not any(map(str.isdigit, text)) and _WORDS_HERE.isdisjoint(
            _TOKEN.findall(text.lower())):
        return out  # no figure at all: most texts, and the regex is the slow part
    for m in _QUANTITY.finditer(text):
        before, after = text[max(0, m.start() - 12):m.start()], text[m.end():m.end() + 12]
        num = m.group("num")
        if _DATE_AROUND.search(before) or _DATE_AROUND.search(after):
            continue
        if re.fullmatch(r"1[89]\d\d|20\d\d", num) and not m.group("unit"):
            continue  # a year
        value = _value(num)
        unit = (m.group("unit") or "").lower()
        if value is None or (num.lower() in ("one", "zero", "один", "одна", "ноль")
                             and not unit):
            continue  # "one of the largest" is no figure
        dimension, factor = UNITS.get(re.sub(r"\s+", " ", unit), ("count", 1.0))
        out.append(Quantity(m.group().strip(), value, dimension, value * factor,
                            converted=factor != 1.0))
    return out


def supports(claim: Quantity, given: Quantity) -> bool:
    """Does a quoted figure carry the claim's figure?

    The same unit must give the same figure; a converted one may differ by the
    rounding of a conversion (up to 10%).

    >>> km = quantities("about 10 km")[0]
    >>> supports(km, quantities("six miles")[0]), supports(quantities("20 km")[0],
    ...                                                    quantities("six miles")[0])
    (True, False)
    >>> supports(quantities("3,000 people")[0], quantities("3,400 residents")[0])
    False
    """
    if claim.dimension != given.dimension:
        return False
    if claim.base == given.base:
        return True
    if claim.dimension == "length" and claim.converted != given.converted:
        return abs(claim.base - given.base) <= CONVERSION_TOLERANCE * given.base
    return False


def unsupported(claim_text: str, quotes: list[str]) -> tuple[list[Quantity], list[Quantity]]:
    """The claim's figures no quote gives, and every figure the quotes do give (none
    looked for when the claim gives no figure).

    >>> missing, given = unsupported("troops pushed 20 km in", ["six miles deep"])
    >>> [q.text for q in missing], [q.text for q in given]
    (['20 km'], ['six miles'])
    """
    claimed = quantities(claim_text)
    if not claimed:  # nothing to look for: the quotes' figures would go unread
        return [], []
    given = [q for quote in quotes for q in quantities(quote)]
    missing = [c for c in claimed if not any(supports(c, g) for g in given)]
    return missing, given


def describe(q: Quantity) -> str:
    """A figure as the message shows it, with its conversion.

    >>> describe(quantities("six miles")[0])
    '“six miles” (9.7 km)'
    """
    if q.converted and q.dimension == "length":
        return f"“{q.text}” ({q.base:.1f} km)"
    return f"“{q.text}”"
