"""Blocking: the pairs of items (documents, or stories) worth scoring, never all pairs.

Every item is indexed under its ``top_terms`` heaviest terms (background weights, so the
choice is the item's own) and its day; within a posting list items are sorted by day (then a
MinHash key of their top terms, so similar undated items sit together) and paired only with
their ``window`` nearest neighbours, and a pair is kept only if it shares ``min_shared`` indexed
features. A posting list no longer than ``window + 1`` yields all its pairs, so below that size
the candidates of an item do not depend on what else is indexed; a longer one (a frequent
feature) only near neighbours, so comparisons grow as n * features * window, never n^2.
Near-duplicates stand for their canonical copy (``collapse_copies``).
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from storyline.stories.features import NO_DAY
from storyline.text.vectors import Vectors, sorted_column


@dataclass
class Candidates:
    """Pairs of rows (left < right) worth scoring."""

    left: np.ndarray
    right: np.ndarray
    compared: int  # pair occurrences looked at before de-duplication


def _empty(compared: int = 0) -> Candidates:
    none = np.zeros(0, dtype=np.int64)
    return Candidates(none, none, compared)


def candidate_pairs(
    terms: Vectors,
    days: np.ndarray,
    block: dict[str, Any],
    tops: Sequence[tuple[str, ...] | None] = (),
) -> Candidates:
    """Pairs sharing enough indexed features, from day-sorted posting lists (see module doc).
    Items published on one day share their day as ``min_shared`` features: they are always
    candidates, whatever words they share. ``tops``: an item's ``top_terms`` heaviest terms
    where already known (kept with a document's row: ``stories.kept``)."""
    n = len(days)
    if n < 2:
        return _empty()
    cols, owners, similar = _top_columns(terms, block["top_terms"], tops)
    dated = np.flatnonzero(days != NO_DAY)
    offset = terms.matrix.shape[1]
    day_cols = (
        days[dated].astype(np.int64) - int(days[dated].min()) + offset if len(dated) else dated
    )
    feat = np.concatenate([cols, day_cols.astype(np.int64)])
    doc = np.concatenate([owners, dated.astype(np.int64)])
    vote = np.concatenate([np.ones(len(cols)), np.full(len(dated), float(block["min_shared"]))])
    order = np.lexsort((doc, similar[doc], days[doc], feat))
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
        return _empty(compared)
    unique, inverse = np.unique(np.concatenate(keys), return_inverse=True)
    shared = np.bincount(inverse, weights=np.concatenate(weights))
    chosen = unique[shared >= block["min_shared"]]
    left, right = chosen // n, chosen % n
    keep = left != right
    return Candidates(left[keep], right[keep], compared)


def top_features(vectors: Vectors, row: int, k: int) -> np.ndarray:
    """Column indices of the ``k`` heaviest features of one row, heaviest first; ties go by
    the feature's name (not its column number, which depends on what else is indexed)."""
    start, end = vectors.matrix.indptr[row], vectors.matrix.indptr[row + 1]
    cols = vectors.matrix.indices[start:end]
    vals = vectors.matrix.data[start:end]
    if k < len(cols):
        cols, vals = _contenders(cols, vals, k)
    names = [vectors.vocabulary[c] for c in cols.tolist()]
    weights = [-round(w, 12) for w in vals.tolist()]
    # ``nsmallest`` is ``sorted(...)[:k]`` without sorting every term of a long text
    order = heapq.nsmallest(k, range(len(cols)), key=lambda i: (weights[i], names[i]))
    return cols[np.array(order, dtype=np.int64)] if order else cols[:0]


#: More than the most ``round(w, 12)`` moves a weight below 1 (5e-13) and again to spare.
_ROUNDING_MARGIN = 1e-11


def _contenders(cols: np.ndarray, vals: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The features of a row that can be among its ``k`` heaviest (``top_features``' order),
    in their order: those weighing at least the ``k``-th heaviest weight less a margin.
    Rounding to 12 places moves no weight (at most 1 after L2 normalising) by more than
    5e-13 and never reorders two, so a feature lighter than that bound rounds below at least
    ``k`` others and cannot be chosen; the rest are ordered as before. A story centroid has
    thousands of terms and its name and rounded weight were made for every one."""
    bound = np.partition(vals, len(vals) - k)[len(vals) - k] - _ROUNDING_MARGIN
    keep = vals >= bound
    return cols[keep], vals[keep]


def _top_columns(
    terms: Vectors, k: int, tops: Sequence[tuple[str, ...] | None] = ()
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each item's ``k`` heaviest columns (``top_features``, or its ``tops`` where given) as
    flat arrays (columns, their item), and its similarity key: a MinHash of its top terms, so
    similar items tend to share it and, within a day, sit next to each other in the posting
    lists. The key hashes the terms themselves, not their column numbers, so it does not
    depend on what else is indexed. One pass over the rows, a few bytes per indexed feature,
    no array per item."""
    n = terms.matrix.shape[0]
    cols, owners = array("q"), array("q")
    keys = np.zeros(n, dtype=np.int64)
    column = _Columns(terms.vocabulary)
    hashes: dict[int, int] = {}  # a column's ``_stable_hash``: the top terms repeat across items
    for row in range(n):
        given = tops[row] if row < len(tops) else None
        if given is None:
            top = top_features(terms, row, k).tolist()
        else:
            top = [column[term] for term in given]
        cols.extend(top)
        owners.extend([row] * len(top))
        for c in top:
            if c not in hashes:
                hashes[c] = _stable_hash(terms.vocabulary[c])
        keys[row] = min((hashes[c] for c in top), default=0)
    return np.frombuffer(cols, dtype=np.int64), np.frombuffer(owners, dtype=np.int64), keys


class _Columns:
    """A term's column: found by bisection in a sorted vocabulary (the features' columns are
    in sorted order: ``features.fixed_vectors``), so only the terms asked for are looked up,
    not every term of the pile put in a dictionary; any other vocabulary is indexed whole."""

    def __init__(self, vocabulary: Sequence[str]) -> None:
        self._vocabulary = vocabulary
        self._index: dict[str, int] | None = None

    def __getitem__(self, term: str) -> int:
        if self._index is None:
            place = sorted_column(self._vocabulary, term)
            if place is not None:
                return place
            self._index = {name: col for col, name in enumerate(self._vocabulary)}
        return self._index[term]


def _stable_hash(term: str) -> int:
    value = 2166136261  # FNV-1a, 32 bits: the same on every run and machine
    for byte in term.encode("utf-8"):
        value = ((value ^ byte) * 16777619) & 0xFFFFFFFF
    return value


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
