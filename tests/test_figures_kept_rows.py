"""Each document's figures kept between builds (``figures.kept_figures``): made once, made again
when its analysis or text changes, gone with a removed document, and the figures read back are
those the analyses hold (values and order), so the groups made from them are too."""

from __future__ import annotations

import pytest

from storyline.figures import kept_figures as kept_module
from storyline.figures.group import group_figures
from storyline.figures.kept_figures import kept_figures, packed_figures, unpacked_figures
from storyline.models import Document, DocumentAnalysis, Figure
from storyline.models.pile import HeldAnalyses
from tests.kept_rows import KeptRows


class _Kept(KeptRows):
    """A figure-row cache in a dict over held analyses, counting what it is given."""

    figure_rows = KeptRows.read
    save_figure_rows = KeptRows.save


@pytest.fixture
def pile(demo_stored) -> tuple[list[Document], list[DocumentAnalysis]]:
    """The demo corpus's documents and analyses, as its build stored them (id order)."""
    documents, analyses, _ = demo_stored
    return sorted(documents, key=lambda d: d.id), sorted(analyses, key=lambda a: a.doc_id)


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents whose rows were made, call by call."""
    found: list[str] = []
    real = kept_module.packed_figures

    def counting(document: Document, figures: list[Figure]) -> str:
        found.append(document.id)
        return real(document, figures)

    monkeypatch.setattr(kept_module, "packed_figures", counting)
    return found


def _clean(analyses: list[DocumentAnalysis]) -> list[Figure]:
    return [f for a in analyses for f in a.figures]


def test_kept_rows_give_the_figures_the_analyses_give(pile, made: list[str]) -> None:
    documents, analyses = pile
    kept = _Kept(analyses)
    found = kept_figures(documents, HeldAnalyses(analyses), kept)
    assert found == _clean(analyses) and len(found) > 5
    assert made == kept.saved == sorted(a.doc_id for a in analyses)
    made.clear()
    again = kept_figures(documents, HeldAnalyses(analyses), kept)
    assert again == found and made == []  # every row read back
    assert group_figures(again) == group_figures(_clean(analyses))


def test_a_changed_analysis_or_text_makes_that_document_again(pile, made: list[str]) -> None:
    documents, analyses = pile
    kept = _Kept(analyses)
    kept_figures(documents, HeldAnalyses(analyses), kept)
    made.clear()
    told = next(i for i, a in enumerate(analyses) if len(a.figures) > 1)
    analyses = list(analyses)
    analyses[told] = analyses[told].model_copy(update={"figures": analyses[told].figures[1:]})
    kept.digests[analyses[told].doc_id] = b"re-analysed"
    assert kept_figures(documents, HeldAnalyses(analyses), kept) == _clean(analyses)
    assert made == [analyses[told].doc_id]
    made.clear()
    documents = list(documents)
    at = next(i for i, d in enumerate(documents) if d.id == analyses[told].doc_id)
    documents[at] = documents[at].model_copy(update={"text": documents[at].text + " More."})
    kept_figures(documents, HeldAnalyses(analyses), kept)
    assert made == [documents[at].id]  # its sentences are read from its text


def test_a_removed_document_takes_its_figures_with_it(pile, made: list[str]) -> None:
    documents, analyses = pile
    kept = _Kept(analyses)
    kept_figures(documents, HeldAnalyses(analyses), kept)
    made.clear()
    gone = next(a.doc_id for a in analyses if a.figures)
    rest = [d for d in documents if d.id != gone]
    rest_analyses = [a for a in analyses if a.doc_id != gone]
    found = kept_figures(rest, HeldAnalyses(rest_analyses), kept)
    assert found == _clean(rest_analyses) and made == []
    assert all(f.provenance.doc_id != gone for f in found)


def test_a_row_leaves_out_only_the_sentences_its_text_holds(pile) -> None:
    documents, analyses = pile
    analysis = next(a for a in analyses if a.figures)
    document = next(d for d in documents if d.id == analysis.doc_id)
    told = analysis.figures[0]
    quoted = told.provenance.model_copy(update={"sentence": "Not its span."})
    elsewhere = told.model_copy(update={"id": told.id + ":quoted", "provenance": quoted})
    figures = [told, elsewhere]
    data = packed_figures(document, figures)
    assert told.provenance.sentence not in data and '"sentence":"Not its span."' in data
    assert unpacked_figures(document, data) == figures
    assert unpacked_figures(document, packed_figures(document, [])) == []
