"""A party is an actor (``events.parties``): a product, a model number, a date, a count or a
common noun of things is no source or target; an agent noun, a group of people, a name the
text gives an actor, or what violence is done with, is. Sentences written here, not copied from
any gold file; coded over the project's entity layer, which types "Airbus A350" a product."""

from __future__ import annotations

import pytest

from storyline.models import EventMention
from tests.test_events_things import code_with_entities, texts


def on(events: list[EventMention], trigger: str) -> list[EventMention]:
    return [e for e in events if trigger in e.trigger]


# sentence, trigger, a word no party of it may hold
NO_PARTY = [
    # a product with its model number, where the NER took only the maker
    ("Qantas said the Airbus A350 will arrive in Sydney in March.", "arrive", "A350"),
    ("The Boeing 777-300 arrived in Dubai on Monday.", "arrived", "Boeing"),
    # a product line named after its model number, which the NER leaves unlabelled
    (
        "The 787 Dreamliner will use less fuel than other aircraft, the company said.",
        "use",
        "Dreamliner",
    ),
    # a common noun that "said" the words: the message is no actor
    (
        '"This will allow the opposition to name its candidates," the statement said.',
        "allow",
        "statement",
    ),
    # an abstract noun as subject
    (
        "At a time when our economy is hurting, the decision is a blow to workers.",
        "hurt",
        "economy",
    ),
    # a year in a passive's "by" phrase
    ("Had the deal gone ahead, the jets would have been delivered by 2019.", "deliver", "2019"),
    # the maker's name inside a product's phrase
    ("The defence ministry had favoured the Airbus A330 tanker for years.", "favour", "Airbus"),
]


@pytest.mark.parametrize(("text", "trigger", "thing"), NO_PARTY)
def test_a_product_a_date_or_a_thing_is_no_party(nlp, text, trigger, thing):
    for event in on(code_with_entities(text, nlp), trigger):
        parties = texts(event.source) + texts(event.target)
        assert not any(thing in p for p in parties), event.explanation


# sentence, trigger, the source that stays, the target that stays ("" = none)
PARTIES = [
    # a thing acts through the actor its modifiers name
    ("Israeli army bulldozers demolished three houses in Rafah on Monday.", "demolished",
     "Israeli", ""),
    # an agent noun in the phrase operates its head
    ("Three rebel boats attacked the convoy near the port on Monday.", "attacked", "rebel boats",
     ""),
    ("Dozens of warships of several countries are patrolling the Gulf of Aden.", "patrolling",
     "warships", "Gulf of Aden"),
    # what violence is done with
    ("A car bomb killed six soldiers in Baghdad on Sunday.", "killed", "car bomb", "soldiers"),
    # a share of people: the people act
    ("90% of GM's bondholders agreed to the deal on Monday.", "agreed", "bondholders", ""),
    # a numbered group of states is an actor, digits or not
    ("The Group of 77 criticized the United States on Tuesday.", "criticized", "Group of 77",
     "United States"),
    ("Apple Corps sued Apple Computer over the name.", "sued", "Apple Corps", "Apple Computer"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "trigger", "source", "target"), PARTIES)
def test_an_actor_stays_a_party(nlp, text, trigger, source, target):
    events = on(code_with_entities(text, nlp), trigger)
    assert events, [e.trigger for e in code_with_entities(text, nlp)]
    event = events[0]
    assert any(source in s for s in texts(event.source)), event.explanation
    assert not target or any(target in t for t in texts(event.target)), event.explanation


def test_a_row_needing_two_parties_codes_nothing_when_its_target_is_a_product(nlp):
    """ "favour" needs a dyad (PETRARCH2's ``require_dyad``): with the tanker refused it has no
    target, so it codes nothing rather than a favour done to no one."""
    text = "The defence ministry had favoured the Airbus A330 tanker for years."
    assert not on(code_with_entities(text, nlp), "favour")


def test_a_row_that_needs_no_dyad_keeps_its_source_and_says_why_the_target_went(nlp):
    text = "The air force had previously favored the Boeing 767 tanker."
    event = on(code_with_entities(text, nlp), "favored")[0]
    assert texts(event.source) == ["air force"] and not event.target, event.explanation
    assert "'Boeing 767 tanker' is a product's" in event.explanation


def test_a_named_group_with_digits_is_no_model_number(nlp):
    """ "G20" reads like a designation ("A380"), but the entity layer names it an actor: the
    summit it modifies is a meeting of the group, not a product line."""
    text = "The Kenyan president attended the G20 Summit in New Delhi, and the G7 met later."
    for event in on(code_with_entities(text, nlp), "Summit"):
        assert "a product" not in event.explanation, event.explanation
