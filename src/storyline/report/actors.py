"""The key-actors section: who dealt with whom (the graph's edges as rows), the people and
organisations that matter to the story, the places, and the topic line drawn from them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from storyline.models import Entity, Event
from storyline.report.graph import ActorGraph, actor_key
from storyline.report.timeline import EventItem

PEOPLE_TYPES = ("PERSON", "ORG")
PLACE_TYPES = ("GPE", "LOC", "FAC")


@dataclass
class Interaction:
    a: str
    b: str
    items: list[EventItem]


@dataclass
class EntityRow:
    name: str
    type: str
    roles: list[str]
    aliases: list[str]
    mentions: int
    sources: list[str]


def interactions(
    graph: ActorGraph,
    items: dict[str, EventItem],
    events: dict[str, Event],
    unlisted: Callable[[Event], EventItem],
) -> list[Interaction]:
    """The graph's edges as rows, busiest first, each event linked to its timeline entry; an
    event the timeline leaves out (undated in a dated source, past the timeline's limit) is
    made by ``unlisted``, still citing its sources: a row says who did what to whom, which a
    reader must be able to check.

    Edges made by the same events around one actor are one row ("China, Iran — Putin"), so a
    list of co-signatories reads as one line, not one row each.
    """
    merged: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for edge in graph.edges:
        ids = tuple(i for i in edge.event_ids if i in events)
        a, b = graph.name(edge.a), graph.name(edge.b)
        a_first = (graph.degree(edge.a), b) >= (graph.degree(edge.b), a)
        hub, other = (a, b) if a_first else (b, a)
        merged.setdefault((hub, ids), []).append(other)
    rows = []
    for (hub, ids), others in merged.items():
        linked = [items.get(i) or unlisted(events[i]) for i in ids]
        rows.append(Interaction(", ".join(sorted(others)), hub, linked))
    rows.sort(key=lambda r: (-len(r.items), r.b, r.a))
    return rows


def ranked_entities(entities: list[Entity], types: tuple[str, ...]) -> list[Entity]:
    return sorted(
        (e for e in entities if e.type in types and not e.linked_to),
        key=lambda e: (-len(e.documents), -e.mention_count, e.name),
    )


def topic(entities: list[Entity], documents: int) -> list[str]:
    """The names most of the corpus is about: in at least half the sources, at most four."""
    ranked = ranked_entities(entities, ("PERSON", "ORG", "GPE"))
    common = [e.name for e in ranked if len(e.documents) * 2 >= max(documents, 1)]
    return common[:4]


def people(
    entities: list[Entity], events: list[Event], labels: dict[str, str], limit: int
) -> list[EntityRow]:
    """People and organisations that matter to the story: those taking part in events, with a
    stated role, or named by more than one source; event participants first."""
    in_events: Counter[str] = Counter(
        actor_key(a) for e in events for a in [*e.source, *e.target] if a.entity_id
    )
    salient = [
        e
        for e in ranked_entities(entities, PEOPLE_TYPES)
        if in_events[e.id] or e.roles or len(e.documents) > 1
    ]
    ranked = sorted(
        salient, key=lambda e: (-in_events[e.id], -len(e.documents), -e.mention_count, e.name)
    )
    return [
        EntityRow(
            e.name,
            e.type,
            e.roles,
            [a for a in e.aliases if a != e.name],
            e.mention_count,
            [labels.get(d, d) for d in e.documents],
        )
        for e in ranked[:limit]
    ]
