"""Average-link (UPGMA) clustering of a sparse similarity graph: rows and scores, nothing
about news; ``recluster`` redoes only the part of a previous clustering that new rows reach.

Only the strong edges (at or above the threshold) connect; average link runs inside each
connected component of them, so one loose pair cannot chain two groups together, and the work
never grows with all pairs.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Sequence

import numpy as np

SCORE_BLOCK = 1024  # pairs scored at once: bounds the scorer's working set (its row copies)


def average_link(
    n: int, left: np.ndarray, right: np.ndarray, scores: np.ndarray, threshold: float
) -> list[list[int]]:
    """Average-link (UPGMA) clusters of rows ``0..n-1`` on a sparse similarity graph.

    Missing pairs count as similarity 0. Two clusters merge while their average pairwise
    similarity is at least ``threshold``; this needs one edge at or above it, so the work is
    done only inside connected components of those strong edges. The pairs stay in arrays,
    grouped by component with a sort: only one component's edges are Python objects at a
    time (``_upgma``'s working set), never every pair of the pile.
    """
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    strong = scores >= threshold
    for x, y in zip(left[strong].tolist(), right[strong].tolist(), strict=True):
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)
    roots = np.array([find(row) for row in range(n)], dtype=np.int64)
    sizes = np.bincount(roots, minlength=n)
    groups = [[row] for row in np.flatnonzero(sizes[roots] == 1).tolist()]
    inner = np.flatnonzero((roots[left] == roots[right]) & (sizes[roots[left]] > 1))
    inner = inner[np.argsort(roots[left[inner]], kind="stable")]  # by component, pair order
    edge_bounds = np.searchsorted(roots[left[inner]], np.arange(n + 1))
    members = np.argsort(roots, kind="stable")  # by component, row order
    member_bounds = np.searchsorted(roots[members], np.arange(n + 1))
    for root in np.flatnonzero(sizes > 1).tolist():
        pairs = inner[edge_bounds[root] : edge_bounds[root + 1]]
        edges = list(
            zip(left[pairs].tolist(), right[pairs].tolist(), scores[pairs].tolist(), strict=True)
        )
        rows = members[member_bounds[root] : member_bounds[root + 1]].tolist()
        groups.extend(_upgma(rows, edges, threshold))
    return sorted(sorted(g) for g in groups)


def _upgma(
    members: list[int], edges: list[tuple[int, int, float]], threshold: float
) -> list[list[int]]:
    size = {m: 1 for m in members}
    group = {m: [m] for m in members}
    adj: dict[int, dict[int, float]] = {m: {} for m in members}
    for x, y, s in edges:
        adj[x][y] = adj[x].get(y, 0.0) + s
        adj[y][x] = adj[x][y]
    heap = [(-s, x, y) for x, y, s in edges if s >= threshold]
    heapq.heapify(heap)
    while heap:
        negative, x, y = heapq.heappop(heap)
        if x not in adj or y not in adj[x]:
            continue
        if adj[x][y] / (size[x] * size[y]) != -negative:
            continue  # stale: the pair's average changed since it was pushed
        keep, gone = (x, y) if (size[x], -x) >= (size[y], -y) else (y, x)
        for other, s in adj.pop(gone).items():
            if other == keep:
                continue
            adj[keep][other] = adj[keep].get(other, 0.0) + s
            adj[other][keep] = adj[keep][other]
            del adj[other][gone]
        del adj[keep][gone]
        size[keep] += size.pop(gone)
        group[keep].extend(group.pop(gone))
        for other, s in adj[keep].items():
            average = s / (size[keep] * size[other])
            if average >= threshold:
                heapq.heappush(heap, (-average, min(keep, other), max(keep, other)))
    return list(group.values())


def recluster(
    n: int,
    pairs: tuple[np.ndarray, np.ndarray],
    score: Callable[[np.ndarray], np.ndarray],
    threshold: float,
    previous: Sequence[Sequence[int]] = (),
    changed: Iterable[int] | None = None,
) -> list[list[int]]:
    """Average-link groups of rows ``0..n-1``, reusing ``previous`` groups that nothing touched.

    ``pairs`` are the candidate pairs (left, right); ``score`` scores the pairs given by their
    indices, and is asked only for the pairs of the region that must be redone, at most
    ``SCORE_BLOCK`` at a time. Groups are average link inside connected components of strong
    edges (see ``average_link``), so a component no new strong edge reaches keeps its groups
    exactly: the region is grown from the ``changed`` rows (``None``: all rows; rows in no
    previous group count as changed) along strong edges, taking whole previous groups, until no
    strong edge leaves it. The result equals a clean build (``previous`` empty) of the same rows
    and pairs. The state is arrays over rows and pairs (which pairs touch a row, each pair's
    score, the region as a mask), a few bytes per pair instead of Python objects.
    """
    left, right = np.asarray(pairs[0], dtype=np.int64), np.asarray(pairs[1], dtype=np.int64)
    touching = _incidence(n, left, right)
    kept = [list(g) for g in previous if g and all(0 <= row < n for row in g)]
    group_of = np.full(n, -1, dtype=np.int64)
    for number, group in enumerate(kept):
        group_of[group] = number
    kept_rows = _incidence_of_lists(kept)
    seeds = np.arange(n) if changed is None else np.array(sorted(set(changed)), dtype=np.int64)
    seeds = np.union1d(seeds, np.flatnonzero(group_of < 0))
    region = np.zeros(n, dtype=bool)
    scores = np.zeros(len(left), dtype=np.float64)
    scored = np.zeros(len(left), dtype=bool)

    def grow(rows: np.ndarray) -> np.ndarray:
        """Add ``rows`` and the whole previous groups they are in; the rows newly added."""
        numbers = np.unique(group_of[rows])
        whole = np.concatenate(
            [rows[group_of[rows] < 0], _slices(*kept_rows, numbers[numbers >= 0])]
        )
        added = np.unique(whole[~region[whole]])
        region[added] = True
        return added

    frontier = grow(seeds)
    while len(frontier):
        todo = np.unique(_slices(*touching, frontier))
        todo = todo[~scored[todo]]
        for start in range(0, len(todo), SCORE_BLOCK):
            block = todo[start : start + SCORE_BLOCK]
            scores[block] = score(block)
        scored[todo] = True
        strong = todo[scores[todo] >= threshold]
        ends = np.concatenate([left[strong], right[strong]])
        frontier = grow(ends[~region[ends]])
    members = np.flatnonzero(region)
    local = np.full(n, -1, dtype=np.int64)
    local[members] = np.arange(len(members))
    inside = np.flatnonzero(scored & region[left] & region[right])
    groups = average_link(
        len(members), local[left[inside]], local[right[inside]], scores[inside], threshold
    )
    rows = members.tolist()
    redone = [[rows[i] for i in group] for group in groups]
    untouched = [sorted(g) for g in kept if not region[g].any()]
    return sorted(untouched + redone)


def _incidence(n: int, left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which pairs touch each row, as (bounds, pair indices): row ``r``'s pairs are
    ``indices[bounds[r]:bounds[r + 1]]`` (a CSR layout: 16 bytes per pair)."""
    rows = np.concatenate([left, right])
    order = np.argsort(rows, kind="stable")
    bounds = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=bounds[1:])
    return bounds, (order % max(len(left), 1)).astype(np.int64)


def _incidence_of_lists(lists: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """``lists`` in the same (bounds, values) layout."""
    bounds = np.zeros(len(lists) + 1, dtype=np.int64)
    np.cumsum([len(x) for x in lists], out=bounds[1:])
    values = np.fromiter((v for x in lists for v in x), dtype=np.int64, count=int(bounds[-1]))
    return bounds, values


def _slices(bounds: np.ndarray, values: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """The values of every key in ``keys``, concatenated (vectorised ``values[b[k]:b[k+1]]``)."""
    starts = bounds[keys]
    lengths = bounds[keys + 1] - starts
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    return values[offsets + np.arange(len(offsets))]
