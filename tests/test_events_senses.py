"""Verb senses decided by the complement (issue 15): a goal phrase to a facility picks a verb's
"entering a place" sense, which PLOVER does not code ("checked into a rehab clinic" is no
inspection, "was admitted to hospital" no confession); the verb's political sense stays with
other complements. Sentences written in the style of ECB+ celebrity-rehab reports and wire
health news, not copied from the gold."""

from __future__ import annotations

import pytest

from tests.test_events import assert_not_coded, code

ENTERING = [
    "Singer Amy Winehouse checked into a London rehab clinic on Monday, her manager said.",
    "Actor Charlie Sheen has checked himself into the Cedars-Sinai Medical Center in Los Angeles.",
    # PETRARCH2's own "ADMIT * (TO HOSPITAL)" row, which the rule generalises
    "Former president Jimmy Carter was admitted to hospital in Atlanta on Sunday.",
    "Senator John McCain was admitted to the Mayo Clinic in Phoenix on Friday.",
    "Britney Spears checked in to a drug treatment facility in Malibu, her lawyer told reporters.",
]

KEPT = [
    ("The FBI checked into the allegations against Senator Bob Jones.", "INVESTIGATE"),
    ("The defence minister Ali Khan admitted to the charges brought by Pakistan.", "SUPPORT"),
    # going to a place is the act itself: an assault, a deportation
    ("Israeli troops stormed into the Al-Shifa hospital in Gaza on Wednesday.", "FIGHT"),
    ("Police deported Ali Khan to a detention centre in Kabul.", "COERCE"),
]


@pytest.mark.parametrize("text", ENTERING)
def test_entering_a_facility_codes_no_event(nlp, text):
    triggers = {"checked", "admitted"}
    coded = [(e.type, e.trigger) for e in code(text, nlp) if e.trigger.split()[0] in triggers]
    assert coded == []


@pytest.mark.parametrize(("text", "wanted"), KEPT)
def test_other_complements_keep_the_political_sense(nlp, text, wanted):
    types = {e.type for e in code(text, nlp)}
    assert wanted in types, types


# a participle modifying a noun acts on it (a reduced passive relative): the noun fills the object
# slot of the rows that code no event, so "a statement released to …" is PETRARCH2's '---' row
# "RELEASE * STATEMENT" (publishing), not a release of captives (RETREAT)
RELEASED = [
    "In a statement released to reporters on Monday, the Academy said the host was chosen.",
    "In a statement released by her lawyer, actress Jane Doe said she was sorry.",
]


@pytest.mark.parametrize("text", RELEASED)
def test_reduced_relative_fills_the_object_slot_of_no_event_rows(nlp, text):
    assert [e.trigger for e in code(text, nlp) if e.type == "RETREAT"] == []


def test_reduced_relative_keeps_released_captives(nlp):
    text = "Police said the two guards released by the gunman Joe Comeaux were unharmed."
    assert "RETREAT" in {e.type for e in code(text, nlp)}


NO_PARTY_GOALS = [
    ("Voters said they had come to the village polling station early to vote.", "come to"),
    ("Fans came to the stadium on Saturday to see the final.", "came to"),
]


@pytest.mark.parametrize(("text", "trigger"), NO_PARTY_GOALS)
def test_a_journey_to_no_party_is_no_visit(nlp, text, trigger):
    """A visit is a party going to another party or its country or capital: a journey row whose
    goal names no actor codes nothing (``senses.goes_to_no_party``)."""
    assert_not_coded(text, trigger, nlp)


@pytest.mark.parametrize(
    "text",
    [
        "The Iranian president came to India on Monday for two days of talks.",
        "Prime Minister Modi flew to Moscow on Monday.",
    ],
)
def test_a_journey_to_a_country_or_city_is_still_coded(nlp, text):
    assert {e.type for e in code(text, nlp)} & {"CONSULT", "AGREE"}
