"""The figures the figure stage reads from the store's table of them
(``store.analyses.analysis_figures``) are the stored analyses' figures, in the pile's order
(document id, then each analysis's order), follow an analysis saved again and go with a
removed document or a dropped analysis."""

from __future__ import annotations

from storyline.models import Document, DocumentAnalysis, Figure
from storyline.store import Store
from storyline.store.codec import dictionary_of, packed, unpacked
from storyline.store.kept_schema import MIGRATION_26
from storyline.store.schema import MIGRATIONS
from storyline.store.text_schema import MIGRATION_22
from tests.store_rewind import undo_listing_keys


def _figures(analyses: list[DocumentAnalysis]) -> list[Figure]:
    return [f for a in sorted(analyses, key=lambda a: a.doc_id) for f in a.figures]


def _stored(documents: list[Document], analyses: list[DocumentAnalysis]) -> Store:
    store = Store()
    store.add_documents(documents)
    store.save_analyses(analyses)
    return store


def test_the_figures_read_back_are_the_analyses_in_the_pile_s_order(demo_stored) -> None:
    documents, analyses, _ = demo_stored
    shuffled = sorted(analyses, key=lambda a: a.doc_id, reverse=True)  # saved out of order
    with _stored(documents, shuffled) as store:
        found = list(store.analysis_figures())
        assert found == _figures(analyses) and len({f.provenance.doc_id for f in found}) > 1
        pile = [f for a in store.analysis_pile().read(("figures",)) for f in a.figures]
        assert found == pile


def test_an_analysis_saved_again_and_a_removed_document_are_followed(demo_stored) -> None:
    documents, analyses, _ = demo_stored
    with _stored(documents, analyses) as store:
        told = next(a for a in analyses if len(a.figures) > 1)
        reordered = told.model_copy(update={"figures": told.figures[::-1][:-1], "version": "v2"})
        store.save_analyses([reordered])
        now = [reordered if a.doc_id == told.doc_id else a for a in analyses]
        assert list(store.analysis_figures()) == _figures(now)
        store.db.execute("DELETE FROM documents WHERE id = ?", (told.doc_id,))
        rest = [a for a in analyses if a.doc_id != told.doc_id]
        assert list(store.analysis_figures()) == _figures(rest)


def test_a_revised_document_s_figures_wait_for_its_new_analysis(demo_stored) -> None:
    """A pile stage that rewrites a clean text drops the document's analysis until it is
    analysed again: its old figures are not read either, as the analyses give none."""
    documents, analyses, _ = demo_stored
    with _stored(documents, analyses) as store:
        told = next(a for a in analyses if a.figures)
        document = next(d for d in documents if d.id == told.doc_id)
        assert store.revise_documents([document.model_copy(update={"text": "Rewritten."})]) == 1
        rest = [a for a in analyses if a.doc_id != told.doc_id]
        pile = [f for a in store.analysis_pile().read(("figures",)) for f in a.figures]
        assert list(store.analysis_figures()) == pile == _figures(rest)


def test_figure_rows_are_primed_with_a_dictionary_and_an_older_store_s_read_the_same(
    demo_stored, tmp_path
) -> None:
    """A figure's row is deflated with the ``figure`` dictionary (migration 22): smaller than
    deflated alone, and an older store's rows, deflated again when it is opened, read the same
    JSON through every reader."""
    documents, analyses, _ = demo_stored
    with Store(tmp_path / "s.db") as store:
        store.add_documents(documents)
        store.save_analyses(analyses)
        expected = list(store.analysis_figures())
        ids = [f.id for f in expected]
        by_id = store.figures(ids)
        undo_listing_keys(store.db)  # migration 27: its keys, and sentences as spans
        rows = store.db.execute("SELECT id, data FROM figures").fetchall()
        assert expected and all(data == packed(unpacked(data), "figure") for _, data in rows)
        assert sum(map(len, (d for _, d in rows))) < 0.8 * sum(
            len(packed(unpacked(d))) for _, d in rows
        )
        # as a store before migration 22 wrote them: deflated alone
        store.db.execute("UPDATE figures SET data = packed(unpacked(data))")
        store.db.execute("ALTER TABLE figures DROP COLUMN head")  # migration 26 adds it
        store.db.execute("DROP TABLE story_term_matrix")  # migration 25 makes it
        store.db.execute(f"PRAGMA user_version = {MIGRATIONS.index(MIGRATION_22)}")
    with Store(tmp_path / "s.db") as store:
        rows = store.db.execute("SELECT data FROM figures").fetchall()
        assert all(data == packed(unpacked(data), dictionary_of(data)) for (data,) in rows)
        assert {dictionary_of(data) for (data,) in rows} == {"figure-span"}  # migration 27
        assert list(store.analysis_figures()) == expected and store.figures(ids) == by_id


def test_the_figures_by_head_are_the_stored_rows_in_order_and_an_older_store_s_the_same(
    demo_stored, tmp_path
) -> None:
    """``figure_head_rows`` groups the stored rows by their figure's measure head (migration
    25), in ``analysis_figures``' order; a row written without a head (by an older store) reads
    the same, and opening an older store fills the column as Python splits the key."""
    documents, analyses, _ = demo_stored
    with Store(tmp_path / "s.db") as store:
        store.add_documents(documents)
        store.save_analyses(analyses)
        expected = list(store.analysis_figures())
        rows = store.figure_head_rows()
        heads = [f.measure_key.split("|")[0] for f in expected]
        assert [(h, i) for h, i, _ in rows] == [
            (h, f.id) for h, f in zip(heads, expected, strict=True)
        ]
        stored = dict(store.db.execute("SELECT id, data FROM figures").fetchall())
        assert all(data == stored[i] for _, i, data in rows)
        assert len(set(heads)) > 1 and any("|" in f.measure_key for f in expected)
        assert store.figures_by_id([expected[0].id, expected[-1].id, "gone"]) == {
            expected[0].id: expected[0],
            expected[-1].id: expected[-1],
        }
        store.db.execute("UPDATE figures SET head = NULL")
        assert store.figure_head_rows() == rows
        # as a store before migration 26: no head column
        store.db.execute("ALTER TABLE figures DROP COLUMN head")
        undo_listing_keys(store.db)  # migration 27 keys them by integers
        store.db.execute(f"PRAGMA user_version = {MIGRATIONS.index(MIGRATION_26)}")
    with Store(tmp_path / "s.db") as store:
        filled = store.db.execute("SELECT head FROM figures ORDER BY doc_id, rowid").fetchall()
        assert [h for (h,) in filled] == heads
        assert store.figure_head_rows() == rows


def test_a_store_whose_figures_are_filled_from_its_analyses_has_their_heads(
    demo_stored, tmp_path
) -> None:
    """A store that never kept a listing fills its figures from its analyses
    (``ensure_listing``): those rows carry their heads, as Python splits the key, like the rows
    a build writes."""
    documents, analyses, _ = demo_stored
    with Store(tmp_path / "s.db") as store:
        store.add_documents(documents)
        store.save_analyses(analyses)
        written = store.db.execute("SELECT id, head FROM figures ORDER BY id").fetchall()
        store.db.execute("DELETE FROM listing_state")
        store.ensure_listing()
        filled = store.db.execute("SELECT id, head FROM figures ORDER BY id").fetchall()
    assert filled == written and all(head for _, head in filled)
