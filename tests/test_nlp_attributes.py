"""The table lookup that replaces spaCy's attribute_ruler and lemmatizer writes exactly what
they write (every token's POS, TAG, MORPH, LEMMA, and the parse and entities beside them), on
real news text and on generated text, and the stock components stay where it cannot."""

from __future__ import annotations

import importlib
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from storyline import nlp_attributes
from storyline.evaluation import meantime, timeml
from storyline.ingest.inputs import IngestOptions, read_inputs
from storyline.ingest.prepare import prepare_document
from storyline.models import RawRecord
from storyline.nlp import MODEL_PACKAGES, load_model, parse
from tests.conftest import EVAL, INDIA_WORLD, TODAY

#: Documents of each corpus compared here (every one is compared by
#: ``benchmarks/token_attributes.py --equal``; this keeps the suite quick).
PER_CORPUS = 12


def _signature(doc: Doc) -> list[tuple[object, ...]]:
    return [
        (
            t.i,
            t.text,
            t.pos_,
            t.tag_,
            str(t.morph),
            t.lemma_,
            t.dep_,
            t.head.i,
            t.ent_iob_,
            t.ent_type_,
            t.is_sent_start,
        )
        for t in doc
    ]


def _assert_same(texts: list[str]) -> int:
    fast, stock = load_model(), load_model(stock=True)
    tokens = 0
    for text, a, b in zip(texts, parse(texts, fast), parse(texts, stock), strict=True):
        assert _signature(a) == _signature(b), text[:80]
        tokens += len(a)
    return tokens


@cache
def _india_world_texts() -> list[str]:
    texts = []
    for item in read_inputs([str(INDIA_WORLD / "articles")], IngestOptions()):
        if isinstance(item, RawRecord):
            texts.append(prepare_document(item, TODAY).text)
    return texts


def test_the_lookup_replaces_the_ruler_and_lemmatizer_in_the_loaded_model() -> None:
    assert nlp_attributes.COMPONENT in load_model().pipe_names
    assert "attribute_ruler" not in load_model().pipe_names
    assert {"attribute_ruler", "lemmatizer"} <= set(load_model(stock=True).pipe_names)


@pytest.mark.parametrize("corpus", ["timeml", "meantime", "india-world"])
def test_equal_to_the_stock_pipeline_on_real_articles(corpus: str) -> None:
    if corpus == "timeml":
        texts = [d.text for d in timeml.read_corpus(EVAL / "timeml", limit=PER_CORPUS)]
    elif corpus == "meantime":
        texts = [d.text for d in meantime.read_corpus(EVAL / "meantime", limit=PER_CORPUS)[0]]
    else:
        texts = _india_world_texts()[:PER_CORPUS]
    assert len(texts) == PER_CORPUS
    assert _assert_same(texts) > 2000


def test_equal_on_the_patterns_that_read_the_parse_or_a_neighbour() -> None:
    """The ruler's contextual rules: DEP-conditioned POS and MORPH (auxiliaries, 'that' as a
    pronoun, 'it' as subject or object, an expletive's 'is'), and the two-token lemmas of
    colloquial speech ('gonna', "ain't", "let's", "y'all") as quoted in news."""
    _assert_same(
        [
            '"We\'re gonna fight this," she said. "It ain\'t over, and y\'all know it."',
            "There is a chance that it rains; there were talks, but that was it. Let's go.",
            "He did it. Did you see it? I have what I had, and you gave it to me.\n\n  Next",
            '"Gotta go," he said, "c\'mon, let\'s not wait, we got ta leave."',
        ]
    )


_WORDS = [
    "gon", "na", "got", "ta", "let", "'s", "ai", "n't", "y'", "all", "c'm", "on", "there",
    "is", "are", "was", "it", "you", "I", "me", "do", "did", "have", "had", "that", "which",
    "but", "said", "the", "Minister", "Modi", "Delhi", "talks", "on", "Monday", "4.5", "%",
    "billion", "will", "be", "not", "\n\n", "  ", ",", ".", "\"", "(", ")", "-", "’s", "’",
]  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=25), min_size=1))
def test_equal_on_generated_text(sentences: list[list[str]]) -> None:
    _assert_same([" ".join(words) for words in sentences])


def _fresh_model() -> Language:
    """A newly loaded stock pipeline (not the cached one), to change its rules safely."""
    for package in MODEL_PACKAGES:
        try:
            return importlib.import_module(package).load()
        except ImportError:
            continue
    raise AssertionError("no model")


@pytest.mark.parametrize(
    "rule",
    [
        {"patterns": [[{"LOWER": "rose", "POS": "VERB"}]], "attrs": {"LEMMA": "rise"}},
        {"patterns": [[{"LOWER": "very", "OP": "+"}]], "attrs": {"POS": "ADV"}},
        {"patterns": [[{"LOWER": "us"}]], "attrs": {"NORM": "united states"}},
    ],
    ids=["reads-pos", "quantifier", "writes-norm"],
)
def test_the_stock_components_stay_when_a_rule_is_not_local(rule: dict[str, object]) -> None:
    nlp = _fresh_model()
    assert nlp_attributes.replaceable(nlp)
    nlp.get_pipe("attribute_ruler").add_patterns([rule])
    assert not nlp_attributes.replaceable(nlp)
    assert not nlp_attributes.install(nlp)
    assert {"attribute_ruler", "lemmatizer"} <= set(nlp.pipe_names)
    assert nlp_attributes.COMPONENT not in nlp.pipe_names


def test_the_stock_components_stay_beside_a_lookup_lemmatizer() -> None:
    nlp = _fresh_model()
    nlp.replace_pipe("lemmatizer", "lemmatizer", config={"mode": "lookup"})
    assert not nlp_attributes.install(nlp)
    assert "lemmatizer" in nlp.pipe_names


def test_the_tables_start_afresh_past_their_bound_and_stay_exact(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(nlp_attributes, "MAX_ENTRIES", 5)
    component = load_model().get_pipe(nlp_attributes.COMPONENT)
    assert isinstance(component, nlp_attributes.TokenAttributes)
    component.table.clear()  # filled by earlier tests: each token below is a miss again
    component.lemmas.clear()
    _assert_same(["Prime Minister Narendra Modi met President Vladimir Putin in Moscow on Monday."])
    assert len(component.table) <= 5 and len(component.lemmas) <= 5
