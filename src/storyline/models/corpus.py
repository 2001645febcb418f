"""Cross-document results: duplicates, stories, source quality, the summary, the briefing."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from pydantic import BaseModel, Field

from storyline.models.document import DocumentRef, Skipped
from storyline.models.events import Event, EventMention, TimelineEntry
from storyline.models.language import (
    BriefedFigureGroup,
    Entity,
    Figure,
    FigureGroup,
    Mention,
    Timex,
)
from storyline.models.provenance import Provenance, Sentence


class AnalysisError(BaseModel):
    """A per-document stage that raised on one document: the build went on without its output
    (recorded so a user sees which document lost what, instead of a build that stops)."""

    doc_id: str
    stage: str = Field(description="The stage that failed: parse, sentences, timexes, ….")
    error: str = Field(description="What went wrong: the exception's type and message.")


class DocumentAnalysis(BaseModel):
    """Everything the per-document language stages found in one document."""

    doc_id: str
    version: str = Field(description="Analysis version; a change re-runs the per-document stages.")
    sentences: list[Sentence] = Field(default_factory=list)
    timexes: list[Timex] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    events: list[EventMention] = Field(default_factory=list)
    signals: dict[str, float] = Field(default_factory=dict, description="Quality signals.")
    errors: list[AnalysisError] = Field(
        default_factory=list, description="Stages that failed on this document."
    )


class DuplicateGroup(BaseModel):
    """Near-duplicate documents; the canonical one is the earliest / most complete copy."""

    canonical: str = Field(description="The earliest published (then longest) copy.")
    members: list[str] = Field(description="The other copies, canonical order; never dropped.")
    similarity: dict[str, float] = Field(description="member id → estimated Jaccard to canonical")


class Story(BaseModel):
    """Articles about the same real-world event."""

    id: str
    label: str
    documents: list[str]
    first_date: str | None = None
    last_date: str | None = None
    event_ids: list[str] = Field(default_factory=list)
    entity_ids: list[str] = Field(default_factory=list)
    storyline_id: str | None = Field(default=None, description="The storyline it belongs to.")
    method: str = Field(
        default="",
        description="Fingerprint of the clustering settings that made it: a later build "
        "starts from the stored stories only when they were made the same way.",
    )


class Storyline(BaseModel):
    """The thread connecting related stories over time: the same actors, the same kind of
    event (two earthquakes in one region, a sequence of summits between two countries)."""

    id: str
    label: str
    stories: list[str] = Field(description="Story ids, in date order (undated last).")
    documents: list[str] = Field(
        default_factory=list, description="Every document of its stories, story by story."
    )
    first_date: str | None = None
    last_date: str | None = None
    entity_ids: list[str] = Field(
        default_factory=list, description="Entities its stories share, most shared first."
    )
    method: str = Field(default="", description="As ``Story.method``.")


class QualityReason(BaseModel):
    signal: str
    value: float
    effect: float = Field(description="Contribution to the score, signed.")
    reason: str


class Quality(BaseModel):
    """A 0–1 source-quality score with the signals behind it, explained in words."""

    doc_id: str
    score: float
    signals: dict[str, float]
    reasons: list[QualityReason]


class SummarySentence(BaseModel):
    """One extracted sentence; ``evidence[0]`` is the sentence itself, the rest corroborate."""

    text: str = Field(description="The source sentence, at most lightly trimmed.")
    documents: list[str] = Field(description="Source first, then documents reporting the same.")
    date: str | None = Field(default=None, description="Date of the event the sentence reports.")
    evidence: list[Provenance]
    event_ids: list[str] = Field(default_factory=list, description="Events it reports.")
    trimmed: bool = Field(default=False, description="True when a connective or clause was cut.")


class Summary(BaseModel):
    """An extractive summary in chronological order (undated sentences last)."""

    scope: Literal["corpus", "story"]
    story_id: str | None = None
    sentences: list[SummarySentence]
    documents: list[str] = Field(default_factory=list, description="The documents summarised.")


class Briefing(BaseModel):
    """The whole output of a build: what briefing.json holds (see docs/briefing-schema.md)."""

    schema_version: int = Field(
        default=4,
        description="Bumped when a field changes meaning (2: documents are references, their "
        "texts stay in the store; 3: events keep example mentions, as entities do, and the "
        "per-document time expressions moved to `storyline export`; 4: figures are listed by "
        "their groups, every member by id with an example of each value a group compares, "
        "and each document reference carries its quality score; every figure and each "
        "document's quality signals and reasons moved to `storyline export`).",
    )
    generated_by: str = Field(description="storyline and its version.")
    documents: list[DocumentRef] = Field(
        description="Every stored document, by id, without its texts (`storyline export` "
        "writes those), with its quality score."
    )
    skipped: list[Skipped] = Field(
        default_factory=list, description="Inputs of this build that could not be ingested."
    )
    analysis_errors: list[AnalysisError] = Field(
        default_factory=list,
        description="Per-document stages that failed; the rest of each document was analysed.",
    )
    entities: list[Entity] = Field(
        default_factory=list,
        description="Canonical entities, most mentioned first; `mentions` holds examples (the "
        "first mention in each of its first documents), `mention_count` and `documents` all of "
        "them (`storyline export` writes every mention).",
    )
    figure_groups: list[BriefedFigureGroup] = Field(
        default_factory=list,
        description="Figures measuring the same thing, with a status: every figure is in one. "
        "`figure_ids` names all its figures, `examples` shows one of each value it compares "
        "(`storyline export` writes every figure).",
    )
    events: list[Event] = Field(
        default_factory=list,
        description="Events merged across documents, planned and negated ones included; "
        "`mentions` holds examples (the first mention in each of its first documents), "
        "`mention_count` and `documents` all of them (`storyline export` writes every mention).",
    )
    timeline: list[TimelineEntry] = Field(
        default_factory=list, description="Events that happened, by date; undated ones last."
    )
    duplicates: list[DuplicateGroup] = Field(
        default_factory=list, description="Near-duplicate groups."
    )
    stories: list[Story] = Field(default_factory=list, description="Story clusters.")
    storylines: list[Storyline] = Field(
        default_factory=list,
        description="Threads of related stories over time, each listing its stories in date "
        "order; every story is in exactly one.",
    )
    summary: Summary | None = Field(default=None, description="The whole corpus, cited.")
    story_summaries: list[Summary] = Field(
        default_factory=list, description="One cited summary per story."
    )


@dataclass
class BriefingRecords:
    """The full records behind what a ``Briefing`` abridges: every event with all its mentions,
    every figure, and each document's quality with its reasons. briefing.json keeps examples,
    references and scores; the report draws from these (it cites an event in every document
    that reports it, shows every figure of a measure and the reasons behind a source's score),
    read from the store or handed over by the build that has just made them."""

    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    quality: list[Quality] = field(default_factory=list)


T = TypeVar("T")


@dataclass
class CorpusView:
    """Everything the cross-document stages derive; what the store keeps as corpus items."""

    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    duplicates: list[DuplicateGroup] = field(default_factory=list)
    figure_groups: list[FigureGroup] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    storylines: list[Storyline] = field(default_factory=list)
    quality: list[Quality] = field(default_factory=list)
    summary: Summary | None = None
    story_summaries: list[Summary] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    #: each stage's CPU seconds in this process, beside its wall time: on a machine shared
    #: with other work the wall time of one stage says little (``storyline bench --big``)
    cpu_timings: dict[str, float] = field(default_factory=dict)

    def timed(self, stage: str, work: Callable[[], T]) -> T:
        began, cpu_began = time.perf_counter(), time.process_time()
        result = work()
        self.timings[stage] = time.perf_counter() - began
        self.cpu_timings[stage] = time.process_time() - cpu_began
        return result
