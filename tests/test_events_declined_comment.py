"""Declining to speak rejects no one (issue 15): "declined to comment" is CAMEO's 011 "decline
comment" (PETRARCH2's "REFUSE * COMMENT"), a statement PLOVER does not code, while "refused to
meet" stays a rejection. The verbs of saying are PETRARCH2's own statement verbs (its blocks of
saying whose bare code is 010). Sentences written in the style of ECB+ sport and crime reports
and TimeBank business news, not copied from them; each refusal to speak was coded REJECT before
the rule."""

from __future__ import annotations

import pytest

from storyline.events.lexicon import statement_verbs
from storyline.events.petrarch_speech import statement_rows
from storyline.events.petrarch_verbs import read_verb_dictionary
from tests.test_events import code

SPEAKING = [
    "Reached at his home on Sunday, Jim Hardy declined to comment.",
    "Lufthansa spokesman Peter Weber declined to say how many jobs would go.",
    "The Pentagon refused to disclose the cost of the operation.",
    "Coach Larry Brown declined to explain the decision.",
]

ACTING = [
    "Israel refused to meet the Palestinian delegation in Cairo.",
    "Pakistan has refused to deploy troops in Iraq.",
    "Iran declined to accept the proposal from the European Union.",
]


@pytest.mark.parametrize("text", SPEAKING)
def test_declining_to_speak_is_no_rejection(nlp, text):
    assert [e.trigger for e in code(text, nlp) if e.type == "REJECT"] == []


@pytest.mark.parametrize("text", ACTING)
def test_refusing_to_act_stays_a_rejection(nlp, text):
    types = {e.type for e in code(text, nlp)}
    assert "REJECT" in types, types


def test_statement_verbs_come_from_the_blocks_of_saying():
    """Only PETRARCH2's blocks of saying: its other 010 blocks hold seeing and counting."""
    text = "\n".join(
        [
            "---  EXPLAIN_VERBAL   [010]  ---",
            "COMMENT",
            "SAY",
            "- * (ON ISSUE) [012] # COMMENT",
            "",
            "---  OBSERVE   [010]  ---",
            "SEE",
            "",
            "---  CONFER   [010]  ---",
            "TALK",
            "DISCUSS  [040:040]",
        ]
    )
    rows = statement_rows(read_verb_dictionary(text).patterns)
    assert [row.split("\t")[0] for row in rows] == ["comment", "say", "talk"]
    assert {"comment", "say", "disclose"} <= statement_verbs()
    assert "see" not in statement_verbs()
