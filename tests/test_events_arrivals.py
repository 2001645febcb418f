"""Goods arriving are their delivery (the ``subj:moved`` rows of plover_lexicon.tsv, read by
events/matching.py and events/coder.py): "the missiles reached the Philippines" is AID to the
Philippines, as PETRARCH2's ARRIVE and REACH subject patterns code relief, food and medicine
arriving; a person arriving is still a visit, a figure reaching a level is no event, and weapons
reaching a town were fired at it."""

from __future__ import annotations

import pytest

from tests.test_events import assert_not_coded, code, coded_on


@pytest.mark.parametrize(
    ("text", "trigger", "target"),
    [
        # the briefing set's arms-export reports tell the delivery as the goods' arrival
        ("The first BrahMos missiles reached the Philippines on Friday.", "reached", "Philippines"),
        # PETRARCH2's ARRIVE block: "RELIEF SUPPLIES *", "&FOOD *", "MEDICINE *" code aid (073)
        ("Relief supplies arrived in Gaza on Sunday.", "arrived", "Gaza"),
        ("The first batch of missiles arrived in Ukraine on Friday.", "arrived", "Ukraine"),
    ],
)
def test_goods_arriving_are_a_delivery_to_the_destination(nlp, text, trigger, target):
    (event,) = coded_on(text, trigger, nlp)
    assert event.type == "AID"
    assert [a.text for a in event.target] == [target]
    assert event.factuality == "asserted"


def test_the_goods_are_no_source(nlp):
    """What moved is the theme: a make named in front ("Relief", "the first batch") gives no
    giver; the event stands on its destination as a passive delivery does."""
    (event,) = coded_on("Relief supplies arrived in Gaza on Sunday.", "arrived", nlp)
    assert event.source == []


def test_a_person_arriving_is_still_a_visit(nlp):
    text = "Russian President Vladimir Putin arrived in Ankara on Monday."
    (event,) = coded_on(text, "arrived", nlp)
    assert (event.type, event.mode) == ("CONSULT", "visit")


@pytest.mark.parametrize(
    "text",
    [
        "Exports reached a record last year.",  # a figure reaching a level
        "The storm reached Florida on Monday.",  # not goods
    ],
)
def test_other_things_reaching_code_nothing(nlp, text):
    assert_not_coded(text, "reached", nlp)


def test_goods_reaching_a_figure_are_no_delivery(nlp):
    """ "reach" needs a party as its object ("obj:actor"): aid reaching a sum is a figure."""
    assert not [e for e in code("Aid reached $5 billion last year.", nlp) if e.type == "AID"]


@pytest.mark.parametrize(
    "text",
    [
        "Rockets fired from Gaza reached Tel Aviv on Friday.",
        "A Russian missile reached Kyiv on Monday.",
    ],
)
def test_weapons_reaching_a_town_were_fired_not_delivered(nlp, text):
    """A delivery goes to a buyer, a country or an organisation (``transfers.fired_at_a_place``)."""
    assert not [e for e in code(text, nlp) if e.type == "AID"]
