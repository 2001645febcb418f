"""Where the per-document analysis runs: in process, in worker processes, or on Dask.

Only the expensive per-document stage (spaCy + extractors, ``analyse.analyse_documents``) is
distributed; every engine returns the same records: each analysis as the rows the store keeps
of it (``store.analysis_rows``: serialised, deflated, its digest), made where it was analysed,
so the driver, which writes them to the store through its single connection (one writer), only
inserts them. With two workers on two cores every CPU second of the driver's competes with
theirs; receiving a whole ``DocumentAnalysis`` (a tree of pydantic models) and making its rows
there was most of the driver's work during the analysis. The cross-document stages run on the
driver over the stored analyses. Each worker loads spaCy once (``nlp.load_model`` is cached
per process).
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

from storyline.models import Document
from storyline.pipeline.analyse import DEFAULT_SETTINGS, AnalysisSettings, analyse_documents
from storyline.store.analysis_rows import AnalysisRows, analysis_rows

#: Documents per task sent to a worker: large enough to amortise pickling and let nlp.pipe
#: batch, small enough to keep every worker busy near the end of a run.
TASK_SIZE = 32


Batches = Iterable[Sequence[Document]]


class Engine(Protocol):
    """Runs the per-document analysis; yields one list of results per input batch, in order
    (``analyse_batch``'s: each analysis as its stored rows).

    Batches are consumed lazily, a few ahead of the results, so memory stays bounded.
    """

    def analyse(
        self, batches: Batches, settings: AnalysisSettings = DEFAULT_SETTINGS
    ) -> Iterator[list[AnalysisRows]]: ...

    def close(self) -> None: ...


def analyse_batch(
    documents: Sequence[Document], settings: AnalysisSettings = DEFAULT_SETTINGS
) -> list[AnalysisRows]:
    """The unit of work every engine runs (a top-level function, so it pickles): the
    documents' analyses, in order, as their stored rows, each made against its document's
    clean text (``Document.text``, the store's ``clean_text`` as read for the task)."""
    analyses = analyse_documents(documents, settings)
    return [analysis_rows(a, d.text) for d, a in zip(documents, analyses, strict=True)]


def _warm_up() -> None:
    from storyline.nlp import load_model

    load_model()


class LocalEngine:
    """In this process: no start-up cost, one core."""

    def analyse(
        self, batches: Batches, settings: AnalysisSettings = DEFAULT_SETTINGS
    ) -> Iterator[list[AnalysisRows]]:
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
    ) -> Iterator[list[AnalysisRows]]:
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
    ) -> Iterator[list[AnalysisRows]]:
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
) -> Iterator[list[AnalysisRows]]:
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
