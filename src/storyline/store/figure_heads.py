"""The figure groups of each measure head (``figures.kept``), kept so a re-build groups again
only the heads whose figures, or whose slices of the copy, story and affiliation maps, changed.

A row is (key, deflated JSON): the key is a digest of the head's stored figure rows
(``figures.kept.content_key``), so a head whose figures changed is simply not found under its
new key; the row holds the map entries the head's groups read, compared with the build's.
Unlike the per-document products (``kept``) a row belongs to no one document; a build keeps
exactly the rows of the heads it has now, so the table never outgrows the pile's heads.

The figures are read here by head (``figure_head_rows``: the head column, kept_schema.MIGRATION_26,
and the stored rows as they are, neither inflated nor parsed), and as figures only where a
build needs them (``figures_by_id``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

from storyline.models import Figure
from storyline.store.connection import StoreConnection, id_chunks
from storyline.store.kept import keep_keyed_json, keyed_json
from storyline.store.kept_schema import figure_head_sql
from storyline.store.span_texts import figure_jsons

#: A figure's head: its column, or, for a row written without one, split from its stored key
#: as ``figures.group.block_key`` splits it (the text before the first "|").
_STORED_KEY = "json_extract(unpacked(data), '$.measure_key')"
_HEAD = f"COALESCE(head, {figure_head_sql(_STORED_KEY)})"


class FigureHeadTable(StoreConnection):
    """The ``figure_head_groups`` table, and the figures read by head."""

    def figure_head_groups(self, keys: Collection[bytes]) -> Iterator[tuple[bytes, str]]:
        """(key, JSON) of each of ``keys`` that has a stored row, ``CHUNK`` keys at a time."""
        return keyed_json(self.db, "figure_head_groups", keys)

    def keep_figure_head_groups(
        self, current: Collection[bytes], made: Iterable[tuple[bytes, str]]
    ) -> None:
        """In one transaction: store the (key, JSON) rows ``made`` and drop every row whose key
        is not in ``current`` (the heads of this build), so rows of heads gone stay no longer."""
        keep_keyed_json(self, "figure_head_groups", current, made)

    def figure_head_rows(self) -> list[tuple[str, str, bytes]]:
        """(head, figure id, stored row) of every stored analysis's figures, in the order of
        ``analysis_figures`` (document id, then each analysis's own order): the stored rows
        as they are, to digest, not figures."""
        rows = self.db.execute(
            f"SELECT {_HEAD}, id, data FROM figures"
            " WHERE doc_id IN (SELECT doc_id FROM analyses) ORDER BY doc_id, rowid"
        )
        return [(head, figure_id, _row_bytes(data)) for head, figure_id, data in rows]

    def figures_by_id(self, ids: Collection[str]) -> dict[str, Figure]:
        """The stored figures of ``ids`` (those stored), by id, a few hundred at a time."""
        found: dict[str, Figure] = {}
        for chunk in id_chunks(sorted(ids)):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT id, doc_id, data FROM figures WHERE id IN ({marks})", chunk
            ).fetchall()
            jsons = figure_jsons(self.db, [(doc_id, data) for _, doc_id, data in rows])
            found.update(
                (row[0], Figure.model_validate_json(data))
                for row, data in zip(rows, jsons, strict=True)
            )
        return found


def _row_bytes(data: str | bytes) -> bytes:
    """A stored row as bytes: a BLOB as it is, TEXT (a row older than schema.MIGRATION_22)
    marked apart, so no text reads as a deflated row's bytes."""
    return data if isinstance(data, bytes) else b"text\x00" + data.encode("utf-8", "surrogatepass")
