"""The store's tables of kept per-document rows (issue 18, incremental builds): each row is read
back only under its key, replaced when its document's product is made again, skipped for a
document not stored, and gone with its document (deleted or updated)."""

from __future__ import annotations

import pytest

from storyline.store import Store
from storyline.store.codec import dictionary_of
from storyline.store.schema import MIGRATIONS
from storyline.store.text_schema import MIGRATION_24
from tests.conftest import make_document
from tests.store_rewind import undo_listing_keys

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


def _dictionaries(store: Store) -> list[str | None]:
    """The dictionary each kept named-mentions and resolved-events row is deflated with."""
    return [
        dictionary_of(row[0])
        for table in ("named_mentions", "resolved_events")
        for row in store.db.execute(f"SELECT data FROM {table}")
    ]


def test_named_mentions_and_resolved_events_are_primed_and_an_older_store_s_read_the_same(
    tmp_path,
) -> None:
    """Their rows deflate with the dictionaries of mention and event rows (migration 24); an
    older store's rows, deflated alone, are rewritten when it is opened and read the same."""
    mentions = '{"mentions":[{"text":"Rotterdam","label":"GPE","model_label":"GPE"}]}'
    events = '{"events":[{"id":"a:ev1","type":"CONSULT","mode":null,"cameo":"040"}]}'
    with Store(tmp_path / "s.db") as store:
        store.add_documents([make_document("Flood waters rose across the valley.", "a")])
        store.save_named_mentions([("a", b"k", mentions)])
        store.save_resolved_event_rows([("a", b"k", events)])
        assert _dictionaries(store) == ["mention", "event"]
        for table in ("named_mentions", "resolved_events"):  # as an older store kept them
            store.db.execute(f"UPDATE {table} SET data = packed(unpacked(data))")
        assert _dictionaries(store) == [None, None]
        store.db.execute("DROP TABLE story_term_matrix")  # migration 25's: not yet in that store
        store.db.execute("ALTER TABLE figures DROP COLUMN head")  # migration 26 adds it
        undo_listing_keys(store.db)  # migration 27 keys them by integers
        store.db.execute(f"PRAGMA user_version = {MIGRATIONS.index(MIGRATION_24)}")
    with Store(tmp_path / "s.db") as store:
        assert _dictionaries(store) == ["mention", "event"]
        assert list(store.named_mentions({"a": b"k"})) == [("a", mentions)]
        assert list(store.resolved_event_rows({"a": b"k"})) == [("a", events)]
