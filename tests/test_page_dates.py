"""Publication dates read from a page's own text: labelled lines, stamps, bylines, datelines,
numeric dates, and what is never a publication date (issue 14)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.ingest.header import match_dateline
from storyline.ingest.page_dates import page_order, page_zones, read_line, read_page_dates
from storyline.ingest.published import DateEvidence, own_years, publication_date

TODAY = date(2026, 11, 1)
BODY = (
    "The ministers met for three hours and agreed a joint statement on trade and energy, "
    "officials said after the talks ended.\n\n"
    "Both sides said they would meet again before the end of the year to review progress.\n"
)


def page(*lines: str, footer: tuple[str, ...] = ()) -> str:
    return "\n".join(lines) + "\n\n" + BODY + "\n" + "\n".join(footer)


def dated(raw: str) -> tuple[str, str] | None:
    chosen = publication_date(DateEvidence(raw_text=raw, body_text=raw), TODAY)
    return (chosen.value, chosen.source) if chosen else None


# -- lines: label, weekday, time and zone in any order -------------------------------------------
@pytest.mark.parametrize(
    ("line", "expected", "role"),
    [
        ("Published: Thursday, 4 August 2011, 14:02 IST", "2011-08-04", "published"),
        ("Updated 10:42 AM ET, Thu August 4, 2011", "2011-08-04", "updated"),
        ("Posted on August 4, 2011 at 2:02 pm", "2011-08-04", "published"),
        ("Published 4:02 PM EDT Aug 4, 2011", "2011-08-04", "published"),
        ("First published on Tue 4 Aug 2011 14.02 BST", "2011-08-04", "published"),
        ("Last Modified: 17/09/2022", "2022-09-17", "updated"),
        ("Last updated: 2011-08-04T14:02:00Z", "2011-08-04", "updated"),
        ("By A. Writer | 4 Aug 2011", "2011-08-04", "stamp"),
        ("Sep 10, 2023 18:20 IST", "2023-09-10", "stamp"),
        ("Wednesday, September 14, 2022", "2022-09-14", "stamp"),
        ("Jane Roe | The Daily Ledger | November 16, 2023", "2023-11-16", "stamp"),
        ("04/05/2021 10:00 ET", "2021-04-05", "stamp"),  # a US zone: month first
        ("04/05/2021 10:00 IST", "2021-05-04", "stamp"),  # an Indian zone: day first
    ],
)
def test_date_lines(line: str, expected: str, role: str) -> None:
    (found,) = read_line(line, "header", None)
    assert (found.day.isoformat(), found.role) == (expected, role)


@pytest.mark.parametrize(
    "line",
    [
        "Modi to visit Russia on July 8, 2024",  # a headline that mentions a date
        "© 2024 The Daily Ledger. All rights reserved.",
        "Copyright (c) 2019-2025 Ledger Media",
        "Related: Talks resume (Aug 3, 2021) | Vote delayed (Aug 5, 2021)",  # a list of days
        "— Jane Roe (@jroe) March 20, 2024",  # a quoted post's signature
        "The treaty was signed on March 3, 2019 after two years of talks in Geneva.",
    ],
)
def test_not_publication_date_lines(line: str) -> None:
    assert read_line(line, "header", None) == []


def test_both_lines_of_one_row_are_read() -> None:
    found = read_line("Published: Aug 4, 2011 | Updated: Aug 5, 2011", "header", None)
    assert [(f.day.isoformat(), f.role) for f in found] == [
        ("2011-08-04", "published"),
        ("2011-08-05", "updated"),
    ]


def test_a_page_shows_its_own_numeric_order() -> None:
    raw = page("Published: 04/05/2021", footer=("Updated: 15/05/2021",))
    assert page_order(raw) is True  # 15/05 can only be day first
    assert dated(raw) == ("2021-05-04", "field")


def test_zones_end_at_the_first_paragraph_and_start_after_the_last() -> None:
    raw = page("SITE NAME", "World | Europe", "A headline about talks", "By A. Writer")
    raw += "\nTags: talks, trade\n© 2024 Site"
    zones = page_zones(raw)
    assert zones.header == ["SITE NAME", "World | Europe", "A headline about talks", "By A. Writer"]
    assert zones.lede[0].startswith("The ministers met")
    assert zones.footer == ["Tags: talks, trade", "© 2024 Site"]


# -- pages: candidates reconciled -------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # labelled lines anywhere in the header zone, not only the first three lines
        (
            page("SITE", "World", "Headline here", "By A. Writer", "Share", "Updated: 17 Nov 2023"),
            ("2023-11-17", "field"),
        ),
        # published beats a later update, whatever the order of the lines
        (
            page("Headline here", "Updated: Aug 5, 2011", "Published: Aug 4, 2011"),
            ("2011-08-04", "field"),
        ),
        # a date line after the title, and one before it
        (page("Headline here", "Sep 10, 2023 18:20 IST"), ("2023-09-10", "in-text")),
        (page("Wednesday, September 14, 2022", "Headline here"), ("2022-09-14", "in-text")),
        # a label in the footer zone
        (page("Headline here", footer=("First published: 2 June 2019",)), ("2019-06-02", "field")),
        # a copyright footer is never the date, on a page that has one or none
        (
            page("Headline here", "Published: Jan 5, 2022", footer=("© 2024 Site",)),
            ("2022-01-05", "field"),
        ),
        (page("Headline here", footer=("© 2024 Site. All rights reserved.",)), None),
        # dates in the story describe events, not the page
        (
            "Headline here\n\nThe treaty was signed on March 3, 2019, officials said on Friday.\n",
            None,
        ),
        # a quoted post alone: a lower bound, not the date
        (page("Headline here", footer=("— Jane Roe (@jroe) March 20, 2024",)), None),
    ],
)
def test_pages(raw: str, expected: tuple[str, str] | None) -> None:
    assert dated(raw) == expected


def test_nothing_before_a_quoted_post_is_the_publication_date() -> None:
    raw = (
        "Headline here\n\nOn Wednesday the minister wrote that talks would resume, in a post that "
        "was shared widely by officials and diplomats in the region.\n\n"
        "— A Minister (@minister) March 20, 2024\n\nMarch 1, 2024"
    )
    chosen = publication_date(DateEvidence(raw_text=raw, body_text=raw), TODAY)
    assert chosen is not None and (chosen.value, chosen.source) == ("2024-03-20", "embedded-post")


# -- wire datelines ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lede", "date_text"),
    [
        ("LONDON, Aug 4 (Reuters) - Britain's economy grew faster than expected.", "Aug 4"),
        ("SPRINGFIELD, Ill. (AP) — Aug. 4, 2011 — The governor signed the bill.", "Aug. 4, 2011"),
        ("New Delhi, Aug 4 (PTI): The government said on Thursday it would act.", "Aug 4"),
        ("New Delhi, Aug 4 (IANS) The government said on Thursday it would act.", "Aug 4"),
        ("LONDON, 4 August (Reuters) - Britain said on Thursday it would act.", "4 August"),
    ],
)
def test_agency_datelines(lede: str, date_text: str) -> None:
    dateline, length = match_dateline(lede)
    assert dateline is not None and dateline.date_text == date_text
    assert lede[length:].lstrip()[0].isupper()


@pytest.mark.parametrize(
    ("lede", "rest", "expected"),
    [
        # the year from the text's own full dates; the lede's weekday agrees
        (
            "LONDON, Aug 4 (Reuters) - Britain's central bank on Thursday raised rates again.",
            "It had last raised them on July 28, 2011 after a long pause.",
            "2011-08-04",
        ),
        # the one year the text names, confirmed by the weekday (4 Aug 2011 was a Thursday)
        (
            "New Delhi, Aug 4 (PTI): The government on Thursday released the 2011 census data.",
            "Officials said the count had been delayed by floods in several states.",
            "2011-08-04",
        ),
        # the weekday picks one of the years named; a year after "since" is another time
        (
            "Beijing, Aug 4 (Reuters) - China on Thursday said talks would resume.",
            "It was the first such statement since 2005, and the 2011 round was expected soon.",
            "2011-08-04",
        ),
    ],
)
def test_yearless_dateline_takes_its_year_from_the_text(
    lede: str, rest: str, expected: str
) -> None:
    raw = f"Headline here\n\n{lede}\n\n{rest}\n"
    chosen = publication_date(DateEvidence(raw_text=raw, body_text=raw), TODAY)
    assert chosen is not None and (chosen.value, chosen.source) == (expected, "dateline")
    assert "year" in chosen.note


@pytest.mark.parametrize(
    "rest",
    [
        "Nothing in the text names a year at all, only a month and a day.",
        # two years named and no weekday to choose between them
        "The plan was drafted in 2009 and revised in 2013, officials said.",
    ],
)
def test_yearless_dateline_without_evidence_stays_undated(rest: str) -> None:
    raw = f"Headline here\n\nPARIS, May 2 (AFP) - French farmers blocked roads again.\n\n{rest}\n"
    assert publication_date(DateEvidence(raw_text=raw, body_text=raw), TODAY) is None


def test_own_years_leave_out_bounds_of_other_times() -> None:
    text = "the first visit since 2017, a 2023 summit, a target for 2030, up 2024% and by 2025"
    assert own_years(text, TODAY) == [2023]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_page_readers_never_raise(text: str) -> None:
    for found in read_page_dates(text):
        assert "©" not in found.line
    publication_date(DateEvidence(raw_text=text, body_text=text), TODAY)
