"""Names written several ways: abbreviations the text defines (Schwartz & Hearst 2003), names the
model labelled once and missed where they recur, a company's legal form, and a national body
with and without its country. Sentences are written in the style of wire copy, not taken from
the gold sets."""

from __future__ import annotations

import pytest

from storyline.entities.abbreviations import best_long_form, definitions
from storyline.entities.extract import canonicalise, extract_mentions
from storyline.entities.lexicon import lexicon
from storyline.models import Mention, Provenance
from storyline.nlp import parse_one
from tests.conftest import make_document


def _mentions(text: str, doc_id: str = "doc") -> list[Mention]:
    document = make_document(text, doc_id=doc_id)
    return extract_mentions(document, parse_one(document.text))


@pytest.mark.parametrize(
    ("short", "long", "expected"),
    [
        ("CBI", "the Central Bureau of Investigation", "Central Bureau of Investigation"),
        ("PMO", "said the Prime Minister's Office", "Prime Minister's Office"),
        ("USAF", "for the United States Air Force", "United States Air Force"),
        ("ISRO", "Indian Space Research Organisation", "Indian Space Research Organisation"),
    ],
)
def test_long_form_is_matched_right_to_left(short: str, long: str, expected: str) -> None:
    start = best_long_form(short, long)
    assert start is not None and long[start:] == expected


@pytest.mark.parametrize(("short", "long"), [("CBI", "the police said"), ("WHO", "a new vaccine")])
def test_no_long_form_without_the_letters(short: str, long: str) -> None:
    start = best_long_form(short, long)
    assert start is None or not long[start:].split()[0][:1].isupper()


def test_a_person_s_title_defines_no_name() -> None:
    """'National Security Adviser (NSA)' is an office, which the people rules read."""
    doc = parse_one("He met National Security Adviser (NSA) Ajit Doval in the capital on Monday.")
    assert definitions(doc, lexicon()) == []


def test_defined_acronym_is_one_entity_across_documents() -> None:
    first = _mentions(
        "The Central Bureau of Investigation (CBI) on Monday registered a case against the "
        "company. The CBI said the searches would continue.",
        "d1",
    )
    second = _mentions("The CBI questioned the former principal again on Tuesday.", "d2")
    long_forms = [m for m in first if m.text == "Central Bureau of Investigation"]
    assert long_forms and long_forms[0].alias == "CBI"
    entities = canonicalise(first + second)
    (bureau,) = [e for e in entities if e.name == "Central Bureau of Investigation"]
    assert bureau.type == "ORG"
    assert {(m.provenance.doc_id, m.text) for m in bureau.mentions} >= {
        ("d1", "Central Bureau of Investigation"),
        ("d1", "CBI"),
        ("d2", "CBI"),
    }


def test_reverse_definition_short_form_first() -> None:
    mentions = _mentions(
        "ISRO (Indian Space Research Organisation) launched the satellite from Sriharikota on "
        "Saturday."
    )
    entities = canonicalise(mentions)
    (agency,) = [e for e in entities if e.name == "Indian Space Research Organisation"]
    assert "ISRO" in {m.text for m in agency.mentions}


def test_a_name_labelled_once_is_labelled_where_it_recurs() -> None:
    mentions = _mentions(
        "Singapore Airlines flew the Airbus A380 to Sydney on Thursday. A380 orders have "
        "slowed since, and the A380 remains the largest jet in service."
    )
    assert sum(m.text == "A380" for m in mentions) >= 2


def test_a_hyphenated_compound_is_no_repeat() -> None:
    """'the Russia-Ukraine conflict' is one compound word: its parts are not read again."""
    text = (
        "Prime Minister Narendra Modi spoke to Ukraine's president on Tuesday. The two leaders "
        "discussed the Russia-Ukraine conflict, officials said."
    )
    mentions = _mentions(text)
    compound = text.index("Russia-Ukraine")
    assert not any(
        m.text == "Ukraine" and compound <= m.provenance.start < compound + 14 for m in mentions
    )


def test_legal_form_makes_a_company() -> None:
    mentions = _mentions(
        "Shares of Chrysler LLC fell on Tuesday. Saturn Corporation was sold to a dealer group."
    )
    labels = {m.text: m.label for m in mentions}
    assert labels.get("Saturn Corporation") == "ORG"
    assert "LLC" not in labels


def _org(text: str, doc: str, start: int) -> Mention:
    return Mention(
        text=text,
        label="ORG",
        model_label="ORG",
        provenance=Provenance(
            doc_id=doc,
            start=start,
            end=start + len(text),
            sentence=text,
            sentence_start=start,
            sentence_end=start + len(text),
        ),
    )


def _story(doc: str) -> list[Mention]:
    return [_org("Boeing", doc, 900), _org("Airbus", doc, 950)]


def test_a_national_body_with_and_without_its_country() -> None:
    """'the U.S. Air Force', 'United States Air Force' and 'the Air Force' are one body."""
    mentions = [
        _org("U.S. Air Force", "d1", 0),
        _org("Air Force", "d1", 100),
        _org("United States Air Force", "d2", 0),
        *_story("d1"),
        *_story("d2"),
    ]
    entities = canonicalise(mentions)
    (force,) = [e for e in entities if "Air Force" in e.name]
    assert force.mention_count == 3


def test_a_bare_body_of_two_countries_stays_apart() -> None:
    """'the Navy' of a pile naming the Indian and the Pakistani navies joins neither."""
    mentions = [
        _org("Indian Navy", "d1", 0),
        _org("Pakistan Navy", "d2", 0),
        _org("Navy", "d3", 0),
        *_story("d1"),
        *_story("d2"),
        *_story("d3"),
    ]
    entities = canonicalise(mentions)
    assert len([e for e in entities if "Navy" in e.name]) == 3
