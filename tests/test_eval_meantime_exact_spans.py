"""The exact-span comparison of the entity layer with the bare model, MEANTIME ``entities``."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.evaluation.meantime_entities import _Pred
from storyline.evaluation.meantime_exact_spans import (
    LAYER_RIGHT,
    SPACY_RIGHT,
    classify,
    exact_disagreements,
    text_core,
)

TEXT = "Ryanair ordered the Boeing 737s from Boeing, said the United States' Jobs."


@dataclass
class Gold:
    doc: str
    start: int
    end: int
    core: tuple[int, int]
    type: str


def _gold(words: str, kind: str, with_article: bool = False) -> Gold:
    start = TEXT.index(words)
    core = (start, start + len(words))
    return Gold("d", start - 4 if with_article else start, core[1], core, kind)


def _found(words: str, kind: str | None, start: int | None = None) -> _Pred:
    start = TEXT.index(words) if start is None else start
    return _Pred("d", start, start + len(words), kind, "", words)


def test_text_core_drops_the_article_and_the_possessive_but_keeps_a_full_stop() -> None:
    def core(text: str) -> str:
        start, end = text_core(0, text)
        return text[start:end]

    assert core("the United States'") == "United States"
    assert core("Apple Computer's") == "Apple Computer"
    assert core("U.S.") == "U.S." and core("Apple Inc.") == "Apple Inc."
    assert core("The") == "The"


def test_a_model_span_with_the_article_counts_as_exact() -> None:
    # the old scorer compared the model's raw extent with the gold core: 'the United States'
    # was wrong for the model and right for the layer, which trims the article itself
    with_article = _found("the United States'", "LOC")
    assert with_article.core == _gold("United States", "LOC").core


def test_disagreements_name_both_directions_and_their_classes() -> None:
    golds = [
        _gold("Ryanair", "ORG"),
        _gold("Boeing 737s", "PRO"),
        _gold("Jobs", "PER"),
        _gold("United States", "LOC", with_article=True),
    ]
    layer = [
        _found("Ryanair", "ORG"),
        _found("Boeing 737s", "PRO"),
        _found("United States", "LOC"),
    ]
    spacy = [
        _found("Ryanair", "PER"),
        _found("Boeing", "ORG"),
        _found("Jobs", "PER"),
        _found("the United States'", "LOC"),
    ]
    summary, listing = exact_disagreements(golds, layer, spacy, {"d": TEXT}, ["ORG", "PRO", "PER"])
    assert summary.rows == [
        [LAYER_RIGHT, "retyped", 1],
        [LAYER_RIGHT, "trimmed", 1],
        [SPACY_RIGHT, "dropped", 1],
    ]
    # rows in document order; the LOC gold is not a scored type here and is left out
    assert [row[:2] for row in listing.rows] == [
        [LAYER_RIGHT, "retyped"],
        [LAYER_RIGHT, "trimmed"],
        [SPACY_RIGHT, "dropped"],
    ]
    assert listing.rows[1][4:] == ["ORG 'Boeing'", "PRO 'Boeing 737s'"]
    assert "[Jobs]" in listing.rows[2][2] and listing.rows[2][5] == "—"


def test_classify_reads_an_extension_and_a_shift() -> None:
    gold = _gold("Boeing 737s", "PRO")
    assert classify(gold.core, "PRO", _found("the Boeing 737s from", "PRO")) == "extended"
    assert classify(gold.core, "PRO", _found("737s from", "PRO")) == "shifted"
    assert classify(gold.core, "PRO", None) == "dropped"
