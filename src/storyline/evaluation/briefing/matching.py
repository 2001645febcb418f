"""Matching system events to gold events (FORMAT.md, events and anchors).

A system event *S* matches gold event *G* when its type is accepted, it shares a happened
document, its actors name a gold actor and no foreign gold person, its anchored mentions allow
*G*, and its date fits *G*'s interval. ``mismatch`` returns the conditions that fail, in words,
so a failure line can say *why* the nearest candidate did not match. Recall uses a maximum
one-to-one matching (``max_matching``, augmenting paths), so one system event counts for one gold
event only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.evaluation.briefing.gold import GoldAnchor, GoldEntity, GoldEvent
from storyline.evaluation.briefing.system import System
from storyline.evaluation.briefing.text import (
    Interval,
    contains,
    date_matches,
    equals,
    gold_interval,
    has_whole_word,
    norm,
    stem_hits,
)
from storyline.models import HAPPENED, Actor, Event


class Anchors:
    """Sentence anchors by document: which gold events a coded mention reports."""

    def __init__(self, anchors: Sequence[GoldAnchor]) -> None:
        self.by_doc: dict[str, list[GoldAnchor]] = defaultdict(list)
        for anchor in anchors:
            self.by_doc[anchor.doc].append(anchor)

    def events_of(self, doc: str, sentence: str, trigger: str) -> frozenset[str]:
        """Gold events of the anchors a mention hits: its evidence sentence contains the anchor
        sentence and a trigger word starts with a stem; the most stem hits win (ties keep all)."""
        best, events = 0, set[str]()
        for anchor in self.by_doc.get(doc, ()):
            if not contains(sentence, anchor.sentence):
                continue
            hits = stem_hits(trigger, anchor.triggers)
            if hits > best:
                best, events = hits, {anchor.event}
            elif hits == best and hits > 0:
                events.add(anchor.event)
        return frozenset(events)

    def in_sentence(self, doc: str, sentence: str) -> set[str]:
        """Gold events of every anchor whose sentence lies in ``sentence`` (triggers ignored)."""
        return {a.event for a in self.by_doc.get(doc, ()) if contains(sentence, a.sentence)}


class Naming:
    """Whether an actor's words name a gold entity (FORMAT.md, matching rule 3)."""

    def __init__(self, entities: Sequence[GoldEntity]) -> None:
        self.entities = {e.name: e for e in entities}
        self.persons = [e for e in entities if e.type.upper() == "PERSON"]
        self._cache: dict[tuple[tuple[str, ...], str], bool] = {}

    def entity(self, name: str) -> GoldEntity:
        """The gold entity of an actor name (a bare entity when the set does not list it)."""
        return self.entities.get(name) or GoldEntity(name=name, variants=[name])

    def names(self, strings: Sequence[str], entity: GoldEntity) -> bool:
        """Some string equals a variant, contains a variant of 3+ characters as a whole word, or
        (for a person) equals the surname. Cached: the matcher asks the same pairs many times."""
        key = (tuple(strings), entity.name)
        if key not in self._cache:
            self._cache[key] = names_entity(strings, entity)
        return self._cache[key]


def names_entity(strings: Sequence[str], entity: GoldEntity) -> bool:
    """See ``Naming.names``: the rule itself, uncached."""
    surname = entity.name.split()[-1] if entity.type.upper() == "PERSON" else None
    for text in strings:
        for variant in entity.names:
            if equals(text, variant):
                return True
            if len(norm(variant)) >= 3 and has_whole_word(text, variant):
                return True
        if surname and equals(text, surname):
            return True
    return False


def actor_strings(actor: Actor, system: System) -> list[str]:
    """What an actor is called: its text, its entity's canonical name, the linked entity's."""
    called = [actor.text, actor.name or "", *system.entity_names(actor.entity_id)]
    return [n for n in dict.fromkeys(called) if n]


@dataclass(frozen=True)
class SysMention:
    id: str
    doc: str
    sentence: str
    trigger: str
    factuality: str
    anchored: frozenset[str]

    @property
    def happened(self) -> bool:
        return self.factuality in HAPPENED


@dataclass
class SysEvent:
    """A system event as the matcher sees it."""

    event: Event
    docs: set[str]
    on_timeline: bool
    date: str | None
    actors: list[list[str]]
    mentions: list[SysMention]
    anchored: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.anchored = frozenset(g for m in self.mentions for g in m.anchored)

    @property
    def id(self) -> str:
        return self.event.id

    def describe(self) -> str:
        docs = ", ".join(sorted(d[:3] if d[:3].isdigit() else d for d in self.docs))
        return (
            f"{self.id} {self.event.type} '{self.event.label}' [{self.date or 'undated'}] ({docs})"
        )


def system_events(system: System, anchors: Anchors) -> list[SysEvent]:
    """Every system event with its mentions' anchors; timeline events carry the shown date."""
    shown = {t.event_id: t for t in system.timeline}
    out = []
    for event in system.events.values():
        entry = shown.get(event.id)
        mentions = [
            SysMention(
                m.id,
                system.gid(m.provenance.doc_id),
                m.provenance.sentence,
                m.trigger,
                m.factuality,
                anchors.events_of(
                    system.gid(m.provenance.doc_id), m.provenance.sentence, m.trigger
                ),
            )
            for m in event.mentions
        ]
        actors = [actor_strings(a, system) for a in [*event.source, *event.target]]
        docs = set(system.gids(event.documents)) | {m.doc for m in mentions}
        date = entry.date if entry is not None else event.date
        out.append(SysEvent(event, docs, entry is not None, date, actors, mentions))
    return out


class Matcher:
    """FORMAT.md's five matching conditions, with gold intervals and namings computed once."""

    def __init__(self, events: Sequence[GoldEvent], naming: Naming) -> None:
        self.naming = naming
        self.events = {e.id: e for e in events}
        self.intervals: dict[str, Interval | None] = {
            e.id: gold_interval(e.date, e.date_end) for e in events
        }
        self.family: dict[str, str] = {}
        for event in events:
            for member in event.family:
                self.family.setdefault(member, event.id)

    def same_family(self, a: str, b: str) -> bool:
        return a == b or (a in self.family and self.family.get(a) == self.family.get(b))

    def actors_fail(self, s: SysEvent, g: GoldEvent) -> str | None:
        wanted = [self.naming.entity(a) for a in g.actors]
        if not any(self.naming.names(strings, e) for strings in s.actors for e in wanted):
            return "names no gold actor"
        actor_names = set(g.actors)
        for person in self.naming.persons:
            if person.name not in actor_names and any(
                self.naming.names(strings, person) for strings in s.actors
            ):
                return f"names {person.name}, not an actor"
        return None

    def mismatch(self, s: SysEvent, g: GoldEvent, *, lenient: bool = False) -> list[str]:
        """The matching conditions ``s`` fails for ``g`` (empty: a match)."""
        failed = []
        if s.event.type.upper() not in g.types:
            failed.append(f"type {s.event.type} not in {'/'.join(sorted(g.types))}")
        if not s.docs & g.happened_documents:
            failed.append("no happened document in common")
        actors = self.actors_fail(s, g)
        if actors:
            failed.append(actors)
        anchored = s.anchored
        if anchored and g.id not in anchored:
            failed.append(f"anchored to {', '.join(sorted(anchored))}")
        if not date_matches(s.date, self.intervals.get(g.id), lenient=lenient):
            failed.append(f"date {s.date or 'undated'} vs {date_text(g)}")
        return failed

    def matches(self, s: SysEvent, g: GoldEvent, *, lenient: bool = False) -> bool:
        """``mismatch`` is empty; the cheap conditions are tried first, actors last."""
        if s.event.type.upper() not in g.types or not s.docs & g.happened_documents:
            return False
        anchored = s.anchored
        if anchored and g.id not in anchored:
            return False
        if not date_matches(s.date, self.intervals.get(g.id), lenient=lenient):
            return False
        return self.actors_fail(s, g) is None

    def nearest(self, g: GoldEvent, candidates: Sequence[SysEvent]) -> str:
        """The candidate sharing a document that fails fewest conditions, and what it fails."""
        near = [s for s in candidates if s.docs & g.happened_documents]
        if not near:
            return "no timeline event from its documents"
        best = min(near, key=lambda s: (len(self.mismatch(s, g)), s.id))
        return f"nearest {best.describe()}: {'; '.join(self.mismatch(s=best, g=g))}"


def date_text(g: GoldEvent) -> str:
    if not g.date:
        return "no date"
    return f"{g.date}…{g.date_end}" if g.date_end and g.date_end != g.date else g.date


def max_matching(edges: dict[int, list[int]]) -> dict[int, int]:
    """A maximum bipartite matching (left → right) by augmenting paths (Kuhn's algorithm);
    left vertices are tried in sorted order so the result is deterministic."""
    owner: dict[int, int] = {}

    def augment(left: int, seen: set[int]) -> bool:
        for right in edges.get(left, ()):
            if right in seen:
                continue
            seen.add(right)
            if right not in owner or augment(owner[right], seen):
                owner[right] = left
                return True
        return False

    for left in sorted(edges):
        augment(left, set())
    return {left: right for right, left in owner.items()}
