"""Pair scores: the probability that two documents report one real-world event.

A score is a pure function of the two documents (``features``): the same two articles get the
same score whatever else is stored, so the same decision. It is a logistic model over six
signals that hold in news in general, with coefficients fitted once on labelled pairs
(``data/stories.toml`` [pair], where the fit and its data are described):

* ``terms``: cosine of the two texts' words under background weights (what both are about);
* ``when``: cosine of the calendar dates both texts name (reports of one event name its day);
* ``numbers``: cosine of the numbers both texts state (a score, a toll, an amount);
* ``lead_people``: both leads name a person the other text never mentions (two occurrences
  of one kind of event have different protagonists: reports of one event name the same ones);
* ``dates_disjoint``: both texts name calendar dates and share none;
* ``years_disjoint``: both texts name years and share none (two occurrences of one kind of
  event a year or more apart: the same actors, the same words, other years).

Rules stand over the model, because they settle a pair whatever the words say: documents
published more than ``far_days`` apart are two stories; so are documents whose lead events are
of one kind but confidently dated weeks apart (two occurrences of one kind of event), leads that
tell two different acts (``agent_conflicts``), and a document whose news came before a day it
names as still to come, against a document whose news is of that day (``anticipated_news``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from storyline.stories.blocking import Candidates
from storyline.stories.features import NO_DAY, Features
from storyline.text.vectors import pair_cosines

REMOTE = frozenset({"phone", "letter"})  # modes of acts done from afar (not in person)
DIRECTED = frozenset({"visit", "host"})  # modes whose agent defines the act (who travelled)

SIGNALS = ("terms", "when", "numbers", "lead_people", "dates_disjoint", "years_disjoint")


def pair_signals(features: Features, left: np.ndarray, right: np.ndarray) -> dict[str, np.ndarray]:
    """The model's inputs for each pair (rows ``left[i]``, ``right[i]``)."""

    def cosine(vectors: Any) -> np.ndarray:
        if vectors is None:
            return np.zeros(len(left))
        return pair_cosines(vectors.matrix, left, right)

    when = cosine(features.when)
    dated = features.dated
    return {
        "terms": cosine(features.terms),
        "when": when,
        "numbers": cosine(features.numbers),
        "lead_people": np.array(
            [
                _names_missing(features, a, b) and _names_missing(features, b, a)
                for a, b in zip(left.tolist(), right.tolist(), strict=True)
            ],
            dtype=np.float64,
        ),
        "dates_disjoint": (
            dated[left]
            & dated[right]
            & (when <= 0)
            & ~np.array(
                [
                    _same_day_of_year(features, a, b)
                    for a, b in zip(left.tolist(), right.tolist(), strict=True)
                ],
                dtype=bool,
            )
        ).astype(np.float64),
        "years_disjoint": np.array(
            [
                bool(features.years[a])
                and bool(features.years[b])
                and not features.years[a] & features.years[b]
                for a, b in zip(left.tolist(), right.tolist(), strict=True)
            ],
            dtype=np.float64,
        ),
    }


def _same_day_of_year(features: Features, a: int, b: int) -> bool:
    """A day named without its year ("March 4") in one text and the same day with a year in
    the other: not the same key, but no disagreement either."""
    days_a, days_b = features.days_of_year[a], features.days_of_year[b]
    return bool(days_a[0] & (days_b[0] | days_b[1]) or days_b[0] & days_a[1])


def _names_missing(features: Features, row: int, other: int) -> bool:
    """Whether a person named in ``row``'s lead is never mentioned in ``other``."""
    return not features.lead_people[row] <= features.named_words[other]


def pair_probabilities(features: Features, pairs: Candidates, config: dict[str, Any]) -> np.ndarray:
    """P(one event) for each candidate pair: the logistic model, then the date rules."""
    left, right = pairs.left, pairs.right
    model = config["pair"]
    signals = pair_signals(features, left, right)
    logit = np.full(len(left), float(model["bias"]))
    for name in SIGNALS:
        logit += float(model[name]) * signals[name]
    probability = 1.0 / (1.0 + np.exp(-logit))
    return np.where(date_vetoes(features, left, right, config["dates"]), 0.0, probability)


def date_vetoes(
    features: Features, left: np.ndarray, right: np.ndarray, dates: dict[str, Any]
) -> np.ndarray:
    """Pairs published more than ``far_days`` apart, or whose lead events conflict."""
    a, b = features.days[left], features.days[right]
    known = (a != NO_DAY) & (b != NO_DAY)
    gap = np.zeros(len(left))
    gap[known] = np.abs(a[known] - b[known])
    far = known & (gap > dates["far_days"])
    conflicts = lead_event_conflicts(features, left, right, dates["event_conflict_days"])
    anticipated = anticipated_news(features, left, right, dates["event_span_days"])
    return far | conflicts | anticipated | agent_conflicts(features, left, right)


def anticipated_news(
    features: Features, left: np.ndarray, right: np.ndarray, span: int
) -> np.ndarray:
    """Pairs where one document tells news of its own and names, as still to come, the days of
    the other's news: a text cannot report what had not happened when it was written, and its
    own words set the two apart (Putin's call of 28 August saying he will skip the summit "on
    September 9 and 10", and the summit; the signing of accession papers on 26 February and the
    accession "on March 12"). ``span`` is how long one event's news lasts (a summit's two days, a
    visit's three): the other's news falls within it from an anticipated day, and the first
    document's own news lies before it, so day one of a summit that names day two stays whole."""
    news, ahead = features.news_days, features.days_ahead

    def anticipates(a: int, b: int) -> bool:
        own, other = news[a], news[b]
        if own == NO_DAY or other == NO_DAY or other - own <= span:
            return False
        return any(0 <= other - day <= span for day in ahead[a])

    return np.array(
        [
            anticipates(a, b) or anticipates(b, a)
            for a, b in zip(left.tolist(), right.tolist(), strict=True)
        ],
        dtype=bool,
    )


def agent_conflicts(features: Features, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Pairs whose leads tell two different acts (the ECB+ guidelines' criterion for one event:
    the same action, time, place and participants): acts of one kind done by different
    people, each absent from the other's lead (Jaishankar's talks in Moscow and Modi's); two
    visits by different visitors (Modi's visit to Moscow is not Putin's visit to Delhi, though
    both leads name both men); one person's call and the same person's visit."""

    def conflict(a: int, b: int) -> bool:
        one, other = features.lead_agents[a], features.lead_agents[b]
        if one is None or other is None or one[0] != other[0]:
            return False
        if one[2] == other[2]:  # one agent: two acts only when one is remote, one in person
            return bool(one[1] and other[1]) and (one[1] in REMOTE) != (other[1] in REMOTE)
        if one[1] == other[1] and one[1] in DIRECTED:  # Modi's visit is not Putin's visit
            return True
        return one[2] not in features.lead_people[b] and other[2] not in features.lead_people[a]

    return np.array(
        [conflict(a, b) for a, b in zip(left.tolist(), right.tolist(), strict=True)], dtype=bool
    )


def lead_event_conflicts(
    features: Features, left: np.ndarray, right: np.ndarray, days_apart: int
) -> np.ndarray:
    """Pairs whose lead events are of one type, both confidently dated (see
    ``features.lead_event``) more than ``days_apart`` apart: two occurrences of one kind."""
    leads = [e if e is not None and e.confident else None for e in features.lead_events]
    if not any(leads):
        return np.zeros(len(left), dtype=bool)
    types = {t: i for i, t in enumerate(sorted({e.type for e in leads if e is not None}))}
    kind = np.array([types[e.type] if e else -1 for e in leads])
    day = np.array([e.day if e else NO_DAY for e in leads])
    dated = (day[left] != NO_DAY) & (day[right] != NO_DAY)
    gap = np.zeros(len(left))
    gap[dated] = np.abs(day[left][dated] - day[right][dated])
    return (kind[left] >= 0) & (kind[left] == kind[right]) & dated & (gap > days_apart)
