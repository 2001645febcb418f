"""A figure's row keeps its evidence sentence as its span of its document's text
(store/figure_spans.py, issue 18: the store on disk), and every reader of the figures puts it
back: the figures of the analyses, by id, of a group, at a sentence."""

from __future__ import annotations

import json

from storyline.models import Document, DocumentAnalysis, Figure, Provenance, Sentence
from storyline.store import Store
from storyline.store.codec import dictionary_of, unpacked
from tests.conftest import make_document

TEXT = "Exports rose 12% in May. Imports fell by $4 billion, officials said."


def _figure(doc: Document, number: str, figure_id: str, sentence: str | None = None) -> Figure:
    start = doc.text.index(number)
    first = doc.text.index(".") + 1
    sentence_start, sentence_end = (0, first) if start < first else (first + 1, len(doc.text))
    provenance = Provenance(
        doc_id=doc.id,
        start=start,
        end=start + len(number),
        sentence=sentence or doc.text[sentence_start:sentence_end],
        sentence_start=sentence_start,
        sentence_end=sentence_end,
    )
    return Figure(id=f"{doc.id}:{figure_id}", kind="percent", text=number, value=12.0,
                  measure="exports", measure_key="exports|pct", provenance=provenance)  # fmt: skip


def _stored(store: Store) -> tuple[Document, list[Figure]]:
    doc = make_document(TEXT, "a")
    store.add_documents([doc])
    figures = [
        _figure(doc, "12%", "f1"),
        _figure(doc, "$4 billion", "f2"),
        _figure(doc, "12%", "f3", sentence="A sentence “quoted” \\ otherwise.\n"),  # not its span
    ]
    sentences = [
        Sentence(doc_id="a", index=0, start=0, end=24, text=TEXT[:24]),
        Sentence(doc_id="a", index=1, start=25, end=len(TEXT), text=TEXT[25:]),
    ]
    store.save_analyses(
        [DocumentAnalysis(doc_id="a", version="1", sentences=sentences, figures=figures)]
    )
    return doc, figures


def test_a_figure_s_sentence_is_kept_as_its_span_and_every_reader_puts_it_back() -> None:
    """Fails on main: every row held its sentence (``figure`` dictionary)."""
    with Store(":memory:") as store:
        _, figures = _stored(store)
        rows = store.db.execute("SELECT id, data FROM figures ORDER BY rowid").fetchall()
        assert [dictionary_of(data) for _, data in rows] == ["figure-span"] * 2 + ["figure"]
        assert [json.loads(unpacked(d))["provenance"]["sentence"] for _, d in rows][:2] == [
            None,
            None,
        ]
        ids = [f.id for f in figures]
        assert list(store.analysis_figures()) == figures
        assert store.figures(ids) == {f.id: f.model_dump_json() for f in figures}
        assert store.figures_by_id(ids) == {f.id: f for f in figures}
        told = store.told_at([("a", 0), ("a", 25)])
        assert told["a"].figures == figures


def test_a_revised_document_s_figures_keep_the_sentences_of_its_old_text() -> None:
    """A document whose clean text a pile stage revises keeps its figures until it is analysed
    again: they are written out whole first, so they read as they did."""
    with Store(":memory:") as store:
        doc, figures = _stored(store)
        revised = doc.model_copy(update={"text": "Entirely other words now. " + TEXT})
        assert store.revise_documents([revised]) == 1
        assert store.figures([f.id for f in figures]) == {
            f.id: f.model_dump_json() for f in figures
        }
        kinds = {dictionary_of(d) for (d,) in store.db.execute("SELECT data FROM figures")}
        assert kinds == {"figure"}
