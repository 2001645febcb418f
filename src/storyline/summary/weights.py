"""What each concept is worth within a summary's scope (``concepts`` says what a sentence
covers; ``greedy`` sums the weights of what it covers).

A concept's weight counts the scope's documents that tell it: an event's reporting documents
(and whether it is on the timeline, dated, planned, a story's main event), a figure group's
documents (more when corroborated or conflicting), an entity's documents, a story's documents
(only where the scope spans several stories), a content word's documents among the pool's (a
word of one document only is worth nothing). Each weight depends on its own concept and the
scope alone, so it is worked out when first asked, once per distinct concept of the pool: a
summary of the whole pile asks for every candidate's events, figures and entities, and for
content words by the word, without making a concept key per word of every candidate.

``first_gains`` sums every pool row's gain while nothing is covered straight from the
candidate columns (``columns``): the same terms, added one by one in the same order as a sum
over the row's concepts, so the same floats.
"""

from __future__ import annotations

import math
from itertools import pairwise

import numpy as np

from storyline.models import HAPPENED, Event
from storyline.summary.columns import Arrays, CandidateColumns
from storyline.summary.concepts import ConceptIndex

#: Rows of the pool whose arrays a summary works out at once (``row_blocks``): about 1.5 MB of
#: transient arrays (a candidate holds about 20 concepts and content words)
BLOCK_ROWS = 8192


class ScopeWeights:
    """The weight of a concept (``get``) within ``scope`` for a summary choosing from the
    columns' ``rows`` (the pool); 0.0 for a concept worth nothing there."""

    def __init__(
        self, index: ConceptIndex, scope: set[str], columns: CandidateColumns, rows: np.ndarray
    ) -> None:
        self._index, self._scope = index, scope
        self._several_stories = len({index.story_of.get(d) for d in scope} - {None}) > 1
        self._known: dict[str, float] = {}
        arrays = columns.arrays()
        #: the blocks of the pool's rows its arrays are worked out in (``row_blocks``)
        self.blocks = row_blocks(arrays.doc[rows])
        #: the pool's distinct content words (ids) and, for each, its weight
        self.term_ids, self.term_weights = _term_weights(
            float(index.w["term"]), arrays, [rows[block] for block in self.blocks]
        )
        self._term_of = columns.terms.ids

    def get(self, key: str) -> float:
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = self._weight(key)
        return found

    def term(self, word: str) -> float:
        """The weight of a content word of the pool (0.0 for any other)."""
        term_id = self._term_of.get(word)
        if term_id is None:
            return 0.0
        at = int(np.searchsorted(self.term_ids, term_id))
        found = at < len(self.term_ids) and self.term_ids[at] == term_id
        return float(self.term_weights[at]) if found else 0.0

    def _weight(self, key: str) -> float:
        index, scope, w = self._index, self._scope, self._index.w
        kind, ident = key.split(":", 1)
        if kind == "event":
            return event_weight(index, index.events[ident], scope)
        if kind == "figure":
            docs = [d for d in index.group_docs[ident] if d in scope]
            boost = 1.3 if index.group_status[ident] in ("corroborated", "conflicting") else 1.0
            return w["figure"] * boost * (1 + math.log2(max(1, len(docs))))
        if kind == "entity":
            return w["entity"] * math.log2(1 + len(index.entity_docs[ident] & scope))
        if kind == "story" and self._several_stories:
            n = len(set(index.stories[ident].documents) & scope)
            return w["story"] * math.log2(1 + n)
        if kind == "term":
            return self.term(ident)
        return 0.0


def row_blocks(documents: np.ndarray) -> list[slice]:
    """The pool's rows (``documents``: the document of each, a document's rows together) in
    blocks of about ``BLOCK_ROWS``, cut where a document ends: the arrays a summary of the whole
    pile works out per content word it holds are a block's, not the pool's (a content word's
    documents are counted within a block, so no document is split between two)."""
    n = len(documents)
    if n <= BLOCK_ROWS:
        return [slice(0, n)]
    ends = np.flatnonzero(documents[1:] != documents[:-1]) + 1  # where a document begins
    at = np.searchsorted(ends, np.arange(BLOCK_ROWS, n, BLOCK_ROWS))
    cuts = [0, *np.unique(ends[at[at < len(ends)]]).tolist(), n]
    return [slice(lo, hi) for lo, hi in pairwise(cuts) if hi > lo]


def first_gains(weights: ScopeWeights, columns: CandidateColumns, rows: np.ndarray) -> np.ndarray:
    """Each pool row's gain while nothing is covered: the factor times the sum, in order, of
    its own concepts' weights times their degrees and then its content words' weights (a
    content word covers itself fully), as ``greedy.lazy_greedy``'s ``gain`` sums them. A block
    of rows at a time (``row_blocks``)."""
    gains = np.zeros(len(rows), dtype=np.float64)
    for block in weights.blocks:
        gains[block] = _first_gains(weights, columns, rows[block])
    return gains


def _first_gains(weights: ScopeWeights, columns: CandidateColumns, rows: np.ndarray) -> np.ndarray:
    arrays = columns.arrays()
    own_at = _segments(arrays.own_offsets, rows)
    own_ids = arrays.own_ids[own_at]
    distinct, inverse = np.unique(own_ids, return_inverse=True)
    words = columns.concepts.words
    by_concept = np.array([weights.get(words[i]) for i in distinct.tolist()], dtype=np.float64)
    own_values = by_concept[inverse] * np.maximum(0.0, arrays.own_degrees[own_at])
    terms = arrays.term_ids[_segments(arrays.term_offsets, rows)]
    term_values = weights.term_weights[np.searchsorted(weights.term_ids, terms)]
    own_counts = _lengths(arrays.own_offsets, rows)
    term_counts = _lengths(arrays.term_offsets, rows)
    sums = _sums_in_order(own_counts, own_values, term_counts, term_values)
    return sums * arrays.factor[rows]


def _lengths(offsets: np.ndarray, rows: np.ndarray) -> np.ndarray:
    return offsets[rows + 1] - offsets[rows]


def _segments(offsets: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The positions of ``rows``' entries in a CSR column, row after row."""
    lengths = _lengths(offsets, rows)
    return np.repeat(offsets[rows], lengths) + _within(lengths)


def _sums_in_order(
    first_counts: np.ndarray, first: np.ndarray, then_counts: np.ndarray, then: np.ndarray
) -> np.ndarray:
    """Per row, the sum of its ``first`` values and then its ``then`` values, added one at a
    time from left to right (as Python's ``sum`` adds them: the same floats, not numpy's
    pairwise sums), every row at once: the k-th addend of every row that has one, for each k."""
    counts = first_counts + then_counts
    n = len(counts)
    total = np.zeros(n, dtype=np.float64)
    if not n:
        return total
    values = np.empty(int(counts.sum()), dtype=np.float64)
    begins = np.concatenate(([0], np.cumsum(counts)[:-1]))
    values[np.repeat(begins, first_counts) + _within(first_counts)] = first
    values[np.repeat(begins + first_counts, then_counts) + _within(then_counts)] = then
    longest = np.argsort(-counts, kind="stable")
    ordered = counts[longest]
    for k in range(int(ordered[0])):
        live = longest[: int(np.searchsorted(-ordered, -k, side="left"))]
        total[live] += values[begins[live] + k]
    return total


def _within(counts: np.ndarray) -> np.ndarray:
    """0, 1, …, count - 1 for each count, one after the other."""
    if not len(counts):
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(counts)
    return np.arange(int(ends[-1])) - np.repeat(ends - counts, counts)


def _term_weights(
    per_word: float, arrays: Arrays, blocks: list[np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """The pool's distinct content words and the weight of each: ``per_word`` times the log of
    how many of the pool's documents use it (each document counted once), 0.0 for a word of
    one document. ``blocks`` are the pool's rows, no document in two of them."""
    found: list[np.ndarray] = []
    counted: list[np.ndarray] = []
    for rows in blocks:
        lengths = _lengths(arrays.term_offsets, rows)
        terms = arrays.term_ids[_segments(arrays.term_offsets, rows)].astype(np.int64)
        documents = arrays.doc[np.repeat(rows, lengths)].astype(np.int64)
        used = np.unique(documents << 32 | terms) & 0xFFFFFFFF  # each document's words once
        distinct, counts = np.unique(used, return_counts=True)
        found.append(distinct)
        counted.append(counts)
    if not found or not sum(len(f) for f in found):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    distinct, at = np.unique(np.concatenate(found), return_inverse=True)
    frequencies = np.bincount(at, weights=np.concatenate(counted)).astype(np.int64)
    counts, by = np.unique(frequencies, return_inverse=True)
    by_count = [per_word * math.log2(df) if df >= 2 else 0.0 for df in counts.tolist()]
    return distinct, np.array(by_count, dtype=np.float64)[by]


def event_weight(index: ConceptIndex, event: Event, scope: set[str]) -> float:
    w = index.w
    if event.factuality in HAPPENED:
        base = w["event"] if event.id in index.timeline else w["event_off_timeline"]
    elif event.factuality == "planned":
        base = w["event_planned"]
    else:
        return 0.0
    if not event.date:
        base *= w["event_undated"]
    if event.id in index.main_events:
        base *= w["main_event"]
    return base * (1 + math.log2(max(1, sum(d in scope for d in event.documents))))
