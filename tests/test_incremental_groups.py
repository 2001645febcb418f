"""Incremental builds reach the figure groups and the corpus summary as a clean build does: a
new document that joins an existing figure group, one that changes what the corpus summary
quotes, a rewritten one and a removed one each give the view a clean build of the same
documents gives, while the figures are read from the store's table of them, not from every
stored analysis."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator
from pathlib import Path

import pytest

from storyline.briefing.compose import corpus_rows
from storyline.models import DocumentAnalysis
from storyline.pipeline.corpus import derive_corpus
from storyline.store import Store
from storyline.store.analyses import StoredAnalyses
from tests.conftest import TODAY
from tests.test_incremental import OUTPUTS, _stored_view
from tests.test_stories import COACH_1, MERGER_1, MERGER_2, QUAKE_1, QUAKE_2
from tests.test_storylines import QUAKE_3, _files

FIRST = {
    "q1": (QUAKE_1, "2023-05-02"),
    "m1": (MERGER_1, "2023-05-03"),
    "c1": (COACH_1, None),
}
LATER = {
    "q2": (QUAKE_2, "2023-05-02"),  # its three days of mourning are q1's
    "m2": (MERGER_2, "2023-05-03"),
    "q3": (QUAKE_3, "2023-08-20"),
}
#: The layers the figure stage read of every analysis before the store's table was read.
FIGURES = ("figures",)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """The layers read of every stored analysis, read by read."""
    found: list[tuple[str, ...]] = []
    real = StoredAnalyses.read

    def read(self: StoredAnalyses, layers: Collection[str]) -> Iterator[DocumentAnalysis]:
        found.append(tuple(sorted(layers)))
        return real(self, layers)

    monkeypatch.setattr(StoredAnalyses, "read", read)
    return found


def _groups_by_documents(view: dict[str, list[str]]) -> dict[tuple[str, ...], str]:
    groups = [json.loads(g) for g in view["figure-group"]]
    return {tuple(g["documents"]): g["status"] for g in groups}


def _corpus_summary(view: dict[str, list[str]]) -> list[str]:
    summaries = [json.loads(s) for s in view["summary"]]
    corpus = next(s for s in summaries if s["scope"] == "corpus")
    return [s["text"] for s in corpus["sentences"]]


def _same_outputs(one: Path, other: Path) -> None:
    for name in OUTPUTS:
        assert (one / name).read_bytes() == (other / name).read_bytes(), name
    assert _stored_view(one / "storyline.db") == _stored_view(other / "storyline.db")


def test_added_and_rewritten_documents_regroup_and_resummarise_as_a_clean_build(
    tmp_path: Path, reads: list[tuple[str, ...]]
) -> None:
    from storyline.pipeline.build import BuildOptions, build

    options = BuildOptions(today=TODAY)
    inc, first, later = (
        tmp_path / "inc",
        _files(tmp_path / "in", FIRST),
        _files(tmp_path / "in", LATER),
    )
    build(first, inc, options=options)
    assert reads and FIGURES not in reads  # the figures are read from their own table
    before = _stored_view(inc / "storyline.db")
    build(later, inc, options=options)
    after = _stored_view(inc / "storyline.db")
    was, now = _groups_by_documents(before), _groups_by_documents(after)
    assert ("q1", "q2") not in was and now[("q1", "q2")] == "corroborated"  # q2 joined q1's
    quoted = set(_corpus_summary(after)) - set(_corpus_summary(before))
    assert any("Baltic Dairy will be taken over" in s for s in quoted)  # a new report quoted
    build(first + later, tmp_path / "clean", options=options)
    _same_outputs(inc, tmp_path / "clean")

    rewritten = {**LATER, "q2": (QUAKE_2.replace("three days", "five days"), "2023-05-02")}
    inputs = _files(tmp_path / "in", rewritten)
    build(inputs, inc, options=options)
    assert FIGURES not in reads
    build(first + inputs, tmp_path / "clean-rewritten", options=options)
    _same_outputs(inc, tmp_path / "clean-rewritten")
    regrouped = _groups_by_documents(_stored_view(inc / "storyline.db"))
    assert regrouped[("q1", "q2")] == "conflicting"  # three days against five


def test_a_removed_document_leaves_the_view_a_clean_derive_gives(
    tmp_path: Path, reads: list[tuple[str, ...]]
) -> None:
    from storyline.pipeline.build import BuildOptions, build

    files = _files(tmp_path / "in", {**FIRST, **LATER})
    build(files, tmp_path / "out", options=BuildOptions(today=TODAY))
    with Store(tmp_path / "out" / "storyline.db") as store:
        documents = store.corpus_documents()
        gone = max(documents, key=lambda d: ("mourning" in d.text, d.id)).id
        store.db.execute("DELETE FROM documents WHERE id = ?", (gone,))
        documents, pile = store.corpus_documents(), store.analysis_pile()
        reads.clear()
        kept = derive_corpus(documents, pile, kept=store)
        assert FIGURES not in reads
        clean = derive_corpus(documents, pile)
        assert FIGURES in reads  # without the store, from the analyses
    assert _rows(kept) == _rows(clean)
    assert all(gone not in g.documents for g in kept.figure_groups)


def _rows(view):  # type: ignore[no-untyped-def]
    return {k: [(i, s, m.model_dump_json()) for i, s, m in v] for k, v in corpus_rows(view).items()}
