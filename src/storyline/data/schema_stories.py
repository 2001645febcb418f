"""Shape of the stories table (``stories.toml``): near-duplicates, the pair model, storylines
and labels.

Kept apart from ``schema_analysis`` so that each schema module stays under the size limit; see
``storyline.data.schema`` for why the tables are checked and how.
"""

from __future__ import annotations

from storyline.data.schema_analysis import Closed, Words


class Duplicates(Closed):
    shingle_words: int
    num_perm: int
    seed: int
    threshold: float
    bands: int
    rows: int


class StoryVectors(Closed):
    lead_sentences: int
    lead_weight: float
    name_weight: float


class WhenWeights(Closed):
    """Information content of a named date by its granularity (fixed, not from the pile)."""

    date: float
    day: float
    month: float
    year: float


class Blocking(Closed):
    top_terms: int
    window: int
    min_shared: int


class PairModel(Closed):
    """The logistic pair model: a bias, one weight per signal, and the joining threshold."""

    bias: float
    terms: float
    when: float
    numbers: float
    lead_people: float
    dates_disjoint: float
    years_disjoint: float
    threshold: float


class StoryDates(Closed):
    far_days: int
    event_conflict_days: int
    trusted_factuality: Words
    news_factuality: Words
    event_span_days: int


class StorylineSettings(Closed):
    threshold: float
    top_terms: int


class StoryLabel(Closed):
    max_actors: int
    max_words: int
    min_event_actors: int
    max_entity_ids: int
    locative_prepositions: Words
    modes: dict[str, str]
    types: dict[str, str]


class StorySettings(Closed):
    duplicates: Duplicates
    vectors: StoryVectors
    when_weights: WhenWeights
    blocking: Blocking
    pair: PairModel
    dates: StoryDates
    storylines: StorylineSettings
    label: StoryLabel
