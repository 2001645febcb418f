"""The pile's weighted term rows for the story clustering (``stories.term_matrix``), kept so a
re-build weighs only the rows of new or changed documents.

One row holds the whole matrix as compact arrays, each a BLOB of little-endian numbers or of
NUL-separated UTF-8 (no term or document id holds a NUL): the rows' document ids and their
16-byte keys, the sorted vocabulary, and the CSR arrays (int64 row starts, int32 columns,
float64 weights). Reading it back makes no Python object per entry, only one per term and per
document; a build that changed no row does not write it. A row whose document's key changed,
or whose document left, is simply not used (``stories.term_matrix.usable_rows``) and is gone
from the next matrix written.
"""

from __future__ import annotations

import numpy as np

from storyline.models.term_matrix import TermMatrix
from storyline.store.connection import StoreConnection

KEY_BYTES = 16  # a row's key (``stories.kept.row_key``: a 16-byte digest)


class StoryTermTable(StoreConnection):
    """The ``story_term_matrix`` table."""

    def story_term_matrix(self) -> TermMatrix | None:
        """The kept matrix, or None when none is kept."""
        found = self.db.execute(
            "SELECT ids, keys, vocabulary, indptr, indices, data FROM story_term_matrix"
        ).fetchone()
        if found is None:
            return None
        ids, keys, vocabulary, indptr, indices, data = found
        return TermMatrix(
            ids=_strings(ids),
            keys=[keys[at : at + KEY_BYTES] for at in range(0, len(keys), KEY_BYTES)],
            vocabulary=_strings(vocabulary),
            indptr=np.frombuffer(indptr, dtype="<i8"),
            indices=np.frombuffer(indices, dtype="<i4"),
            data=np.frombuffer(data, dtype="<f8"),
        )

    def save_story_term_matrix(self, matrix: TermMatrix) -> None:
        """Keep ``matrix`` in place of the one kept."""
        if any(len(key) != KEY_BYTES for key in matrix.keys):
            raise ValueError(f"a kept term row's key is {KEY_BYTES} bytes")
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO story_term_matrix"
                " (id, ids, keys, vocabulary, indptr, indices, data) VALUES (1, ?, ?, ?, ?, ?, ?)",
                (
                    _joined(matrix.ids),
                    b"".join(matrix.keys),
                    _joined(matrix.vocabulary),
                    np.asarray(matrix.indptr, dtype="<i8").tobytes(),
                    np.asarray(matrix.indices, dtype="<i4").tobytes(),
                    np.asarray(matrix.data, dtype="<f8").tobytes(),
                ),
            )


def _joined(strings: list[str]) -> bytes:
    return "\x00".join(strings).encode("utf-8", "surrogatepass")


def _strings(value: bytes) -> list[str]:
    return value.decode("utf-8", "surrogatepass").split("\x00") if value else []
