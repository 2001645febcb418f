"""What a name is from the words around it: an institution's name that runs on through "in",
a venue named by the noun it modifies, a label read from the text outvoting the model's
guesses for the same name across documents, and a demonym pointing at the place it comes from."""

from __future__ import annotations

import pytest

from storyline.entities.extract import canonicalise, extract_mentions
from storyline.models import Mention, Provenance
from storyline.nlp import parse_one
from tests.conftest import make_document


def _names(text: str) -> dict[str, str]:
    document = make_document(text)
    return {m.text: m.label for m in extract_mentions(document, parse_one(document.text))}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Visitors laid flowers at the National Museum of the History of Ukraine in the"
            " Second World War on Saturday.",
            "National Museum of the History of Ukraine in the Second World War",
        ),
    ],
)
def test_a_museum_name_runs_on_through_in_to_what_it_is_about(text: str, name: str) -> None:
    names = _names(text)
    assert names.get(name) == "FAC", names
    assert "Second World War" not in names, names


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("A panel at the Court of Appeals in Atlanta ruled.", "Court of Appeals", "Atlanta"),
        (
            "Scientists at the Max Planck Institute for Astrophysics in Munich said so.",
            "Max Planck Institute for Astrophysics",
            "Munich",
        ),
        (
            "Crowds queued at the Museum of the Great Patriotic War in Moscow on Friday.",
            "Museum of the Great Patriotic War",
            "Moscow",
        ),
    ],
)
def test_in_a_place_is_where_an_institution_is(text: str, name: str, place: str) -> None:
    names = _names(text)
    assert name in names, names
    assert names.get(place) == "GPE", names


def test_an_office_does_not_run_on_into_a_war() -> None:
    """'in the Second World War' after a ministry says when, not which ministry."""
    names = _names("Officials of the Ministry of Defence in the Second World War kept records.")
    assert "Ministry of Defence" in names, names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The two leaders met on Tuesday at the Filoli estate in Woodside, California.", "Filoli"),
        ("Keys hang at the reception of the Saturnia hotel, in Venice, Italy.", "Saturnia"),
    ],
)
def test_a_name_modifying_a_building_noun_is_the_building(text: str, name: str) -> None:
    assert _names(text).get(name) == "FAC"


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("The estate agent sold a flat near the Moscow stadium last year.", "Moscow", "GPE"),
        ("Reporters waited outside the Kennedy estate on Sunday.", "Kennedy", "PERSON"),
    ],
)
def test_a_known_place_or_an_owner_before_a_building_noun_keeps_its_type(
    text: str, name: str, label: str
) -> None:
    assert _names(text).get(name) == label


def _m(text: str, label: str, model_label: str, doc: str) -> Mention:
    return Mention(
        text=text,
        label=label,
        model_label=model_label,
        provenance=Provenance(
            doc_id=doc, start=0, end=len(text), sentence=text, sentence_start=0, sentence_end=50
        ),
    )


def test_a_label_read_from_the_text_outvotes_the_models_guesses() -> None:
    """'the summit at the Burgenstock resort' made a place of what the model called a
    person; two bare 'Burgenstock' the model called a city do not outvote it."""
    mentions = [
        _m("Burgenstock", "LOC", "PERSON", "d1"),
        _m("Burgenstock", "GPE", "GPE", "d2"),
        _m("Burgenstock", "GPE", "GPE", "d3"),
    ]
    (entity,) = canonicalise(mentions)
    assert entity.type == "LOC"


def test_without_a_reading_the_majority_of_the_models_labels_wins() -> None:
    mentions = [
        _m("Lakhta", "GPE", "GPE", "d1"),
        _m("Lakhta", "GPE", "GPE", "d2"),
        _m("Lakhta", "ORG", "ORG", "d3"),
    ]
    (entity,) = canonicalise(mentions)
    assert entity.type == "GPE"


def _linked(*mentions: Mention) -> dict[str, str | None]:
    entities = canonicalise(list(mentions))
    names = {e.id: e.name for e in entities}
    return {e.name: names.get(e.linked_to or "") for e in entities if e.type == "NORP"}


@pytest.mark.parametrize(
    ("place", "demonym"),
    [
        ("California", "Californian"),  # final vowel kept: Californi-an
        ("Crimea", "Crimean"),
        ("Kashmir", "Kashmiris"),  # plural, -i
        ("Paris", "Parisian"),
    ],
)
def test_a_demonym_of_a_place_in_the_pile_points_at_the_place(place: str, demonym: str) -> None:
    """The country tables know no state or city; the pile's own place names do."""
    linked = _linked(_m(place, "GPE", "GPE", "d1"), _m(demonym, "NORP", "NORP", "d2"))
    assert linked == {demonym: place}


@pytest.mark.parametrize(
    ("place", "word"),
    [("Christ", "Christian"), ("West", "Western"), ("Texas", "Texan")],
)
def test_a_word_no_place_of_the_pile_forms_stays_unlinked(place: str, word: str) -> None:
    """'Christ' is no place; 'Western' and 'Texan' are not formed by the suffix rule."""
    label = "PERSON" if place == "Christ" else "LOC"
    linked = _linked(_m(place, label, label, "d1"), _m(word, "NORP", "NORP", "d2"))
    assert linked == {word: None}
