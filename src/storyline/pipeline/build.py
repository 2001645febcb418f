"""The build: ingest → prepare → store, the pile stages (boilerplate across documents), then the
language and corpus stages, then the briefing.

Each step is a plain function over the store and the typed records; the CLI, the web app and
the Python API all call ``build``. Per-document work is batched and committed batch by batch,
so an interrupted build keeps every finished batch and nothing half-written.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Protocol

from storyline.briefing.compose import briefing_of, corpus_rows, stored_view, write_briefing
from storyline.errors import IngestError
from storyline.ingest.inputs import IngestOptions, expand_inputs, read_input
from storyline.ingest.prepare import prepare_document
from storyline.models import (
    AnalysisError,
    CorpusView,
    Document,
    DocumentAnalysis,
    RawRecord,
    Skipped,
)
from storyline.pipeline.analyse import AnalysisSettings
from storyline.pipeline.corpus import derive_corpus
from storyline.pipeline.engines import TASK_SIZE, make_engine
from storyline.pipeline.partition import BlockRunner, make_runner
from storyline.pipeline.pile import run_pile_stages
from storyline.report.write import write_reports
from storyline.store import Store

BATCH_SIZE = 256


class Progress(Protocol):
    """What the build reports while it runs (the CLI draws it with rich)."""

    def start(self, stage: str, total: int | None) -> None: ...
    def advance(self, amount: int = 1) -> None: ...
    def finish(self) -> None: ...


class NoProgress:
    def start(self, stage: str, total: int | None) -> None:
        pass

    def advance(self, amount: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass


@dataclass(frozen=True)
class BuildOptions:
    """Everything a build needs to know, resolved once."""

    today: date = field(default_factory=date.today)
    ingest: IngestOptions = field(default_factory=IngestOptions)
    batch_size: int = BATCH_SIZE
    engine: str = "local"  # "local" or "dask"
    workers: int = 1  # local engine: worker processes for the per-document analysis
    scheduler: object | None = None  # dask engine: scheduler address or a distributed.Client
    analysis: AnalysisSettings = field(default_factory=AnalysisSettings)


@dataclass
class BuildReport:
    store_path: str
    briefing_path: str | None = None
    report_paths: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: dict[str, str] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    analysis_errors: list[AnalysisError] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ingested(self) -> int:
        return len(self.added) + len(self.updated) + len(self.unchanged)

    @property
    def failed(self) -> bool:
        """A build fails only when inputs were given and none could be ingested."""
        return self.ingested == 0 and not self.duplicates and bool(self.skipped)

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        began = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - began


def parent_stage(stage: str) -> str | None:
    """The stage a timing was taken inside ('store' → 'ingest', 'corpus:stories' → 'corpus');
    None for a top-level stage."""
    if ":" in stage:
        return stage.split(":", 1)[0]
    return "ingest" if stage in ("prepare", "store") else None


def build(
    inputs: Sequence[str],
    out_dir: str | Path,
    db_path: str | Path | None = None,
    options: BuildOptions | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Ingest ``inputs`` into the store and write ``out_dir/briefing.json``."""
    options = options or BuildOptions()
    if options.ingest.today is None:  # one clock for the whole build (htmldate's max_date too)
        ingest = replace(options.ingest, today=options.today.isoformat())
        options = replace(options, ingest=ingest)
    progress = progress or NoProgress()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    store_path = Path(db_path) if db_path else out / "storyline.db"
    report = BuildReport(store_path=str(store_path))
    with Store(store_path) as store:
        run_id = store.start_run(list(inputs))
        with report.timed("ingest"):
            ingest_into(store, inputs, options, report, progress)
        with report.timed("pile"):
            run_pile_stages(store)
        with report.timed("analyse"):
            analysed = analyse_pending(store, options, progress)
        with report.timed("corpus"):
            runner = make_runner(options.engine, options.scheduler)
            try:
                documents, analyses, view = derive_into(
                    store, report, progress, analysed, runner=runner
                )
            finally:
                runner.close()
        report.analysis_errors = [e for a in analyses for e in a.errors]
        with report.timed("briefing"):
            briefing = briefing_of(documents, analyses, view, report.skipped)
            report.briefing_path = str(write_briefing(briefing, out / "briefing.json"))
        with report.timed("report"):
            report.report_paths = [str(p) for p in write_reports(briefing, out, store.documents)]
        store.finish_run(
            run_id, len(report.added) + len(report.updated), len(report.unchanged), report.skipped
        )
    return report


def ingest_into(
    store: Store,
    inputs: Sequence[str],
    options: BuildOptions,
    report: BuildReport,
    progress: Progress,
) -> None:
    """Read, prepare and store every input, one transaction per batch."""
    specs = expand_inputs(inputs, options.ingest)
    progress.start("ingest", len(specs))
    batch: list[Document] = []
    for spec in specs:
        if isinstance(spec, Skipped):
            report.skipped.append(spec)
        else:
            for item in read_input(spec, options.ingest):
                document = _prepared(item, options, report)
                if document is not None:
                    batch.append(document)
            if len(batch) >= options.batch_size:
                _commit(store, batch, report)
                batch = []
        progress.advance()
    _commit(store, batch, report)
    progress.finish()


def analyse_pending(store: Store, options: BuildOptions, progress: Progress) -> list[str]:
    """Run the per-document language stages on documents without a current analysis, and
    return their ids (the documents new or changed since the last build).

    Tasks go to the engine lazily; results are written by this process (the single writer),
    one transaction per ``batch_size`` documents.
    """
    settings = options.analysis
    pending = store.ids_needing_analysis(settings.version())
    progress.start("analyse", len(pending))
    size = min(TASK_SIZE, options.batch_size)
    tasks = (store.documents(pending[i : i + size]) for i in range(0, len(pending), size))
    engine = make_engine(options.engine, options.workers, options.scheduler) if pending else None
    buffer: list[DocumentAnalysis] = []
    try:
        for results in engine.analyse(tasks, settings) if engine else ():
            buffer.extend(results)
            progress.advance(len(results))
            if len(buffer) >= options.batch_size:
                store.save_analyses(buffer)
                buffer = []
        store.save_analyses(buffer)
    finally:
        if engine is not None:
            engine.close()
    progress.finish()
    return list(pending)


def derive_into(
    store: Store,
    report: BuildReport,
    progress: Progress,
    changed: Sequence[str] | None = None,
    runner: BlockRunner | None = None,
) -> tuple[list[Document], list[DocumentAnalysis], CorpusView]:
    """Recompute the cross-document view over everything stored, and replace it atomically.
    With ``changed`` (the documents analysed by this build), stages that can start from the
    stored view (the stories) redo only what the changed documents reach. ``runner`` runs the
    partitioned stages' blocks (on Dask with the dask engine); their results come back here,
    and this process alone writes the store.

    Returns what it read and made, so the briefing is written without reading it back."""
    progress.start("corpus", None)
    documents, analyses = store.documents(), store.analyses()
    previous = stored_view(store) if changed is not None else None
    view = derive_corpus(documents, analyses, previous, changed, runner=runner)
    store.replace_corpus(corpus_rows(view))
    for stage, seconds in view.timings.items():
        report.timings[f"corpus:{stage}"] = seconds
    progress.finish()
    return documents, analyses, view


def _prepared(
    item: RawRecord | Skipped, options: BuildOptions, report: BuildReport
) -> Document | None:
    if isinstance(item, Skipped):
        report.skipped.append(item)
        return None
    try:
        with report.timed("prepare"):
            return prepare_document(item, options.today)
    except IngestError as error:
        report.skipped.append(Skipped(source=error.source, reason=error.problem))
        return None


def _commit(store: Store, batch: list[Document], report: BuildReport) -> None:
    if not batch:
        return
    with report.timed("store"):
        result = store.add_documents(batch)
    report.added += result.added
    report.updated += result.updated
    report.unchanged += result.unchanged
    report.duplicates.update(result.duplicates)
