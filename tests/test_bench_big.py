"""``storyline bench --big``: simulated piles from cached analyses, and the measured row."""

from __future__ import annotations

import re
import time

import pytest

from storyline.bench_big import PeakWatch, _shift_dates, measure_big, simulate
from storyline.store import Store


@pytest.mark.parametrize(
    ("text", "weeks", "expected"),
    [
        ('{"date": "2024-03-20"}', 1, '{"date": "2024-03-27"}'),
        ('{"date": "2024-12-30"}', 2, '{"date": "2025-01-13"}'),
        ('{"date": "2024-03-20"}', 0, '{"date": "2024-03-20"}'),
        ('{"value": "2024-W12"}', 3, '{"value": "2024-W12"}'),  # not a day: left alone
        ('{"value": "2024-13-40"}', 1, '{"value": "2024-13-40"}'),  # not a calendar day
        ('{"id": "x-12024-03-20"}', 1, '{"id": "x-12024-03-20"}'),  # inside a longer number
    ],
)
def test_dates_move_by_whole_weeks(text: str, weeks: int, expected: str) -> None:
    assert _shift_dates(text, weeks) == expected


@pytest.fixture(scope="module")
def templates(demo_build):
    out, _ = demo_build
    with Store(out / "storyline.db") as store:
        analyses = {a.doc_id: a for a in store.analyses()}
        return [(d, analyses[d.id]) for d in store.documents()]


def test_simulated_documents_are_new_articles_with_valid_offsets(templates) -> None:
    pile = list(simulate(templates, 3 * len(templates)))
    assert len({d.id for d, _ in pile}) == len(pile) == 15
    for i, (document, analysis) in enumerate(pile):
        template, original = templates[i % len(templates)]
        weeks = i // len(templates)
        assert analysis.doc_id == document.id
        assert all(s.doc_id == document.id for s in analysis.sentences)
        assert len(document.text) == len(template.text)  # every offset still points right
        assert [s.end for s in analysis.sentences] == [s.end for s in original.sentences]
        names = re.findall(r"\b[A-Z]\w+", template.text)
        assert re.findall(r"\b[A-Z]\w+", document.text) == names  # names keep their spelling
        if weeks:
            assert document.text != template.text
            assert document.content_hash != template.content_hash
        if template.published:
            assert document.published is not None and document.published >= template.published
        assert len(analysis.events) == len(original.events)


def test_measure_big_times_every_cross_document_stage(demo_build) -> None:
    out, _ = demo_build
    row = measure_big(out / "storyline.db", 12)
    assert row["documents"] == 12 and row["templates"] == 5
    stages = row["stages"]
    assert {"corpus:entities", "corpus:stories", "corpus:summary"} <= set(stages)
    assert stages["corpus"] >= max(v for k, v in stages.items() if k != "corpus")
    assert row["peak_mb"] >= row["peak_over_base_mb"] >= 0
    assert row["cpu_seconds"] > 0
    cpu = row["stage_cpu_seconds"]
    assert [f"corpus:{k}" for k in cpu] == [k for k in stages if k != "corpus"]
    assert sum(cpu.values()) <= row["cpu_seconds"] + 0.05  # the stages' CPU is within the whole
    assert row["entities"] > 0 and row["stories"] > 0


def test_peak_watch_places_each_sample_in_the_stage_running_then() -> None:
    watch = PeakWatch()
    # stages laid end to end from 10.0: a ends at 12.0, b at 12.5, c at 15.5
    watch.samples = [(10.1, 50.0), (11.9, 80.0), (12.0, 70.0), (12.4, 90.0), (13.0, 60.0)]
    watch.samples += [(16.0, 65.0)]  # after the last stage's end (the last compaction): the last
    assert watch.by_stage(10.0, {"a": 2.0, "b": 0.5, "c": 3.0}) == {"a": 80.0, "b": 90.0, "c": 65.0}


def test_peak_watch_samples_while_its_block_runs() -> None:
    with PeakWatch(every=0.01) as watch:
        deadline = time.perf_counter() + 0.2
        while time.perf_counter() < deadline:
            pass
    assert watch.samples and all(mb > 0 for _, mb in watch.samples)
    times = [t for t, _ in watch.samples]
    assert times == sorted(times)


def test_the_big_table_names_the_peak_stage_and_fits_each_stage_cpu(monkeypatch, tmp_path) -> None:
    """``storyline bench --big`` (run_big swapped for two canned rows): each stage's CPU seconds,
    the stage that set the peak, and the fitted exponent of each stage's CPU time."""
    from typer.testing import CliRunner

    import storyline.bench_big as bench_big
    from storyline.cli.commands import app

    def row(n: int, entities: float, stories: float) -> dict[str, object]:
        return {
            "documents": n, "seconds": 9.0, "cpu_seconds": entities + stories, "peak_mb": 300,
            "peak_over_base_mb": 200, "peak_stage": "stories",
            "stages": {"corpus": 9.0, "corpus:entities": 1.0, "corpus:stories": 8.0},
            "stage_cpu_seconds": {"entities": entities, "stories": stories},
        }  # fmt: skip

    rows = [row(1000, 2.0, 3.0), row(4000, 8.0, 24.0)]  # entities linear, stories n^1.5
    monkeypatch.setattr(bench_big, "run_big", lambda sizes, eval_dir, work: rows)
    args = ["bench", "--big", "--big-sizes", "1000,4000", "--work-dir", str(tmp_path)]
    result = CliRunner().invoke(app, args, terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "peak in" in result.output and "stories" in result.output
    assert "fitted exponent of entities CPU time vs documents: 1.0" in result.output
    assert "fitted exponent of stories CPU time vs documents: 1.5" in result.output
    assert "fitted exponent of all stages' CPU time vs documents: 1.34" in result.output
