"""Political events (PLOVER types and modes) and the timeline."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, model_validator

from storyline.models.provenance import Provenance

Factuality = Literal["asserted", "negated", "planned", "hypothetical", "reported"]
#: What an event's date was read from.
DateBasis = Literal["timex", "document-date", "none"]
#: Factualities of events told as having happened (reported speech included): what a timeline
#: shows and a summary may state as fact.
HAPPENED: frozenset[str] = frozenset({"asserted", "reported"})


class Actor(BaseModel):
    """An event participant: a canonical entity, with country and sector where known."""

    text: str
    entity_id: str | None = None
    name: str | None = None
    label: str | None = Field(default=None, description="Entity type of the mention: PERSON, GPE …")
    country: str | None = None
    sector: str | None = None
    start: int | None = Field(
        default=None,
        description="Span in Document.text of the entity mention the actor resolves to (of the "
        "phrase itself when it names no entity); ``text`` is the whole naming phrase.",
    )
    end: int | None = None
    rule: str | None = Field(
        default=None, description="How the words were read: name, apposition …"
    )


#: How a theme stands to its event's verb: an infinitive ("to resume talks"), a finite clause
#: ("that Ukraine withdraw"), a prepositional object ("on a joint declaration"), or the thing
#: acted on ("four agreements").
ThemeKind = Literal["to", "that", "prep", "thing"]


class Theme(BaseModel):
    """What an agreement, demand, gift or refusal is about, read from the trigger's syntax: the
    news of "X and Y agreed" is what they agreed to."""

    text: str = Field(
        description="The phrase as the label says it (a demanded clause's verb in its base form: "
        "'that Ukraine withdraw'); otherwise the document's words."
    )
    kind: ThemeKind
    head: str = Field(description="Lemma of the phrase's head word (how mentions are compared).")
    start: int = Field(description="Span in Document.text of the words the phrase was read from.")
    end: int


class Wording(BaseModel):
    """An act as its report words it, for a label where the type's gloss says too little:
    "issued an arrest warrant against him", not "coerced" (events/told.py)."""

    text: str = Field(description="The report's words: the verb group and what follows it.")
    own_subject: bool = Field(
        default=False,
        description="The words start with their own subject (an agentless passive: 'a balloon "
        "was shot down'); otherwise a label puts the event's sources before them.",
    )
    subject: str | None = Field(
        default=None,
        description="The subject as written, said where the event names no source ('A court "
        "in Lisbon'); None with ``own_subject`` or a pronoun subject.",
    )
    targets: list[tuple[int, int]] = Field(
        default_factory=list,
        description="Offsets in ``text`` of the words that name the event's targets, which a "
        "label says by their canonical names.",
    )


class EventMention(BaseModel):
    """One event as coded from one sentence of one document."""

    id: str
    type: str = Field(description="PLOVER event type, e.g. CONSULT (or the extension ELECT).")
    mode: str | None = Field(
        default=None,
        description="PLOVER mode (phone, visit, host …) or a storyline extension (meet, letter, "
        "praise, sign: see data/plover_lexicon.tsv).",
    )
    cameo: str | None = Field(default=None, description="Nearest CAMEO code, e.g. 040.")
    trigger: str
    source: list[Actor] = Field(default_factory=list)
    target: list[Actor] = Field(default_factory=list)
    location: str | None = None
    date: str | None = None
    date_end: str | None = Field(
        default=None, description="Last day for a range ('December 25 to 29')."
    )
    date_basis: DateBasis = "none"
    date_text: str | None = None
    factuality: Factuality = "asserted"
    factuality_cue: str | None = Field(
        default=None, description="The words that decided factuality."
    )
    cotemporal: list[str] = Field(
        default_factory=list, description="Ids of mentions coordinated with this one (same time)."
    )
    generic: bool = Field(
        default=False,
        description="A present-tense statement of a habit or state, not one occurrence.",
    )
    theme: Theme | None = Field(
        default=None, description="What was agreed, demanded, given or refused, where syntax says."
    )
    wording: Wording | None = Field(
        default=None,
        description="The act in the report's words, where the type's label would only gloss it.",
    )
    rule: str = Field(description="Lexicon entry / pattern that coded the event.")
    explanation: str = Field(default="", description="Which rule fired on which tokens.")
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
    date_end: str | None = None
    date_basis: DateBasis = "none"
    factuality: Factuality = "asserted"
    generic: bool = Field(
        default=False, description="Every mention is a habit or state, not an episode."
    )
    theme: Theme | None = Field(
        default=None, description="The theme of its most informative mention (events/themes.py)."
    )
    documents: list[str] = Field(default_factory=list)
    mention_count: int = Field(
        default=0,
        description="How many mentions it has; `mentions` may hold only examples (the "
        "briefing's). Filled from `mentions` when not given.",
    )
    mentions: list[EventMention] = Field(default_factory=list)
    explanation: str = Field(
        default="", description="Why these mentions are one event; date inheritance."
    )

    @model_validator(mode="after")
    def _count_mentions(self) -> Event:
        """An event made from its mentions (the merge, a stored row) counts them itself, so
        the count is right wherever the event comes from; a briefed event, which keeps only
        example mentions, is given its count."""
        if self.mention_count < len(self.mentions):
            self.mention_count = len(self.mentions)
        return self


class TimelineEntry(BaseModel):
    """An event placed on the timeline; undated events sort after dated ones."""

    event_id: str
    date: str | None
    date_end: str | None = None
    label: str
    type: str
    mode: str | None = None
    factuality: Factuality = "asserted"
    location: str | None = None
    documents: list[str]
    evidence: list[Provenance]
