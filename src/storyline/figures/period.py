"""The period a figure refers to, written as words and normalised so that two sources compare.

News gives a figure's time in many shapes: a year ("in 2023"), a month ("in March 2023"), a
fiscal year ("FY2024-25", "2024–25", "FY25", "fiscal 2024"), a range ("April–August 2022",
"between April and August 2022"), part of a year ("in the first half", "Q3 2022"), a start
("since 2014": a running total) or a deadline ("by 2030": a horizon, not the period measured).
``find_periods`` reads them off the text; ``from_timex`` takes the timex layer's value when it
is resolved (an unresolved code such as ``XXXX-WXX-3`` or ``PRESENT_REF`` says nothing about
which period, so it is no period).

Normalised values::

    2023                 a calendar year          2023-03        a month
    2023-03-20           a day                    FY2025         the fiscal year ending in 2025
    2022-04/2022-08      a range of months        2023-H1        a half-year
    2023-Q3              a quarter                2014/..        from 2014 on (open range)

A fiscal year is named by the calendar year it ends in ("FY2024-25", "2024–25" and "FY25" are
all ``FY2025``): India's April–March year and the US government's October–September year both
end in the year their short form names, so one rule reads both without guessing a country.
Every function here is total: any string gives a list or None, never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.text.datewords import MONTH_RE, month_number
from storyline.text.readable_dates import readable_date

YEAR = r"(?:1[89]|20)\d\d"
_ORDINAL_PART = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_ORDINAL_PART |= {"fourth": 4, "4th": 4, "last": 0, "final": 0}

FISCAL = re.compile(
    rf"\b(?:FY|fiscal(?:\s+year)?|financial\s+year)\s*'?(?P<a>{YEAR}|\d\d)"
    rf"(?:\s*[-–/]\s*(?P<b>{YEAR}|\d\d))?(?!\d)",
    re.IGNORECASE,
)
SPLIT_YEAR = re.compile(rf"(?<![\d-])(?P<a>{YEAR})\s*[-–/]\s*(?P<b>{YEAR}|\d\d)(?![\d%])")
MONTH_RANGE = re.compile(
    rf"\b(?:between\s+|from\s+)?(?P<m1>{MONTH_RE})(?:\s+(?P<y1>{YEAR}))?\s*"
    rf"(?:[-–—]|to|through|till|until|and)\s*(?P<m2>{MONTH_RE}),?\s+(?P<y2>{YEAR})\b",
    re.IGNORECASE,
)
PART_OF_YEAR = re.compile(
    r"\b(?:the\s+)?(?P<which>first|second|third|fourth|1st|2nd|3rd|4th|last|final)\s+"
    r"(?P<part>half|quarter)(?:\s+of)?(?:\s+(?:the\s+)?(?:fiscal\s+|financial\s+|calendar\s+)?"
    rf"(?:year\s+)?(?P<year>{YEAR}))?",
    re.IGNORECASE,
)
SHORT_PART = re.compile(rf"\b(?P<part>[HQ])(?P<n>[1-4])\s*(?:FY\s*)?'?(?P<year>{YEAR}|\d\d)?\b")
MONTH_YEAR = re.compile(rf"\b(?P<m>{MONTH_RE}),?\s+(?P<y>{YEAR})\b", re.IGNORECASE)
PREP_YEAR = re.compile(
    rf"\b(?P<prep>in|by|until|till|during|for|through|since|of|before)\s+(?:the\s+end\s+of\s+)?"
    rf"(?P<y>{YEAR})(?![-–/]\d)\b",
    re.IGNORECASE,
)
PREP_MONTH = re.compile(
    rf"\b(?P<prep>in|during|for|by|until|till|since)\s+(?P<m>{MONTH_RE})\b(?!\.?\s*\d)",
    re.IGNORECASE,
)
BARE_YEAR = re.compile(rf"(?<![\w$€£₹-])(?P<y>{YEAR})(?![\w%-])")
RELATIVE_YEAR = re.compile(
    r"\b(?P<which>last|this|next|previous|past|current|the\s+previous)\s+"
    r"(?P<kind>fiscal\s+year|financial\s+year|year)\b",
    re.IGNORECASE,
)
RELATIVE_OFFSETS = {"last": -1, "previous": -1, "the previous": -1, "past": -1}
RELATIVE_OFFSETS |= {"this": 0, "current": 0, "next": 1}
DEADLINE_PREPS = frozenset({"by", "until", "till", "before"})


@dataclass(frozen=True)
class Period:
    """A period as written and normalised; ``horizon`` marks a deadline ("by 2030")."""

    value: str
    text: str
    start: int = 0
    end: int = 0
    horizon: bool = False
    since: bool = False  # "since 2014": the figure is a running total from then


def _full_year(digits: str, near: int | None = None) -> int | None:
    """ "2024" → 2024; "25" → 2025 (or the century that puts it next to ``near``)."""
    if not digits.isdigit():
        return None
    if len(digits) == 4:
        return int(digits)
    if len(digits) != 2:
        return None
    if near is not None:
        return (near // 100) * 100 + int(digits) + (100 if int(digits) < near % 100 else 0)
    return 2000 + int(digits)


def fiscal_value(first: str, second: str | None) -> str | None:
    """ "2024", "25" → FY2025; "24" → FY2024; "2024", "2025" → FY2025; a gap of more than one
    year is not a fiscal year (None)."""
    a = _full_year(first)
    if a is None:
        return None
    if second is None:
        return f"FY{a}"
    b = _full_year(second, near=a)
    if b is None or b != a + 1:
        return None
    return f"FY{b}"


def _year_of(published: str | None) -> int | None:
    if published and len(published) >= 4 and published[:4].isdigit():
        return int(published[:4])
    return None


def find_periods(text: str, published: str | None = None) -> list[Period]:
    """Every period expression in ``text``, most specific first where two overlap, in order."""
    found: list[Period] = []
    year_now = _year_of(published)

    def add(value: str | None, match: re.Match[str], **flags: bool) -> None:
        if value is None:
            return
        s, e = match.span()
        if any(s < p.end and p.start < e for p in found):
            return
        found.append(Period(value, match.group(0).strip(), s, e, **flags))

    for m in FISCAL.finditer(text):
        add(fiscal_value(m["a"], m["b"]), m)
    for m in SPLIT_YEAR.finditer(text):
        add(fiscal_value(m["a"], m["b"]), m)
    for m in MONTH_RANGE.finditer(text):
        m1, m2 = month_number(m["m1"]), month_number(m["m2"])
        y2 = int(m["y2"])
        y1 = int(m["y1"]) if m["y1"] else (y2 if m1 and m2 and m1 <= m2 else y2 - 1)
        if m1 and m2 and (y1, m1) < (y2, m2):
            add(f"{y1}-{m1:02d}/{y2}-{m2:02d}", m)
    for m in PART_OF_YEAR.finditer(text):
        year = int(m["year"]) if m["year"] else year_now
        part = "H" if m["part"].lower() == "half" else "Q"
        n = _ORDINAL_PART[m["which"].lower()] or (2 if part == "H" else 4)
        if year is not None and n <= (2 if part == "H" else 4):
            add(f"{year}-{part}{n}", m)
    for m in SHORT_PART.finditer(text):
        year = _full_year(m["year"]) if m["year"] else year_now
        n = int(m["n"])
        if year is not None and (m["part"] == "Q" or n <= 2):
            add(f"{year}-{m['part']}{n}", m)
    for m in MONTH_YEAR.finditer(text):
        month = month_number(m["m"])
        if month:
            add(f"{m['y']}-{month:02d}", m)
    for m in PREP_MONTH.finditer(text):
        month = month_number(m["m"])
        if month and year_now is not None and published and published[5:7].isdigit():
            # "in March" in a report of May 2024: the last March up to the report
            year = year_now if month <= int(published[5:7]) else year_now - 1
            add(f"{year}-{month:02d}", m, horizon=m["prep"].lower() in DEADLINE_PREPS)
    for m in PREP_YEAR.finditer(text):
        prep = m["prep"].lower()
        if prep == "since":
            add(f"{m['y']}/..", m, since=True)
        else:
            add(m["y"], m, horizon=prep in DEADLINE_PREPS)
    for m in RELATIVE_YEAR.finditer(text):
        offset = RELATIVE_OFFSETS.get(" ".join(m["which"].lower().split()))
        if year_now is not None and offset is not None:
            year = year_now + offset
            fiscal = "fiscal" in m["kind"].lower() or "financial" in m["kind"].lower()
            add(f"FY{year + 1}" if fiscal and offset == 0 else str(year), m)
    for m in BARE_YEAR.finditer(text):
        add(m["y"], m)
    return sorted(found, key=lambda p: p.start)


def parse_period(text: str, published: str | None = None) -> Period | None:
    """The first period ``text`` names, or None."""
    periods = find_periods(text, published)
    return periods[0] if periods else None


_RESOLVED = re.compile(r"^(?:1[89]|20)\d\d(?:-(?:[01]\d(?:-[0-3]\d)?|W[0-5]\d|Q[1-4]|H[12]))?")


def from_timex(value: str | None) -> str | None:
    """A timex value as a period: its resolved date part ("2023-11-15TMO" → "2023-11-15");
    None for an unresolved or relative code ("XXXX-WXX-3", "PRESENT_REF", "P3D")."""
    if not value:
        return None
    match = _RESOLVED.match(value)
    return match.group(0) if match else None


def describe_period(value: str | None) -> str:
    """A normalised period in words for an explanation: FY2025 → "FY2024-25",
    2022-04/2022-08 → "Apr 2022–Aug 2022", 2023-H1 → "H1 2023", 2014/.. → "since 2014"."""
    if not value:
        return "period not stated"
    if value.startswith("FY") and value[2:].isdigit():
        end = int(value[2:])
        return f"FY{end - 1}-{end % 100:02d}"
    if value.endswith("/.."):
        return f"since {value[:-3]}"
    if "/" in value:
        a, b = value.split("/", 1)
        return f"{_month_words(a)}–{_month_words(b)}"
    part = re.fullmatch(r"(\d{4})-([HQ]\d)", value)
    if part:
        return f"{part.group(2)} {part.group(1)}"
    return _month_words(value)


_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _month_words(value: str) -> str:
    parts = value.split("-")
    if len(parts) >= 2 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        month = _MONTH_ABBR[int(parts[1]) - 1]
        if len(parts) == 3 and parts[2].isdigit():
            return f"{int(parts[2])} {month} {parts[0]}"
        return f"{month} {parts[0]}"
    return readable_date(value)  # any other TIMEX value in words, never as a code
