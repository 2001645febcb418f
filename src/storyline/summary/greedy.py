"""Lazy greedy maximisation of the coverage objective.

Because covered concepts earn nothing twice, redundancy is removed by the objective; sentences
whose words overlap a chosen one are skipped as well. The gain is submodular, so lazy greedy
evaluation picks the same sentences as plain greedy at a fraction of the cost, and nothing
compares all pairs of sentences.

The pool's first gains (``weights.first_gains``) come as one array: the candidates are taken in
their order (one sort, by gain and then pool order, as a heap of (-gain, position) pops them),
and only a candidate whose fresh gain fell goes back, into a heap of its own; the next one is the
least of the two heads, so the picks are those of one heap over the whole pool, which would
hold a tuple per candidate.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection
from typing import Protocol

import numpy as np


class Weights(Protocol):
    """A concept's weight (``weights.ScopeWeights``)."""

    def get(self, key: str) -> float: ...


def lazy_greedy(
    first_gains: np.ndarray,
    factors: np.ndarray,
    weights: Weights,
    k: int,
    min_relative_gain: float,
    max_overlap: float,
    concepts: Callable[[int], dict[str, float]],
    terms: Callable[[int], Collection[int]],
) -> list[int]:
    """Lazy greedy: a stale gain is an upper bound, so a candidate whose fresh gain still
    tops the heap is the best one (the objective is submodular).

    ``first_gains[i]`` is candidate ``i``'s gain while nothing is covered, ``factors[i]`` the
    factor on its gain; its concepts are ``concepts(i)`` (with its content words, each covering
    itself fully) and its content words ``terms(i)``, asked only of the candidates popped."""
    covered: dict[str, float] = {}  # read with a default: a lookup adds no entry
    weight = weights.get

    def gain(i: int) -> float:
        raw = sum(
            weight(concept) * max(0.0, degree - covered.get(concept, 0.0))
            for concept, degree in concepts(i).items()
        )
        return raw * float(factors[i])

    queue = _Queue(first_gains)
    chosen: list[int] = []
    first = 0.0
    while queue and len(chosen) < k:
        i = queue.pop()
        fresh = gain(i)
        if queue and fresh < queue.top_gain() - 1e-12:
            queue.push(fresh, i)
            continue
        if fresh <= 0 or (first and fresh < min_relative_gain * first):
            break
        if any(_overlap(terms(i), terms(j)) >= max_overlap for j in chosen):
            continue
        first = first or fresh
        chosen.append(i)
        for concept, degree in concepts(i).items():
            covered[concept] = max(covered.get(concept, 0.0), degree)
    return chosen


class _Queue:
    """The pool by gain, as one heap of (-gain, position) would give it (module docstring)."""

    def __init__(self, first_gains: np.ndarray) -> None:
        self._gains = first_gains
        negated = -first_gains
        self._order = np.lexsort((np.arange(len(first_gains)), negated))
        self._next = 0
        self._again: list[tuple[float, int]] = []

    def __bool__(self) -> bool:
        return self._next < len(self._order) or bool(self._again)

    def _head(self) -> tuple[float, int] | None:
        if self._next >= len(self._order):
            return None
        i = int(self._order[self._next])
        return (-float(self._gains[i]), i)

    def _from_order(self) -> bool:
        head = self._head()
        return head is not None and (not self._again or head < self._again[0])

    def pop(self) -> int:
        if self._from_order():
            self._next += 1
            return int(self._order[self._next - 1])
        return heapq.heappop(self._again)[1]

    def top_gain(self) -> float:
        head = self._head() if self._from_order() else self._again[0]
        assert head is not None
        return -head[0]

    def push(self, gain: float, i: int) -> None:
        heapq.heappush(self._again, (-gain, i))


def _overlap(a: Collection[int], b: Collection[int]) -> float:
    if not a or not b:
        return 0.0
    terms = set(a)
    return len(terms.intersection(b)) / len(terms.union(b))
