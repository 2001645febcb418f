"""A name span ends on a name word: the model's span run on over a dash into the next phrase's
article is cut back; a capital letter that ends a name stays."""

from __future__ import annotations

import pytest

from storyline.entities.extract import extract_mentions
from storyline.nlp import parse_one
from tests.conftest import make_document


def _texts(text: str) -> list[str]:
    document = make_document(text)
    return [m.text for m in extract_mentions(document, parse_one(document.text))]


def test_a_name_never_ends_in_an_article() -> None:
    # MEANTIME (Wikinews, tuning part): the model's span is 'MacBook Pro - a'
    texts = _texts(
        "The iMac and the new MacBook Pro - a notebook computer replacing the PowerBook - are"
        " the first."
    )
    assert "MacBook Pro" in texts, texts
    assert not any(t.endswith((" a", " the", " an")) for t in texts), texts


@pytest.mark.parametrize(("text", "name"), [("Inter lead Serie A after the win.", "Serie A")])
def test_a_capital_letter_that_ends_a_name_stays(text: str, name: str) -> None:
    assert name in _texts(text)
