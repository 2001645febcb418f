"""The htmldate-format reader and its scoring (``storyline eval dates``)."""

from __future__ import annotations

import gzip
import json
import math
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from storyline.cli import app
from storyline.evaluation.htmldate_set import (
    TODAY,
    GoldPage,
    classify,
    clock,
    evaluate,
    normalise_gold_date,
    page_path,
    read_gold,
    scores,
)
from storyline.evaluation.pages import read_page_bytes
from storyline.evaluation.splits import part_of

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
    pages, root, problems = read_gold(tmp_path)
    assert root == tmp_path
    assert page_path(root, "dated.html") == tmp_path / "test_set" / "dated.html"
    assert page_path(root, "latin.html") == tmp_path / "test_set" / "latin.html.gz"
    assert page_path(root, "gone.html") is None
    assert [(p.file, p.date) for p in pages] == [
        ("dated.html", "2020-06-07"),
        ("undated.html", None),
        ("latin.html", "2019-03-02"),
        ("gone.html", None),
    ]
    assert len(problems) == 1 and "a.example/5" in problems[0]


def test_read_gold_accepts_the_json_file_itself(tmp_path):
    _write_set(tmp_path)
    pages, root, _ = read_gold(tmp_path / "eval_test.json")
    assert len(pages) == 4 and root == tmp_path


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


def _write_htmldate_layout(root: Path) -> None:
    """htmldate's own benchmark layout: eval_default.json, pages in cache/ and eval/ beside it
    (and a MediaCloud JSON with its test_set/ in the same folder, as in htmldate's tests/)."""
    for folder in ("cache", "eval", "test_set"):
        (root / folder).mkdir()
    (root / "cache" / "blog.example.html").write_text(DATED, "utf-8")
    (root / "eval" / "news.example-undated.html").write_text(page(), "utf-8")
    later = page('<meta property="article:published_time" content="2023-10-09T06:00:00Z">')
    (root / "eval" / "news.example-2023.html").write_text(later, "utf-8")
    (root / "test_set" / "1234.html").write_text(DATED, "utf-8")
    default = {
        "https://blog.example/post": {"file": "blog.example.html", "date": "2020-06-07"},
        "https://news.example/a": {"file": "news.example-undated.html", "date": None},
        "https://news.example/b": {"file": "news.example-2023.html", "date": "2023-10-09"},
    }
    mediacloud = {
        "https://mc.example/1": {"file": "1234.html", "date": "2020-06-07"},
        "https://blog.example/post": {"file": "1234.html", "date": "2020-06-07"},
    }
    (root / "eval_default.json").write_text(json.dumps(default), "utf-8")
    (root / "eval_mediacloud_2020.json").write_text(json.dumps(mediacloud), "utf-8")


def test_htmldate_layout_pages_are_found_in_cache_and_eval(tmp_path):
    _write_htmldate_layout(tmp_path)
    pages, root, problems = read_gold(tmp_path)
    # every eval*.json of the folder is read, a URL given twice keeps its first entry
    assert [p.url for p in pages] == [
        "https://blog.example/post",
        "https://news.example/a",
        "https://news.example/b",
        "https://mc.example/1",
    ]
    assert any("given again" in p for p in problems)
    assert any("eval_default.json, eval_mediacloud_2020.json" in p for p in problems)
    found = {p.file: page_path(root, p.file) for p in pages}
    assert found["blog.example.html"] == tmp_path / "cache" / "blog.example.html"
    assert found["news.example-undated.html"] == tmp_path / "eval" / "news.example-undated.html"
    assert found["1234.html"] == tmp_path / "test_set" / "1234.html"


def test_evaluate_htmldate_layout(tmp_path):
    _write_htmldate_layout(tmp_path)
    report = evaluate(tmp_path / "eval_default.json")  # the file alone: its three pages
    assert report.documents == 3
    ours = {row[0]: row for row in report.tables[0].rows}["storyline (ingest + prepare)"]
    # a 2023 page is in range: the clock follows the newest gold date
    assert ours[1:5] == [2, 1, 0, 0]
    assert any("today=2024-01-01" in note for note in report.notes)


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (["2020-12-29", None, "2019-01-01"], date(2021, 1, 1)),
        (["2023-10-09"], date(2024, 1, 1)),
        ([None], TODAY),
        ([], TODAY),
    ],
)
def test_clock_is_new_year_after_the_newest_gold_date(dates, expected):
    assert clock(GoldPage(url=str(i), file="f", date=d) for i, d in enumerate(dates)) == expected


def test_parts_split_pages_by_url(tmp_path):
    _write_htmldate_layout(tmp_path)
    reports = {p: evaluate(tmp_path, part=p) for p in ("tuning", "check", "all")}
    assert reports["tuning"].documents + reports["check"].documents == 4
    assert reports["all"].documents == 4
    pages, _, _ = read_gold(tmp_path)
    expected = sum(part_of(p.url) == "tuning" for p in pages)
    assert reports["tuning"].documents == expected
    assert any("part: tuning" in note for note in reports["tuning"].notes)


def test_unknown_part_is_an_error(tmp_path):
    _write_set(tmp_path)
    with pytest.raises(ValueError, match="unknown part"):
        evaluate(tmp_path, part="test")


@given(st.one_of(st.none(), st.floats(allow_nan=True), st.integers(), st.text(max_size=30)))
def test_normalise_gold_date_is_iso_none_or_a_clear_error(value):
    try:
        result = normalise_gold_date(value)
    except ValueError as error:
        assert "unreadable gold date" in str(error)
        return
    assert result is None or (len(result) == 10 and result[4] == result[7] == "-")


def test_cli_names_the_part_it_scored(tmp_path):
    _write_set(tmp_path)
    result = CliRunner().invoke(app, ["eval", "dates", str(tmp_path), "--part", "check"])
    assert result.exit_code == 0, result.output
    assert "part: check" in result.output.splitlines()[0]
    as_json = CliRunner().invoke(app, ["eval", "dates", str(tmp_path), "--json"])
    assert json.loads(as_json.output)["part"] == "all"
