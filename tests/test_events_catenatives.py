"""Catenative verbs (issue 15): "help" and "need" with a verb complement, no object and no
subject of the complement's own do not code their own act (aid, a demand); the complement is
the event and the catenative only its mode ("Obama helped celebrate the anniversary", ECB+;
"mobilized pressure groups to help support the rights of Palestinians", PLOVER's gold codes
"support"; TimeBank's I_ACTION/I_STATE "help build", "needs to prepare"). With an object the
verb keeps its own act. Sentences written in the style of wire news, not copied from the gold."""

from __future__ import annotations

import pytest

from tests.test_events import assert_not_coded, coded_on

CATENATIVE = [
    ("Prime Minister Modi helped inaugurate the new embassy of Japan on Friday.", "helped"),
    ("India wants to help end the war between Russia and Ukraine.", "help"),
    ("Egypt will need to condemn the attack on Israel, the minister said.", "need"),
]


@pytest.mark.parametrize(("text", "catenative"), CATENATIVE)
def test_a_catenative_with_a_verb_complement_codes_no_act_of_its_own(nlp, text, catenative):
    assert_not_coded(text, catenative, nlp)


def test_the_complement_of_help_is_the_event(nlp):
    (event,) = coded_on(
        "Germany helped negotiate a ceasefire between Israel and Hamas.", "negot", nlp
    )
    assert event.type == "CONSULT"
    assert event.factuality == "asserted"


def test_the_complement_of_need_is_not_asserted(nlp):
    (event,) = coded_on("France needs to condemn the attack on Israel.", "condemn", nlp)
    assert event.type == "DISAPPROVE"
    assert event.factuality == "hypothetical"


@pytest.mark.parametrize(
    ("text", "trigger", "wanted"),
    [
        ("The United States helped the rebels in Syria.", "helped", "AID"),
        ("Pakistan helped the rebels fight the Indian army.", "helped", "AID"),
        ("India needs aid from Russia.", "needs", "DEMAND"),
    ],
)
def test_with_an_object_the_verb_keeps_its_own_act(nlp, text, trigger, wanted):
    assert {e.type for e in coded_on(text, trigger, nlp)} == {wanted}
