"""The connection every part of the store shares: opening the SQLite file (WAL, foreign keys,
a busy timeout) with the schema migrated, closing it, and all-or-nothing transactions.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Self, TypeVar

from storyline.errors import StoreError
from storyline.store.analysis_spans import register as register_spans
from storyline.store.codec import add_views, register
from storyline.store.figure_spans import register as register_figure_spans
from storyline.store.schema import migrate

#: A document id or a product's key, asked for in chunks (``id_chunks``).
_Id = TypeVar("_Id", str, bytes)


def _casefold(value: object) -> str | None:
    return value.casefold() if isinstance(value, str) else None


class StoreConnection:
    """One SQLite connection (or ``:memory:``); the tables' classes build on it."""

    def __init__(self, path: str | Path = ":memory:") -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            # Unicode case folding for the name indexes (SQLite's lower() is ASCII only)
            self.db.create_function("casefold", 1, _casefold, deterministic=True)
            register(self.db)  # unpacked(column): the deflated JSON columns, for SQL
            register_spans(self.db)  # analysis_json(data, clean_text): analysis_spans
            register_figure_spans(self.db)  # stored_figure(data, clean_text): figure_spans
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA busy_timeout = 10000")
            if self.path != ":memory:":
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
            migrate(self.db, self.path)
            add_views(self.db)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: not a usable storyline store ({error})") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing: commit when the block ends, roll back if it raises."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: every query in the block sees the same state of the store,
        even when a build commits meanwhile (WAL keeps the snapshot)."""
        if self.db.in_transaction:  # already inside one: nothing to add
            yield self.db
            return
        self.db.execute("BEGIN DEFERRED")
        try:
            yield self.db
        finally:
            if self.db.in_transaction:
                self.db.execute("COMMIT")

    def data_version(self) -> int:
        """Changes whenever another connection commits (``PRAGMA data_version``): a cache key
        that lets the web app keep one parsed copy of the corpus until a build writes."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])


def id_chunks(ids: Sequence[_Id], size: int = 500) -> Iterator[list[_Id]]:
    """SQLite caps the parameters of one statement: ask for ids (or keys) a few hundred at a
    time."""
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])
