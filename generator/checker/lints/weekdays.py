"""A weekday written next to a date must be that date's weekday.

"Tuesday, 8 August 2024" reads as precise and is wrong (8 August 2024 was a
Thursday): the kind of slip a date worked out by hand produces. This module finds
a weekday immediately followed by a date (day month [year], month day [, year],
or YYYY-MM-DD), in English or Russian, and reports the ones that disagree. A date
without a year takes the year given by the caller (the claim's date), if any.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

WEEKDAYS = {
    **{d: i for i, d in enumerate(
        "monday tuesday wednesday thursday friday saturday sunday".split())},
    **{d: i for i, d in enumerate(
        "понедельник вторник среда четверг пятница суббота воскресенье".split())},
    **{d: i for i, d in enumerate(
        "понедельник вторник среду четверг пятницу субботу воскресенье".split())},
}
MONTHS = {
    **{m: i + 1 for i, m in enumerate(
        "january february march april may june july august september october "
        "november december".split())},
    **{m: i + 1 for i, m in enumerate(
        "jan feb mar apr may jun jul aug sep oct nov dec".split())},
    "sept": 9,
    **{m: i + 1 for i, m in enumerate(
        "января февраля марта апреля мая июня июля августа сентября октября ноября "
        "декабря".split())},
}
_DAY_NAME = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# A weekday's first letter: positions that begin another word are passed over before
# the alternation of day names is tried.
_FIRST = "[" + re.escape("".join(sorted({d[0] for d in WEEKDAYS}))) + "]"
_PATTERN = re.compile(
    rf"(?<!\w)(?={_FIRST})(?P<weekday>{_DAY_NAME})(?!\w)[,\s(]+(?:the\s+)?"
    rf"(?:(?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}}))"
    rf"|(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH})\.?(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{{4}}))?)"
    r"(?!\d)", re.IGNORECASE)
_RUSSIAN_STEMS = ("понедельник", "вторник", "сред", "четверг", "пятниц", "суббот",
                  "воскресень")
NAMES = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


@dataclass(frozen=True)
class Mismatch:
    text: str  # as written, e.g. "Tuesday, 8 August 2024"
    written: str  # the weekday written
    actual: str  # the date's real weekday
    day: date


def _date(m: re.Match, year: int | None) -> date | None:
    if m.group("iso"):
        y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    else:
        d = int(m.group("d1") or m.group("d2"))
        mo = MONTHS[(m.group("m1") or m.group("m2")).lower()]
        y = int(m.group("y1") or m.group("y2") or 0) or year
        if y is None:
            return None
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def mismatches(text: str, year: int | None = None) -> list[Mismatch]:
    """Each weekday + date in ``text`` whose weekday is wrong.

    >>> [m.actual for m in mismatches("on Tuesday, 8 August 2024, and Thursday 8 Aug 2024")]
    ['Thursday']
    >>> [m.text for m in mismatches("Wednesday, August 6", year=2024)]
    ['Wednesday, August 6']
    >>> mismatches("во вторник, 6 августа 2024 года") + mismatches("Friday, 31 June 2024")
    []
    """
    out: list[Mismatch] = []
    folded = text.lower()
    if "day" not in folded and not any(stem in folded for stem in _RUSSIAN_STEMS):
        return out  # no weekday at all: most texts, and the regex is the slow part
    for m in _PATTERN.finditer(text):
        day = _date(m, year)
        if day is None:
            continue
        if WEEKDAYS[m.group("weekday").lower()] != day.weekday():
            out.append(Mismatch(m.group(), m.group("weekday"), NAMES[day.weekday()], day))
    return out
