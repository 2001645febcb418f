"""Story records from groups of documents: dates, events, entities, the main event, the place
and the label (``labels``). Naming reads the pile's canonical entities and merged events; it
never changes which documents form a story.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from storyline.entities.lexicon import lexicon
from storyline.models import Document, Entity, Event, Story
from storyline.stories.features import NO_DAY, Features
from storyline.stories.kept_records import RecordKeys, StoryRecordCache
from storyline.stories.labels import presentable, story_label

LABEL_CANDIDATE_TERMS = 30  # a label picks its words among this many terms
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
SAID_FACTUALITY = frozenset({"asserted", "reported"})  # happened, as the text tells it


def make_stories(
    groups: list[list[int]],
    docs: Sequence[Document],
    features: Features,
    entities: Sequence[Entity],
    events: Sequence[Event],
    config: dict[str, Any],
    method: str,
    kept: StoryRecordCache | None = None,
) -> list[Story]:
    """One ``Story`` per group of rows, in date order (undated last). With ``kept`` (the store,
    in a build) each group's record is read back from there when what it reads is unchanged
    (``stories.kept_records``), and made and kept otherwise; ``kept`` then holds exactly the
    records of these stories."""
    entity_by_id = {e.id: e for e in entities}
    events_of = events_by_document(events)
    places = place_mentions(entities, features, config["label"]["locative_prepositions"])
    keys = RecordKeys(features, entity_by_id, places, config, method) if kept else None
    group_keys: list[bytes | None] = []
    group_parts = []
    for rows in groups:
        story_events = reported_events([features.ids[r] for r in rows], events_of)
        leads = [docs[r].text[: features.lead_ends[r]] for r in rows]
        titles = [docs[r].title for r in rows]
        group_keys.append(keys.key(rows, leads, titles, story_events) if keys else None)
        group_parts.append((rows, leads, story_events))
    stored = dict(kept.story_records({k for k in group_keys if k})) if kept else {}
    made: list[tuple[bytes, str]] = []
    stories = []
    for key, (rows, leads, story_events) in zip(group_keys, group_parts, strict=True):
        if key is not None and key in stored:
            stories.append(Story.model_validate_json(stored[key]))
            continue
        story = _story(rows, docs, leads, story_events, features, entity_by_id, places, config)
        story.method = method
        stories.append(story)
        if key is not None:
            made.append((key, story.model_dump_json()))
    if kept is not None:
        kept.keep_story_records({k for k in group_keys if k}, made)
    stories.sort(key=lambda s: (s.first_date is None, s.first_date or "", s.documents[0]))
    return stories


def _story(
    rows: list[int],
    docs: Sequence[Document],
    leads: list[str],
    story_events: list[Event],
    features: Features,
    entity_by_id: Mapping[str, Entity],
    places: Places,
    config: dict[str, Any],
) -> Story:
    """The record of one group: its dates, events, entities and label."""
    doc_ids = [features.ids[r] for r in rows]
    days = sorted(features.days[r] for r in rows if features.days[r] != NO_DAY)
    mention_docs: dict[str, set[str]] = defaultdict(set)
    mention_count: dict[str, float] = defaultdict(float)
    for row, doc_id in zip(rows, doc_ids, strict=True):
        for entity_id, count in features.entity_rows[row].items():
            mention_docs[entity_id].add(doc_id)
            mention_count[entity_id] += count
    entity_ids = sorted(mention_docs, key=lambda e: (-len(mention_docs[e]), -mention_count[e], e))
    first = date.fromordinal(int(days[0])).isoformat() if days else None
    last = date.fromordinal(int(days[-1])).isoformat() if days else None
    main = main_event(story_events, features, rows, entity_by_id)
    label = story_label(
        [docs[r] for r in rows],
        leads,
        main_event=main,
        entities=[entity_by_id[e] for e in entity_ids if e in entity_by_id],
        entity_index=entity_by_id,
        terms=top_terms(features, rows, LABEL_CANDIDATE_TERMS),
        place=story_place(rows, places, entity_by_id, main),
        first_date=first,
        last_date=last,
        config=config["label"],
    )
    return Story(
        id="story_" + hashlib.sha256("\n".join(doc_ids).encode()).hexdigest()[:12],
        label=label,
        documents=doc_ids,
        first_date=first,
        last_date=last,
        event_ids=[e.id for e in story_events],
        entity_ids=entity_ids[: config["label"]["max_entity_ids"]],
    )


def events_by_document(events: Sequence[Event]) -> dict[str, list[Event]]:
    events_of: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        for doc_id in set(event.documents):
            events_of[doc_id].append(event)
    return events_of


def reported_events(doc_ids: Sequence[str], events_of: dict[str, list[Event]]) -> list[Event]:
    """The events a story's documents report, the most reported among them first."""
    members = set(doc_ids)
    reported = {e.id: e for d in doc_ids for e in events_of.get(d, ())}
    return sorted(reported.values(), key=lambda e: (-len(members.intersection(e.documents)), e.id))


def with_final_events(stories: Sequence[Story], events: Sequence[Event]) -> list[Story]:
    """Stories pointing at ``events``: merging events again by story (crossdoc's second pass)
    gives them new ids, and a story must never name an event the briefing does not hold."""
    events_of = events_by_document(events)
    return [
        story.model_copy(
            update={"event_ids": [e.id for e in reported_events(story.documents, events_of)]}
        )
        for story in stories
    ]


def top_terms(features: Features, rows: list[int], k: int) -> list[str]:
    """The story's characteristic terms: heaviest in the sum of its documents' vectors; with
    several documents, only terms two or more of them share."""
    terms = features.terms.matrix[rows]
    unique, inverse = np.unique(terms.indices, return_inverse=True)
    weight = np.bincount(inverse, weights=terms.data)
    if len(rows) > 1:
        weight = weight * (np.bincount(inverse, minlength=len(unique)) > 1)
    names = [features.terms.vocabulary[c] for c in unique.tolist()]
    negative = (-weight).tolist()
    # ``nsmallest`` is ``sorted(...)[:k]`` without sorting every term of a big story
    order = heapq.nsmallest(k, range(len(unique)), key=lambda i: (negative[i], names[i]))
    return [names[i] for i in order if negative[i] < 0]


def main_event(
    story_events: list[Event], features: Features, rows: list[int], entities: Mapping[str, Entity]
) -> Event | None:
    """The event the story is about, among those told as having happened (not planned,
    negated or a habit) that at least a third of its documents lead with or at least half of
    them report: one with presentable actors first, then the most reported, then the most led
    with. None when no event is the story's (a story about a death is not about a call its third
    article recalls; a sixteen-article story is not about what one of them leads with)."""
    members = {features.ids[r] for r in rows}
    said = [e for e in story_events if e.factuality in SAID_FACTUALITY and not e.generic]
    by_mention = {mention.id: event.id for event in said for mention in event.mentions}
    leads = Counter(
        by_mention[lead.event_id]
        for lead in (features.lead_events[r] for r in rows)
        if lead is not None and lead.event_id in by_mention
    )
    reach = {event.id: len(members.intersection(event.documents)) for event in said}

    def named(event: Event) -> bool:
        return any(
            presentable(entities.get(a.entity_id or "")) for a in [*event.source, *event.target]
        )

    chosen = [e for e in said if 3 * leads[e.id] >= len(members) or 2 * reach[e.id] >= len(members)]
    if not chosen:
        return None
    return min(chosen, key=lambda e: (not named(e), -reach[e.id], -leads[e.id], e.id))


@dataclass
class Places:
    """Mentions of places that are not countries (a city, a venue, a region: where something
    happened; a country is usually an actor): per document row, those in its lead, and every
    one by document with its offset and whether a locative preposition introduces it."""

    in_lead: dict[int, Counter[str]]
    offsets: dict[str, list[tuple[int, str, bool]]]


def place_mentions(
    entities: Sequence[Entity], features: Features, locatives: Sequence[str] = ()
) -> Places:
    row_of = {doc_id: row for row, doc_id in enumerate(features.ids)}
    known = lexicon()
    places = Places(defaultdict(Counter), defaultdict(list))
    for entity in entities:
        if entity.type not in PLACE_TYPES or known.country_of_place(entity.name):
            continue
        for mention in entity.mentions:
            evidence = mention.provenance
            row = row_of.get(evidence.doc_id)
            if row is None:
                continue
            where = locative(
                evidence.sentence[: evidence.start - evidence.sentence_start], locatives
            )
            places.offsets[evidence.doc_id].append((evidence.start, entity.id, where))
            if evidence.start < features.lead_ends[row]:
                places.in_lead[row][entity.id] += 1
    return places


def story_place(
    rows: Sequence[int], places: Places, entities: Mapping[str, Entity], main: Event | None
) -> Entity | None:
    """Where the story happened: the place named in the sentences that tell its main event
    (the most often named "in" or "at" it, then the most often named: "since Moscow sent its
    troops" names a government, not where the talks in New Delhi were), else the one the leads
    of at least half its documents name; none for a call or a letter (made from two places)."""
    if main is not None and main.mode in ("phone", "letter"):
        return None
    told: Counter[str] = Counter()
    located: Counter[str] = Counter()
    for mention in main.mentions if main is not None else ():
        evidence = mention.provenance
        for offset, entity_id, where in places.offsets.get(evidence.doc_id, ()):
            if evidence.sentence_start <= offset < evidence.sentence_end:
                told[entity_id] += 1
                located[entity_id] += where
    if told:
        return entities.get(min(told, key=lambda e: (-located[e], -told[e], e)))
    counts: Counter[str] = Counter()
    for row in rows:
        counts.update(set(places.in_lead.get(row, {})))
    enough = [e for e, n in counts.items() if 2 * n >= len(rows) and e in entities]
    return entities[min(enough, key=lambda e: (-counts[e], e))] if enough else None


def locative(before: str, prepositions: Sequence[str]) -> bool:
    """Whether the words before a place name introduce it as where something is ("in Delhi",
    "at the Kremlin"), not as an actor ("Moscow sent")."""
    words = before.lower().split()[-2:]
    if words and words[-1] == "the":
        words = words[:-1]
    return bool(words) and words[-1] in prepositions
