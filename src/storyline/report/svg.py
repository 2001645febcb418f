"""The timeline chart's geometry: a time axis with one mark per dated event.

The template draws what this computes. Marks that would touch are stacked in lanes above the
axis; a range ("December 25 to 29") or an imprecise date (a month, a year) is a bar over its
days; planned events are drawn hollow. A crowded day stacks at most ``MAX_LANES`` high and its
label counts the marks. The same chart is laid out at two widths, one for wide
screens and one for phones, so its labels stay legible on both.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

MARK_R = 6
LANE = 17
PAD_X = 18
TICK_SPACE = 78  # px a tick label needs
MAX_LANES = 8  # marks stacked at most this high
GROUP_GAP = 24  # marks closer than this (px) share one date label
CHAR_WIDTH = 7.0  # average px per character of an 11px bold label (generous)
MONTHS = calendar.month_abbr


@dataclass
class Mark:
    x: float
    x2: float
    y: float
    tone: str
    planned: bool
    href: str
    title: str


@dataclass
class Tick:
    x: float
    label: str
    anchor: str = "middle"  # SVG text-anchor: labels near an edge are kept inside the chart


@dataclass
class TimelineChart:
    width: int
    height: int
    axis_y: float
    marks: list[Mark]
    ticks: list[Tick]
    labels: list[Tick]  # the dates of groups of nearby marks, above them


@dataclass(frozen=True)
class ChartItem:
    """What the chart needs of a timeline event."""

    date: str
    date_end: str | None
    tone: str
    planned: bool
    href: str
    title: str


def day_range(value: str | None) -> tuple[date, date] | None:
    """First and last day an ISO date, month or year covers; None for anything else."""
    if not value:
        return None
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return day, day
        if len(value) == 7 and value[4] == "-":
            year, month = int(value[:4]), int(value[5:])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if len(value) == 4 and value.isdigit():
            return date(int(value), 1, 1), date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def timeline_chart(items: Sequence[ChartItem], width: int) -> TimelineChart | None:
    """The chart of the items that have a calendar date; None when none has."""
    spans = []
    for item in items:
        first = day_range(item.date)
        if first is None:
            continue
        last = day_range(item.date_end) if item.date_end else None
        end = max(first[1], last[1]) if last else first[1]
        spans.append((first[0], end, item))
    if not spans:
        return None
    lo = min(s for s, _, _ in spans)
    hi = max(e for _, e, _ in spans)
    pad = max(1, round((hi - lo).days * 0.03))
    lo, hi = lo - timedelta(days=pad), hi + timedelta(days=pad)
    total = max((hi - lo).days, 1)

    def x_of(day: date) -> float:
        return round(PAD_X + (day - lo).days / total * (width - 2 * PAD_X), 1)

    placed = sorted(
        ((x_of(s), x_of(e), s, e, item) for s, e, item in spans), key=lambda p: (p[0], p[1])
    )
    lanes: list[float] = []  # right edge of the last mark in each lane
    assigned: list[int] = []
    for x, x2, *_rest in placed:
        left = x - MARK_R - 1
        lane = next((i for i, right in enumerate(lanes) if right < left), len(lanes))
        if lane == MAX_LANES:  # a crowded day: marks overlap in the top lane; the label counts
            lane = MAX_LANES - 1
        elif lane == len(lanes):
            lanes.append(0.0)
        lanes[lane] = max(x, x2) + MARK_R + 1
        assigned.append(lane)
    axis_y = 30 + len(lanes) * LANE
    marks = [
        Mark(
            x, max(x, x2), axis_y - 12 - lane * LANE, item.tone, item.planned, item.href, item.title
        )
        for (x, x2, _s, _e, item), lane in zip(placed, assigned, strict=True)
    ]
    ticks = [
        Tick(x_of(day), label, _text_anchor(x_of(day), width))
        for day, label in _ticks(lo, hi, max(2, width // TICK_SPACE))
    ]
    labels = _group_labels([(x, x2, s, e) for x, x2, s, e, _item in placed], width)
    return TimelineChart(width, int(axis_y + 30), axis_y, marks, ticks, labels)


def _group_labels(marks: list[tuple[float, float, date, date]], width: int) -> list[Tick]:
    """One date label over each group of marks that sit close together, where it fits."""
    groups: list[list[tuple[float, float, date, date]]] = []
    for mark in marks:
        if groups and mark[0] - max(m[1] for m in groups[-1]) < GROUP_GAP:
            groups[-1].append(mark)
        else:
            groups.append([mark])
    labels: list[Tick] = []
    right_edge = float("-inf")
    for group in groups:
        first, last = min(m[2] for m in group), max(m[3] for m in group)
        label = _span_label(first, last) + (f" ({len(group)})" if len(group) > 1 else "")
        half = len(label) * CHAR_WIDTH / 2
        centre = (group[0][0] + max(m[1] for m in group)) / 2
        x = round(min(max(centre, half + 2), width - half - 2), 1)  # kept inside the chart
        if x - half <= right_edge + 6:
            continue
        labels.append(Tick(x, label))
        right_edge = x + half
    return labels


def _span_label(first: date, last: date) -> str:
    whole_month = first.day == 1 and last == first.replace(
        day=calendar.monthrange(first.year, first.month)[1]
    )
    if whole_month:
        return f"{MONTHS[first.month]} {first.year}"
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    if first == last:
        return f"{first.day} {MONTHS[first.month]} {first.year}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {MONTHS[first.month]} {first.year}"
    if first.year == last.year:
        return f"{first.day} {MONTHS[first.month]}–{last.day} {MONTHS[last.month]} {first.year}"
    return f"{_span_label(first, first)}–{_span_label(last, last)}"


def _text_anchor(x: float, width: int) -> str:
    if x < TICK_SPACE / 2:
        return "start"
    return "end" if x > width - TICK_SPACE / 2 else "middle"


def _ticks(lo: date, hi: date, most: int) -> list[tuple[date, str]]:
    """Evenly spaced calendar ticks: days, months or years, whichever fits ``most`` labels."""
    for unit, step in (
        ("day", 1),
        ("day", 2),
        ("day", 7),
        ("day", 14),
        ("month", 1),
        ("month", 2),
        ("month", 3),
        ("month", 6),
        ("year", 1),
        ("year", 2),
        ("year", 5),
        ("year", 10),
        ("year", 25),
        ("year", 50),
        ("year", 100),
    ):
        days = list(_calendar(lo, hi, unit, step))
        if len(days) <= most:
            return _labelled(days, unit)
    return []


def _calendar(lo: date, hi: date, unit: str, step: int):
    if unit == "day":
        day = lo
        while day <= hi:
            if step == 1 or ((day.day - 1) % step == 0 and day.day + step <= 32):
                yield day
            day += timedelta(days=1)
        return
    if unit == "month":
        year, month = lo.year, lo.month
        while date(year, month, 1) <= hi:
            if date(year, month, 1) >= lo and (month - 1) % step == 0:
                yield date(year, month, 1)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return
    for year in range(lo.year, hi.year + 1):
        if date(year, 1, 1) >= lo and year % step == 0:
            yield date(year, 1, 1)


def _labelled(days: list[date], unit: str) -> list[tuple[date, str]]:
    labels = []
    for i, day in enumerate(days):
        if unit == "year":
            label = str(day.year)
        elif unit == "month":
            first = i == 0 or day.month == 1
            label = f"{MONTHS[day.month]} {day.year}" if first else MONTHS[day.month]
        else:
            first = i == 0 or day.year != days[i - 1].year
            label = f"{day.day} {MONTHS[day.month]}" + (f" {day.year}" if first else "")
        labels.append((day, label))
    return labels
