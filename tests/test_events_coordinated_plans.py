"""Coordinated complements share their governor (issue 15): in "agreed to resume talks and to
work together", "vowed to find the bombers and bring them to justice", the second verb is as
much agreed or vowed as the first, so it is planned, not something that happened; a verb
coordinated with a finite verb ("met Putin and signed a deal") keeps its own standing.
Sentences written here, not copied from any gold file."""

from __future__ import annotations

import pytest

from tests.test_events import code

PLANNED = [
    (
        "Chancellor Olaf Scholz and President Emmanuel Macron agreed to resume energy talks "
        "and to work together on defence.",
        "work together",
    ),
    ("India agreed to buy the missiles and to train the crews with Russia.", "train"),
    # the parser hangs the second infinitive on the relative clause in between
    (
        "Erdogan and Aliyev agreed to restore direct flights, which Ankara had suspended after "
        "a visit to Yerevan by the Armenian premier, and to work together on trade.",
        "work together",
    ),
]


@pytest.mark.parametrize(("text", "trigger"), PLANNED)
def test_a_coordinated_complement_is_planned_too(nlp, text, trigger):
    events = [e for e in code(text, nlp) if e.trigger == trigger]
    assert events, [(e.trigger, e.factuality) for e in code(text, nlp)]
    assert events[0].factuality == "planned", events[0].explanation


def test_a_verb_coordinated_with_a_finite_verb_keeps_its_standing(nlp):
    text = "President Vladimir Putin met Prime Minister Narendra Modi and signed a trade deal."
    signed = [e for e in code(text, nlp) if e.trigger.startswith("signed")]
    assert signed and signed[0].factuality == "asserted", [
        (e.trigger, e.factuality) for e in code(text, nlp)
    ]
