"""The store's deflated JSON columns (``store.codec``): what is written reads back equal, an
older store's plain-text rows read the same, and the SQL that looks inside them still does."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from storyline.models import (
    DocumentAnalysis,
    Entity,
    Event,
    FigureGroup,
    Story,
    Storyline,
    TimelineEntry,
)
from storyline.store import Store
from storyline.store.analysis_spans import analysis_json
from storyline.store.analysis_spans import register as register_spans
from storyline.store.codec import packed, register, unpacked
from storyline.store.span_texts import figure_jsons

KINDS = {
    "entity": Entity,
    "event": Event,
    "story": Story,
    "storyline": Storyline,
    "timeline": TimelineEntry,
    "figure-group": FigureGroup,
}
SENTENCE = 'Rosneft said on Tuesday that exports rose 12% to 4.5 million tonnes, "a record".'


def test_packed_text_inflates_to_the_same_text_and_plain_text_passes() -> None:
    text = '{"sentence": "' + SENTENCE + ' Moskva — Москва, 1 200 ₹"}'
    assert isinstance(packed(text), bytes)
    assert unpacked(packed(text)) == text
    assert unpacked(text) is text  # a row an older store wrote as TEXT
    with sqlite3.connect(":memory:") as db:
        register(db)
        row = db.execute(
            "SELECT unpacked(?), unpacked(?), unpacked(NULL), json_extract(unpacked(?), '$.a')",
            (packed(text), text, packed('{"a": [1, 2]}')),
        ).fetchone()
    assert row == (text, text, None, "[1,2]")


def _copy_of(store_path: Path, to: Path) -> Path:
    """The demo store copied whole (its WAL checkpointed first, so the copy holds everything)."""
    with sqlite3.connect(store_path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(store_path, to)
    return to


def _as_older_store(path: Path) -> None:
    """Rewrite the deflated columns as the store wrote them before: TEXT."""
    with sqlite3.connect(path) as db:
        register(db)
        register_spans(db)  # analysis_json: an analysis's sentences are spans (analysis_spans)
        db.execute(
            "UPDATE analyses SET data = analysis_json(data,"
            " (SELECT d.clean_text FROM documents d WHERE d.id = analyses.doc_id))"
        )
        rows = db.execute("SELECT rowid, doc_id, data FROM figures").fetchall()
        whole = figure_jsons(db, [(doc_id, data) for _, doc_id, data in rows])  # sentences in
        db.executemany(
            "UPDATE figures SET data = ? WHERE rowid = ?",
            [(text, row[0]) for row, text in zip(rows, whole, strict=True)],
        )
        for table in ("entity_mentions", "item_previews", "corpus_items"):
            db.execute(f"UPDATE {table} SET data = unpacked(data)")


def _reads(store: Store) -> dict[str, object]:
    """Everything a reader gets from the analyses and figures columns."""
    analyses = store.analyses()
    keys = [
        (a.doc_id, item.provenance.sentence_start)
        for a in analyses
        for item in [*a.timexes, *a.figures]
    ]
    figure_ids = [f.id for a in analyses for f in a.figures]
    group_ids = store.ranked_figure_group_ids(1000)
    entity_ids = [row[0] for row in store.db.execute("SELECT id FROM entity_index ORDER BY id")]
    previews = {
        kind: store.item_previews(kind, store.corpus_page_ids(kind, 1000))
        for kind in ("story", "storyline", "figure-group", "event", "summary")
    }
    event_ids = store.corpus_page_ids("event", 1000)
    return {
        "view": {
            kind: [m.model_dump_json() for m in store.corpus(kind, model)]
            for kind, model in KINDS.items()
        },
        "streamed_view": [m.model_dump_json() for m in store.iter_corpus("event", Event)],
        "pages": [m.model_dump_json() for m in store.corpus_page("entity", Entity, 7, 3)],
        "item": [store.corpus_item("event", e, Event) for e in event_ids],
        "slices": [
            store.corpus_item_slice("event", e, Event, "$.mentions", 2, 1) for e in event_ids
        ],
        "without_mentions": store.corpus_items("event", event_ids, Event, drop="$.mentions"),
        "counts": store.corpus_counts(),
        "listing": [
            store.db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in (
                "story_documents",
                "doc_rank",
                "event_actors",
                "event_documents",
                "timeline_index",
                "figure_group_index",
                "duplicate_members",
            )
        ],
        "entity_slices": [store.entity_slice(e, 3, 1) for e in entity_ids],
        "entity_sentences": store.db.execute(
            "SELECT * FROM entity_sentences ORDER BY 1, 2"
        ).fetchall(),
        "co_entities": [store.co_entities(e) for e in entity_ids],
        "previews": previews,
        "analyses": [a.model_dump_json() for a in analyses],
        "streamed": [a.model_dump_json() for a in store.iter_analyses()],
        "told_at": {d: a.model_dump_json() for d, a in store.told_at(keys).items()},
        "figures": store.figures(figure_ids),
        "group_figures": [store.group_figures(g, 5, 1) for g in group_ids],
    }


def test_a_new_store_keeps_analyses_deflated_and_reads_back_what_was_written(
    demo_build, tmp_path: Path
) -> None:
    out, _ = demo_build
    with Store(out / "storyline.db") as built:
        documents, analyses = built.documents(), built.analyses()
        listing_kinds = built.db.execute(
            "SELECT DISTINCT typeof(data) FROM entity_mentions UNION"
            " SELECT typeof(data) FROM item_previews UNION SELECT typeof(data) FROM corpus_items"
        ).fetchall()
    assert listing_kinds == [("blob",)]
    assert any(a.figures for a in analyses) and any(a.timexes for a in analyses)
    with Store(tmp_path / "new.db") as store:
        store.add_documents(documents)
        store.save_analyses(analyses)
        read = store.analyses()
        kinds = store.db.execute(
            "SELECT DISTINCT typeof(data) FROM analyses UNION SELECT typeof(data) FROM figures"
        ).fetchall()
        figures = store.figures([f.id for a in analyses for f in a.figures])
    assert kinds == [("blob",)]
    assert read == analyses
    assert [a.model_dump_json() for a in read] == [a.model_dump_json() for a in analyses]
    assert figures == {f.id: f.model_dump_json() for a in analyses for f in a.figures}


def test_an_older_store_with_plain_json_rows_reads_the_same(demo_build, tmp_path: Path) -> None:
    out, _ = demo_build
    new = _copy_of(out / "storyline.db", tmp_path / "new.db")
    old = _copy_of(out / "storyline.db", tmp_path / "old.db")
    _as_older_store(old)
    with Store(new) as store:
        expected = _reads(store)
    with Store(old) as store:
        kinds = store.db.execute(
            "SELECT DISTINCT typeof(data) FROM analyses UNION SELECT typeof(data) FROM"
            " entity_mentions UNION SELECT typeof(data) FROM item_previews"
            " UNION SELECT typeof(data) FROM corpus_items"
        ).fetchall()
        assert kinds == [("text",)]
        assert _reads(store) == expected
        store.db.execute("DELETE FROM listing_state")  # the indexes rebuilt from plain rows
        store.ensure_listing()
        assert _reads(store) == expected
    assert all(expected.values())
    assert all(expected["previews"].values())


def test_the_figures_of_a_store_before_the_figures_table_fill_from_deflated_analyses(
    demo_build, tmp_path: Path
) -> None:
    """A store whose indexes were never built fills ``figures`` from its analyses in SQL, which
    reads inside the deflated column."""
    out, _ = demo_build
    path = _copy_of(out / "storyline.db", tmp_path / "store.db")
    with Store(path) as store:
        expected = store.db.execute("SELECT id, doc_id FROM figures ORDER BY id").fetchall()
        figures = store.figures([row[0] for row in expected])
        store.db.execute("DELETE FROM listing_state")
        store.db.execute("DELETE FROM figures")
        store.ensure_listing()
        assert store.db.execute("SELECT id, doc_id FROM figures ORDER BY id").fetchall() == expected
        kinds = store.db.execute("SELECT DISTINCT typeof(data) FROM figures").fetchall()
        assert kinds == [("blob",)]
        assert store.figures([row[0] for row in expected]) == figures
    assert expected


def test_deflating_shrinks_the_analyses(demo_build) -> None:
    out, _ = demo_build
    with sqlite3.connect(out / "storyline.db") as db:
        rows = db.execute(
            "SELECT a.data, d.clean_text FROM analyses a JOIN documents d ON d.id = a.doc_id"
        ).fetchall()
    stored = sum(len(data) for data, _ in rows)
    plain = [analysis_json(data, clean) for data, clean in rows]
    assert stored < sum(len(text.encode("utf-8")) for text in plain) / 3
    assert all(isinstance(DocumentAnalysis.model_validate_json(t), DocumentAnalysis) for t in plain)


MENTION = (
    '{"text":"Rosneft","label":"ORG","model_label":"ORG","entity_id":"org:rosneft","role":null,'
    '"title":null,"alias":null,"provenance":{"doc_id":"wire-0412","start":0,"end":7,'
    '"sentence":null,"sentence_start":0,"sentence_end":81}}'
)


def test_a_small_row_primed_with_a_dictionary_names_it_and_inflates_the_same() -> None:
    primed, plain = packed(MENTION, "mention"), packed(MENTION)
    assert primed[1] & 0x20 and not plain[1] & 0x20  # zlib's FDICT flag: a dictionary named
    assert unpacked(primed) == unpacked(plain) == MENTION
    assert len(primed) < len(plain) * 0.6
    with sqlite3.connect(":memory:") as db:
        register(db)
        row = db.execute("SELECT packed(?, 'mention'), packed(NULL, 'mention')", (MENTION,))
        stored, missing = row.fetchone()
        assert unpacked(stored) == MENTION and missing is None
        assert db.execute("SELECT unpacked(?)", (stored,)).fetchone() == (MENTION,)


def test_a_built_store_primes_its_mention_rows(demo_build) -> None:
    out, _ = demo_build
    with sqlite3.connect(out / "storyline.db") as db:
        rows = [row[0] for row in db.execute("SELECT data FROM entity_mentions")]
    assert rows and all(isinstance(r, bytes) and r[1] & 0x20 for r in rows)
    assert all(unpacked(r).startswith('{"text":') for r in rows)
