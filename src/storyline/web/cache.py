"""Store connections for the server's threads, and what is computed once per stored view.

Pages read the store directly, through its indexes, a page of rows at a time (``views``,
``documents``); only small summaries that every page would otherwise recompute — the overview,
the timeline's facets — and the ``ask`` index are kept, keyed by the store's view generation
(``Store.view_generation``: it changes when a build replaces the cross-document view, not when
a job records its progress). The ask index is rebuilt in the background when the view
changes; until it is ready, questions are answered from the previous one (its entity and event
tables lag one build; sentences always come from the store).
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from storyline.ask.index import AskIndex
from storyline.store import Store

log = logging.getLogger(__name__)

Value = TypeVar("Value")


class Stores:
    """One store connection per server thread: SQLite connections are not for sharing, and
    separate readers let WAL serve pages while a build writes."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()
        self._generation = 0  # bumped by close: a thread's older connection is not reused

    def get(self) -> Store:
        local = self._local
        if getattr(local, "generation", None) != self._generation:
            store = Store(self.db_path)
            with self._lock:
                self._all.append(store)
                local.store, local.generation = store, self._generation
        return local.store

    def close(self) -> None:
        with self._lock:
            self._generation += 1
            for store in self._all:
                store.close()
            self._all.clear()


class Views:
    """Values computed once per view generation, shared across threads."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._lock = threading.Lock()
        self._values: dict[str, tuple[str, Any]] = {}
        self._key_locks: dict[str, threading.Lock] = {}
        self._ask: tuple[str, AskIndex] | None = None
        self._ask_lock = threading.Lock()
        self._ask_building: str | None = None

    def get(self, store: Store, key: str, compute: Callable[[Store], Value]) -> Value:
        """``compute(store)`` for the current view, computed once (concurrent callers wait
        for the first)."""
        generation = store.view_generation()
        found = self._values.get(key)
        if found is not None and found[0] == generation:
            return found[1]  # stored by this key's compute
        with self._lock:
            lock = self._key_locks.setdefault(key, threading.Lock())
        with lock:
            found = self._values.get(key)
            if found is not None and found[0] == generation:
                return found[1]
            value = compute(store)
            self._values[key] = (generation, value)
            return value

    def ask_index(self, store: Store) -> AskIndex:
        """The ask index of the current view; the previous one while a new one is built."""
        generation = store.view_generation()
        current = self._ask
        if current is not None and current[0] == generation:
            return current[1]
        if current is not None:
            self._rebuild_in_background(generation)
            return current[1]
        with self._ask_lock:  # the first question waits for the first index
            if self._ask is None:
                self._ask = (generation, AskIndex.from_store(store))
                settle_heap()
            return self._ask[1]

    def ask_ready(self, generation: str) -> bool:
        """Whether the ask index is the one of this view generation."""
        current = self._ask
        return current is not None and current[0] == generation

    def warm(self) -> None:
        """Build the ask index now, in the background (the server starts answering pages at
        once; the first question waits only for what is left)."""
        threading.Thread(target=self._build_ask, name="storyline-ask-index", daemon=True).start()

    def _build_ask(self) -> None:
        with self._ask_lock:
            try:
                with Store(self.db_path) as store:
                    generation = store.view_generation()
                    if self._ask is None or self._ask[0] != generation:
                        self._ask = (generation, AskIndex.from_store(store))
                        settle_heap()
            except Exception:  # a failed warm-up leaves the next question to build it
                log.exception("building the ask index failed")
            finally:
                self._ask_building = None

    def _rebuild_in_background(self, generation: str) -> None:
        with self._lock:
            if self._ask_building == generation:
                return
            self._ask_building = generation
        self.warm()

    def close(self) -> None:
        with self._lock:
            self._values.clear()
        self._ask = None


def settle_heap() -> None:
    """Take what is alive now — above all the ask index just built — out of the garbage
    collector's sight (``gc.freeze``). The index of a 2,815-document store is a million Python
    objects, and the collector's full passes walk every one: each took about a second of CPU
    holding the interpreter, so every request in flight waited that second, about once per
    hundred page requests (measured: 3 full passes, 3.1 of 18.2 CPU-s, in 300 requests). Frozen
    objects are still freed when the last reference goes (a replaced index is); what was frozen
    before is unfrozen and collected first, so garbage cycles of an old index are not kept."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
