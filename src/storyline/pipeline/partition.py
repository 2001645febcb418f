"""Partitioned cross-document work: group by a blocking key, then run each block anywhere.

A cross-document stage that can be split says how: it groups its input by a blocking key
(a document for the quality scores; a measure's head for the figure groups), packs the blocks
into parts of about ``PART_SIZE`` items, and hands a top-level function and the parts to a
``BlockRunner``. The stage then joins the parts' results in block order, so the result is the
same whichever runner ran the blocks and however they were packed.

``LocalRunner`` runs the parts in this process; ``DaskRunner`` ships them to a dask.distributed
cluster. What crosses the network is each part's records (the documents' analyses, the figures
of its blocks) and the small maps the stage needs for them, restricted to the part; results come
back to the driver, which alone writes the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Protocol, TypeVar

Part = TypeVar("Part")
Result = TypeVar("Result")

#: Items per part: enough to amortise a task's scheduling and pickling, few enough that a large
#: stage spreads over every worker.
PART_SIZE = 512


class BlockRunner(Protocol):
    """Runs ``work`` on every part; results in the parts' order. ``parts`` may be a generator:
    a runner takes them as it goes, so the parts need not all exist at once."""

    def map(self, work: Callable[[Part], Result], parts: Iterable[Part]) -> list[Result]: ...

    def close(self) -> None: ...


class LocalRunner:
    """Every part in this process, one after the other."""

    def map(self, work: Callable[[Part], Result], parts: Iterable[Part]) -> list[Result]:
        return [work(part) for part in parts]

    def close(self) -> None:
        pass


@dataclass
class DaskRunner:
    """Parts as tasks on a dask.distributed cluster at ``scheduler`` (an address or a
    ``Client``), a window of them in flight at a time so the driver's memory stays bounded."""

    scheduler: object
    client: Any = field(init=False)  # distributed ships no type information
    owns_client: bool = field(init=False)

    def __post_init__(self) -> None:
        from distributed import Client

        self.owns_client = not isinstance(self.scheduler, Client)
        self.client = Client(self.scheduler) if self.owns_client else self.scheduler

    def map(self, work: Callable[[Part], Result], parts: Iterable[Part]) -> list[Result]:
        window = 4 * max(1, sum(self.client.nthreads().values()))
        results: list[Result] = []
        pending = iter(parts)
        while batch := list(islice(pending, window)):
            futures = self.client.map(work, batch, pure=False)
            results.extend(self.client.gather(futures))
        return results

    def close(self) -> None:
        if self.owns_client:
            self.client.close()


LOCAL_RUNNER: BlockRunner = LocalRunner()


def make_runner(engine: str = "local", scheduler: object | None = None) -> BlockRunner:
    """The runner for a build's engine: Dask's cluster for 'dask', this process otherwise."""
    if engine == "dask":
        if scheduler is None:
            raise ValueError("the dask engine needs --scheduler ADDRESS (e.g. tcp://host:8786)")
        return DaskRunner(scheduler)
    return LOCAL_RUNNER


def pack(blocks: Iterable[list[Part]], size: int | None = None) -> list[list[list[Part]]]:
    """Consecutive blocks packed into parts of about ``size`` items (a block is never split,
    and the blocks keep their order)."""
    return list(iter_pack(blocks, size))


def iter_pack(blocks: Iterable[list[Part]], size: int | None = None) -> Iterator[list[list[Part]]]:
    """``pack`` one part at a time, reading ``blocks`` as it goes: with a runner that takes its
    parts as they come, only a part's blocks (and a window of parts on Dask) are held."""
    limit = size or PART_SIZE
    current: list[list[Part]] = []
    count = 0
    for block in blocks:
        if current and count + len(block) > limit:
            yield current
            current, count = [], 0
        current.append(block)
        count += len(block)
    if current:
        yield current
