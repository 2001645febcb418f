"""Explicit calendar dates in English text: the primitives dating and timex normalisation share.

Only what is written is read: "March 20, 2024", "20 March 2024", "2024-03-20", "Dec 28",
"December 25 to 29, 2023". Relative expressions ("on Wednesday") belong to ``timex``.
Every function here is total: on any string it returns a value or ``None``, never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip

MONTH_RE = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_MONTH = rf"(?P<month>{MONTH_RE})"

#: Patterns for explicit dates, most specific first. Each names month/day/year groups.
DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\b{_YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?:\b|(?=T\d))"),
    # "December 25 to 29, 2023" / "Dec 25-29, 2023": a range; the groups read its end.
    re.compile(
        rf"\b{_MONTH}\s+(?P<day0>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:to|-|–|—|until|through)\s*"
        rf"{_DAY},?\s+{_YEAR}\b"
    ),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s*(?:19|20)\d\d)(?!\s*(?:%|percent))"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?!,?\s*(?:19|20)\d\d)"),
)


@dataclass(frozen=True)
class DateMatch:
    """An explicit date found in text; ``year`` is None when the text gives none."""

    start: int
    end: int
    text: str
    year: int | None
    month: int
    day: int
    range_start_day: int | None = None

    def to_date(self, year: int | None = None) -> date | None:
        return safe_date(self.year or year, self.month, self.day)


def month_number(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def safe_date(year: int | None, month: int | None, day: int | None) -> date | None:
    """A ``date`` or None when the parts do not form a real calendar day."""
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMatch]:
    """All explicit dates in ``text``, leftmost-longest, non-overlapping, in order."""
    taken: list[tuple[int, int]] = []
    found: list[DateMatch] = []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            parsed = _from_match(m)
            if parsed is not None:
                taken.append((m.start(), m.end()))
                found.append(parsed)
    return sorted(found, key=lambda d: d.start)


def _from_match(m: re.Match[str]) -> DateMatch | None:
    groups = m.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else month_number(groups["month"])
    day = int(groups["day"])
    year = int(groups["year"]) if groups.get("year") else None
    if month is None or not 1 <= day <= 31:
        return None
    if year is not None and safe_date(year, month, day) is None:
        return None
    first = groups.get("day0")
    return DateMatch(
        m.start(), m.end(), m.group(0), year, month, day, int(first) if first else None
    )


#: Numeric dates: day and month in either order ("17/09/2022", "9.17.2022", "17-09-2022"), or
#: year first ("2022/09/17", "2022.09.17"). Which of day and month comes first is a convention
#: of the page, so ``numeric_dates`` returns every reading the calendar allows.
NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(?:(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)"
    r"|(?P<ylead>(?:19|20)\d\d)(?P<sep2>[/.])(?P<m>[01]?\d)(?P=sep2)(?P<d>[0-3]?\d))(?![\d/.-]\d)"
)


@dataclass(frozen=True)
class NumericDate:
    """A numeric date and its readings: (day-first, month-first); one of them None when the
    calendar rules it out, both the same day when the order does not matter."""

    start: int
    end: int
    text: str
    day_first: date | None
    month_first: date | None

    @property
    def ambiguous(self) -> bool:
        return (
            self.day_first is not None
            and self.month_first is not None
            and self.day_first != self.month_first
        )


def numeric_dates(text: str) -> list[NumericDate]:
    """Numeric dates in ``text`` with every reading the calendar allows (none: not a date)."""
    found: list[NumericDate] = []
    for m in NUMERIC_DATE.finditer(text):
        if m.group("ylead"):
            day = safe_date(int(m.group("ylead")), int(m.group("m")), int(m.group("d")))
            readings = (day, day)
        else:
            a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("year"))
            readings = (safe_date(year, b, a), safe_date(year, a, b))
        if readings[0] is not None or readings[1] is not None:
            found.append(NumericDate(m.start(), m.end(), m.group(0), *readings))
    return found


def parse_date(text: str) -> date | None:
    """The single full date a short string states ("2024-03-20", "March 20, 2024"), or None."""
    for match in find_dates(text):
        full = match.to_date()
        if full is not None:
            return full
    return None


def parse_iso_prefix(value: str) -> date | None:
    """Date from an ISO-8601 timestamp or date string ("2024-03-20T10:00:00Z")."""
    m = re.match(r"\s*((?:19|20)\d\d)-(\d\d)-(\d\d)", value or "")
    return safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def parse_field_date(value: object) -> date | None:
    """Date from a record field: ISO, RFC 2822 (feeds), or written ("March 20, 2024")."""
    if not isinstance(value, str) or not value.strip():
        return None
    iso = parse_iso_prefix(value)
    if iso is not None:
        return iso
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return parse_date(value)
