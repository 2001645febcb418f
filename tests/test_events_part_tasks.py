"""The event merge's parts merged through the build's runner (``events.part_tasks``): the events,
and the parts kept between builds, are those of the merge in process, with parts that must be
merged again together, with and without kept parts, and with every task and result pickled as
a Dask worker in another process would receive and return them."""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable, Collection, Iterable, Iterator
from functools import partial

import pytest

from storyline.events.merge import merge_resolved, resolved_mentions
from storyline.models import Event, EventMention
from storyline.pipeline import partition
from storyline.pipeline.corpus_parts import shipped_event_parts
from tests.test_events_merge import DOCS, ENTITIES, mention
from tests.test_events_parts import _recorded_parts


class _Pickling:
    """A ``BlockRunner`` that pickles each task and its result (another process's view of
    them) and records the mention ids of each part of each task."""

    def __init__(self) -> None:
        self.tasks: list[list[list[str]]] = []

    def map(self, work: Callable, parts: Iterable) -> list:
        results = []
        for task in parts:
            self.tasks.append([[m.id for m in part] for part, _ in task[0]])
            results.append(pickle.loads(pickle.dumps(work(pickle.loads(pickle.dumps(task))))))
        return results

    def close(self) -> None:
        pass


class _Cache:
    """An in-memory ``kept_parts.PartCache`` (the store's ``event_parts`` table)."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[bytes, str]] = {}

    def event_parts(self, merge: str, keys: Collection[bytes]) -> Iterator[tuple[bytes, str]]:
        rows = self.rows.get(merge, {})
        return ((k, rows[k]) for k in keys if k in rows)

    def keep_event_parts(
        self, merge: str, current: Collection[bytes], made: Iterable[tuple[bytes, str]]
    ) -> None:
        rows = {k: v for k, v in self.rows.get(merge, {}).items() if k in current}
        self.rows[merge] = rows | dict(made)


def _pile(c_date: str = "2024-04-01") -> list[EventMention]:
    """A's undated report of Lavrov's call takes the date of Modi's call told in its paragraph
    and so blocks with B's dated report of it: parts [A:1, A:2] and [B:1] are merged again
    together (``test_events_parts``); C's attack is a part of its own."""
    mentions = [
        mention("A:1", "A"),
        mention("A:2", "A", source=("Lavrov", 50), date=None, start=60),
        mention("B:1", "B", source=("Lavrov", 50), target=None),
        mention("C:1", "C", "ASSAULT", None, ("Lavrov", 50), None, c_date),
    ]
    return resolved_mentions(mentions, ENTITIES)


def _dumped(events: list[Event]) -> list[str]:
    return [e.model_dump_json() for e in events]


STORIES = {"A": "story-1", "B": "story-2", "C": "story-1"}


@pytest.mark.parametrize("stories", [None, STORIES], ids=["pile", "stories"])
@pytest.mark.parametrize("part_size", [1, 512], ids=["a-part-a-task", "one-task"])
def test_shipped_parts_give_the_merge_in_process(
    stories, part_size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    resolved = _pile()
    here = merge_resolved(resolved, DOCS, stories)
    monkeypatch.setattr(partition, "PART_SIZE", part_size)
    merged = _recorded_parts(monkeypatch)
    runner = _Pickling()
    events = merge_resolved(resolved, DOCS, stories, ship=partial(shipped_event_parts, runner))
    assert _dumped(events) == _dumped(here)
    first = [["A:1", "A:2"], ["B:1"], ["C:1"]]
    # every part as first found went out, in order; a window per part, or all in one
    assert runner.tasks == ([[p] for p in first] if part_size == 1 else [first])
    # the two parts that meet were merged again together, in process
    assert merged == [*first, ["A:1", "A:2", "B:1"]]
    # the events hold the driver's own mentions (a kept part names them by identity)
    own = {id(m) for m in resolved}
    assert all(id(m) in own for e in events for m in e.mentions)


@pytest.mark.parametrize("stories", [None, STORIES], ids=["pile", "stories"])
def test_shipped_parts_read_and_keep_the_rows_of_the_merge_in_process(stories) -> None:
    """With kept parts: the events and the rows kept are the in-process merge's, build after
    build. The first build ships every part; the next ones only the parts not held: B's, which
    was joined to A's before its turn and so never kept alone, and C's once its date changed."""
    here, there = _Cache(), _Cache()
    runner = _Pickling()
    ship = partial(shipped_event_parts, runner)
    builds = [
        (_pile(), [["A:1", "A:2"], ["B:1"], ["C:1"]]),
        (_pile(), [["B:1"]]),
        (_pile(c_date="2024-04-02"), [["B:1"], ["C:1"]]),
    ]
    for pile, shipped in builds:
        runner.tasks.clear()
        events = merge_resolved(pile, DOCS, stories, there, ship=ship)
        assert _dumped(events) == _dumped(merge_resolved(pile, DOCS, stories, here))
        assert there.rows == here.rows
        assert runner.tasks == [shipped]
    # A's keys alone (it met B's part), A and B's events, C's events
    rows = [json.loads(row) for row in here.rows["pile" if stories is None else "stories"].values()]
    assert sorted(len(row["events"] or []) for row in rows) == [0, 1, 2]
