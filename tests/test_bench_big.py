"""``storyline bench --big``: simulated piles from cached analyses, and the measured row."""

from __future__ import annotations

import re
import time
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.bench_big import PeakWatch, measure_big, simulate
from storyline.bench_dates import shift_analysis, shift_value
from storyline.store import Store

PUBLISHED = date(2009, 12, 15)  # a template's publication day: 3 weeks later is in 2010


@pytest.mark.parametrize(
    ("value", "weeks", "reference", "expected"),
    [
        ("2024-03-20", 1, None, "2024-03-27"),
        ("2024-12-30", 2, None, "2025-01-13"),
        ("2009-12-15T18:00", 3, PUBLISHED, "2010-01-05T18:00"),  # a time keeps its clock
        ("2000-03-30TMO", 1, PUBLISHED, "2000-04-06TMO"),
        ("2015-W50", 3, None, "2015-W53"),  # 2015 has 53 ISO weeks
        ("2015-W50", 4, None, "2016-W01"),
        ("2008-W50", 3, None, "2009-W01"),  # 2008 has 52
        ("1999-W05-WE", 2, PUBLISHED, "1999-W07-WE"),
        ("2002", 3, PUBLISHED, "2003"),  # the publication day crossed into 2010: one year on
        ("2002", 2, PUBLISHED, "2002"),  # still 2009
        ("FY2019", 3, PUBLISHED, "FY2020"),
        ("2004-SU", 3, PUBLISHED, "2005-SU"),
        ("194", 3, PUBLISHED, "194"),  # the 1940s: one year on is still in them
        ("19", 3, PUBLISHED, "19"),
        ("1989-06", 3, PUBLISHED, "1989-07"),  # December → January: one month on
        ("1989-06", 1, PUBLISHED, "1989-06"),
        ("1990-Q4", 3, PUBLISHED, "1990-Q4"),  # by its first month, October → November: Q4
        ("1990-Q4", 13, PUBLISHED, "1991-Q1"),  # three months on: January
        ("1990-Q3", 3, PUBLISHED, "1990-Q3"),
        ("1989-H2", 3, PUBLISHED, "1989-H2"),
        ("1989-06", 5, None, "1989-07"),  # undated: from its own first day, June 1
        ("2013", 52, None, "2013"),  # January 1 + 364 days
        ("2013", 53, None, "2014"),
        ("XXXX-06-01", 1, None, "XXXX-06-08"),  # a partial value, in a common year
        ("XXXX-12-27", 1, None, "XXXX-01-03"),
        ("XXXX-02-29", 1, None, "XXXX-02-29"),  # no common year has it: left
        ("XXXX-10", 5, None, "XXXX-11"),
        ("XXXX-Q3", 13, None, "XXXX-Q3"),  # July 1 + 91 days: September 30
        ("XXXX-Q3", 14, None, "XXXX-Q4"),
        ("XXXX-WXX-5", 3, None, "XXXX-WXX-5"),  # a weekday stays that weekday
        ("PRESENT_REF", 3, PUBLISHED, "PRESENT_REF"),
        ("P2Y", 3, PUBLISHED, "P2Y"),
        ("2024-13-40", 1, None, "2024-13-40"),  # not a calendar day
        ("2015-W53", 1, None, "2016-W01"),  # 2015 has 53 ISO weeks
        ("2014-W53", 1, None, "2014-W53"),  # 2014 has not: left
    ],
)
def test_calendar_values_move_with_the_copy(
    value: str, weeks: int, reference: date | None, expected: str
) -> None:
    assert shift_value(value, weeks, reference) == expected


_FORMS = {  # granularity → (a value at it, the pattern every value at it matches)
    "day": (lambda d: d.isoformat(), r"\d{4}-\d\d-\d\d"),
    "week": (lambda d: "{:04d}-W{:02d}".format(*d.isocalendar()[:2]), r"\d{4}-W\d\d"),
    "month": (lambda d: f"{d:%Y-%m}", r"\d{4}-\d\d"),
    "quarter": (lambda d: f"{d.year}-Q{(d.month - 1) // 3 + 1}", r"\d{4}-Q[1-4]"),
    "year": (lambda d: f"{d.year}", r"\d{4}"),
}


@given(
    day=st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31)),
    published=st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
    weeks=st.integers(min_value=0, max_value=5000),
    form=st.sampled_from(sorted(_FORMS)),
)
def test_a_moved_value_is_a_later_value_of_the_same_granularity(
    day: date, published: date | None, weeks: int, form: str
) -> None:
    make, pattern = _FORMS[form]
    value = make(day)
    moved = shift_value(value, weeks, published)
    assert re.fullmatch(pattern, moved)
    assert moved >= value  # the same form sorts as the calendar does
    if form == "day":
        assert date.fromisoformat(moved) == day + timedelta(weeks=weeks)
    if form == "week":
        year, week = map(int, moved.split("-W"))
        date.fromisocalendar(year, week, 1)  # a real ISO week
    if form == "month":
        assert 1 <= int(moved[5:]) <= 12
    if weeks == 0:
        assert moved == value


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


def test_an_analysis_moves_its_calendar_values_and_keeps_its_offsets(templates) -> None:
    for template, analysis in templates:
        reference = date.fromisoformat(template.published) if template.published else None
        assert shift_analysis(analysis, 0, reference) is analysis
        moved = shift_analysis(analysis, 60, reference)
        assert moved.sentences == analysis.sentences and moved.mentions == analysis.mentions
        pairs = [
            (analysis.timexes, moved.timexes, ("value", "range_end")),
            (analysis.events, moved.events, ("date", "date_end")),
            (analysis.figures, moved.figures, ("period", "reported")),
        ]
        for before, after, fields in pairs:
            assert len(before) == len(after)
            for old, new in zip(before, after, strict=True):
                # the text and its offsets stay; only the calendar values move
                assert old.provenance == new.provenance
                assert old.model_dump(exclude=set(fields)) == new.model_dump(exclude=set(fields))
                for name in fields:
                    value = getattr(old, name)
                    expected = None if value is None else shift_value(value, 60, reference)
                    assert getattr(new, name) == expected
    values = [t.value for _, a in templates for t in a.timexes if t.value]
    assert any(shift_value(v, 60, None) != v for v in values)  # the demo has values that move


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
