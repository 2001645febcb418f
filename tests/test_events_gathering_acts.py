"""Acts of a multilateral gathering join the gathering's event (``events.gathering_acts``, run by
the ``occasions`` pass): a member welcomed, the host closing it; a bilateral meeting or an act on
its sidelines, and an act that nothing ties to it, stay apart. Constructed texts."""

from __future__ import annotations

from storyline.events.gathering_acts import on_sidelines
from storyline.events.merge import merge_events
from storyline.models import (
    Actor,
    Block,
    Document,
    Entity,
    Event,
    EventMention,
    Mention,
    Provenance,
)

DAY = "2023-07-11"
SLOT = 300  # each sentence of an article starts at a multiple of this
#: name → (entity id, label, country)
NAMES = {
    "NATO": ("org:nato", "ORG", None),
    "Finland": ("gpe:finland", "GPE", "Finland"),
    "Lithuania": ("gpe:lithuania", "GPE", "Lithuania"),
    "Gitanas Nauseda": ("person:nauseda", "PERSON", "Lithuania"),
    "Jens Stoltenberg": ("person:stoltenberg", "PERSON", "Norway"),
    "Olaf Scholz": ("person:scholz", "PERSON", "Germany"),
    "Joe Biden": ("person:biden", "PERSON", "United States"),
}


def told(
    doc: str,
    slot: int,
    sentence: str,
    trigger: str,
    type_: str,
    source: tuple[str, ...] = (),
    target: tuple[str, ...] = (),
    mode: str | None = None,
    date: str | None = DAY,
) -> EventMention:
    """A mention of ``sentence``, the ``slot``-th of article ``doc``, its actors named in it."""
    start = slot * SLOT

    def actor(name: str) -> Actor:
        at = start + sentence.index(name)
        return Actor(text=name, start=at, end=at + len(name), label=NAMES[name][1], rule="name")

    at = start + sentence.index(trigger)
    return EventMention(
        id=f"{doc}:{slot}", type=type_, mode=mode, trigger=trigger,
        source=[actor(n) for n in source], target=[actor(n) for n in target],
        date=date, date_basis="timex" if date else "none", rule="test",
        provenance=Provenance(doc_id=doc, start=at, end=at + len(trigger), sentence=sentence,
                              sentence_start=start, sentence_end=start + len(sentence)),
    )  # fmt: skip


def entities(mentions: list[EventMention]) -> list[Entity]:
    spans: dict[str, list[Mention]] = {}
    for mention in mentions:
        for actor in (*mention.source, *mention.target):
            entity_id, label, _ = NAMES[actor.text]
            spans.setdefault(actor.text, []).append(
                Mention(
                    text=actor.text, label=label, model_label=label, entity_id=entity_id,
                    provenance=mention.provenance.model_copy(
                        update={"start": actor.start, "end": actor.end}
                    ),
                )
            )  # fmt: skip
    return [
        Entity(id=NAMES[name][0], name=name, type=NAMES[name][1], mentions=found,
               documents=sorted({m.provenance.doc_id for m in found}))
        for name, found in spans.items()
    ]  # fmt: skip


def affiliation(entity: Entity) -> tuple[str | None, str | None]:
    country = next(c for _, (e, _, c) in NAMES.items() if e == entity.id)
    return country, "GOV" if country else None


def document(doc: str) -> Document:
    text = "x" * (SLOT * 8)
    return Document(
        id=doc, source=f"{doc}.txt", source_kind="txt", raw_text=text, text=text,
        blocks=[Block(kind="paragraph", start=0, end=len(text))], content_hash=doc,
    )  # fmt: skip


DOCS = [document(d) for d in "ABC"]
STORIES = {"A": "vilnius", "B": "vilnius", "C": "vilnius"}

#: a summit of NATO (an IGO: PETRARCH2's actor dictionary), told by two articles of one story
SUMMIT = [
    told("A", 0, "Leaders of NATO opened their summit in Vilnius on Tuesday.",
         "opened their summit", "CONSULT", source=("NATO",), mode="third-party"),
    told("B", 0, "Lithuania hosted the summit of NATO on Tuesday.",
         "hosted", "CONSULT", source=("Lithuania",), target=("NATO",), mode="host"),
]  # fmt: skip
#: names no party of the summit; its sentence names the organisation holding it
ADMITTED = told(
    "A", 1, "Earlier in the day, the leaders welcomed Finland as a full member of NATO.",
    "welcomed", "SUPPORT", target=("Finland",),
)  # fmt: skip
#: the host's president, in a sentence naming the summit
CLOSED = told(
    "A", 2, "Gitanas Nauseda thanked Jens Stoltenberg, bringing the summit to a close.",
    "thanked", "SUPPORT", source=("Gitanas Nauseda",), target=("Jens Stoltenberg",),
    mode="praise",
)  # fmt: skip
PLEDGE = told(
    "A", 3, "Olaf Scholz announced 700 million euros in arms for Ukraine on Tuesday.",
    "announced", "AGREE", source=("Olaf Scholz",),
)  # fmt: skip
SIDELINES = told(
    "A", 4, "On the sidelines of the summit, Gitanas Nauseda and Joe Biden agreed to deepen "
    "defence ties.", "agreed", "AGREE", source=("Gitanas Nauseda", "Joe Biden"),
)  # fmt: skip
BILATERAL = told(
    "A", 5, "Gitanas Nauseda met Joe Biden on Tuesday.", "met", "CONSULT",
    source=("Gitanas Nauseda",), target=("Joe Biden",), mode="meet",
)  # fmt: skip


def merged(*acts: EventMention) -> list[Event]:
    mentions = [*SUMMIT, *acts]
    return merge_events(mentions, entities(mentions), DOCS, affiliation=affiliation,
                        stories=STORIES)  # fmt: skip


def holding(events: list[Event], mention_id: str) -> set[str]:
    event = next(e for e in events if mention_id in {m.id for m in e.mentions})
    return {m.id for m in event.mentions}


def test_a_member_welcomed_and_the_host_closing_it_are_the_summit() -> None:
    """Finland names none of the summit's parties, but its sentence names the organisation
    holding it; Nauseda is a person of the host's country and his sentence names the summit.
    Both are what the summit did, and the summit keeps its own actors."""
    events = merged(ADMITTED, CLOSED)
    assert holding(events, "A:0") == {"A:0", "B:0", "A:1", "A:2"}
    (summit,) = [e for e in events if "A:0" in {m.id for m in e.mentions}]
    assert {a.name for a in (*summit.source, *summit.target)} == {"NATO", "Lithuania"}


def test_an_act_that_nothing_ties_to_the_summit_stays_apart() -> None:
    """Scholz's pledge that day, in an article about the summit, names neither the summit nor
    its holder nor a party of it (briefing tuning 215: Harris's aid pledge on the peace
    summit's first day is an event of its own)."""
    events = merged(ADMITTED, PLEDGE)
    assert holding(events, "A:3") == {"A:3"}
    assert "A:1" in holding(events, "A:0")


def test_an_act_on_its_sidelines_stays_apart() -> None:
    """Nauseda and Biden agreeing "on the sidelines of the summit" is no act of the summit,
    though Nauseda is a person of the host's country (sidelines meetings are their own events
    in the briefing gold: Biden–Xi at APEC, Modi–Zelenskyy at the G7)."""
    events = merged(ADMITTED, SIDELINES)
    assert "A:4" not in holding(events, "A:0")
    assert "A:1" in holding(events, "A:0")


def test_a_bilateral_meeting_on_its_days_stays_apart() -> None:
    """Nauseda meeting Biden that day is a meeting of its own, not a part of the summit."""
    events = merged(ADMITTED, BILATERAL)
    assert holding(events, "A:5") == {"A:5"}


def test_an_act_of_another_article_or_another_day_stays_apart() -> None:
    """Told where the summit is not reported, or the day after, it is not the summit's act."""
    elsewhere = told(
        "C", 0, "The leaders welcomed Finland as a full member of NATO.",
        "welcomed", "SUPPORT", target=("Finland",),
    )  # fmt: skip
    later = CLOSED.model_copy(update={"date": "2023-07-13"})
    events = merged(elsewhere, later)
    assert holding(events, "A:0") == {"A:0", "B:0"}


def test_a_sentence_on_a_gatherings_sidelines() -> None:
    assert on_sidelines("They met on the sidelines of the G20 summit in Bali.")
    assert on_sidelines("Talks held on the margins of the summit went on late.")
    assert not on_sidelines("Jobs introduced the iPhone at the Macworld Conference.")
