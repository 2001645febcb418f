"""The ``storyline`` command: a thin typer layer over the package's plain functions.

Every import that costs more than a few milliseconds (the pipeline, spaCy, pydantic's models,
rich's tables) happens inside the command that needs it, so ``--help`` and the read-only
commands start at once.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from storyline.cli.console import (
    DEFAULT_DB,
    DbOption,
    app,
    console,
    errors,
    fail,
    open_tables,
    printable,
    shown_of,
)
from storyline.ingest.options import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID
    from rich.table import Table

    from storyline.pipeline.build import BuildReport

#: Analysis errors listed one per line after a build; the rest are counted.
MAX_LISTED_ERRORS = 10
#: pipeline.build.BATCH_SIZE, repeated so --help needs no pipeline import (a test checks both)
DEFAULT_BATCH_SIZE = 256


class RichProgress:
    """Draws the build's stages as rich progress bars."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: TaskID | None = None

    def start(self, stage: str, total: int | None) -> None:
        self.task = self.progress.add_task(stage, total=total)

    def advance(self, amount: int = 1) -> None:
        if self.task is not None:
            self.progress.advance(self.task, amount)

    def finish(self) -> None:
        if self.task is not None:
            # a stage without a known size (the corpus stage) is done too: no spinner left
            done = self.progress.tasks[-1].total or max(self.progress.tasks[-1].completed, 1)
            self.progress.update(self.task, total=done, completed=done)
            self.task = None


@app.command("build")
def build_command(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories or http(s) URLs.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output directory.")] = Path("out"),
    db: Annotated[
        Path | None, typer.Option("--db", help="Store file (default: OUT/storyline.db).")
    ] = None,
    max_size_mb: Annotated[float, typer.Option(help="Largest input accepted, in MB.")] = (
        DEFAULT_MAX_BYTES / 1e6
    ),
    batch_size: Annotated[
        int, typer.Option(min=1, help="Documents per transaction and per spaCy batch.")
    ] = DEFAULT_BATCH_SIZE,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes for the per-document analysis.")
    ] = 1,
    engine: Annotated[str, typer.Option(help="'local' or 'dask'.")] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address, e.g. tcp://10.0.0.5:8786.")
    ] = None,
    lexicon: Annotated[
        Path | None,
        typer.Option(help="Your own event lexicon (TSV) merged over the built-in PLOVER one."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
    timings: Annotated[bool, typer.Option(help="Print the seconds each stage took.")] = False,
) -> None:
    """Ingest INPUTS into the store and write OUT/briefing.json."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    from storyline.ingest.options import IngestOptions
    from storyline.pipeline.analyse import AnalysisSettings
    from storyline.pipeline.build import BuildOptions, build

    if lexicon is not None and not lexicon.is_file():
        fail(f"{lexicon}: no such lexicon file")
    if engine not in ("local", "dask") or (engine == "dask" and not scheduler):
        fail("--engine must be 'local' or 'dask' (dask needs --scheduler)")
    options = BuildOptions(
        ingest=IngestOptions(max_bytes=int(max_size_mb * 1e6)),
        batch_size=batch_size,
        engine=engine,
        workers=workers,
        scheduler=scheduler,
        analysis=AnalysisSettings(event_lexicon=str(lexicon) if lexicon else None),
    )
    columns = (
        SpinnerColumn(finished_text="✓"),
        TextColumn("{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    # transient: the bars go when the build ends, so no spinner line outlives it
    with Progress(*columns, console=errors.rich(), disable=quiet, transient=True) as bars:
        report = build(inputs, out, db_path=db, options=options, progress=RichProgress(bars))
    _print_report(report)
    if timings:
        console.print(_timings_table(report.timings))
    if report.failed:
        raise typer.Exit(1)


def _print_report(report: BuildReport) -> None:
    """What a build did: skips (a flood of them is already a few summary lines), counts,
    analysis errors, and where the outputs are."""
    for skipped in report.skipped:
        errors.print(f"[yellow]skipped[/] {printable(skipped.source)}: {printable(skipped.reason)}")
    console.print(
        f"{report.ingested:,} ingested ({len(report.added):,} new, {len(report.updated):,} "
        f"updated, {len(report.unchanged):,} unchanged), {report.duplicate_count:,} duplicate, "
        f"{report.skipped_count:,} skipped"
    )
    if report.analysis_errors:
        failed = len({e.doc_id for e in report.analysis_errors})
        errors.print(
            f"[yellow]{failed} document(s) only partly analysed[/] (an extractor failed; "
            "the rest of the build went on, details in briefing.json analysis_errors):"
        )
        for error in report.analysis_errors[:MAX_LISTED_ERRORS]:
            errors.print(f"  {printable(error.doc_id)}: {error.stage}: {printable(error.error)}")
        if len(report.analysis_errors) > MAX_LISTED_ERRORS:
            errors.print(f"  … and {len(report.analysis_errors) - MAX_LISTED_ERRORS} more")
    console.print(f"briefing: {printable(report.briefing_path)}")
    for path in report.report_paths:
        console.print(f"report:   {printable(path)}")
    console.print(f"store:    {printable(report.store_path)}")


def _timings_table(timings: dict[str, float]) -> Table:
    """Top-level stages in the order they ran, each followed by the stages timed inside it
    (indented): only the top level sums to the total."""
    from rich.table import Table

    from storyline.pipeline.build import parent_stage

    total = sum(v for k, v in timings.items() if parent_stage(k) is None)
    table = Table("stage", "seconds", "share", title=f"build: {total:.1f} s")
    for stage in (k for k in timings if parent_stage(k) is None):
        for name in (stage, *(k for k in timings if parent_stage(k) == stage)):
            label = name if name == stage else "  " + name.split(":", 1)[-1]
            share = f"{timings[name] / total:.0%}" if total else "-"
            table.add_row(label, f"{timings[name]:.2f}", share)
    return table


@app.command("search")
def search_command(
    query: Annotated[
        str, typer.Argument(help='Words to find, as typed (S-400, India\'s, "a phrase").')
    ],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(min=1, help="Most hits to show.")] = 10,
    fts: Annotated[
        bool,
        typer.Option(
            "--fts",
            help="Read QUERY as SQLite FTS5 syntax (AND/OR/NOT, NEAR, prefix*, column:). "
            "Without it, QUERY is read so only when it holds such operators.",
        ),
    ] = False,
) -> None:
    """Full-text search over the clean text of stored documents."""
    from rich.table import Table

    from storyline.errors import StorylineError
    from storyline.store.search import SearchIndex

    with open_tables(db, SearchIndex) as index:
        try:
            hits = index.search(query, limit=limit, fts=True if fts else None)
            total = index.count_matches(query, fts=True if fts else None) if hits else 0
        except StorylineError as error:
            errors.print(f"[red]error:[/] {printable(error)}")
            raise typer.Exit(2) from None
    if not hits:
        console.print("no matches")
        return
    table = Table("document", "title", "snippet", show_lines=False)
    for hit in hits:
        table.add_row(printable(hit.doc_id), printable(hit.title or ""), printable(hit.snippet))
    console.print(table)
    if more := shown_of(len(hits), total, "matching documents"):
        console.print(more)


@app.command("eval")
def eval_command(
    task: Annotated[
        str,
        typer.Argument(
            help="timex | entities | events | clusters | coref | dates | body | briefing"
        ),
    ],
    path: Annotated[Path, typer.Argument(help="Gold data in the task's native format.")],
    limit: Annotated[int | None, typer.Option(help="Score only the first N documents.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    part: Annotated[
        str,
        typer.Option(
            help="Score the tuning or check part of the set, or all (timex, entities, dates, "
            "briefing and any task whose set has honest parts)."
        ),
    ] = "all",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Keep the build here (briefing).")
    ] = None,
) -> None:
    """Score storyline against gold data (latest numbers: benchmarks/results.md)."""
    from rich.markup import escape
    from rich.table import Table

    from storyline.evaluation import TASKS, evaluate

    if task not in TASKS:
        errors.print(
            f"[red]error:[/] unknown task {printable(repr(task))}; choose from {', '.join(TASKS)}"
        )
        raise typer.Exit(2)
    if not path.exists():
        errors.print(f"[red]error:[/] {printable(path)}: no such file or directory")
        raise typer.Exit(2)
    try:
        report = evaluate(task, path, limit=limit, part=part, out=out)
    except ValueError as error:
        errors.print(f"[red]error:[/] {escape(str(error))}")
        raise typer.Exit(2) from None
    if as_json:
        console.print_json(report.model_dump_json())
        return
    console.print(
        f"[bold]{report.task}[/] on {escape(report.corpus)} "
        f"({report.documents} documents; part: {report.part})"
    )
    for table in report.tables:
        if table.title == "failures" and table.columns == ["area", "item", "expected", "got"]:
            console.print(f"[bold]failures[/] ({len(table.rows)})")
            for area, item, expected, got in table.rows:
                console.print(escape(f"[{area}] {item}: expected {expected} | got {got}"))
            continue
        rich_table = Table(*table.columns, title=table.title)
        for row in table.rows:
            rich_table.add_row(*(_cell(value) for value in row))
        console.print(rich_table)
    for note in report.notes:
        console.print(f"note: {escape(note)}")


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return printable("" if value is None else str(value))


@app.command("schema")
def schema_command(
    markdown: Annotated[
        bool, typer.Option("--markdown", help="The documentation page instead of JSON Schema.")
    ] = False,
) -> None:
    """Print the JSON Schema of briefing.json (or its Markdown documentation)."""
    if markdown:
        from storyline.briefing.schema_doc import schema_markdown

        typer.echo(schema_markdown(), nl=False)
        return
    from storyline.models import Briefing

    console.print_json(json.dumps(Briefing.model_json_schema()))


# The read-only commands (entities, figures, timeline, stories, sources, ask, report, serve)
# and the benchmarks.
from storyline.cli import bench, views  # noqa: E402, F401
