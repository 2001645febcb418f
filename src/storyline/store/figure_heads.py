"""The figure groups of each measure head (``figures.kept``), kept so a re-build groups again
only the heads whose figures, or whose slices of the copy, story and affiliation maps, changed.

A row is (key, deflated JSON): the key is a digest of everything the head's groups depend on
(``figures.kept.head_key``), so a head whose inputs changed is simply not found under its new
key. Unlike the per-document products (``kept``) a row belongs to no one document; a build
keeps exactly the rows of the heads it has now, so the table never outgrows the pile's heads.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

from storyline.store.codec import packed, unpacked
from storyline.store.connection import StoreConnection, id_chunks
from storyline.store.kept import CHUNK


class FigureHeadTable(StoreConnection):
    """The ``figure_head_groups`` table."""

    def figure_head_groups(self, keys: Collection[bytes]) -> Iterator[tuple[bytes, str]]:
        """(key, JSON) of each of ``keys`` that has a stored row, ``CHUNK`` keys at a time."""
        for chunk in id_chunks(sorted(keys), CHUNK):
            rows = self.db.execute(
                "SELECT key, data FROM figure_head_groups"
                f" WHERE key IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            yield from ((bytes(key), unpacked(data)) for key, data in rows)

    def keep_figure_head_groups(
        self, current: Collection[bytes], made: Iterable[tuple[bytes, str]]
    ) -> None:
        """In one transaction: store the (key, JSON) rows ``made`` and drop every row whose key
        is not in ``current`` (the heads of this build), so rows of heads gone stay no longer."""
        with self.transaction() as db:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS current_heads (key BLOB PRIMARY KEY)")
            db.execute("DELETE FROM current_heads")
            db.executemany(
                "INSERT OR IGNORE INTO current_heads (key) VALUES (?)", [(k,) for k in current]
            )
            db.execute(
                "DELETE FROM figure_head_groups WHERE key NOT IN (SELECT key FROM current_heads)"
            )
            db.execute("DELETE FROM current_heads")
            db.executemany(
                "INSERT OR REPLACE INTO figure_head_groups (key, data) VALUES (?, ?)",
                [(key, packed(data)) for key, data in made],
            )
