"""An act told twice in one article takes the finer of its dates (events/re_mentions.py)."""

from __future__ import annotations

import pytest

from storyline.evaluation.event_layers import mentions_from_ents, sentence_document
from storyline.events.extract import extract_event_mentions
from storyline.nlp import parse_one
from storyline.timex.extract import extract_timexes

PUBLISHED = "2024-04-19"  # a Friday
LEDE = (
    "India on Friday delivered the first batch of missiles to the Philippines, two years after "
    "Manila signed a contract for three batteries. "
)


def dated_events(nlp, text: str) -> list[tuple[str, str | None, str]]:
    """(trigger, date, first source) of every event coded in ``text``, in text order."""
    document = sentence_document("doc", text).model_copy(update={"published": PUBLISHED})
    parsed = parse_one(document.text, nlp)
    timexes = extract_timexes(document, parsed)
    events = extract_event_mentions(document, parsed, timexes, mentions_from_ents(document, parsed))
    return [(e.trigger, e.date, e.source[0].text if e.source else "") for e in events]


def manila_signing(nlp, text: str) -> str | None:
    """The date of Manila's signing of the contract the lede tells."""
    events = dated_events(nlp, text)
    found = [d for trigger, d, who in events if trigger == "signed a contract" and who == "Manila"]
    assert len(found) == 1, events
    return found[0]


@pytest.mark.parametrize(
    "again",
    [
        # a participle of the same verb on the definite noun of what the act made
        "The contract, signed on January 28, 2022, was the first major export order.",
        # a relative clause of the same verb, passive or with the event's own doer
        "The contract, which was signed on January 28, 2022, was the first major export order.",
        "The contract that Manila signed on January 28, 2022 was the first major export order.",
        "The contract that it signed on January 28, 2022 was the first major export order.",
    ],
)
def test_a_dated_re_mention_refines_the_year_of_the_act(nlp, again: str) -> None:
    """ "two years after Manila signed a contract" is a year; "The contract, signed on
    January 28, 2022" re-tells that signing with its day."""
    assert manila_signing(nlp, LEDE + again) == "2022-01-28"


@pytest.mark.parametrize(
    "again",
    [
        # another doer signed another contract
        "The contract signed by Vietnam on January 28, 2022 was the first export order.",
        # the dates do not nest: another act, or a contradiction left as told
        "The contract, signed on January 28, 2021, was the first major export order.",
        # another verb tells another act on the same thing
        "The contract, announced on January 28, 2022, was the first major export order.",
        # an indefinite noun introduces a new thing, it does not refer back
        "A contract signed on January 28, 2022 was the first major export order.",
    ],
)
def test_other_acts_leave_the_date_alone(nlp, again: str) -> None:
    assert manila_signing(nlp, LEDE + again) == "2022"


def test_a_re_mention_after_publication_is_a_plan_not_the_act(nlp) -> None:
    text = (
        "Canadian authorities issued an arrest warrant for James Kopp this year. The warrant, "
        "to be issued again on December 3, 2024, charges Kopp with attempted murder."
    )
    issued = [d for trigger, d, _ in dated_events(nlp, text) if trigger.startswith("issued")]
    assert issued == ["2024"]


def test_the_re_mention_of_a_warrant_dates_its_issue(nlp) -> None:
    """AQUAINT APW20000124.0182: "Canadian authorities issued a nationwide arrest warrant
    Monday … The Canadian warrant issued Monday charged Kopp" (here the first telling is
    dated by its year only)."""
    text = (
        "Canadian authorities issued an arrest warrant for James Kopp last year. The warrant, "
        "issued on March 3, 2023, charged Kopp with attempted murder."
    )
    issued = [d for trigger, d, _ in dated_events(nlp, text) if trigger.startswith("issued")]
    assert issued == ["2023-03-03"]
