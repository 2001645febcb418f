"""``storyline bench``: throughput, memory and stage shares against bare spaCy, and with
``--big`` the cross-document stages on simulated piles. Imports happen inside the command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from storyline.cli.console import app, console, errors, printable


@app.command("bench")
def bench_command(
    sizes: Annotated[str, typer.Option(help="Corpus sizes, comma-separated.")] = "1000,10000",
    big: Annotated[
        bool,
        typer.Option(
            "--big",
            help="Instead: the cross-document stages on simulated piles (cached analyses).",
        ),
    ] = False,
    big_sizes: Annotated[
        str, typer.Option(help="Simulated pile sizes for --big, comma-separated.")
    ] = "10000,100000",
    million: Annotated[
        bool, typer.Option("--million", help="With --big, add the 1M-document pile.")
    ] = False,
    workers: Annotated[str, typer.Option(help="Worker counts to compare, e.g. 1,2.")] = "1",
    eval_dir: Annotated[Path, typer.Option(help="Public eval data to build corpora from.")] = (
        Path("../shared/eval")
    ),
    work_dir: Annotated[
        Path | None, typer.Option(help="Keep generated corpora here (reused when present).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print rows as JSON.")] = False,
) -> None:
    """Throughput, memory and stage shares of a full build, against bare spaCy (with --big: the
    cross-document stages alone on simulated piles, their memory and fitted exponent)."""
    from rich.table import Table

    from storyline.bench import cross_document_seconds, fitted_exponent, run

    size_list = [int(s) for s in sizes.split(",") if s.strip()]
    worker_list = [int(w) for w in workers.split(",") if w.strip()]
    if not eval_dir.is_dir():
        errors.print(f"[red]error:[/] {printable(eval_dir)}: no eval data to build corpora from")
        raise typer.Exit(2)
    if big:
        piles = [int(s) for s in big_sizes.split(",") if s.strip()] + ([10**6] if million else [])
        _bench_big(piles, eval_dir, work_dir, as_json)
        return
    rows = run(size_list, eval_dir, worker_list, work_dir)
    if as_json:
        console.print_json(json.dumps(rows))
        return
    table = Table(
        "docs",
        "workers",
        "seconds",
        "articles/s",
        "words/s",
        "peak MB",
        "bare spaCy s",
        "ratio",
        "CPU ratio",
        "cross-doc s",
        title="storyline bench",
    )
    for row in rows:
        table.add_row(
            *(
                str(row[k])
                for k in (
                    "documents",
                    "workers",
                    "seconds",
                    "articles_per_s",
                    "words_per_s",
                    "peak_mb",
                    "bare_nlp_seconds",
                )
            ),
            str(row["ratio_to_bare_spacy"] or "—"),
            str(row.get("cpu_ratio_to_bare_spacy") or "—"),
            f"{cross_document_seconds(row):.2f}",
        )
    console.print(table)
    for row in rows:
        total = float(row["seconds"]) or 1.0
        shares = ", ".join(
            f"{k} {100 * v / total:.0f}%" for k, v in row["stages"].items() if v / total >= 0.01
        )
        console.print(f"{row['documents']} docs, {row['workers']} worker(s): {shares}")
    singles = [r for r in rows if r["workers"] == worker_list[0]]
    for key, label in (("seconds", "end to end"), ("corpus", "cross-document stages")):
        exponent = fitted_exponent(singles, key)
        if exponent is not None:
            console.print(f"fitted exponent of {label} time vs documents: {exponent}")


def _bench_big(sizes: list[int], eval_dir: Path, work_dir: Path | None, as_json: bool) -> None:
    import tempfile

    from rich.table import Table

    from storyline.bench import fitted_exponent
    from storyline.bench_big import run_big

    work = work_dir or Path(tempfile.mkdtemp(prefix="storyline-bench-big-"))
    rows = run_big(sizes, eval_dir, work)
    if as_json:
        console.print_json(json.dumps(rows))
        return
    # each stage's CPU seconds: on a shared machine its wall time says little
    names = list(dict.fromkeys(k for r in rows for k in r.get("stage_cpu_seconds", {})))
    table = Table("docs", "seconds", "CPU s", "peak MB", "over base MB", "peak in", *names)
    for row in rows:
        if "failed" in row:
            console.print(f"{row['documents']} docs: failed ({printable(row['failed'])})")
            continue
        table.add_row(
            str(row["documents"]),
            f"{row['seconds']:.1f}",
            f"{row['cpu_seconds']:.1f}",
            str(row["peak_mb"]),
            str(row["peak_over_base_mb"]),
            str(row.get("peak_stage") or "-"),
            *[f"{row['stage_cpu_seconds'].get(k, 0):.1f}" for k in names],
        )
    console.print(table)
    measured = [
        {"documents": r["documents"], "cpu_seconds": r["cpu_seconds"], **r["stage_cpu_seconds"]}
        for r in rows
        if "failed" not in r
    ]
    for key in ["cpu_seconds", *names]:
        exponent = fitted_exponent(measured, key)
        if exponent is not None:
            label = "all stages'" if key == "cpu_seconds" else key
            console.print(f"fitted exponent of {label} CPU time vs documents: {exponent}")
