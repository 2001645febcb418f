"""Acts told as the content of a meeting or visit join it as sub-acts (events/occasions.py):
one occasion, one event, keeping the headline meeting's actors."""

from __future__ import annotations

import pytest

from storyline.events.lexicon import settings
from storyline.events.merge import merge_events
from storyline.models import Actor, Block, Document, Entity, EventMention, Mention, Provenance

TEXT = "x" * 600
COUNTRY = {
    "e:scholz": "DEU", "e:baerbock": "DEU", "e:macron": "FRA", "e:colonna": "FRA",
    "e:meloni": "ITA", "e:sanchez": "ESP",
}  # fmt: skip
NAMES = {
    "e:scholz": ("Olaf Scholz", "Scholz", 10),
    "e:baerbock": ("Annalena Baerbock", "Baerbock", 30),
    "e:macron": ("Emmanuel Macron", "Macron", 50),
    "e:colonna": ("Catherine Colonna", "Colonna", 70),
    "e:meloni": ("Giorgia Meloni", "Meloni", 90),
    "e:sanchez": ("Pedro Sanchez", "Sanchez", 110),
}
DOCS = [
    Document(
        id=d, source=f"{d}.txt", source_kind="txt", raw_text=TEXT, text=TEXT,
        blocks=[Block(kind="paragraph", start=0, end=300), Block(kind="paragraph", start=300,
                                                                 end=600)],
        content_hash=d,
    )
    for d in "ABCD"
]  # fmt: skip


def _entity(entity_id: str) -> Entity:
    name, short, start = NAMES[entity_id]
    mentions = [
        Mention(
            text=short, label="PERSON", model_label="PERSON", entity_id=entity_id,
            provenance=Provenance(doc_id=d, start=start, end=start + len(short), sentence="…",
                                  sentence_start=0, sentence_end=600),
        )
        for d in "ABCD"
    ]  # fmt: skip
    return Entity(id=entity_id, name=name, type="PERSON", mentions=mentions, documents=list("ABCD"))


ENTITIES = [_entity(e) for e in NAMES]
START_OF = {short: start for _, short, start in NAMES.values()}


def by_country(entity: Entity) -> tuple[str | None, str | None]:
    return COUNTRY.get(entity.id), "GOV"


def person(short: str) -> Actor:
    start = START_OF[short]
    return Actor(text=short, start=start, end=start + len(short), rule="name", label="PERSON")


def say(
    mention_id: str,
    type_: str = "CONSULT",
    mode: str | None = "visit",
    source: tuple[str, ...] = ("Scholz",),
    target: tuple[str, ...] = ("Macron",),
    date: str | None = "2024-05-10",
    factuality: str = "asserted",
    start: int = 200,
) -> EventMention:
    doc = mention_id.split(":")[0]
    return EventMention(
        id=mention_id, type=type_, mode=mode, trigger="t",
        source=[person(s) for s in source], target=[person(t) for t in target],
        date=date, date_basis="timex" if date else "none", factuality=factuality, rule="test",
        provenance=Provenance(doc_id=doc, start=start, end=start + 5, sentence="…",
                              sentence_start=start, sentence_end=start + 40),
    )  # fmt: skip


#: Scholz's visit to Macron, told by two articles of one story.
VISIT = [say("A:1"), say("B:1")]
STORIES = {"A": "s1", "B": "s1", "C": "s1", "D": "s2"}

SIGNED = {"type_": "AGREE", "mode": None, "target": (), "date": None}
CASES = [
    ("an undated signing by the visitor joins the visit", "C:1", SIGNED, 1),
    (
        "an audience with the host's minister that day joins it",
        "C:1",
        {"mode": "host", "source": ("Colonna",), "target": ("Scholz",)},
        1,
    ),
    (
        "a meeting with a third country's leader is its own event",
        "C:1",
        {"mode": "meet", "target": ("Meloni",)},
        2,
    ),
    ("a call is its own occasion", "C:1", {"mode": "phone", "date": None}, 2),
    ("an act two days later is another occasion", "C:1", SIGNED | {"date": "2024-05-12"}, 2),
    ("an act of another story stays apart", "D:1", SIGNED, 2),
    ("a planned act is not done at it", "C:1", SIGNED | {"factuality": "planned"}, 2),
    ("a process dated by its year is no act of that day", "C:1", SIGNED | {"date": "2024"}, 2),
]


@pytest.mark.parametrize(("reason", "mention_id", "change", "events"), CASES)
def test_acts_done_at_a_visit_join_it(reason, mention_id, change, events) -> None:
    found = merge_events([*VISIT, say(mention_id, **change)], ENTITIES, DOCS,
                         affiliation=by_country, stories=STORIES)  # fmt: skip
    assert len(found) == events, reason


def test_the_visit_keeps_its_own_actors() -> None:
    """The audience with Colonna is part of the visit; the visit is still Scholz's to Macron."""
    audience = say("C:1", mode="host", source=("Colonna",), target=("Scholz",))
    (event,) = merge_events([*VISIT, audience], ENTITIES, DOCS,
                            affiliation=by_country, stories=STORIES)  # fmt: skip
    names = {a.name for a in (*event.source, *event.target)}
    assert names == {"Olaf Scholz", "Emmanuel Macron"}
    assert event.documents == ["A", "B", "C"] and event.date == "2024-05-10"
    assert "joined as part of it" in event.explanation


def test_an_undated_act_two_occasions_could_claim_joins_neither() -> None:
    """Scholz visited Macron in May and met him again in September; "Scholz signed" undated
    could be either: it stays apart."""
    autumn = [say("A:2", mode="meet", date="2024-09-20", start=400),
              say("B:2", mode="meet", date="2024-09-20", start=400)]  # fmt: skip
    found = merge_events([*VISIT, *autumn, say("C:1", **SIGNED)], ENTITIES, DOCS,
                         affiliation=by_country, stories=STORIES)  # fmt: skip
    assert len(found) == 3


def test_an_act_told_in_the_same_sentence_goes_to_that_meeting() -> None:
    """ "… the visit to Paris, where Scholz signed …": the sentence says which occasion."""
    autumn = [say("A:2", mode="meet", date="2024-09-20", start=400),
              say("B:2", mode="meet", date="2024-09-20", start=400)]  # fmt: skip
    signed = say("A:3", **SIGNED | {"start": 200})  # the sentence of the May visit in A
    found = merge_events([*VISIT, *autumn, signed], ENTITIES, DOCS,
                         affiliation=by_country, stories=STORIES)  # fmt: skip
    assert len(found) == 2
    may = next(e for e in found if e.date == "2024-05-10")
    assert "A:3" in {m.id for m in may.mentions}


def test_occasions_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(settings()["merge"], "occasions", False)
    found = merge_events([*VISIT, say("C:1", **SIGNED)], ENTITIES, DOCS,
                         affiliation=by_country, stories=STORIES)  # fmt: skip
    assert len(found) == 2


def test_a_third_countrys_leader_one_report_names_is_no_party_to_a_visit() -> None:
    """Scholz visited France (a place); one report misreads "the two leaders" as Scholz and
    Sanchez, whom he met at the previous stop: Sanchez is not an actor of the visit."""
    france = Actor(text="France", start=150, end=156, rule="name", label="GPE", country="FRA")
    visits = [say(f"{d}:1", target=()) for d in "AB"] + [say("C:1", source=("Scholz", "Sanchez"),
                                                              target=())]  # fmt: skip
    visits = [m.model_copy(update={"target": [france]}) for m in visits]
    (event,) = merge_events(visits, ENTITIES, DOCS, affiliation=by_country, stories=STORIES)
    assert [a.name for a in event.source] == ["Olaf Scholz"]


def test_two_meetings_the_same_day_stay_two_events() -> None:
    """ "Scholz met Colonna, and then Macron": no visit makes one the other's content."""
    meeting = [say(f"{d}:1", mode="meet") for d in "AB"]
    talks = say("C:1", mode=None, target=("Colonna",))
    found = merge_events([*meeting, talks], ENTITIES, DOCS,
                         affiliation=by_country, stories=STORIES)  # fmt: skip
    assert len(found) == 2


def test_an_act_told_at_a_place_goes_to_the_occasion_held_there() -> None:
    """ "In Paris, where Scholz signed four agreements": the undated act could be the May visit
    or the September meeting, and the place says which."""
    visit = [m.model_copy(update={"location": "Paris"}) for m in VISIT]
    autumn = [say("A:2", mode="meet", date="2024-09-20", start=400),
              say("B:2", mode="meet", date="2024-09-20", start=400)]  # fmt: skip
    signed = say("C:1", **SIGNED).model_copy(update={"location": "Paris"})
    found = merge_events([*visit, *autumn, signed], ENTITIES, DOCS,
                         affiliation=by_country, stories=STORIES)  # fmt: skip
    assert len(found) == 2
    may = next(e for e in found if e.date == "2024-05-10")
    assert "C:1" in {m.id for m in may.mentions}


def test_acts_joined_to_an_occasion_are_explained_once() -> None:
    """Two acts done at the visit (a signing and an audience) make one line in the event's
    explanation with their total, not one line per act."""
    signing = say("C:1", **SIGNED)
    audience = say("C:2", mode="host", source=("Colonna",), target=("Scholz",), start=400)
    (event,) = merge_events([*VISIT, signing, audience], ENTITIES, DOCS,
                            affiliation=by_country, stories=STORIES)  # fmt: skip
    assert event.explanation.count("joined as part of it") == 1
    assert "2 mention(s) of what was done at it joined as part of it" in event.explanation


def test_a_country_stands_for_its_people_only_at_a_meeting_between_countries() -> None:
    """Scholz received Baerbock (both German): "Germany signed", undated in the same story,
    shares only the country every act of a German story has, so it is no part of that meeting.
    At Scholz's visit to Macron, "France signed" (the host's country) is."""

    def country(name: str, code: str) -> Actor:
        return Actor(text=name, start=150, end=150 + len(name), rule="name", label="GPE",
                     country=code)  # fmt: skip

    domestic = [say(f"{d}:1", mode="host", target=("Baerbock",)) for d in "AB"]
    germany = say("C:1", **SIGNED).model_copy(update={"source": [country("Germany", "DEU")]})
    found = merge_events([*domestic, germany], ENTITIES, DOCS,
                         affiliation=by_country, stories=STORIES)  # fmt: skip
    assert len(found) == 2
    france = say("C:1", **SIGNED).model_copy(update={"source": [country("France", "FRA")]})
    found = merge_events([*VISIT, france], ENTITIES, DOCS,
                         affiliation=by_country, stories=STORIES)  # fmt: skip
    assert len(found) == 1
