"""Each part of the two event merges (``events.kept_parts``), kept so a re-build merges again
only the parts a new, changed or removed document reaches.

A row is (merge, key, deflated JSON): ``merge`` names the merge ("pile": the first, "stories":
the second, by story), the key is a digest of everything the part's merge reads
(``events.kept_parts.PartRows.key``). Like a story's summary (``story_summaries``) a row belongs
to no one document; each merge keeps exactly the rows of its current parts, so the table never
outgrows them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

from storyline.store.codec import packed, unpacked
from storyline.store.connection import StoreConnection, id_chunks
from storyline.store.kept import CHUNK


class EventPartTable(StoreConnection):
    """The ``event_parts`` table."""

    def event_parts(self, merge: str, keys: Collection[bytes]) -> Iterator[tuple[bytes, str]]:
        """(key, JSON) of each of ``keys`` that has a row of ``merge``, ``CHUNK`` keys at a
        time."""
        for chunk in id_chunks(sorted(keys), CHUNK):
            rows = self.db.execute(
                "SELECT key, data FROM event_parts"
                f" WHERE merge = ? AND key IN ({','.join('?' * len(chunk))})",
                [merge, *chunk],
            )
            yield from ((bytes(key), unpacked(data)) for key, data in rows)

    def keep_event_parts(
        self, merge: str, current: Collection[bytes], made: Iterable[tuple[bytes, str]]
    ) -> None:
        """In one transaction: store the (key, JSON) rows ``made`` of ``merge`` and drop every
        row of it whose key is not in ``current`` (the parts of this build)."""
        with self.transaction() as db:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS current_parts (key BLOB PRIMARY KEY)")
            db.execute("DELETE FROM current_parts")
            db.executemany(
                "INSERT OR IGNORE INTO current_parts (key) VALUES (?)", [(k,) for k in current]
            )
            db.execute(
                "DELETE FROM event_parts WHERE merge = ?"
                " AND key NOT IN (SELECT key FROM current_parts)",
                (merge,),
            )
            db.execute("DELETE FROM current_parts")
            db.executemany(
                "INSERT OR REPLACE INTO event_parts (merge, key, data) VALUES (?, ?, ?)",
                [(merge, key, packed(data)) for key, data in made],
            )
