"""Average-link (UPGMA) clustering of a sparse similarity graph: rows and scores, nothing
about news.

Only the strong edges (at or above the threshold) connect; average link runs inside each
connected component of them, so one loose pair cannot chain two groups together, and the work
never grows with all pairs.
"""

from __future__ import annotations

import heapq
from collections import defaultdict

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
