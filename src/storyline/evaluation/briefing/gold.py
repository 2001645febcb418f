"""The briefing gold file (``gold.json``, eval/briefing/FORMAT.md) as typed models.

Every model ignores unknown fields and gives optional fields a default, so a user's own set can
add fields or leave out what it does not annotate (a set without figures simply scores no
figures). ``problems`` lists dangling references instead of failing: a scorer should still score
what it can and say what it could not.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class GoldModel(BaseModel):
    """Base of every gold model: unknown fields are ignored (FORMAT.md, Conventions)."""

    model_config = ConfigDict(extra="ignore")


class GoldDocument(GoldModel):
    file: str | None = None
    outlet: str = ""
    published: str | None = None
    date_style: str = ""
    story: str | None = None
    role: str = ""
    title: str | None = None
    furniture: list[str] = Field(default_factory=list)
    body_must_keep: list[str] = Field(default_factory=list)


class GoldStory(GoldModel):
    label: str = ""
    documents: list[str] = Field(default_factory=list)
    core_event: str | None = None


class GoldEvent(GoldModel):
    id: str
    tier: str = "secondary"
    date: str | None = None
    date_end: str | None = None
    type: str = ""
    accept_types: list[str] = Field(default_factory=list)
    actors: list[str] = Field(default_factory=list)
    location: str | None = None
    story: str | None = None
    documents: list[str] = Field(default_factory=list)
    documents_optional: list[str] = Field(default_factory=list)
    planned_in: list[str] = Field(default_factory=list)
    planned_only: bool = False
    family: list[str] = Field(default_factory=list)
    note: str = ""

    @property
    def types(self) -> set[str]:
        """Accepted types; a set that lists none accepts ``type`` alone."""
        return {t.upper() for t in self.accept_types} or {self.type.upper()}

    @property
    def happened_documents(self) -> set[str]:
        """``documents`` ∪ (``documents_optional`` − ``planned_in``); for a planned-only event its
        ``planned_in`` documents (FORMAT.md: used only to judge precision)."""
        if self.planned_only:
            return set(self.planned_in)
        return set(self.documents) | (set(self.documents_optional) - set(self.planned_in))

    @property
    def all_documents(self) -> set[str]:
        return set(self.documents) | set(self.documents_optional) | set(self.planned_in)


class GoldAnchor(GoldModel):
    doc: str
    sentence: str
    triggers: list[str] = Field(default_factory=list)
    event: str


class GoldPlanned(GoldModel):
    doc: str
    text: str
    event: str | None = None
    triggers: list[str] = Field(default_factory=list)


class GoldFigure(GoldModel):
    doc: str
    text: str = ""
    num: str
    kind: str = ""
    measure: str = ""
    value: float | None = None
    scored: bool = True

    @property
    def ref(self) -> str:
        return f"{self.doc}:{self.num}"


class GoldMeasure(GoldModel):
    description: str = ""
    status: str = "single-source"
    agree: list[str] = Field(default_factory=list)
    conflict: list[str] = Field(default_factory=list)
    note: str = ""

    @property
    def refs(self) -> list[str]:
        return [*self.agree, *self.conflict]


class GoldEntity(GoldModel):
    name: str
    type: str = ""
    variants: list[str] = Field(default_factory=list)
    check_canonical: bool = False

    @property
    def names(self) -> list[str]:
        """Every surface form: the variants and the canonical name, without repeats."""
        return list(dict.fromkeys([self.name, *self.variants]))


class GoldDuplicates(GoldModel):
    canonical: str
    members: list[str] = Field(default_factory=list)
    note: str = ""


class GoldTimex(GoldModel):
    doc: str
    text: str
    value: str


class GoldQuestion(GoldModel):
    question: str
    answer: str = ""
    accept: list[str] = Field(default_factory=list)
    cite: list[str] = Field(default_factory=list)
    cite_ok: list[str] = Field(default_factory=list)
    kind: str = "fact"
    note: str = ""


class Gold(GoldModel):
    name: str = ""
    description: str = ""
    documents: dict[str, GoldDocument]
    stories: dict[str, GoldStory] = Field(default_factory=dict)
    events: list[GoldEvent] = Field(default_factory=list)
    planned_sentences: list[GoldPlanned] = Field(default_factory=list)
    figures: list[GoldFigure] = Field(default_factory=list)
    measures: dict[str, GoldMeasure] = Field(default_factory=dict)
    not_conflicting: list[tuple[str, str]] = Field(default_factory=list)
    entities: list[GoldEntity] = Field(default_factory=list)
    junk_entity_names: list[str] = Field(default_factory=list)
    duplicates: list[GoldDuplicates] = Field(default_factory=list)
    undated: list[str] = Field(default_factory=list)
    timexes: list[GoldTimex] = Field(default_factory=list)
    questions: list[GoldQuestion] = Field(default_factory=list)
    anchors: list[GoldAnchor] = Field(default_factory=list)

    @property
    def events_by_id(self) -> dict[str, GoldEvent]:
        return {e.id: e for e in self.events}

    def story_of(self, doc_id: str) -> str | None:
        """The document's gold story: its own ``story`` field, else the story listing it."""
        doc = self.documents.get(doc_id)
        if doc is not None and doc.story:
            return doc.story
        return next((sid for sid, s in self.stories.items() if doc_id in s.documents), None)

    def problems(self) -> list[str]:
        """Dangling references, worded for the report's notes (the scorer skips such items)."""
        out: list[str] = []
        events = self.events_by_id
        entities = {e.name for e in self.entities}
        for doc in self._referenced_documents():
            if doc not in self.documents:
                out.append(f"gold refers to unknown document {doc!r}")
        for anchor in self.anchors:
            if anchor.event not in events:
                out.append(f"anchor in {anchor.doc} refers to unknown event {anchor.event!r}")
        for event in self.events:
            out += [
                f"event {event.id}: actor {a!r} is not a gold entity"
                for a in event.actors
                if a not in entities
            ]
        for sid, story in self.stories.items():
            if story.core_event and story.core_event not in events:
                out.append(f"story {sid}: unknown core event {story.core_event!r}")
        return list(dict.fromkeys(out))

    def _referenced_documents(self) -> list[str]:
        refs: list[str] = [d for s in self.stories.values() for d in s.documents]
        for e in self.events:
            refs += [*e.documents, *e.documents_optional, *e.planned_in]
        refs += [a.doc for a in self.anchors] + [p.doc for p in self.planned_sentences]
        refs += [f.doc for f in self.figures] + [t.doc for t in self.timexes] + self.undated
        refs += [d for g in self.duplicates for d in (g.canonical, *g.members)]
        return refs


def load_gold(path: Path) -> Gold:
    """``gold.json`` at ``path`` (a file, or a set directory holding one), validated."""
    file = path / "gold.json" if path.is_dir() else path
    try:
        return Gold.model_validate(json.loads(file.read_text(encoding="utf-8")))
    except (OSError, json.JSONDecodeError) as error:
        raise ValueError(f"{file}: cannot read the gold file ({error})") from error
    except ValidationError as error:
        raise ValueError(f"{file}: not a briefing gold file:\n{error}") from error
