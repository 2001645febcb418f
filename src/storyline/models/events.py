"""Political events (PLOVER types and modes) and the timeline."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from storyline.models.provenance import Provenance

Factuality = Literal["asserted", "negated", "planned", "hypothetical", "reported"]


class Actor(BaseModel):
    """An event participant: a canonical entity, with country and sector where known."""

    text: str
    entity_id: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None


class EventMention(BaseModel):
    """One event as coded from one sentence of one document."""

    id: str
    type: str = Field(description="PLOVER event type, e.g. CONSULT.")
    mode: str | None = Field(None, description="PLOVER mode, e.g. phone, visit, meet.")
    cameo: str | None = Field(None, description="Nearest CAMEO code, e.g. 040.")
    trigger: str
    source: list[Actor] = Field(default_factory=list)
    target: list[Actor] = Field(default_factory=list)
    location: str | None = None
    date: str | None = None
    date_basis: Literal["timex", "document-date", "none"] = "none"
    date_text: str | None = None
    factuality: Factuality = "asserted"
    rule: str = Field(description="Lexicon entry / pattern that coded the event.")
    explanation: str = Field("", description="Which rule fired on which tokens.")
    provenance: Provenance


class Event(BaseModel):
    """A real-world event, merged across documents, with every source that reports it."""

    id: str
    type: str
    mode: str | None = None
    cameo: str | None = None
    label: str
    source: list[Actor] = Field(default_factory=list)
    target: list[Actor] = Field(default_factory=list)
    location: str | None = None
    date: str | None = None
    date_basis: Literal["timex", "document-date", "none"] = "none"
    factuality: Factuality = "asserted"
    documents: list[str] = Field(default_factory=list)
    mentions: list[EventMention] = Field(default_factory=list)


class TimelineEntry(BaseModel):
    """An event placed on the timeline; undated events sort after dated ones."""

    event_id: str
    date: str | None
    label: str
    type: str
    mode: str | None = None
    documents: list[str]
    evidence: list[Provenance]
