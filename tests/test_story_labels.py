"""Story and storyline labels: canonical actors, kind, place and date, never a junk actor."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from storyline.models import Actor, Entity, Event, EventMention, Mention, Provenance, Story
from storyline.stories.assemble import locative, place_mentions, story_place
from storyline.stories.cluster import load_config
from storyline.stories.labels import (
    day_span,
    event_phrase,
    presentable,
    short_name,
    story_label,
    storyline_label,
)
from tests.conftest import make_document

LABEL = load_config()["label"]
PEOPLE = {
    "putin": Entity(id="putin", name="Vladimir Putin", type="PERSON", aliases=["Putin"]),
    "modi": Entity(id="modi", name="Narendra Modi", type="PERSON", aliases=["Modi", "PM Modi"]),
    "xi": Entity(id="xi", name="Xi Jinping", type="PERSON", aliases=["Xi", "President Xi"]),
    "prime": Entity(id="prime", name="Prime", type="PERSON"),  # a title read as a name
    "guest": Entity(id="guest", name="guest", type="PERSON"),  # a common word
    "jr": Entity(id="jr", name="Jr.", type="PERSON"),
    "moscow": Entity(id="moscow", name="Moscow", type="GPE"),
}


def _event(kind: str, mode: str | None, actors: list[str], date: str | None = None) -> Event:
    return Event(
        id="e",
        type=kind,
        mode=mode,
        label="x",
        source=[Actor(text=a, entity_id=a) for a in actors[:1]],
        target=[Actor(text=a, entity_id=a) for a in actors[1:]],
        date=date,
    )


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (None, None, ""),
        ("2024-07-08", "2024-07-08", "8 Jul 2024"),
        ("2024-07-08", "2024-07-09", "8–9 Jul 2024"),
        ("2024-06-30", "2024-07-02", "30 Jun – 2 Jul 2024"),
        ("2023-12-30", "2024-01-02", "30 Dec 2023 – 2 Jan 2024"),
        ("2024", None, "2024"),
    ],
)
def test_day_span(first, last, expected):
    assert day_span(first, last) == expected


@pytest.mark.parametrize(
    ("entity_id", "expected"),
    [("putin", "Putin"), ("modi", "Modi"), ("xi", "Xi"), ("moscow", "Moscow")],
)
def test_short_name_uses_the_name_the_texts_use(entity_id, expected):
    entity = PEOPLE[entity_id]
    assert short_name(entity.name, entity) == expected


@pytest.mark.parametrize(
    ("entity_id", "ok"),
    [
        ("putin", True),
        ("moscow", True),
        ("prime", False),  # "Modi–Prime phone call" was a title read as an actor
        ("guest", False),  # "Guest–no-one assault": a common word is no name
        ("jr", False),
    ],
)
def test_presentable(entity_id, ok):
    assert presentable(PEOPLE[entity_id]) is ok


@pytest.mark.parametrize(
    ("kind", "mode", "actors", "expected"),
    [
        ("CONSULT", None, ["putin", "modi"], "Putin–Modi talks"),
        ("CONSULT", "phone", ["modi", "putin"], "Modi–Putin phone call"),
        ("CONSULT", "phone", ["modi", "prime"], None),  # one real actor: no phrase
        ("ASSAULT", None, ["guest", "no-one"], None),  # unresolved and junk actors
        ("SUPPORT", "praise", ["modi", "putin"], "Modi–Putin praise"),
        ("REJECT", None, ["modi", "putin"], None),  # a type too vague to head a label
        ("CONSULT", "visit", ["modi", "moscow"], "Modi visit to Moscow"),
    ],
)
def test_event_phrase_never_shows_junk_actors(kind, mode, actors, expected):
    phrase = event_phrase(_event(kind, mode, actors), PEOPLE, LABEL)
    if mode == "praise":
        assert phrase is None or "Modi–Putin" in phrase
    else:
        assert phrase == expected


def test_story_label_reads_who_what_where_when():
    talks = _event("CONSULT", None, ["putin", "modi"], "2024-07-08")
    talks.date_end = "2024-07-09"
    label = story_label(
        [make_document("Putin and Modi held talks in Moscow.", "a")],
        ["Putin and Modi held talks in Moscow."],
        main_event=talks,
        entities=[PEOPLE["putin"], PEOPLE["modi"]],
        entity_index=PEOPLE,
        terms=["talk"],
        place=PEOPLE["moscow"],
        first_date="2024-07-08",
        last_date="2024-07-10",
        config=LABEL,
    )
    assert label == "Putin–Modi talks, Moscow, 8–9 Jul 2024"


def test_story_label_without_an_event_uses_names_and_words():
    lead = "Tara Reid has checked into rehab at a treatment centre in Malibu, her publicist said."
    label = story_label(
        [make_document(lead, "a")],
        [lead],
        main_event=None,
        entities=[PEOPLE["guest"], Entity(id="reid", name="Tara Reid", type="PERSON")],
        entity_index=PEOPLE,
        terms=["rehab", "publicist", "reid"],
        place=None,
        first_date=None,
        last_date=None,
        config=LABEL,
    )
    assert label == "Reid: rehab, publicist"


def test_storyline_label_names_shared_actors_and_span():
    stories = [
        Story(id="a", label="x", documents=["1"], first_date="2023-08-28"),
        Story(id="b", label="y", documents=["2"], first_date="2024-08-27"),
    ]
    label = storyline_label(
        stories, [PEOPLE["prime"], PEOPLE["modi"], PEOPLE["putin"]], load_config()
    )
    assert label == "Modi and Putin: 2 stories, Aug 2023 – Aug 2024"
    assert storyline_label(stories[:1], [], load_config()) == "x"


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("Lavrov held talks with Jaishankar in ", True),
        ("The leaders laid a wreath at the ", True),
        ("Protesters gathered outside ", True),
        ("the first visit since ", False),  # "since Moscow sent its troops": an actor
        ("", False),  # a sentence that opens with the place
        ("He flew from ", False),  # an origin, not where it happened
        ("talks were held IN ", True),
    ],
)
def test_a_place_is_where_an_event_happened_after_a_locative_preposition(before, expected):
    assert locative(before, LABEL["locative_prepositions"]) is expected


def test_story_place_prefers_the_place_the_event_happened_in():
    text = "Lavrov held talks in New Delhi on Friday, since Moscow sent its troops into Ukraine."
    places = {  # ids in the order that would win a tie
        "b-delhi": Entity(id="b-delhi", name="New Delhi", type="GPE"),
        "a-moscow": Entity(id="a-moscow", name="Moscow", type="GPE"),
    }
    for entity, name in ((places["b-delhi"], "New Delhi"), (places["a-moscow"], "Moscow")):
        start = text.index(name)
        entity.mentions = [_mention(entity.id, text, start, start + len(name))]
    talks = _event("CONSULT", None, ["putin", "modi"])
    talks.mentions = [_event_mention(text)]
    features: Any = SimpleNamespace(ids=["d1"], lead_ends=[len(text)])
    found = place_mentions(list(places.values()), features, LABEL["locative_prepositions"])
    chosen = story_place([0], found, places, talks)
    assert chosen is not None and chosen.name == "New Delhi"


def _provenance(text: str, start: int, end: int) -> Provenance:
    return Provenance(
        doc_id="d1", start=start, end=end, sentence=text, sentence_start=0, sentence_end=len(text)
    )


def _mention(entity_id: str, text: str, start: int, end: int) -> Mention:
    return Mention(
        text=text[start:end],
        label="GPE",
        model_label="GPE",
        entity_id=entity_id,
        provenance=_provenance(text, start, end),
    )


def _event_mention(text: str) -> EventMention:
    return EventMention(
        id="d1:ev1",
        type="CONSULT",
        trigger="talks",
        rule="test",
        provenance=_provenance(text, 12, 17),
    )
