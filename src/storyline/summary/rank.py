"""The alternative selector: LexRank centrality with maximal marginal relevance (MMR).

LexRank (Erkan & Radev 2004): sentences are nodes, edges join sentences whose tf-idf cosine
passes a threshold, and a sentence's centrality is its stationary probability in a random walk
on that graph (damped, like PageRank). MMR (Carbonell & Goldstein 1998) then picks sentences by
centrality minus similarity to what is already chosen. Kept as ``method = "centrality"`` in
``summary.toml`` so the two methods can be compared on any corpus; the coverage objective is
the default (see summary.py for why). The graph is built only over the ``max_pool`` candidates
with the highest prior (source quality × position), so it never grows with the square of the
corpus.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
from scipy import sparse

from storyline.summary.candidates import config

#: ``summary.toml`` [centrality]: pool size, edge threshold, damping, MMR balance, duplicate
_SETTINGS = config()["centrality"]
MAX_POOL = int(_SETTINGS["max_pool"])
THRESHOLD = float(_SETTINGS["threshold"])
DAMPING = float(_SETTINGS["damping"])
MMR_LAMBDA = float(_SETTINGS["mmr_lambda"])
DUPLICATE = float(_SETTINGS["duplicate"])


def centrality_select(
    terms_of: Callable[[int], tuple[str, ...]], prior: Sequence[float], k: int
) -> list[int]:
    """Indexes into the pool (``prior[i]`` and ``terms_of(i)``: candidate ``i``'s prior and
    content words) of up to ``k`` sentences, by LexRank centrality and MMR."""
    if not len(prior) or k <= 0:
        return []
    keep = sorted(range(len(prior)), key=lambda i: -prior[i])[:MAX_POOL]
    matrix = _tfidf([terms_of(i) for i in keep])
    similarity = (matrix @ matrix.T).toarray()
    graph = (similarity >= THRESHOLD).astype(float)
    rows = graph.sum(axis=1, keepdims=True)
    walk = np.divide(graph, rows, out=np.zeros_like(graph), where=rows > 0)
    n = len(keep)
    rank = np.full(n, 1.0 / n)
    for _ in range(100):
        new = (1 - DAMPING) / n + DAMPING * walk.T @ rank
        if np.abs(new - rank).sum() < 1e-9:
            break
        rank = new
    score = rank / rank.max() * np.array([prior[i] for i in keep]) / max(prior)
    chosen: list[int] = []
    while len(chosen) < min(k, n):
        redundancy = similarity[:, chosen].max(axis=1) if chosen else np.zeros(n)
        mmr = MMR_LAMBDA * score - (1 - MMR_LAMBDA) * redundancy
        mmr[chosen] = -np.inf
        mmr[redundancy >= DUPLICATE] = -np.inf
        best = int(np.argmax(mmr))
        if not np.isfinite(mmr[best]):
            break
        chosen.append(best)
    return [keep[i] for i in chosen]


def _tfidf(term_sets: list[tuple[str, ...]]) -> sparse.csr_matrix:
    df = Counter(t for terms in term_sets for t in terms)
    vocab = {t: j for j, t in enumerate(df)}
    n = len(term_sets)
    rows, cols, values = [], [], []
    for i, terms in enumerate(term_sets):
        weights = {t: math.log((1 + n) / (1 + df[t])) + 1 for t in terms}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        for t, w in weights.items():
            rows.append(i)
            cols.append(vocab[t])
            values.append(w / norm)
    return sparse.csr_matrix((values, (rows, cols)), shape=(n, len(vocab)))
