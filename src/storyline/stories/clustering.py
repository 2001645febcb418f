"""Average-link (UPGMA) clustering of a sparse similarity graph: rows and scores, nothing
about news; ``recluster`` redoes only the part of a previous clustering that new rows reach.

Only the strong edges (at or above the threshold) connect; average link runs inside each
connected component of them, so one loose pair cannot chain two groups together, and the work
never grows with all pairs.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

import numpy as np


def average_link(
    n: int, left: np.ndarray, right: np.ndarray, scores: np.ndarray, threshold: float
) -> list[list[int]]:
    """Average-link (UPGMA) clusters of rows ``0..n-1`` on a sparse similarity graph.

    Missing pairs count as similarity 0. Two clusters merge while their average pairwise
    similarity is at least ``threshold``; this needs one edge at or above it, so the work is
    done only inside connected components of those strong edges.
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
    components: dict[int, list[int]] = defaultdict(list)
    for row in range(n):
        components[find(row)].append(row)
    edges: dict[int, list[tuple[int, int, float]]] = defaultdict(list)
    for x, y, s in zip(left.tolist(), right.tolist(), scores.tolist(), strict=True):
        root = find(x)
        if root == find(y) and len(components[root]) > 1:
            edges[root].append((x, y, s))
    groups: list[list[int]] = []
    for root, members in components.items():
        if len(members) == 1:
            groups.append(members)
        else:
            groups.extend(_upgma(members, edges[root], threshold))
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
    indices, and is asked only for the pairs of the region that must be redone. Groups are
    average link inside connected components of strong edges (see ``average_link``), so a
    component no new strong edge reaches keeps its groups exactly: the region is grown from the
    ``changed`` rows (``None``: all rows; rows in no previous group count as changed) along
    strong edges, taking whole previous groups, until no strong edge leaves it. The result
    equals a clean build (``previous`` empty) of the same rows and pairs.
    """
    left, right = pairs
    touching: dict[int, list[int]] = defaultdict(list)
    for index, (x, y) in enumerate(zip(left.tolist(), right.tolist(), strict=True)):
        touching[x].append(index)
        touching[y].append(index)
    group_of: dict[int, int] = {}
    kept = [list(g) for g in previous if g and all(0 <= row < n for row in g)]
    for number, group in enumerate(kept):
        for row in group:
            group_of[row] = number
    seeds = set(range(n)) if changed is None else set(changed)
    seeds |= {row for row in range(n) if row not in group_of}
    region: set[int] = set()
    scores: dict[int, float] = {}

    def grow(rows: Iterable[int]) -> set[int]:
        added: set[int] = set()
        for row in rows:
            whole = kept[group_of[row]] if row in group_of else [row]
            added |= set(whole) - region
        region.update(added)
        return added

    frontier = grow(seeds)
    while frontier:
        todo = sorted({i for row in frontier for i in touching[row]} - scores.keys())
        if todo:
            found = score(np.array(todo, dtype=np.int64))
            scores.update(zip(todo, found.tolist(), strict=True))
        reached = {
            other
            for i in todo
            if scores[i] >= threshold
            for other in (int(left[i]), int(right[i]))
            if other not in region
        }
        frontier = grow(reached)
    members = sorted(region)
    local = {row: i for i, row in enumerate(members)}
    inside = [i for i in sorted(scores) if left[i] in local and right[i] in local]
    groups = average_link(
        len(members),
        np.array([local[int(left[i])] for i in inside], dtype=np.int64),
        np.array([local[int(right[i])] for i in inside], dtype=np.int64),
        np.array([scores[i] for i in inside], dtype=np.float64),
        threshold,
    )
    redone = [[members[i] for i in group] for group in groups]
    untouched = [sorted(g) for g in kept if not region.intersection(g)]
    return sorted(untouched + redone)
