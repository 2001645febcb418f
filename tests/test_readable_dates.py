"""TIMEX3 values as words (text/readable_dates.py): the one formatter every reader sees."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.text.readable_dates import (
    date_source_words,
    readable_date,
    readable_span,
    readable_timex,
)

#: What a TIMEX code looks like; none may survive the formatter.
CODE = re.compile(
    r"XXXX|\bW\d\d\b|-W\d|-WE\b|_REF\b|\bP(?:T?\d+|X)[YMWDHS]\b|T(?:MO|AF|EV|NI|MI|DT)\b"
    r"|\b\d{4}-\d\d\b(?!-\d)|\b\d{4}-(?:Q|H)\d|\b\d{4}-(?:SP|SU|FA|WI)\b"
)


@pytest.mark.parametrize(
    ("value", "end", "short", "long"),
    [
        ("2023-12-27", None, "27 Dec 2023", "27 December 2023"),
        ("2023-12-25", "2023-12-29", "25–29 Dec 2023", "25–29 December 2023"),
        ("2023-11-30", "2023-12-02", "30 Nov–2 Dec 2023", "30 November–2 December 2023"),
        ("2024-03", None, "March 2024", "March 2024"),
        ("2024-01", "2024-03", "January–March 2024", "January–March 2024"),
        ("2011", None, "2011", "2011"),
        ("1967", "2011", "1967–2011", "1967–2011"),  # years stay years, not day ranges
        ("2013-W29", None, "the week of 15–21 Jul 2013", "the week of 15–21 July 2013"),
        ("2013-W29-WE", None, "the weekend of 20–21 Jul 2013", "the weekend of 20–21 July 2013"),
        ("XXXX-WXX-4", None, "Thursday (date unknown)", "Thursday (date unknown)"),
        ("XXXX-WXX-6TNI", None, "Saturday night (date unknown)", "Saturday night (date unknown)"),
        ("XXXX-12-27", None, "27 Dec (year unknown)", "27 December (year unknown)"),
        ("XXXX-03", None, "March (year unknown)", "March (year unknown)"),
        ("2023-Q3", None, "the third quarter of 2023", "the third quarter of 2023"),
        ("2023-H1", None, "the first half of 2023", "the first half of 2023"),
        ("2019-SU", None, "summer 2019", "summer 2019"),
        ("199", None, "the 1990s", "the 1990s"),
        ("2024-03-16TNI", None, "the night of 16 Mar 2024", "the night of 16 March 2024"),
        ("2024-03-20T15:00", None, "20 Mar 2024, 15:00", "20 March 2024, 15:00"),
        ("PRESENT_REF", None, "now", "now"),
        ("PAST_REF", None, "the past", "the past"),
        ("FY2024", None, "fiscal year 2024", "fiscal year 2024"),
        ("2024-02-30", None, "date unknown", "date unknown"),
        ("nonsense", None, "date unknown", "date unknown"),
        (None, None, "undated", "undated"),
    ],
)
def test_readable_date(value, end, short, long) -> None:
    assert readable_date(value, end) == short
    assert readable_date(value, end, "long") == long


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("DURATION", "P3Y", "3 years"),
        ("DURATION", "PT5H30M", "5 hours 30 minutes"),
        ("DURATION", "PXM", "months"),
        ("SET", "P1W", "every week"),
        ("SET", "XXXX-WXX-1", "every Monday"),
        ("DATE", None, "date not resolved"),
        ("DATE", "XXXX-WXX-2", "Tuesday (date unknown)"),
    ],
)
def test_readable_timex(kind, value, expected) -> None:
    assert readable_timex(kind, value) == expected


def test_span_keeps_each_end_at_its_granularity() -> None:
    assert readable_span(["1967", "2011"]) == "1967–2011"
    assert readable_span(["2023-12-27", "2024-03", None]) == "27 Dec 2023 – March 2024"
    assert readable_span([None, "XXXX-WXX-1"]) == ""


def test_source_names_are_words() -> None:
    assert date_source_words("html-meta") == "page metadata"
    assert date_source_words("made-up") == "the text"


TIMEX_PART = st.sampled_from(
    ["XXXX", "2013", "1999", "12", "03", "W29", "WXX", "WE", "Q3", "H1", "SU", "TNI", "TMO",
     "T15:00", "7", "30", "P", "PT", "3Y", "XM", "_REF", "PRESENT", "FY"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    st.lists(TIMEX_PART, min_size=1, max_size=5).map("-".join),
    st.one_of(st.none(), st.lists(TIMEX_PART, min_size=1, max_size=4).map("-".join)),
)
def test_no_timex_code_survives(value: str, end: str | None) -> None:
    for style in ("short", "long"):
        words = readable_date(value, end, style)  # type: ignore[arg-type]
        assert not CODE.search(words), (value, end, words)
    for kind in ("DATE", "TIME", "DURATION", "SET"):
        assert not CODE.search(readable_timex(kind, value, end)), (kind, value, end)
