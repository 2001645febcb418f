"""Calendar arithmetic for TIMEX3 values, and the types the timex normalisers share.

Values are TIMEX3 strings at a granularity: 2024 (year), 2024-03, 2024-W12, 2024-W12-WE,
2024-Q1, 2024-H1, 2024-03-18; durations P3Y, PT16H, P2Y6M. Total functions: bad input gives
None, never an exception.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from storyline.text.datewords import safe_date
from storyline.timex.rules import Lexicon

Direction = str | None  # "past", "future" or None (no cue)
VALUE_PARTS = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?|-W(\d\d)(-WE)?|-Q([1-4])|-H([12]))?$")
CLOCK_UNITS = {"H": "H", "MIN": "M", "S": "S"}


@dataclass(frozen=True)
class Normal:
    value: str | None
    rule: str
    type: str | None = None  # overrides the rule's default type
    anchored: bool = False
    range_end: str | None = None
    sets_reference: bool = True  # False for comparisons ("a year earlier") that do not move it


@dataclass
class Context:
    """What a normaliser may look at besides its own words."""

    anchor: date | None
    lexicon: Lexicon
    reference: str | None = None  # the last calendar value resolved in the text
    direction: Callable[[], Direction] = field(default=lambda: None)
    # the span dates an act the text tells as done ("O'Brien, fired on June 8": ``extract``)
    done: Callable[[], bool] = field(default=lambda: False)


def day_value(day: date) -> str:
    return day.isoformat()


def week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def shift_date(day: date, n: float, unit: str) -> date | None:
    """``day`` moved by n units (Y, M, W, D, DE, CE, Q); None outside the calendar."""
    steps = int(n)
    months = {"Y": 12, "M": 1, "Q": 3, "DE": 120, "CE": 1200}.get(unit)
    try:
        if months is not None:
            year, month = add_months(day.year, day.month, steps * months)
            return safe_date(year, month, day.day) or safe_date(year, month, 28)
        days = {"W": 7, "2W": 14, "D": 1, "WE": 7}.get(unit)
        return day + timedelta(days=steps * days) if days else None
    except (ValueError, OverflowError):
        return None


def granular_value(day: date, unit: str) -> str:
    """The value of the ``unit``-sized period containing ``day`` (year for Y, week for W …)."""
    if unit == "Y":
        return f"{day.year:04d}"
    if unit == "M":
        return f"{day.year:04d}-{day.month:02d}"
    if unit in ("W", "2W"):
        return week_value(day)
    if unit == "WE":
        return week_value(day) + "-WE"
    if unit == "Q":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if unit == "DE":
        return f"{day.year // 10:03d}"
    if unit == "CE":
        return f"{day.year // 100:02d}"
    return day_value(day)


def shift_value(value: str | None, n: float, unit: str) -> str | None:
    """A calendar value moved by n units at its own granularity ("1989-Q3" - 1 year = 1988-Q3)."""
    m = VALUE_PARTS.match(value or "")
    if m is None or n != int(n):
        return None
    year, month, day, week, weekend, quarter, half = m.groups()
    y, steps = int(year), int(n)
    if day:
        start = safe_date(y, int(month), int(day))
        moved = shift_date(start, steps, unit) if start else None
        return day_value(moved) if moved else None
    if month:
        months = {"Y": 12, "M": 1, "Q": 3, "DE": 120}.get(unit)
        if months is None:
            return None
        ny, nm = add_months(y, int(month), steps * months)
        return f"{ny:04d}-{nm:02d}"
    if week:
        try:
            monday = date.fromisocalendar(y, int(week), 1)
        except ValueError:
            return None
        moved = shift_date(monday, steps, unit if unit in ("W", "Y") else "")
        return (week_value(moved) + (weekend or "")) if moved else None
    if quarter:
        per_year = {"Y": 4, "Q": 1}.get(unit)
        if per_year is None:
            return None
        index = y * 4 + int(quarter) - 1 + steps * per_year
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    if half:
        return f"{y + steps:04d}-H{half}" if unit == "Y" else None
    years = {"Y": 1, "DE": 10, "CE": 100}.get(unit)
    return f"{y + steps * years:04d}" if years else None


def reference_day(context: Context) -> date | None:
    m = VALUE_PARTS.match(context.reference or "")
    if m and m.group(3):
        return safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None


def nearest_year(
    anchor: date, month: int, day: int, direction: Direction, drift_days: int
) -> date | None:
    """The month-day in the year that puts it nearest the anchor; a past-tense one more than
    ``drift_days`` ahead of the anchor is last year's (a future-tense one, next year's)."""
    options = [d for y in (-1, 0, 1) if (d := safe_date(anchor.year + y, month, day))]
    if not options:
        return None
    best = min(options, key=lambda d: abs((d - anchor).days))
    if direction == "past" and (best - anchor).days > drift_days:
        earlier = [d for d in options if d <= anchor]
        best = max(earlier) if earlier else best
    elif direction == "future" and (anchor - best).days > drift_days:
        later = [d for d in options if d >= anchor]
        best = min(later) if later else best
    return best


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The nth ``weekday`` of a month (n = -1: the last one): Thanksgiving is (11, 3, 4)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def duration_value(number: float | None, unit: str) -> str:
    """TIMEX3 duration: P3Y, PT16H, PXM; a fraction goes down a unit (2.5 years = P2Y6M)."""
    if unit == "DE":
        unit, number = "Y", None if number is None else number * 10
    elif unit == "CE":
        unit, number = "Y", None if number is None else number * 100
    elif unit == "2W":
        unit, number = "W", None if number is None else number * 2
    elif unit in ("WE", "NIGHT"):
        unit = "D" if unit == "NIGHT" else "WE"
    rest = ""
    if number is not None and number != int(number):
        smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60)}
        if unit in smaller and ((number % 1) * smaller[unit][1]).is_integer():
            small, per = smaller[unit]
            part = round((number % 1) * per)
            rest = f"{part}{CLOCK_UNITS.get(small, small)}"
            if small in CLOCK_UNITS and unit not in CLOCK_UNITS:
                rest = f"T{rest}"
            number = float(int(number))
    amount = "X" if number is None else str(int(number)) if number == int(number) else f"{number}"
    if number == 0 and rest:
        return ("PT" if unit in CLOCK_UNITS else "P") + rest
    if unit in CLOCK_UNITS:
        return f"PT{amount}{CLOCK_UNITS[unit]}{rest}"
    return f"P{amount}{unit}{rest}"
