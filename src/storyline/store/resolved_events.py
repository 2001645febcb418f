"""Each document's event mentions with their actors resolved (``pipeline.kept_resolved``), kept
so a re-build resolves again only the documents whose mentions or entity facts changed.

A row is (document id, key, deflated JSON): the key is a digest of the document's event row key
(its stored analysis, text and the code) and of the entity facts its resolution reads
(``pipeline.kept_resolved.resolved_key``). See ``kept`` for how rows are found and replaced.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from storyline.store.connection import StoreConnection
from storyline.store.kept import kept_json, save_kept_json


class ResolvedEventTable(StoreConnection):
    """The ``resolved_events`` table."""

    def resolved_event_rows(self, keys: Mapping[str, bytes]) -> Iterator[tuple[str, str]]:
        """(document id, JSON) of each document in ``keys`` (id → key) whose stored row is under
        that key, in document id order."""
        return kept_json(self.db, "resolved_events", keys)

    def save_resolved_event_rows(self, rows: Iterable[tuple[str, bytes, str]]) -> None:
        """Store (document id, key, JSON) rows in one transaction, replacing each document's
        earlier row; a document no longer stored is skipped."""
        save_kept_json(self, "resolved_events", rows)
