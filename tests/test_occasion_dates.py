"""An act told in a clause describing a dated occasion takes the occasion's date
(events/occasion_dates.py, through events/dating.py and the real timex layer)."""

from __future__ import annotations

import pytest

from storyline.events.occasion_dates import described_occasion, in_noun_phrase
from storyline.nlp import parse_one
from tests.test_event_dating import event_dates


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # a reduced passive relative on a dated occasion (ECB+ 2_10ecbplus): what hosting
        # acts on is an occasion, whatever its name
        (
            "Over the last eight years, the 2007 Oscars hosted by Ellen DeGeneres stands as the "
            "top rated.",
            "hosted",
            "2007",
        ),
        # a past subject relative on a dated event noun (TimeBank tuning; ECB+ 9_13ecbplus)
        (
            "He is charged in three Atlanta attacks, including the 1996 Olympic bombing that "
            "killed one person.",
            "killed",
            "1996",
        ),
        (
            "Barack Obama signed an order rescinding a 2001 Bush policy change that barred "
            "financial aid to groups.",
            "barred",
            "2001",
        ),
        # the clause's own time is finer and wins
        (
            "The 2007 Oscars hosted by Ellen DeGeneres on February 25, 2007 drew big ratings.",
            "hosted",
            "2007-02-25",
        ),
        # an object relative tells a later act about the occasion
        (
            "The 2008 crisis that economists blamed on the banks still weighs on growth.",
            "blamed",
            None,
        ),
        # a year after the report is a target, not the time of a past act
        ("The 2030 plan approved by the cabinet calls for growth.", "approved", None),
    ],
)
def test_occasion_dates(nlp, text: str, trigger: str, expected: str | None) -> None:
    dates = event_dates(nlp, text)
    assert trigger in dates, f"{trigger!r} not coded in {dates}"
    assert dates[trigger] == expected


@pytest.mark.parametrize(
    ("text", "clause", "mode", "occasion"),
    [
        # what a hosting act acts on is an occasion, whatever its name …
        ("The 2007 Oscars hosted by Ellen DeGeneres drew big ratings.", "hosted", "host", "Oscars"),
        # … a proper name alone is none
        ("The 2007 Oscars hosted by Ellen DeGeneres drew big ratings.", "hosted", None, None),
        # a named event (spaCy's EVENT), a gathering noun
        ("The 2010 World Cup hosted by South Africa drew millions.", "hosted", None, "Cup"),
        ("Last year's summit hosted by India ended with a declaration.", "hosted", None, "summit"),
        # a year before a thing names its model, not an occasion
        ("The 2007 model built by Toyota sold well.", "built", None, None),
        # an object relative; a present-tense relative
        ("The 2008 crisis that economists blamed on the banks hurt growth.", "blamed", None, None),
        ("The 2008 crisis that haunts Europe hurt growth.", "haunts", None, None),
    ],
)
def test_described_occasion(
    nlp, text: str, clause: str, mode: str | None, occasion: str | None
) -> None:
    parsed = parse_one(text, nlp)
    found = described_occasion(next(t for t in parsed if t.text == clause), mode)
    assert (found.text if found is not None else None) == occasion


def test_only_a_date_before_the_noun_in_its_own_phrase(nlp) -> None:
    parsed = parse_one("The 75th anniversary of 1947 and Vision 2030 of 2016 reforms.", nlp)
    anniversary = next(t for t in parsed if t.text == "anniversary")
    year = next(t for t in parsed if t.text == "1947")
    assert not in_noun_phrase(parsed[year.i : year.i + 1], anniversary)
    oscars = parse_one("Over the years, the 2007 Oscars hosted by her stands out.", nlp)
    noun = next(t for t in oscars if t.text == "Oscars")
    years = next(t for t in oscars if t.text == "years")
    assert in_noun_phrase(oscars[noun.i - 1 : noun.i], noun)
    assert not in_noun_phrase(oscars[years.i : years.i + 1], noun)
