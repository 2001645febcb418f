"""What a sentence tells, read by the sentence (``store/told.py``): each time expression is a
row of its own, written with its analysis, filled from the analyses of an older store, and
read back as it was saved."""

from __future__ import annotations

from pathlib import Path

from storyline.models import DocumentAnalysis, Figure, Provenance, Sentence, Timex
from storyline.store import Store
from storyline.store.codec import unpacked
from tests.conftest import make_document
from tests.store_rewind import undo_listing_keys

LINES = ["Trade rose 5 percent on Monday.", "Talks resume in March, officials said."]


def _analysis(store: Store, doc_id: str) -> DocumentAnalysis:
    """An analysis of a stored two-sentence article: a date and a figure in the first
    sentence, a date in the second whose evidence is not the stored sentence (a quotation's
    words, as a stage may give them)."""
    document = make_document(" ".join(LINES) + f" Filed by desk {doc_id}.", doc_id)
    store.add_documents([document])
    sentences, start = [], 0
    for index, line in enumerate(LINES):
        start = document.text.index(line, start)
        sentences.append(Sentence(doc_id=doc_id, index=index, start=start, end=start + len(line),
                                  text=line))  # fmt: skip

    def at(s: Sentence, text: str | None = None) -> Provenance:
        return Provenance(doc_id=doc_id, start=s.start, end=s.end, sentence=text or s.text,
                          sentence_start=s.start, sentence_end=s.end)  # fmt: skip

    first, second = sentences
    timexes = [
        Timex(id="t1", text="Monday", type="DATE", value="2024-03-18", anchored=True,
              rule="weekday/weekday-past-oriented", provenance=at(first)),
        Timex(id="t2", text="March", type="DATE", value="2024-03",
              rule="month/month-by-tense", provenance=at(second, "“Talks resume in March”")),
    ]  # fmt: skip
    figure = Figure(id=f"{doc_id}-f1", kind="percent", text="5 percent", value=5.0, unit="%",
                    measure="trade", measure_key="trade", provenance=at(first))  # fmt: skip
    return DocumentAnalysis(
        doc_id=doc_id, version="1", sentences=sentences, timexes=timexes, figures=[figure]
    )


def _told(store: Store, analyses: list[DocumentAnalysis]) -> dict[str, str]:
    keys = [(a.doc_id, s.start) for a in analyses for s in a.sentences]
    return {d: a.model_dump_json() for d, a in store.told_at(keys).items()}


def test_a_time_expression_s_row_leaves_out_what_the_store_holds_and_reads_back_whole() -> None:
    with Store() as store:
        analysis = _analysis(store, "a")
        store.save_analyses([analysis])
        rows = [unpacked(r[0]) for r in store.db.execute("SELECT data FROM timexes")]
        told = store.told_at([("a", s.start) for s in analysis.sentences])["a"]
        only_second = store.told_at([("a", analysis.sentences[1].start)])["a"]
    assert ['"sentence":' in row or '"doc_id":' in row for row in rows] == [False, True]
    assert '"sentence":"“Talks' in rows[1] and '"doc_id"' not in rows[1]
    assert (told.timexes, told.figures) == (analysis.timexes, analysis.figures)
    assert (only_second.timexes, only_second.figures) == (analysis.timexes[1:], [])


def test_the_rows_follow_a_saved_again_and_a_removed_document() -> None:
    with Store() as store:
        analyses = [_analysis(store, "a"), _analysis(store, "b")]
        store.save_analyses(analyses)
        store.save_analyses([analyses[0].model_copy(update={"timexes": [], "figures": []})])
        assert set(_told(store, analyses)) == {"b"}
        store.db.execute("DELETE FROM documents WHERE id = 'b'")
        assert store.db.execute("SELECT COUNT(*) FROM timexes").fetchone() == (0,)
        assert _told(store, analyses) == {}


def test_an_older_store_gets_its_rows_from_its_analyses(tmp_path: Path) -> None:
    """Migration 20 fills the rows (and each figure's sentence) from the stored analyses: what
    a question reads is what it read before."""
    with Store(tmp_path / "s.db") as store:
        analyses = [_analysis(store, "a"), _analysis(store, "b")]
        store.save_analyses(analyses)
        expected = _told(store, analyses)
        written = store.db.execute("SELECT * FROM timexes ORDER BY 1, 2, 3").fetchall()
        store.db.execute("DROP TABLE timexes")
        store.db.execute("DROP INDEX figures_sentence")
        store.db.execute("ALTER TABLE figures DROP COLUMN sentence_start")
        store.db.execute("CREATE INDEX figures_doc ON figures(doc_id)")
        # and its analyses and clean texts written out, as a store before 21 and 23 kept them
        store.db.execute(
            "UPDATE analyses SET data = packed(analysis_json(data,"
            " (SELECT d.clean_text FROM documents d WHERE d.id = analyses.doc_id)))"
        )
        store.db.execute("UPDATE documents SET clean_text = document_text(clean_text)")
        store.db.execute("ALTER TABLE figures DROP COLUMN head")  # migration 26 adds it
        undo_listing_keys(store.db)  # migration 27 keys them by integers
        store.db.execute("DROP TABLE story_term_matrix")  # migration 25 makes it
        store.db.execute("PRAGMA user_version = 19")
    with Store(tmp_path / "s.db") as store:
        filled = store.db.execute("SELECT * FROM timexes ORDER BY 1, 2, 3").fetchall()
        assert [r[:3] for r in filled] == [r[:3] for r in written]
        assert [unpacked(r[3]) for r in filled] == [unpacked(r[3]) for r in written]
        assert _told(store, analyses) == expected
    assert set(expected) == {"a", "b"}


def test_the_sentences_at_given_starts_are_read_in_one_query_in_the_order_asked() -> None:
    with Store() as store:
        analyses = [_analysis(store, "a"), _analysis(store, "b")]
        store.save_analyses(analyses)
        a, b = (analysis.sentences for analysis in analyses)
        keys = [("b", b[1].start), ("a", a[0].start), ("a", 999), ("b", b[1].start), ("b", 0)]
        statements: list[str] = []
        store.db.set_trace_callback(statements.append)
        hits = store.sentences_at(keys)
        store.db.set_trace_callback(None)
    assert [(h.doc_id, h.index, h.start, h.end, h.text, h.score) for h in hits] == [
        ("b", 1, b[1].start, b[1].end, LINES[1], 0.0),
        ("a", 0, 0, a[0].end, LINES[0], 0.0),
        ("b", 0, 0, b[0].end, LINES[0], 0.0),
    ]
    # one query for the sentences, and one for their documents' texts (cut in Python, each
    # document's text inflated once: store/span_texts.py)
    assert len(statements) == 2 and "FROM documents WHERE id IN" in statements[1]
