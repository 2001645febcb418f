"""Each document's share of the entity canonicalisation (``entities.kept``), kept so a re-build
reads and resolves again only the mentions of documents that are new or whose text or analysis
changed.

A row is (document id, key, deflated JSON): the key is a digest of everything the row depends
on (``entities.kept.names_key``), among them the stored analysis, named by its digest
(``candidates.analysis_digests``). See ``kept`` for how rows are found and replaced.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from storyline.store.connection import StoreConnection
from storyline.store.kept import kept_json, save_kept_json


class NamedMentionTable(StoreConnection):
    """The ``named_mentions`` table."""

    def named_mentions(self, keys: Mapping[str, bytes]) -> Iterator[tuple[str, str]]:
        """(document id, JSON) of each document in ``keys`` (id → key) whose stored row is under
        that key, in document id order."""
        return kept_json(self.db, "named_mentions", keys)

    def save_named_mentions(self, rows: Iterable[tuple[str, bytes, str]]) -> None:
        """Store (document id, key, JSON) rows in one transaction, replacing each document's
        earlier row; a document no longer stored is skipped."""
        save_kept_json(self, "named_mentions", rows)
