"""Pair scores: how much two candidate documents look like reports of one story.

Agreement counts more than disagreement. Words and entities form a weighted mean (both
idf-weighted: a rare name shared says more than a country every article names); shared events
and shared mentioned dates add support, and their absence costs nothing, because extraction
finds a different subset of events in each report of one event. Only two kinds of
disagreement weigh against a pair: publication dates weeks apart, and lead events of one kind
that time expressions date weeks apart (two occurrences of one kind of event); texts that both
name dates but no common one get a small penalty.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from storyline.stories.blocking import Candidates
from storyline.stories.features import NO_DAY, Features
from storyline.text.vectors import pair_cosines


def pair_scores(features: Features, pairs: Candidates, config: dict[str, Any]) -> np.ndarray:
    """Combined similarity of each candidate pair: the weighted mean of the word and entity
    cosines (each counted when both documents have features of its kind), plus support from
    shared events and shared mentioned dates (a small penalty when both texts name dates but
    none in common), plus the date term."""
    left, right = pairs.left, pairs.right
    weights = config["similarity"]
    total = np.zeros(len(left))
    norm = np.zeros(len(left))
    for vectors, weight in (
        (features.terms, weights["terms"]),
        (features.entities, weights["entities"]),
    ):
        if vectors is None:
            continue
        present = np.diff(vectors.matrix.indptr) > 0
        both = present[left] & present[right]
        total += weight * np.where(both, pair_cosines(vectors.matrix, left, right), 0.0)
        norm += weight * both
    score = np.divide(total, norm, out=np.zeros_like(total), where=norm > 0)
    if features.events is not None:
        # Support only: most events are told by one document (extraction finds a different
        # subset of events in each report), so two reports sharing none is no evidence
        # against one story, while sharing a merged event is evidence for it.
        score += weights["events"] * pair_cosines(features.events.matrix, left, right)
    if features.when is not None:
        when = pair_cosines(features.when.matrix, left, right)
        present = np.diff(features.when.matrix.indptr) > 0
        score += weights["when"] * when
        score += weights["when_none_shared"] * (present[left] & present[right] & (when <= 0))
    return score + date_terms(features, left, right, config["dates"])


def date_terms(
    features: Features, left: np.ndarray, right: np.ndarray, dates: dict[str, Any]
) -> np.ndarray:
    """Same-day pairs gain ``near_weight`` × their topical cosine (fading over ``near_days``);
    pairs dated more than ``far_days`` apart, or whose lead events are one kind confidently
    dated more than ``event_conflict_days`` apart, get a penalty."""
    out = np.zeros(len(left))
    a, b = features.days[left], features.days[right]
    known = (a != NO_DAY) & (b != NO_DAY)
    gap = np.zeros(len(left))
    gap[known] = np.abs(a[known] - b[known])
    near = np.flatnonzero(known & (gap <= dates["near_days"]))
    if len(near):
        topical = pair_cosines(features.topics.matrix, left[near], right[near])
        fade = 1.0 - gap[near] / (dates["near_days"] + 1)
        out[near] = dates["near_weight"] * fade * topical
    out[known & (gap > dates["far_days"])] = dates["apart_penalty"]
    conflict = lead_event_conflicts(features, left, right, dates["event_conflict_days"])
    out[conflict] = np.minimum(out[conflict], dates["event_conflict_penalty"])
    return out


def lead_event_conflicts(
    features: Features, left: np.ndarray, right: np.ndarray, days_apart: int
) -> np.ndarray:
    """Pairs whose lead events differ but are of one type, both confidently dated (see
    ``document_events``) more than ``days_apart`` apart: two occurrences of one kind."""
    leads = [e if e is not None and e.confident else None for e in features.lead_events]
    if not any(leads):
        return np.zeros(len(left), dtype=bool)
    types = {t: i for i, t in enumerate(sorted({e.type for e in leads if e is not None}))}
    ids = {t: i for i, t in enumerate(sorted({e.event_id for e in leads if e is not None}))}
    kind = np.array([types[e.type] if e else -1 for e in leads])
    ident = np.array([ids[e.event_id] if e else -1 for e in leads])
    day = np.array([e.day if e else NO_DAY for e in leads])
    a, b = left, right
    dated = (day[a] != NO_DAY) & (day[b] != NO_DAY)
    gap = np.zeros(len(a))
    gap[dated] = np.abs(day[a][dated] - day[b][dated])
    return (
        (kind[a] >= 0) & (kind[a] == kind[b]) & (ident[a] != ident[b]) & dated & (gap > days_apart)
    )
