"""Each document's event mentions as the two event merges read them (``pipeline.kept_events``),
kept so a re-build reads a small row per document instead of inflating and cutting every
stored analysis twice.

A row is (document id, key, deflated JSON): the key is a digest of the stored analysis (named by
its digest: ``candidates.analysis_digests``), the document's text and the code
(``pipeline.kept_events.events_key``).
See ``kept`` for how rows are found and replaced.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from storyline.store.connection import StoreConnection
from storyline.store.kept import kept_json, save_kept_json


class EventRowTable(StoreConnection):
    """The ``event_rows`` table."""

    def event_rows(self, keys: Mapping[str, bytes]) -> Iterator[tuple[str, str]]:
        """(document id, JSON) of each document in ``keys`` (id → key) whose stored row is under
        that key, in document id order."""
        return kept_json(self.db, "event_rows", keys)

    def save_event_rows(self, rows: Iterable[tuple[str, bytes, str]]) -> None:
        """Store (document id, key, JSON) rows in one transaction, replacing each document's
        earlier row; a document no longer stored is skipped."""
        save_kept_json(self, "event_rows", rows)
