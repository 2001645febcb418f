"""The stored analyses' digests (what the per-document products kept between builds are keyed
by) are a column written with each analysis: naming them reads no analysis, and an older store
gets the very digests it had when it is migrated."""

from __future__ import annotations

from pathlib import Path

from storyline.models import DocumentAnalysis
from storyline.store import Store
from storyline.store.codec import stored_digest
from tests.conftest import make_document
from tests.store_rewind import undo_listing_keys


def _store(path: Path) -> Store:
    store = Store(path)
    store.add_documents(
        [
            make_document("Flood waters rose across the valley overnight.", "a"),
            make_document("The central bank held its rate at 6.5 percent.", "b"),
        ]
    )
    store.save_analyses([DocumentAnalysis(doc_id=d, version="v1") for d in ("a", "b")])
    return store


def test_a_digest_is_written_with_its_analysis_and_read_without_it(tmp_path: Path) -> None:
    with _store(tmp_path / "s.db") as store:
        digests = store.analysis_digests(["a", "b", "gone"])
        stored = dict(store.db.execute("SELECT doc_id, digest FROM analyses"))
        assert digests == {d: bytes(v) for d, v in stored.items()}
        [(version, data)] = store.db.execute("SELECT version, data FROM analyses WHERE doc_id='a'")
        assert digests["a"] == stored_digest(version, data) != digests["b"]
        # a column read: the stored analysis is not hashed again
        store.db.execute("UPDATE analyses SET data = X'00' WHERE doc_id = 'b'")
        assert store.analysis_digests(["b"]) == {"b": digests["b"]}
        store.save_analyses([DocumentAnalysis(doc_id="a", version="v2")])  # saved again
        assert store.analysis_digests(["a"])["a"] != digests["a"]


def test_an_older_store_gets_the_digests_its_kept_rows_were_keyed_by(tmp_path: Path) -> None:
    """Migration 12 fills the column with the digest a build hashed before it (the kept
    summary candidates and story rows stay valid); a row with none is hashed when read."""
    with _store(tmp_path / "s.db") as store:
        digests = store.analysis_digests(["a", "b"])
        store.db.execute("ALTER TABLE analyses DROP COLUMN digest")
        store.db.execute("DROP TABLE figure_head_groups")  # later migrations' (13–20) too
        store.db.execute("DROP TABLE named_mentions")
        store.db.execute("DROP TABLE story_summaries")
        store.db.execute("DROP TABLE resolved_events")  # 19 dropped 16's event_rows
        store.db.execute("DROP TABLE event_parts")
        store.db.execute("DROP TABLE story_records")
        store.db.execute("DROP TABLE timexes")
        store.db.execute("DROP INDEX figures_sentence")
        store.db.execute("ALTER TABLE figures DROP COLUMN sentence_start")
        store.db.execute("CREATE INDEX figures_doc ON figures(doc_id)")
        store.db.execute("ALTER TABLE figures DROP COLUMN head")  # migration 26 adds it
        undo_listing_keys(store.db)  # migration 27 keys them by integers
        store.db.execute("DROP TABLE story_term_matrix")  # migration 25 makes it
        store.db.execute("PRAGMA user_version = 11")
    with Store(tmp_path / "s.db") as store:
        assert store.analysis_digests(["a", "b"]) == digests
        store.db.execute("UPDATE analyses SET digest = NULL WHERE doc_id = 'a'")
        assert store.analysis_digests(["a", "b"]) == digests
