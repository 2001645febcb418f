"""The head word of a MEANTIME mention extent: the last word before the first post-modifier;
a comma between two adjectives ahead of the name is none."""

from __future__ import annotations

import pytest

from storyline.evaluation.meantime import MeantimeToken
from storyline.evaluation.meantime_heads import np_head


def _tokens(words: list[str]) -> list[MeantimeToken]:
    out, at = [], 0
    for n, word in enumerate(words):
        out.append(MeantimeToken(f"t{n}", 0, n, word, at, at + len(word)))
        at += len(word) + 1
    return out


@pytest.mark.parametrize(
    ("words", "head"),
    [
        (["US", "Barack", "Obama"], "Obama"),
        (["Moscone", "Center", "in", "San", "Francisco"], "Center"),
        (["Irish", "low", "cost", "airline", ",", "Ryanair"], "airline"),
        (["Ford", "Motors", "Co.", ",", "the", "automobile", "firm"], "Co."),
        (["the", "firm", ",", "now", "owned", "by", "Fiat"], "firm"),
        # MEANTIME tuning: adjectives joined by a comma ahead of the name
        (["new", ",", "faster", "iPhone"], "iPhone"),
        (["the", "new", "mid-size", ",", "long-range", "787", "Dreamliner"], "Dreamliner"),
    ],
)
def test_np_head(words: list[str], head: str) -> None:
    assert np_head(_tokens(words)).text == head
