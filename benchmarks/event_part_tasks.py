"""What merging the event merges' parts through the build's runner costs in process (issue 18).

The two event merges (``events.merge.merge_resolved``: the pile's, the stories') send their
first round of parts through the build's runner (``events.part_tasks``): each window of parts
is made into a task (its mentions, its documents' paragraph entries and stories), merged by a
top-level function, and its events come back without their mentions, which are put back. On
the local runner that is all in process; this measures what it adds to a plain merge.

It derives the corpus of ``STORE`` (a copy: opening a store migrates it) once to catch what each
merge is given, then times each merge ``rounds`` times, in CPU seconds of this process, both
ways interleaved: ``in process`` (no runner: each part merged as it is visited, as before) and
``runner`` (``LocalRunner``); prints the least of each, the ratio, whether the events (as JSON)
are the same, the parts (the largest, in mentions) and the tasks they are packed into (windows
of about ``PART_SIZE`` mentions: the least and most mentions a task holds).

    python benchmarks/event_part_tasks.py STORE WORK_DIR [rounds]
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any

from storyline.events import merge as merge_module
from storyline.events.parts import _components
from storyline.pipeline import corpus as corpus_module
from storyline.pipeline.corpus_parts import shipped_event_parts
from storyline.pipeline.partition import LOCAL_RUNNER, iter_pack
from storyline.store import Store

CAUGHT: dict[str, tuple[Any, ...]] = {}


def _caught(merge_resolved):  # type: ignore[no-untyped-def]
    def run(resolved, documents, stories=None, kept=None, digests=None, keys_of=None, ship=None):  # type: ignore[no-untyped-def]
        CAUGHT["pile" if stories is None else "stories"] = (resolved, documents, stories)
        return merge_resolved(resolved, documents, stories, kept, digests, keys_of, ship)

    return run


def main(store_path: Path, work: Path, rounds: int) -> None:
    work.mkdir(parents=True, exist_ok=True)
    copy = shutil.copyfile(store_path, work / "event_part_tasks.db")
    corpus_module.merge_resolved = _caught(corpus_module.merge_resolved)
    with Store(copy) as store:
        corpus_module.derive_corpus(store.corpus_documents(), store.analysis_pile())
    ship = partial(shipped_event_parts, LOCAL_RUNNER)
    report: dict[str, dict[str, Any]] = {}
    for name, (resolved, documents, stories) in CAUGHT.items():
        cpu: dict[str, list[float]] = {"in process": [], "runner": []}
        dumps = {}
        for _ in range(rounds):
            for way, shipped in (("in process", None), ("runner", ship)):
                began = time.process_time()
                events = merge_module.merge_resolved(resolved, documents, stories, ship=shipped)
                cpu[way].append(time.process_time() - began)
                dumps[way] = [e.model_dump_json() for e in events]
        paragraphs = merge_module.ParagraphIndex(documents)
        keys = [
            merge_module.mention_keys(merge_module.unit(i, m, paragraphs, stories or {}), m)
            for i, m in enumerate(resolved)
        ]
        best = {way: min(times) for way, times in cpu.items()}
        parts = [p.members for p in _components(keys)]
        tasks = [sum(map(len, window)) for window in iter_pack(parts)]
        report[name] = {
            "mentions": len(resolved),
            "parts": len(parts),
            "largest_parts": sorted(map(len, parts), reverse=True)[:5],
            "tasks": len(tasks),
            "task_mentions": {"least": min(tasks), "most": max(tasks)},
            "cpu_seconds": best,
            "ratio": best["runner"] / best["in process"],
            "same_events": dumps["in process"] == dumps["runner"],
        }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    args = sys.argv[1:]
    main(Path(args[0]), Path(args[1]), int(args[2]) if len(args) > 2 else 5)
