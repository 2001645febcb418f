"""An organisation's second reference by its first word ('Northrop Grumman' ... 'Northrop'), the
wire style of MEANTIME and TimeBank. Names are written for the test, not taken from gold sets."""

from __future__ import annotations

from storyline.entities.extract import canonicalise
from storyline.models import Entity
from tests.event_builders import name_mention as _m


def _entity_of(entities: list[Entity], doc: str, text: str) -> str:
    return next(
        e.id for e in entities for m in e.mentions if (m.provenance.doc_id, m.text) == (doc, text)
    )


def test_a_company_s_first_word_is_its_second_reference() -> None:
    entities = canonicalise(
        [
            _m("Northrop Grumman", "ORG", "d1"),
            _m("Northrop", "ORG", "d1", 100),
            _m("Northrop", "ORG", "d2"),
        ]
    )
    (company,) = entities
    assert company.name == "Northrop" and company.mention_count == 3


def test_two_longer_names_beside_the_first_word_leave_it_alone() -> None:
    entities = canonicalise(
        [
            _m("Ford Motor Co.", "ORG", "d1"),
            _m("Ford", "ORG", "d1", 100),
            _m("Ford Australia", "ORG", "d2"),
            _m("Ford", "ORG", "d2", 100),
        ]
    )
    assert len({e.id for e in entities}) == 3


def test_only_a_longer_name_written_beside_it() -> None:
    """'Apple' in one document and 'Apple Corps' in another need not be one company."""
    entities = canonicalise([_m("Apple Corps", "ORG", "d1"), _m("Apple", "ORG", "d2")])
    assert _entity_of(entities, "d1", "Apple Corps") != _entity_of(entities, "d2", "Apple")


def test_acronyms_products_and_places_are_no_second_references() -> None:
    mentions = [
        _m("UN Security Council", "ORG", "d1"),
        _m("UN", "ORG", "d1", 100),
        _m("iPhone Developer Program", "ORG", "d2"),
        _m("iPhone", "ORG", "d2", 100),
        _m("Qatar Airways", "ORG", "d3"),
        _m("Qatar", "GPE", "d3", 100),
    ]
    entities = canonicalise(mentions)
    for doc, long, short in [
        ("d1", "UN Security Council", "UN"),
        ("d2", "iPhone Developer Program", "iPhone"),
        ("d3", "Qatar Airways", "Qatar"),
    ]:
        assert _entity_of(entities, doc, long) != _entity_of(entities, doc, short), short
