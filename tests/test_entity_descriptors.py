"""One person, one entity: descriptors the model reads into a name, initials, and second
references that drop the given name (issue 15)."""

from __future__ import annotations

import pytest

from storyline.entities.extract import canonicalise, extract_mentions
from storyline.entities.labels import trim_descriptors
from storyline.entities.lexicon import lexicon
from storyline.models import Entity, Mention, Provenance
from storyline.nlp import parse_one
from tests.conftest import make_document


def _m(text: str, doc: str, start: int = 0, sentence_start: int | None = None) -> Mention:
    """A PERSON mention; it opens its sentence unless ``sentence_start`` says otherwise."""
    first = start if sentence_start is None else sentence_start
    return Mention(
        text=text,
        label="PERSON",
        model_label="PERSON",
        provenance=Provenance(
            doc_id=doc,
            start=start,
            end=start + len(text),
            sentence=text,
            sentence_start=first,
            sentence_end=start + len(text),
        ),
    )


def _entity_of(entities: list[Entity], doc: str, text: str) -> Entity:
    return next(
        e for e in entities for m in e.mentions if (m.provenance.doc_id, m.text) == (doc, text)
    )


@pytest.mark.parametrize(
    ("sentence", "start", "end", "kept"),
    [
        ("Having Clooney host the gala was a coup, the producers said.", 0, 2, "Clooney"),
        ("He will fight unbeaten Ukrainian Oleksandr Usyk in Kyiv.", 3, 7, "Oleksandr Usyk"),
        ("Will Smith starred in the film.", 0, 2, "Will Smith"),  # a modal is a given name here
        ("German Gref spoke in Moscow.", 0, 2, "German Gref"),  # one word after it: a given name
        ("Talks with de Klerk resumed.", 2, 4, "de Klerk"),  # a name particle is no descriptor
    ],
)
def test_words_that_describe_a_person_are_trimmed(
    sentence: str, start: int, end: int, kept: str
) -> None:
    doc = parse_one(sentence)
    assert doc[trim_descriptors(start, end, doc, lexicon()) : end].text == kept


def test_a_sentence_opening_article_is_no_initial() -> None:
    document = make_document("A Bush spokesman said the decision was final.", doc_id="d")
    people = [m.text for m in extract_mentions(document, parse_one(document.text))]
    assert "Bush" in people and "A Bush" not in people


@pytest.mark.parametrize(
    ("fuller", "shorter", "name"),
    [
        # an acronym of an office and a capital owed to the sentence start describe the person
        (_m("GM Bob Myers", "d1"), _m("Bob Myers", "d2", 40, 0), "Bob Myers"),
        (_m("Actress Meryl Streep", "d1"), _m("Meryl Streep", "d2", 40, 0), "Meryl Streep"),
        (_m("unbeaten Oleksandr Usyk", "d1", 30, 0), _m("Oleksandr Usyk", "d2"), "Oleksandr Usyk"),
        # a given name or an initial in front: the fuller name speaks for both
        (
            _m("Debbie Wasserman Schultz", "d1", 30, 0),
            _m("Wasserman Schultz", "d2", 40, 0),
            "Debbie Wasserman Schultz",
        ),
        (_m("J. Edgar Hoover", "d1", 30, 0), _m("Edgar Hoover", "d2"), "J. Edgar Hoover"),
    ],
)
def test_a_name_ending_a_longer_one_is_that_person(
    fuller: Mention, shorter: Mention, name: str
) -> None:
    entities = canonicalise([fuller, shorter])
    one = _entity_of(entities, fuller.provenance.doc_id, fuller.text)
    assert one is _entity_of(entities, shorter.provenance.doc_id, shorter.text)
    assert one.name == name


def test_a_shorter_name_of_two_fuller_ones_stays_apart() -> None:
    mentions = [
        _m("John Paul Smith", "d1", 30, 0),
        _m("Mary Paul Smith", "d2", 30, 0),
        _m("Paul Smith", "d3", 30, 0),
    ]
    entities = canonicalise(mentions)
    assert len({_entity_of(entities, m.provenance.doc_id, m.text).id for m in mentions}) == 3


def test_a_descriptor_name_does_not_make_a_name_ambiguous() -> None:
    mentions = [
        _m("Coach Steve Kerr", "d1"),
        _m("Steve Kerr", "d2", 40, 0),
        _m("Kerr", "d2", 80, 0),
    ]
    entities = canonicalise(mentions)
    assert len({_entity_of(entities, m.provenance.doc_id, m.text).id for m in mentions}) == 1
    assert entities[0].name == "Steve Kerr"


def test_father_and_son_stay_apart() -> None:
    mentions = [
        _m("George H. W. Bush", "d1", 30, 0),
        _m("George W. Bush", "d2", 30, 0),
        _m("Bush", "d3", 30, 0),
    ]
    entities = canonicalise(mentions)
    assert len({_entity_of(entities, m.provenance.doc_id, m.text).id for m in mentions}) == 3
