"""Read-only commands: tables of what a build stored (entities, figures, timeline, …).

Each reads only the rows it shows, through the store's indexes, and says when a table stops
before the end ("40 of 157 entities (use --limit to see more)"). Imports are made inside the
commands, so ``storyline --help`` loads none of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from storyline.cli.console import (
    DEFAULT_DB,
    DbOption,
    app,
    console,
    fail,
    open_store,
    printable,
    shown_of,
)

#: storyline.briefing.export.TABLES (a test keeps the two in step)
TABLE_NAMES = "documents, entities, events, figures, timexes, quality"
LimitOption = Annotated[int, typer.Option(min=1, help="Most rows to show.")]


def _short(text: str | None, width: int = 110) -> str:
    text = " ".join((text or "").split())
    return printable(text if len(text) <= width else text[: width - 1] + "…")


def _more(shown: int, total: int, what: str) -> None:
    if line := shown_of(shown, total, what):
        console.print(line)


@app.command("entities")
def entities_command(
    db: DbOption = DEFAULT_DB,
    type_: Annotated[
        str | None, typer.Option("--type", help="Only this type, e.g. PERSON.")
    ] = None,
    limit: LimitOption = 40,
) -> None:
    """Canonical entities, most mentioned first: name, type, roles, aliases, mentions."""
    from rich.table import Table

    from storyline.models import Entity

    with open_store(db) as store:
        ids, total = store.entity_ids(type_.upper() if type_ else None, None, limit)
        entities = [Entity.model_validate_json(row) for row in store.entity_rows(ids)]
    table = Table("entity", "type", "roles", "also called", "mentions", "documents")
    for entity in entities:
        table.add_row(
            printable(entity.name),
            entity.type,
            _short("; ".join(entity.roles), 40),
            _short(", ".join(entity.aliases), 50),
            str(entity.mention_count),
            str(len(entity.documents)),
        )
    console.print(table)
    _more(len(entities), total, "entities")


@app.command("figures")
def figures_command(db: DbOption = DEFAULT_DB, limit: LimitOption = 40) -> None:
    """Figures grouped by what they measure (conflicting first), with cross-source status."""
    from rich.table import Table

    from storyline.models import Figure, FigureGroup

    with open_store(db) as store:
        ids = store.ranked_figure_group_ids(limit)
        groups = store.corpus_items("figure-group", ids, FigureGroup)
        stored = store.figures([f for g in groups for f in g.figure_ids])
        total = store.count_corpus("figure-group")
    figures = {i: Figure.model_validate_json(data) for i, data in stored.items()}
    table = Table("measure", "status", "figures", "explanation", show_lines=True)
    for group in groups:
        members = [figures[i] for i in group.figure_ids if i in figures]
        shown = "\n".join(
            f"{printable(f.text)} ({printable(f.provenance.doc_id)})" for f in members
        )
        table.add_row(
            printable(group.measure), group.status or "", shown, _short(group.explanation, 90)
        )
    console.print(table)
    _more(len(groups), total, "figure groups")


@app.command("timeline")
def timeline_command(
    db: DbOption = DEFAULT_DB,
    planned: Annotated[
        bool, typer.Option("--planned", help="Also list planned and hypothetical events.")
    ] = False,
    evidence: Annotated[bool, typer.Option(help="Show each entry's evidence sentence.")] = True,
    limit: LimitOption = 40,
) -> None:
    """Events in date order (undated after), with sources and evidence."""
    from rich.table import Table

    from storyline.models import Event, TimelineEntry

    with open_store(db) as store:
        ids, total = store.timeline_item_ids(limit=limit)
        entries = store.corpus_items("timeline", ids, TimelineEntry)
        events = store.corpus_page("event", Event, 10**9) if planned else []
    table = Table("date", "event", "what happened", "sources", show_lines=evidence)
    for entry in entries:
        when = entry.date or "undated"
        if entry.date and entry.date_end:
            when = f"{entry.date} → {entry.date_end}"
        what = printable(entry.label)
        if evidence and entry.evidence:
            what += f"\n[dim]“{_short(entry.evidence[0].sentence, 160)}”[/]"
        kind = entry.type + (f"/{entry.mode}" if entry.mode else "")
        table.add_row(when, kind, what, "\n".join(printable(d) for d in entry.documents))
    console.print(table)
    _more(len(entries), total, "timeline entries")
    if planned:
        later = [e for e in events if e.factuality in ("planned", "hypothetical")]
        plans = Table("status", "event", "sources", title="Planned or hypothetical")
        for event in later[:limit]:
            sources = ", ".join(printable(d) for d in event.documents)
            plans.add_row(event.factuality, printable(event.label), sources)
        console.print(plans)
        _more(min(len(later), limit), len(later), "planned or hypothetical events")


@app.command("stories")
def stories_command(db: DbOption = DEFAULT_DB, limit: LimitOption = 40) -> None:
    """Storylines, each with its stories in date order, each story with its articles."""
    from rich.tree import Tree

    from storyline.briefing.compose import load_view
    from storyline.models import Storyline
    from storyline.report.dates import human_date

    with open_store(db) as store:
        view = load_view(store)
        lines = view["storylines"] or [
            Storyline(id=s.id, label=s.label, stories=[s.id], documents=s.documents)
            for s in view["stories"]
        ]
        shown_ids = sorted({d for line in lines[:limit] for d in line.documents})
        titles = {
            d.id: d.title or d.text.strip().split("\n", 1)[0] for d in store.documents(shown_ids)
        }
    stories = {s.id: s for s in view["stories"]}
    tree = Tree(
        f"[bold]{len(lines)} storyline{'s' if len(lines) != 1 else ''}, "
        f"{len(stories)} stor{'ies' if len(stories) != 1 else 'y'}[/]"
    )
    for line in lines[:limit]:
        members = [stories[s] for s in line.stories if s in stories]
        branch = tree.add(f"[bold]{printable(line.label)}[/]")
        for story in members:
            published = (
                f"published {human_date(story.first_date, story.last_date)}"
                if story.first_date
                else "undated"
            )
            node = branch.add(f"{printable(story.label)} [dim]· {published}[/]")
            for doc_id in story.documents:
                node.add(f"[dim]{printable(doc_id)}[/] {_short(titles.get(doc_id), 80)}")
    console.print(tree)
    _more(min(len(lines), limit), len(lines), "storylines")


@app.command("sources")
def sources_command(db: DbOption = DEFAULT_DB, limit: LimitOption = 40) -> None:
    """Documents sorted by source-quality score, with the reasons behind each score."""
    from rich.table import Table

    from storyline.models import Quality

    with open_store(db) as store:
        ids = store.ranked_document_ids(limit)
        rows = {r["id"]: r for r in store.document_rows(ids)}
        quality = {q.doc_id: q for q in store.corpus_items("quality", ids, Quality)}
        total = store.count_documents()
    table = Table("score", "document", "reasons", show_lines=True)
    for doc_id in ids:
        row, item = rows.get(doc_id), quality.get(doc_id)
        head = printable(doc_id)
        if row is not None:
            head += f"\n{_short(row['title'], 60)}\n[dim]{row['published'] or 'undated'}[/]"
        reasons = (
            "\n".join(f"{r.effect:+.2f} {printable(r.reason)}" for r in item.reasons)
            if item
            else ""
        )
        table.add_row(f"{item.score:.2f}" if item else "—", head, reasons)
    console.print(table)
    _more(len(ids), total, "sources")


@app.command("report")
def report_command(
    db: DbOption = DEFAULT_DB,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output directory.")] = Path("out"),
) -> None:
    """Write OUT/report.md and OUT/report.html (self-contained) from the store."""
    from storyline.briefing.compose import briefing_with_records
    from storyline.report.write import write_reports

    with open_store(db) as store:
        briefing, records = briefing_with_records(store)
        paths = write_reports(briefing, out, store.documents, records)
    for path in paths:
        console.print(f"report:   {printable(path)}")


@app.command("serve")
def serve_command(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Interface to bind (loopback by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    allow_remote: Annotated[
        bool,
        typer.Option(
            "--allow-remote",
            help="Allow a non-loopback --host. The app has no login: anyone who can reach it "
            "can read the corpus and add articles.",
        ),
    ] = False,
    cache_mb: Annotated[
        int,
        typer.Option(
            min=0, help="MB of page and API answers kept until a build changes them (0: none)."
        ),
    ] = 64,
    workers: Annotated[
        int,
        typer.Option(min=1, max=64, help="Server processes (one Python process uses one core)."),
    ] = 1,
) -> None:
    """Browse the briefing in a local web app (JSON API under /api, schema /api/openapi.json)."""
    from storyline.web.security import LOOPBACK_HOSTS

    if host not in LOOPBACK_HOSTS and not allow_remote:
        fail(
            f"--host {host} exposes the app beyond this machine, with no login; "
            "add --allow-remote if that is what you want"
        )
    open_store(db).close()  # a typo in --db is an error, not a new empty store
    from storyline.web import serve

    console.print(f"serving {printable(db)} on http://{host}:{port}/ (Ctrl+C to stop)")
    serve(db, host, port, workers, cache_bytes=cache_mb * 1024 * 1024)


@app.command("ask")
def ask_command(
    question: Annotated[str, typer.Argument(help="A question about the corpus.")],
    db: DbOption = DEFAULT_DB,
    sentences: Annotated[
        int, typer.Option("--sentences", "-n", min=1, max=10, help="Cited sentences to show.")
    ] = 3,
    llm: Annotated[
        bool,
        typer.Option(
            "--llm",
            help="Word the answer with a local OpenAI-compatible model (STORYLINE_LLM_URL, "
            "STORYLINE_LLM_MODEL, optional STORYLINE_LLM_API_KEY); it must cite what it uses.",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the Answer as JSON.")] = False,
) -> None:
    """Answer a question from the stored articles, with cited sentences."""
    from storyline.ask.answer import answer_question
    from storyline.ask.llm import LLMConfig

    endpoint = LLMConfig.from_env() if llm else None
    if llm and endpoint is None:
        fail("--llm needs STORYLINE_LLM_URL and STORYLINE_LLM_MODEL in the environment")
    with open_store(db) as store:
        answer = answer_question(store, question, max_sentences=sentences, llm=endpoint)
    if as_json:
        console.print_json(answer.model_dump_json())
        return
    console.print(f"[bold]{printable(answer.text)}[/]")
    if answer.value is not None:
        console.print(
            # the value as a reader wants it: its normalised form is an entity id or an ISO code
            f"[dim]{answer.value.kind}: {printable(answer.value.text)} "
            f"(from the {answer.value.layer} layer)[/]"
        )
    for citation in answer.citations:
        console.print(
            printable(
                f"[{citation.number}] {citation.doc_id} "
                f"({citation.published or 'undated'}): {citation.sentence}"
            )
        )
    if not answer.found and answer.explanation and answer.explanation != answer.text:
        console.print(f"[dim]{printable(answer.explanation)}[/]")


@app.command("export")
def export_command(
    db: DbOption = DEFAULT_DB,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output directory.")] = Path("export"),
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="parquet (columns) or jsonl (nested records).")
    ] = "parquet",
    table: Annotated[
        list[str] | None,
        typer.Option("--table", "-t", help=f"Only this table (repeatable): {TABLE_NAMES}."),
    ] = None,
) -> None:
    """Write the stored records (documents with their texts, entities, events, figures, time
    expressions, quality) to OUT/<table>.parquet or .jsonl, for DuckDB, pandas or Polars;
    briefing.json has no texts and keeps examples of the rest."""
    from storyline.briefing.export import FORMATS, export_store

    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    with open_store(db) as store:
        try:
            written = export_store(store, out, fmt, table)
        except ValueError as error:
            fail(str(error))
    for name, (path, rows) in written.items():
        console.print(f"{name:<10} {rows:>8} rows  {printable(path)}")
