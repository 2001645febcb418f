"""An entity's row of the stored view keeps its mentions only in ``entity_mentions`` (issue 18,
store on disk): every reader gets the row back as it was written, mentions and all."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from storyline.models import Entity, Quality
from storyline.store import Store
from storyline.store.codec import packed, register, unpacked


def _copy_of(store_path: Path, to: Path) -> Path:
    with sqlite3.connect(store_path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(store_path, to)
    return to


def _stored_rows(path: Path) -> dict[str, str]:
    """The entity rows as the file holds them (not through the store's view)."""
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT id, data FROM corpus_items WHERE kind = 'entity'").fetchall()
    return {i: unpacked(data) for i, data in rows}


def _reads(store: Store) -> tuple[object, ...]:
    entities = store.corpus("entity", Entity)
    ids = [e.id for e in entities]
    return (
        [e.model_dump_json() for e in entities],
        [e.model_dump_json() for e in store.iter_corpus("entity", Entity)],
        [e.model_dump_json() for e in store.corpus_items("entity", ids, Entity)],
        [e.model_dump_json() for e in store.corpus_page("entity", Entity, 3, 1)],
        [store.corpus_item("entity", i, Entity) for i in ids],
        [store.entity_slice(i, 4, 1) for i in ids],
        store.entity_rows(ids),
    )


def test_stored_entity_rows_hold_no_mentions_and_read_back_whole(demo_build, tmp_path) -> None:
    out, _ = demo_build
    path = _copy_of(out / "storyline.db", tmp_path / "store.db")
    stored = _stored_rows(path)
    assert stored and all('"mentions"' not in row for row in stored.values())
    with Store(path) as store:
        entities = store.corpus("entity", Entity)
        counts = dict(store.db.execute("SELECT id, mention_rows FROM entity_index").fetchall())
        texts = dict(
            store.db.execute("SELECT id, document_text(clean_text) FROM documents").fetchall()
        )
    assert sum(len(e.mentions) for e in entities) == sum(counts.values()) > 0
    for entity in entities:
        assert len(entity.mentions) == counts[entity.id]
        assert entity.mention_count >= len({m.provenance.start for m in entity.mentions}) > 0
        for mention in entity.mentions:
            p = mention.provenance
            assert p.sentence == texts[p.doc_id][p.sentence_start : p.sentence_end]


def test_an_older_store_s_whole_entity_rows_read_the_same_and_lose_their_copy(
    demo_build, tmp_path
) -> None:
    """A store written before keeps every mention in the row: it reads as it is, and the
    rebuild of its indexes (``LISTING_VERSION``) stores the row without them."""
    out, _ = demo_build
    path = _copy_of(out / "storyline.db", tmp_path / "store.db")
    with Store(path) as store:
        expected = _reads(store)
        whole = {e.id: e.model_dump_json() for e in store.corpus("entity", Entity)}
    with sqlite3.connect(path) as db:
        register(db)
        db.executemany(
            "UPDATE corpus_items SET data = ? WHERE kind = 'entity' AND id = ?",
            [(packed(row), i) for i, row in whole.items()],
        )
        db.execute("UPDATE listing_state SET value = '5' WHERE key = 'version'")
    assert all('"mentions"' in row for row in _stored_rows(path).values())
    with Store(path) as store:
        assert _reads(store) == expected  # the whole rows, read as they are
        store.ensure_listing()
        assert _reads(store) == expected
    assert all('"mentions"' not in row for row in _stored_rows(path).values())


def test_replacing_another_kind_keeps_every_entity_s_mentions(demo_build, tmp_path) -> None:
    """Replacing any kind rebuilds every index, entity_mentions included, from the rows."""
    out, _ = demo_build
    with Store(_copy_of(out / "storyline.db", tmp_path / "store.db")) as store:
        expected = _reads(store)
        quality = store.corpus("quality", Quality)
        store.replace_corpus({"quality": [(q.doc_id, None, q) for q in quality]})
        assert _reads(store) == expected


def test_an_entity_without_mentions_reads_an_empty_list(demo_build, tmp_path) -> None:
    out, _ = demo_build
    with Store(_copy_of(out / "storyline.db", tmp_path / "store.db")) as store:
        named = store.corpus("entity", Entity)[0]
        bare = named.model_copy(update={"id": "person:nobody", "mentions": [], "documents": []})
        store.replace_corpus({"entity": [(named.id, "0", named), (bare.id, "1", bare)]})
        assert store.corpus("entity", Entity) == [named, bare]
        assert store.corpus_item("entity", bare.id, Entity) == bare
