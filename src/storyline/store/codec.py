"""How the store's big JSON columns are kept on disk: deflated (zlib) in a BLOB.

A document's analysis is JSON about ten times its text: every mention, timex, event and
figure repeats its evidence sentence, its field names and its document id. Deflate keeps each
repeat once (a whole analysis fits in its 32 KB window), so the per-document analysis columns
shrink several-fold, while the records read back are the very same JSON text.

The format marker is SQLite's own storage class: a row written before this (or by SQL, as an
older store's ``figures`` filled from its analyses) is TEXT and read as it is; a row written
now is a BLOB holding the deflated UTF-8. So an older store reads unchanged, and rows of both
kinds may sit in one table. SQL that looks inside such a column reads it through
``unpacked(column)``, registered on every connection (``register``), and SQL that fills one
from another's JSON (the listing indexes) writes it through ``packed(json)``.

Which columns: the per-document analyses and their figures (a document's worth of JSON each),
and the listing's per-item rows that SQL fills (an entity's mentions, a list's previews of big
items). A preview or a mention of a kilobyte or two is past what a WITHOUT ROWID page keeps in
line, so SQLite spills it to an overflow page of its own, mostly empty; deflated, most fit in
line. The stored view (``corpus_items``) too: the listing's SQL reads dozens of paths inside
its rows, so it reads them through ``corpus_json``, a per-connection view of the same rows
with ``data`` as text (``add_views``).
"""

from __future__ import annotations

import sqlite3
import zlib

#: Deflate's level: 6 (zlib's default) packs analyses within 1% of level 9 in 70% of its CPU
#: time, and 17% smaller than level 1 (386 bench documents); inflating costs the same.
LEVEL = 6


def packed(text: str) -> bytes:
    """JSON text as the store keeps it: deflated UTF-8, stored as a BLOB."""
    return zlib.compress(text.encode("utf-8"), LEVEL)


def unpacked(value: str | bytes) -> str:
    """The JSON text of a stored value: a BLOB is inflated, TEXT (an older row) is as written."""
    if isinstance(value, bytes):
        return zlib.decompress(value).decode("utf-8")
    return value


def _sql_unpacked(value: str | bytes | None) -> str | None:
    """``unpacked`` for SQL: NULL stays NULL, so a LEFT JOIN's missing row reads as missing."""
    return None if value is None else unpacked(value)


def _sql_packed(value: str | None) -> bytes | None:
    """``packed`` for SQL, which fills some columns from others' JSON: NULL stays NULL."""
    return None if value is None else packed(value)


#: The stored view's rows with their JSON as text, for the SQL that reads inside them. TEMP:
#: each connection makes its own, so the store's schema stays as its migrations left it.
CORPUS_JSON = (
    "CREATE TEMP VIEW IF NOT EXISTS corpus_json AS"
    " SELECT kind, id, sort_key, unpacked(data) AS data FROM corpus_items"
)


def add_views(db: sqlite3.Connection) -> None:
    """The views over deflated tables (once the schema is migrated: they read its tables)."""
    db.execute(CORPUS_JSON)


def register(db: sqlite3.Connection) -> None:
    """Make ``unpacked(column)`` and ``packed(json)`` callable from this connection's SQL (JSON
    functions need text: a BLOB handed to them directly would be refused or misread)."""
    db.create_function("unpacked", 1, _sql_unpacked, deterministic=True)
    db.create_function("packed", 1, _sql_packed, deterministic=True)
