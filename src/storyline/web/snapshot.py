"""One parsed copy of the stored corpus view, shared by every request until a build writes.

Pages read the cross-document results (entities, events, stories …) on almost every request;
parsing them from the store each time would cost far more than the page. ``Snapshots`` keeps
one ``Snapshot`` and reloads it when ``Store.data_version`` says another connection committed
(a build from the browser, or ``storyline build`` in another process).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict, cast

from storyline.ask.answer import AskIndex
from storyline.briefing.compose import load_view
from storyline.models import (
    DuplicateGroup,
    Entity,
    Event,
    Figure,
    FigureGroup,
    Quality,
    Story,
    Storyline,
    Summary,
    TimelineEntry,
)
from storyline.store import Store

#: Where the summaries live in the store, when the build has stored them.
SUMMARY_KIND = "summary"
VIEW_FIELDS = (
    "entities", "events", "timeline", "duplicates", "figure_groups", "stories", "storylines",
    "quality",
)  # fmt: skip


class DocumentHeader(TypedDict):
    """One row of ``Store.document_headers``: a document's listing fields."""

    id: str
    title: str | None
    published: str | None
    source: str
    source_kind: str
    url: str | None
    date_source: str | None
    chars: int
    added_at: str
    lead: str


@dataclass
class Snapshot:
    """The corpus view plus the indexes the pages look things up by."""

    version: int
    headers: list[DocumentHeader]
    entities: list[Entity]
    events: list[Event]
    timeline: list[TimelineEntry]
    duplicates: list[DuplicateGroup]
    figure_groups: list[FigureGroup]
    stories: list[Story]
    quality: list[Quality]
    figures: dict[str, Figure]
    storylines: list[Storyline] = field(default_factory=list)
    summaries: list[Summary] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.header = {str(h["id"]): h for h in self.headers}
        self.entity = {e.id: e for e in self.entities}
        self.event = {e.id: e for e in self.events}
        self.entry = {t.event_id: t for t in self.timeline}
        self.story = {s.id: s for s in self.stories}
        self.score = {q.doc_id: q for q in self.quality}
        self.story_of_doc = {d: s.id for s in self.stories for d in s.documents}
        self.event_of_mention = {m.id: e.id for e in self.events for m in e.mentions}
        self.group_of_figure = {f: g.id for g in self.figure_groups for f in g.figure_ids}
        self.duplicate_of_doc = {d: g for g in self.duplicates for d in [g.canonical, *g.members]}
        self.events_of_entity: dict[str, list[Event]] = defaultdict(list)
        for event in self.events:
            for entity_id in dict.fromkeys(
                a.entity_id for a in [*event.source, *event.target] if a.entity_id
            ):
                self.events_of_entity[entity_id].append(event)
        ranked = sorted(self.quality, key=lambda q: (-q.score, q.doc_id))
        self.rank = {q.doc_id: i for i, q in enumerate(ranked, start=1)}

    @property
    def corpus_summary(self) -> Summary | None:
        return next((s for s in self.summaries if s.scope == "corpus"), None)

    def story_summary(self, story_id: str) -> Summary | None:
        return next(
            (s for s in self.summaries if s.scope == "story" and s.story_id == story_id), None
        )

    def sentence_entities(self) -> dict[tuple[str, int], set[str]]:
        """Entity ids named in each sentence, keyed by (document, sentence start)."""
        cached = getattr(self, "_sentence_entities", None)
        if cached is None:
            cached = defaultdict(set)
            for entity in self.entities:
                for mention in entity.mentions:
                    p = mention.provenance
                    cached[(p.doc_id, p.sentence_start)].add(entity.id)
            self._sentence_entities = cached
        return cached


def load_snapshot(store: Store, version: int, previous: Snapshot | None = None) -> Snapshot:
    """The stored corpus view; summaries come from the store, else from ``previous`` when the
    view has not changed (a build commits many batches before it replaces the view), else
    they are computed."""
    view = load_view(store)
    analyses = store.analyses()
    summaries = store.corpus(SUMMARY_KIND, Summary)
    if not summaries and previous is not None and _same_view(previous, view):
        summaries = previous.summaries
    elif not summaries:
        summaries = _summarise(store, view, analyses)
    return Snapshot(
        version=version,
        # cast: Store.document_headers types its rows loosely (dict[str, object])
        headers=cast("list[DocumentHeader]", store.document_headers()),
        figures={f.id: f for a in analyses for f in a.figures},
        summaries=summaries,
        **{name: view[name] for name in VIEW_FIELDS},
    )


def _same_view(snapshot: Snapshot, view: dict[str, list]) -> bool:
    return all(getattr(snapshot, name) == view[name] for name in VIEW_FIELDS)


def _summarise(store: Store, view: dict[str, list], analyses: list) -> list[Summary]:
    """The corpus and story summaries, when the build did not store them: computed once per
    snapshot with the summary stage's own function."""
    if not analyses:
        return []
    from storyline.models import CorpusView
    from storyline.summary.select import summarise_all

    lists: dict[str, Any] = {name: view[name] for name in VIEW_FIELDS}  # CorpusView's list fields
    corpus_view = CorpusView(**lists)
    corpus, stories = summarise_all(store.documents(), analyses, corpus_view)
    return [
        corpus,
        *(
            s.model_copy(update={"scope": "story", "story_id": story.id})
            for s, story in zip(stories, corpus_view.stories, strict=True)
        ),
    ]


class Snapshots:
    """The current snapshot, reloaded when the store changed; safe to share across threads.
    ``close`` releases the connection; the next call opens it again (an app may be started
    and stopped several times, as test clients do)."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._snapshot: Snapshot | None = None
        self._ask: tuple[int, AskIndex] | None = None

    def _open(self) -> Store:
        if self._store is None:
            self._store = Store(self.db_path)
            self._snapshot, self._ask = None, None  # data_version is per connection
        return self._store

    def current(self) -> Snapshot:
        with self._lock:
            store = self._open()
            version = store.data_version()
            if self._snapshot is None or self._snapshot.version != version:
                self._snapshot = load_snapshot(store, version, self._snapshot)
            return self._snapshot

    def ask_index(self) -> AskIndex:
        """The ask stage's index of the current corpus, built once per snapshot."""
        version = self.current().version
        with self._lock:
            if self._ask is None or self._ask[0] != version:
                self._ask = (version, AskIndex.from_store(self._open()))
            return self._ask[1]

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
            self._store, self._snapshot, self._ask = None, None, None


class Stores:
    """One store connection per server thread: SQLite connections are not for sharing, and
    separate readers let WAL serve pages while a build writes."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()
        self._generation = 0  # bumped by close: a thread's older connection is not reused

    def get(self) -> Store:
        local = self._local
        if getattr(local, "generation", None) != self._generation:
            store = Store(self.db_path)
            with self._lock:
                self._all.append(store)
                local.store, local.generation = store, self._generation
        return local.store

    def close(self) -> None:
        with self._lock:
            self._generation += 1
            for store in self._all:
                store.close()
            self._all.clear()
