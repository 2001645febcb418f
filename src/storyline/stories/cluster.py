"""Story clustering: articles about the same real-world event form one story.

``cluster_stories`` runs the stages in order: ``features`` (words, entities, events, mentioned
dates and the date of each document), ``blocking`` (the candidate pairs, never all pairs),
``scoring`` (how much each pair agrees), ``clustering`` (average link over the scored pairs),
then makes the stories and names them (``labels``). Numbers are data (``data/stories.toml``,
with the ECB+ sweeps that chose them).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from datetime import date
from functools import cache
from typing import Any

import numpy as np

from storyline.data import read_toml
from storyline.models import Document, DocumentAnalysis, Entity, Event, Story, Storyline
from storyline.stories.blocking import Candidates, candidate_pairs, collapse_copies
from storyline.stories.clustering import recluster
from storyline.stories.features import NO_DAY, Features, document_features
from storyline.stories.labels import story_label
from storyline.stories.scoring import pair_probabilities
from storyline.stories.storylines import group_storylines

LABEL_CANDIDATE_TERMS = 30  # a label picks its names and words among this many terms


@cache
def load_config() -> dict[str, Any]:
    return read_toml("stories.toml")


#: Bumped when the clustering changes in a way the settings do not show.
METHOD_VERSION = "2"


def method_fingerprint(config: dict[str, Any]) -> str:
    """What made a story: the clustering settings (not the label words) and the method
    version. Stored stories are reused only when it is the current one."""
    settings = {k: v for k, v in config.items() if k != "label"}
    text = json.dumps([METHOD_VERSION, settings], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def cluster_stories(
    documents: Sequence[Document],
    analyses: Sequence[DocumentAnalysis],
    entities: Sequence[Entity] = (),
    events: Sequence[Event] = (),
    copy_of: Mapping[str, str] | None = None,
    previous: Sequence[Story] = (),
    changed: Collection[str] | None = None,
) -> list[Story]:
    """Stories over ``documents``: each with a label, its documents, date span, events, entities.

    ``copy_of`` (near-duplicate id → its canonical copy, from dedup) makes each copy join its
    canonical's story. With ``previous`` stories (of an earlier build) and the ids of the
    documents ``changed`` since (added, updated or re-analysed; ``None``: all), only the stories
    the changed documents reach are redone (``clustering.recluster``), and the result is the
    same as a clean build. Deterministic: the same inputs give the same stories, ids and order,
    whatever their order.
    """
    config = load_config()
    docs = sorted(documents, key=lambda d: d.id)
    if not docs:
        return []
    by_id = {a.doc_id: a for a in analyses}
    features = document_features(docs, by_id, config, entities)
    rows = {doc.id: row for row, doc in enumerate(docs)}
    canonical = np.arange(len(docs))
    for member, original in (copy_of or {}).items():
        if member in rows and original in rows:
            canonical[rows[member]] = rows[original]
    candidates = collapse_copies(
        canonical, candidate_pairs(features.terms, features.days, config["blocking"])
    )

    def score(indices: np.ndarray) -> np.ndarray:
        chosen = Candidates(candidates.left[indices], candidates.right[indices], 0)
        return pair_probabilities(features, chosen, config)

    method = method_fingerprint(config)
    if any(story.method != method for story in previous):
        previous, changed = (), None  # made another way: a clean build
    previous_rows = [[rows[d] for d in s.documents if d in rows] for s in previous]
    groups = recluster(
        len(docs),
        (candidates.left, candidates.right),
        score,
        config["pair"]["threshold"],
        [[r for r in group if canonical[r] == r] for group in previous_rows],
        None if changed is None else _changed_rows(changed, rows, canonical, previous_rows),
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


def _changed_rows(
    changed: Collection[str],
    rows: Mapping[str, int],
    canonical: np.ndarray,
    previous_rows: Sequence[Sequence[int]],
) -> set[int]:
    """The rows to redo: the changed documents, every copy of their duplicate groups (a new
    copy may have become the canonical one), and the previous stories holding any of them."""
    seeds = {rows[d] for d in changed if d in rows}
    heads = {int(canonical[r]) for r in seeds}
    seeds |= {r for r in range(len(canonical)) if int(canonical[r]) in heads}
    for group in previous_rows:
        if seeds.intersection(group):
            seeds.update(group)
    return {int(canonical[r]) for r in seeds} | seeds


def storylines_of(
    stories: Sequence[Story],
    documents: Sequence[Document],
    analyses: Sequence[DocumentAnalysis],
    entities: Sequence[Entity] = (),
    previous: Sequence[Storyline] = (),
) -> list[Storyline]:
    """The storylines over ``stories`` (see ``storylines``); ``previous`` as in
    ``cluster_stories``."""
    config = load_config()
    docs = sorted(documents, key=lambda d: d.id)
    features = document_features(docs, {a.doc_id: a for a in analyses}, config)
    index = {e.id: e for e in entities}
    method = method_fingerprint(config)
    if any(line.method != method for line in previous):
        previous = ()
    lines = group_storylines(stories, features, config, index, previous)
    return [line.model_copy(update={"method": method}) for line in lines]


def with_storylines(stories: Sequence[Story], storylines: Sequence[Storyline]) -> list[Story]:
    """Stories that name their storyline."""
    line_of = {story_id: line.id for line in storylines for story_id in line.stories}
    return [s.model_copy(update={"storyline_id": line_of.get(s.id)}) for s in stories]


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
                method=method_fingerprint(config),
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
    """The story's characteristic terms: heaviest in the sum of its documents' vectors; with
    several documents, only terms two or more of them share."""
    terms = features.terms.matrix[rows]
    unique, inverse = np.unique(terms.indices, return_inverse=True)
    weight = np.bincount(inverse, weights=terms.data)
    if len(rows) > 1:
        weight = weight * (np.bincount(inverse, minlength=len(unique)) > 1)
    names = [features.terms.vocabulary[c] for c in unique.tolist()]
    order = sorted(range(len(unique)), key=lambda i: (-weight[i], names[i]))[:k]
    return [names[i] for i in order if weight[i] > 0]


def _main_event(story_events: list[Event], features: Features, rows: list[int]) -> Event | None:
    """The event most of the story's documents lead with (ties: the one more documents
    report), else the most reported one."""
    merged = {mention.id: event.id for event in story_events for mention in event.mentions}
    leads = Counter(
        merged[lead.event_id]
        for lead in (features.lead_events[r] for r in rows)
        if lead is not None and lead.event_id in merged
    )
    reach = {event.id: len(event.documents) for event in story_events}
    if leads:
        top = min(leads, key=lambda e: (-leads[e], -reach.get(e, 0), e))
        for event in story_events:
            if event.id == top:
                return event
    return max(story_events, key=lambda e: (reach[e.id], e.id)) if story_events else None
