"""Each document's MinHash signature (the near-duplicate stage's), kept so a re-build hashes
only the documents that are new or whose text changed.

A row is (document id, key, signature bytes): the key is a digest of the document's text and of
the settings that made the signature (``stories.dedup.signature_key``), so a row whose text or
settings changed is simply not found, and is replaced when the stage hashes that text again.
One row per document at most; it goes with its document (the foreign key's cascade).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from storyline.store.connection import StoreConnection, id_chunks

#: Documents asked for in one query (SQLite's default limit is 32,766 parameters).
_CHUNK = 500


class SignatureTable(StoreConnection):
    """The ``minhash_signatures`` table."""

    def minhash_signatures(self, keys: Mapping[str, bytes]) -> dict[str, bytes]:
        """The stored signature of each document in ``keys`` (id → key) whose stored key is
        that key; documents hashed under other text or settings are left out."""
        found: dict[str, bytes] = {}
        for chunk in id_chunks(sorted(keys), _CHUNK):
            rows = self.db.execute(
                "SELECT doc_id, key, hashvalues FROM minhash_signatures"
                f" WHERE doc_id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            found.update(
                (doc_id, bytes(value)) for doc_id, key, value in rows if keys[doc_id] == key
            )
        return found

    def save_minhash_signatures(self, rows: Iterable[tuple[str, bytes, bytes]]) -> None:
        """Store (document id, key, signature) rows in one transaction, replacing each
        document's earlier row; a document no longer stored is skipped."""
        with self.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO minhash_signatures (doc_id, key, hashvalues)"
                " SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?1)",
                list(rows),
            )
