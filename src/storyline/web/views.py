"""Page data: each function gathers one page's models from the snapshot and the store.

Both the HTML page and its ``/api`` twin call the same function, so they show the same data.
Nothing here derives new facts; it looks up, filters and orders what the build stored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from storyline.models import Event, TimelineEntry
from storyline.store import Store
from storyline.text.readable_dates import readable_timex
from storyline.web.schemas import (
    CoActor,
    Counts,
    DocumentRow,
    EntityPage,
    EntityRow,
    EventPage,
    Facet,
    FigureGroupOut,
    FiguresPage,
    Highlight,
    Overview,
    SearchHitOut,
    SearchPage,
    SentenceHitOut,
    SourcePage,
    SourcesPage,
    StoryPage,
    TimelineFilters,
    TimelinePage,
)
from storyline.web.security import safe_url
from storyline.web.snapshot import Snapshot

MARKS = ("\ue000", "\ue001")  # private-use characters: never in article text as markers
TITLE_CHARS = 90
OVERVIEW_ENTRIES = 12
OVERVIEW_ENTITIES = 12
CO_ACTORS = 20
SEARCH_DOCUMENTS = 20
SEARCH_SENTENCES = 30


# -- rows ---------------------------------------------------------------------------------
def document_row(snap: Snapshot, doc_id: str) -> DocumentRow | None:
    header = snap.header.get(doc_id)
    if header is None:
        return None
    title = str(header["title"] or "").strip()
    quality = snap.score.get(doc_id)
    source = str(header["source"])
    return DocumentRow(
        id=doc_id,
        title=title or _lead(str(header.get("lead") or "")) or doc_id,
        has_title=bool(title),
        published=header["published"],
        date_source=header["date_source"],
        source=source if "://" in source else source.replace("\\", "/").rsplit("/", 1)[-1],
        source_kind=str(header["source_kind"]),
        url=safe_url(header["url"]),
        chars=int(header["chars"] or 0),
        score=quality.score if quality else None,
        story_id=snap.story_of_doc.get(doc_id),
    )


def document_rows(snap: Snapshot, ids: Iterable[str]) -> list[DocumentRow]:
    return [row for row in (document_row(snap, i) for i in ids) if row is not None]


def entity_row(snap: Snapshot, entity_id: str) -> EntityRow | None:
    entity = snap.entity.get(entity_id)
    if entity is None:
        return None
    return EntityRow(**entity.model_dump(exclude={"mentions", "linked_to"}))


def _lead(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(first) <= TITLE_CHARS:
        return first
    return first[:TITLE_CHARS].rsplit(" ", 1)[0] + " …"


# -- overview -----------------------------------------------------------------------------
def overview(snap: Snapshot) -> Overview:
    dates = [str(h["published"]) for h in snap.headers if h["published"]]
    dates += [t.date for t in snap.timeline if t.date]
    dates += [t.date_end for t in snap.timeline if t.date_end]
    top = sorted(snap.entities, key=lambda e: (-e.mention_count, e.name))[:OVERVIEW_ENTITIES]
    rows = sorted(document_rows(snap, snap.header), key=lambda r: (-(r.score or 0.0), r.id))
    return Overview(
        counts=Counts(
            documents=len(snap.headers),
            entities=len(snap.entities),
            events=len(snap.events),
            timeline=len(snap.timeline),
            stories=len(snap.stories),
            figure_groups=len(snap.figure_groups),
            duplicates=sum(len(g.members) for g in snap.duplicates),
        ),
        first_date=min(dates, default=None),
        last_date=max(dates, default=None),
        undated_documents=sum(1 for h in snap.headers if not h["published"]),
        summary=snap.corpus_summary,
        stories=snap.stories,
        timeline=[t for t in snap.timeline if t.date][:OVERVIEW_ENTRIES],
        entities=[r for r in (entity_row(snap, e.id) for e in top) if r],
        sources=rows,
    )


# -- timeline -----------------------------------------------------------------------------
def timeline_page(snap: Snapshot, filters: TimelineFilters) -> TimelinePage:
    in_story = _story_event_ids(snap, filters.story) if filters.story else None
    entries = [t for t in snap.timeline if _passes(snap, t, filters, in_story)]
    return TimelinePage(
        filters=filters,
        entries=entries,
        total=len(snap.timeline),
        actors=_actor_facets(snap),
        types=[
            Facet(value=k, label=k.title(), count=n)
            for k, n in sorted(Counter(t.type for t in snap.timeline).items())
        ],
        stories=[
            Facet(value=s.id, label=s.label, count=len(_story_event_ids(snap, s.id)))
            for s in snap.stories
        ],
    )


def _passes(
    snap: Snapshot, entry: TimelineEntry, f: TimelineFilters, in_story: set[str] | None
) -> bool:
    event = snap.event.get(entry.event_id)
    if f.type and entry.type != f.type:
        return False
    if f.actor and (event is None or f.actor not in _actor_ids(event)):
        return False
    if in_story is not None and entry.event_id not in in_story:
        return False
    if f.start or f.end:
        if not entry.date:
            return False
        # A partial date ("2023-12") covers its whole month: compare it as an interval.
        last = (entry.date_end or entry.date) + "~"
        if f.start and last < f.start:
            return False
        if f.end and entry.date > f.end + "~":
            return False
    return True


def _actor_ids(event: Event) -> set[str]:
    return {a.entity_id for a in [*event.source, *event.target] if a.entity_id}


def _story_event_ids(snap: Snapshot, story_id: str) -> set[str]:
    """A story's events: those it lists, and those its documents report."""
    story = snap.story.get(story_id)
    if story is None:
        return set()
    documents = set(story.documents)
    return set(story.event_ids) | {e.id for e in snap.events if documents & set(e.documents)}


def _actor_facets(snap: Snapshot) -> list[Facet]:
    counts: Counter[str] = Counter()
    for entry in snap.timeline:
        event = snap.event.get(entry.event_id)
        if event is not None:
            counts.update(_actor_ids(event))
    facets = [
        Facet(value=k, label=snap.entity[k].name, count=n)
        for k, n in counts.items()
        if k in snap.entity
    ]
    return sorted(facets, key=lambda f: (-f.count, f.label))


def event_page(snap: Snapshot, event_id: str) -> EventPage | None:
    event = snap.event.get(event_id)
    if event is None:
        return None
    story_ids = dict.fromkeys(
        snap.story_of_doc[d] for d in event.documents if d in snap.story_of_doc
    )
    return EventPage(
        event=event,
        entry=snap.entry.get(event_id),
        documents=document_rows(snap, event.documents),
        stories=[snap.story[s] for s in story_ids],
    )


# -- stories ------------------------------------------------------------------------------
def story_page(snap: Snapshot, story_id: str) -> StoryPage | None:
    story = snap.story.get(story_id)
    if story is None:
        return None
    documents = set(story.documents)
    event_ids = _story_event_ids(snap, story_id)
    return StoryPage(
        story=story,
        documents=document_rows(snap, story.documents),
        events=[e for e in snap.events if e.id in event_ids],
        figure_groups=[g for g in snap.figure_groups if documents & set(g.documents)],
        summary=snap.story_summary(story_id),
    )


# -- entities -----------------------------------------------------------------------------
def entity_rows(
    snap: Snapshot, kind: str | None = None, name: str | None = None
) -> list[EntityRow]:
    wanted = (name or "").casefold().strip()
    chosen = [
        e
        for e in snap.entities
        if (not kind or e.type == kind)
        and (not wanted or any(wanted in n.casefold() for n in [e.name, *e.aliases]))
    ]
    chosen.sort(key=lambda e: (-e.mention_count, e.name))
    return [r for r in (entity_row(snap, e.id) for e in chosen) if r]


def entity_page(snap: Snapshot, entity_id: str) -> EntityPage | None:
    entity = snap.entity.get(entity_id)
    if entity is None:
        return None
    sentences: Counter[str] = Counter()
    index = snap.sentence_entities()
    for key in {(m.provenance.doc_id, m.provenance.sentence_start) for m in entity.mentions}:
        sentences.update(index.get(key, set()) - {entity_id})
    events = snap.events_of_entity.get(entity_id, [])
    in_events: Counter[str] = Counter()
    for event in events:
        in_events.update(_actor_ids(event) - {entity_id})
    ranked = sorted(
        (set(sentences) | set(in_events)) & set(snap.entity),
        key=lambda k: (-(sentences[k] + in_events[k]), snap.entity[k].name),
    )[:CO_ACTORS]
    return EntityPage(
        entity=entity,
        linked=entity_row(snap, entity.linked_to) if entity.linked_to else None,
        co_actors=[
            CoActor(
                id=k,
                name=snap.entity[k].name,
                type=snap.entity[k].type,
                sentences=sentences[k],
                events=in_events[k],
            )
            for k in ranked
        ],
        events=list(events),
    )


# -- figures ------------------------------------------------------------------------------
def figures_page(snap: Snapshot) -> FiguresPage:
    groups = [
        FigureGroupOut(
            group=g, figures=[snap.figures[f] for f in g.figure_ids if f in snap.figures]
        )
        for g in snap.figure_groups
    ]
    order = {"conflicting": 0, "corroborated": 1, "series": 2, "related": 3, "single-source": 4}
    groups.sort(key=lambda o: (order.get(o.group.status or "", 5), -len(o.figures), o.group.id))
    return FiguresPage(
        groups=groups,
        status_counts=dict(Counter(g.status or "unknown" for g in snap.figure_groups)),
    )


# -- sources ------------------------------------------------------------------------------
def sources_page(snap: Snapshot, store: Store) -> SourcesPage:
    rows = document_rows(snap, snap.header)
    rows.sort(key=lambda r: (r.score is None, -(r.score or 0.0), r.id))
    return SourcesPage(sources=rows, skipped=store.last_skipped(), duplicates=snap.duplicates)


def source_page(snap: Snapshot, store: Store, doc_id: str) -> SourcePage | None:
    document = store.document(doc_id)
    row = document_row(snap, doc_id)
    if document is None or row is None:
        return None
    analyses = store.analyses([doc_id])
    analysis = analyses[0] if analyses else None
    highlights: list[Highlight] = []
    if analysis is not None:
        for m in analysis.mentions:
            entity = snap.entity.get(m.entity_id or "")
            label = f"{m.label}: {entity.name if entity else m.text}"
            ref = entity.id if entity else None
            highlights.append(_highlight("entity", m.provenance, label, ref))
        for e in analysis.events:
            label = f"{e.type}{f' ({e.mode})' if e.mode else ''}: {e.trigger}"
            highlights.append(
                _highlight("event", e.provenance, label, snap.event_of_mention.get(e.id))
            )
        for f in analysis.figures:
            label = f"{f.kind}: {f.measure}"
            highlights.append(
                _highlight("figure", f.provenance, label, snap.group_of_figure.get(f.id))
            )
        for t in analysis.timexes:
            label = f"{t.type.lower()}: {readable_timex(t.type, t.value, t.range_end)}"
            highlights.append(_highlight("timex", t.provenance, label, None))
    highlights.sort(key=lambda h: (h.start, -h.end, h.kind))
    return SourcePage(
        document=document,
        row=row,
        quality=snap.score.get(doc_id),
        rank=snap.rank.get(doc_id),
        story=snap.story.get(row.story_id or ""),
        duplicates=snap.duplicate_of_doc.get(doc_id),
        sentences=analysis.sentences if analysis else [],
        highlights=highlights,
    )


def _highlight(kind, provenance, label: str, ref: str | None) -> Highlight:
    return Highlight(kind=kind, start=provenance.start, end=provenance.end, label=label, ref=ref)


# -- search -------------------------------------------------------------------------------
def search_page(snap: Snapshot, store: Store, query: str) -> SearchPage:
    hits = store.search_marked(query, SEARCH_DOCUMENTS, MARKS)
    sentences = store.search_sentences(query, SEARCH_SENTENCES)
    documents = []
    for hit in hits:
        snippet, matches = _unmark(hit.snippet)
        row = document_row(snap, hit.doc_id)
        documents.append(
            SearchHitOut(
                doc_id=hit.doc_id,
                title=row.title if row else hit.title or hit.doc_id,
                snippet=snippet,
                matches=matches,
                score=round(hit.score, 4),
            )
        )
    return SearchPage(
        query=query,
        documents=documents,
        sentences=[
            SentenceHitOut(
                doc_id=s.doc_id,
                index=s.index,
                start=s.start,
                end=s.end,
                text=s.text,
                score=round(s.score, 4),
            )
            for s in sentences
        ],
    )


def _unmark(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """The snippet without match markers, and the matched spans as offsets into it."""
    text: list[str] = []
    matches: list[tuple[int, int]] = []
    length, start = 0, None
    for char in snippet:
        if char == MARKS[0]:
            start = length
        elif char == MARKS[1]:
            if start is not None:
                matches.append((start, length))
            start = None
        else:
            text.append(char)
            length += 1
    return "".join(text), matches
