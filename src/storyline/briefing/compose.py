"""The briefing: everything a build found, gathered from the store into one ``Briefing``.

``briefing.json`` is ``Briefing.model_dump_json()``: what was found, with document references;
the documents' texts stay in the store (``storyline export`` writes every record out, and the
report reads the few texts it shows from the store). Its schema is documented in
docs/briefing-schema.md and printed by ``storyline schema``. ``CORPUS_KINDS`` names how each
cross-document result is kept in the store, and in what order it reads back.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from storyline.models import (
    AnalysisError,
    Briefing,
    CorpusView,
    Document,
    DocumentAnalysis,
    DocumentRef,
    DuplicateGroup,
    Entity,
    Event,
    EventMention,
    Figure,
    FigureGroup,
    Mention,
    Quality,
    Skipped,
    Story,
    Storyline,
    Summary,
    TimelineEntry,
)
from storyline.models.pile import AnalysisPile, as_pile
from storyline.store import Store
from storyline.version import __version__

#: An entity or event in the briefing keeps one example mention from each of this many documents.
EXAMPLE_MENTION_DOCUMENTS = 3

SUMMARY_KIND = "summary"  # the corpus summary (id "corpus") and one per story ("story:<id>")

#: briefing field → (store kind, model)
CORPUS_KINDS: dict[str, tuple[str, type[BaseModel]]] = {
    "entities": ("entity", Entity),
    "events": ("event", Event),
    "timeline": ("timeline", TimelineEntry),
    "duplicates": ("duplicate", DuplicateGroup),
    "figure_groups": ("figure-group", FigureGroup),
    "stories": ("story", Story),
    "storylines": ("storyline", Storyline),
    "quality": ("quality", Quality),
}


def corpus_rows(view: CorpusView) -> dict[str, Sequence[tuple[str, str | None, BaseModel]]]:
    """The view as store rows: (id, sort key, model); the sort key keeps each list's order."""
    rows: dict[str, Sequence[tuple[str, str | None, BaseModel]]] = {}
    for name, (kind, _model) in CORPUS_KINDS.items():
        items = getattr(view, name)
        rows[kind] = [(_item_id(item, i), f"{i:09d}", item) for i, item in enumerate(items)]
    summaries = [view.summary, *view.story_summaries] if view.summary else view.story_summaries
    rows[SUMMARY_KIND] = [
        (f"story:{s.story_id}" if s.story_id else "corpus", f"{i:09d}", s)
        for i, s in enumerate(summaries)
    ]
    return rows


def _item_id(item: BaseModel, index: int) -> str:
    for attribute in ("id", "doc_id", "event_id", "canonical"):
        value = getattr(item, attribute, None)
        if isinstance(value, str):
            return value if attribute != "event_id" else f"{index:09d}:{value}"
    return f"{index:09d}"


def load_view(store: Store) -> dict[str, list]:
    """The stored cross-document results, by briefing field."""
    return {name: store.corpus(kind, model) for name, (kind, model) in CORPUS_KINDS.items()}


def stored_view(store: Store) -> CorpusView:
    """The stored stories and storylines as a ``CorpusView``: what an incremental build
    starts from (the other stages recompute their results)."""
    return CorpusView(
        stories=store.corpus("story", Story), storylines=store.corpus("storyline", Storyline)
    )


def make_briefing(store: Store, skipped: Sequence[Skipped] | None = None) -> Briefing:
    """The briefing for everything in ``store``; ``skipped`` lists this run's rejected inputs."""
    return briefing_with_events(store, skipped)[0]


def briefing_with_events(
    store: Store, skipped: Sequence[Skipped] | None = None
) -> tuple[Briefing, list[Event]]:
    """``make_briefing`` and the events with every mention, which it reads anyway: the report
    cites each event in every document that reports it, the briefing keeps examples."""
    summaries = store.corpus(SUMMARY_KIND, Summary)
    view = load_view(store)
    briefing = _briefing(
        store.iter_documents(),
        store.analysis_pile(),
        skipped if skipped is not None else store.last_skipped(),
        summary=next((s for s in summaries if s.scope == "corpus"), None),
        story_summaries=[s for s in summaries if s.scope == "story"],
        **view,
    )
    return briefing, view["events"]


def briefing_of(
    documents: Sequence[Document],
    analyses: Sequence[DocumentAnalysis] | AnalysisPile,
    view: CorpusView,
    skipped: Sequence[Skipped],
) -> Briefing:
    """The same briefing from records already in memory (a build has just made them), so the
    build does not read everything back from the store."""
    return _briefing(
        documents,
        analyses,
        skipped,
        summary=view.summary,
        story_summaries=view.story_summaries,
        **{name: getattr(view, name) for name in CORPUS_KINDS},
    )


def briefed_entity(entity: Entity, documents: int = EXAMPLE_MENTION_DOCUMENTS) -> Entity:
    """The entity as the briefing lists it: its first mention in each of its first
    ``documents`` documents as examples (every mention stays in the store)."""
    examples = example_mentions(entity.mentions, documents)
    if len(examples) == len(entity.mentions):
        return entity
    return entity.model_copy(update={"mentions": examples})


def briefed_event(event: Event, documents: int = EXAMPLE_MENTION_DOCUMENTS) -> Event:
    """The event as the briefing lists it, like an entity: its first mention in each of its
    first ``documents`` documents as examples, with ``mention_count`` and every document id.
    A story-sized event is reported by hundreds of articles, each mention carrying its
    evidence sentence; the briefing names them, the store (``storyline export``) keeps them."""
    examples = example_mentions(event.mentions, documents)
    if len(examples) == len(event.mentions):
        return event
    count = max(event.mention_count, len(event.mentions))
    return event.model_copy(update={"mentions": examples, "mention_count": count})


M = TypeVar("M", Mention, EventMention)


def example_mentions(mentions: Sequence[M], documents: int) -> list[M]:
    """The first mention of each of the first ``documents`` documents, in mention order."""
    examples: dict[str, M] = {}
    for mention in mentions:
        doc_id = mention.provenance.doc_id
        if doc_id not in examples:
            if len(examples) == documents:
                break
            examples[doc_id] = mention
    return list(examples.values())


def _briefing(
    documents: Iterable[Document],
    analyses: Sequence[DocumentAnalysis] | AnalysisPile,
    skipped: Sequence[Skipped],
    **corpus: Any,  # Briefing fields named by CORPUS_KINDS, built dynamically; pydantic validates
) -> Briefing:
    corpus["entities"] = [briefed_entity(e) for e in corpus.get("entities", ())]
    corpus["events"] = [briefed_event(e) for e in corpus.get("events", ())]
    errors: list[AnalysisError] = []
    figures: list[Figure] = []
    for a in as_pile(analyses).read(("errors", "figures")):  # the layers it lists
        errors.extend(a.errors)
        figures.extend(a.figures)
    return Briefing(
        generated_by=f"storyline {__version__}",
        documents=sorted((DocumentRef.of(d) for d in documents), key=lambda d: d.id),
        skipped=list(skipped),
        analysis_errors=errors,
        figures=figures,
        **corpus,
    )


def write_briefing(briefing: Briefing, path: str | Path) -> Path:
    """Write atomically (temp file + rename): a reader never sees half a briefing."""
    return write_text_atomic(Path(path), briefing.model_dump_json(indent=2))


def _read_umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


#: Read once at import: setting the umask to read it is process-wide, so doing it while the web
#: app's threads create files would race.
_UMASK = _read_umask()


def write_text_atomic(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
