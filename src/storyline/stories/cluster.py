"""Story clustering: articles about the same real-world event form one story.

``cluster_stories`` runs the stages in order: ``features`` (words, entities, events, mentioned
dates and the date of each document), ``blocking`` (the candidate pairs, never all pairs),
``scoring`` (how much each pair agrees), ``clustering`` (average link over the scored pairs),
then makes the stories and names them (``labels``). Numbers are data (``data/stories.toml``,
with the ECB+ sweeps that chose them).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from typing import Any

import numpy as np

from storyline.data import read_toml
from storyline.models import Document, DocumentAnalysis, Entity, Event, Story
from storyline.stories.blocking import candidate_pairs, collapse_copies
from storyline.stories.clustering import average_link
from storyline.stories.features import NO_DAY, Features, document_features
from storyline.stories.labels import story_label
from storyline.stories.scoring import pair_scores

LABEL_CANDIDATE_TERMS = 30  # a label picks its names and words among this many terms


@cache
def load_config() -> dict[str, Any]:
    return read_toml("stories.toml")


def cluster_stories(
    documents: Sequence[Document],
    analyses: Sequence[DocumentAnalysis],
    entities: Sequence[Entity] = (),
    events: Sequence[Event] = (),
    copy_of: Mapping[str, str] | None = None,
) -> list[Story]:
    """Stories over ``documents``: each with a label, its documents, date span, events, entities.

    ``copy_of`` (near-duplicate id → its canonical copy, from dedup) makes each copy join its
    canonical's story. Deterministic: the same inputs give the same stories, ids and order,
    whatever their order.
    """
    config = load_config()
    docs = sorted(documents, key=lambda d: d.id)
    if not docs:
        return []
    by_id = {a.doc_id: a for a in analyses}
    features = document_features(docs, by_id, events, config, entities)
    rows = {doc.id: row for row, doc in enumerate(docs)}
    canonical = np.arange(len(docs))
    for member, original in (copy_of or {}).items():
        if member in rows and original in rows:
            canonical[rows[member]] = rows[original]
    candidates = collapse_copies(canonical, candidate_pairs(features, config))
    scores = pair_scores(features, candidates, config)
    groups = average_link(
        len(docs), candidates.left, candidates.right, scores, config["similarity"]["threshold"]
    )
    copies: dict[int, list[int]] = defaultdict(list)
    for row, canonical_row in enumerate(canonical.tolist()):
        if row != canonical_row:
            copies[canonical_row].append(row)
    groups = [
        sorted([*group, *(c for row in group for c in copies[row])])
        for group in groups
        if all(canonical[row] == row for row in group)
    ]
    return make_stories(sorted(groups), docs, features, by_id, entities, events, config)


def make_stories(
    groups: list[list[int]],
    docs: Sequence[Document],
    features: Features,
    analyses: dict[str, DocumentAnalysis],
    entities: Sequence[Entity],
    events: Sequence[Event],
    config: dict[str, Any],
) -> list[Story]:
    entity_by_id = {e.id: e for e in entities}
    events_of = events_by_document(events)
    stories = []
    for rows in groups:
        doc_ids = [features.ids[r] for r in rows]
        days = sorted(features.days[r] for r in rows if features.days[r] != NO_DAY)
        story_events = reported_events(doc_ids, events_of)
        mention_docs: dict[str, set[str]] = defaultdict(set)
        mention_count: dict[str, float] = defaultdict(float)
        for row, doc_id in zip(rows, doc_ids, strict=True):
            for entity_id, count in features.entity_rows[row].items():
                mention_docs[entity_id].add(doc_id)
                mention_count[entity_id] += count
        entity_ids = sorted(
            mention_docs, key=lambda e: (-len(mention_docs[e]), -mention_count[e], e)
        )
        first = date.fromordinal(int(days[0])).isoformat() if days else None
        last = date.fromordinal(int(days[-1])).isoformat() if days else None
        label = story_label(
            [docs[r] for r in rows],
            main_event=_main_event(story_events, features, rows),
            entities=[entity_by_id[e] for e in entity_ids if e in entity_by_id],
            entity_index=entity_by_id,
            terms=top_terms(features, rows, LABEL_CANDIDATE_TERMS),
            first_date=first,
            last_date=last,
            config=config["label"],
        )
        stories.append(
            Story(
                id="story_" + hashlib.sha256("\n".join(doc_ids).encode()).hexdigest()[:12],
                label=label,
                documents=doc_ids,
                first_date=first,
                last_date=last,
                event_ids=[e.id for e in story_events],
                entity_ids=entity_ids[: config["label"]["max_entity_ids"]],
            )
        )
    stories.sort(key=lambda s: (s.first_date is None, s.first_date or "", s.documents[0]))
    return stories


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
    """The story's characteristic terms: heaviest in the sum of its documents' distinctive
    (BM25) and topical (smoothed idf) vectors; with several documents, only shared terms.
    Works on the story's own non-zeros only (never a vocabulary-long array)."""
    terms, topics = features.terms.matrix[rows], features.topics.matrix[rows]
    cols = np.concatenate([terms.indices, topics.indices])
    vals = np.concatenate([terms.data, topics.data])
    unique, inverse = np.unique(cols, return_inverse=True)
    weight = np.bincount(inverse, weights=vals)
    if len(rows) > 1:
        weight = weight * (
            np.bincount(np.searchsorted(unique, terms.indices), minlength=len(unique)) > 1
        )
    order = np.lexsort((unique, -weight))[:k]
    return [features.terms.vocabulary[unique[i]] for i in order if weight[i] > 0]


def _main_event(story_events: list[Event], features: Features, rows: list[int]) -> Event | None:
    """The event most of the story's documents lead with (ties: the one more documents
    report), else the most reported one."""
    leads = Counter(
        lead.event_id for lead in (features.lead_events[r] for r in rows) if lead is not None
    )
    reach = {event.id: len(event.documents) for event in story_events}
    if leads:
        top = min(leads, key=lambda e: (-leads[e], -reach.get(e, 0), e))
        for event in story_events:
            if event.id == top:
                return event
    return max(story_events, key=lambda e: (reach[e.id], e.id)) if story_events else None
