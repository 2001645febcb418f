"""Scores shared by the eval tasks: precision/recall/F1, B-cubed, adjusted Rand index."""

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
    """B-cubed precision/recall/F1 over items present in both mappings (item → cluster)."""
    items = [item for item in gold if item in predicted]
    if not items:
        return 0.0, 0.0, 0.0
    pair_counts = Counter((gold[i], predicted[i]) for i in items)
    gold_sizes = Counter(gold[i] for i in items)
    pred_sizes = Counter(predicted[i] for i in items)
    precision = sum(pair_counts[(gold[i], predicted[i])] / pred_sizes[predicted[i]] for i in items)
    recall = sum(pair_counts[(gold[i], predicted[i])] / gold_sizes[gold[i]] for i in items)
    precision /= len(items)
    recall /= len(items)
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
