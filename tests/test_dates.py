"""Explicit date parsing and the publication-date cascade."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.ingest.published import DateEvidence, publication_date
from storyline.models import Dateline
from storyline.text.datewords import find_dates, parse_date, parse_field_date

TODAY = date(2026, 11, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-20", date(2024, 3, 20)),
        ("March 20, 2024", date(2024, 3, 20)),
        ("20 March 2024", date(2024, 3, 20)),
        ("Mar. 20, 2024", date(2024, 3, 20)),
        ("the 3rd of May 2021", date(2021, 5, 3)),
        ("from December 25 to 29, 2023", date(2023, 12, 29)),
        ("February 30, 2024", None),
        ("Dec 28", None),
        ("no date here", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_find_dates_keeps_yearless_dates_and_ranges() -> None:
    found = find_dates("Talks on December 27 followed a visit from December 25 to 29, 2023.")
    assert [(d.month, d.day, d.year) for d in found] == [(12, 27, None), (12, 29, 2023)]
    assert found[1].range_start_day == 25


def test_percent_after_month_name_is_not_a_date() -> None:
    assert find_dates("Sales in May 40% higher") == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-20T10:15:00Z", date(2024, 3, 20)),
        ("Wed, 20 Mar 2024 10:15:00 GMT", date(2024, 3, 20)),
        ("March 20, 2024", date(2024, 3, 20)),
        ("yesterday", None),
        ("", None),
    ],
)
def test_field_dates(value: str, expected: date | None) -> None:
    assert parse_field_date(value) == expected


@pytest.mark.parametrize(
    ("evidence", "value", "source"),
    [
        (DateEvidence(field_value="2024-03-20"), "2024-03-20", "field"),
        (
            DateEvidence(header_field="March 4, 2024", header_label="published"),
            "2024-03-04",
            "field",
        ),
        (DateEvidence(html_date="2021-06-01"), "2021-06-01", "html-meta"),
        (
            DateEvidence(
                dateline=Dateline(
                    raw="LONDON, March 3, 2022 -", place="London", date_text="March 3, 2022"
                )
            ),
            "2022-03-03",
            "dateline",
        ),
        (
            DateEvidence(
                dateline=Dateline(raw="New Delhi, Dec 28:", place="New Delhi", date_text="Dec 28"),
                body_text="The visit ran from December 25 to 29, 2023.",
            ),
            "2023-12-28",
            "dateline",
        ),
        (
            DateEvidence(
                raw_text="Text.\n— Jane Doe (@jdoe) May 3, 2024",
                body_text="She said on Friday that talks went well.",
            ),
            "2024-05-03",
            "embedded-post",
        ),
        (DateEvidence(raw_text="Some article text here.\nJune 2, 2019"), "2019-06-02", "in-text"),
    ],
)
def test_publication_date_sources(evidence: DateEvidence, value: str, source: str) -> None:
    chosen = publication_date(evidence, TODAY)
    assert chosen is not None
    assert (chosen.value, chosen.source) == (value, source)


def test_a_quoted_post_dates_the_article_only_with_the_texts_weekday() -> None:
    """A post's date bounds the publication date from below; alone it does not set it."""
    raw = "— Jane Doe (@jdoe) March 20, 2024"
    agrees = publication_date(DateEvidence(raw_text=raw, body_text="on Wednesday she"), TODAY)
    silent = publication_date(DateEvidence(raw_text=raw, body_text="she spoke"), TODAY)
    assert agrees is not None and agrees.value == "2024-03-20"
    assert silent is None


@pytest.mark.parametrize(
    "evidence",
    [
        DateEvidence(),
        DateEvidence(field_value="2031-01-01"),  # in the future: refused, not guessed
        DateEvidence(field_value="1899-05-01"),
        DateEvidence(
            dateline=Dateline(raw="Paris, May 2:", place="Paris", date_text="May 2"),
            body_text="No year anywhere.",
        ),
        DateEvidence(
            dateline=Dateline(raw="Paris, May 2:", place="Paris", date_text="May 2"),
            body_text="Deals signed on March 1, 2015 and June 3, 2022.",
        ),
        DateEvidence(raw_text="In 2019 and 2022 the leaders met.", body_text="In 2019 and 2022"),
    ],
)
def test_undated_rather_than_guessed(evidence: DateEvidence) -> None:
    assert publication_date(evidence, TODAY) is None


def test_agreeing_sources_raise_confidence() -> None:
    alone = publication_date(DateEvidence(html_date="2024-03-20"), TODAY)
    both = publication_date(
        DateEvidence(html_date="2024-03-20", raw_text="x\nMarch 20, 2024"), TODAY
    )
    assert both.confidence > alone.confidence


def test_sample_dates(sample_documents) -> None:
    expected = {
        "000_577aad08247b98bb": ("2024-03-20", "field"),
        "001_029f77a4b5c96316": ("2024-03-20", "embedded-post"),
        "002_66bc5cd5d1c12ee4": ("2023-12-28", "dateline"),
        "003_7c02b6df5ba18665": (None, None),
        "004_4891033d3364a37d": (None, None),
    }
    for doc_id, (value, source) in expected.items():
        doc = sample_documents[doc_id]
        assert (doc.published, doc.date_source) == (value, source), doc_id


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_date_parsers_never_raise(text: str) -> None:
    find_dates(text)
    parse_field_date(text)
    publication_date(
        DateEvidence(
            field_value=text,
            header_field=text,
            html_date=text,
            raw_text=text,
            body_text=text,
            dateline=Dateline(raw=text, place="X", date_text=text),
        ),
        TODAY,
    )


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"(Jan|Feb|March|Sept|Dec)\.? [0-9]{1,2}(, (19|20)[0-9]{2})?", fullmatch=True))
def test_date_parser_total_on_date_shaped_text(text: str) -> None:
    for match in find_dates(text):
        match.to_date(2020)
