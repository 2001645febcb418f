"""The JSON API's response shapes: the package's own models, gathered per page.

Every page of the web app renders one of these and its ``/api`` twin returns it as JSON, so the
two can never show different data. Only listing rows and the job record are new shapes; the
facts themselves are the pipeline's models (``Event``, ``Entity``, ``FigureGroup`` …).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from storyline.models import (
    Document,
    DuplicateGroup,
    Entity,
    Event,
    Figure,
    FigureGroup,
    Quality,
    Sentence,
    Skipped,
    Story,
    Storyline,
    Summary,
    TimelineEntry,
)


class ErrorOut(BaseModel):
    """What every 4xx (and the rare 5xx) answer carries."""

    error: str = Field(description="A one-line message fit to show a user.")
    status: int


class DocumentRow(BaseModel):
    """A document as listings show it: no body text."""

    id: str
    title: str = Field(description="The article's title, else the start of its text.")
    has_title: bool
    published: str | None = None
    date_source: str | None = None
    source: str = Field(description="File name or URL the article came from.")
    source_kind: str
    url: str | None = Field(default=None, description="The article's http(s) address, when known.")
    chars: int
    score: float | None = Field(default=None, description="Source-quality score, 0–1.")
    story_id: str | None = None


class EntityRow(BaseModel):
    """An entity as lists show it: its first articles (a much named one is in thousands: all
    on its page, ``/api/entities/ID``) and how many there are."""

    id: str
    name: str
    type: str
    roles: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    mention_count: int = 0
    documents: list[str] = Field(
        default_factory=list, description="Its first articles (at most 10)."
    )
    document_count: int = Field(default=0, description="All the articles that name it.")


class Counts(BaseModel):
    documents: int
    entities: int
    events: int
    timeline: int
    stories: int
    figure_groups: int
    duplicates: int


class Overview(BaseModel):
    counts: Counts
    first_date: str | None = Field(default=None, description="Earliest publication or event date.")
    last_date: str | None = None
    undated_documents: int
    summary: Summary | None = None
    stories: list[Story] = Field(description="The first stories (all: /api/stories).")
    timeline: list[TimelineEntry] = Field(description="The first dated timeline entries.")
    entities: list[EntityRow] = Field(description="The most mentioned people and organisations.")
    sources: list[DocumentRow] = Field(description="The best sources (all: /api/sources).")


class Facet(BaseModel):
    value: str
    label: str
    count: int


class TimelineFilters(BaseModel):
    actor: str | None = None
    type: str | None = None
    story: str | None = None
    start: str | None = None
    end: str | None = None


class Paged(BaseModel):
    """Where a page of a longer list starts, and how long pages are."""

    offset: int = Field(default=0, description="Items before this page.")
    limit: int = Field(default=0, description="Items per page.")


class TimelinePage(Paged):
    filters: TimelineFilters
    entries: list[TimelineEntry] = Field(description="This page of the matching entries.")
    total: int = Field(description="Timeline entries before filtering.")
    matched: int = Field(default=0, description="Timeline entries the filters match.")
    actors: list[Facet] = Field(description="The most frequent actors, with their entries.")
    types: list[Facet]
    stories: list[Facet] = Field(
        description="The stories with the most entries (200 at most, and the one filtered on)."
    )


class EventPage(BaseModel):
    event: Event = Field(description="The event, with a page of its mentions (200 at most).")
    mention_total: int = Field(default=0, description="All its mentions.")
    mention_offset: int = Field(default=0, description="Mentions before this page of them.")
    entry: TimelineEntry | None = Field(
        default=None, description="Its timeline entry, when shown there."
    )
    documents: list[DocumentRow]
    stories: list[Story]


class StoryPage(BaseModel):
    story: Story
    documents: list[DocumentRow] = Field(
        description="A page of its articles (``limit``/``offset``), in the story's order."
    )
    document_total: int = Field(default=0, description="All its articles.")
    document_offset: int = Field(default=0, description="Articles before this page of them.")
    documents_next: str | None = Field(
        default=None, description="The API path of the next page of its articles, if any."
    )
    events: list[Event] = Field(description="Its first 200 events, in timeline order.")
    event_total: int = 0
    figure_groups: list[FigureGroup]
    summary: Summary | None = None


class StoryCard(BaseModel):
    """One story as the Stories page lists it: its articles, key figures and summary."""

    story: Story = Field(
        description="The story with the first 10 of its articles, events and entities (ids): "
        "``story_totals`` says how many there are, its page (``story_href``) has them all."
    )
    story_totals: dict[str, int] = Field(
        default_factory=dict,
        description="How many ids each of the story's lists holds in all "
        "(``documents``, ``event_ids``, ``entity_ids``).",
    )
    story_href: str = Field(default="", description="The API path of the story's page.")
    documents: list[DocumentRow] = Field(
        description="Its first articles, best source first (at most 10: the rest on its page)."
    )
    document_total: int = Field(default=0, description="All its stored articles.")
    documents_href: str | None = Field(
        default=None,
        description="When it has more articles than the card lists: the API path of the "
        "story's page, which lists all of them a page at a time.",
    )
    figure_groups: list[FigureGroup] = Field(
        description="Its key figures, each with the first 10 of its figure and article ids."
    )
    figure_group_totals: dict[str, dict[str, int]] = Field(
        default_factory=dict,
        description="For each key figure group (by id): how many ``figure_ids`` and "
        "``documents`` it holds in all.",
    )
    figure_groups_href: dict[str, str] = Field(
        default_factory=dict,
        description="For each key figure group (by id): the API path of its page, which pages "
        "through its figures and lists all its articles.",
    )
    summary: Summary | None = Field(
        default=None,
        description="Its summary's first two sentences (all on its page), each with its "
        "first 3 sources (``evidence`` and ``documents``).",
    )
    summary_total: int = Field(default=0, description="All its summary's sentences.")
    summary_source_totals: list[int] = Field(
        default_factory=list,
        description="How many sources each of those sentences has in all; the story's page "
        "(``story_href``) has its summary with every source.",
    )


class StorylineCard(BaseModel):
    """A storyline with its stories in date order."""

    storyline: Storyline = Field(
        description="The storyline with its first 10 articles (ids); its stories' pages list "
        "all of them."
    )
    document_total: int = Field(default=0, description="All the storyline's articles.")
    stories: list[StoryCard]


class StoriesPage(Paged):
    storylines: list[StorylineCard] = Field(description="This page, earliest first; stories once.")
    stories: int = Field(description="All stories.")
    documents: int = Field(description="All stored documents.")
    total: int = Field(default=0, description="All storylines.")


class CoActor(BaseModel):
    """Another entity named in the same sentences or events as this one."""

    id: str
    name: str
    type: str
    sentences: int = Field(description="Sentences that name both.")
    events: int = Field(description="Events both take part in.")


class EntityPage(BaseModel):
    entity: Entity = Field(description="The entity, with a page of its mentions.")
    mention_total: int = Field(default=0, description="All its mentions.")
    mention_offset: int = Field(default=0, description="Mentions before this page of them.")
    linked: EntityRow | None = Field(default=None, description="The entity this one refers to.")
    co_actors: list[CoActor]
    events: list[Event] = Field(
        description="A page of the events it takes part in (``event_limit``/``event_offset``; "
        "in the API 50 by default), each with its first mention."
    )
    event_total: int = Field(default=0, description="All the events it takes part in.")
    event_offset: int = Field(default=0, description="Events before this page of them.")
    events_next: str | None = Field(
        default=None, description="The API path of the next page of its events, if any."
    )
    event_mention_totals: dict[str, int] = Field(
        default_factory=dict, description="Each listed event's mentions in all, by event id."
    )
    event_mentions_next: dict[str, str] = Field(
        default_factory=dict,
        description="For each event with more mentions than it carries here: the API path of "
        "the rest (its page, ``limit``/``offset`` to page on).",
    )


class FigureGroupOut(BaseModel):
    """A figure group with a page of its figures: the figures list shows the first few of
    each group, the group's own page (``/api/figures/group?id=``) pages through all of them."""

    group: FigureGroup
    figures: list[Figure] = Field(description="A page of its figures, in the group's order.")
    figure_total: int = Field(default=0, description="All its stored figures.")
    figure_offset: int = Field(default=0, description="Figures before this page of them.")
    figures_next: str | None = Field(
        default=None, description="The API path of the next page of its figures, if any."
    )


class FiguresPage(Paged):
    groups: list[FigureGroupOut] = Field(description="This page of the groups, conflicting first.")
    status_counts: dict[str, int]
    total: int = Field(default=0, description="All figure groups.")


class SourcesPage(Paged):
    sources: list[DocumentRow] = Field(description="This page, best source first (by quality).")
    total: int = Field(default=0, description="All stored documents.")
    skipped: list[Skipped] = Field(description="Inputs the latest build could not read.")
    duplicates: list[DuplicateGroup] = Field(description="The first 100 near-duplicate groups.")
    duplicate_groups: int = Field(default=0, description="All near-duplicate groups.")


class Highlight(BaseModel):
    """A span of the clean text the analysis found something in."""

    kind: Literal["entity", "event", "figure", "timex"]
    start: int
    end: int
    label: str
    ref: str | None = Field(default=None, description="Id of the entity, event or figure group.")


class SourcePage(BaseModel):
    document: Document
    row: DocumentRow
    quality: Quality | None = None
    rank: int | None = Field(default=None, description="1 = the best-scored source.")
    story: Story | None = None
    duplicates: DuplicateGroup | None = None
    sentences: list[Sentence]
    highlights: list[Highlight]


class SearchHitOut(BaseModel):
    doc_id: str
    title: str
    snippet: str
    matches: list[tuple[int, int]] = Field(description="Matched spans inside ``snippet``.")
    score: float


class SentenceHitOut(BaseModel):
    doc_id: str
    index: int
    start: int
    end: int
    text: str
    score: float


class SearchPage(BaseModel):
    query: str
    documents: list[SearchHitOut]
    sentences: list[SentenceHitOut]


JobState = Literal["queued", "running", "done", "failed"]


class Job(BaseModel):
    """One background ingestion started from the browser."""

    id: str
    state: JobState
    stage: str | None = Field(
        default=None, description="Build stage now running: ingest, analyse …"
    )
    done: int = 0
    total: int | None = None
    stages: list[str] = Field(default_factory=list, description="Stages finished so far.")
    inputs: list[str] = Field(default_factory=list, description="What was sent, by name.")
    added: list[str] = Field(default_factory=list, description="The first 100 new ids.")
    updated: list[str] = Field(default_factory=list, description="The first 100.")
    unchanged: list[str] = Field(default_factory=list, description="The first 100.")
    duplicates: dict[str, str] = Field(
        default_factory=dict, description="The first 100: input → the stored copy's id."
    )
    counts: dict[str, int] = Field(
        default_factory=dict,
        description="All of them: added, updated, unchanged, duplicates, skipped.",
    )
    skipped: list[Skipped] = Field(
        default_factory=list, description="Rejected inputs (many records skipped alike: one line)."
    )
    error: str | None = None
    created_at: str
    finished_at: str | None = None
