"""What the two event merges redo in the build after an addition: their parts, and which of
them are merged again (issue 18).

Both merges run in parts (``events.parts``: the connected components of "shares a key") and
read a part's events back from the store unless something it reads changed
(``events.kept_parts``). This runs the build after an addition once, on a copy of a store as
that build finds it (``INCREMENTAL_BEFORE`` of ``benchmarks/incremental.py``; the last
``added`` documents by id are the new ones), and prints for each merge: its mentions and parts,
the mentions by part size (parts of at most 1, 4, 16, ... mentions), the parts merged again
(their size, CPU seconds, events and new mentions), the CPU of the whole merge, and how large
the parts would be with each kind of key left out (which keys glue the large parts). The first
round of parts (those not read back from the store) goes through the build's runner, in
process here (``events.part_tasks``): printed are its parts and mentions, and the parts of it
merged for nothing (joined to an earlier part before their turn) with their CPU seconds.

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
CURRENT: list[str] = []  # the merge running


def _observed_merge(merge_resolved: Callable[..., Any]) -> Callable[..., Any]:
    def run(resolved, documents, stories=None, kept=None, digests=None, keys_of=None, ship=None):  # type: ignore[no-untyped-def]
        name = "pile" if stories is None else "stories"
        SEEN[name] = {"keys": keys_of, "runs": [], "first": [], "used": []}
        CURRENT[:] = [name]
        began = time.process_time()
        events = merge_resolved(resolved, documents, stories, kept, digests, keys_of, ship)
        SEEN[name]["cpu"] = time.process_time() - began
        return events

    return run


def _observed_part(merged_part: Callable[..., Any]) -> Callable[..., Any]:
    def run(mentions, paragraphs, stories):  # type: ignore[no-untyped-def]
        began = time.process_time()
        events, blocked = merged_part(mentions, paragraphs, stories)
        new = sum(1 for m in mentions if m.provenance.doc_id in NEW)
        cpu = time.process_time() - began
        ids = tuple(m.id for m in mentions)
        SEEN[CURRENT[0]]["runs"].append((len(mentions), cpu, len(events), new, ids))
        return events, blocked

    return run


def _observed_first(merged_elsewhere: Callable[..., Any]) -> Callable[..., Any]:
    """Records the first round's parts (as mention ids) as they go through the runner."""

    def run(ship, work, mentions, keys_of, paragraphs, stories, parts):  # type: ignore[no-untyped-def]
        SEEN[CURRENT[0]]["first"] = [(tuple(p), tuple(mentions[i].id for i in p)) for p in parts]
        return merged_elsewhere(ship, work, mentions, keys_of, paragraphs, stories, parts)

    return run


def _observed_visit(merged: Callable[..., Any]) -> Callable[..., Any]:
    """Records the parts whose first-round merge was used (``parts._merged`` given it)."""

    def run(members, keys_of, run_part, kept, ready=None):  # type: ignore[no-untyped-def]
        if ready is not None:
            SEEN[CURRENT[0]]["used"].append(tuple(members))
        return merged(members, keys_of, run_part, kept, ready)

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
    print("   ", [(n, round(cpu, 3), e, k) for n, cpu, e, k, _ in sorted(runs, reverse=True)[:20]])
    print(f"  merged again with no new mention: {[r[0] for r in runs if r[3] == 0]}")
    first, used = seen["first"], set(seen["used"])
    cpu_of = {r[4]: r[1] for r in runs}
    wasted = [ids for members, ids in first if members not in used]
    print(
        f"  first round through the runner: {len(first)} parts,"
        f" {sum(len(ids) for _, ids in first)} mentions"
        f" ({sum(cpu_of.get(ids, 0.0) for _, ids in first):.2f} CPU s); merged for nothing"
        f" (joined before their turn): {len(wasted)} parts, {sum(map(len, wasted))} mentions"
        f" ({sum(cpu_of.get(ids, 0.0) for ids in wasted):.2f} CPU s)"
    )
    kinds = Counter(_kind(k) for keys in keys_of for k in keys)
    for left_out in sorted(kinds):
        fewer = [{k for k in keys if _kind(k) != left_out} for keys in keys_of]
        found = _sizes(fewer)
        print(f"  without {left_out} keys: {len(found)} parts, largest {found[:5]}")


def main(before: Path, copy: Path, added: int) -> None:
    corpus_module.merge_resolved = _observed_merge(corpus_module.merge_resolved)
    merge_module.merged_part = _observed_part(merge_module.merged_part)
    merge_module.merged_elsewhere = _observed_first(merge_module.merged_elsewhere)
    parts_module._merged = _observed_visit(parts_module._merged)
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
