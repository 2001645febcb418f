"""Page data: each function gathers one page's models from the store, through its indexes.

Both the HTML page and its ``/api`` twin call the same function, so they show the same data.
Nothing here derives new facts; it looks up, filters, orders and pages what the build stored.
A page reads the ids it shows from an index and parses only those rows, so its cost does not
grow with the corpus; what every visit would recompute is kept once per view (``cache``).
This module has the overview, timeline, events, stories and entities; ``documents`` the
sources, search and figures.
"""

from __future__ import annotations

from urllib.parse import quote

from storyline.models import Entity, Event, FigureGroup, Story, Summary, TimelineEntry
from storyline.store import Store
from storyline.store.listing_sql import PREVIEW_CUTS
from storyline.web.cache import Views
from storyline.web.documents import document_rows
from storyline.web.schemas import (
    CoActor,
    Counts,
    EntityPage,
    EntityRow,
    EventPage,
    Facet,
    Overview,
    StoryPage,
    TimelineFilters,
    TimelinePage,
)

OVERVIEW_ENTRIES = 12
OVERVIEW_ENTITIES = 12
OVERVIEW_SOURCES = 20
OVERVIEW_STORIES = 20
CO_ACTORS = 20
#: Actors offered as timeline filters: the most frequent (a select of thousands helps nobody).
MAX_ACTOR_FACETS = 200
#: Stories offered as timeline filters: the most eventful, in story order (and the one chosen).
MAX_STORY_FACETS = 200
#: Items a page shows of a long list inside one item (an entity's mentions, a story's events).
INNER_LIMIT = 200
#: Mentions each event on an entity's page carries in the API (the HTML page shows none): the
#: first, as its evidence (the store's preview of an event); the most named entity's events
#: held a megabyte of them. The event's page pages the rest.
EVENT_MENTIONS = PREVIEW_CUTS["event"]["mentions"]
#: Articles an entity's listing row carries, and its page shows as chips: the most named one of
#: the 3,000-document bench store is in 907 (their ids were 84 KB of a list of 50 rows, and 907
#: chips on its page); the row says how many, its page's mentions cite the rest.
ROW_DOCUMENTS = 10


# -- overview -----------------------------------------------------------------------------
def overview(store: Store, views: Views) -> Overview:
    return views.get(store, "overview", _overview)


def _overview(store: Store) -> Overview:
    counts = store.corpus_counts()
    documents, undated, first_doc, last_doc = store.document_dates()
    row = store.db.execute(
        "SELECT MIN(date), MAX(last) FROM timeline_index WHERE date IS NOT NULL"
    ).fetchone()
    dates = [d for d in (first_doc, last_doc, row[0], row[1]) if d]
    entry_ids, _ = store.timeline_item_ids(dated=True, limit=OVERVIEW_ENTRIES)
    entity_ids, _ = store.entity_ids(None, None, OVERVIEW_ENTITIES)
    summary = store.corpus_item("summary", "corpus", Summary)
    return Overview(
        counts=Counts(
            documents=documents,
            entities=counts.get("entity", 0),
            events=counts.get("event", 0),
            timeline=counts.get("timeline", 0),
            stories=counts.get("story", 0),
            figure_groups=counts.get("figure-group", 0),
            duplicates=counts.get("duplicate-members", 0),
        ),
        first_date=min(dates, default=None),
        last_date=max(dates, default=None),
        undated_documents=undated,
        summary=summary if summary is not None and summary.scope == "corpus" else None,
        stories=store.corpus_page("story", Story, OVERVIEW_STORIES),
        timeline=store.corpus_items("timeline", entry_ids, TimelineEntry),
        entities=entity_rows_of(store, entity_ids),
        sources=document_rows(store, store.ranked_document_ids(OVERVIEW_SOURCES)),
    )


# -- timeline -----------------------------------------------------------------------------
def timeline_page(
    store: Store, views: Views, filters: TimelineFilters, limit: int, offset: int = 0
) -> TimelinePage:
    ids, matched = store.timeline_item_ids(
        actor=filters.actor,
        type=filters.type,
        story=filters.story,
        start=filters.start,
        end=filters.end,
        limit=limit,
        offset=offset,
    )
    actors, types, stories, total = views.get(store, "timeline-facets", _timeline_facets)
    return TimelinePage(
        filters=filters,
        entries=store.corpus_items("timeline", ids, TimelineEntry),
        total=total,
        matched=matched,
        offset=offset,
        limit=limit,
        actors=actors,
        types=types,
        stories=_offered(stories, MAX_STORY_FACETS, filters.story),
    )


def _offered(facets: list[Facet], limit: int, chosen: str | None) -> list[Facet]:
    """The ``limit`` facets with the most entries (and the chosen one), in their own order:
    every page of the timeline of a big corpus would otherwise carry thousands of options."""
    if len(facets) <= limit:
        return facets
    ranked = sorted(range(len(facets)), key=lambda i: (-facets[i].count, i))[:limit]
    kept = set(ranked) | {i for i, f in enumerate(facets) if f.value == chosen}
    return [facets[i] for i in sorted(kept)]


def _timeline_facets(store: Store) -> tuple[list[Facet], list[Facet], list[Facet], int]:
    actors, types, stories = store.timeline_facets(MAX_ACTOR_FACETS)
    names = store.entity_names([a for a, _ in actors])
    labels = {s.id: s.label for s in store.corpus_items("story", [s for s, _ in stories], Story)}
    return (
        [Facet(value=k, label=names[k][0], count=n) for k, n in actors if k in names],
        [Facet(value=k, label=k.title(), count=n) for k, n in types if k],
        [Facet(value=k, label=labels.get(k, k), count=n) for k, n in stories],
        store.count_corpus("timeline"),
    )


def event_page(
    store: Store, event_id: str, limit: int = INNER_LIMIT, offset: int = 0
) -> EventPage | None:
    """An event with ``limit`` of its mentions from ``offset`` (every one reachable)."""
    sliced = store.corpus_item_slice("event", event_id, Event, "$.mentions", limit, offset)
    if sliced is None:
        return None
    event, mentions = sliced
    entry_id = store.timeline_item_of_event(event_id)
    entry = store.corpus_item("timeline", entry_id, TimelineEntry) if entry_id else None
    story_of = store.story_of_documents(event.documents)
    story_ids = list(dict.fromkeys(story_of[d] for d in event.documents if d in story_of))
    return EventPage(
        event=event,
        mention_total=mentions,
        mention_offset=offset,
        entry=entry,
        documents=document_rows(store, event.documents),
        stories=store.corpus_items("story", story_ids, Story),
    )


# -- stories ------------------------------------------------------------------------------
def stories(store: Store, limit: int, offset: int = 0) -> tuple[list[Story], int]:
    return store.corpus_page("story", Story, limit, offset), store.count_corpus("story")


def story_page(
    store: Store,
    story_id: str,
    event_mentions: bool = True,
    limit: int = INNER_LIMIT,
    offset: int = 0,
) -> StoryPage | None:
    """A story with a page of its articles (``limit`` from ``offset``, in the story's order: a
    story can have hundreds). ``event_mentions``: False leaves the events' mentions out (the
    HTML page shows none)."""
    story = store.corpus_item("story", story_id, Story)
    if story is None:
        return None
    page_ids = story.documents[offset : offset + limit]
    after = offset + len(page_ids)
    event_ids, event_total = store.story_event_ids(story_id, INNER_LIMIT)
    groups = store.figure_groups_of_documents(story.documents, INNER_LIMIT)
    summary = store.corpus_item("summary", f"story:{story_id}", Summary)
    return StoryPage(
        story=story,
        documents=document_rows(store, page_ids),
        document_total=len(story.documents),
        document_offset=offset,
        documents_next=(
            f"/api/stories/{quote(story_id, safe='')}?offset={after}&limit={limit}"
            if after < len(story.documents)
            else None
        ),
        events=store.corpus_items("event", event_ids, Event, drop=_mentions(event_mentions)),
        event_total=event_total,
        figure_groups=store.corpus_items("figure-group", groups, FigureGroup),
        summary=summary if summary is not None and summary.scope == "story" else None,
    )


# -- entities -----------------------------------------------------------------------------
def entity_rows_of(store: Store, ids: list[str]) -> list[EntityRow]:
    """Listing rows of these entities (their mentions are left out before parsing), each with
    its first ``ROW_DOCUMENTS`` articles and their count."""
    found = [Entity.model_validate_json(row) for row in store.entity_rows(ids)]
    return [
        EntityRow(
            **e.model_dump(exclude={"mentions", "linked_to", "documents"}),
            documents=e.documents[:ROW_DOCUMENTS],
            document_count=len(e.documents),
        )
        for e in found
    ]


def entity_rows(
    store: Store, kind: str | None, name: str | None, limit: int, offset: int = 0
) -> tuple[list[EntityRow], int]:
    """Entities most mentioned first, of a type and with a part of a name or alias."""
    ids, total = store.entity_ids(kind, name, limit, offset)
    return entity_rows_of(store, ids), total


def entity_page(
    store: Store,
    entity_id: str,
    limit: int,
    offset: int = 0,
    event_mentions: bool = True,
    event_limit: int = INNER_LIMIT,
    event_offset: int = 0,
) -> EntityPage | None:
    """An entity with ``limit`` of its mentions from ``offset`` and ``event_limit`` of its
    events from ``event_offset``. Each event comes with its first ``EVENT_MENTIONS`` mentions,
    how many it has and the API path of the rest (200 events of a much named entity held a
    megabyte of mentions); with ``event_mentions`` False with none (the HTML page shows none)."""
    sliced = store.entity_slice(entity_id, limit, offset)
    if sliced is None:
        return None
    entity, mention_total = Entity.model_validate_json(sliced[0]), sliced[1]
    together = store.co_entities(entity_id)
    names = store.entity_names(list(together))
    ranked = sorted(
        (k for k in together if k in names),
        key=lambda k: (-(together[k][0] + together[k][1]), names[k][0]),
    )[:CO_ACTORS]
    event_ids, event_total = store.events_of_entity(entity_id, event_limit, event_offset)
    after = event_offset + len(event_ids)
    if event_mentions:
        cut = store.item_previews("event", event_ids)
        events = [Event.model_validate_json(cut[i][0]) for i in event_ids if i in cut]
        totals = {i: cut[i][1]["mentions"] for i in event_ids if i in cut}
    else:  # the HTML page: SQLite drops the mentions before parsing
        events = store.corpus_items("event", event_ids, Event, drop="$.mentions")
        totals = {}
    linked = entity_rows_of(store, [entity.linked_to]) if entity.linked_to else []
    return EntityPage(
        entity=entity,
        mention_total=mention_total,
        mention_offset=offset,
        linked=linked[0] if linked else None,
        co_actors=[
            CoActor(
                id=k,
                name=names[k][0],
                type=names[k][1],
                sentences=together[k][0],
                events=together[k][1],
            )
            for k in ranked
        ],
        events=events,
        event_total=event_total,
        event_offset=event_offset,
        events_next=(
            f"/api/entities/{quote(entity_id, safe='')}?limit={limit}&offset={offset}"
            f"&event_limit={event_limit}&event_offset={after}"
            if after < event_total
            else None
        ),
        event_mention_totals=totals,
        event_mentions_next={
            e.id: f"/api/events/{quote(e.id, safe='')}?offset={len(e.mentions)}"
            for e in events
            if totals.get(e.id, 0) > len(e.mentions)
        },
    )


def _mentions(kept: bool) -> str | None:
    return None if kept else "$.mentions"
