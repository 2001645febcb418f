"""Shapes of the analysis tables: events, quality, summary and ask.

The figure and story tables have their own modules (``schema_figures``, ``schema_stories``).
See ``storyline.data.schema`` for why the tables are checked and how.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Closed(BaseModel):
    """A table whose keys are all known: an unknown key is a typo, not data."""

    model_config = ConfigDict(extra="forbid")


Words = list[str]


# -- events ------------------------------------------------------------------------------------
class LightVerbs(Closed):
    object: Words
    preposition: dict[str, str]


class EventActors(Closed):
    group_window: int
    group_person_nouns: Words
    group_country_nouns: Words
    group_any_nouns: Words
    definite_country_nouns: Words
    actor_nouns: Words
    theme_words: Words
    collective_heads: Words
    partitive_heads: Words
    place_heads: Words
    giving_verbs: Words
    sending_verbs: Words
    relation_nouns: Words


class EventMerge(Closed):
    in_person_modes: Words
    meeting_acts: Words
    message_modes: Words
    occasion_mode_types: Words
    seizure_of_people: dict[str, str]
    story_window_days: int
    trips: bool
    trip_days: int
    occasion_days: int
    plan_window_days: int
    occasions: bool


class Gatherings(Closed):
    nouns: Words
    attendance: Words
    determiners: Words
    boundary_words: Words
    topic_words: Words
    occasion_cues: Words
    margin_nouns: Words


class ConsultMedium(Closed):
    prepositions: Words
    words: Words


class Constructions(Closed):
    demand_modals: Words
    demand_verbs: Words
    terms_marks: Words


class PloverTone(Closed):
    cooperative: Words
    hostile: Words
    agreement_verbs: Words
    threat_needs_target: Words
    threat_marks: Words


class Themes(Closed):
    max_words: int
    prepositions: dict[str, Words]
    cut_dependents: Words


class WordingSettings(Closed):
    glossed_types: Words
    max_words: int


class LabelPrefix(Closed):
    negated: str
    hypothetical: str


class EventSettings(Closed):
    light_verbs: LightVerbs
    factuality: dict[str, Words]
    actors: EventActors
    roles: dict[str, Words]
    merge: EventMerge
    consult_medium: ConsultMedium
    gatherings: Gatherings
    seats: dict[str, str]
    weapons: dict[str, Words]
    threaten_modes: dict[str, str]
    constructions: Constructions
    plover: PloverTone
    plover_modes: dict[str, str]
    labels: dict[str, Words]
    themes: Themes
    labels_theme: dict[str, Words]
    label_prefix: LabelPrefix
    labels_planned: dict[str, Words]
    labels_planned_theme: dict[str, Words]
    senses: dict[str, Words]
    wording: WordingSettings


class CameoPloverSettings(Closed):
    """CAMEO → PLOVER: the type of each two-digit cue, and codes that map elsewhere."""

    cue: dict[str, str]
    codes: dict[str, list[str]]
    extension_modes: dict[str, str]


class TriggerVerbs(Closed):
    exclude: Words


class TriggerNouns(Closed):
    suffixes: Words
    not_events: Words
    events: Words


class EventTriggerSettings(Closed):
    verbs: TriggerVerbs
    nouns: TriggerNouns


# -- quality -----------------------------------------------------------------------------------
class Effect(Closed):
    signal: str
    weight: float
    prior: float | None = None
    start: float
    full: float


class Sourcing(Closed):
    reporting_verbs: Words
    clause_verbs: Words
    dummy_subjects: Words
    according_to: str
    official_cues: Words
    other_cues: Words
    official_words: Words
    min_quote_words: int
    max_quote_chars: int


class Specificity(Closed):
    role_words: Words
    figure_labels: Words


class Template(Closed):
    faq_heading: str
    step: str
    boilerplate_headings: Words
    caption_rules: Words
    caption_line: str
    faq_rules: Words
    toc_rules: Words
    toc_points: float
    keyword_min_chars: int
    min_stuffed: int
    stuffed_share: float
    stuffed_points: float
    min_numbered: int
    numbered_points: float
    faq_points: float
    question_run_points: float
    min_question_run: int
    step_points: float
    min_steps: int
    boilerplate_points: float
    min_boilerplate: int
    caption_points: float
    density_points: float
    max_heading_density: float
    min_words_for_density: int


class ReportDating(Closed):
    deixis: Words
    dateline_dating: float
    deixis_dating: float
    deixis_full: int


class Filler(Closed):
    pattern: str
    weight: float = 1.0


class Clickbait(Closed):
    second_person: str
    phrases: Words
    listicle: str
    second_person_points: float
    phrase_points: float
    exclamation_points: float
    listicle_points: float
    question_points: float


class QualitySettings(Closed):
    base: float
    max_reasons: int
    min_effect: float
    effect: dict[str, Effect]
    sourcing: Sourcing
    specificity: Specificity
    template: Template
    report: ReportDating
    filler: list[Filler]
    clickbait: Clickbait


# -- summary -----------------------------------------------------------------------------------
class SummaryCandidates(Closed):
    min_words: int
    max_words: int
    skip_blocks: Words
    section_headings: Words
    skip_answers: bool
    meta_patterns: Words
    require_balanced_quotes: bool
    max_filler: float
    embed_pattern: str


class Trim(Closed):
    leading: Words
    trailing_participles: Words
    min_kept_words: int


class SummaryWeights(Closed):
    event: float
    event_off_timeline: float
    event_planned: float
    event_undated: float
    figure: float
    entity: float
    story: float
    term: float
    event_full: float
    event_named: float
    event_partial: float
    occasion_share: float
    quality_floor: float
    min_source_quality: float
    good_source_quality: float
    main_event: float
    generic_penalty: float
    lead_bonus: float
    filler_penalty: float
    anaphor_penalty: float
    length_exponent: float
    max_overlap: float
    anaphors: Words


class Centrality(Closed):
    max_pool: int
    threshold: float
    damping: float
    mmr_lambda: float
    duplicate: float


class SummarySettings(Closed):
    method: str
    max_sentences: int
    story_sentences: int
    min_relative_gain: float
    background_days: int
    candidates: SummaryCandidates
    trim: Trim
    weights: SummaryWeights
    centrality: Centrality


# -- ask ---------------------------------------------------------------------------------------
class AnswerThresholds(Closed):
    min_coverage: float
    min_word_coverage: float
    min_names_in_sentence: float
    min_confidence: float


class LLMSettings(Closed):
    timeout: float
    max_sentences: int
    max_tokens: int
    temperature: float
    max_answer_chars: int
    system: str


class AskSettings(Closed):
    max_question_chars: int
    max_terms: int
    retrieve: int
    event_sentences: int
    max_sentences: int
    stopwords: Words
    irregular: dict[str, str]
    compatible_modes: list[Words]
    qualifier_prefix: Words
    kinds: dict[str, str]
    asked_types: dict[str, Words]
    answer_types: dict[str, Words]
    score: dict[str, float]
    answer: AnswerThresholds
    llm: LLMSettings
