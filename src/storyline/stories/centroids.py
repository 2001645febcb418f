"""Story centroids made only where they are read, and each story's heaviest centroid terms kept
between builds (issue 18, incremental builds).

The storylines compare stories by their centroids (``storylines``): the blocking indexes each
story under its ``top_terms`` heaviest centroid terms, and the reclustering scores the pairs of
the region new stories reach. Every story's centroid was made and every one ranked at every
build, the whole stage's cost, as much after 1% new documents as in a clean build (98% at
10,100 documents, ``benchmarks/results.md``).

A centroid is the L2-normalised sum of its documents' weighted term rows, summed in the
features' row order, and it is made row by row (scipy's sparse product, the norm and the
scaling each read one story's row alone), so one story's centroid made with a few others is
bit for bit the one made with all. A document's weighted row reads that document alone
(``features.fixed_vectors``; the columns are the terms' sorted order, so a new term moves no
row's order) and is made from exactly what its kept row key digests (``stories.kept.row_key``:
its text, title, publication date, analysis, the settings and the code). So a story's top
terms depend only on its documents' row keys in row order and how many are taken: they are
kept under a digest of those (``top_terms_key``). A build reads back the top terms of every
story whose key is stored, ranks only the centroids of the stories that lack them, makes the
rest only if it scores a pair, and keeps exactly this build's stories' top terms. A story a new
document joins is a new set of documents (a new key); a rewritten document changes its row
key, and so its story's key.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Protocol

import numpy as np
from scipy import sparse

from storyline.models import Story
from storyline.stories.blocking import top_features
from storyline.stories.features import Features
from storyline.text.vectors import Vectors, pair_cosines
from storyline.version import code_fingerprint


class StoryTopCache(Protocol):
    """Where the stories' top centroid terms made once are kept (the store:
    ``store.story_top_terms``)."""

    def story_top_terms(self, keys: Collection[bytes]) -> Iterator[tuple[bytes, str]]: ...
    def keep_story_top_terms(
        self, current: Collection[bytes], made: Iterable[tuple[bytes, str]]
    ) -> None: ...


class StoryCentroids:
    """The centroids of ``stories`` over ``features``' documents, each row made the first time
    it is read and held for the rest of the stage."""

    def __init__(self, stories: Sequence[Story], features: Features) -> None:
        row_of = {doc_id: row for row, doc_id in enumerate(features.ids)}
        self.stories = stories
        self.members = [sorted({row_of[d] for d in s.documents if d in row_of}) for s in stories]
        self.terms = features.terms
        self._place = np.full(len(stories), -1, dtype=np.int64)  # a story's row in ``_made``
        self._made: sparse.csr_matrix | None = None

    def rows(self, stories: np.ndarray) -> tuple[sparse.csr_matrix, np.ndarray]:
        """The centroids made so far, with those of ``stories`` among them, and each story's
        row in that matrix."""
        stories = np.asarray(stories, dtype=np.int64)
        missing = np.unique(stories[self._place[stories] < 0])
        if len(missing):
            made = centroid_matrix([self.members[s] for s in missing.tolist()], self.terms.matrix)
            start = 0 if self._made is None else self._made.shape[0]
            self._made = made if self._made is None else sparse.vstack([self._made, made], "csr")
            self._place[missing] = np.arange(start, start + len(missing))
        matrix = self._made if self._made is not None else sparse.csr_matrix((0, 0))
        return matrix, self._place[stories]

    def cosines(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """The cosine of each pair of stories (``left[i]``, ``right[i]``). The first call makes
        every centroid not made yet, in one product: the reclustering asks in many small blocks
        as its region grows, and stacking each block's new rows on those made before cost more
        than making them all (a +1% build at 10,100 documents, whose region reached most
        stories)."""
        matrix, places = self.rows(np.arange(len(self.members)))
        return pair_cosines(matrix, places[left], places[right])

    def top_terms(self, stories: Sequence[int], k: int) -> list[tuple[str, ...]]:
        """The ``k`` heaviest centroid terms of each of ``stories``, heaviest first
        (``blocking.top_features``: ties by name)."""
        matrix, places = self.rows(np.array(stories, dtype=np.int64))
        made = Vectors(matrix=matrix, vocabulary=self.terms.vocabulary, df=self.terms.df)
        vocabulary = self.terms.vocabulary
        return [
            tuple(vocabulary[c] for c in top_features(made, place, k).tolist())
            for place in places.tolist()
        ]


def centroid_matrix(
    members: Sequence[Sequence[int]], terms: sparse.csr_matrix
) -> sparse.csr_matrix:
    """One row per list of document rows (sorted): the L2-normalised sum of those rows of
    ``terms``, its indices sorted."""
    indptr = np.zeros(len(members) + 1, dtype=np.int32)
    np.cumsum([len(rows) for rows in members], out=indptr[1:])
    indices = np.fromiter((r for rows in members for r in rows), np.int32, int(indptr[-1]))
    membership = sparse.csr_matrix(
        (np.ones(len(indices)), indices, indptr), shape=(len(members), terms.shape[0])
    )
    summed = membership.dot(terms).tocsr()
    norms = np.sqrt(np.asarray(summed.multiply(summed).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sparse.diags(1.0 / norms).dot(summed).tocsr()
    matrix.sort_indices()
    return matrix


def top_terms_key(members: Sequence[int], features: Features, k: int) -> bytes | None:
    """The key a story's top terms are kept under (module docstring): a digest of its
    documents' row keys in row order, ``k`` and the code; None where a document's row is not
    kept (no stored analysis), so nothing names its weights."""
    row_keys = features.row_keys
    if not row_keys or not members:
        return None
    digest = hashlib.blake2b(f"{code_fingerprint()}\x00{k}".encode(), digest_size=16)
    for row in members:
        key = row_keys[row]
        if key is None:
            return None
        digest.update(key)
    return digest.digest()


def story_top_terms(
    centroids: StoryCentroids, features: Features, k: int, kept: StoryTopCache | None
) -> list[tuple[str, ...]]:
    """Each story's ``k`` heaviest centroid terms: read back from ``kept`` where its key is
    stored, made from its centroid otherwise; ``kept`` then holds exactly these stories'."""
    keys = [top_terms_key(rows, features, k) if kept else None for rows in centroids.members]
    current = {key for key in keys if key is not None}
    stored = dict(kept.story_top_terms(current)) if kept is not None else {}
    tops: list[tuple[str, ...] | None] = [
        tuple(json.loads(stored[key])) if key in stored else None for key in keys
    ]
    missing = [story for story, top in enumerate(tops) if top is None]
    made: list[tuple[bytes, str]] = []
    for story, top in zip(missing, centroids.top_terms(missing, k), strict=True):
        tops[story] = top
        key = keys[story]
        if key is not None:
            made.append((key, json.dumps(top, ensure_ascii=False)))
    if kept is not None:
        kept.keep_story_top_terms(current, made)
    return [top or () for top in tops]  # every one found or made
