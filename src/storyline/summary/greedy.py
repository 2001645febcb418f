"""Lazy greedy maximisation of the coverage objective.

Because covered concepts earn nothing twice, redundancy is removed by the objective; sentences
whose words overlap a chosen one are skipped as well. The gain is submodular, so lazy greedy
evaluation picks the same sentences as plain greedy at a fraction of the cost, and nothing
compares all pairs of sentences.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from itertools import chain
from typing import Protocol

from storyline.summary.candidates import Candidate


class Weights(Protocol):
    """A concept's weight (``get``) and a content word's of the pool (``term``):
    ``weights.ScopeWeights``."""

    def get(self, key: str) -> float: ...
    @property
    def term(self) -> Callable[[str], float]: ...


def lazy_greedy(
    pool: list[Candidate],
    own: list[dict[str, float]],
    weights: Weights,
    factors: list[float],
    k: int,
    min_relative_gain: float,
    max_overlap: float,
    concepts: Callable[[int], dict[str, float]],
) -> list[int]:
    """Lazy greedy: a stale gain is an upper bound, so a candidate whose fresh gain still
    tops the heap is the best one (the objective is submodular).

    A candidate's concepts are ``concepts(i)``: its ``own`` (all but its content words) and
    then its content words, each covering itself fully. The first gains of the whole pool
    are summed over those in that order without making the content words' concepts (they
    are the most of them); the fresh gains of the few candidates popped read ``concepts``."""
    covered: dict[str, float] = {}  # read with a default: a lookup adds no entry
    weight, term = weights.get, weights.term

    def gain(i: int) -> float:
        raw = sum(
            weight(concept) * max(0.0, degree - covered.get(concept, 0.0))
            for concept, degree in concepts(i).items()
        )
        return raw * factors[i]

    def first_gain(i: int) -> float:
        """``gain`` while nothing is covered (``degree - 0.0`` is ``degree``; a content word's
        degree is 1.0, so its term is its weight), for every candidate of the pool at once:
        the same terms summed in the same order."""
        told = (weight(key) * max(0.0, degree) for key, degree in own[i].items())
        return sum(chain(told, map(term, pool[i].terms))) * factors[i]

    heap = [(-first_gain(i), i) for i in range(len(pool))]
    heapq.heapify(heap)
    chosen: list[int] = []
    first = 0.0
    while heap and len(chosen) < k:
        _, i = heapq.heappop(heap)
        fresh = gain(i)
        if heap and fresh < -heap[0][0] - 1e-12:
            heapq.heappush(heap, (-fresh, i))
            continue
        if fresh <= 0 or (first and fresh < min_relative_gain * first):
            break
        if any(_overlap(pool[i], pool[j]) >= max_overlap for j in chosen):
            continue
        first = first or fresh
        chosen.append(i)
        for concept, degree in concepts(i).items():
            covered[concept] = max(covered.get(concept, 0.0), degree)
    return chosen


def _overlap(a: Candidate, b: Candidate) -> float:
    if not a.terms or not b.terms:
        return 0.0
    terms = set(a.terms)
    return len(terms.intersection(b.terms)) / len(terms.union(b.terms))
