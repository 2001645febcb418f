"""Storylines: the threads that connect related stories over time.

A story is one real-world event and its coverage; a storyline gathers the stories about the
same actors and the same kind of event (two earthquakes in one region, a sequence of summits
between two countries, a star's second stay in rehab). Two stories are compared by the cosine
of their centroids (the mean of their documents' background-weighted word vectors: who and
what they are about, whatever else is stored) with no penalty for time apart, and grouped by
average link at a fixed similarity (``data/stories.toml`` [storylines]; candidate pairs are
blocked like documents, on more terms, as a centroid carries more); like stories, the
storylines no new story reaches are kept as they were (``clustering.recluster``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from scipy import sparse

from storyline.models import Entity, Story, Storyline
from storyline.stories.blocking import candidate_pairs
from storyline.stories.clustering import recluster
from storyline.stories.features import Features, day_number
from storyline.stories.labels import storyline_label
from storyline.text.vectors import Vectors, pair_cosines


def story_centroids(stories: Sequence[Story], features: Features) -> Vectors:
    """One row per story: the L2-normalised sum of its documents' word vectors."""
    row_of = {doc_id: row for row, doc_id in enumerate(features.ids)}
    membership = sparse.lil_matrix((len(stories), len(features.ids)))
    for number, story in enumerate(stories):
        for doc_id in story.documents:
            if doc_id in row_of:
                membership[number, row_of[doc_id]] = 1.0
    summed = sparse.csr_matrix(membership).dot(features.terms.matrix).tocsr()
    norms = np.sqrt(np.asarray(summed.multiply(summed).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sparse.diags(1.0 / norms).dot(summed).tocsr()
    matrix.sort_indices()
    return Vectors(matrix=matrix, vocabulary=features.terms.vocabulary, df=features.terms.df)


def group_storylines(
    stories: Sequence[Story],
    features: Features,
    config: dict[str, Any],
    entities: Mapping[str, Entity] | None = None,
    previous: Sequence[Storyline] = (),
) -> list[Storyline]:
    """Storylines over ``stories`` (each story in exactly one), in date order of their first
    story; a story new since ``previous`` (story ids are their documents' hash, so a story that
    changed is new) regroups only the storylines it reaches."""
    if not stories:
        return []
    settings = config["storylines"]
    ordered = sorted(stories, key=lambda s: s.id)
    centroids = story_centroids(ordered, features)
    days = np.array([day_number(s.first_date) for s in ordered], dtype=np.float64)
    blocking = dict(config["blocking"], top_terms=settings["top_terms"])
    candidates = candidate_pairs(centroids, days, blocking)

    def score(indices: np.ndarray) -> np.ndarray:
        left, right = candidates.left[indices], candidates.right[indices]
        return pair_cosines(centroids.matrix, left, right)

    index = {story.id: row for row, story in enumerate(ordered)}
    before = [[index[s] for s in line.stories if s in index] for line in previous]
    known = {s for line in previous for s in line.stories}
    groups = recluster(
        len(ordered),
        (candidates.left, candidates.right),
        score,
        float(settings["threshold"]),
        before,
        [row for row, story in enumerate(ordered) if story.id not in known],
    )
    lines = [
        make_storyline([ordered[r] for r in group], entities or {}, config) for group in groups
    ]
    return sorted(lines, key=lambda line: (line.first_date is None, line.first_date or "", line.id))


def make_storyline(
    stories: Sequence[Story], entities: Mapping[str, Entity], config: dict[str, Any]
) -> Storyline:
    """A storyline of ``stories``: its stories in date order (undated last), its date span,
    its most shared entities and a label."""
    dated = sorted(stories, key=lambda s: (s.first_date is None, s.first_date or "", s.id))
    firsts = [s.first_date for s in dated if s.first_date]
    lasts = [s.last_date or s.first_date for s in dated if s.last_date or s.first_date]
    shared: dict[str, int] = {}
    for story in dated:
        for entity_id in story.entity_ids:
            shared[entity_id] = shared.get(entity_id, 0) + 1
    entity_ids = sorted(shared, key=lambda e: (-shared[e], e))
    key = "\n".join(sorted(s.id for s in stories))
    return Storyline(
        id="storyline_" + hashlib.sha256(key.encode()).hexdigest()[:12],
        label=storyline_label(dated, [entities[e] for e in entity_ids if e in entities], config),
        stories=[s.id for s in dated],
        documents=[d for s in dated for d in s.documents],
        first_date=min(firsts) if firsts else None,
        last_date=max(d for d in lasts if d) if lasts else None,
        entity_ids=entity_ids[: config["label"]["max_entity_ids"]],
    )
