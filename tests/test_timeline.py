"""The timeline: dated events by date, undated after, only what is told as having happened."""

from __future__ import annotations

from storyline.events.labels import label
from storyline.events.timeline import build_timeline
from storyline.models import Actor, Event, EventMention, Provenance


def event(
    event_id: str,
    date: str | None,
    factuality: str = "asserted",
    doc: str = "A",
    start: int = 0,
    named: bool = True,
    generic: bool = False,
    sentences: tuple[int, ...] = (0,),
) -> Event:
    source = Actor(
        text="Modi", entity_id="e:modi" if named else None, rule="name" if named else "phrase"
    )
    mentions = [
        EventMention(
            id=f"{event_id}:{i}",
            type="CONSULT",
            mode="phone",
            trigger="called",
            source=[source],
            factuality=factuality,
            rule="test",
            provenance=Provenance(
                doc_id=doc,
                start=start + s,
                end=start + s + 5,
                sentence=f"sentence {s}",
                sentence_start=start + s,
                sentence_end=start + s + 10,
            ),
        )
        for i, s in enumerate(sentences)
    ]
    return Event(
        id=event_id, type="CONSULT", mode="phone", source=[source],
        label=label("CONSULT", "phone", [source], [], factuality=factuality),
        date=date, factuality=factuality, generic=generic, documents=[doc], mentions=mentions,
    )  # fmt: skip


def ids(entries) -> list[str]:
    return [e.event_id for e in entries]


def test_dated_entries_in_date_order_then_undated_in_document_order():
    events = [
        event("undated-b", None, doc="B"),
        event("late", "2024-03-20"),
        event("undated-a", None, doc="A", start=50),
        event("month", "2023-12"),
        event("early", "2023-12-27"),
    ]
    assert ids(build_timeline(events)) == ["month", "early", "late", "undated-a", "undated-b"]


def test_only_events_told_as_happened_are_shown():
    events = [
        event("fact", "2024-01-01"),
        event("said", "2024-01-02", factuality="reported"),
        event("plan", "2024-01-03", factuality="planned"),
        event("maybe", "2024-01-04", factuality="hypothetical"),
        event("denied", "2024-01-05", factuality="negated"),
    ]
    entries = build_timeline(events)
    assert ids(entries) == ["fact", "said"]
    assert [e.factuality for e in entries] == ["asserted", "reported"]


def test_plans_can_be_shown_marked_as_plans():
    events = [event("fact", "2024-01-01"), event("plan", None, factuality="planned")]
    entries = build_timeline(events, include_planned=True)
    assert ids(entries) == ["fact", "plan"]
    assert entries[1].factuality == "planned"
    assert entries[1].label == "Planned: Modi to hold a phone call"  # worded once, as a plan
    assert entries[0].label == "Modi held a phone call"


def test_generic_statements_and_unnamed_actors_are_not_chronology():
    events = [
        event("habit", None, generic=True),
        event("nobody", "2024-01-01", named=False),
        event("somebody", "2024-01-02"),
    ]
    assert ids(build_timeline(events)) == ["somebody"]


def test_evidence_is_one_sentence_per_source_sentence():
    (entry,) = build_timeline([event("e", "2024-01-01", sentences=(0, 0, 40))])
    assert [p.sentence for p in entry.evidence] == ["sentence 0", "sentence 40"]
    assert entry.documents == ["A"]
    assert (entry.type, entry.mode) == ("CONSULT", "phone")
