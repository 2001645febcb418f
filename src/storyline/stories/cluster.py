"""Story clustering: articles about the same real-world event form one story.

``cluster_stories`` runs the stages in order: ``features`` (each document's own words, dates,
numbers, lead people, lead act, news day and the days it anticipates), ``blocking`` (the
candidate pairs, never all pairs), ``scoring`` (the probability that a pair reports one event:
a pure function of the two documents, so the same whatever else is stored), ``clustering``
(average link inside the components of strong pairs; ``recluster`` redoes only the components
new documents reach, so an incremental build equals a clean one), then ``assemble`` makes and
names the stories, and ``storylines`` threads them. Numbers are data (``data/stories.toml``,
with the fits and sweeps that chose them).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from functools import cache
from typing import Any

import numpy as np

from storyline.data import read_toml
from storyline.models import Document, DocumentAnalysis, Entity, Event, Story, Storyline
from storyline.models.pile import AnalysisPile, as_pile
from storyline.stories.assemble import make_stories
from storyline.stories.blocking import Candidates, candidate_pairs, collapse_copies
from storyline.stories.clustering import recluster
from storyline.stories.features import Features, document_features, features_of_rows
from storyline.stories.kept import RowCache, keep_made_rows, kept_rows
from storyline.stories.kept_records import StoryRecordCache
from storyline.stories.scoring import pair_probabilities
from storyline.stories.storylines import group_storylines

LABEL_CANDIDATE_TERMS = 30  # a label picks its names and words among this many terms


@cache
def load_config() -> dict[str, Any]:
    return read_toml("stories.toml")


#: Bumped when the clustering changes in a way the settings do not show.
METHOD_VERSION = "3"


def method_fingerprint(config: dict[str, Any]) -> str:
    """What made a story: the clustering settings (not the label words) and the method
    version. Stored stories are reused only when it is the current one."""
    settings = {k: v for k, v in config.items() if k != "label"}
    text = json.dumps([METHOD_VERSION, settings], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def cluster_stories(
    documents: Sequence[Document],
    analyses: Sequence[DocumentAnalysis] | AnalysisPile,
    entities: Sequence[Entity] = (),
    events: Sequence[Event] = (),
    copy_of: Mapping[str, str] | None = None,
    previous: Sequence[Story] = (),
    changed: Collection[str] | None = None,
    features: Features | None = None,
    kept: StoryRecordCache | None = None,
) -> list[Story]:
    """Stories over ``documents``: each with a label, its documents, date span, events, entities.

    ``copy_of`` (near-duplicate id → its canonical copy, from dedup) makes each copy join its
    canonical's story. With ``previous`` stories (of an earlier build) and the ids of the
    documents ``changed`` since (added, updated or re-analysed; ``None``: all), only the stories
    the changed documents reach are redone (``clustering.recluster``), and the result is the
    same as a clean build. Deterministic: the same inputs give the same stories, ids and order,
    whatever their order. ``features`` (``pile_features`` of the same documents, analyses and
    entities) saves making them again. With ``kept`` (the store, in a build) each story's
    record is read back from there unless what it reads changed (``stories.kept_records``).
    """
    config = load_config()
    docs = sorted(documents, key=lambda d: d.id)
    if not docs:
        return []
    features = _features_of(docs, analyses, entities, features)
    rows = {doc.id: row for row, doc in enumerate(docs)}
    canonical = np.arange(len(docs))
    for member, original in (copy_of or {}).items():
        if member in rows and original in rows:
            canonical[rows[member]] = rows[original]
    candidates = collapse_copies(
        canonical,
        candidate_pairs(features.terms, features.days, config["blocking"], features.top_terms),
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
    return make_stories(sorted(groups), docs, features, entities, events, config, method, kept)


def pile_features(
    documents: Sequence[Document],
    analyses: Sequence[DocumentAnalysis] | AnalysisPile,
    entities: Sequence[Entity] = (),
    kept: RowCache | None = None,
) -> Features:
    """The features of ``documents`` (in id order) that ``cluster_stories`` and
    ``storylines_of`` compare: a build makes them once for both. With ``kept`` (the store the
    analyses are read from) each document's row is kept between builds (``stories.kept``):
    only new or changed documents' are made, and kept with their heaviest terms as these
    features weigh them, and only theirs are weighed (``stories.term_matrix``: the kept word
    vectors merged with theirs); the features then name each row by its key
    (``Features.row_keys``)."""
    config = load_config()
    docs = sorted(documents, key=lambda d: d.id)
    if kept is None:
        return document_features(docs, as_pile(analyses), config, entities)
    read = kept_rows(docs, as_pile(analyses), config, kept)
    features = features_of_rows(docs, read.rows, config, entities, read.terms)
    keep_made_rows(docs, read, features.terms, config, kept)
    features.top_terms = [row.top for row in read.rows]
    features.row_keys = read.keys
    return features


def _features_of(
    docs: Sequence[Document],
    analyses: Sequence[DocumentAnalysis] | AnalysisPile,
    entities: Sequence[Entity],
    made: Features | None,
) -> Features:
    """``made`` when it is the features of ``docs`` (sorted by id), else made here."""
    if made is not None and made.ids == [d.id for d in docs]:
        return made
    return document_features(docs, as_pile(analyses), load_config(), entities)


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
    analyses: Sequence[DocumentAnalysis] | AnalysisPile,
    entities: Sequence[Entity] = (),
    previous: Sequence[Storyline] = (),
    features: Features | None = None,
) -> list[Storyline]:
    """The storylines over ``stories`` (see ``storylines``); ``previous`` and ``features``
    as in ``cluster_stories`` (the storylines read only the documents' words)."""
    config = load_config()
    docs = sorted(documents, key=lambda d: d.id)
    features = _features_of(docs, analyses, (), features)
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
