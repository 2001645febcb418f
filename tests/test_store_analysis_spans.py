"""An analysis is stored without the copies of its document's text (store/analysis_spans.py,
issue 18: the store on disk): its sentences that are spans of the clean text are null, put
back when read, so every reader gets the analysis it saved; an older store's analyses are
rewritten so when it is opened, their digests kept."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from storyline.models import DocumentAnalysis
from storyline.store import Store
from storyline.store.analysis_spans import analysis_json, spanned, with_spans
from storyline.store.codec import dictionary_of, packed, unpacked
from storyline.store.schema import MIGRATIONS
from storyline.store.text_schema import MIGRATION_23
from tests.store_rewind import undo_listing_keys

UNSPANNED = (
    "UPDATE analyses SET data = packed(analysis_json(data,"
    " (SELECT d.clean_text FROM documents d WHERE d.id = analyses.doc_id)))"
)


def _stored(store: Store) -> list[tuple[str, bytes, bytes]]:
    return store.db.execute(
        "SELECT a.doc_id, a.data, d.clean_text FROM analyses a JOIN documents d ON d.id = a.doc_id"
        " ORDER BY a.doc_id"
    ).fetchall()


def test_an_analysis_is_stored_without_its_sentences_and_reads_back_the_same(
    demo_stored,
) -> None:
    documents, analyses, _ = demo_stored
    with Store() as store:
        store.add_documents(documents)
        store.save_analyses(analyses)
        rows = _stored(store)
        read = store.analyses()
        layers = list(store.analysis_layers(["mentions", "sentences"]))
    assert read == analyses and len(rows) == len(analyses)
    by_id = {a.doc_id: a for a in analyses}
    for doc_id, data, clean in rows:
        full = by_id[doc_id].model_dump_json()
        assert dictionary_of(data) == "analysis" and analysis_json(data, clean) == full
        held = json.loads(unpacked(data))
        assert {s["text"] for s in held["sentences"]} == {None}
        assert {m["provenance"]["sentence"] for m in held["mentions"]} <= {None}
        assert len(data) < 0.8 * len(packed(full))
    assert [(a.mentions, a.sentences) for a in layers] == [(a.mentions, a.sentences) for a in read]


def test_a_sentence_that_is_not_its_span_is_kept_as_written() -> None:
    clean = "Ports closed. Dock workers went home."
    data = (
        '{"sentences":[{"doc_id":"d","index":0,"start":0,"end":13,"text":"Ports closed."}],'
        '"mentions":[{"text":"Dock","provenance":{"doc_id":"d","start":14,"end":18,'
        '"sentence":"Dock workers came back.","sentence_start":14,"sentence_end":37}}]}'
    )
    stored = spanned(data, clean)
    assert '"text":null' in stored and "Dock workers came back." in stored
    assert with_spans(stored, clean) == data
    # a null that no span put there would be filled on reading: such an analysis stays whole
    odd = '{"x":{"start":0,"end":5,"text":null},' + data[1:]
    assert spanned(odd, clean) is odd


def test_an_older_store_s_analyses_are_rewritten_in_place_and_keep_their_digests(
    demo_build, tmp_path: Path
) -> None:
    path = tmp_path / "s.db"
    shutil.copy(demo_build[0] / "storyline.db", path)
    with Store(path) as store:
        expected = store.analyses()
        digests = store.analysis_digests([a.doc_id for a in expected])
        store.db.execute(UNSPANNED)  # as a store before migration 23 kept them
        assert {dictionary_of(row[1]) for row in _stored(store)} == {None}
        assert store.analyses() == expected
        store.db.execute("ALTER TABLE figures DROP COLUMN head")  # migration 26 adds it
        undo_listing_keys(store.db)  # migration 27 keys them by integers
        store.db.execute("DROP TABLE story_term_matrix")  # migration 25 makes it
        store.db.execute(f"PRAGMA user_version = {MIGRATIONS.index(MIGRATION_23)}")
    with Store(path) as store:
        assert {dictionary_of(row[1]) for row in _stored(store)} == {"analysis"}
        assert store.analyses() == expected
        assert store.analysis_digests([a.doc_id for a in expected]) == digests
        assert [DocumentAnalysis.model_validate_json(analysis_json(d, c)) for _, d, c in
                _stored(store)] == expected  # fmt: skip
