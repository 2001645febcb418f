"""The store: idempotent upserts, id collisions, migrations, FTS5 search, transactions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storyline.errors import QueryError, StoreError
from storyline.models import DocumentAnalysis, Sentence
from storyline.store import Store
from storyline.store.codec import register
from storyline.store.documents import RAW_TEXT
from storyline.store.schema import MIGRATIONS
from tests.conftest import make_document

TEXT = "The central bank raised interest rates by half a point on Thursday, citing inflation."


@pytest.fixture
def store() -> Store:
    return Store(":memory:")


def test_same_text_is_stored_once(store: Store) -> None:
    doc = make_document(TEXT, "a")
    assert store.add_documents([doc]).added == ["a"]
    again = store.add_documents([doc])
    assert again.unchanged == ["a"] and not again.added
    assert store.count_documents() == 1


def test_same_normalised_text_under_another_name_is_a_duplicate(store: Store) -> None:
    store.add_documents([make_document(TEXT, "a")])
    copy = make_document(TEXT.upper().replace(",", " ,"), "b")
    result = store.add_documents([copy])
    assert result.duplicates == {"b.txt": "a"}
    assert store.document_ids() == ["a"]


def test_changed_text_from_the_same_source_updates_and_drops_stale_analysis(store: Store) -> None:
    store.add_documents([make_document(TEXT, "a")])
    store.save_analyses([DocumentAnalysis(doc_id="a", version="1")])
    result = store.add_documents([make_document(TEXT + " Markets fell.", "a")])
    assert result.updated == ["a"]
    assert store.document("a").text.endswith("Markets fell.")
    assert store.ids_needing_analysis("1") == ["a"]


def test_same_stem_from_another_source_is_kept_under_a_disambiguated_id(store: Store) -> None:
    store.add_documents([make_document(TEXT, "a")])
    other = make_document("A different article about football results on Sunday.", "a")
    other = other.model_copy(update={"source": "elsewhere/a.txt"})
    [new_id] = store.add_documents([other]).added
    assert new_id.startswith("a-") and store.count_documents() == 2


def test_document_round_trip(store: Store) -> None:
    doc = make_document(f"Big Headline Here\n{TEXT}\nRead Also: Something else entirely", "a")
    store.add_documents([doc])
    assert store.document("a") == doc


def test_a_reader_that_drops_the_documents_reads_them_uncompacted(store: Store) -> None:
    """``ask`` reads a hundred documents for one question and drops them: they are read as
    stored, without the sharing that keeps many in less memory (it cost more than parsing)."""
    docs = [make_document(TEXT, "a"), make_document(TEXT + " Markets fell.", "b")]
    store.add_documents(docs)
    kept, dropped = store.documents(["a", "b"]), store.documents(["a", "b"], compacted=False)
    assert kept == dropped == docs
    shared = kept[0].__pydantic_fields_set__
    assert kept[1].__pydantic_fields_set__ is shared
    assert all(d.__pydantic_fields_set__ is not shared for d in dropped)


def test_a_search_cuts_snippets_of_the_documents_it_keeps_only(store: Store) -> None:
    """The best documents are ranked first and only theirs are read for snippets: the same
    hits, in the same order, as one query that cut a snippet for every match."""
    # each better than those before it (shorter), so that each would enter the best five
    texts = [f"Dock workers went on strike in port {n}. " + "Talks stalled. " * (30 - n)
             for n in range(30)]  # fmt: skip
    store.add_documents([make_document(text, f"d{n:02d}") for n, text in enumerate(texts)])
    one_query = store.db.execute(
        "SELECT d.id, d.title, snippet(documents_fts, 1, '<', '>', ' … ', 16),"
        " bm25(documents_fts) AS rank FROM documents_fts JOIN documents d"
        " ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH 'strike' ORDER BY rank LIMIT 5"
    ).fetchall()
    statements: list[str] = []
    store.db.set_trace_callback(statements.append)
    hits = store.search_marked("strike", 5, ("<", ">"))
    store.db.set_trace_callback(None)
    assert [(h.doc_id, h.title, h.snippet, -h.score) for h in hits] == one_query
    assert len({h.doc_id for h in hits}) == 5 and "<strike>" in hits[0].snippet
    read_for_snippets = [s for s in statements if "'clean_text' FROM 'main'.'document_texts'" in s]
    assert len(read_for_snippets) == 5  # one per kept document, not one per match (30)
    assert [h.doc_id for h in store.search("strike", 3)] == [r[0] for r in one_query[:3]]


def test_search_and_malformed_queries(store: Store) -> None:
    store.add_documents([make_document(TEXT, "a"), make_document("Football on Sunday.", "b")])
    hits = store.search("interest rates")
    assert [h.doc_id for h in hits] == ["a"] and "[interest]" in hits[0].snippet
    assert store.search("rate*")[0].doc_id == "a"
    for bad in ('"unbalanced', "AND", "rates AND (", "", "   "):
        with pytest.raises(QueryError):
            store.search(bad)


def test_sentence_search_follows_analyses(store: Store) -> None:
    store.add_documents([make_document(TEXT, "a")])
    sentence = Sentence(doc_id="a", index=0, start=0, end=len(TEXT), text=TEXT)
    store.save_analyses([DocumentAnalysis(doc_id="a", version="1", sentences=[sentence])])
    [hit] = store.search_sentences("inflation")
    assert (hit.doc_id, hit.start, hit.end) == ("a", 0, len(TEXT))
    store.save_analyses([DocumentAnalysis(doc_id="a", version="2", sentences=[sentence])])
    assert len(store.search_sentences("inflation")) == 1  # replaced, not duplicated


def test_a_failed_batch_leaves_nothing_behind(store: Store) -> None:
    good = make_document(TEXT, "a")
    broken = make_document("Another text entirely, about trains.", "b")
    broken = broken.model_copy(update={"content_hash": None})  # violates NOT NULL at insert
    with pytest.raises(sqlite3.IntegrityError):
        store.add_documents([good, broken])
    assert store.count_documents() == 0


def test_migrations_are_recorded_and_a_newer_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="not a usable storyline store"):
        Store(path)


def _listing(store: Store) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    ids = store.document_ids()
    return store.document_headers(), store.document_rows(ids)


def test_a_store_of_the_previous_schema_lists_its_documents_the_same(tmp_path: Path) -> None:
    """Listings read a narrow row per document (migration 6): a store made before it gets
    those rows from its documents when opened, and lists exactly what it listed."""
    texts = {
        "a": TEXT,
        "b": "Flooding closed the port of Rotterdam on Monday. " * 12,
        "c": "Ministers from both countries met in Geneva to discuss a ceasefire.",
    }
    fresh = Store(tmp_path / "new.db")
    fresh.add_documents([make_document(t, i, title=f"Title {i}") for i, t in texts.items()])
    expected = _listing(fresh)
    fresh.close()
    old = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    register(old)  # document_text: the new store's texts are deflated
    for script in MIGRATIONS[:5]:
        old.executescript(script)
    old.execute("PRAGMA user_version = 5")
    old.execute("ATTACH DATABASE ? AS new", (str(tmp_path / "new.db"),))
    old.execute(  # as a store of then wrote them: both texts written out
        "INSERT INTO documents SELECT rowid, id, content_hash, source, source_kind, title,"
        f" published, {RAW_TEXT}, document_text(clean_text), unpacked(data), added_at"
        " FROM new.documents"
    )
    old.execute("DETACH DATABASE new")
    old.close()
    upgraded = Store(tmp_path / "old.db")
    assert upgraded.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert _listing(upgraded) == expected
    assert expected[1][1]["chars"] == len(texts["b"].strip())
    assert [hit.doc_id for hit in upgraded.search("Rotterdam")] == ["b"]


def test_the_listing_row_follows_a_changed_and_a_removed_document(store: Store) -> None:
    store.add_documents([make_document(TEXT, "a")])
    store.add_documents([make_document(TEXT + " Markets fell sharply.", "a")])
    [row] = store.document_rows(["a"])
    assert row["chars"] == len(store.document("a").text)
    assert [hit.doc_id for hit in store.search("sharply")] == ["a"]
    store.db.execute("DELETE FROM documents WHERE id = 'a'")
    assert store.document_rows(["a"]) == [] and store.document_headers() == []
