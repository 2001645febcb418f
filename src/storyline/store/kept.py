"""Per-document products kept between builds (``signatures``, ``candidates``,
``story_rows``, ``named_mentions``,
``resolved_events``): one row per document, (document id, key, data), where the
key is a digest of everything the product depends on. A row whose inputs changed is simply
not found under the new key and is replaced when the product is made again; a row goes with
its document (the foreign key's cascade).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping

from storyline.store.codec import packed, unpacked
from storyline.store.connection import StoreConnection, id_chunks

#: Documents asked for in one query (SQLite's default limit is 32,766 parameters); a chunk of
#: rows is a few hundred KB deflated.
CHUNK = 500

#: The tables of deflated JSON rows read and written here (names are never taken from input).
JSON_TABLES = frozenset({"summary_candidates", "story_rows", "named_mentions", "resolved_events"})
#: The preset dictionary (``codec.DICTIONARIES``) a table's rows are deflated with, if any:
#: a document's named mentions are mention rows, its resolved events event rows (issue 18,
#: the store on disk: 10.3 -> 9.4 and 11.9 -> 10.6 MB of 9,022 documents' rows).
DICTIONARY = {"named_mentions": "mention", "resolved_events": "event"}

#: The tables of deflated JSON rows under a key alone, of no one document (``keyed_json``).
KEYED_TABLES = frozenset({"figure_head_groups", "story_summaries", "story_records"})


def kept_json(
    db: sqlite3.Connection, table: str, keys: Mapping[str, bytes]
) -> Iterator[tuple[str, str]]:
    """(document id, JSON) of each document in ``keys`` (id → key) whose row in ``table`` is
    under that key, in document id order, read ``CHUNK`` documents at a time."""
    if table not in JSON_TABLES:
        raise ValueError(f"not a table of kept rows: {table}")
    for chunk in id_chunks(sorted(keys), CHUNK):
        rows = db.execute(
            f"SELECT doc_id, key, data FROM {table}"
            f" WHERE doc_id IN ({','.join('?' * len(chunk))}) ORDER BY doc_id",
            chunk,
        ).fetchall()
        yield from ((doc_id, unpacked(data)) for doc_id, key, data in rows if keys[doc_id] == key)


def save_kept_json(
    store: StoreConnection, table: str, rows: Iterable[tuple[str, bytes, str]]
) -> None:
    """Store (document id, key, JSON) rows in ``table`` in one transaction, deflated,
    replacing each document's earlier row; a document no longer stored is skipped."""
    if table not in JSON_TABLES:
        raise ValueError(f"not a table of kept rows: {table}")
    with store.transaction() as db:
        db.executemany(
            f"INSERT OR REPLACE INTO {table} (doc_id, key, data)"
            " SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?1)",
            [(doc_id, key, packed(data, DICTIONARY.get(table))) for doc_id, key, data in rows],
        )


def keyed_json(
    db: sqlite3.Connection, table: str, keys: Collection[bytes]
) -> Iterator[tuple[bytes, str]]:
    """(key, JSON) of each of ``keys`` that has a row in ``table`` (a product of several
    documents, kept under a digest of its inputs), ``CHUNK`` keys at a time."""
    if table not in KEYED_TABLES:
        raise ValueError(f"not a table of keyed rows: {table}")
    for chunk in id_chunks(sorted(keys), CHUNK):
        rows = db.execute(
            f"SELECT key, data FROM {table} WHERE key IN ({','.join('?' * len(chunk))})", chunk
        )
        yield from ((bytes(key), unpacked(data)) for key, data in rows)


def keep_keyed_json(
    store: StoreConnection,
    table: str,
    current: Collection[bytes],
    made: Iterable[tuple[bytes, str]],
) -> None:
    """In one transaction: store the (key, JSON) rows ``made`` in ``table`` and drop every row
    whose key is not in ``current`` (this build's), so rows of products gone stay no longer."""
    if table not in KEYED_TABLES:
        raise ValueError(f"not a table of keyed rows: {table}")
    with store.transaction() as db:
        db.execute("CREATE TEMP TABLE IF NOT EXISTS current_keys (key BLOB PRIMARY KEY)")
        db.execute("DELETE FROM current_keys")
        db.executemany(
            "INSERT OR IGNORE INTO current_keys (key) VALUES (?)", [(k,) for k in current]
        )
        db.execute(f"DELETE FROM {table} WHERE key NOT IN (SELECT key FROM current_keys)")
        db.execute("DELETE FROM current_keys")
        db.executemany(
            f"INSERT OR REPLACE INTO {table} (key, data) VALUES (?, ?)",
            [(key, packed(data)) for key, data in made],
        )
