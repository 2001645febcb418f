"""Transfers and nominal meetings in the constructions news uses (issue 15): the thing moved is
never the target of a transfer, a meeting noun under a verb that codes nothing still stands, and
"their" before a meeting names the plural subject it continues. Sentences written here, not
copied from any gold file."""

from __future__ import annotations

import pytest

from tests.test_events import code, words

# the passive subject of a verb of giving is the thing moved; the recipient is the target
TRANSFERS = [
    (
        "The second shipment of howitzers was delivered to Estonia on Tuesday.",
        "delivered",
        "Estonia",
        "shipment",
    ),
    ("Two hundred tanks were sent to Poland by Germany.", "sent", "Poland", "tanks"),
    ("Fresh supplies of medicine were donated to Armenia.", "donated", "Armenia", "supplies"),
    # the double-object passive keeps its theme as an object: the subject is the recipient
    ("Jordan was given new fighter jets by the United States.", "given", "Jordan", "jets"),
    # the active pattern, as before: the "to" phrase, not the goods
    ("Japan supplied drones to the Philippines in March.", "supplied", "Philippines", "drones"),
]


@pytest.mark.parametrize(("text", "trigger", "target", "theme"), TRANSFERS)
def test_the_recipient_of_a_transfer_is_its_target(nlp, text, trigger, target, theme):
    (event,) = [e for e in code(text, nlp) if trigger in e.trigger]
    assert event.type == "AID", event.explanation
    assert target in words(event.target), event.explanation
    assert theme not in words(event.target), event.explanation


def test_goods_moved_with_no_recipient_are_no_target(nlp):
    """A passive transfer that names no recipient has no target: the goods are not one."""
    text = "Several batches of artillery shells were shipped on Monday."
    for event in (e for e in code(text, nlp) if "shipped" in e.trigger):
        assert "batches" not in words(event.target), event.explanation
        assert "shells" not in words(event.target), event.explanation


# a meeting noun in a prepositional phrase of a verb that codes nothing stands on its own
STANDING = [
    ("Delegates gathered for the ASEAN summit in Jakarta.", "summit", "ASEAN"),
    ("Ministers gathered on Monday for the NATO meeting in Vilnius.", "meeting", "NATO"),
]


@pytest.mark.parametrize(("text", "trigger", "participant"), STANDING)
def test_a_meeting_under_a_verb_that_codes_nothing_stands(nlp, text, trigger, participant):
    events = [e for e in code(text, nlp) if e.trigger == trigger]
    assert events, [(e.trigger, e.explanation) for e in code(text, nlp)]
    assert events[0].type == "CONSULT"
    assert participant in words(events[0].source), events[0].explanation
    assert events[0].date is None  # no time of its own: undated, never borrowed


def test_a_freed_meeting_keeps_the_standing_of_its_clause(nlp):
    """The governor codes nothing, but its tense and negation still tell how the meeting
    stands: "will gather for" a summit is a plan, not a summit held."""
    (event,) = [e for e in code("Envoys will gather for the OSCE summit in Vienna.", nlp)]
    assert (event.trigger, event.factuality) == ("summit", "planned"), event.explanation


def test_a_meeting_in_a_plan_stays_folded(nlp):
    """A complement clause is the governor's ("refused to meet"): not freed as a meeting."""
    text = "Serbia refused to attend the summit of the Western Balkans leaders."
    events = code(text, nlp)
    assert not [e for e in events if e.trigger == "summit" and e.factuality == "asserted"]


# "their" before a meeting noun: the plural subject of its clause, or of the sentence before
THEIR = [
    (
        "After their meeting, President Erdogan and President Aliyev signed a gas agreement.",
        "meeting",
        ("Erdogan", "Aliyev"),
    ),
    (
        "Chancellor Olaf Scholz and President Emmanuel Macron met in Paris on Monday. "
        "Their summit was the first since the election.",
        "summit",
        ("Scholz", "Macron"),
    ),
]


@pytest.mark.parametrize(("text", "trigger", "who"), THEIR)
def test_their_meeting_names_the_plural_subject(nlp, text, trigger, who):
    events = [e for e in code(text, nlp) if e.trigger == trigger]
    assert events, [(e.trigger, e.explanation) for e in code(text, nlp)]
    for name in who:
        assert name in words(events[0].source), events[0].explanation


def test_their_needs_a_plural_antecedent(nlp):
    """A singular subject is no antecedent of "their": the meeting stays without actors."""
    text = "In their talks, Chancellor Olaf Scholz told reporters that the war must end."
    for event in (e for e in code(text, nlp) if e.trigger == "talks"):
        assert "Scholz" not in words(event.source), event.explanation
