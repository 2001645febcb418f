"""Spelling variants of names: transliterations, accents, short forms (pure functions)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.entities.spellings import is_short_form
from storyline.entities.variants import (
    edit_distance,
    fold,
    short_form,
    skeleton,
    spelling_variants,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sergey", "Sergei"),  # й written y or i
        ("Zelenskyy", "Zelensky"),  # Ukrainian -yy, Russian-derived -y
        ("Zelenskiy", "Zelensky"),
        ("Dmitry", "Dmitri"),
        ("Kyiv", "Kiev"),  # Ukrainian and Russian-derived romanisations
        ("Samarkand", "Samarqand"),  # k/q
        ("Bürgenstock", "Burgenstock"),  # accent folded
        ("Buergenstock", "Burgenstock"),  # German ü written ue
        ("Organisation", "Organization"),  # British and American spelling
        ("Lavrov", "Lavrow"),  # v/w
        ("Gaddafi", "Ghaddafi"),  # gh/g
    ],
)
def test_transliterations_are_variants(a: str, b: str) -> None:
    assert spelling_variants(a, b)
    assert spelling_variants(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Paul", "Paula"),  # a gendered ending is another name
        ("Maria", "Mario"),
        ("iPad", "iPod"),  # another vowel, another thing
        ("737s", "787s"),  # designations with digits are exact
        ("Ghana", "Guyana"),
        ("Iran", "Iraq"),
        ("Austria", "Australia"),
        ("Jon", "John"),  # too short to compare as a transliteration
        ("Benin", "Bonn"),
    ],
)
def test_look_alikes_are_not_variants(a: str, b: str) -> None:
    assert not spelling_variants(a, b)


@pytest.mark.parametrize(
    ("short", "full", "expected"),
    [
        ("Joe", "Joseph", True),
        ("Chris", "Christopher", True),
        ("Danny", "Daniel", True),
        ("Tim", "Timothy", True),
        ("Jim", "James", False),  # needs a nickname table, not a rule
        ("Joseph", "Joe", False),
        ("Jo", "Jo", False),
    ],
)
def test_short_forms(short: str, full: str, expected: bool) -> None:
    assert short_form(short, full) is expected


def test_skeleton_and_fold() -> None:
    assert skeleton("Samarqand") == skeleton("Samarkand") == "smrknd"
    assert fold("Bürgenstock") == "burgenstock"
    assert fold("C-17") == "c17"
    assert edit_distance("kyiv", "kiev") == 2
    assert edit_distance("abcdefgh", "a", limit=2) == 3


@given(st.text(max_size=30), st.text(max_size=30))
def test_variants_never_raise_and_are_symmetric(a: str, b: str) -> None:
    assert spelling_variants(a, b) == spelling_variants(b, a)
    assert isinstance(skeleton(a), str)
    assert isinstance(short_form(a, b), bool)


@pytest.mark.parametrize(
    ("short", "full", "expected"),
    [
        ("new delhi declaration", "new delhi leaders declaration", True),
        ("paris agreement", "paris climate agreement", True),
        ("kyoto protocol", "kyoto protocol", False),  # the same name
        ("minsk agreement", "minsk ii agreement", False),  # a numbered second one
        ("geneva convention", "fourth geneva convention", False),  # first words differ
        ("bali declaration", "bali declaration on climate", False),  # heads differ
        ("camp david accords", "david camp accords", False),  # words out of order
        ("start treaty", "new start treaty", False),
    ],
)
def test_named_document_short_forms(short: str, full: str, expected: bool) -> None:
    assert is_short_form(short, full) is expected
