"""Who did what to whom around a report (issue 15): the reporter is the source of a statement,
never the doer of the act reported nor a party to it; the charge a person is sentenced for names
no party; a person fired is dismissed, not fought. Sentences written in the style of the ECB+,
PLOVER and TimeBank ones that showed each construction, not copied from them."""

from __future__ import annotations

import pytest

from tests.test_events import code, coded_on, words

# a reporting verb whose "that" was dropped: the parser hangs the reported clause's subject on
# the reporting verb as its object, and the clause borrows the reporter
DROPPED_THAT = [
    (
        "Garcia reported the Chicago Cubs team of owner Tom Ricketts offered Smith a five-year "
        "deal worth $100 million.",
        "offered",
        "Cubs",
        "Garcia",
    ),
    (
        "The newspaper reported the Mexican government offered the rebels a ceasefire.",
        "offered",
        "government",
        "newspaper",
    ),
]


@pytest.mark.parametrize(("text", "trigger", "wanted", "unwanted"), DROPPED_THAT)
def test_dropped_that_gives_the_reported_subject(nlp, text, trigger, wanted, unwanted):
    events = coded_on(text, trigger, nlp)
    sources = words(events[0].source)
    assert wanted in sources, events[0].explanation
    assert unwanted not in sources, events[0].explanation


def test_a_team_named_for_its_club_is_the_club(nlp):
    """ "the Boston Red Sox team of owner John Henry and manager Terry Francona": the club acts; its
    listed members say who the team consisted of."""
    events = code(
        "The Boston Red Sox team of owner John Henry and manager Terry Francona met Teixeira on "
        "Monday.",
        nlp,
    )
    met = [e for e in events if "met" in e.trigger]
    assert met and words(met[0].source) == "Boston Red Sox", [e.explanation for e in events]


def test_a_clause_opened_by_that_keeps_the_hearer_apart(nlp):
    """ "told his cabinet that Israel was willing …": the cabinet heard it, Israel is willing."""
    events = code(
        "Netanyahu told his cabinet on Sunday that Israel would withdraw from Lebanon.", nlp
    )
    withdraw = [e for e in events if "withdraw" in e.trigger]
    assert withdraw and "Israel" in words(withdraw[0].source), [e.explanation for e in events]
    assert "cabinet" not in words(withdraw[0].source)


def test_the_one_a_report_is_attributed_to_is_no_target(nlp):
    """ "according to X": X told the news; the clause's last-resort target is someone else."""
    events = code(
        "The government imposed a curfew on Monday, according to Amnesty International.", nlp
    )
    curfew = [e for e in events if "curfew" in e.trigger]
    assert curfew, [e.trigger for e in events]
    assert "Amnesty" not in words(curfew[0].target), curfew[0].explanation


def test_a_charge_names_no_party_to_the_sentence(nlp):
    """ "sentenced … for indecency with a child": the phrase the parser hangs on the verb
    continues the charge."""
    events = code("The court sentenced the defendant to 20 years for indecency with a child.", nlp)
    sentenced = [e for e in events if "sentenced" in e.trigger]
    assert sentenced, [e.trigger for e in events]
    assert "child" not in words(sentenced[0].target), sentenced[0].explanation


def test_a_report_attributed_with_according_to_is_no_accord(nlp):
    """ "according to" is a preposition, not the noun "accord" of PETRARCH2's "ATTACK * ACCORD"
    (criticising an agreement)."""
    events = code("Troops attacked the village on Monday, according to Human Rights Watch.", nlp)
    assert [e.type for e in events if "attacked" in e.trigger] == ["ASSAULT"], [
        e.explanation for e in events
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Brown is the third coach fired this season, after Tom Smith of Dallas.",
        "Brown was the second manager fired this year, after John Reed of Leeds United.",
        "Jones is the fifth head coach to be fired this season.",
    ],
)
def test_a_person_fired_is_dismissed_not_fought(nlp, text):
    """A reduced relative ("the coach fired", tagged as a past tense) and a passive infinitive
    describe a person fired: a dismissal, which PLOVER does not code."""
    assert not [e for e in code(text, nlp) if e.type == "FIGHT"], [
        e.explanation for e in code(text, nlp)
    ]


def test_weapons_fired_stay_fighting(nlp):
    events = code("The soldiers fired rockets at the village on Monday.", nlp)
    assert [e for e in events if e.type == "FIGHT"], [e.explanation for e in events]


def test_the_people_of_a_country_are_the_country(nlp):
    """A civilian agent noun of PETRARCH2 ("people", "residents") with a named country stands
    for that country, as PETRARCH2 and PLOVER code it. (A bare "voted" codes nothing since
    review14: alone it is a choice, not an agreement.)"""
    events = code(
        "The people of Kazakhstan have rejected the new constitution in a referendum.", nlp
    )
    rejected = [e for e in events if "rejected" in e.trigger]
    assert rejected and words(rejected[0].source) == "Kazakhstan", [e.explanation for e in events]


def test_residents_protesting_are_still_a_crowd(nlp):
    """The place they stand for is no named actor speaking: their protest stays PROTEST."""
    events = code("Residents of Delhi protested against the government on Sunday.", nlp)
    assert [e.type for e in events if "protested" in e.trigger] == ["PROTEST"], [
        e.explanation for e in events
    ]
