"""The documents' texts are kept deflated (store/text_schema.py, issue 18: the store on disk):
a new store writes them so, an older store is converted when opened, and every reader (the
documents, their listing rows, both text indexes and their snippets, the sentences cut from
the texts, an entity's mentions) reads what it read before."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any
from zlib import adler32

from storyline.models import Entity
from storyline.store import Store
from storyline.store.codec import packed, packed_against, register
from storyline.store.documents import RAW_TEXT
from storyline.store.schema import MIGRATION_28, MIGRATIONS
from tests.conftest import make_document
from tests.store_rewind import undo_listing_keys, undo_sentence_spans

REPORT = "Flooding closed the port of Rotterdam on Monday. Dock workers went home early."
AGAIN = "Ferries sailed from Rotterdam again on Tuesday as the water went down."


def _reads(store: Store) -> dict[str, Any]:
    """What the store's readers of a text give: documents, listing rows, searches with their
    snippets, sentences, an entity's mentions with their sentences."""
    documents = store.documents()
    words = sorted({w for d in documents for w in re.findall(r"[A-Za-z]{6,}", d.text)})[:40]
    keys = [(s.doc_id, s.start) for w in words[:10] for s in store.search_sentences(f'"{w}"')]
    entities = store.corpus("entity", Entity)
    return {
        "documents": [d.model_dump() for d in documents],
        "corpus": [d.model_dump() for d in store.corpus_documents()],
        "headers": store.document_headers(),
        "rows": store.document_rows(store.document_ids()),
        "search": [store.search(w, 5) for w in words],
        "marked": [store.search_marked(w, 5) for w in words],
        "counts": [store.count_matches(w) for w in words],
        "sentences": [store.search_sentences(f'"{w}"', 20) for w in words],
        "at": store.sentences_at(keys),
        "entities": [e.model_dump() for e in entities],
        "pages": [store.entity_slice(e.id, 5, 1) for e in entities],
    }


def _as_schema_20(new: Path, old: Path) -> None:
    """A store of schema 20 holding what ``new`` holds: texts written out, both text indexes
    filled by that schema's triggers, every other table copied."""
    db = sqlite3.connect(old, isolation_level=None)
    register(db)  # document_text: ``new``'s texts are deflated
    for script in MIGRATIONS[:20]:
        db.executescript(script)
    db.execute("PRAGMA user_version = 20")
    db.execute("ATTACH DATABASE ? AS new", (str(new),))
    db.execute(
        "INSERT INTO documents SELECT rowid, id, content_hash, source, source_kind, title,"
        f" published, {RAW_TEXT}, document_text(clean_text), unpacked(data), added_at"
        " FROM new.documents"
    )
    db.execute("INSERT INTO sentences SELECT * FROM new.sentences ORDER BY rowid")
    db.execute("ALTER TABLE new.figures DROP COLUMN head")  # migration 26 adds it again
    db.execute("DROP TABLE new.story_term_matrix")  # migration 25 makes it again
    undo_listing_keys(db, "new")  # migration 27 keys them by integers again
    tables = db.execute(
        "SELECT name FROM new.sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        " AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite%'"
        " AND name NOT IN ('documents', 'sentences')"
    ).fetchall()
    for (table,) in tables:
        db.execute(f"INSERT OR REPLACE INTO main.{table} SELECT * FROM new.{table}")
    db.execute("DETACH DATABASE new")
    assert db.execute(
        "SELECT DISTINCT typeof(clean_text), typeof(data) FROM documents"
    ).fetchall() == [("text", "text")]
    db.close()


def test_an_older_store_s_texts_are_deflated_in_place_and_read_the_same(
    demo_build, tmp_path: Path
) -> None:
    new = tmp_path / "new.db"
    shutil.copy(demo_build[0] / "storyline.db", new)
    with Store(new) as store:
        expected = _reads(store)
    _as_schema_20(new, tmp_path / "old.db")
    with Store(tmp_path / "old.db") as upgraded:
        db = upgraded.db
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert db.execute(
            "SELECT DISTINCT typeof(raw_text), typeof(clean_text), typeof(data) FROM documents"
        ).fetchall() == [("blob", "blob", "blob")]
        assert _reads(upgraded) == expected
        db.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
        db.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('integrity-check')")
    assert expected["search"][0] and expected["at"] and expected["pages"]  # it read things


def test_a_new_store_keeps_its_texts_deflated_and_reads_them_back() -> None:
    page = make_document(f"Big Headline Here\n{AGAIN}\nRead Also: Ten places to visit", "p")
    plain = make_document(REPORT, "r")
    with Store(":memory:") as store:
        store.add_documents([page, plain])
        stored = store.db.execute(
            "SELECT id, raw_text, clean_text, data FROM documents ORDER BY id"
        ).fetchall()
        fields = [packed(d.model_dump_json(exclude={"raw_text", "text"}), "document")
                  for d in (page, plain)]  # fmt: skip
        assert stored == [
            ("p", packed_against(page.raw_text, page.text), packed(page.text), fields[0]),
            ("r", b"", packed(plain.text), fields[1]),  # the raw text is the clean text: once
        ]
        assert store.documents() == [page, plain]
        assert page.raw_text != page.text and page.text != plain.text
        assert [h.snippet for h in store.search("Monday")] == [
            "Flooding closed the port of Rotterdam on [Monday]. Dock workers went home … "
        ]  # 12 words, cut from the text the index read
        assert [h["lead"] for h in store.document_headers()] == [page.text, REPORT]


def test_an_older_row_written_as_text_reads_as_written() -> None:
    """A row a store wrote before (or SQL wrote) is TEXT: ``document_text`` reads it as is, so
    rows of both kinds may sit in one table."""
    with Store(":memory:") as store:
        store.add_documents([make_document(REPORT, "r"), make_document(REPORT + " Again.", "s")])
        store.db.execute(
            "UPDATE documents SET clean_text = document_text(clean_text) WHERE id = 'r'"
        )
        kinds = store.db.execute("SELECT typeof(clean_text) FROM documents ORDER BY id")
        assert kinds.fetchall() == [("text",), ("blob",)]
        assert [d.text for d in store.documents()] == [REPORT, REPORT + " Again."]
        assert [d.raw_chars for d in store.corpus_documents()] == [len(REPORT), len(REPORT) + 7]


def test_a_raw_text_is_deflated_against_its_clean_text() -> None:
    """The clean text is most of the raw text, so the raw text is deflated with it as the
    preset dictionary (``codec.packed_against``): the stream names it, holds little more than
    what cleaning removed, and reads back through every reader of the raw text."""
    furniture = "Big Headline Here\nRead Also: Ten places to visit\nShare this story"
    page = make_document(f"{REPORT} {AGAIN} {REPORT}\n{furniture}", "p")
    assert page.raw_text != page.text and page.text in page.raw_text.replace("\n", " ")
    with Store(":memory:") as store:
        store.add_documents([page])
        (raw,) = store.db.execute("SELECT raw_text FROM documents").fetchone()
        assert raw[1] & 0x20 and int.from_bytes(raw[2:6], "big") == adler32(page.text.encode())
        assert len(raw) < len(packed(furniture)) + 24 < len(packed(page.raw_text))
        assert store.documents() == [page]
        assert store.db.execute(f"SELECT {RAW_TEXT} FROM documents").fetchone() == (page.raw_text,)
        assert [d.raw_chars for d in store.corpus_documents()] == [len(page.raw_text)]
        store.revise_documents([page.model_copy(update={"text": REPORT})])  # the raw text stays
        assert [d.raw_text for d in store.documents()] == [page.raw_text]


def test_an_older_store_is_converted_by_migration_28_in_place_and_reads_the_same(
    demo_build, tmp_path: Path
) -> None:
    """Migration 28, in one transaction: the raw texts a store deflated alone are deflated
    against their clean texts, and the sentence index keys its documents by rowid behind a
    view with the table's old columns; every reader then gives what it gave."""
    path = tmp_path / "old.db"
    shutil.copy(demo_build[0] / "storyline.db", path)
    with Store(path) as store:
        expected = _reads(store)
        spans = store.db.execute("SELECT * FROM sentences ORDER BY rowid").fetchall()
        undo_sentence_spans(store.db)  # the sentence index as a table keyed by document id
        store.db.execute(
            f"UPDATE documents SET raw_text = packed({RAW_TEXT}) WHERE raw_text != X''"
        )
        store.db.execute(f"PRAGMA user_version = {MIGRATIONS.index(MIGRATION_28)}")
        alone = store.db.execute("SELECT SUM(length(raw_text)) FROM documents").fetchone()[0]
        assert _reads(store) == expected  # a raw text deflated alone reads as it did
    with Store(path) as upgraded:
        db = upgraded.db
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        kinds = db.execute(
            "SELECT raw_text = X'', substr(hex(raw_text), 3, 2) FROM documents"
        ).fetchall()
        assert (0, "BB") in kinds and set(kinds) <= {(0, "BB"), (1, "")}  # FDICT, level 6
        assert db.execute("SELECT SUM(length(raw_text)) FROM documents").fetchone()[0] < alone / 2
        assert db.execute("SELECT type FROM sqlite_master WHERE name = 'sentences'").fetchone() == (
            "view",
        )
        assert db.execute("SELECT * FROM sentences ORDER BY rowid").fetchall() == spans
        assert _reads(upgraded) == expected
        db.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
        db.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('integrity-check')")
        before = upgraded.count_sentences()
        doc_id = expected["documents"][0]["id"]
        upgraded.revise_documents(
            [upgraded.documents([doc_id])[0].model_copy(update={"text": REPORT})]
        )
        assert upgraded.count_sentences() < before  # its sentences went with its old text
        db.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('integrity-check')")
