"""Blocking: the pairs of documents worth scoring, never all pairs.

Every document is indexed under its heaviest terms, entities and events (an inverted index);
within a posting list documents are sorted by date and paired only with their ``window``
nearest neighbours, and a pair is scored only if it shares ``min_shared`` indexed features.
Near-duplicates stand for their canonical copy (``collapse_copies``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from storyline.stories.features import NO_DAY, Features


@dataclass
class Candidates:
    """Pairs of document rows (left < right) worth scoring."""

    left: np.ndarray
    right: np.ndarray
    compared: int  # pair occurrences looked at before de-duplication


def candidate_pairs(features: Features, config: dict[str, Any]) -> Candidates:
    """Pairs sharing enough indexed features, from date-sorted posting lists (see module doc)."""
    block = config["blocking"]
    n = len(features.ids)
    feats, docs, votes = [], [], []
    offset = 0
    for vectors, k, weight in (
        (features.terms, block["top_terms"], 1.0),
        (features.entities, block["top_entities"], 1.0),
        (features.events, None, float(block["event_vote"])),
    ):
        if vectors is None:
            continue
        for row in range(n):
            cols = (
                vectors.top_features(row, k)
                if k is not None
                else vectors.matrix.indices[
                    vectors.matrix.indptr[row] : vectors.matrix.indptr[row + 1]
                ]
            )
            feats.append(cols.astype(np.int64) + offset)
            docs.append(np.full(len(cols), row, dtype=np.int64))
            votes.append(np.full(len(cols), weight))
        offset += vectors.matrix.shape[1]
    dated = np.flatnonzero(features.days != NO_DAY)
    if len(dated):
        # Same-day documents are candidates whatever words they share (see scoring.date_terms).
        feats.append(
            features.days[dated].astype(np.int64) - int(features.days[dated].min()) + offset
        )
        docs.append(dated.astype(np.int64))
        votes.append(np.full(len(dated), float(block["min_shared"])))
    if not feats or n < 2:
        empty = np.zeros(0, dtype=np.int64)
        return Candidates(empty, empty, 0)
    feat = np.concatenate(feats)
    doc = np.concatenate(docs)
    vote = np.concatenate(votes)
    order = np.lexsort(
        (doc, similarity_key(features, block["top_terms"])[doc], features.days[doc], feat)
    )
    feat, doc, vote = feat[order], doc[order], vote[order]
    keys, weights = [], []
    compared = 0
    for step in range(1, block["window"] + 1):
        same = feat[:-step] == feat[step:]
        if not same.any():
            break
        a, b = doc[:-step][same], doc[step:][same]
        compared += len(a)
        keys.append(np.minimum(a, b) * n + np.maximum(a, b))
        weights.append(vote[:-step][same])
    if not keys:
        empty = np.zeros(0, dtype=np.int64)
        return Candidates(empty, empty, compared)
    unique, inverse = np.unique(np.concatenate(keys), return_inverse=True)
    shared = np.bincount(inverse, weights=np.concatenate(weights))
    chosen = unique[shared >= block["min_shared"]]
    left, right = chosen // n, chosen % n
    keep = left != right
    return Candidates(left[keep], right[keep], compared)


def similarity_key(features: Features, k: int) -> np.ndarray:
    """A MinHash of each document's top terms: similar documents tend to share it, so within a
    date they sit next to each other in the posting lists."""
    keys = np.zeros(len(features.ids), dtype=np.int64)
    for row in range(len(features.ids)):
        cols = features.terms.top_features(row, k).astype(np.int64)
        keys[row] = int(((cols * 2654435761 + 97) % 4294967291).min()) if len(cols) else 0
    return keys


def collapse_copies(canonical: np.ndarray, candidates: Candidates) -> Candidates:
    """The candidate pairs between canonical copies: a pair found between two near-duplicates
    stands for the pair of their canonical copies, which is the one scored.

    Why: average link counts unscored pairs as 0 and blocking scores only a window of
    neighbours, so 200 copies of one article would otherwise split into several "stories"; and
    the copies of one article agree with each other, so one of them speaks for all."""
    a, b = canonical[candidates.left], canonical[candidates.right]
    keep = a != b
    n = len(canonical)
    pairs = np.unique(np.minimum(a, b)[keep] * n + np.maximum(a, b)[keep])
    return Candidates(pairs // n, pairs % n, candidates.compared)
