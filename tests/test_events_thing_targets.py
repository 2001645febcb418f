"""Whom an act is done to is a party, not the thing acted on (issue 15, ``arguments._actors``):
"a ban imposed on Hamas" acts on Hamas, not on the ban. Sentences written here, not copied from
any gold file."""

from __future__ import annotations

import pytest

from tests.test_events import code, coded_on, words

# sentence, trigger word, the party acted on, the thing that is no target
THINGS_ARE_NO_TARGETS = [
    ("The ministry said a ban imposed on Hamas would stay.", "imposed", "Hamas", "ban"),
    (
        "Pakistan said that a new curfew imposed on Quetta would last a week.",
        "imposed",
        "Quetta",
        "curfew",
    ),
]


@pytest.mark.parametrize(("text", "trigger", "party", "thing"), THINGS_ARE_NO_TARGETS)
def test_a_passive_thing_is_no_target_the_party_is(nlp, text, trigger, party, thing):
    events = coded_on(text, trigger, nlp)
    assert party in words(events[0].target), events[0].explanation
    assert thing not in words(events[0].target), events[0].explanation


def test_an_act_on_a_thing_alone_names_no_target(nlp):
    """ "the deal was revived": no party is named, so no target (and no event without actors)."""
    for event in code("Officials said the stalled pipeline deal was revived on Monday.", nlp):
        assert "deal" not in words(event.target), event.explanation


# an attack hits what it hits: the thing is its target ([roles] thing_target_types)
ATTACKS_ON_THINGS = [
    ("Rebels said the convoy was attacked near Goma.", "attacked", "convoy"),
    ("The bridge in Mosul was bombed on Thursday.", "bombed", "bridge"),
]


@pytest.mark.parametrize(("text", "trigger", "thing"), ATTACKS_ON_THINGS)
def test_an_attack_keeps_the_thing_it_hit(nlp, text, trigger, thing):
    events = coded_on(text, trigger, nlp)
    assert thing in words(events[0].target), events[0].explanation


def test_a_two_actor_verb_on_a_passive_thing_codes_nothing(nlp):
    """A bare verb PETRARCH2 codes only between two actors ("dyad") happens to its passive
    subject: with a thing there, no later phrase supplies the party ("assigned to states")."""
    events = code("Priority is being assigned to states with low health indices.", nlp)
    assert not [e for e in events if "assigned" in e.trigger], [e.explanation for e in events]
