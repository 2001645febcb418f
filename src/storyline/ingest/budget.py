"""A time and memory budget for the parsers that can run away on hostile input.

trafilatura and htmldate grow super-linearly on some pages (2.2 MB of nested ``<p><b><i>``
took 33 s; 20,000 plain paragraphs take seconds), and feedparser's loose parser is slow on a
large malformed feed. No size cap alone bounds them, so they run in a worker process: each call
has a deadline and the process a memory limit (``RLIMIT_AS``). A call past its deadline kills
the worker, a call past the memory limit fails in it; either way the input becomes a clear
``IngestError`` and the next call starts a fresh worker.

A call's budget counts the worker's CPU time (from ``/proc``), not the wall clock: on a busy
machine a page that costs 2 s of CPU may take many times that to come back, and a wall-clock
deadline would make what a build keeps depend on what else the machine runs (a briefing eval
under a load of 8 on 2 cores once built without a 4 KB page that the same eval kept when rerun;
its cause was not recorded, and a deadline is the one part of ingest that reads the clock; the
first page whose date needs dateparser pays 1.6 CPU s for its locales). The wall clock still
stops a call that waits without working, at ``WALL_CLOCK_FACTOR`` times the budget; where
``/proc`` is not there, the budget is wall-clock time, as before.

One worker serves the whole process (started on first use, ~1 s: spawn and imports), one call
at a time. Where no worker can be started (a daemonic process may not have children), calls run
in this process, without the budget, and a warning says so.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import resource
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from storyline.errors import IngestError

if TYPE_CHECKING:  # multiprocessing is imported when a worker starts: the CLI starts faster
    from multiprocessing.connection import Connection

log = logging.getLogger(__name__)

DEFAULT_TIME_BUDGET_S = 30.0  # 15× the slowest of 381 real news pages in ../shared/eval
DEFAULT_MEMORY_BUDGET_MB = 1024  # the worker's address space; it idles at about 50 MB
#: A call that has used less CPU time than its budget is stopped after this many times the budget
#: in wall-clock time (a parse waiting on nothing, or a machine too busy to run it at all).
WALL_CLOCK_FACTOR = 4.0
#: How often a call's CPU time is read while it runs.
CHECK_EVERY_S = 0.25
#: How long a new worker may take to start and import the parsers (not counted in a budget).
STARTUP_TIMEOUT_S = 120.0
#: Imported by a new worker before it says it is ready, so no call pays for them.
PARSER_MODULES = ("storyline.ingest.records", "storyline.ingest.feeds", "trafilatura",
                  "htmldate", "feedparser")  # fmt: skip

Result = TypeVar("Result")


@dataclass(frozen=True)
class Budget:
    """How long one parse may take and how much memory its worker may use."""

    seconds: float = DEFAULT_TIME_BUDGET_S
    memory_mb: int = DEFAULT_MEMORY_BUDGET_MB


class _Worker:
    """One worker process and the pipe to it."""

    def __init__(self, memory_mb: int) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=serve, args=(child, memory_mb), name="storyline-parse", daemon=True
        )
        self.process.start()
        child.close()
        self.memory_mb = memory_mb
        if not self.conn.poll(STARTUP_TIMEOUT_S) or self.conn.recv() != "ready":
            self.stop()
            raise RuntimeError(f"the parser worker did not start in {STARTUP_TIMEOUT_S:g} s")

    def stop(self) -> None:
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)


class Sandbox:
    """Runs module-level functions in the worker under a ``Budget``; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._worker: _Worker | None = None
        self._unavailable = False

    def call(
        self, budget: Budget, source: str, function: Callable[..., Result], *args: Any
    ) -> Result:
        """``function(*args)`` in the worker; an ``IngestError`` naming ``source`` when it runs
        past the budget, crashes, or raises."""
        with self._lock:
            worker = self._ready(budget)
            if worker is None:
                return function(*args)
            try:
                worker.conn.send((function.__module__, function.__qualname__, args))
                if not _answered(worker, budget.seconds):
                    self._discard()
                    raise IngestError(
                        source, f"took longer than the {budget.seconds:g} s time budget"
                    )
                status, value = worker.conn.recv()
            except (EOFError, OSError, BrokenPipeError):
                self._discard()
                raise IngestError(
                    source, f"the parser crashed (over the {budget.memory_mb:,} MB memory budget?)"
                ) from None
        if status == "ok":
            return value
        if status == "memory":
            raise IngestError(source, f"needs more than the {budget.memory_mb:,} MB memory budget")
        if status == "ingest":
            raise IngestError(source, value)
        raise IngestError(source, f"the parser failed ({value})")

    def _ready(self, budget: Budget) -> _Worker | None:
        if self._unavailable:
            return None
        worker = self._worker
        if worker is not None and (
            not worker.process.is_alive() or worker.memory_mb != budget.memory_mb
        ):
            self._discard()
            worker = None
        if worker is None:
            try:
                worker = self._worker = _Worker(budget.memory_mb)
            except AssertionError as error:  # a daemonic process may not have children
                log.warning("no parser worker (%s): parsing without a time budget", error)
                self._unavailable = True
                return None
            except (OSError, RuntimeError, EOFError) as error:
                log.warning("no parser worker (%s): this parse runs without a budget", error)
                return None
        return worker

    def _discard(self) -> None:
        if self._worker is not None:
            self._worker.stop()
            self._worker = None

    def close(self) -> None:
        with self._lock:
            self._discard()


_SANDBOX = Sandbox()


def _answered(worker: _Worker, seconds: float) -> bool:
    """Did the worker answer before its call used ``seconds`` of CPU time (or, without
    ``/proc``, of wall-clock time), and within ``WALL_CLOCK_FACTOR`` times that on the wall?"""
    pid = worker.process.pid or 0
    began_cpu = cpu_seconds(pid)
    if began_cpu is None:  # no /proc: the wall clock is the budget
        return worker.conn.poll(seconds)
    began = time.monotonic()
    while (left := seconds * WALL_CLOCK_FACTOR - (time.monotonic() - began)) > 0:
        if worker.conn.poll(min(CHECK_EVERY_S, left)):
            return True
        used = cpu_seconds(pid)
        if used is not None and used - began_cpu >= seconds:
            return False
    return worker.conn.poll(0)


def cpu_seconds(pid: int) -> float | None:
    """The process's CPU time so far, user and system, or None where ``/proc`` cannot say."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()  # the name in () may hold spaces
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    except (OSError, IndexError, ValueError):
        return None


def run_budgeted(
    budget: Budget | None, source: str, function: Callable[..., Result], *args: Any
) -> Result:
    """``function(*args)`` under ``budget`` in the shared worker; in this process when
    ``budget`` is None (the caller opted out)."""
    if budget is None:
        try:
            return function(*args)
        except IngestError as error:  # raised without knowing the input's name
            raise IngestError(source, error.problem) from None
    return _SANDBOX.call(budget, source, function, *args)


def serve(conn: Connection, memory_mb: int) -> None:
    """The worker's loop: (module, function name, args) in, (status, value) out."""
    for module in PARSER_MODULES:
        importlib.import_module(module)
    limit = memory_mb * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):  # a lower hard limit already set stays
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    conn.send("ready")
    while True:
        try:
            module, name, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            function = getattr(importlib.import_module(module), name)
            reply: tuple[str, Any] = ("ok", function(*args))
        except MemoryError:
            reply = ("memory", "")
        except IngestError as error:
            reply = ("ingest", error.problem)
        except Exception as error:  # a parser bug on odd input: reported, the worker goes on
            reply = ("error", f"{type(error).__name__}: {str(error)[:200]}")
        try:
            conn.send(reply)
        except MemoryError:
            conn.send(("memory", ""))
