"""What storyline produced for a set, and which gold items a run scores.

``run_storyline`` builds the pile with storyline's public API, reads the ``briefing.json`` the
build wrote (the same file a user gets), reads the documents' clean texts, the entities and
events with all their mentions, every document's time expressions and figures and each
document's quality from the build's store (the briefing holds document references, example
mentions and figures, scores, and no per-document timexes: ``storyline export`` writes them)
and asks every question through ``answer_question`` against that store. ``System`` keys
everything by *gold* document id: storyline names a document after its file stem, but the
scorer maps ids through ``Document.source`` so a store that named one differently still lines
up.

``Scope`` says which gold items a part (or ``--limit``) scores. The whole pile is always built;
only the counting is restricted. Documents, stories and everything tied to a story follow the
story's part (``storyline.evaluation.splits``); a background event (story null) follows the
story of its first document; a measure, the story of its first figure; a question, the story of
its first cited document, and one citing nothing (a no-answer question) the part of its own text
(key ``question:<text>``). Entities and junk names have no story: they are scored over the
documents of the part (occurrences and system mentions outside them are not looked at). System
items (timeline entries, figure groups, system entities, duplicate pairs) count in a part when
any of their documents is in it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from storyline import BuildOptions, BuildReport, Store, build
from storyline.ask import answer_question
from storyline.briefing.compose import briefing_records, load_view
from storyline.evaluation.briefing.gold import Gold, GoldEvent, GoldMeasure, GoldQuestion
from storyline.evaluation.splits import in_part
from storyline.models import (
    Answer,
    Briefing,
    Document,
    Entity,
    Event,
    Figure,
    Quality,
    TimelineEntry,
    Timex,
)


@dataclass
class System:
    """The briefing and the answers, indexed by gold document id."""

    briefing: Briefing
    texts: list[Document]  # the briefing's documents with their texts, from the store
    answers: dict[str, Answer] = field(default_factory=dict)
    out_dir: str = ""
    #: every entity with all its mentions, from the store (the briefing keeps example mentions);
    #: None: the briefing's own
    all_entities: list[Entity] | None = None
    #: every event with all its mentions, from the store, as ``all_entities``
    all_events: list[Event] | None = None
    #: each document's time expressions, from the store's analyses (the briefing has none)
    timexes: dict[str, list[Timex]] = field(default_factory=dict)
    #: every figure, in the store's document order; None: the briefing's example figures
    all_figures: list[Figure] | None = None
    #: each document's quality with its signals, from the store; None: the briefing's scores
    quality: list[Quality] | None = None
    #: what the build could not ingest or analyse, one line each ("x.html: took longer …"), so
    #: a gold document missing from the build says why instead of vanishing
    build_problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.ids: dict[str, str] = {}
        for doc in self.briefing.documents:
            stem = Path(doc.source.split("#", 1)[0]).stem if doc.source else doc.id
            self.ids[doc.id] = stem or doc.id
        listed = {d.id for d in self.briefing.documents}
        missing = listed - {d.id for d in self.texts}
        if missing:
            raise ValueError(f"no text for the briefing's documents {sorted(missing)[:5]}")
        self.documents: dict[str, Document] = {
            self.gid(d.id): d for d in self.texts if d.id in listed
        }
        if self.all_entities is None:
            self.all_entities = list(self.briefing.entities)
        self.entities: dict[str, Entity] = {e.id: e for e in self.all_entities}
        own = briefing_records(self.briefing)  # what the briefing keeps, where no store is read
        if self.all_events is None:
            self.all_events = own.events
        self.events: dict[str, Event] = {e.id: e for e in self.all_events}
        self.timeline: list[TimelineEntry] = list(self.briefing.timeline)
        if self.all_figures is None:
            self.all_figures = own.figures
        self.figures: dict[str, Figure] = {f.id: f for f in self.all_figures}
        if self.quality is None:
            self.quality = own.quality

    def gid(self, doc_id: str) -> str:
        """The gold id of a system document id (its file stem)."""
        return self.ids.get(doc_id, doc_id)

    def gids(self, doc_ids: Iterable[str]) -> list[str]:
        return list(dict.fromkeys(self.gid(d) for d in doc_ids))

    def entity_names(self, entity_id: str | None) -> list[str]:
        """The canonical name of an entity and of the entity it is linked to."""
        entity = self.entities.get(entity_id or "")
        if entity is None:
            return []
        linked = self.entities.get(entity.linked_to or "")
        return [entity.name] + ([linked.name] if linked else [])


@dataclass
class Scope:
    """The gold items one run scores: a part of the split, the first ``limit`` documents, or all."""

    gold: Gold
    part: str = "all"
    documents: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, gold: Gold, part: str, limit: int | None) -> Scope:
        docs = sorted(gold.documents)
        if limit is not None:
            docs = docs[: max(0, limit)]
        scope = cls(gold, part)
        scope.documents = {d for d in docs if in_part(scope.key_of(d), part)}
        return scope

    def key_of(self, doc_id: str) -> str:
        """The split key of a document: its gold story (the document itself when it has none)."""
        return self.gold.story_of(doc_id) or doc_id

    def doc(self, doc_id: str) -> bool:
        return doc_id in self.documents

    def any_doc(self, doc_ids: Iterable[str]) -> bool:
        return any(d in self.documents for d in doc_ids)

    def story(self, story_id: str) -> bool:
        story = self.gold.stories.get(story_id)
        return story is not None and self.any_doc(story.documents)

    def event(self, event: GoldEvent) -> bool:
        if event.story and event.story in self.gold.stories:
            return self.story(event.story)
        first = [*event.documents, *event.planned_in, *event.documents_optional][:1]
        return self.any_doc(first)

    def measure(self, measure: GoldMeasure) -> bool:
        return self.any_doc([r.rsplit(":", 1)[0] for r in measure.refs][:1])

    def question(self, question: GoldQuestion) -> bool:
        cited = [*question.cite, *question.cite_ok][:1]
        if cited:
            return self.any_doc(cited)
        return self.part == "all" or in_part(f"question:{question.question}", self.part)

    def label(self) -> str:
        """Which stories the scope holds, for the report."""
        stories = sorted({self.key_of(d) for d in self.documents})
        return f"part {self.part}: {len(self.documents)} documents, stories {', '.join(stories)}"


def article_files(articles: Path, documents: Iterable[str]) -> list[Path]:
    """The input files of ``documents`` that exist under ``articles`` (a document id is its
    file name without the extension)."""
    by_stem = {p.stem: p for p in articles.iterdir() if p.is_file()}
    return [by_stem[d] for d in sorted(documents) if d in by_stem]


def run_storyline(
    articles: Path,
    questions: list[str],
    out: Path | None = None,
    files: list[Path] | None = None,
) -> System:
    """Build ``articles`` (or just ``files``) into ``out`` (a temporary directory when None), read
    the briefing back and answer ``questions`` from the store."""
    with tempfile.TemporaryDirectory(prefix="storyline-eval-") as tmp:
        target = out or Path(tmp)
        inputs = [str(f) for f in files] if files is not None else [str(articles)]
        report = build(inputs, target, options=BuildOptions())
        if report.briefing_path is None:
            raise ValueError(f"{articles}: the build wrote no briefing")
        briefing = Briefing.model_validate_json(Path(report.briefing_path).read_text("utf-8"))
        with Store(report.store_path) as store:
            texts = store.documents([d.id for d in briefing.documents])
            view = load_view(store)
            analyses = list(store.analysis_pile().read(("timexes", "figures")))
            answers = {q: answer_question(store, q) for q in dict.fromkeys(questions)}
        return System(
            briefing,
            texts,
            answers,
            str(target) if out else "",
            view["entities"],
            view["events"],
            {a.doc_id: a.timexes for a in analyses},
            [f for a in analyses for f in a.figures],
            view["quality"],
            build_problems(report),
        )


def build_problems(report: BuildReport) -> list[str]:
    """The build's skipped inputs and failed per-document stages, one line each."""
    skipped = [f"{s.source}: {s.reason}" for s in report.skipped]
    failed = [f"{e.doc_id}: {e.stage} failed ({e.error})" for e in report.analysis_errors]
    return skipped + failed
