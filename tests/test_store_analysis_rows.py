"""An analysis's rows made apart from the store (``store.analysis_rows``, in a worker) store
exactly what ``save_analyses`` stores, and an engine's batch is those rows."""

from __future__ import annotations

import pickle

from storyline.models import Document, DocumentAnalysis
from storyline.pipeline.analyse import analyse_documents
from storyline.pipeline.engines import analyse_batch
from storyline.store import Store
from storyline.store.analysis_rows import analysis_rows

#: Columns that hold the clock, not the content.
_CLOCK = {"added_at"}


def _tables(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table (a virtual table through its shadow tables), in rowid or key
    order, the clock's columns left out."""
    tables = store.db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name"
    ).fetchall()
    dumped: dict[str, list[tuple]] = {}
    for name, sql in tables:
        if sql.upper().startswith("CREATE VIRTUAL TABLE"):
            continue
        columns = [row[1] for row in store.db.execute(f"PRAGMA table_info('{name}')")]
        kept = ", ".join(f'"{c}"' for c in columns if c not in _CLOCK)
        order = "" if "WITHOUT ROWID" in sql.upper() else " ORDER BY rowid"
        dumped[name] = store.db.execute(f"SELECT {kept} FROM '{name}'{order}").fetchall()
    return dumped


def _edited(analyses: list[DocumentAnalysis]) -> list[DocumentAnalysis]:
    """The analyses with one sentence that is not its span of the clean text (its row keeps
    its text) and one analysis saved a second time, changed."""
    first = analyses[0]
    odd = first.sentences[0].model_copy(update={"text": "Not the text at this span."})
    changed = first.model_copy(update={"sentences": [odd, *first.sentences[1:]]})
    again = analyses[1].model_copy(update={"version": "again", "figures": []})
    return [changed, *analyses[1:], again]


def test_rows_made_apart_store_what_save_analyses_stores(demo_stored) -> None:
    documents, analyses, _ = demo_stored
    saved = _edited(sorted(analyses, key=lambda a: a.doc_id, reverse=True))
    texts = {d.id: d.text for d in documents}
    assert any(a.figures for a in saved) and any(a.timexes for a in saved)
    with Store() as by_analyses, Store() as by_rows:
        by_analyses.add_documents(documents)
        by_rows.add_documents(documents)
        by_analyses.save_analyses(saved[:3])
        by_analyses.save_analyses(saved[3:])
        by_rows.save_analysis_rows([analysis_rows(a, texts[a.doc_id]) for a in saved[:3]])
        by_rows.save_analysis_rows([analysis_rows(a, texts[a.doc_id]) for a in saved[3:]])
        expected = _tables(by_analyses)
        assert expected["analyses"] and expected["sentence_spans"] and expected["figures"]
        assert any(row[-1] is not None for row in expected["sentence_spans"])  # the odd sentence
        assert _tables(by_rows) == expected
        assert by_rows.analyses() == by_analyses.analyses()


def test_an_engine_batch_is_its_analyses_rows(sample_documents: dict[str, Document]) -> None:
    documents = list(sample_documents.values())
    batch = analyse_batch(documents)
    analyses = list(analyse_documents(documents))
    assert batch == [analysis_rows(a, d.text) for d, a in zip(documents, analyses, strict=True)]
    assert [rows.doc_id for rows in batch] == [d.id for d in documents]
    assert pickle.loads(pickle.dumps(batch)) == batch  # what a worker process sends back
