"""Shapes of the figure tables (``data/figures.toml``): number words, units, periods, measures.

Kept apart from ``schema_analysis`` because the figure table is the largest; see
``storyline.data.schema`` for why the tables are checked and how.
"""

from __future__ import annotations

from storyline.data.schema_analysis import Closed, Words


# -- figures -----------------------------------------------------------------------------------
class NumberWords(Closed):
    units: dict[str, int]
    tens: dict[str, int]
    multipliers: dict[str, int]


class Currencies(Closed):
    prefix: dict[str, str]
    suffix: dict[str, str]


class PercentWords(Closed):
    percent: Words
    points: Words


class OrdinalWords(Closed):
    words: dict[str, int]
    uncounted: Words


class DurationWords(Closed):
    units: dict[str, str]
    relative_after: Words
    relative_before: Words
    hedges: Words
    window_nouns: Words


class CountWords(Closed):
    anaphoric_before: Words
    ignored_words: Words
    uncounted: Words
    label_before: Words


class FigureDates(Closed):
    months: dict[str, int]
    year_min: int
    year_max: int
    year_prepositions: Words
    time_after: Words
    relative_years: dict[str, int]


class Qualifiers(Closed):
    over: dict[str, Words]
    about: dict[str, Words]
    under: dict[str, Words]
    target: dict[str, Words]
    forecast: dict[str, Words]
    record: dict[str, Words]
    cumulative: dict[str, Words]
    precedence: Words
    deadline_prepositions: Words


class Membership(Closed):
    head: str
    members: Words
    verbs: Words
    counted: Words


class MeasureWords(Closed):
    generic: Words
    frames: Words
    rise: Words
    fall: Words
    rise_words: Words
    fall_words: Words
    level_verbs: Words
    source_verbs: dict[str, str]
    supplier_verbs: Words
    drop_modifiers: Words
    same_quantity: dict[str, Words]
    scope_words: Words
    implied_modifiers: Words
    predicate_classes: dict[str, Words]
    event_modes: dict[str, str]
    travel_means: Words
    membership: Membership


class Participants(Closed):
    priority: Words


class Grouping(Closed):
    relative: float
    bound: float


class Verbs(Closed):
    participles: dict[str, str]


class FigureSettings(Closed):
    numbers: NumberWords
    scales: dict[str, float]
    scales_attached: dict[str, float | Words]
    currencies: Currencies
    percent: PercentWords
    ordinals: OrdinalWords
    durations: DurationWords
    counts: CountWords
    dates: FigureDates
    qualifiers: Qualifiers
    measures: MeasureWords
    participants: Participants
    grouping: Grouping
    verbs: Verbs
