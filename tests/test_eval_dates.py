"""The htmldate-format reader and its scoring (``storyline eval dates``)."""

from __future__ import annotations

import gzip
import json
import math
from pathlib import Path

import pytest

from storyline.evaluation.htmldate_set import (
    classify,
    evaluate,
    normalise_gold_date,
    read_gold,
    scores,
)
from storyline.evaluation.pages import read_page_bytes

BODY = (
    "<p>The city council voted on Tuesday to extend the night bus service to the northern "
    "suburbs, after a year of complaints from shift workers who had no way home.</p>"
    "<p>The mayor said the extension would cost about two million a year and would be paid for "
    "from the parking budget. Opposition members called the plan rushed but voted for it.</p>"
    "<p>Services start next month and will run every half hour between midnight and five.</p>"
)


def page(head: str = "", body: str = BODY) -> str:
    return f"<html><head><title>Night buses</title>{head}</head><body><article>{body}</article>"
    "</body></html>"


DATED = page('<meta property="article:published_time" content="2020-06-07T08:00:00+00:00">')


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (math.nan, None),
        ("NaN", None),
        ("nan", None),
        ("", None),
        ("null", None),
        (3.5, None),  # a number that is not a date: nothing to find
        ("2020-06-07", "2020-06-07"),
        ("2020-06-07T10:00:00", "2020-06-07"),
        (" 2020-06-07 ", "2020-06-07"),
    ],
)
def test_normalise_gold_date(value, expected):
    assert normalise_gold_date(value) == expected


def test_unreadable_gold_date_is_an_error():
    with pytest.raises(ValueError, match="unreadable"):
        normalise_gold_date("June 7")


@pytest.mark.parametrize(
    ("predicted", "gold", "outcome"),
    [
        ("2020-06-07", "2020-06-07", "tp"),
        (None, None, "tn"),
        (None, "2020-06-07", "fn"),
        ("2020-06-08", "2020-06-07", "fp"),  # wrong date
        ("2020-06-07", None, "fp"),  # a date where none is expected
    ],
)
def test_classify(predicted, gold, outcome):
    assert classify(predicted, gold) == outcome


def test_scores_follow_htmldate_definitions():
    s = scores(["tp"] * 6 + ["tn"] * 1 + ["fp"] * 2 + ["fn"] * 1)
    assert (s["tp"], s["tn"], s["fp"], s["fn"]) == (6, 1, 2, 1)
    assert s["precision"] == pytest.approx(6 / 8)
    assert s["recall"] == pytest.approx(6 / 7)
    assert s["accuracy"] == pytest.approx(7 / 10)
    assert s["f_score"] == pytest.approx(12 / 15)


def test_scores_of_nothing_are_zero():
    assert scores([])["accuracy"] == 0.0
    assert scores(["tn"])["precision"] == 0.0


def _write_set(root: Path) -> None:
    """A tiny set in htmldate's layout, with the format's quirks."""
    pages = root / "test_set"
    pages.mkdir()
    (pages / "dated.html").write_text(DATED, "utf-8")
    (pages / "undated.html").write_text(page(), "utf-8")
    latin = page('<meta name="date" content="2019-03-02">', BODY.replace("night", "café"))
    (pages / "latin.html.gz").write_bytes(gzip.compress(latin.encode("latin-1")))
    gold = (
        '{"https://a.example/1": {"file": "dated.html", "date": "2020-06-07"},'
        ' "https://a.example/2": {"file": "undated.html", "date": NaN},'
        ' "https://a.example/3": {"file": "latin.html", "date": "2019-03-02"},'
        ' "https://a.example/4": {"file": "gone.html", "date": null},'
        ' "https://a.example/5": "not an object"}'
    )
    (root / "eval_test.json").write_text(gold, "utf-8")


def test_read_gold_handles_nan_null_and_bad_entries(tmp_path):
    _write_set(tmp_path)
    pages, folder, problems = read_gold(tmp_path)
    assert folder == tmp_path / "test_set"
    assert [(p.file, p.date) for p in pages] == [
        ("dated.html", "2020-06-07"),
        ("undated.html", None),
        ("latin.html", "2019-03-02"),
        ("gone.html", None),
    ]
    assert len(problems) == 1 and "a.example/5" in problems[0]


def test_read_gold_accepts_the_json_file_itself(tmp_path):
    _write_set(tmp_path)
    pages, folder, _ = read_gold(tmp_path / "eval_test.json")
    assert len(pages) == 4 and folder == tmp_path / "test_set"


@pytest.mark.parametrize("name", ["p.html.gz", "p.html"])
def test_read_page_gunzips_by_name_or_magic(tmp_path, name):
    (tmp_path / name).write_bytes(gzip.compress(b"<html>x</html>"))
    assert read_page_bytes(tmp_path / name) == b"<html>x</html>"


def test_read_page_leaves_plain_bytes(tmp_path):
    (tmp_path / "p.html").write_bytes(b"<html>x</html>")
    assert read_page_bytes(tmp_path / "p.html") == b"<html>x</html>"


def test_evaluate_tiny_set(tmp_path):
    _write_set(tmp_path)
    report = evaluate(tmp_path)
    assert report.task == "dates" and report.documents == 4
    main = {row[0]: row for row in report.tables[0].rows}
    ours = main["storyline (ingest + prepare)"]
    # dated and latin-1 gzip page found, undated page and missing page correctly "no date"
    assert ours[1:5] == [2, 2, 0, 0]
    assert report.headline["storyline_accuracy"] == 1.0
    assert any("page file missing" in note for note in report.notes)


def test_evaluate_on_the_dev_set_runs(eval_dir):
    report = evaluate(eval_dir / "dates", limit=4)
    assert report.documents == 4
    assert 0.0 <= report.headline["storyline_accuracy"] <= 1.0
    json.loads(report.model_dump_json())
