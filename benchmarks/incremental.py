"""What adding 1% new documents costs the cross-document stages, against a clean build.

A simulated pile (``bench_big.simulate``: copies of real built documents, moved in time and
reworded) of ``size`` documents is written to one store and derived clean; the same pile's
first ``size - added`` documents are written to a second store, derived and stored (the earlier
build), then the last ``added`` are written and derived again from the stored view with
``changed`` and the store's kept products, near-duplicate signatures, named mentions, story
rows, summary candidates, each measure head's figure groups and each story's summary (what
``pipeline.build`` does after new articles; the clean runs keep none, as a build into an empty
store). The earlier build is a first build into an empty store: its CPU seconds per stage are
printed too (``first``, of the first ``size - added``: every kept product made and saved).
With ``rounds`` > 1 the later incremental rounds find the products the first one kept for
the new documents too, so ``rounds`` = 1 is the honest cost of the first build after an
addition. Each cross-document stage is timed in CPU seconds of this process (the machine is
shared: wall time is noisy), clean and incremental runs interleaved ``rounds`` times; the two
views must be equal. ``compaction`` is what ``derive_corpus`` does between the stages (it
compacts what each added to the view), counted on its own. With ``INCREMENTAL_BEFORE`` set to
a path, the second store is copied there as the +1% build finds it (to profile that build).

    python benchmarks/incremental.py TEMPLATE_STORE WORK_DIR [size] [added] [rounds]
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path

from storyline.bench_big import simulate, write_pile
from storyline.briefing.compose import corpus_rows
from storyline.pipeline import corpus as corpus_module
from storyline.pipeline.build import previous_view
from storyline.pipeline.corpus import derive_corpus
from storyline.pipeline.stages import CorpusStage
from storyline.store import Store

CPU: dict[str, float] = {}


def _cpu_timed(stage: CorpusStage) -> CorpusStage:
    def run(state):  # type: ignore[no-untyped-def]
        began = time.process_time()
        stage.run(state)
        CPU[stage.name] = CPU.get(stage.name, 0.0) + time.process_time() - began

    return CorpusStage(stage.name, stage.reads, stage.adds, run)


def _cpu_timed_compaction(compact_results):  # type: ignore[no-untyped-def]
    """``derive_corpus`` compacts what each stage added to the view, outside the stage: a
    row of its own (``compaction``), so the sum is the whole of the cross-document work."""

    def run(view, fields):  # type: ignore[no-untyped-def]
        began = time.process_time()
        compact_results(view, fields)
        CPU["compaction"] = CPU.get("compaction", 0.0) + time.process_time() - began

    return run


def _rows(view):  # type: ignore[no-untyped-def]
    return {k: [(i, s, m.model_dump_json()) for i, s, m in v] for k, v in corpus_rows(view).items()}


def main(templates_path: Path, work: Path, size: int, added: int, rounds: int) -> None:
    corpus_module.CORPUS_STAGES = tuple(_cpu_timed(s) for s in corpus_module.CORPUS_STAGES)
    corpus_module._compact_results = _cpu_timed_compaction(corpus_module._compact_results)
    work.mkdir(parents=True, exist_ok=True)
    # read a copy: opening a store migrates it, and the template is shared between versions
    template_copy = shutil.copyfile(templates_path, work / "template.db")
    with Store(template_copy) as store:
        analyses = {a.doc_id: a for a in store.analyses()}
        templates = [(d, analyses[d.id]) for d in store.documents() if d.id in analyses]
    pile = list(simulate(templates, size))
    for name in ("clean.db", "incremental.db"):
        (work / name).unlink(missing_ok=True)
    with Store(work / "clean.db") as clean:
        write_pile(clean, pile)
    with Store(work / "incremental.db") as inc:
        write_pile(inc, pile[: size - added])
        CPU.clear()
        view = derive_corpus(inc.corpus_documents(), inc.analysis_pile(), kept=inc)
        first = dict(CPU)
        inc.replace_corpus(corpus_rows(view))
        write_pile(inc, pile[size - added :])
    if os.environ.get("INCREMENTAL_BEFORE"):  # a copy of the store the +1% build starts from
        shutil.copy(work / "incremental.db", os.environ["INCREMENTAL_BEFORE"])
    changed = [d.id for d, _ in pile[size - added :]]
    results: dict[str, list[dict[str, float]]] = {"clean": [], "incremental": []}
    views = {}
    for _ in range(rounds):
        for kind in ("clean", "incremental"):
            with Store(work / f"{kind}.db") as store:
                CPU.clear()
                documents, analyses = store.corpus_documents(), store.analysis_pile()
                if kind == "clean":
                    views[kind] = derive_corpus(documents, analyses)
                else:
                    previous = previous_view(store)
                    views[kind] = derive_corpus(documents, analyses, previous, changed, kept=store)
                results[kind].append(dict(CPU))
    same = _rows(views["clean"]) == _rows(views["incremental"])
    best = {k: {s: min(r[s] for r in rs) for s in rs[0]} for k, rs in results.items()}
    best["first"] = first
    print(json.dumps({"size": size, "added": added, "equal": same, "cpu_seconds": best}, indent=1))


if __name__ == "__main__":
    args = sys.argv[1:]
    main(
        Path(args[0]),
        Path(args[1]),
        int(args[2]) if len(args) > 2 else 1010,
        int(args[3]) if len(args) > 3 else 10,
        int(args[4]) if len(args) > 4 else 2,
    )
