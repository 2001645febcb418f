"""Documents: what ingest produces and every later stage reads.

Offsets in this module (``Block``, ``Removal.start``) are character offsets: blocks index
``Document.text`` (the clean text), removals index ``Document.raw_text``.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field, PrivateAttr, field_validator, model_validator

SourceKind = Literal["txt", "html", "json", "jsonl", "feed", "url"]
DateSource = Literal["field", "dateline", "embedded-post", "html-meta", "in-text"]
RemovalKind = Literal["furniture", "repeat", "metadata"]
BlockKind = Literal["heading", "paragraph", "list-item", "question"]


class Removal(BaseModel):
    """A piece of raw text the cleaner took out, kept so a user can audit it."""

    text: str
    kind: RemovalKind
    rule: str = Field(description="Name of the rule that fired, e.g. 'widget', 'teaser'.")
    start: int = Field(description="Offset of the removed text in raw_text.")
    end: int
    evidence: str | None = Field(
        default=None,
        description="Why the rule fired, in words: the phrase, position, shape or repetition.",
    )


class Block(BaseModel):
    """A structural block of the clean text (a heading, a paragraph, a list item)."""

    kind: BlockKind
    start: int
    end: int


class Dateline(BaseModel):
    """The place (and maybe date) that opens a news story: 'New Delhi, Dec 28:'."""

    raw: str
    place: str
    region: str | None = None
    date_text: str | None = None


class PublicationDate(BaseModel):
    """A candidate or chosen publication date with where it came from."""

    value: str = Field(description="ISO date, YYYY-MM-DD.")
    source: DateSource
    confidence: float
    evidence: str = Field(description="The text the date was read from.")
    note: str = Field(default="", description="Why this date was read from that text.")


class RawRecord(BaseModel):
    """One article as read from an input, before cleaning: the seam between ingest and clean."""

    source: str = Field(description="Path, URL or 'path#n' of the record inside a file.")
    kind: SourceKind
    suggested_id: str | None = None
    text: str
    title: str | None = None
    url: str | None = None
    byline: str | None = None
    date_field: str | None = Field(
        default=None, description="A date given by the input's own fields."
    )
    html_date: str | None = Field(
        default=None, description="Original date htmldate found in the page."
    )
    html_date_method: Literal["metadata", "text"] | None = Field(
        default=None,
        description="Where htmldate found it: the page's metadata, or (extensive search) its text.",
    )
    already_extracted: bool = Field(
        default=False,
        description="True when an extractor (trafilatura) produced the text from HTML.",
    )


class DocumentHeader(BaseModel):
    """What is known of an article besides its text: where it came from, its title, byline and
    dateline, and its publication date with the evidence. ``Document`` adds the texts;
    ``DocumentRef`` (the briefing's listing) adds their size instead."""

    id: str
    source: str
    source_kind: SourceKind
    url: str | None = None
    title: str | None = None
    byline: str | None = None
    dateline: Dateline | None = None
    published: str | None = Field(default=None, description="ISO date or null when undated.")
    date_source: DateSource | None = None
    date_confidence: float = 0.0
    date_evidence: str | None = None
    date_note: str | None = Field(
        default=None, description="Why the publication date was read from its evidence."
    )

    @field_validator("published")
    @classmethod
    def _iso_day(cls, value: str | None) -> str | None:
        """Every stage reads ``published`` as YYYY-MM-DD; anything else is refused here."""
        if value is not None:
            if len(value) != 10:
                raise ValueError(f"published must be an ISO day (YYYY-MM-DD), not {value!r}")
            date.fromisoformat(value)  # raises ValueError on a day the calendar lacks
        return value


class Document(DocumentHeader):
    """A cleaned, dated article: the unit every later stage reads."""

    raw_text: str
    text: str = Field(description="Clean body text; all spans of later stages index into it.")
    blocks: list[Block] = Field(default_factory=list)
    removed: list[Removal] = Field(default_factory=list)
    content_hash: str = Field(description="Hash of the normalised clean text (re-ingest key).")
    # The raw text's length when it was left in the store (``without_raw_text``): the
    # cross-document stages read the raw text only for its length, and on an HTML pile the raw
    # page is most of a document's memory. A private attribute, so no schema or output changes.
    _raw_chars: int | None = PrivateAttr(default=None)

    @property
    def furniture(self) -> list[Removal]:
        return [r for r in self.removed if r.kind == "furniture"]

    @property
    def raw_chars(self) -> int:
        """Characters of the raw text, whether or not it was read back with the document."""
        return len(self.raw_text) if self._raw_chars is None else self._raw_chars

    @classmethod
    def without_raw_text(cls, fields: dict[str, Any], raw_chars: int) -> Document:
        """A document whose raw text stayed in the store: ``raw_text`` is empty and
        ``raw_chars`` gives the length it has there. For readers that need only the length
        (the cross-document stages); anything that reads the raw text itself (the cleaner, an
        export) reads whole documents."""
        document = cls.model_validate({**fields, "raw_text": ""})
        document._raw_chars = raw_chars
        return document

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]


#: Characters of clean text a ``DocumentRef`` keeps to name an untitled source.
OPENING_CHARS = 200

#: The fields of a ``Document`` a ``DocumentRef`` leaves in the store: the texts and their layout.
TEXT_FIELDS = frozenset({"raw_text", "text", "blocks"})


class DocumentRef(DocumentHeader):
    """A document as the briefing lists it: everything but its texts, which stay in the store
    (``storyline export`` writes them out). It keeps the briefing's size proportional to what
    was found, not to how much was read; what the cleaner removed stays, for the audit."""

    removed: list[Removal] = Field(default_factory=list)
    content_hash: str = Field(description="Hash of the normalised clean text (re-ingest key).")
    characters: int = Field(default=0, description="Length of the clean text, in characters.")
    words: int = Field(default=0, description="Words in the clean text.")
    opening: str = Field(
        default="",
        description=f"The first {OPENING_CHARS} characters of the clean text (names an "
        "untitled source).",
    )
    quality: float | None = Field(
        default=None,
        description="Its source-quality score, 0–1: how far the briefing can lean on it "
        "(`storyline export` writes the signals and reasons behind it, table `quality`).",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_document(cls, data: Any) -> Any:
        """A whole ``Document`` is accepted where a reference is expected (and trimmed)."""
        return _reference_fields(data) if isinstance(data, Document) else data

    @classmethod
    def of(cls, document: Document, quality: float | None = None) -> DocumentRef:
        return cls.model_validate({**_reference_fields(document), "quality": quality})


def _reference_fields(document: Document) -> dict[str, Any]:
    fields = {k: getattr(document, k) for k in Document.model_fields if k not in TEXT_FIELDS}
    fields["characters"] = len(document.text)
    fields["words"] = len(document.text.split())
    fields["opening"] = document.text[:OPENING_CHARS]
    return fields


class Skipped(BaseModel):
    """An input that could not be ingested, with a one-line reason naming the problem.

    Many records of one input skipped for the same reason are one ``Skipped``: ``source`` names
    the input, ``count`` how many records, ``examples`` where the first ones were."""

    source: str
    reason: str
    count: int = Field(default=1, ge=1, description="Records this line stands for.")
    examples: list[str] = Field(
        default_factory=list, description="Where the first of several skipped records were."
    )
