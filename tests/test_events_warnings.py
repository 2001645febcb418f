"""A warning is a threat only when it names an act (issue 15): "warned there could be more
losses" says what may happen, PETRARCH2's pessimistic comment (its WARN block's "(OF RISK)",
"CATASTROPHE" → 012), not a threat; "warned that the army would retaliate" threatens the act.
Sentences written in the style of MEANTIME business, ECB+ crime and TimeBank wire reports, not
copied from them; each prospect case was coded THREATEN before the rule."""

from __future__ import annotations

import pytest

from storyline.events.petrarch_speech import threat_rows
from storyline.events.petrarch_verbs import read_verb_dictionary
from tests.test_events import code

PROSPECTS = [
    "Lufthansa has warned there could be further losses this year.",
    "The union warned that the plant might close by the end of the year.",
    "The carmaker warned of imminent bankruptcy on Monday.",
    "Police warned that the fugitive knows the mountains well and could be armed.",
    "Economists warned that talk of a quick recovery may be premature.",
]

THREATS = [
    "General Ali Khan warned that the army would retaliate against any attack.",
    "The president warned Iraq of air strikes if it did not comply.",
    "Defence Minister Ali Khan warned that we will not stand idle.",
    "The United States warned Iran on Monday.",
    # the words of one of PETRARCH2's own threat patterns ("WARN * CONSEQUENCES" 130)
    "General Ali Khan warned that there would be consequences for any country that does so.",
]


@pytest.mark.parametrize("text", PROSPECTS)
def test_a_warning_of_a_prospect_is_no_threat(nlp, text):
    assert [e.trigger for e in code(text, nlp) if e.type == "THREATEN"] == []


@pytest.mark.parametrize("text", THREATS)
def test_a_warning_of_an_act_stays_a_threat(nlp, text):
    types = {e.type for e in code(text, nlp)}
    assert "THREATEN" in types, types


def test_a_warning_of_a_party_stays_a_threat(nlp):
    """ "warned of X" where X names a party is aimed at that party (PETRARCH2's unit tests code
    such a sentence as a threat to it)."""
    events = code("Defence Minister Ali Khan warned of the rebels of the Northern Alliance.", nlp)
    assert "THREATEN" in {e.type for e in events}, [e.explanation for e in events]


def test_threat_patterns_are_the_threat_verbs_own():
    """The words each threat pattern requires besides its prepositions; a warning's medium ("IN
    LETTER") and the patterns of a comment (012) are none."""
    text = "\n".join(
        [
            "---  WARN   [130]  ---",
            "WARN",
            "- * CONSEQUENCES [130] # WARN",
            "- * (OF RESPONSE) [130] # WARN",
            "- * (IN LETTER) [130] # WARN",
            "- * (OF RISK) [012] # WARN",
        ]
    )
    rows = threat_rows(read_verb_dictionary(text).patterns)
    assert rows == ["warn\tconsequence|consequences\t130", "warn\tresponse\t130"]
