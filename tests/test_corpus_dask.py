"""The cross-document stages as partitioned work: blocks packed into parts, run in process or
on a dask.distributed LocalCluster, give the same view and the same briefing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.figures.group import group_figures, head_blocks
from storyline.pipeline import partition
from storyline.pipeline.build import BuildOptions, build
from storyline.pipeline.corpus import derive_corpus
from storyline.pipeline.partition import DaskRunner, LocalRunner, make_runner, pack
from storyline.store import Store
from tests.conftest import TODAY


@pytest.mark.parametrize(
    ("blocks", "size", "parts"),
    [
        ([], 3, []),
        ([[1], [2], [3]], 3, [[[1], [2], [3]]]),
        ([[1], [2], [3], [4]], 3, [[[1], [2], [3]], [[4]]]),
        ([[1, 2], [3, 4], [5]], 3, [[[1, 2]], [[3, 4], [5]]]),
        ([[1, 2, 3, 4], [5]], 3, [[[1, 2, 3, 4]], [[5]]]),  # a block is never split
        ([[1], [2]], 1, [[[1]], [[2]]]),
    ],
)
def test_pack_keeps_blocks_whole_and_in_order(blocks, size, parts) -> None:
    assert pack(blocks, size) == parts


def test_unknown_runner_needs_a_scheduler() -> None:
    assert isinstance(make_runner("local"), LocalRunner)
    with pytest.raises(ValueError, match="scheduler"):
        make_runner("dask")


@pytest.fixture(scope="module")
def demo_records(demo_build):
    out, _ = demo_build
    with Store(out / "storyline.db") as store:
        return store.documents(), store.analyses()


def _dump(view) -> dict:
    fields = ("entities", "events", "timeline", "duplicates", "figure_groups", "stories", "quality")
    dumped = {f: [x.model_dump() for x in getattr(view, f)] for f in fields}
    dumped["summary"] = view.summary.model_dump() if view.summary else None
    dumped["story_summaries"] = [s.model_dump() for s in view.story_summaries]
    return dumped


def test_figure_heads_are_independent(demo_records) -> None:
    """Grouping each measure head alone gives the groups (and ids) of grouping them all."""
    _, analyses = demo_records
    figures = [f for a in analyses for f in a.figures]
    together = group_figures(figures)
    alone = [g for head in head_blocks(figures) for g in group_figures(head)]
    assert together and alone == together


def test_dask_runner_gives_the_local_view(demo_records, monkeypatch) -> None:
    from distributed import Client, LocalCluster

    documents, analyses = demo_records
    local = derive_corpus(documents, analyses)
    monkeypatch.setattr(partition, "PART_SIZE", 1)  # one block per task: the most shipping
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        calls: list[tuple[str, int]] = []

        class Counting(DaskRunner):
            def map(self, work, parts):
                parts = list(parts)  # a runner may be given a generator of parts
                calls.append((getattr(work, "func", work).__name__, len(parts)))
                return super().map(work, parts)

        runner = Counting(client)
        distributed = derive_corpus(documents, analyses, runner=runner)
        runner.close()  # a client it was given stays open
        assert client.status == "running"
    # the pile's event merge per part, near-duplicate signatures per text, the stories' event
    # merge per part, figures per head, quality per document: each stage in many tasks
    stages = ["merged_task", "signature_part", "merged_task", "figure_part", "quality_part"]
    assert [name for name, _ in calls] == stages
    assert all(tasks > 1 for _, tasks in calls)
    assert _dump(distributed) == _dump(local)


def test_dask_build_writes_the_local_briefing(
    tmp_path: Path, samples_dir: Path, demo_build, monkeypatch
) -> None:
    """The whole build on a LocalCluster (per-document analysis and the partitioned corpus
    stages): the briefing equals the in-process build's."""
    from distributed import Client, LocalCluster

    monkeypatch.setattr(partition, "PART_SIZE", 2)
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        options = BuildOptions(today=TODAY, engine="dask", scheduler=client, batch_size=2)
        build([str(samples_dir)], tmp_path, options=options)
    assert json.loads((tmp_path / "briefing.json").read_text()) == demo_build[1]
