"""What the two event merges redo in the build after an addition: their parts, and which of
them are merged again (issue 18).

Both merges run in parts (``events.parts``: the connected components of "shares a key") and
read a part's events back from the store unless something it reads changed
(``events.kept_parts``). This runs the build after an addition once, on a copy of a store as
that build finds it (``INCREMENTAL_BEFORE`` of ``benchmarks/incremental.py``; the last
``added`` documents by id are the new ones), and prints for each merge: its mentions and parts,
the mentions by part size (parts of at most 1, 4, 16, ... mentions), the parts merged again
(their size, CPU seconds, events and new mentions), the CPU of the whole merge, and how large
the parts would be with each kind of key left out (which keys glue the large parts).

    python benchmarks/event_parts.py BEFORE_STORE COPY_PATH ADDED
"""

from __future__ import annotations

import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from storyline.events import merge as merge_module
from storyline.events import parts as parts_module
from storyline.events.parts import Key
from storyline.pipeline import corpus as corpus_module
from storyline.pipeline.build import previous_view
from storyline.store import Store

#: merge name → what was seen of it: "keys" (each mention's), "runs" (size, CPU s, events,
#: new mentions of each part merged again), "cpu" (the whole merge)
SEEN: dict[str, dict[str, Any]] = {}
NEW: set[str] = set()


def _observed_merge(merge_resolved: Callable[..., Any]) -> Callable[..., Any]:
    def run(resolved, documents, stories=None, kept=None, digests=None, keys_of=None):  # type: ignore[no-untyped-def]
        name = "pile" if stories is None else "stories"
        SEEN[name] = {"keys": keys_of, "runs": []}
        began = time.process_time()
        events = merge_resolved(resolved, documents, stories, kept, digests, keys_of)
        SEEN[name]["cpu"] = time.process_time() - began
        return events

    return run


def _observed_part(merged_part: Callable[..., Any]) -> Callable[..., Any]:
    def run(mentions, paragraphs, stories):  # type: ignore[no-untyped-def]
        began = time.process_time()
        events, blocked = merged_part(mentions, paragraphs, stories)
        new = sum(1 for m in mentions if m.provenance.doc_id in NEW)
        merge = "pile" if not stories else "stories"
        SEEN[merge]["runs"].append((len(mentions), time.process_time() - began, len(events), new))
        return events, blocked

    return run


def _kind(key: Key) -> str:
    return key[0] if key[0] in ("doc", "story", "mention", "gathering") else f"block-{key[2]}"


def _sizes(keys_of: Sequence[set[Key]]) -> list[int]:
    return sorted((len(p.members) for p in parts_module._components(keys_of)), reverse=True)


def _report(name: str, seen: dict[str, Any]) -> None:
    keys_of, runs = seen["keys"], seen["runs"]
    sizes = _sizes(keys_of)
    by_size: Counter[int] = Counter()
    for size in sizes:
        bucket = 1
        while bucket < size:
            bucket *= 4
        by_size[bucket] += size
    print(f"{name}: {len(keys_of)} mentions, {len(sizes)} parts, largest {sizes[:8]}")
    print(f"  mentions by part size (at most): {sorted(by_size.items())}")
    again = sum(r[0] for r in runs)
    print(
        f"  merged again: {len(runs)} parts, {again} mentions, "
        f"{sum(r[1] for r in runs):.2f} CPU s of the merge's {seen['cpu']:.2f}"
    )
    print("  (size, CPU s, events, new mentions):")
    print("   ", [(n, round(cpu, 3), e, k) for n, cpu, e, k in sorted(runs, reverse=True)[:20]])
    print(f"  merged again with no new mention: {[r[0] for r in runs if r[3] == 0]}")
    kinds = Counter(_kind(k) for keys in keys_of for k in keys)
    for left_out in sorted(kinds):
        fewer = [{k for k in keys if _kind(k) != left_out} for keys in keys_of]
        found = _sizes(fewer)
        print(f"  without {left_out} keys: {len(found)} parts, largest {found[:5]}")


def main(before: Path, copy: Path, added: int) -> None:
    corpus_module.merge_resolved = _observed_merge(corpus_module.merge_resolved)
    merge_module.merged_part = _observed_part(merge_module.merged_part)
    shutil.copy(before, copy)
    with Store(copy) as store:
        documents, analyses = store.corpus_documents(), store.analysis_pile()
        changed = [d.id for d in documents][-added:]
        NEW.update(changed)
        corpus_module.derive_corpus(documents, analyses, previous_view(store), changed, kept=store)
    for name, seen in SEEN.items():
        _report(name, seen)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
