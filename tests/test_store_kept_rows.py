"""The store's tables of kept per-document rows (issue 18, incremental builds): each row is read
back only under its key, replaced when its document's product is made again, skipped for a
document not stored, and gone with its document (deleted or updated)."""

from __future__ import annotations

import pytest

from storyline.store import Store
from tests.conftest import make_document

#: (writer, reader) of each table of kept per-document rows.
TABLES = [
    ("save_story_rows", "story_rows"),
    ("save_named_mentions", "named_mentions"),
    ("save_resolved_event_rows", "resolved_event_rows"),
]


@pytest.mark.parametrize(("save", "read"), TABLES)
def test_the_store_keeps_rows_under_their_key_and_drops_a_removed_document_s(
    tmp_path, save, read
) -> None:
    docs = [
        make_document("Flood waters rose across the valley overnight.", "a"),
        make_document("The central bank held its rate at 6.5 percent.", "b"),
    ]
    with Store(tmp_path / "s.db") as store:
        store.add_documents(docs)
        saved, rows = getattr(store, save), getattr(store, read)
        saved([("a", b"key-a", '["é"]'), ("b", b"key-b", "[]")])
        saved([("gone", b"k", "[]")])  # no such document: skipped
        assert list(rows({"a": b"key-a", "b": b"key-b", "gone": b"k"})) == [
            ("a", '["é"]'),
            ("b", "[]"),
        ]
        assert list(rows({"a": b"another key"})) == []
        saved([("a", b"key-a2", "[1]")])
        assert list(rows({"a": b"key-a2"})) == [("a", "[1]")]
        store.db.execute("DELETE FROM documents WHERE id = 'b'")  # its row goes with it
        assert list(rows({"b": b"key-b"})) == []
        store.add_documents([docs[0].model_copy(update={"text": "Rain.", "content_hash": "h"})])
        assert list(rows({"a": b"key-a2"})) == []  # an updated document's too
