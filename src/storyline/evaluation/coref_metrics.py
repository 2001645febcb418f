"""The standard coreference metrics: MUC, B³, CEAF-e and their average, the CoNLL F1.

Plain functions over two clusterings of mentions: ``key`` (gold) and ``response`` (system),
each a mapping mention → cluster id. They follow the definitions of the reference scorer
(Pradhan et al. 2014, "Scoring coreference partitions of predicted mentions: a reference
implementation"), so numbers are comparable with the event-coreference literature on ECB+:

- **MUC** (Vilain et al. 1995) counts links: recall = Σ_K (|K| − p(K)) / Σ_K (|K| − 1), where
  p(K) is the number of pieces the response cuts key cluster K into (a mention the response
  does not hold is a piece of its own); precision swaps key and response. Singletons carry no
  links, so a clustering of singletons scores 0 (and MUC never rewards not merging).
- **B³** (Bagga and Baldwin 1998): recall = Σ_K Σ_R |K∩R|² / |K| over the key's mentions,
  precision the same over the response's.
- **CEAF-e** (Luo 2005): clusters aligned one-to-one by φ4(K, R) = 2|K∩R| / (|K| + |R|) with the
  best total (Hungarian algorithm); recall = total / #key clusters, precision = total /
  #response clusters.

Why all three: each rewards something different (MUC links, B³ mentions, CEAF-e entities), and
the CoNLL F1 is what papers report; a singletons baseline scores high B³ and CEAF-e on ECB+ and
zero MUC, so a system's number means something only beside the baselines.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

#: A clustering: mention → cluster id.
Clustering = Mapping[str, Hashable]
Scores = tuple[float, float, float]


def clusters(assignment: Clustering) -> list[frozenset[str]]:
    """The clusters of a mention → cluster-id mapping, in first-seen order."""
    grouped: dict[Hashable, set[str]] = defaultdict(set)
    for mention, cluster in assignment.items():
        grouped[cluster].add(mention)
    return [frozenset(members) for members in grouped.values()]


def _f1(precision: float, recall: float) -> Scores:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _muc_recall(key: Sequence[frozenset], response: Clustering) -> float:
    links = sum(len(k) - 1 for k in key)
    if not links:
        return 0.0
    found = 0
    for cluster in key:
        pieces = {("in", response[m]) if m in response else ("alone", m) for m in cluster}
        found += len(cluster) - len(pieces)
    return found / links


def muc(key: Clustering, response: Clustering) -> Scores:
    """MUC precision, recall, F1."""
    recall = _muc_recall(clusters(key), response)
    precision = _muc_recall(clusters(response), key)
    return _f1(precision, recall)


def _bcubed_recall(key: Sequence[frozenset], response: Sequence[frozenset]) -> float:
    total = sum(len(k) for k in key)
    if not total:
        return 0.0
    where = {m: i for i, cluster in enumerate(response) for m in cluster}
    credit = 0.0
    for cluster in key:
        overlap: dict[int, int] = defaultdict(int)
        for mention in cluster:
            if mention in where:
                overlap[where[mention]] += 1
        credit += sum(n * n for n in overlap.values()) / len(cluster)
    return credit / total


def bcubed(key: Clustering, response: Clustering) -> Scores:
    """B³ precision, recall, F1 (mentions outside the other side earn no credit)."""
    gold, found = clusters(key), clusters(response)
    return _f1(_bcubed_recall(found, gold), _bcubed_recall(gold, found))


def ceaf_e(key: Clustering, response: Clustering) -> Scores:
    """Entity-based CEAF (φ4) precision, recall, F1."""
    gold, found = clusters(key), clusters(response)
    if not gold or not found:
        return 0.0, 0.0, 0.0
    where = {m: j for j, cluster in enumerate(found) for m in cluster}
    similarity = np.zeros((len(gold), len(found)))
    for i, cluster in enumerate(gold):
        for mention in cluster:
            if mention in where:
                similarity[i, where[mention]] += 1
    sizes_gold = np.array([len(c) for c in gold], dtype=float)[:, None]
    sizes_found = np.array([len(c) for c in found], dtype=float)[None, :]
    similarity = 2 * similarity / (sizes_gold + sizes_found)
    rows, columns = linear_sum_assignment(similarity, maximize=True)
    total = float(similarity[rows, columns].sum())
    return _f1(total / len(found), total / len(gold))


def conll(key: Clustering, response: Clustering) -> dict[str, float]:
    """Every metric's P/R/F1 and the CoNLL F1 (the mean of the MUC, B³ and CEAF-e F1s)."""
    out: dict[str, float] = {}
    for name, metric in (("muc", muc), ("b3", bcubed), ("ceafe", ceaf_e)):
        precision, recall, f1 = metric(key, response)
        out |= {f"{name}_p": precision, f"{name}_r": recall, f"{name}_f1": f1}
    out["conll_f1"] = (out["muc_f1"] + out["b3_f1"] + out["ceafe_f1"]) / 3
    return out
