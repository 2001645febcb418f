"""The working set of each cross-document stage, in build order, over a stored pile (issue 18).

Each stage of ``pipeline.corpus.CORPUS_STAGES`` runs under ``tracemalloc`` as ``derive_corpus``
runs it (the documents held, the analyses streamed from the store layer by layer), and per
stage this prints, in MB of memory the Python allocators handed out:

* ``start``: traced memory held when the stage began (what earlier stages keep);
* ``increase``: the stage's highest point above its start (its passing working set);
* ``highest``: the highest point itself (what sets the process's high-water mark);
* ``retained``: what the stage still holds when it ends, above its start;
* ``cpu_s``: the stage's CPU seconds (under ``tracemalloc``, which slows allocation-heavy
  stages two to three times: compare them only with each other).

It reads a *copy* of the given store (opening a store migrates it, and the stores measured are
often shared between helpers). With ``--size N`` the store is a template store
(``bench_big.template_store``, or ``/tmp/incrEv18/template.db``) and a simulated pile of N
documents is written from it first (in a child process, as ``storyline bench --big`` does), so
the numbers match the bench's piles; without it the store is itself the pile.

``--kept first`` runs the stages with the store keeping their per-document products, as a first
build into an empty store does (they are made and saved); ``--kept again`` runs that first build
untraced and measures a second one over the same store (every kept product read back, as a
rebuild with nothing changed); ``--kept none`` (the default) keeps nothing, as the bench does.
``--from STAGE`` traces from that stage on (the earlier ones run untraced: faster, and their
``start`` is then only what they left allocated since tracing began, i.e. 0).

    python benchmarks/stage_memory.py STORE WORK_DIR [--size N] [--kept none|first|again]
        [--from STAGE] [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

from storyline.pipeline import corpus as corpus_module
from storyline.pipeline.stages import CorpusStage, CorpusState
from storyline.store import Store

MB = 2**20
ROWS: list[dict[str, Any]] = []


def _measured(stage: CorpusStage, traced_from: str | None) -> CorpusStage:
    """``stage`` with its traced memory and CPU seconds recorded in ``ROWS``; tracing starts at
    the stage named ``traced_from`` (the first stage when None)."""

    def run(state: CorpusState) -> None:
        if not tracemalloc.is_tracing() and traced_from in (None, stage.name):
            tracemalloc.start()
        tracing = tracemalloc.is_tracing()
        if tracing:
            tracemalloc.reset_peak()
        start = tracemalloc.get_traced_memory()[0] if tracing else 0
        began = time.process_time()
        stage.run(state)
        cpu = time.process_time() - began
        if not tracing:
            return
        end, peak = tracemalloc.get_traced_memory()
        ROWS.append(
            {
                "stage": stage.name,
                "start_mb": round(start / MB, 1),
                "increase_mb": round((peak - start) / MB, 1),
                "highest_mb": round(peak / MB, 1),
                "retained_mb": round((end - start) / MB, 1),
                "cpu_s": round(cpu, 2),
            }
        )

    return CorpusStage(stage.name, stage.reads, stage.adds, run)


def _pile(store: Path, work: Path, size: int | None) -> Path:
    """The pile to measure in ``work``: a copy of ``store``, or a simulated pile of ``size``
    documents written from a copy of the template store ``store`` (in a child process)."""
    work.mkdir(parents=True, exist_ok=True)
    pile = work / "pile.db"
    for stale in work.glob("pile.db*"):
        stale.unlink()
    if size is None:
        shutil.copyfile(store, pile)
        return pile
    template = shutil.copyfile(store, work / "template.db")
    code = (
        "from pathlib import Path; from storyline.bench_big import write_big; "
        f"write_big(Path({str(template)!r}), Path({str(pile)!r}), {size})"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    return pile


def measure(pile: Path, kept: str, traced_from: str | None) -> dict[str, Any]:
    """Run the cross-document stages over ``pile`` with each stage measured; the rows and the
    view's counts (to check that two trees made the same view)."""
    stages = corpus_module.CORPUS_STAGES
    with Store(pile) as store:
        if kept == "again":  # the first build, untraced: it makes and keeps every product
            corpus_module.derive_corpus(store.corpus_documents(), store.analysis_pile(), kept=store)
        corpus_module.CORPUS_STAGES = tuple(_measured(s, traced_from) for s in stages)
        try:
            documents = store.corpus_documents()
            began = time.process_time()
            view = corpus_module.derive_corpus(
                documents, store.analysis_pile(), kept=None if kept == "none" else store
            )
            cpu = time.process_time() - began
        finally:
            corpus_module.CORPUS_STAGES = stages
            tracemalloc.stop()
    return {
        "documents": len(documents),
        "kept": kept,
        "cpu_s": round(cpu, 2),
        "stages": ROWS,
        "counts": {
            "stories": len(view.stories),
            "entities": len(view.entities),
            "events": len(view.events),
            "figure_groups": len(view.figure_groups),
            "summary_sentences": len(view.summary.sentences) if view.summary else 0,
            "story_summaries": len(view.story_summaries),
        },
    }


def _table(result: dict[str, Any]) -> str:
    head = "| stage | start MB | increase MB | highest MB | retained MB | CPU s |"
    lines = [head, "|---|---|---|---|---|---|"]
    for row in result["stages"]:
        lines.append(
            f"| {row['stage']} | {row['start_mb']} | {row['increase_mb']} | {row['highest_mb']}"
            f" | {row['retained_mb']} | {row['cpu_s']} |"
        )
    counts = ", ".join(f"{k} {v}" for k, v in result["counts"].items())
    return "\n".join([f"{result['documents']} documents, kept {result['kept']}: {counts}", *lines])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path, help="the pile's store (a template with --size)")
    parser.add_argument("work", type=Path, help="where the copy (or simulated pile) is written")
    parser.add_argument("--size", type=int, help="simulate a pile of this many documents")
    parser.add_argument("--kept", choices=("none", "first", "again"), default="none")
    parser.add_argument("--from", dest="traced_from", help="trace from this stage on")
    parser.add_argument("--json", action="store_true", help="print JSON, not a table")
    args = parser.parse_args()
    names = [s.name for s in corpus_module.CORPUS_STAGES]
    if args.traced_from is not None and args.traced_from not in names:
        parser.error(f"--from: one of {', '.join(names)}")
    result = measure(_pile(args.store, args.work, args.size), args.kept, args.traced_from)
    print(json.dumps(result, indent=1) if args.json else _table(result))


if __name__ == "__main__":
    main()
