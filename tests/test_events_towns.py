"""A town named in a target's slot is where an act was done, not a party to it
(``grouping.is_town``): two reports of one act, one naming the place and one its town, are one
event; one act in two towns is two."""

from __future__ import annotations

from storyline.events.grouping import is_town
from storyline.events.merge import merge_events
from storyline.models import Actor, Entity, EventMention
from tests.event_builders import document, entity, mention, named

DOCS = [document(d) for d in "AB"]
ONE_STORY = {"A": "s1", "B": "s1"}
CHECK = "petrarch:V:check[dyad]"
SHELL = "petrarch:V:shell"


def _country(entity: Entity) -> tuple[str | None, str | None]:
    """Affiliation of the test's entities: the countries are their own country; towns lie in
    no known country (as the place lexicon leaves most small towns)."""
    return (entity.name, None) if entity.name in ("Russia", "Ukraine", "Georgia") else (None, None)


def test_a_town_is_where_an_act_was_done_not_a_party() -> None:
    lohan = named("Lohan", 10)
    assert is_town(Actor(text="Newport Beach", label="GPE", rule="name"))
    assert not is_town(Actor(text="Russia", name="Russia", country="Russia", label="GPE"))
    assert not is_town(Actor(text="Morningside", label="FAC", rule="name"))
    entities = [
        entity("e:lohan", "Lindsay Lohan", "PERSON", [(d, 10, "Lohan") for d in "AB"]),
        entity("e:clinic", "Morningside Recovery", "FAC", [("A", 40, "Morningside Recovery")]),
        entity("e:newport", "Newport Beach", "GPE", [("B", 40, "Newport Beach")]),
    ]
    # "checked into Morningside Recovery in Newport Beach": one report keeps only the town
    clinic = mention(
        "A", "Lohan checked into Morningside Recovery, her lawyer said.", CHECK,
        [lohan], [named("Morningside Recovery", 40)],
    )  # fmt: skip
    town = mention(
        "B", "Lohan checked into a clinic in Newport Beach on Thursday.", CHECK,
        [lohan], [named("Newport Beach", 40)],
    )  # fmt: skip
    (event,) = merge_events([clinic, town], entities, DOCS, _country, stories=ONE_STORY)
    assert event.documents == ["A", "B"]


def test_one_act_in_two_towns_is_two_acts_and_a_country_stays_a_party() -> None:
    russia = named("Russia", 0)
    entities = [
        entity("e:russia", "Russia", "GPE", [(d, 0, "Russia") for d in "AB"]),
        entity("e:kharkiv", "Kharkiv", "GPE", [("A", 40, "Kharkiv")]),
        entity("e:odesa", "Odesa", "GPE", [("B", 40, "Odesa")]),
        entity("e:ukraine", "Ukraine", "GPE", [("A", 60, "Ukraine")]),
        entity("e:georgia", "Georgia", "GPE", [("B", 60, "Georgia")]),
    ]

    def shelled(doc: str, place: str, start: int) -> EventMention:
        return mention(
            doc, f"Russia shelled {place} overnight, officials said.", SHELL, [russia],
            [named(place, start)], type_="ASSAULT", date="2024-03-02",
        )  # fmt: skip

    same_day = [shelled("A", "Kharkiv", 40), shelled("B", "Odesa", 40)]
    assert len(merge_events(same_day, entities, DOCS, _country, stories=ONE_STORY)) == 2
    countries = [shelled("A", "Ukraine", 60), shelled("B", "Georgia", 60)]
    assert len(merge_events(countries, entities, DOCS, _country, stories=ONE_STORY)) == 2
    again = [shelled("A", "Kharkiv", 40), shelled("B", "Kharkiv", 40)]
    entities[1] = entity("e:kharkiv", "Kharkiv", "GPE", [(d, 40, "Kharkiv") for d in "AB"])
    assert len(merge_events(again, entities, DOCS, _country, stories=ONE_STORY)) == 1
