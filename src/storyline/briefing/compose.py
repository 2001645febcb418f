"""The briefing: everything a build found, gathered from the store into one ``Briefing``.

``briefing.json`` is ``Briefing.model_dump_json()``: what was found, with document references;
the documents' texts stay in the store (``storyline export`` writes every record out, and the
report reads the few texts it shows from the store). Where a list would grow with every
document read (an event's mentions, every figure, each document's quality signals) the briefing
keeps examples, references and scores, and ``BriefingRecords`` carries the full records to the
report. Its schema is documented in
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

from storyline.figures.compare import value_text
from storyline.models import (
    AnalysisError,
    BriefedFigureGroup,
    Briefing,
    BriefingRecords,
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
#: A figure group that compares documents keeps one example figure of each of this many values
#: (a conflict is two or three values; its explanation lists them all).
EXAMPLE_FIGURE_VALUES = 3

SUMMARY_KIND = "summary"  # the corpus summary (id "corpus") and one per story ("story:<id>")

#: view field (``CorpusView``; the briefing's field of that name, but for ``quality``, which it
#: gives as each document's score) → (store kind, model)
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
    return briefing_with_records(store, skipped)[0]


def briefing_with_records(
    store: Store, skipped: Sequence[Skipped] | None = None
) -> tuple[Briefing, BriefingRecords]:
    """``make_briefing`` and the full records it abridges, which it reads anyway (every event
    mention, every figure, each document's quality reasons): what the report draws from."""
    summaries = store.corpus(SUMMARY_KIND, Summary)
    return _briefing(
        store.iter_documents(),
        store.analysis_pile(),
        skipped if skipped is not None else store.last_skipped(),
        summary=next((s for s in summaries if s.scope == "corpus"), None),
        story_summaries=[s for s in summaries if s.scope == "story"],
        **load_view(store),
    )


def briefing_of(
    documents: Sequence[Document],
    analyses: Sequence[DocumentAnalysis] | AnalysisPile,
    view: CorpusView,
    skipped: Sequence[Skipped],
) -> tuple[Briefing, BriefingRecords]:
    """The same briefing, and the records it abridges, from records already in memory (a build
    has just made them), so the build does not read everything back from the store."""
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


def briefed_figure_group(
    group: FigureGroup, figures: dict[str, Figure], values: int = EXAMPLE_FIGURE_VALUES
) -> BriefedFigureGroup:
    """The group as the briefing lists it: every member by id and, when it compares
    documents, the first figure of each of its first ``values`` values (as its explanation
    writes them: "over USD 50 billion"), so each value it compares is read in its sentence.
    Copies of one claim add no example. A group of one document (most of them: a figure no
    other source reports) keeps none; its explanation names the value and the document."""
    briefed = BriefedFigureGroup.model_validate(group)
    if len(set(group.documents)) < 2:
        return briefed
    examples: dict[str, Figure] = {}
    for figure in (figures[i] for i in group.figure_ids if i in figures):
        value = value_text(figure)
        if value not in examples:
            if len(examples) == values:
                break
            examples[value] = figure
    return briefed.model_copy(update={"examples": list(examples.values())})


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
    **corpus: Any,  # view fields named by CORPUS_KINDS, built dynamically; pydantic validates
) -> tuple[Briefing, BriefingRecords]:
    quality: list[Quality] = corpus.pop("quality", [])
    events: list[Event] = corpus.get("events", [])
    errors: list[AnalysisError] = []
    figures: list[Figure] = []
    for a in as_pile(analyses).read(("errors", "figures")):  # the layers it reads
        errors.extend(a.errors)
        figures.extend(a.figures)
    by_id = {f.id: f for f in figures}
    corpus["figure_groups"] = [
        briefed_figure_group(g, by_id) for g in corpus.get("figure_groups", ())
    ]
    corpus["entities"] = [briefed_entity(e) for e in corpus.get("entities", ())]
    corpus["events"] = [briefed_event(e) for e in events]
    score = {q.doc_id: q.score for q in quality}
    briefing = Briefing(
        generated_by=f"storyline {__version__}",
        documents=sorted(
            (DocumentRef.of(d, score.get(d.id)) for d in documents), key=lambda d: d.id
        ),
        skipped=list(skipped),
        analysis_errors=errors,
        **corpus,
    )
    return briefing, BriefingRecords(events=list(events), figures=figures, quality=quality)


def briefing_records(briefing: Briefing) -> BriefingRecords:
    """What the briefing itself holds of the records it abridges: events with example
    mentions, the example figures of its groups, each document's score without its reasons."""
    figures = {f.id: f for g in briefing.figure_groups for f in g.examples}
    return BriefingRecords(
        events=list(briefing.events),
        figures=list(figures.values()),
        quality=[
            Quality(doc_id=d.id, score=d.quality, signals={}, reasons=[])
            for d in briefing.documents
            if d.quality is not None
        ],
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
