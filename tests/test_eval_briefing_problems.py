"""A gold document missing from an eval build says why: the build's skips and failed stages
reach the eval's notes instead of vanishing (a document lost under load was once reported only
as "not in the build")."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from storyline import BuildOptions, build
from storyline.evaluation.briefing import score
from storyline.evaluation.briefing.system import build_problems
from storyline.models import AnalysisError
from tests.test_eval_briefing import _event_gold, _system

GOOD = (
    "Russian President Vladimir Putin spoke by telephone with Prime Minister Narendra Modi on "
    "Monday, the Kremlin said. The two leaders discussed trade and energy.\n"
)


def test_a_skipped_input_and_a_failed_stage_are_each_one_line(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "good.txt").write_text(GOOD, "utf-8")
    (articles / "blank.txt").write_text("  \n\t\n", "utf-8")
    report = build([str(articles)], tmp_path / "out", options=BuildOptions())
    report.analysis_errors.append(AnalysisError(doc_id="good", stage="events", error="boom"))
    problems = build_problems(report)
    assert len(problems) == 2
    assert problems[0].endswith("blank.txt: empty file (only whitespace, no text)")
    assert problems[1] == "good: events failed (boom)"


def test_the_build_s_problems_are_in_the_eval_notes() -> None:
    system = dataclasses.replace(_system(), build_problems=["d4.html: took longer than 30 s"])
    notes = score(_event_gold(), system).notes
    assert "the build: d4.html: took longer than 30 s" in notes
    assert not any(n.startswith("the build:") for n in score(_event_gold(), _system()).notes)
