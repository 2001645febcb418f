"""Scores shared by the eval tasks: precision/recall/F1, B-cubed, adjusted Rand index.

B-cubed is computed over the gold items (the key), and a gold item the system did not place is a
singleton: dropping it instead would score only what the system found and lift the number (on
MEANTIME entity coreference, 0.80 became 0.90 that way). The adjusted Rand index compares two
partitions of the same items, so it is computed over the items present in both.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from math import comb
from typing import TypeVar

#: An item being clustered; gold and predicted map the same items to their cluster ids.
K = TypeVar("K", bound=Hashable)


def prf(true_positive: float, predicted: float, gold: float) -> tuple[float, float, float]:
    """Precision, recall, F1 from counts (0 where undefined)."""
    precision = true_positive / predicted if predicted else 0.0
    recall = true_positive / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def bcubed(
    gold: Mapping[K, Hashable], predicted: Mapping[K, Hashable]
) -> tuple[float, float, float]:
    """B-cubed precision/recall/F1 over the items of ``gold`` (item → cluster), as Bagga and
    Baldwin (1998) define it: each gold item is scored, and an item missing from ``predicted``
    (the system did not find it) is a singleton of its own, so a missed item costs recall
    instead of vanishing from the average. Items only in ``predicted`` are not scored (B-cubed
    averages over the key). Empty gold scores 0."""
    if not gold:
        return 0.0, 0.0, 0.0
    missing = object()  # a cluster id no caller can use: each missed item is its own cluster

    def cluster(item: K) -> Hashable:
        return predicted.get(item, (missing, item))

    pair_counts = Counter((gold[i], cluster(i)) for i in gold)
    gold_sizes = Counter(gold.values())
    pred_sizes = Counter(cluster(i) for i in gold)
    precision = sum(pair_counts[(gold[i], cluster(i))] / pred_sizes[cluster(i)] for i in gold)
    recall = sum(pair_counts[(gold[i], cluster(i))] / gold_sizes[gold[i]] for i in gold)
    precision /= len(gold)
    recall /= len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def adjusted_rand_index(gold: Mapping[K, Hashable], predicted: Mapping[K, Hashable]) -> float:
    """ARI (Hubert & Arabie) over items present in both mappings, from the contingency table."""
    items = [item for item in gold if item in predicted]
    n = len(items)
    if n < 2:
        return 1.0
    pairs = sum(comb(c, 2) for c in Counter((gold[i], predicted[i]) for i in items).values())
    gold_pairs = sum(comb(c, 2) for c in Counter(gold[i] for i in items).values())
    pred_pairs = sum(comb(c, 2) for c in Counter(predicted[i] for i in items).values())
    expected = gold_pairs * pred_pairs / comb(n, 2)
    maximum = (gold_pairs + pred_pairs) / 2
    if maximum == expected:
        return 1.0
    return (pairs - expected) / (maximum - expected)
