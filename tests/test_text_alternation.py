"""A word alternation written as a trie matches what the flat alternation, longest word
first, matched: the same spans, whatever follows the words in the pattern."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.text.alternation import trie_alternation

WORDS = [
    "day",
    "days",
    "daily",
    "decade",
    "decades",
    "dec",
    "a",
    "an",
    "and",
    "-long",
    "%",
    "from now",
    "from",
]


def _flat(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def test_the_trie_prefers_the_longest_word_and_falls_back_in_order():
    trie = re.compile(f"(?:{trie_alternation(WORDS)})")
    texts = ("days ago", "day-long", "daily", "decades", "deca", "an hour", "and", "a", "%")
    assert [trie.match(t).group() for t in texts] == [
        "days",
        "day",
        "daily",
        "decades",
        "dec",
        "an",
        "and",
        "a",
        "%",
    ]
    assert trie.match("d") is None
    # the rest of the pattern fails after the longest word: the next longest is tried
    assert re.match(f"(?:{trie_alternation(WORDS)})s\\b", "decs").group() == "decs"
    assert re.match(f"(?:{trie_alternation(WORDS)})ades", "decades").group() == "decades"


@pytest.mark.parametrize("words", [["US$", "$"], ["Rs", "rs"], ["café", "cafe"], []])
def test_words_a_trie_cannot_stand_in_for_keep_the_flat_form(words):
    assert trie_alternation(words) is None


FRAGMENTS = st.sampled_from([*WORDS, *(w[:-1] for w in WORDS), "s", "x", "-", " ", "ades"])


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(FRAGMENTS, max_size=25), st.sampled_from(["", "s\\b", "(?:ades|s)?\\b"]))
def test_trie_and_flat_find_the_same_matches(fragments, after):
    text = "".join(fragments)
    trie = re.compile(f"(?:{trie_alternation(WORDS)}){after}", re.IGNORECASE)
    flat = re.compile(f"(?:{_flat(WORDS)}){after}", re.IGNORECASE)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]
