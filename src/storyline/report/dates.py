"""Dates as the report writes them: '27 Dec 2023', '25–29 Dec 2023', 'March 2024', 'undated'.

Every section (and the web pages) shows dates this one way: ``text.readable_dates`` in its short
style, which also turns week codes, partial dates and reference values into words.
"""

from __future__ import annotations

from storyline.text.readable_dates import readable_date


def human_date(value: str | None, end: str | None = None) -> str:
    """'2023-12-27' → '27 Dec 2023'; a range → '25–29 Dec 2023'; any TIMEX value as words."""
    return readable_date(value, end, "short")
