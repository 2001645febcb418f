"""Terms set in a statement (issue 15): "X said X would A only if Y did B" is X's demand of Y,
told on the speech act, as CAMEO codes setting conditions (100); a hostile act promised stays a
threat (PLOVER's gold codes "said it will boycott … unless …" THREATEN), a refusal under a
condition stays a refusal, and a condition no actor is asked to meet sets no terms. A "must"
clause whose subject names no actor ("the territorial integrity of Ukraine must be …") asks
nothing of anyone, and neither does one whose subject is the speaker's own side ("we must …",
"X says it must …"). Sentences written here, not copied from any gold file."""

from __future__ import annotations

import pytest

from tests.test_events import code, words


def test_an_offer_on_a_condition_is_a_demand_of_who_must_meet_it(nlp):
    text = (
        "The foreign minister said Israel would resume talks with Egypt only if Hamas freed "
        "the hostages."
    )
    demands = [e for e in code(text, nlp) if e.type == "DEMAND"]
    assert demands, [(e.type, e.trigger) for e in code(text, nlp)]
    assert demands[0].trigger == "said"
    assert demands[0].factuality == "asserted"
    assert "minister" in words(demands[0].source)
    assert "Hamas" in words(demands[0].target)


def test_the_offer_may_be_coordinated(nlp):
    text = (
        "On Monday, President Emmanuel Macron said France would send aid and start "
        "talks only if Iran freed the detained diplomats."
    )
    demands = [e for e in code(text, nlp) if e.type == "DEMAND"]
    assert demands and "Iran" in words(demands[0].target), [
        (e.type, e.trigger, e.explanation) for e in code(text, nlp)
    ]


NO_TERMS = [
    # a hostile act promised is a threat, not terms
    "The opposition party said it would boycott the elections unless the president resigned.",
    # a refusal under a condition is a refusal
    "Syria said it would not accept more refugees if Iraq attacked Kuwait.",
    # no actor is asked to meet the condition
    "The spokesman said talks would resume if the weather improved.",
    # a "must" clause about a thing asks no one
    "The conference ended with a declaration backed by 40 countries, which said the unity of "
    "Moldova must be the basis of any settlement.",
]


@pytest.mark.parametrize("text", NO_TERMS)
def test_no_demand_without_an_offer_to_an_actor(nlp, text):
    assert "DEMAND" not in [e.type for e in code(text, nlp)]


def test_a_must_clause_of_an_actor_is_still_a_demand(nlp):
    text = "Russia said on Tuesday that Sudan must return the helicopter."
    demands = [e for e in code(text, nlp) if e.type == "DEMAND"]
    assert demands and "Sudan" in words(demands[0].target)


SPEAKERS_OWN = [
    # the speaker's side states its own obligation (MEANTIME, TimeBank): no demand of anyone
    '"We must accept the conclusion reached by our own commission," the company said on Monday.',
    '"We must be firm in saying that no deal is possible," the foreign minister said.',
    "Airbus says it must double the rate of production to meet its orders.",
    "Toyota says they must cut the cost of each car by a fifth.",
]


@pytest.mark.parametrize("text", SPEAKERS_OWN)
def test_the_speakers_own_obligation_is_no_demand(nlp, text):
    assert "DEMAND" not in [e.type for e in code(text, nlp)], [
        (e.type, e.trigger) for e in code(text, nlp)
    ]


def test_a_pronoun_for_another_party_is_still_a_demand(nlp):
    # "he" cannot stand for the speaking movement: the leader is asked to act
    text = "Hamas staged a rally against the party's leader Mahmoud Abbas, saying he must resign."
    assert "DEMAND" in [e.type for e in code(text, nlp)]
