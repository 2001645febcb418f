"""The cross-document layer as ``ask`` reads it: entity aliases, mentions and events by
sentence, read once per store (a long-lived caller such as the web app keeps one)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from storyline.ask.query import name_key
from storyline.entities.lexicon import lexicon as entity_lexicon
from storyline.models import Entity, Event, EventMention, FigureGroup, Quality
from storyline.store import Store

Key = tuple[str, int]  # (doc id, sentence start)


@dataclass
class AskIndex:
    """What ``ask`` needs from the cross-document layer, read once per store; a long-lived
    caller (the web app) keeps one and passes it to ``answer_question``."""

    entities: dict[str, Entity]
    events: list[Event]
    quality: dict[str, float]
    aliases: dict[str, set[str]] = field(default_factory=dict)
    linked: dict[str, set[str]] = field(default_factory=dict)
    mentions_at: dict[Key, list[tuple[int, str]]] = field(default_factory=dict)
    events_at: dict[Key, list[tuple[Event, EventMention]]] = field(default_factory=dict)
    n_sentences: int = 0
    alias_keys: dict[str, set[str]] = field(default_factory=dict)
    participants: dict[str, set[str]] = field(default_factory=dict)  # event id → entity ids
    figure_groups: dict[str, FigureGroup] = field(default_factory=dict)  # figure id → group
    in_documents: dict[str, set[str]] = field(default_factory=dict)  # entity id → doc ids
    # entity id → positions in ``events`` of the events it takes part in; event type → those
    # of its events: ``ask.events`` looks up the events a question may describe in them
    events_of_entity: dict[str, list[int]] = field(default_factory=dict)
    events_of_type: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store: Store) -> AskIndex:
        index = cls(
            entities={e.id: e for e in store.corpus("entity", Entity)},
            events=store.corpus("event", Event),
            quality={q.doc_id: q.score for q in store.corpus("quality", Quality)},
            n_sentences=store.count_sentences(),
        )
        for group in store.corpus("figure-group", FigureGroup):
            for figure_id in group.figure_ids:
                index.figure_groups.setdefault(figure_id, group)
        index._build()
        return index

    def _build(self) -> None:
        aliases: dict[str, set[str]] = defaultdict(set)
        linked: dict[str, set[str]] = defaultdict(set)
        mentions_at: dict[Key, list[tuple[int, str]]] = defaultdict(list)
        for entity in self.entities.values():
            keys = {name_key(name) for name in names_of(entity)}
            for key in keys:
                aliases[key].add(entity.id)
            self.alias_keys[entity.id] = {k for k in keys if len(k) >= 3}
            linked[entity.id].add(entity.id)
            if entity.linked_to:
                linked[entity.id].add(entity.linked_to)
                linked[entity.linked_to].add(entity.id)
            self.in_documents[entity.id] = {m.provenance.doc_id for m in entity.mentions}
            for mention in entity.mentions:
                p = mention.provenance
                mentions_at[(p.doc_id, p.sentence_start)].append((p.start, entity.id))
        events_at: dict[Key, list[tuple[Event, EventMention]]] = defaultdict(list)
        for event in self.events:
            for event_mention in event.mentions:
                p = event_mention.provenance
                events_at[(p.doc_id, p.sentence_start)].append((event, event_mention))
        aliases.pop("", None)
        self.aliases, self.linked = dict(aliases), dict(linked)
        self.mentions_at, self.events_at = dict(mentions_at), dict(events_at)
        for position, event in enumerate(self.events):
            self.events_of_type.setdefault(event.type, []).append(position)
            for entity_id in self.participants_of(event):
                self.events_of_entity.setdefault(entity_id, []).append(position)

    def participants_of(self, event: Event) -> set[str]:
        """Entity ids an event involves: its actors (and linked entities), their countries and
        its place (computed once per event and index)."""
        if event.id in self.participants:
            return self.participants[event.id]
        ids: set[str] = set()
        for actor in event.source + event.target:
            if actor.entity_id:
                ids |= self.family({actor.entity_id})
            for name in (actor.country, actor.name or actor.text):
                if name:
                    ids |= self.family(self.aliases.get(name_key(name), set()))
        if event.location:
            ids |= self.family(self.aliases.get(name_key(event.location), set()))
        self.participants[event.id] = ids
        return ids

    def lookup(self, name: str) -> set[str]:
        """Entities a name denotes: an alias, else what the entity layer's place and
        organisation tables make of it ("US" → United States, "UN" → United Nations,
        "American" → United States) when the corpus writes the other form."""
        found = self.aliases.get(name_key(name))
        if found:
            return found
        lex = entity_lexicon()
        for canonical in (
            lex.country_of_place(name),
            lex.organisation(name),
            lex.country_of_demonym(name),
        ):
            if canonical and (found := self.aliases.get(name_key(canonical))):
                return found
        return set()

    def family(self, ids: set[str]) -> set[str]:
        """The entities and those linked to them (a demonym and its country)."""
        return {x for i in ids for x in self.linked.get(i, {i})}


def names_of(entity: Entity) -> set[str]:
    names = {entity.name, *entity.aliases, *(m.text for m in entity.mentions)}
    if entity.type == "PERSON":
        parts = entity.name.split()
        if len(parts) >= 2 and len(parts[-1]) >= 3:
            names.add(parts[-1])  # the surname news uses on second reference
    return names
