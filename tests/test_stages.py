"""One document that breaks an extractor (or the parser) never stops a build: the failure is
recorded for that document, shown in the build summary and briefing.json, and every other
document and stage goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import storyline.pipeline.analyse as analyse_module
from storyline.cli import app
from storyline.pipeline.analyse import analyse_documents
from storyline.pipeline.build import BuildOptions, build
from storyline.store import Store
from tests.conftest import TODAY, make_document

GOOD = "Ministers met in Brussels on Tuesday and agreed a budget of $5 billion for 2025."
BAD = "The broken article says the fund held $7 billion when ministers met on Monday."


def _write_pile(folder: Path) -> Path:
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD + "\n")
    (folder / "bad.txt").write_text(BAD + "\n")
    return folder


def _figures_fail_on_bad(monkeypatch: pytest.MonkeyPatch) -> None:
    real = analyse_module.extract_figures

    def extract_figures(document, parsed, timexes):
        if "broken" in document.text:
            raise ValueError("figure parser exploded")
        return real(document, parsed, timexes)

    monkeypatch.setattr(analyse_module, "extract_figures", extract_figures)


def test_a_failing_extractor_is_recorded_and_the_build_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _figures_fail_on_bad(monkeypatch)
    pile = _write_pile(tmp_path / "in")
    report = build([str(pile)], tmp_path / "out", options=BuildOptions(today=TODAY))
    assert len(report.added) == 2
    assert [(e.doc_id, e.stage) for e in report.analysis_errors] == [("bad", "figures")]
    assert "ValueError: figure parser exploded" in report.analysis_errors[0].error
    briefing = json.loads((tmp_path / "out" / "briefing.json").read_text())
    assert [e["doc_id"] for e in briefing["analysis_errors"]] == ["bad"]
    # the good document keeps its figures; the other stages of the bad document still ran
    # (figures and time expressions are per-document records: the store keeps them)
    with Store(report.store_path) as store:
        analyses = list(store.analysis_pile().read(("timexes", "figures")))
    figure_docs = {f.provenance.doc_id for a in analyses for f in a.figures}
    assert figure_docs == {"good"}
    timexes = {a.doc_id: a.timexes for a in analyses}
    assert timexes["bad"], "timexes of the failing document were lost"


def test_the_build_summary_names_the_document_and_stage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _figures_fail_on_bad(monkeypatch)
    pile = _write_pile(tmp_path / "in")
    result = CliRunner().invoke(app, ["build", str(pile), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "1 document(s) only partly analysed" in result.output
    assert "bad: figures: ValueError: figure parser exploded" in result.output


def test_a_document_that_breaks_the_parser_leaves_the_rest_of_its_batch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    documents = [make_document(GOOD, "good"), make_document(BAD, "bad")]
    real_parse = analyse_module.parse

    def parse(texts, nlp=None, batch_size=64):
        texts = list(texts)
        if any("broken" in t for t in texts) and len(texts) > 1:
            raise ValueError("[E088] Text of length 9999999 exceeds maximum")
        yield from real_parse(texts, nlp, batch_size)

    def parse_one(text, nlp=None):
        if "broken" in text:
            raise ValueError("[E088] Text of length 9999999 exceeds maximum")
        return next(real_parse([text], nlp))

    monkeypatch.setattr(analyse_module, "parse", parse)
    monkeypatch.setattr(analyse_module, "parse_one", parse_one)
    good, bad = analyse_documents(documents)
    assert good.errors == [] and good.sentences and good.figures
    assert [e.stage for e in bad.errors] == ["parse"]
    assert bad.version == good.version  # stored as analysed: a later build does not retry it
