"""Where the per-document analysis runs: in process, in worker processes, or on Dask.

Only the expensive per-document stage (spaCy + extractors, ``analyse.analyse_documents``) is
distributed; every engine returns the same ``DocumentAnalysis`` records, which the driver
writes to the store through its single connection (one writer), and the cross-document stages
run on the driver over the gathered records. Each worker loads spaCy once (``nlp.load_model``
is cached per process).
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

from storyline.models import Document, DocumentAnalysis
from storyline.pipeline.analyse import DEFAULT_SETTINGS, AnalysisSettings, analyse_documents

#: Documents per task sent to a worker: large enough to amortise pickling and let nlp.pipe
#: batch, small enough to keep every worker busy near the end of a run.
TASK_SIZE = 32


Batches = Iterable[Sequence[Document]]


class Engine(Protocol):
    """Runs the per-document analysis; yields one list of results per input batch, in order.

    Batches are consumed lazily, a few ahead of the results, so memory stays bounded.
    """

    def analyse(
        self, batches: Batches, settings: AnalysisSettings = DEFAULT_SETTINGS
    ) -> Iterator[list[DocumentAnalysis]]: ...

    def close(self) -> None: ...


def analyse_batch(
    documents: Sequence[Document], settings: AnalysisSettings = DEFAULT_SETTINGS
) -> list[DocumentAnalysis]:
    """The unit of work every engine runs (a top-level function, so it pickles)."""
    return list(analyse_documents(documents, settings))


def _warm_up() -> None:
    from storyline.nlp import load_model

    load_model()


class LocalEngine:
    """In this process: no start-up cost, one core."""

    def analyse(
        self, batches: Batches, settings: AnalysisSettings = DEFAULT_SETTINGS
    ) -> Iterator[list[DocumentAnalysis]]:
        for batch in batches:
            yield analyse_batch(batch, settings)

    def close(self) -> None:
        pass


@dataclass
class ProcessEngine:
    """``workers`` processes (spawned, so no state leaks from the parent), results in order."""

    workers: int

    def __post_init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.pool = ProcessPoolExecutor(
            max_workers=self.workers, mp_context=context, initializer=_warm_up
        )

    def analyse(
        self, batches: Batches, settings: AnalysisSettings = DEFAULT_SETTINGS
    ) -> Iterator[list[DocumentAnalysis]]:
        submit = lambda batch: self.pool.submit(analyse_batch, list(batch), settings)  # noqa: E731
        yield from _windowed(batches, submit, window=2 * self.workers)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


@dataclass
class DaskEngine:
    """A dask.distributed cluster at ``scheduler`` (address or an existing ``Client``)."""

    scheduler: object

    def __post_init__(self) -> None:
        from distributed import Client

        self.owns_client = not isinstance(self.scheduler, Client)
        # Any: distributed ships no type information (ignore_missing_imports in pyproject.toml)
        self.client: Any = Client(self.scheduler) if self.owns_client else self.scheduler

    def analyse(
        self, batches: Batches, settings: AnalysisSettings = DEFAULT_SETTINGS
    ) -> Iterator[list[DocumentAnalysis]]:
        submit = lambda batch: self.client.submit(  # noqa: E731
            analyse_batch, list(batch), settings, pure=False
        )
        threads = sum(self.client.nthreads().values()) or 1
        yield from _windowed(batches, submit, window=2 * threads)

    def close(self) -> None:
        if self.owns_client:
            self.client.close()


def _windowed(
    batches: Batches, submit: Callable[[Sequence[Document]], Future], window: int
) -> Iterator[list[DocumentAnalysis]]:
    """Keep ``window`` tasks in flight; yield their results in submission order."""
    in_flight: deque = deque()
    for batch in batches:
        in_flight.append(submit(batch))
        if len(in_flight) >= window:
            yield in_flight.popleft().result()
    while in_flight:
        yield in_flight.popleft().result()


def make_engine(name: str = "local", workers: int = 1, scheduler: object | None = None) -> Engine:
    """The engine a build asked for: 'local' (with workers > 1: processes) or 'dask'."""
    if name == "dask":
        if scheduler is None:
            raise ValueError("the dask engine needs --scheduler ADDRESS (e.g. tcp://host:8786)")
        return DaskEngine(scheduler)
    if name != "local":
        raise ValueError(f"unknown engine {name!r}; choose 'local' or 'dask'")
    return ProcessEngine(workers) if workers > 1 else LocalEngine()
