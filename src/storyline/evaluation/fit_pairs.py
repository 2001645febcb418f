"""Fit the story pair model (``data/stories.toml`` [pair]) on the ECB+ tuning topics.

Every pair of documents inside one ECB+ topic of the tuning part is a labelled example: one
event (same ecb/ecbplus half) or two occurrences of one kind of event (the two halves). The
signals are ``stories.scoring.pair_signals``; the model is a logistic regression fitted by
Newton's method with a small L2 penalty. Pairs of unrelated topics are left out: their word
cosine alone keeps them apart, and thousands of easy negatives would only move the bias.

    python -m storyline.evaluation.fit_pairs ../shared/eval/ecbplus

prints the [pair] coefficients to paste into ``data/stories.toml`` (the threshold is chosen
separately, by B-cubed F1 of the per-topic piles on the tuning part).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import numpy as np

L2_PENALTY = 1e-3
NEWTON_STEPS = 50


def fit_logistic(x: np.ndarray, y: np.ndarray, penalty: float = L2_PENALTY) -> np.ndarray:
    """Weights (bias first) of a logistic regression of ``y`` on ``x`` (Newton, L2)."""
    design = np.column_stack([np.ones(len(x)), x])
    weights = np.zeros(design.shape[1])
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-design @ weights))
        gradient = design.T @ (p - y) + penalty * weights
        hessian = (design * (p * (1 - p))[:, None]).T @ design + penalty * np.eye(len(weights))
        weights -= np.linalg.solve(hessian, gradient)
    return weights


def tuning_pairs(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """The signals and labels of every within-topic pair of the tuning part."""
    from storyline.evaluation.ecbplus import prepare_corpus, read_corpus
    from storyline.evaluation.splits import in_part
    from storyline.pipeline.analyse import analyse_documents
    from storyline.stories.cluster import load_config
    from storyline.stories.features import document_features
    from storyline.stories.scoring import SIGNALS, pair_signals

    gold = [d for d in read_corpus(path) if in_part(d.topic, "tuning")]
    event = {d.name: (d.topic, d.event) for d in gold}
    docs = sorted(prepare_corpus(gold, date.today()), key=lambda d: d.id)
    analyses = {a.doc_id: a for a in analyse_documents(docs)}
    features = document_features(docs, analyses, load_config())
    pairs = [
        (i, j)
        for i in range(len(docs))
        for j in range(i + 1, len(docs))
        if event[docs[i].id][0] == event[docs[j].id][0]
    ]
    left, right = (np.array(side, dtype=np.int64) for side in zip(*pairs, strict=True))
    signals = pair_signals(features, left, right)
    x = np.column_stack([signals[name] for name in SIGNALS])
    y = np.array([event[docs[i].id] == event[docs[j].id] for i, j in pairs], dtype=np.float64)
    return x, y


def main(path: str) -> None:  # pragma: no cover - a maintenance command
    from storyline.stories.scoring import SIGNALS

    x, y = tuning_pairs(Path(path))
    weights = fit_logistic(x, y)
    print(f"# {len(y)} pairs, {int(y.sum())} of one event")
    print(f"bias = {weights[0]:.3f}")
    for name, weight in zip(SIGNALS, weights[1:], strict=True):
        print(f"{name} = {weight:.3f}")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1])
