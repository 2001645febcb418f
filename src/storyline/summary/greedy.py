"""Lazy greedy maximisation of the coverage objective.

Because covered concepts earn nothing twice, redundancy is removed by the objective; sentences
whose words overlap a chosen one are skipped as well. The gain is submodular, so lazy greedy
evaluation picks the same sentences as plain greedy at a fraction of the cost, and nothing
compares all pairs of sentences.
"""

from __future__ import annotations

import heapq

from storyline.summary.candidates import Candidate


def lazy_greedy(
    pool: list[Candidate],
    concepts: list[dict[str, float]],
    weights: dict[str, float],
    factors: list[float],
    k: int,
    min_relative_gain: float,
    max_overlap: float,
) -> list[int]:
    """Lazy greedy: a stale gain is an upper bound, so a candidate whose fresh gain still
    tops the heap is the best one (the objective is submodular)."""
    covered: dict[str, float] = {}  # read with a default: a lookup adds no entry

    def gain(i: int) -> float:
        raw = sum(
            weights.get(concept, 0.0) * max(0.0, degree - covered.get(concept, 0.0))
            for concept, degree in concepts[i].items()
        )
        return raw * factors[i]

    def first_gain(i: int) -> float:
        """``gain`` while nothing is covered (``degree - 0.0`` is ``degree``), for every
        candidate of the pool at once."""
        raw = sum(weights.get(k, 0.0) * max(0.0, degree) for k, degree in concepts[i].items())
        return raw * factors[i]

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
        for concept, degree in concepts[i].items():
            covered[concept] = max(covered.get(concept, 0.0), degree)
    return chosen


def _overlap(a: Candidate, b: Candidate) -> float:
    if not a.terms or not b.terms:
        return 0.0
    terms = set(a.terms)
    return len(terms.intersection(b.terms)) / len(terms.union(b.terms))
