"""Dates as the report writes them: '27 Dec 2023', '25–29 Dec 2023', 'March 2024', 'undated'.

Every section (and the web pages) shows dates this one way, so they live apart from any section.
"""

from __future__ import annotations

from storyline.report.svg import day_range


def human_date(value: str | None, end: str | None = None) -> str:
    """'2023-12-27' → '27 Dec 2023'; a range → '25–29 Dec 2023'; other values as given."""
    if not value:
        return "undated"
    span = day_range(value)
    if span is None:
        return value
    first = _one_date(value)
    end_span = day_range(end) if end and end != value else None
    if end is None or end_span is None:
        return first
    last = _one_date(end)
    a, b = span[0], end_span[1]
    if len(value) == len(end) == 10 and a.year == b.year:
        if a.month == b.month:
            return f"{a.day}–{last}"
        return f"{a.day} {a:%b}–{last}"
    return f"{first} – {last}"


def _one_date(value: str) -> str:
    span = day_range(value)
    if span is None:
        return value
    day = span[0]
    if len(value) == 10:
        return f"{day.day} {day:%b %Y}"
    if len(value) == 7:
        return f"{day:%B %Y}"
    return value
