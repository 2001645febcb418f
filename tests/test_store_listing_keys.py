"""The entity listing tables keyed by integers (store/listing_schema.py, issue 18: the store on
disk): a build writes the keys, an older store's text-keyed tables are converted when opened,
and every reader of them (entities, their pages and rows, the co-named entities, the lists)
answers as before."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from storyline.models import Document, DocumentAnalysis, Entity, Mention, Provenance, Sentence
from storyline.store import Store
from storyline.store.codec import dictionary_of
from storyline.store.listing_schema import MENTION_BLOCK, MIGRATION_27, VIEW_DICTIONARIES
from storyline.store.schema import MIGRATIONS
from tests.conftest import make_document
from tests.store_rewind import undo_listing_keys

#: (limit, offset) of the entity pages read, and (type, part of a name) of the lists.
SLICES = ((1000, 0), (2, 1), (0, 0))
#: (limit, offset) of pages of 75 mentions in blocks of 32: one block or several, either end,
#: past the end, and what SQL reads for a negative limit (to the end) or offset (from 0).
PAGES = [(32, 0), (10, 28), (40, 30), (64, 0), (5, 70), (5, 80), (0, 5), (1000, 0), (-1, 33),
         (-1, 0), (3, -2), (31, 32), (33, 31)]  # fmt: skip
PREVIEWED = ("event", "figure-group", "story", "summary")
FILTERS = [(kind, name) for kind in (None, "GPE", "PERSON") for name in (None, "a", "russia")]


def _reads(store: Store) -> dict[str, Any]:
    """What every reader of the entity listing tables gives."""
    ids = [row[0] for row in store.db.execute("SELECT id FROM entity_index ORDER BY id")]
    return {
        "entities": [e.model_dump_json() for e in store.corpus("entity", Entity)],
        "view": store.db.execute(
            "SELECT id, data FROM corpus_json WHERE kind = 'entity' ORDER BY id"
        ).fetchall(),
        "items": [e.model_dump_json() for e in store.corpus_items("entity", ids, Entity)],
        "item": [store.corpus_item("entity", i, Entity) for i in ids],
        "page": [e.model_dump_json() for e in store.corpus_page("entity", Entity, 7, 2)],
        "pages": [store.entity_slice(i, n, skip) for i in ids for n, skip in SLICES],
        "rows": store.entity_rows(ids),
        "names": store.entity_names(ids),
        "listed": [store.entity_ids(kind, name, 5, 1) for kind, name in FILTERS],
        "co_entities": [store.co_entities(i) for i in ids],
        "events_of": [store.events_of_entity(i, 3) for i in ids],
        "facets": store.timeline_facets(10),
        "view_rows": store.db.execute(
            "SELECT kind, id, data FROM corpus_json WHERE kind != 'entity' ORDER BY 1, 2"
        ).fetchall(),
        "previews": {k: store.item_previews(k, store.corpus_page_ids(k, 999)) for k in PREVIEWED},
    }


def _dictionaries(store: Store) -> set[tuple[str, str, str | None]]:
    """(table, kind, dictionary) of every row of the stored view and its previews."""
    return {
        (table, kind, dictionary_of(data) if isinstance(data, bytes) else "text")
        for table in ("corpus_items", "item_previews")
        for kind, data in store.db.execute(f"SELECT kind, data FROM {table}")
    }


def test_a_build_keys_the_entity_tables_by_integers(demo_build) -> None:
    """Fails before migration 27: the keys were the entity id and the document id as text, the
    index kept each entity's row a second time, and the view's small rows had no dictionary."""
    with Store(demo_build[0] / "storyline.db") as store:
        db = store.db
        kinds = db.execute(
            "SELECT DISTINCT typeof(entity_key), typeof(sentence) FROM entity_sentences"
            " UNION ALL SELECT DISTINCT typeof(entity_key), typeof(block) FROM entity_mentions"
        ).fetchall()
        assert kinds == [("integer", "integer"), ("integer", "integer")]
        unmatched = db.execute(
            "SELECT COUNT(*) FROM entity_sentences e LEFT JOIN sentences s"
            " ON s.rowid = e.sentence WHERE s.rowid IS NULL"
        ).fetchone()[0]
        assert unmatched == 0  # every sentence a build names is one the index holds
        columns = [row[1] for row in db.execute("PRAGMA table_info(entity_index)")]
        assert "row" not in columns  # an entity's row is read from the stored view alone
        assert not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'doc_rank_rank'").fetchall()
        primed = {(t, k, d) for t, k, d in _dictionaries(store) if k in VIEW_DICTIONARIES}
        assert primed == {
            ("corpus_items", "event", "event"),
            ("corpus_items", "figure-group", "figure-group"),
            ("corpus_items", "quality", "quality"),
            ("corpus_items", "timeline", "event"),
            ("item_previews", "event", "event"),
            ("item_previews", "figure-group", "figure-group"),
        }  # every row of those kinds deflated with its kind's dictionary
        rows = store.entity_rows(sorted(e.id for e in store.corpus("entity", Entity)))
        assert rows and all('"mentions"' not in row for row in rows)


def test_an_older_store_s_text_keys_are_converted_in_place_and_read_the_same(
    demo_build, tmp_path: Path
) -> None:
    path = tmp_path / "s.db"
    shutil.copy(demo_build[0] / "storyline.db", path)
    with Store(path) as store:
        expected = _reads(store)
        dictionaries = _dictionaries(store)
        undo_listing_keys(store.db)  # as a store before migration 27 kept them
        assert {d for _, _, d in _dictionaries(store)} == {None}
        store.db.execute(f"PRAGMA user_version = {MIGRATIONS.index(MIGRATION_27)}")
    with Store(path) as store:
        assert _dictionaries(store) == dictionaries
        columns = [row[1] for row in store.db.execute("PRAGMA table_info(entity_sentences)")]
        assert columns == ["entity_key", "sentence"]
        assert _reads(store) == expected
        store.db.execute("DELETE FROM listing_state")  # the indexes rebuilt by this version
        store.ensure_listing()
        assert _reads(store) == expected
    assert expected["co_entities"] and any(expected["co_entities"])
    assert any(page and page[1] > 2 for page in expected["pages"])


def _two_documents(store: Store) -> list[Document]:
    docs = [
        make_document("Ministers from Geneva and Berlin met. Talks went on late.", "a"),
        make_document("Geneva hosted the talks. Berlin sent two envoys there.", "b"),
    ]
    store.add_documents(docs)
    first = [(d, d.text.index(".") + 1) for d in docs]  # only the first sentence is stored
    store.save_analyses(
        [
            DocumentAnalysis(
                doc_id=d.id,
                version="1",
                sentences=[Sentence(doc_id=d.id, index=0, start=0, end=end, text=d.text[:end])],
            )
            for d, end in first
        ]
    )
    return docs


def _mention(doc: Document, name: str, sentence_start: int) -> Mention:
    start = doc.text.index(name)
    end = doc.text.index(".", start) + 1
    provenance = Provenance(
        doc_id=doc.id,
        start=start,
        end=start + len(name),
        sentence=doc.text[sentence_start:end],
        sentence_start=sentence_start,
        sentence_end=end,
    )
    return Mention(text=name, label="GPE", model_label="GPE", provenance=provenance)


def test_a_sentence_the_index_lacks_still_counts_its_entities_together() -> None:
    """A mention whose sentence is not one the sentence index holds (here the second sentence of
    each document, not stored) gets a key of its own, shared by the same (document, start)
    only, so the co-named entities count it as the text keys did."""
    with Store(":memory:") as store:
        a, b = _two_documents(store)
        second = b.text.index("Berlin")
        entities = [
            Entity(id="gpe:Geneva", name="Geneva", type="GPE", mention_count=2,
                   documents=["a", "b"], mentions=[_mention(a, "Geneva", 0),
                                                   _mention(b, "Geneva", 0)]),
            Entity(id="gpe:Berlin", name="Berlin", type="GPE", mention_count=2,
                   documents=["a", "b"], mentions=[_mention(a, "Berlin", 0),
                                                   _mention(b, "Berlin", second)]),
            Entity(id="gpe:Bern", name="Bern", type="GPE", mention_count=1,
                   documents=["b"], mentions=[_mention(b, "envoys", second)]),
        ]  # fmt: skip
        store.replace_corpus({"entity": [(e.id, e.name, e) for e in entities]})
        keys = [k for (k,) in store.db.execute("SELECT sentence FROM entity_sentences")]
        assert sorted(k < 0 for k in keys) == [False] * 3 + [True] * 2
        assert store.co_entities("gpe:Geneva") == {"gpe:Berlin": (1, 0)}
        assert store.co_entities("gpe:Berlin") == {"gpe:Geneva": (1, 0), "gpe:Bern": (1, 0)}
        assert store.co_entities("gpe:Bern") == {"gpe:Berlin": (1, 0)}
        assert store.corpus("entity", Entity) == sorted(entities, key=lambda e: e.name)


def test_an_entity_s_mentions_read_the_same_across_blocks() -> None:
    """Fails on one row a mention: 75 mentions are kept in three blocks
    (``MENTION_BLOCK``), and every page of them, one block or several, at either end, or past
    the end, reads as SQL's ``LIMIT ? OFFSET ?`` over the mentions read."""
    with Store(":memory:") as store:
        a, b = _two_documents(store)
        mentions = [_mention(doc, "Geneva", 0) for _ in range(38) for doc in (a, b)][:75]
        entity = Entity(id="gpe:Geneva", name="Geneva", type="GPE", mention_count=75,
                        documents=["a", "b"], mentions=mentions)  # fmt: skip
        store.replace_corpus({"entity": [(entity.id, entity.name, entity)]})
        blocks = store.db.execute("SELECT COUNT(*) FROM entity_mentions").fetchone()[0]
        assert blocks == -(-75 // MENTION_BLOCK) == 3
        assert store.corpus("entity", Entity) == [entity]
        assert store.corpus_item("entity", entity.id, Entity) == entity
        for limit, offset in PAGES:
            page = store.entity_slice(entity.id, limit, offset)
            assert page is not None and page[1] == 75
            start = max(offset, 0)
            end = None if limit < 0 else start + limit
            assert Entity.model_validate_json(page[0]).mentions == mentions[start:end]
