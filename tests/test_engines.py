"""Every engine gives the same briefing as the in-process one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.pipeline.build import BuildOptions, build
from tests.conftest import TODAY


def briefing_of(out: Path) -> dict:
    return json.loads((out / "briefing.json").read_text())


@pytest.fixture(scope="module")
def local_briefing(demo_build) -> dict:
    return demo_build[1]


@pytest.mark.slow
def test_worker_processes_give_the_same_briefing(
    tmp_path: Path, samples_dir: Path, local_briefing: dict
) -> None:
    options = BuildOptions(today=TODAY, workers=2, batch_size=2)
    build([str(samples_dir)], tmp_path, options=options)
    assert briefing_of(tmp_path) == local_briefing


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_briefing(
    tmp_path: Path, samples_dir: Path, local_briefing: dict
) -> None:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        options = BuildOptions(
            today=TODAY, engine="dask", scheduler=client.scheduler.address, batch_size=2
        )
        build([str(samples_dir)], tmp_path, options=options)
    assert briefing_of(tmp_path) == local_briefing


def test_unknown_engine_is_refused() -> None:
    from storyline.pipeline.engines import make_engine

    with pytest.raises(ValueError, match="unknown engine"):
        make_engine("spark")
    with pytest.raises(ValueError, match="scheduler"):
        make_engine("dask")
