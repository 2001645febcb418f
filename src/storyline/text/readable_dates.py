"""TIMEX3 values as words: the one formatter for every date a user reads.

The report, the web app, ``ask``, the summary and the command line all show dates through
``readable_date``; no TIMEX code (``2013-W29-WE``, ``XXXX-WXX-7``, ``PRESENT_REF``, ``P3Y``)
reaches a reader. Granularity is kept: a year is "2011", a month "March 2024", a week "the week
of 15–21 July 2013", never a range of days the text did not state. Two styles: ``"short"``
month names in day dates ("27 Dec 2023", the report's and the web app's compact tables) and
``"long"`` ("27 December 2023", sentences such as ``ask``'s answers).

Total: any string in, words out; a value it cannot read becomes "date unknown", never itself.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Literal

Style = Literal["short", "long"]

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "AU": "autumn", "WI": "winter"}
PARTS_OF_DAY = {
    "MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night",
    "DT": "daytime",
}  # fmt: skip
REFERENCES = {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}
ORDINALS = ("first", "second", "third", "fourth")
DURATION_UNITS = {
    "Y": "year", "M": "month", "W": "week", "D": "day", "WE": "weekend", "DE": "decade",
    "CE": "century", "Q": "quarter", "H": "hour", "MIN": "minute", "S": "second",
}  # fmt: skip
SOURCE_WORDS = {
    "field": "date field",
    "dateline": "dateline",
    "embedded-post": "embedded post",
    "html-meta": "page metadata",
    "in-text": "date line in the text",
}
UNKNOWN = "date unknown"

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)(?:T(.+))?$")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)(-WE)?$")
_QUARTER = re.compile(r"^(\d{4}|XXXX)-Q([1-4])$")
_HALF = re.compile(r"^(\d{4}|XXXX)-H([12])$")
_SEASON = re.compile(r"^(\d{4}|XXXX)-(SP|SU|FA|AU|WI)$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")
_PARTIAL_DAY = re.compile(r"^XXXX-(\d\d)-(\d\d)(?:T(.+))?$")
_PARTIAL_MONTH = re.compile(r"^XXXX-(\d\d)$")
_PARTIAL_WEEKDAY = re.compile(r"^XXXX-WXX-([1-7])(?:T(.+))?$")
_PARTIAL_TIME = re.compile(r"^XXXX-XX-XXT(.+)$")
_FISCAL = re.compile(r"^FY ?(\d{4})$", re.IGNORECASE)
_DURATION = re.compile(r"^PT?(?:(\d+(?:\.\d+)?|X)(Y|M|W|D|WE|DE|CE|Q|H|S))+$")
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?|X)(WE|DE|CE|MIN|Y|M|W|D|Q|H|S)")


def _month_name(month: int, style: Style) -> str:
    return calendar.month_abbr[month] if style == "short" else calendar.month_name[month]


def _day(day: date, style: Style) -> str:
    return f"{day.day} {_month_name(day.month, style)} {day.year}"


def _clock(part: str | None) -> str:
    """A TIMEX time part as words: "T15:00" → "15:00", "TMO" → "morning"."""
    if not part:
        return ""
    if part in PARTS_OF_DAY:
        return PARTS_OF_DAY[part]
    m = re.match(r"^(\d\d):(\d\d)", part)
    return f"{m.group(1)}:{m.group(2)}" if m else ""


def _at(day: str, part: str | None) -> str:
    """A day with its time: "16 Mar 2024, 15:00"; "the night of 16 Mar 2024"."""
    clock = _clock(part)
    if not clock:
        return day
    return f"the {clock} of {day}" if part in PARTS_OF_DAY else f"{day}, {clock}"


def _safe_day(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _week_days(year: int, week: int) -> tuple[date, date] | None:
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return monday, monday + timedelta(days=6)


def _days_span(first: date, last: date, style: Style) -> str:
    """'25–29 Dec 2023', '30 Nov–2 Dec 2023', '30 Dec 2023 – 2 Jan 2024'."""
    if first == last:
        return _day(first, style)
    if first.year == last.year:
        if first.month == last.month:
            return f"{first.day}–{_day(last, style)}"
        return f"{first.day} {_month_name(first.month, style)}–{_day(last, style)}"
    return f"{_day(first, style)} – {_day(last, style)}"


def granularity(value: str | None) -> str | None:
    """'day', 'month', 'year' for calendar values; None for anything else."""
    if not value:
        return None
    if _DAY.match(value):
        return "day"
    if _MONTH.match(value):
        return "month"
    return "year" if _YEAR.match(value) else None


def _single(value: str, style: Style) -> str:
    """One TIMEX3 value as words (no range)."""
    if value in REFERENCES:
        return REFERENCES[value]
    if m := _DAY.match(value):
        day = _safe_day(*m.group(1, 2, 3))
        if day is None:
            return UNKNOWN
        return _at(_day(day, style), m.group(4))
    if m := _MONTH.match(value):
        month = int(m.group(2))
        return f"{calendar.month_name[month]} {m.group(1)}" if 1 <= month <= 12 else UNKNOWN
    if _YEAR.match(value):
        return value
    if m := _WEEK.match(value):
        days = _week_days(int(m.group(1)), int(m.group(2)))
        if days is None:
            return UNKNOWN
        if m.group(3):
            saturday = days[0] + timedelta(days=5)
            return f"the weekend of {_days_span(saturday, days[1], style)}"
        return f"the week of {_days_span(*days, style)}"
    if m := _QUARTER.match(value):
        year = m.group(1)
        quarter = f"the {ORDINALS[int(m.group(2)) - 1]} quarter"
        return f"{quarter} of {year}" if year != "XXXX" else f"{quarter} (year unknown)"
    if m := _HALF.match(value):
        year = m.group(1)
        half = f"the {ORDINALS[int(m.group(2)) - 1]} half"
        return f"{half} of {year}" if year != "XXXX" else f"{half} (year unknown)"
    if m := _SEASON.match(value):
        year, season = m.group(1), SEASONS[m.group(2)]
        return f"{season} {year}" if year != "XXXX" else f"{season} (year unknown)"
    if m := _DECADE.match(value):
        return f"the {m.group(1)}0s"
    if m := _CENTURY.match(value):
        return f"the {m.group(1)}00s"
    if m := _PARTIAL_DAY.match(value):
        day = _safe_day("2000", m.group(1), m.group(2))  # 2000: a leap year allows 29 Feb
        if day is None:
            return UNKNOWN
        return _at(f"{day.day} {_month_name(day.month, style)}", m.group(3)) + " (year unknown)"
    if m := _PARTIAL_MONTH.match(value):
        number = int(m.group(1))
        return f"{calendar.month_name[number]} (year unknown)" if 1 <= number <= 12 else UNKNOWN
    if m := _PARTIAL_WEEKDAY.match(value):
        clock = _clock(m.group(2))
        name = WEEKDAY_NAMES[int(m.group(1)) - 1]
        return f"{name}{' ' + clock if clock else ''} (date unknown)"
    if m := _PARTIAL_TIME.match(value):
        clock = _clock(m.group(1))
        return f"{clock} (date unknown)" if clock else UNKNOWN
    if m := _FISCAL.match(value):
        return f"fiscal year {m.group(1)}"
    if _DURATION.match(value):
        return duration_words(value)
    return UNKNOWN


def duration_words(value: str) -> str:
    """A TIMEX3 duration as words: 'P3Y' → '3 years', 'PXM' → 'months', 'PT4H' → '4 hours'."""
    clock = value.startswith("PT")
    parts = []
    for amount, unit in _DURATION_PART.findall(value[2:] if clock else value[1:]):
        if clock and unit == "M":
            unit = "MIN"
        name = DURATION_UNITS.get(unit, "")
        if not name:
            return UNKNOWN
        if amount == "X":
            parts.append(f"{name}s")
        else:
            number = float(amount)
            shown = str(int(number)) if number == int(number) else amount
            parts.append(f"{shown} {name}{'' if number == 1 else 's'}")
    return " ".join(parts) if parts else UNKNOWN


def readable_date(value: str | None, end: str | None = None, style: Style = "short") -> str:
    """A TIMEX3 value (and the end of its range) as words a reader expects.

    '2023-12-27' → '27 Dec 2023'; ('2023-12-25', '2023-12-29') → '25–29 Dec 2023';
    '2024-03' → 'March 2024'; '2011' → '2011'; ('1967', '2011') → '1967–2011';
    '2013-W29-WE' → 'the weekend of 20–21 Jul 2013'; 'XXXX-WXX-4' → 'Thursday (date unknown)';
    'PRESENT_REF' → 'now'; None → 'undated'.
    """
    if not value:
        return "undated"
    value = value.strip()
    first = _single(value, style)
    if not end or end.strip() == value or first == UNKNOWN:
        return first
    end = end.strip()
    kind, end_kind = granularity(value), granularity(end)
    if kind == end_kind == "day":
        a, b = _DAY.match(value), _DAY.match(end)
        if a and b and not (a.group(4) or b.group(4)):
            first_day, last_day = _safe_day(*a.group(1, 2, 3)), _safe_day(*b.group(1, 2, 3))
            if first_day and last_day and first_day <= last_day:
                return _days_span(first_day, last_day, style)
    if kind == end_kind == "month" and value[:4] == end[:4]:
        return f"{calendar.month_name[int(value[5:7])]}–{_single(end, style)}"
    if kind == end_kind == "year":
        return f"{value}–{end}"
    last = _single(end, style)
    return first if last == UNKNOWN else f"{first} – {last}"


def readable_span(values: Iterable[str | None]) -> str:
    """The span of several dates, each end at its own granularity: ('1967', '2011-05') →
    '1967 – May 2011'; empty → ''."""
    known = [v for v in values if v and granularity(v)]
    if not known:
        return ""
    first = min(known, key=lambda v: (v[:10], len(v)))
    last = max(known, key=lambda v: _last_day(v))
    return readable_date(first) if first == last else readable_date(first, last)


def _last_day(value: str) -> str:
    """The last ISO day a calendar value covers, for ordering ends of spans."""
    if _YEAR.match(value):
        return f"{value}-12-31"
    if m := _MONTH.match(value):
        year, month = int(m.group(1)), int(m.group(2))
        last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 28
        return f"{value}-{last:02d}"
    return value[:10]


def readable_timex(kind: str, value: str | None, end: str | None = None) -> str:
    """A temporal expression's value for a reader: dates and times via ``readable_date``,
    durations as amounts, sets as frequencies ("every week"), unresolved ones said so."""
    if not value:
        return "date not resolved" if kind in ("DATE", "TIME") else "unresolved"
    if kind == "SET":
        if value.startswith("P"):
            words = duration_words(value)
            return "every " + re.sub(r"^1 ", "", words) if words != UNKNOWN else "repeatedly"
        if m := _PARTIAL_WEEKDAY.match(value):
            return f"every {WEEKDAY_NAMES[int(m.group(1)) - 1]}"
        if m := _PARTIAL_TIME.match(value):
            return f"every {_clock(m.group(1)) or 'day'}"
        return "repeatedly"
    if kind == "DURATION" and value.startswith("P"):
        return duration_words(value)
    return readable_date(value, end)


def date_source_words(source: str | None) -> str:
    """Where a publication date came from, in words ('html-meta' → 'page metadata')."""
    return SOURCE_WORDS.get(source or "", "the text")
