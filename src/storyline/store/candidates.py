"""Each document's summary candidates (``summary.kept``), kept so a re-build makes only those of
documents that are new or whose text, analysis or entity mentions changed.

A row is (document id, key, deflated JSON): the key is a digest of everything the candidates
depend on (``summary.kept.candidate_key``), among them the stored analysis, named by the digest
of its stored bytes written with it (``analysis_digests``), so a row whose inputs changed is
simply not found, and is replaced when the summary stage makes that document's candidates
again. One row per document at most; it goes with its document (the foreign key's cascade).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from storyline.store.connection import StoreConnection, id_chunks
from storyline.store.kept import CHUNK, kept_json, save_kept_json


class CandidateTable(StoreConnection):
    """The ``summary_candidates`` table, and the digests of the stored analyses that key it."""

    def analysis_digests(self, ids: Sequence[str]) -> dict[str, bytes]:
        """A 16-byte digest of the stored analysis of each of ``ids`` that has one
        (``codec.stored_digest``): it changes whenever the analysis is saved with other
        content. A column read (written with the analysis, schema.MIGRATION_12): the analyses
        themselves are not read."""
        found: dict[str, bytes] = {}
        for chunk in id_chunks(ids, CHUNK):
            rows = self.db.execute(
                "SELECT doc_id, COALESCE(digest, stored_digest(version, data)) FROM analyses"
                f" WHERE doc_id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            found.update((doc_id, bytes(digest)) for doc_id, digest in rows)
        return found

    def summary_candidates(self, keys: Mapping[str, bytes]) -> Iterator[tuple[str, str]]:
        """(document id, JSON) of each document in ``keys`` (id → key) whose stored row is under
        that key, in document id order (``kept.kept_json``)."""
        return kept_json(self.db, "summary_candidates", keys)

    def save_summary_candidates(self, rows: Iterable[tuple[str, bytes, str]]) -> None:
        """Store (document id, key, JSON) rows in one transaction, replacing each document's
        earlier row; a document no longer stored is skipped."""
        save_kept_json(self, "summary_candidates", rows)
