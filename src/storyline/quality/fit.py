"""Fitting the quality weights to pairwise judgements: "this source should rank above that one".

The score is ``base + Σ weight × ramp(signal)`` (``rules.Effect``), so the difference between two
documents' scores is linear in the weights. Given pairs (better, worse) of signal dictionaries,
``fit_weights`` minimises a pairwise logistic loss on those differences (RankNet, Burges et al.
2005) plus an L2 pull towards the prior weights of ``data/quality.toml`` (each effect's
``prior``, set by reasoning; ``weight`` holds the fitted value), keeping each weight's sign (a
penalty stays a penalty). With a few dozen pairs the prior does most of the work and the data
moves the weights that the pairs disagree with; the result is rounded to two decimals and written
back into ``quality.toml`` by hand, with the pairs it was fitted on.

``pairwise_accuracy`` is the measure reported: the share of pairs the score orders right.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storyline.quality.rules import Effect

Signals = Mapping[str, float]


@dataclass(frozen=True)
class Fit:
    weights: dict[str, float]
    loss: float
    accuracy: float


def ramps(effects: Sequence[Effect], signals: Signals) -> list[float]:
    """Each effect's ramp (0–1) for one document: the score is base + Σ weight × ramp."""
    return [e.ramp(signals.get(e.signal, 0.0)) for e in effects]


def score_of(effects: Sequence[Effect], weights: Mapping[str, float], signals: Signals) -> float:
    """The unclipped score above the base."""
    return sum(weights[e.name] * r for e, r in zip(effects, ramps(effects, signals), strict=True))


def pairwise_accuracy(
    effects: Sequence[Effect],
    weights: Mapping[str, float],
    pairs: Sequence[tuple[Signals, Signals]],
) -> float:
    if not pairs:
        return float("nan")
    right = sum(
        score_of(effects, weights, better) > score_of(effects, weights, worse)
        for better, worse in pairs
    )
    return right / len(pairs)


def fit_weights(
    effects: Sequence[Effect],
    pairs: Sequence[tuple[Signals, Signals]],
    *,
    prior_strength: float = 1.0,
    scale: float = 20.0,
    steps: int = 4000,
    learning_rate: float = 0.01,
) -> Fit:
    """Weights that order ``pairs`` (better first) with a margin, near the prior weights.

    ``scale`` turns score differences into logits (0.05 of score ≈ 1 logit at 20).
    """
    prior = [e.prior for e in effects]
    diffs = [
        [b - w for b, w in zip(ramps(effects, better), ramps(effects, worse), strict=True)]
        for better, worse in pairs
    ]
    weights = list(prior)
    n = max(1, len(diffs))
    for _ in range(steps):
        grad = [prior_strength * (w - p) for w, p in zip(weights, prior, strict=True)]
        for diff in diffs:
            margin = scale * sum(w * d for w, d in zip(weights, diff, strict=True))
            pull = -scale / (1.0 + math.exp(min(50.0, margin))) / n
            for k, d in enumerate(diff):
                grad[k] += pull * d
        for k, p in enumerate(prior):
            w = weights[k] - learning_rate * grad[k]
            weights[k] = max(0.0, w) if p > 0 else min(0.0, w) if p < 0 else 0.0
    loss = (
        sum(
            math.log1p(math.exp(-scale * sum(w * d for w, d in zip(weights, diff, strict=True))))
            for diff in diffs
        )
        / n
    )
    fitted = {e.name: round(w, 2) for e, w in zip(effects, weights, strict=True)}
    return Fit(fitted, loss, pairwise_accuracy(effects, fitted, pairs))
