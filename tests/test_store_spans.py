"""Text the store keeps once (issue 18, store on disk): an entity's mention rows and the
sentence index hold spans of a document's clean text, not copies of it, and read back exactly
what a copy would have; rows an older store wrote with their text read the same."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from storyline.models import Entity
from storyline.store import Store
from storyline.store.codec import packed, register, unpacked


def _copy_of(store_path: Path, to: Path) -> Path:
    with sqlite3.connect(store_path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(store_path, to)
    return to


def _entity_pages(store: Store) -> dict[str, tuple[str, int] | None]:
    ids = [row[0] for row in store.db.execute("SELECT id FROM entity_index ORDER BY id")]
    return {e: store.entity_slice(e, 5, 1) for e in ids}


def test_mention_rows_keep_their_sentence_as_a_span_and_read_it_back(
    demo_build, tmp_path: Path
) -> None:
    out, _ = demo_build
    with Store(_copy_of(out / "storyline.db", tmp_path / "store.db")) as store:
        rows = [unpacked(r[0]) for r in store.db.execute("SELECT data FROM entity_mentions")]
        assert rows and all('"sentence":null' in row for row in rows)
        texts = dict(store.db.execute("SELECT id, clean_text FROM documents").fetchall())
        for entity in store.corpus("entity", Entity):
            sliced = store.entity_slice(entity.id, 1000)
            assert sliced is not None
            page = Entity.model_validate_json(sliced[0])
            # the very mentions the stored view holds, sentences included, in order
            assert page.mentions == entity.mentions
            for mention in page.mentions:
                p = mention.provenance
                assert p.sentence == texts[p.doc_id][p.sentence_start : p.sentence_end]
                assert p.sentence and p.start >= p.sentence_start and p.end <= p.sentence_end


def test_mention_rows_written_with_their_sentence_read_the_same(demo_build, tmp_path: Path) -> None:
    """An older store's rows (or a sentence that is not the span it names) hold the text."""
    out, _ = demo_build
    path = _copy_of(out / "storyline.db", tmp_path / "store.db")
    with Store(path) as store:
        expected = _entity_pages(store)
    with sqlite3.connect(path) as db:
        register(db)
        texts = dict(db.execute("SELECT id, clean_text FROM documents").fetchall())
        rows = db.execute(
            "SELECT entity_id, position, json_extract(unpacked(data), '$.provenance')"
            " FROM entity_mentions"
        ).fetchall()
        for entity_id, position, provenance in rows:
            p = json.loads(provenance)
            sentence = texts[p["doc_id"]][p["sentence_start"] : p["sentence_end"]]
            db.execute(
                "UPDATE entity_mentions SET data = json_replace(unpacked(data),"
                " '$.provenance.sentence', ?) WHERE entity_id = ? AND position = ?",
                (sentence, entity_id, position),
            )
        kinds = db.execute("SELECT DISTINCT typeof(data) FROM entity_mentions").fetchall()
        nulls = db.execute(
            "SELECT COUNT(*) FROM entity_mentions"
            " WHERE json_type(data, '$.provenance.sentence') = 'null'"
        ).fetchone()[0]
    assert kinds == [("text",)] and nulls == 0  # every row holds its sentence, as before
    with Store(path) as store:
        assert _entity_pages(store) == expected
    assert any(page and page[1] > 1 for page in expected.values())


def test_a_mention_whose_sentence_is_not_its_span_keeps_it(demo_build, tmp_path: Path) -> None:
    out, _ = demo_build
    path = _copy_of(out / "storyline.db", tmp_path / "store.db")
    with Store(path) as store:
        entity = store.corpus("entity", Entity)[0]
        odd = entity.mentions[0].model_copy(deep=True)
        odd.provenance.sentence = "A sentence this document does not hold."
        changed = entity.model_copy(update={"mentions": [odd, *entity.mentions[1:]]})
        store.db.execute(
            "UPDATE corpus_items SET data = ? WHERE kind = 'entity' AND id = ?",
            (packed(changed.model_dump_json()), entity.id),
        )
        store.db.execute("DELETE FROM listing_state")
        store.ensure_listing()
        sliced = store.entity_slice(entity.id, 1000)
        assert sliced is not None
        assert Entity.model_validate_json(sliced[0]).mentions == changed.mentions
