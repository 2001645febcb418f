"""The build: ingest → prepare → store, the pile stages (boilerplate across documents), then the
language and corpus stages, then the briefing.

Each step is a plain function over the store and the typed records; the CLI, the web app and
the Python API all call ``build``. Per-document work is batched and committed batch by batch,
so an interrupted build keeps every finished batch and nothing half-written.

Ingest is a boundary: an input or record that cannot be read, prepared or stored is a
``Skipped`` with its reason and the rest of the batch is kept; skips are counted by reason, so
a flood of bad records is a few lines, not millions. A record repeated within a run is
recognised before it is prepared again.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Protocol

from storyline.briefing.compose import (
    CORPUS_KINDS,
    briefing_of,
    corpus_rows,
    stored_view,
    write_briefing,
)
from storyline.errors import IngestError
from storyline.ingest.inputs import IngestOptions, expand_inputs, read_input
from storyline.ingest.prepare import prepare_document
from storyline.ingest.skips import SkipTally
from storyline.models import (
    AnalysisError,
    CorpusView,
    Document,
    RawRecord,
    Skipped,
)
from storyline.models.pile import AnalysisPile
from storyline.pipeline.analyse import AnalysisSettings
from storyline.pipeline.corpus import derive_corpus
from storyline.pipeline.engines import TASK_SIZE, make_engine
from storyline.pipeline.partition import BlockRunner, make_runner
from storyline.pipeline.pile import run_pile_stages
from storyline.report.write import write_reports
from storyline.store import Store
from storyline.store.analysis_rows import AnalysisRows
from storyline.version import code_fingerprint

BATCH_SIZE = 256
#: Inputs skipped for one reason that a build lists one by one; the rest are counted.
LISTED_SKIPS_PER_REASON = 20
#: Duplicate sources a report names (``duplicate_count`` counts them all).
LISTED_DUPLICATES = 1000
#: Records remembered by their raw text, so a repeated one is not prepared again.
REMEMBERED_RECORDS = 1024

log = logging.getLogger(__name__)


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
    duplicates: dict[str, str] = field(default_factory=dict)  # the first LISTED_DUPLICATES
    duplicate_count: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    analysis_errors: list[AnalysisError] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    _skips: SkipTally = field(default_factory=lambda: SkipTally(LISTED_SKIPS_PER_REASON))

    @property
    def ingested(self) -> int:
        return len(self.added) + len(self.updated) + len(self.unchanged)

    @property
    def skipped_count(self) -> int:
        """Inputs and records skipped (a summary line counts every record it stands for)."""
        return sum(s.count for s in self.skipped)

    @property
    def failed(self) -> bool:
        """A build fails only when inputs were given and none could be ingested."""
        return self.ingested == 0 and not self.duplicate_count and bool(self.skipped)

    def skip(self, skipped: Skipped) -> None:
        """Record a skip: listed, or counted with others of its reason (see ``finish``)."""
        if skipped.count > 1 or self._skips.add(skipped):
            self.skipped.append(skipped)

    def duplicate(self, source: str, stored_id: str) -> None:
        self.duplicate_count += 1
        if len(self.duplicates) < LISTED_DUPLICATES:
            self.duplicates[source] = stored_id

    def finish_skips(self) -> None:
        """Append the counts of the skips that were not listed one by one."""
        self.skipped += self._skips.summaries("(more inputs)", noun="input")

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
        report.analysis_errors = [e for a in analyses.read(("errors",)) for e in a.errors]
        with report.timed("briefing"):
            briefing, records = briefing_of(documents, analyses, view, report.skipped)
            report.briefing_path = str(write_briefing(briefing, out / "briefing.json"))
        with report.timed("report"):
            written = write_reports(briefing, out, store.documents, records)
            report.report_paths = [str(p) for p in written]
        store.finish_run(
            run_id,
            len(report.added) + len(report.updated),
            len(report.unchanged),
            report.skipped,
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
    seen = _RecentRecords()
    repeats: dict[str, str] = {}  # source → content hash, for the listed repeated records
    for spec in specs:
        if isinstance(spec, Skipped):
            report.skip(spec)
        else:
            for item in read_input(spec, options.ingest):
                document = _prepared(item, options, report, seen)
                if isinstance(document, str):  # a repeat of a record prepared this run
                    report.duplicate_count += 1
                    if len(repeats) < LISTED_DUPLICATES:
                        repeats[item.source] = document
                elif document is not None:
                    batch.append(document)
                if len(batch) >= options.batch_size:  # a file of many records commits as it goes
                    _commit(store, batch, report)
                    batch = []
        progress.advance()
    _commit(store, batch, report)
    for source, content_hash in repeats.items():  # named by the id the first copy got
        stored_id = store.id_for_content(content_hash)
        if stored_id is not None and len(report.duplicates) < LISTED_DUPLICATES:
            report.duplicates[source] = stored_id
    report.finish_skips()
    progress.finish()


def analyse_pending(store: Store, options: BuildOptions, progress: Progress) -> list[str]:
    """Run the per-document language stages on documents without a current analysis, and
    return their ids (the documents new or changed since the last build).

    Tasks go to the engine lazily, their documents read as they are (not compacted: they are
    sent off and dropped); the engine hands back each analysis as its stored rows, which this
    process (the single writer) only inserts, one transaction per ``batch_size`` documents.
    """
    settings = options.analysis
    pending = store.ids_needing_analysis(settings.version())
    progress.start("analyse", len(pending))
    size = min(TASK_SIZE, options.batch_size)
    tasks = (
        store.documents(pending[i : i + size], compacted=False)
        for i in range(0, len(pending), size)
    )
    engine = make_engine(options.engine, options.workers, options.scheduler) if pending else None
    buffer: list[AnalysisRows] = []
    try:
        for results in engine.analyse(tasks, settings) if engine else ():
            buffer.extend(results)
            progress.advance(len(results))
            if len(buffer) >= options.batch_size:
                store.save_analysis_rows(buffer)
                buffer = []
        store.save_analysis_rows(buffer)
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
) -> tuple[list[Document], AnalysisPile, CorpusView]:
    """Recompute the cross-document view over everything stored, and replace it atomically.
    With ``changed`` (the documents analysed by this build), stages that can start from the
    stored view (the stories, the quality scores) redo only what the changed documents reach,
    when the stored view was made by this very code (``version.code_fingerprint``): a view an
    older version made is derived again whole. Near-duplicate signatures and summary candidates
    are kept in the store under a key naming their inputs, settings and code, so only new or
    changed documents' are made. ``runner`` runs the partitioned stages' blocks (on Dask with
    the dask engine); their results come back here, and this process alone writes the store.

    The analyses are the store's pile (``models.pile``): each stage streams the layers it
    reads, so the build never holds every analysis at once.

    Returns what it read and made, so the briefing is written without reading it back."""
    progress.start("corpus", None)
    documents, analyses = store.corpus_documents(), store.analysis_pile()  # raw texts stay stored
    code = code_fingerprint()
    reuse = changed is not None and store.derived_by() == code
    previous = previous_view(store) if reuse else None
    view = derive_corpus(documents, analyses, previous, changed, runner=runner, kept=store)
    store.replace_corpus(corpus_rows(view), derived_by=code)
    for stage, seconds in view.timings.items():
        report.timings[f"corpus:{stage}"] = seconds
    progress.finish()
    return documents, analyses, view


def previous_view(store: Store) -> CorpusView:
    """What an incremental build starts from: the stored stories and storylines
    (``stored_view``), and the quality scores with the near-duplicate groups they were scored
    against (a score is kept when its document and its copy status are unchanged)."""
    view = stored_view(store)
    for name in ("quality", "duplicates"):
        kind, model = CORPUS_KINDS[name]
        setattr(view, name, store.corpus(kind, model))
    return view


class _RecentRecords:
    """The content hashes of the documents prepared from the last ``REMEMBERED_RECORDS``
    distinct records, by their raw text and title: a record repeated a million times is
    prepared once, and its repeats are duplicates of that first copy."""

    def __init__(self) -> None:
        self._documents: OrderedDict[bytes, str | Skipped] = OrderedDict()

    @staticmethod
    def key(record: RawRecord) -> bytes:
        digest = hashlib.blake2b(record.text.encode("utf-8", "replace"), digest_size=16)
        digest.update(b"\x00" + (record.title or "").encode("utf-8", "replace"))
        return digest.digest()

    def get(self, key: bytes) -> str | Skipped | None:
        """The earlier copy's content hash, or why it was skipped."""
        found = self._documents.get(key)
        if found is not None:
            self._documents.move_to_end(key)
        return found

    def put(self, key: bytes, found: str | Skipped) -> None:
        self._documents[key] = found
        if len(self._documents) > REMEMBERED_RECORDS:
            self._documents.popitem(last=False)


def _prepared(
    item: RawRecord | Skipped, options: BuildOptions, report: BuildReport, seen: _RecentRecords
) -> Document | str | None:
    """The record as a document ready to store; the content hash of the earlier copy when
    the record repeats one read this run (another input's, or another record of the same
    file: a duplicate); None when it is skipped (the skip recorded)."""
    if isinstance(item, Skipped):
        report.skip(item)
        return None
    key = seen.key(item)
    earlier = seen.get(key)
    if isinstance(earlier, Skipped):  # the same record again: the same reason
        report.skip(Skipped.model_construct(source=item.source, reason=earlier.reason, count=1))
        return None
    if earlier is not None:
        return earlier
    with report.timed("prepare"):
        document, reason = _prepare(item, options)
    if document is None:
        skipped = Skipped(source=item.source, reason=reason)
        seen.put(key, skipped)
        report.skip(skipped)
        return None
    seen.put(key, document.content_hash)
    return document


def _prepare(item: RawRecord, options: BuildOptions) -> tuple[Document | None, str]:
    """``prepare_document`` behind the boundary: the document, or None and why."""
    try:
        document = prepare_document(item, options.today)
    except IngestError as error:
        return None, error.problem
    except Exception as error:  # a cleaning or dating rule failed on this record alone
        log.warning("%s: preparing failed", item.source, exc_info=True)
        return None, f"could not be prepared ({type(error).__name__}: {str(error)[:160]})"
    limit = options.ingest.max_text_chars
    if len(document.text) > limit:
        size = len(document.text)
        return None, f"text too long to analyse: {size:,} characters (limit {limit:,})"
    return document, ""


def _commit(store: Store, batch: list[Document], report: BuildReport) -> None:
    """Store a batch in one transaction; if the store refuses it, each document on its own,
    so one document it cannot hold is skipped and the rest of the batch is kept."""
    if not batch:
        return
    try:
        with report.timed("store"):
            result = store.add_documents(batch)
    except Exception as error:
        if len(batch) > 1:
            for document in batch:
                _commit(store, [document], report)
            return
        log.warning("%s: storing failed", batch[0].source, exc_info=True)
        reason = f"could not be stored ({type(error).__name__}: {str(error)[:160]})"
        report.skip(Skipped(source=batch[0].source, reason=reason))
        return
    report.added += result.added
    report.updated += result.updated
    report.unchanged += result.unchanged
    for source, stored_id in result.duplicates.items():
        report.duplicate(source, stored_id)
