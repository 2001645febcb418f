"""The shape of every packaged settings table, checked when the table is loaded.

A table is data a person edits by hand; a misspelt key or a string where a number belongs would
otherwise surface far from its cause (a threshold silently missing, a crash in a stage). Each
file has a pydantic model here; ``storyline.data.read_toml`` validates the parsed file against
it and raises ``SettingsError`` naming the file and the key. Keys are closed (``extra="forbid"``)
except in tables that are maps by nature (word → value), typed as ``dict``. The models describe
shapes only: where each value comes from is written next to it in the TOML file.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from storyline.data.schema_analysis import (
    CameoPloverSettings,
    Closed,
    EventSettings,
    EventTriggerSettings,
    QualitySettings,
    SummarySettings,
    Words,
)
from storyline.data.schema_ask import AskFrameSettings
from storyline.data.schema_figures import FigureSettings
from storyline.data.schema_stories import StorySettings


# -- ingest ------------------------------------------------------------------------------------
class FurnitureRule(Closed):
    name: str
    pattern: str
    where: Literal["anywhere", "outside", "edge"]
    max_len: int
    peel: bool = False
    ends: bool = False
    opens: bool = False


class LineShape(Closed):
    function_words: Words
    prose_min_words: int
    prose_long_words: int
    prose_long_function_words: int
    english_min_share: float
    prose_min_chars: int
    prose_long_chars: int
    headline_max_words: int
    label_max_words: int
    segment_max_words: int


class HeaderZone(Closed):
    crosshead_min_words: int
    crosshead_min_function_words: int
    byline_after_title_lines: int
    desk_byline: str
    date_line_coverage: float
    date_line_max_words: int


class TitleWords(Closed):
    masthead_words: Words


class Chrome(Closed):
    max_words: int
    words: Words
    widget_words: Words


class Repetition(Closed):
    min_documents: int
    min_site_documents: int
    min_contexts: int
    max_chars: int


class FurnitureSettings(Closed):
    rule: list[FurnitureRule]
    shape: LineShape
    header: HeaderZone
    titles: TitleWords
    chrome: Chrome
    repetition: Repetition


# -- publication and event dates --------------------------------------------------------------
class DateLabels(Closed):
    published: Words
    updated: Words


class CopyrightMarkers(Closed):
    markers: Words


class DateLines(Closed):
    stamp_words: int
    byline_words: int
    prose_words: int
    header_lines: int
    footer_lines: int


class NumericDates(Closed):
    day_first_zones: Words
    month_first_zones: Words
    default_order: Literal["day-first", "month-first"]


class EventDating(Closed):
    present_cues: Words
    lede_sentences: int
    other_time_words: Words
    other_time_phrases: Words
    ordering_marks: Words
    same_time_marks: Words
    attribution_verbs: Words
    time_nouns: Words
    event_noun_suffixes: Words


class DateSettings(Closed):
    labels: DateLabels
    copyright: CopyrightMarkers
    lines: DateLines
    numeric: NumericDates
    confidence: dict[str, float]
    event_dating: EventDating


# -- timex -------------------------------------------------------------------------------------
class VagueNumbers(Closed):
    words: Words


class TimexCues(Closed):
    modifiers: Words
    context_words: Words
    future_aux: Words
    future_verbs: Words
    awaiting_verbs: Words
    future_phrases: Words
    earlier_plan_words: Words
    past_modifiers: Words
    future_modifiers: Words
    max_drift_days: int
    amount_words: Words


class TimexRule(Closed):
    name: str
    pattern: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    normaliser: str
    context: str | None = None


class TimexSettings(Closed):
    numbers: dict[str, float]
    vague_numbers: VagueNumbers
    ordinals: dict[str, int]
    units: dict[str, str]
    seasons: dict[str, str]
    season_months: dict[str, list[int]]
    parts_of_day: dict[str, str]
    deictic: dict[str, int]
    holidays: dict[str, list[int]]
    floating_holidays: dict[str, list[int]]
    refs: dict[str, str]
    sets: dict[str, str]
    per_unit: dict[str, str]
    cues: TimexCues
    rule: list[TimexRule]


# -- entities ----------------------------------------------------------------------------------
class Title(Closed):
    sector: str
    variants: Words = Field(default_factory=list)
    same_as: str | None = None


class TitleSettings(Closed):
    honorifics: Words
    counterparts: Words
    name_triggers: Words
    qualifiers: Words
    titles: dict[str, Title]


class Country(Closed):
    demonyms: Words = Field(default_factory=list)
    capitals: Words = Field(default_factory=list)
    aliases: Words = Field(default_factory=list)


class PlaceSettings(Closed):
    definite: Words
    capitals_also_names: Words
    countries: dict[str, Country]
    seats: dict[str, str]


class CitySettings(Closed):
    also_names: Words
    regions: Words
    cities: dict[str, Words]
    same_city: dict[str, str]


class Organisation(Closed):
    aliases: Words = Field(default_factory=list)


class OrganisationSettings(Closed):
    legal_suffixes: Words
    organisations: dict[str, Organisation]
    sector_words: dict[str, str]
    name_heads: dict[str, str]


class ParticipantSettings(Closed):
    credit_openers: Words
    desk_words: Words
    time_zones: Words
    honour_verbs: Words
    honour_starts: Words
    honour_ends: Words


class EntityLabelSettings(Closed):
    locative_prepositions: Words
    at_place_verbs: Words
    at_place_nouns: Words
    natural_feature_heads: Words
    venue_nouns: Words
    weapon_nouns: Words
    craft_nouns: Words
    launch_verbs: Words
    launched_body_heads: Words
    made_thing_nouns: Words


class ActorCodeSettings(Closed):
    roles: dict[str, str]


# -- report ------------------------------------------------------------------------------------
class ReportGraph(Closed):
    max_nodes: int
    max_actors_per_event: int
    iterations: int


class ReportSettings(Closed):
    event_tone: dict[str, Words]
    factuality: dict[str, Words]
    graph: ReportGraph
    limits: dict[str, int]


#: file name (under storyline/data, or the report's assets) → the model of its contents
SCHEMAS: dict[str, type[BaseModel]] = {
    "furniture.toml": FurnitureSettings,
    "dates.toml": DateSettings,
    "timex.toml": TimexSettings,
    "entities_titles.toml": TitleSettings,
    "entities_places.toml": PlaceSettings,
    "entities_cities.toml": CitySettings,
    "entities_orgs.toml": OrganisationSettings,
    "entities_participants.toml": ParticipantSettings,
    "entities_labels.toml": EntityLabelSettings,
    "entities_actor_codes.toml": ActorCodeSettings,
    "events.toml": EventSettings,
    "cameo_plover.toml": CameoPloverSettings,
    "events_triggers.toml": EventTriggerSettings,
    "figures.toml": FigureSettings,
    "stories.toml": StorySettings,
    "quality.toml": QualitySettings,
    "summary.toml": SummarySettings,
    "ask.toml": AskFrameSettings,
    "report.toml": ReportSettings,
}
