"""The ScrapingHub-format reader, its shingle scorer and the cleaner audit (``eval body``)."""

from __future__ import annotations

import gzip
import json
from collections import Counter

import pytest

from storyline.evaluation.pages import read_page_bytes
from storyline.evaluation.scrapinghub import (
    Extraction,
    GoldArticle,
    audit_removals,
    evaluate,
    normalisation_changes,
    page_file,
    read_ground_truth,
)
from storyline.evaluation.shingle_scoring import (
    aggregate,
    bootstrap_interval,
    match_counts,
    page_precision,
    page_recall,
    shingles,
    tokenize,
)
from storyline.models import Removal


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Hello, world!", ["Hello", "world"]),
        ("It's $50bn (2024).", ["It", "s", "50bn", "2024"]),
        ("naïve café — Zürich", ["naïve", "café", "Zürich"]),
        ("snake_case stays", ["snake_case", "stays"]),
        ("Москва, 28 декабря", ["Москва", "28", "декабря"]),
        ("", []),
        (None, []),
        ("... — !!!", []),
    ],
)
def test_tokenize_is_word_character_runs(text, tokens):
    assert tokenize(text) == tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a b c", {("a", "b", "c"): 1}),  # shorter than n: one short shingle
        ("a b c d", {("a", "b", "c", "d"): 1}),
        ("a b c d e", {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}),
        ("a a a a a", {("a", "a", "a", "a"): 2}),  # a multiset: repeats count
        ("", {}),
    ],
)
def test_shingles_are_a_multiset_of_4_grams(text, expected):
    assert shingles(text) == Counter(expected)


@pytest.mark.parametrize(
    ("true", "pred", "expected"),
    [
        ("one two three four five", "one two three four five", (1.0, 0.0, 0.0)),
        ("one two three four five", "", (0.0, 0.0, 1.0)),
        ("", "one two three four five", (0.0, 1.0, 0.0)),
        ("", "", (0.0, 0.0, 0.0)),
        ("a b c d", "w x y z", (0.0, 0.5, 0.5)),
        # the prediction repeats the body: the second copy is all false positives
        ("a b c d", "a b c d a b c d", (0.2, 0.8, 0.0)),
        # half the body found, nothing extra
        ("a b c d e f g", "a b c d e", (0.5, 0.0, 0.5)),
    ],
)
def test_match_counts_are_normalised_overlaps(true, pred, expected):
    assert match_counts(true, pred) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("counts", "precision", "recall"),
    [
        ((1.0, 0.0, 0.0), 1.0, 1.0),
        ((0.0, 0.0, 0.0), 1.0, 1.0),  # nothing to find and nothing found
        ((0.0, 0.0, 1.0), 0.0, 0.0),
        ((0.0, 1.0, 0.0), 0.0, 0.0),
        ((0.5, 0.25, 0.25), 2 / 3, 2 / 3),
    ],
)
def test_page_precision_and_recall(counts, precision, recall):
    assert page_precision(*counts) == pytest.approx(precision)
    assert page_recall(*counts) == pytest.approx(recall)


def test_aggregate_means_over_pages_where_defined():
    # page 2 predicted nothing: it counts for recall (0) but not for precision
    p, r, f1 = aggregate([(1.0, 0.0, 0.0), (0.0, 0.0, 1.0)])
    assert (p, r) == (1.0, 0.5)
    assert f1 == pytest.approx(2 / 3)


def test_aggregate_is_f1_of_means_not_mean_of_f1():
    p, r, f1 = aggregate([(0.5, 0.5, 0.0), (0.5, 0.0, 0.5)])
    assert (p, r) == (0.75, 0.75)
    assert f1 == pytest.approx(0.75)


def test_bootstrap_is_deterministic_and_zero_without_spread():
    pages = [(0.9, 0.1, 0.0), (0.5, 0.2, 0.3), (0.0, 0.0, 1.0)]
    assert bootstrap_interval(pages, samples=50) == bootstrap_interval(pages, samples=50)
    assert bootstrap_interval([(1.0, 0.0, 0.0)] * 5, samples=50) == (0.0, 0.0, 0.0)


def test_read_ground_truth_tolerates_missing_bodies(tmp_path):
    data = {
        "p1": {"articleBody": "Body one.", "url": "https://a.example/1"},
        "p2": {"url": "https://a.example/2"},
        "p3": "not an object",
    }
    (tmp_path / "ground-truth.json").write_text(json.dumps(data), "utf-8")
    articles, problems = read_ground_truth(tmp_path)
    assert [(a.id, a.body, a.url) for a in articles] == [
        ("p1", "Body one.", "https://a.example/1"),
        ("p2", "", "https://a.example/2"),
    ]
    assert len(problems) == 2


def test_page_file_and_gzip(tmp_path):
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "p1.html.gz").write_bytes(gzip.compress(b"<p>x</p>"))
    (tmp_path / "html" / "p2.html").write_bytes(gzip.compress(b"<p>y</p>"))  # gzip, no .gz
    assert read_page_bytes(page_file(tmp_path, "p1")) == b"<p>x</p>"
    assert read_page_bytes(page_file(tmp_path, "p2")) == b"<p>y</p>"
    assert page_file(tmp_path, "p3") is None


def _removal(text: str, rule: str, kind: str = "furniture") -> Removal:
    return Removal(text=text, kind=kind, rule=rule, start=0, end=len(text))


def test_audit_credits_rules_with_junk_and_gold_text():
    gold = GoldArticle(
        id="p", url="https://news.example/a", body="The minister resigned on Friday after weeks "
        "of pressure. Follow us on social media for the whole story of his fall."
    )  # fmt: skip
    extraction = Extraction(
        clean="The minister resigned on Friday after weeks of pressure.",
        removed=[
            _removal("Read Also: Ten best beaches to visit this summer", "teaser"),
            _removal("Follow us on social media for the whole story of his fall.", "follow"),
        ],
    )
    rules, harmful = audit_removals([(gold, extraction)])
    assert rules["furniture:teaser"].tokens_junk == 9
    assert rules["furniture:teaser"].tokens_body == 0
    assert rules["furniture:follow"].tokens_body == 12
    assert rules["furniture:follow"].domains_hurt == Counter({"news.example": 1})
    assert [h[1] for h in harmful] == ["furniture:follow"]


def test_audit_counts_a_dropped_second_copy_as_junk_only_when_gold_has_one():
    paragraph = "Officials said the bridge would reopen to traffic next spring at the earliest."
    extraction = Extraction(
        clean=paragraph, removed=[_removal(paragraph, "repeated-paragraph", "repeat")]
    )
    once = GoldArticle(id="a", url=None, body=paragraph)
    twice = GoldArticle(id="b", url=None, body=paragraph + "\n" + paragraph)
    rules, _ = audit_removals([(once, extraction)])
    assert rules["repeat:repeated-paragraph"].tokens_body == 0
    rules, _ = audit_removals([(twice, extraction)])
    assert rules["repeat:repeated-paragraph"].tokens_body == 13


def test_normalisation_changes_sees_rewritten_gold_lines():
    raw = "_Sic_ transit gloria\nA plain line stays as it is"
    changed, junk, body = normalisation_changes(raw, "_Sic_ transit gloria. A plain line")
    assert (changed, junk, body) == (1, 0, 3)
    assert normalisation_changes(raw, "nothing alike") == (1, 3, 0)


ARTICLE = (
    "The city council voted on Tuesday to extend the night bus service to the northern suburbs, "
    "after a year of complaints from shift workers who had no way home.",
    "The mayor said the extension would cost about two million a year and would be paid for "
    "from the parking budget. Opposition members called the plan rushed but voted for it.",
    "Services start next month and will run every half hour between midnight and five.",
)


def test_evaluate_tiny_benchmark(tmp_path):
    (tmp_path / "html").mkdir()
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE)
    html = (
        "<html><head><title>Night buses</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article>{paragraphs}</article><footer>Copyright 2020 Example</footer></body></html>"
    )
    (tmp_path / "html" / "a1.html.gz").write_bytes(gzip.compress(html.encode("utf-8")))
    gold = {
        "a1": {"articleBody": "\n".join(ARTICLE), "url": "https://city.example/buses"},
        "a2": {"articleBody": "A page that was never saved.", "url": "https://city.example/x"},
    }
    (tmp_path / "ground-truth.json").write_text(json.dumps(gold), "utf-8")
    report = evaluate(tmp_path)
    assert report.documents == 2
    assert [row[0] for row in report.tables[0].rows] == [
        "trafilatura (benchmark settings)",
        "trafilatura (storyline settings, before cleaner)",
        "storyline (ingest + prepare: Document.text)",
    ]
    # page a1 is found exactly; a2 has no page: recall 0 there, precision undefined
    assert report.headline["storyline_precision"] == pytest.approx(1.0)
    assert report.headline["storyline_recall"] == pytest.approx(0.5)
    assert any("no page file" in note for note in report.notes)


def test_evaluate_on_the_dev_set_runs(eval_dir):
    report = evaluate(eval_dir / "articles", limit=3)
    assert report.documents == 3
    assert 0.0 < report.headline["storyline_f1"] <= 1.0


def test_parts_split_the_pages_by_id(tmp_path):
    from storyline.evaluation.splits import part_of

    ids = [f"page{i}" for i in range(12)]
    gold = {i: {"articleBody": "Some body text of the page.", "url": None} for i in ids}
    (tmp_path / "ground-truth.json").write_text(json.dumps(gold), "utf-8")
    tuning = evaluate(tmp_path, part="tuning")
    check = evaluate(tmp_path, part="check")
    assert tuning.documents == sum(part_of(i) == "tuning" for i in ids)
    assert tuning.documents + check.documents == len(ids)
    assert any("part tuning" in note for note in tuning.notes)
    with pytest.raises(ValueError, match="unknown part"):
        evaluate(tmp_path, part="train")
