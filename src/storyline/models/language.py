"""The language layer: temporal expressions, entity mentions and canonical entities, figures."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from storyline.models.provenance import Provenance

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
FigureKind = Literal["money", "percent", "count", "duration", "ordinal"]
FigureStatus = Literal["corroborated", "conflicting", "related", "series", "single-source"]
ClaimKind = Literal["actual", "target", "forecast", "cumulative", "record"]
EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK", "EVENT"]


class Timex(BaseModel):
    """A temporal expression normalised TIMEX3-style against the document's date."""

    id: str = Field(description="Unique within the document, e.g. 't3'.")
    text: str
    type: TimexType
    value: str | None = Field(
        default=None,
        description="TIMEX3 value (2024-03-18, 2023-12, P22M, PRESENT_REF); null if unresolved.",
    )
    anchored: bool = Field(
        default=False, description="True when the value depends on the document date."
    )
    range_end: str | None = Field(
        default=None, description="End value for ranges ('December 25 to 29')."
    )
    rule: str = Field(description="Which normalisation rule produced the value.")
    provenance: Provenance


class Mention(BaseModel):
    """One occurrence of a named thing in a document."""

    text: str
    label: EntityType
    model_label: str = Field(description="The label spaCy gave before corpus correction.")
    entity_id: str | None = None
    role: str | None = Field(default=None, description="A role stated next to this mention.")
    title: str | None = Field(
        default=None, description="Title or honorific written before the name ('PM', 'President')."
    )
    alias: str | None = Field(
        default=None, description="Handle or acronym given after the name ('@narendramodi', 'SCO')."
    )
    provenance: Provenance


class Entity(BaseModel):
    """One real-world thing across the corpus, with all the names it goes by."""

    id: str
    name: str
    type: EntityType
    roles: list[str] = Field(default_factory=list)
    known_roles: list[str] = Field(
        default_factory=list,
        description=(
            "Roles the PETRARCH2 actor dictionary gives this person on the dates of the "
            "articles that name them (its records end about 2015); roles stated in the "
            "text are in roles."
        ),
    )
    aliases: list[str] = Field(default_factory=list)
    linked_to: str | None = Field(
        default=None, description="Entity id this one refers to (NORP → GPE)."
    )
    mention_count: int = 0
    documents: list[str] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)


class Figure(BaseModel):
    """A number claimed in a text: money, percentage, count, duration or ordinal."""

    # JSON has no inf/NaN: a stored infinite value would read back as null and fail.
    model_config = ConfigDict(allow_inf_nan=False)

    id: str
    kind: FigureKind
    text: str
    value: float
    unit: str | None = Field(
        default=None, description="Currency code, '%', a counted noun, 'month' …"
    )
    qualifier: str | None = Field(
        default=None, description="over / about / under / target / record …"
    )
    qualifiers: list[str] = Field(
        default_factory=list,
        description="Every qualifier found, main one first ('over', 'record').",
    )
    period: str | None = Field(
        default=None,
        description="Period the figure refers to, normalised: 2023, 2023-03, 2023-03-20, FY2025 "
        "(the fiscal year ending in 2025), 2022-04/2022-08, 2023-H1, 2023-Q3, 2014/.. (since).",
    )
    claim: ClaimKind = Field(
        default="actual",
        description="Kind of claim: actual, target, forecast, cumulative (a running total) or "
        "record; figures are compared only within one kind.",
    )
    horizon: bool = Field(
        default=False, description="The period is a deadline ('by 2030'), not the period measured."
    )
    reported: str | None = Field(
        default=None,
        description="Publication date of its document: the implicit time of an unstated period.",
    )
    measure: str = Field(description="What it measures, a short normalised phrase.")
    measure_key: str = Field(description="Normalised key used to group figures across documents.")
    participants: list[str] = Field(
        default_factory=list,
        description="Parties of the measure as the text names them ('India', 'Russia').",
    )
    context: list[str] = Field(
        default_factory=list,
        description="Party keys named around the figure (its sentence, else the title): used only "
        "to tell apart figures whose measure names no parties.",
    )
    provenance: Provenance


class FigureGroup(BaseModel):
    """Figures from one or more documents that measure the same thing."""

    id: str
    measure: str
    figure_ids: list[str]
    documents: list[str]
    status: FigureStatus | None = None
    explanation: str | None = None
    related: list[str] = Field(
        default_factory=list,
        description="Ids of groups of the same measure for other periods or kinds of claim.",
    )


class BriefedFigureGroup(FigureGroup):
    """A figure group as briefing.json lists it: its members by id and, when it compares
    documents, an example figure of each value it compares, to read in its sentence. Every
    figure stays in the store (``storyline export`` writes them, table ``figures``); a group
    of one document names its value and document in ``explanation``."""

    examples: list[Figure] = Field(
        default_factory=list,
        description="When its figures come from more than one document: the first figure of "
        "each of its first values, with its evidence sentence (`figure_ids` names them all).",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_group(cls, data: Any) -> Any:
        """A stored ``FigureGroup`` is accepted where the briefing's is expected."""
        if isinstance(data, FigureGroup) and not isinstance(data, BriefedFigureGroup):
            return dict(data)
        return data
