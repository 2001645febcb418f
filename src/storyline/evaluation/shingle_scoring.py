"""The ScrapingHub article-extraction benchmark's metric, re-implemented from its own
``evaluate.py`` (scrapinghub/article-extraction-benchmark):

- tokens are the ``\\w+`` runs of the text (Unicode word characters, case kept);
- each text becomes a multiset of 4-token shingles (a text shorter than 4 tokens is one shingle);
- per page, TP/FP/FN are the multiset overlaps, normalised to sum to 1 so that long pages do not
  weigh more;
- precision is the mean over pages with something predicted, recall the mean over pages with
  gold text, and F1 is the harmonic mean of those two means (not a mean of per-page F1s).

A bootstrap over pages gives the 95% intervals. ``scrapinghub`` runs the extractions and
reports; this module only scores text against text.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence

SHINGLE_N = 4  # the benchmark's default n-gram size
BOOTSTRAP_SAMPLES = 1000  # as in the benchmark; 95% interval = 1.96 standard deviations
BOOTSTRAP_SEED = 7  # fixed: the report is deterministic

_TOKEN = re.compile(r"\w+")

Counts = tuple[float, float, float]  # normalised (tp, fp, fn) of one page


def tokenize(text: str | None) -> list[str]:
    """The benchmark's tokens: runs of Unicode word characters, case kept."""
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE_N) -> Counter[tuple[str, ...]]:
    """Multiset of n-token shingles; a text of fewer than n tokens is one (shorter) shingle."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def match_counts(true: str | None, pred: str | None, n: int = SHINGLE_N) -> Counts:
    """(TP, FP, FN) over shingles, normalised to sum to 1 (all zero when both are empty)."""
    gold, found = shingles(true, n), shingles(pred, n)
    tp = float(sum((gold & found).values()))
    fp = float(sum((found - gold).values()))
    fn = float(sum((gold - found).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def page_precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def page_recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def page_f1(counts: Counts) -> float:
    p, r = page_precision(*counts), page_recall(*counts)
    return 2 * p * r / (p + r) if p + r else 0.0


def aggregate(pages: Sequence[Counts]) -> tuple[float, float, float]:
    """Benchmark precision, recall, F1: means over the pages where each is defined."""
    precisions = [page_precision(*c) for c in pages if c[0] + c[1] > 0]
    recalls = [page_recall(*c) for c in pages if c[0] + c[2] > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def bootstrap_interval(
    pages: Sequence[Counts], samples: int = BOOTSTRAP_SAMPLES, seed: int = BOOTSTRAP_SEED
) -> tuple[float, float, float]:
    """Half-widths of the 95% intervals of (precision, recall, F1), resampling pages."""
    if len(pages) < 2:
        return 0.0, 0.0, 0.0
    rng = random.Random(seed)
    values: list[tuple[float, float, float]] = []
    for _ in range(samples):
        values.append(aggregate([pages[rng.randrange(len(pages))] for _ in pages]))
    return tuple(1.96 * _stdev([v[i] for v in values]) for i in range(3))  # type: ignore[return-value]


def _stdev(values: Sequence[float]) -> float:
    mean = sum(values) / len(values)
    return (sum((v - mean) ** 2 for v in values) / (len(values) - 1)) ** 0.5
