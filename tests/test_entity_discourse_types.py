"""One name, one sense in a document: a surname the model took for a nationality or a place
is the person named in full before; a real nationality or a known place keeps its type."""

from __future__ import annotations

import pytest

from tests.conftest import entity_labels


@pytest.mark.parametrize(
    ("text", "surname"),
    [
        # TimeBank/AQUAINT (the Slepian reports): the model types the surname NORP
        (
            "Dr. Barnett Slepian was killed at his home. Police said Slepian was shot through"
            " a window.",
            "Slepian",
        ),
        # ECB+ (tuning part): the same
        (
            "Wladimir Klitschko defended his title on Saturday. Klitschko won in the fourth round.",
            "Klitschko",
        ),
    ],
)
def test_a_surname_is_the_person_named_in_full_before(text: str, surname: str) -> None:
    labels = entity_labels(text)
    assert (surname, "PERSON") in labels, labels


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        (
            "Field Marshal John French inspected the lines. French troops landed at dawn.",
            "French",
            "NORP",
        ),
        (
            "Denzel Washington visited the capital. Washington said it would send aid.",
            "Washington",
            "GPE",
        ),
        (
            "Michael Jackson sang in the rain. Storms flooded streets in Jackson on Monday.",
            "Jackson",
            "GPE",
        ),
    ],
)
def test_a_known_nationality_or_place_keeps_its_type(text: str, name: str, label: str) -> None:
    labels = entity_labels(text)
    assert (name, label) in labels, labels
