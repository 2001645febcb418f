"""The build's own process during a ``--workers N`` analysis, alone: what it does with the
results the workers send back, in the two ways this tree can store them, alternated in one run.

    python benchmarks/driver_rows.py BUILT_STORE.db [--rounds 2]

From a built store (``storyline build ... --out DIR``: DIR/storyline.db) it reads every
analysis and document, then per round and per way: the worker's part (what it makes and
pickles, in tasks of ``engines.TASK_SIZE``), and the driver's part (unpickling each task's
result and storing it in a fresh store, ``BATCH_SIZE`` analyses a transaction, as
``build.analyse_pending`` does). "analyses": whole ``DocumentAnalysis`` records sent back and
``save_analyses`` (the driver makes their rows); "rows": their rows made by the worker
(``store.analysis_rows``) and ``save_analysis_rows``. The two ways' stores are compared
table by table. CPU seconds of this process; the machine may be shared.
"""

from __future__ import annotations

import argparse
import pickle
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from storyline.models import DocumentAnalysis
from storyline.models.pile import LAYERS
from storyline.pipeline.build import BATCH_SIZE
from storyline.pipeline.engines import TASK_SIZE
from storyline.store import Store
from storyline.store.analysis_rows import AnalysisRows, analysis_rows


def _tables(path: Path) -> dict[str, list[tuple]]:
    """Every non-virtual table's rows in rowid (or key) order, the clock left out."""
    db = sqlite3.connect(path)
    found: dict[str, list[tuple]] = {}
    for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"):
        if sql.upper().startswith("CREATE VIRTUAL TABLE"):
            continue
        columns = [r[1] for r in db.execute(f"PRAGMA table_info('{name}')") if r[1] != "added_at"]
        order = "" if "WITHOUT ROWID" in sql.upper() else " ORDER BY rowid"
        kept = ", ".join(f'"{c}"' for c in columns)
        found[name] = db.execute(f"SELECT {kept} FROM '{name}'{order}").fetchall()
    db.close()
    return found


def _round(way: str, documents: list, analyses: list[DocumentAnalysis], out: Path) -> dict:
    texts = {d.id: d.text for d in documents}
    began = time.process_time()
    tasks = [analyses[i : i + TASK_SIZE] for i in range(0, len(analyses), TASK_SIZE)]
    if way == "rows":
        sent = [pickle.dumps([analysis_rows(a, texts[a.doc_id]) for a in t]) for t in tasks]
    else:
        sent = [pickle.dumps(t) for t in tasks]
    worker = time.process_time() - began
    with Store(out) as store:
        store.add_documents(documents)
        began = time.process_time()
        buffer: list = []
        for payload in sent:
            buffer.extend(pickle.loads(payload))
            if len(buffer) >= BATCH_SIZE:
                _save(store, way, buffer)
                buffer = []
        _save(store, way, buffer)
        driver = time.process_time() - began
    return {"driver": driver, "worker": worker, "sent_mb": sum(map(len, sent)) / 1e6}


def _save(store: Store, way: str, buffer: list) -> None:
    if way == "rows":
        rows: list[AnalysisRows] = buffer
        store.save_analysis_rows(rows)
    else:
        store.save_analyses(buffer)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with Store(args.store) as built:
        documents = built.documents(compacted=False)
        analyses = list(built.analysis_layers(LAYERS, compacted=False))
    with tempfile.TemporaryDirectory(prefix="driver-rows-") as tmp:
        for n in range(args.rounds):
            stores = {}
            for way in ("analyses", "rows"):
                stores[way] = Path(tmp) / f"{way}-{n}.db"
                times = _round(way, documents, analyses, stores[way])
                print(
                    f"round {n + 1} {way:>8}: driver {times['driver']:.2f} s CPU, worker"
                    f" {times['worker']:.2f} s CPU, {times['sent_mb']:.1f} MB sent back"
                )
            same = _tables(stores["analyses"]) == _tables(stores["rows"])
            print(f"round {n + 1}: every table equal: {same} ({len(analyses)} analyses)")
            if not same:
                sys.exit(1)


if __name__ == "__main__":
    main()
