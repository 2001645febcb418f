"""The pile's word vectors kept between builds: a build weighs only the rows of new or changed
documents and merges them into the kept matrix (issue 18, incremental builds).

Weighting every document's term counts (``features.fixed_vectors``) was a third of the stories
stage when 1% of the pile is new: it works per distinct term of the pile (199k at 3,030
documents: the order they were first met, their codes, their idf, the sorted vocabulary). It is
exact to weigh only the new rows, because a row's weights read that row alone: the idf is a
fixed background table (``background.term_idf``), not the pile's document frequencies; the tf
factor and the L2 norm are the row's own, the norm summed in the row's own column order (the
features' sorted order). Only the column numbers depend on the pile, through the sorted
vocabulary: merging a kept row into a larger vocabulary maps its old columns to new ones by
one ``searchsorted`` over the terms inserted before them, which keeps their order, so each
row's entries stay as the weighting left them, in the same order, with the same bits. The
pile's document frequencies are counted again from the merged columns (``np.bincount``), and a
term no row holds any longer (its documents changed or left) is dropped, as a weighting of the
whole pile would never have met it.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence

import numpy as np
from scipy import sparse

from storyline.models.term_matrix import TermMatrix
from storyline.stories.background import term_idf
from storyline.stories.features import fixed_vectors
from storyline.text.vectors import Vectors


def usable_rows(kept: TermMatrix | None, keys: Mapping[str, bytes]) -> dict[str, int]:
    """Document id → its row in ``kept``, for each document whose kept row is under the key
    it has now (``keys``: id → key)."""
    if kept is None:
        return {}
    return {
        doc_id: row
        for row, (doc_id, key) in enumerate(zip(kept.ids, kept.keys, strict=True))
        if keys.get(doc_id) == key
    }


def merged_vectors(
    ids: Sequence[str],
    kept: TermMatrix | None,
    usable: Mapping[str, int],
    made: Mapping[int, Mapping[str, float]],
) -> Vectors:
    """The word vectors of ``ids`` (in their order) equal to ``fixed_vectors`` over all their
    term counts: the row of the place ``p`` weighed from ``made[p]`` (its term counts) where
    given, else read from ``kept`` (its row ``usable[ids[p]]``)."""
    places = sorted(made)
    new = fixed_vectors([made[p] for p in places], term_idf)
    if kept is None or not usable:
        kept = TermMatrix(
            [], [], [], np.zeros(1, np.int64), np.zeros(0, np.int32), new.matrix.data[:0]
        )
    vocabulary, old_columns, new_columns = _union(kept.vocabulary, new.vocabulary)
    made_at = {place: number for number, place in enumerate(places)}
    starts = np.zeros(len(ids), dtype=np.int64)  # where each place's entries start in the pool
    ends = np.zeros(len(ids), dtype=np.int64)
    for place, doc_id in enumerate(ids):
        number = made_at.get(place)
        if number is None:
            row = usable[doc_id]
            starts[place], ends[place] = kept.indptr[row], kept.indptr[row + 1]
        else:
            starts[place] = len(kept.indices) + new.matrix.indptr[number]
            ends[place] = len(kept.indices) + new.matrix.indptr[number + 1]
    pool_columns = np.concatenate([old_columns[kept.indices], new_columns[new.matrix.indices]])
    pool_data = np.concatenate([kept.data, new.matrix.data])
    lengths = ends - starts
    indptr = np.zeros(len(ids) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    take = np.repeat(starts - indptr[:-1], lengths) + np.arange(indptr[-1], dtype=np.int64)
    columns, data = pool_columns[take], pool_data[take]
    counts = np.bincount(columns, minlength=len(vocabulary))
    held = counts > 0
    if not held.all():  # terms only rows no longer in the pile held: gone from the vocabulary
        columns = (np.cumsum(held) - 1)[columns]
        vocabulary = [
            term for term, is_held in zip(vocabulary, held.tolist(), strict=True) if is_held
        ]
        counts = counts[held]
    matrix = sparse.csr_matrix(
        (data, columns.astype(np.int32), indptr), shape=(len(ids), len(vocabulary))
    )
    return Vectors(matrix=matrix, vocabulary=vocabulary, df=counts.astype(np.float64))


def _union(old: list[str], new: list[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The sorted union of two sorted vocabularies, and where each one's columns land in it.
    Only the new terms are looked up (by bisection in ``old``); an old column moves right by
    the number of terms inserted at or before it (one ``searchsorted``), which keeps the old
    columns' order."""
    places = [bisect.bisect_left(old, term) for term in new]
    inserted = [
        number
        for number, (term, place) in enumerate(zip(new, places, strict=True))
        if place == len(old) or old[place] != term
    ]
    at = np.array([places[number] for number in inserted], dtype=np.int64)
    old_columns = np.arange(len(old), dtype=np.int64)
    old_columns += np.searchsorted(at, old_columns, side="right")
    found = np.ones(len(new), dtype=bool)
    found[inserted] = False
    new_columns = np.zeros(len(new), dtype=np.int64)
    new_columns[found] = old_columns[np.array(places, dtype=np.int64)[found]]
    new_columns[inserted] = at + np.arange(len(inserted), dtype=np.int64)
    union: list[str] = []
    start = 0
    for number, place in zip(inserted, at.tolist(), strict=True):
        union.extend(old[start:place])
        union.append(new[number])
        start = place
    union.extend(old[start:])
    return union, old_columns, new_columns


def kept_matrix(ids: Sequence[str], keys: Sequence[bytes | None], vectors: Vectors) -> TermMatrix:
    """``vectors`` (the rows of ``ids``) as kept: the rows with a key (a document with a stored
    analysis) and their keys; the others are made again at every build, as their clustering
    rows are."""
    keyed = [place for place, key in enumerate(keys) if key is not None]
    matrix = vectors.matrix
    if len(keyed) < len(ids):
        matrix = matrix[keyed]
    return TermMatrix(
        ids=[ids[place] for place in keyed],
        keys=[key for key in keys if key is not None],
        vocabulary=vectors.vocabulary,
        indptr=matrix.indptr.astype(np.int64),
        indices=matrix.indices.astype(np.int32),
        data=matrix.data,
    )
