"""The figure tests that read the text before a number (a digit group before it, a list
marker opening its line) look at the end of that text only, and answer as the scans of the
whole prefix did, at every position of any text made of the characters they read."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.figures.candidates import (
    DIGIT_GROUPS,
    LIST_MARKER,
    digit_group_before,
    list_marker_before,
)

CHARACTERS = st.text(alphabet="1٣a \t\n>#*_-.", max_size=40)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(CHARACTERS)
def test_prefix_tests_answer_as_the_whole_prefix_scans(text: str) -> None:
    for at in range(len(text) + 1):
        assert digit_group_before(text, at) == bool(DIGIT_GROUPS.search(text[:at])), at
        assert list_marker_before(text, at) == bool(LIST_MARKER.search(text[:at])), at


def test_prefix_tests_on_news_layouts() -> None:
    text = "Call 020 7946 0958 now.\n\n  - 5 ministers met\n> 3. Step\nIt rose 4 %\n"
    cases = {text.index("7946"): (True, False), text.index("5 min"): (False, True)}
    cases[text.index("3. Step")] = (False, True)
    cases[text.index("4 %")] = (False, False)
    for at, expected in cases.items():
        assert (digit_group_before(text, at), list_marker_before(text, at)) == expected
