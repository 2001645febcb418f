"""Header metadata: title, byline, date field and dateline."""

from __future__ import annotations

import pytest

from storyline.ingest.clean import clean_text
from storyline.ingest.header import match_dateline

BODY = "The ministers met for three hours and agreed a joint statement on trade and energy."


@pytest.mark.parametrize(
    ("paragraph", "place", "region", "date_text"),
    [
        ("New Delhi, Dec 28: India's Foreign Minister met officials.", "New Delhi", None, "Dec 28"),
        ("Moscow, Russia – India's Prime Minister arrived on Monday.", "Moscow", "Russia", None),
        (
            "WASHINGTON (Reuters) - The Senate passed the bill late on Friday.",
            "Washington",
            None,
            None,
        ),
        (
            "LONDON, March 3 (Reuters) - Britain's economy grew faster than expected.",
            "London",
            None,
            "March 3",
        ),
        ("Paris — French farmers blocked roads around the capital again.", "Paris", None, None),
        (
            "Kyiv, Ukraine, Jan 5, 2024: Air raid sirens sounded across the city.",
            "Kyiv",
            "Ukraine",
            "Jan 5, 2024",
        ),
    ],
)
def test_datelines(paragraph: str, place: str, region: str | None, date_text: str | None) -> None:
    dateline, length = match_dateline(paragraph)
    assert dateline is not None
    assert (dateline.place, dateline.region, dateline.date_text) == (place, region, date_text)
    assert paragraph[length:].strip()[0].isupper()


@pytest.mark.parametrize(
    "paragraph",
    [
        "Breaking: The minister has resigned after the vote on Tuesday.",
        "The minister said: We will not give up on this plan at all.",
        "Analysis - What the vote means for the coalition government.",
        "India and Russia share a long history of cooperation in defence.",
    ],
)
def test_not_datelines(paragraph: str) -> None:
    assert match_dateline(paragraph)[0] is None


def test_title_byline_and_date_field() -> None:
    raw = (
        "Ministers Agree Trade Deal\nBy Jane Doe and John Smith | Reuters\n"
        f"Published: March 4, 2024\n{BODY}\n"
    )
    cleaned = clean_text(raw)
    header = cleaned.header
    assert header.title == "Ministers Agree Trade Deal"
    assert header.byline == "Jane Doe and John Smith"
    assert header.date_field == "March 4, 2024"
    assert cleaned.text == BODY
    assert {r.rule for r in cleaned.removed} == {"title", "byline", "date-field"}
    assert all(r.kind == "metadata" for r in cleaned.removed)


def test_date_prefix_on_the_first_body_line() -> None:
    cleaned = clean_text(f"date 2024-03-20 {BODY}")
    assert cleaned.header.date_field == "2024-03-20"
    assert cleaned.text == BODY


def test_first_line_that_is_a_sentence_is_not_a_title() -> None:
    raw = f"{BODY}\n{BODY.replace('three', 'four')}"
    assert clean_text(raw).header.title is None


def test_known_title_is_lifted_only_when_it_matches() -> None:
    assert clean_text(f"Trade Deal Agreed\n{BODY}", known_title="Trade Deal Agreed").text == BODY
    lead = "Ministers meet in Brussels on Monday for a second round of trade talks."
    kept = clean_text(f"{lead}\n{BODY}", known_title="Another Title")
    assert kept.header.title == "Another Title"
    assert kept.text.startswith(lead)
    assert not any(r.rule == "title" for r in kept.removed)


def test_sample_headers(sample_documents) -> None:
    docs = sample_documents
    assert docs["002_66bc5cd5d1c12ee4"].dateline.place == "New Delhi"
    assert docs["003_7c02b6df5ba18665"].dateline.place == "Moscow"
    for doc_id in ("002_66bc5cd5d1c12ee4", "003_7c02b6df5ba18665", "004_4891033d3364a37d"):
        assert docs[doc_id].title, doc_id
        assert not docs[doc_id].text.startswith(docs[doc_id].title)
    assert docs["000_577aad08247b98bb"].title is None
    assert docs["001_029f77a4b5c96316"].title is None
