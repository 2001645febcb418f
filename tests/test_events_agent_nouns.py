"""Which nouns name an actor (issue 15): PETRARCH2's agent heads, kept only where WordNet says
they name people (``petrarch_tables.agent_heads``, ``wordnet_tables.people_sense_ranks``). A
jail, a crime, a research center or progress made is no party to an event. Sentences written
here, not copied from any gold file."""

from __future__ import annotations

import pytest

from storyline.events.lexicon import agent_nouns
from storyline.events.petrarch_tables import agent_heads, people_test
from tests.test_events import coded_on, words

#: A stand-in for WordNet's nouns of people (data/wordnet_person_nouns.tsv).
PEOPLE = people_test({"minister", "ministry", "man", "woman", "office", "trafficker", "child"})
DICTIONARY = """
!PERSON! = MAN, WOMAN
!MINIST! = MINISTER, MINISTRY
CENTRAL_JAIL_OF {} [~COP]
ORGANIZED_CRIME {} [~CRM]
CENTER_FOR_HUMAN_RIGHTS {CENTERS_FOR_HUMAN_RIGHTS} [~HRI]
PROGRESS_OF_BORDER_AREAS_AND_DEVELOPMENT_AFFAIRS_!MINIST! [~GOV]
FOREIGN_!MINIST! [~GOV]
OFFICE_OF_THE_PRESIDENT [~GOV]
SPOKES!PERSON! [~GOV]
NARCO-TRAFFICKER [~CRM]
STREET_CHILDREN [~CVL]
MINISTRY_WITH_THE_PORTFOLIO [~GOV]
"""


def test_heads_that_name_no_people_are_left_out_and_listed():
    heads = agent_heads(DICTIONARY, PEOPLE)
    assert not {"jail", "crime", "center", "progress"} & set(heads.sectors)
    assert {"jail", "crime", "center", "progress"} <= set(heads.left_out)
    # the title's head is the word before "of": "progress" is a ministry name's first word
    assert heads.left_out["progress"][0].startswith("PROGRESS_OF")
    assert any("jail (1)" in line for line in heads.left_out_lines())


def test_heads_that_name_people_keep_their_sector():
    rows = {r.split("\t")[0]: r.split("\t")[1:] for r in agent_heads(DICTIONARY, PEOPLE).rows()}
    assert rows["minister"] == ["GOV", "1"] and rows["ministry"] == ["GOV", "2"]
    assert rows["office"] == ["GOV", "1"]  # "office of the president": the head comes first
    assert rows["narco-trafficker"][0] == "CRM"  # a compound's head is its last part
    assert rows["children"][0] == "CVL"  # an irregular plural


def test_a_marker_run_into_a_word_makes_a_compound_of_people():
    """WordNet has no "spokeswoman"; the !PERSON! marker put "woman" there, and a woman is a
    person."""
    rows = {r.split("\t")[0] for r in agent_heads(DICTIONARY, PEOPLE).rows()}
    assert {"spokesman", "spokeswoman"} <= rows


def test_with_opens_a_post_modifier():
    heads = agent_heads(DICTIONARY, PEOPLE)
    assert "portfolio" not in heads.left_out and heads.sectors["ministry"]["GOV"] == 2


@pytest.mark.parametrize(
    ("word", "names_people"),
    [("ministries", True), ("clergymen", False), ("offices", True), ("affairs", False)],
)
def test_people_test_reads_plurals(word, names_people):
    assert PEOPLE(word) is names_people


def test_the_compiled_agent_nouns_hold_actors_not_things_or_places():
    nouns = agent_nouns()
    assert {"minister", "ministry", "government", "office", "police", "troops", "rebel"} <= nouns
    assert {"spokeswoman", "policewoman"} <= nouns
    assert not {"jail", "crime", "crimes", "center", "centre", "progress", "affairs"} & nouns
    assert not {"helicopter", "warship", "building", "district"} & nouns
    # "state": WordNet's two most frequent senses are a territory and a condition
    assert "state" not in nouns


# sentence, trigger word, the word that is no target
NOT_ACTORS = [
    ("Prisoners rioted on Sunday at a jail near the capital.", "rioted", "jail"),
    (
        "Both ministers reviewed progress on several issues of energy cooperation.",
        "reviewed",
        "progress",
    ),
    (
        "Police launched an investigation into alleged crimes committed by the militia.",
        "investigation",
        "crimes",
    ),
    ("The army declared a state of emergency in the province.", "declared", "state"),
    ("The agency agreed to build a research centre in Nairobi.", "agreed", "centre"),
    (
        "The two leaders reviewed progress in various issues of trade and exchanged views on"
        " security.",
        "exchanged",
        "security",
    ),
]


@pytest.mark.parametrize(("text", "trigger", "thing"), NOT_ACTORS)
def test_a_thing_a_place_or_a_condition_is_no_target(nlp, text, trigger, thing):
    events = coded_on(text, trigger, nlp)
    assert thing not in words(events[0].target), events[0].explanation
