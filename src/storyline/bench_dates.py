"""The dates of a simulated copy (``bench_big.simulate``): every calendar value of an analysis
moved with the copy's publication day.

A copy is its template moved by whole weeks. If only full days moved, a copy's "2002" or
"2019-05" would stay where the template had it, and every copy of a template would fall in the
template's date blocks (the events stage's blocks are keyed by month): a pile that grows in one
place, which a real pile does not. So each value moves at its own granularity, as far as the
copy's reference day moved at that granularity: a day or a week by the weeks themselves, a
month (and a quarter, a half, by their first month) by the months the reference day crossed, a
year (a fiscal year, a season, a decade, a century) by the years it crossed. The reference day
is the template's publication day; an undated template's values move from their own first day.
Partial values (``XXXX-06-01``) move the same way in a common year, without one. Values that are
not on the calendar (``PRESENT_REF``, durations, sets) and every text field stay as they are,
so every character offset of the analysis stays valid.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from storyline.models import DocumentAnalysis

WEEK = 7
_COMMON_YEAR = 2001  # the year a partial value (no year: "XXXX-06-01") is moved in

_DAY = re.compile(r"^(\d{4}|XXXX)-(\d\d)-(\d\d)(T.*)?$")  # a day, with a time of day or not
_WEEK = re.compile(r"^(\d{4})-W(\d\d)(-WE)?$")
_MONTH = re.compile(r"^(\d{4}|XXXX)-(\d\d)$")
_PART = re.compile(r"^(\d{4}|XXXX)-(Q[1-4]|H[12])$")  # a quarter or a half of a year
_YEAR = re.compile(r"^(FY)?(\d{4})(-(?:SP|SU|FA|WI))?$")  # a (fiscal) year, or a season of one
_DECADE = re.compile(r"^\d{3}$")
_CENTURY = re.compile(r"^\d{2}$")


def _months(day: date) -> int:
    return day.year * 12 + day.month - 1


def _moved(day: date, weeks: int) -> date | None:
    try:
        return day + timedelta(days=WEEK * weeks)
    except OverflowError:
        return None


def _month_delta(reference: date | None, first: date, weeks: int) -> int | None:
    start = reference or first
    end = _moved(start, weeks)
    return None if end is None else _months(end) - _months(start)


def _year_text(year: str, new: int) -> str:
    return year if year == "XXXX" else f"{new:04d}"


@cache
def shift_value(value: str, weeks: int, reference: date | None = None) -> str:
    """``value`` moved as a copy ``weeks`` later whose template was published on ``reference``
    (module docstring); unchanged when it is no calendar value or the move leaves the calendar."""
    if not weeks:
        return value
    try:
        return _shift(value, weeks, reference) or value
    except ValueError:  # not a calendar value ("2024-13-40", "2015-W53"): leave it
        return value


def _shift(value: str, weeks: int, reference: date | None) -> str | None:
    if match := _DAY.match(value):
        year, month, day, clock = match.groups()
        base = date(_COMMON_YEAR if year == "XXXX" else int(year), int(month), int(day))
        moved = _moved(base, weeks)
        if moved is None or (year == "XXXX" and (month, day) == ("02", "29")):
            return None
        head = moved.isoformat() if year != "XXXX" else f"XXXX-{moved:%m-%d}"
        return head + (clock or "")
    if match := _WEEK.match(value):
        monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        moved = _moved(monday, weeks)
        if moved is None:
            return None
        iso_year, iso_week, _ = moved.isocalendar()
        return f"{iso_year:04d}-W{iso_week:02d}{match[3] or ''}"
    if match := _MONTH.match(value) or _PART.match(value):
        year, part = match.groups()
        first_month = int(part) if part.isdigit() else _first_month(part)
        first = date(_COMMON_YEAR if year == "XXXX" else int(year), first_month, 1)
        delta = _month_delta(None if year == "XXXX" else reference, first, weeks)
        if delta is None:
            return None
        index = _months(first) + delta
        new_year, new_month = divmod(index, 12)
        if part.isdigit():
            return f"{_year_text(year, new_year)}-{new_month + 1:02d}"
        if part[0] == "Q":
            return f"{_year_text(year, new_year)}-Q{new_month // 3 + 1}"
        return f"{_year_text(year, new_year)}-H{new_month // 6 + 1}"
    if match := _YEAR.match(value):
        years = _year_delta(date(int(match[2]), 1, 1), weeks, reference)
        if years is None:
            return None
        return f"{match[1] or ''}{int(match[2]) + years:04d}{match[3] or ''}"
    for pattern, width in ((_DECADE, 10), (_CENTURY, 100)):
        if pattern.match(value):
            first_year = int(value) * width
            years = _year_delta(date(first_year, 1, 1), weeks, reference)
            if years is None:
                return None
            return f"{(first_year + years) // width:0{len(value)}d}"
    return None


def _first_month(part: str) -> int:
    return (int(part[1]) - 1) * (3 if part[0] == "Q" else 6) + 1


def _year_delta(first: date, weeks: int, reference: date | None) -> int | None:
    start = reference or first
    end = _moved(start, weeks)
    return None if end is None else end.year - start.year


def shift_analysis(
    analysis: DocumentAnalysis, weeks: int, reference: date | None
) -> DocumentAnalysis:
    """``analysis`` with every calendar value of its timexes, events and figures moved
    (``shift_value``); the same object when ``weeks`` is 0."""
    if not weeks:
        return analysis

    def moved(value: str | None) -> str | None:
        return None if value is None else shift_value(value, weeks, reference)

    timexes = [
        t.model_copy(update={"value": moved(t.value), "range_end": moved(t.range_end)})
        for t in analysis.timexes
    ]
    events = [
        e.model_copy(update={"date": moved(e.date), "date_end": moved(e.date_end)})
        for e in analysis.events
    ]
    figures = [
        f.model_copy(update={"period": moved(f.period), "reported": moved(f.reported)})
        for f in analysis.figures
    ]
    return analysis.model_copy(update={"timexes": timexes, "events": events, "figures": figures})
