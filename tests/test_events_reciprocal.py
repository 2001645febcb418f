"""The other side of a two-party event named outside its own clause (issue 15, events.reciprocal):
reciprocal adverbs, the meeting a subjectless clause continues, "between" phrases naming the
source again. Sentences written here, none copied from a gold file."""

from __future__ import annotations

import pytest

from tests.test_events import coded_on, words

# sentence, trigger word, the partner the event must name
GAINS = [
    # a reciprocal adverb: the other party is who the coordinated clause acts on
    (
        "Chancellor Olaf Scholz thanked Prime Minister Mark Rutte for his support and agreed "
        "to work together on migration.",
        "work together",
        "Rutte",
    ),
    (
        "Chancellor Olaf Scholz thanked Prime Minister Mark Rutte for his support and agreed "
        "to work together on migration.",
        "agreed",
        "Rutte",
    ),
    (
        "The German chancellor thanked Prime Minister Mark Rutte for his support and promised "
        "to work jointly on migration.",
        "promised",
        "Rutte",
    ),
    # talks in a clause that continues the meeting of the main clause
    (
        "President Emmanuel Macron met Chancellor Olaf Scholz in Berlin before holding talks "
        "at the chancellery on Tuesday.",
        "holding talks",
        "Scholz",
    ),
    (
        "President Emmanuel Macron met Chancellor Olaf Scholz in Berlin and held talks on defence.",
        "held talks",
        "Scholz",
    ),
    # "between" names the subject again: its other side is the partner
    ("Japan held talks between Japan and South Korea on Monday.", "held talks", "South Korea"),
]

# sentence, trigger word, a word the event's targets must not hold ("" = no target at all)
STAYS = [
    # a one-sided act lends no partner: a visit's destination is a place
    (
        "Chancellor Olaf Scholz visited Warsaw on Monday and agreed to work together on border "
        "security.",
        "work together",
        "Warsaw",
    ),
    # talks after a hostile act are not with its target
    ("Chancellor Olaf Scholz criticised Hungary before holding talks in Brussels.", "talks", ""),
    # a plural subject names both sides already (PLOVER's reciprocal convention)
    ("Germany and France agreed to work together on defence.", "work together", ""),
    # a clause with its own subject continues nothing
    (
        "President Emmanuel Macron met Chancellor Olaf Scholz in Berlin, and Prime Minister "
        "Mark Rutte held talks in The Hague.",
        "held talks",
        "Scholz",
    ),
]


@pytest.mark.parametrize(("text", "trigger", "partner"), GAINS)
def test_the_other_side_named_outside_the_clause(nlp, text, trigger, partner):
    events = coded_on(text, trigger, nlp)
    assert partner in words(events[0].target), events[0].explanation
    assert partner not in words(events[0].source), events[0].explanation


@pytest.mark.parametrize(("text", "trigger", "absent"), STAYS)
def test_no_partner_without_a_syntactic_link(nlp, text, trigger, absent):
    events = coded_on(text, trigger, nlp)
    if absent:
        assert absent not in words(events[0].target), events[0].explanation
    else:
        assert not events[0].target, events[0].explanation
