"""A maker's or a product line's name and its model number are one product name; a year, an
amount, a count or a score after a name is not a model number."""

from __future__ import annotations

import pytest

from storyline.entities.extract import extract_mentions
from storyline.nlp import parse_one
from tests.conftest import make_document


def _names(text: str) -> dict[str, str]:
    document = make_document(text)
    return {m.text: m.label for m in extract_mentions(document, parse_one(document.text))}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # TimeBank/AQUAINT APW19980818.0515
        (
            "She flew to Nairobi when an engine of the Boeing 747 she had boarded failed.",
            "Boeing 747",
        ),
        # PLOVER gold file
        ("Russia said on Tuesday that Sudan must return a Mi-26 helicopter.", "Mi-26"),
        # MEANTIME (tuning part)
        ("``The Boeing 737-800 has the best technical reliability,'' he said.", "Boeing 737-800"),
        (
            "It is expected that the Airbus 380 will wear the livery of Singapore Airlines.",
            "Airbus 380",
        ),
        (
            "Aeroflot negotiated the purchase of 22 new Boeing 787 Dreamliners.",
            "Boeing 787 Dreamliners",
        ),
    ],
)
def test_a_maker_and_its_model_number_are_one_product(text: str, name: str) -> None:
    names = _names(text)
    assert names.get(name) == "PRODUCT", names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Boeing 10 percent lower, traders said.", "Boeing"),
        ("Shares of Boeing 2008 were not traded, Reuters said.", "Boeing"),
        ("The ruling BJP 303 seats majority was never in doubt.", "BJP"),
        ("Sixers 76, Knicks 70 at the half.", "Knicks"),
    ],
)
def test_an_amount_a_count_a_score_or_a_year_is_no_model_number(text: str, name: str) -> None:
    names = _names(text)
    assert names.get(name) == "ORG", names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # MEANTIME (tuning part): a count before the plural designation hides it from the model
        (
            "The Air Canada deal includes firm orders for 18 777s and 14 of the new 787s.",
            "777s",
        ),
        ("One of the A380s is flying from Frankfurt to Chicago via New York.", "A380s"),
        ("The air force will receive five KC-30s, the ministry said.", "KC-30s"),
    ],
)
def test_a_model_designation_in_the_plural_is_a_product(text: str, name: str) -> None:
    names = _names(text)
    assert names.get(name) == "PRODUCT", names


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Prices rose through the 1990s and the 80s, traders said.", "80s"),
        ("The boxer has 12KOs in his career, his trainer said.", "12KOs"),
    ],
)
def test_a_decade_or_a_tally_in_the_plural_is_no_product(text: str, word: str) -> None:
    names = _names(text)
    assert names.get(word) != "PRODUCT", names
