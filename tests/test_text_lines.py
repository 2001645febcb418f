"""A line's shape: the early-stopping all-caps test against the definition it replaced."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.text.lines import _all_caps, line_shape, split_lines


def gathered_all_caps(body: str) -> bool:
    """The definition: every letter gathered, at least two, all upper-case."""
    letters = [ch for ch in body if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def test_all_caps_equals_the_definition_on_the_demo_corpus(samples_dir: Path) -> None:
    texts = [path.read_text() for path in sorted(samples_dir.iterdir())]
    lines = [line.text for text in texts for line in split_lines(text)]
    lines += ["WORLD NEWS", "BREAKING: UN", "A", "AB", "Ab", "ÉTÉ 2024", "ǅA", "ⅰAB", "中文", "中A"]
    assert len(lines) > 50
    assert [_all_caps(t) for t in lines] == [gathered_all_caps(t) for t in lines]
    assert [line_shape(t).all_caps for t in lines] == [gathered_all_caps(t) for t in lines]
    assert any(gathered_all_caps(t) for t in lines)  # both answers occur
    assert not all(gathered_all_caps(t) for t in lines)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aA bB1.-'ÉéßǅⅰªΣσ中", max_size=12))
def test_all_caps_equals_the_definition_on_generated_text(body: str) -> None:
    assert _all_caps(body) == gathered_all_caps(body)
