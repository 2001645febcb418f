"""The timex prefilter never hides a match: every rule match contains one of the rule's
necessary pieces, and the gated scan finds exactly what the full scan finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.evaluation import timeml
from storyline.timex.prefilter import DIGIT, Gate, gate_for, necessary_pieces
from storyline.timex.rules import Rule, load_rules
from tests.conftest import EVAL

TIMEML = EVAL / "timeml"


def _rules() -> tuple[Rule, ...]:
    return load_rules()[1]


def _gate() -> Gate:
    return gate_for(tuple(rule.pattern.pattern for rule in _rules()))


def _sentences(text: str) -> list[tuple[int, int]]:
    """A crude segmentation: the gate must be exact whatever the sentence boundaries are."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]*", text)]
    return [(s, e) for s, e in spans if text[s:e].strip()] or [(0, len(text))]


def _full(text: str) -> list[list[tuple[int, int]]]:
    return [[m.span() for m in rule.pattern.finditer(text)] for rule in _rules()]


def _gated(text: str) -> list[list[tuple[int, int]]]:
    windows = _gate().windows(text, _sentences(text))
    return [
        [
            m.span()
            for start, end in ([(0, len(text))] if stretch is None else stretch)
            for m in rule.pattern.finditer(text, start, end)
        ]
        for rule, stretch in zip(_rules(), windows, strict=True)
    ]


def _holds_piece(pieces: frozenset[str], matched: str) -> bool:
    lowered = matched.lower()
    return any(re.search(r"\d", matched) if p == DIGIT else p in lowered for p in pieces)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\b(?P<unit>century)\b", frozenset({"century"})),
        (r"(?:early\s+)?\d{4}", frozenset({DIGIT})),
        (r"(?:monday|friday)s?", frozenset({"monday", "friday"})),
        (r"(?:the\s+)?quarter(?:\s+\d+)?", frozenset({"quarter"})),
        (r"(?:early)?\s*", None),  # nothing is required: scanned everywhere
        (r"[a-z]+day", frozenset({"day"})),
        (r"\w+", None),
        (r"(?:ago|\w+)", None),  # one branch requires nothing
        (r"[0-3]?[0-9]", frozenset({DIGIT})),
    ],
)
def test_necessary_pieces(pattern: str, expected: frozenset[str] | None) -> None:
    assert necessary_pieces(pattern, re.IGNORECASE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The talks ended three days ago. Nothing else was said.",
        "Officials met on Monday\n\nThe minister left early on Tuesday morning",
        "Prices rose 4% in the second quarter of 2023, the company said on Thursday.",
        "No date here at all, only words about trade and a visit.",
        "It rained.\nSince the mid-1990s the city has grown every year; by 5 p.m. it was dark.",
        "The KELVIN sign \u212a and the long \u017f in a sentence from last week.",
        "Die Gespräche am Montag, 3. März 2025, endeten ohne Einigung.",
        "",
    ],
)
def test_gated_scan_equals_full_scan(text: str) -> None:
    assert _gated(text) == _full(text)


def test_every_rule_match_holds_one_of_its_pieces() -> None:
    texts = [
        "Twenty years ago, on Christmas Day 1999, at noon; the 1980s; Q3 2024; daily; the "
        "next morning; last spring; the first half of 2020; each Monday; the day-long talks",
    ]
    gate = _gate()
    for text in texts:
        for rule, pieces in zip(_rules(), gate.pieces, strict=True):
            for m in rule.pattern.finditer(text):
                assert pieces is None or _holds_piece(pieces, m.group()), (rule.name, m.group())


WORDS = st.sampled_from(
    "the on in at of last next this ago later early mid Monday Friday March May spring "
    "quarter year years day days week weekend month hours night morning today yesterday "
    "said talks minister 2024 1999 3 15 4:30 p.m. % per cent each every annual daily "
    "Christmas noon 1990s fiscal first second half century decade . , ; \n \n\n".split(" ")
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(WORDS, max_size=40))
def test_gated_scan_equals_full_scan_on_generated_text(words: list[str]) -> None:
    text = " ".join(words)
    assert _gated(text) == _full(text)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_gated_scan_equals_full_scan_on_any_characters(text: str) -> None:
    assert _gated(text) == _full(text)


def test_gated_scan_equals_full_scan_on_the_timeml_gold_texts() -> None:
    documents = list(timeml.read_corpus(TIMEML))
    assert len(documents) > 100
    for document in documents:
        assert _gated(document.text) == _full(document.text), document.doc_id


def _flat_scan(words: list[str], text: str) -> list[tuple[int, str]]:
    """The scan the trie replaced: one alternation, longest word first, then a digit."""
    flat = re.compile("|".join([re.escape(w) for w in words] + [DIGIT]))
    found, position = [], 0
    while (m := flat.search(text, position)) is not None:
        found.append((m.start(), m.group()))
        position = m.start() + 1
    return found


def _trie_scan(text: str) -> list[tuple[int, str]]:
    scanner = _gate().lower_scanner
    assert scanner is not None  # the rules' pieces are ASCII lower case
    found, position = [], 0
    while (m := scanner.search(text, position)) is not None:
        found.append((m.start(), m.group()))
        position = m.start() + 1
    return found


def _gate_words() -> list[str]:
    words = {w for pieces in _gate().pieces if pieces for w in pieces if w != DIGIT}
    return sorted(words, key=len, reverse=True)


FRAGMENTS = st.sampled_from(
    _gate_words() + [w[:-1] for w in _gate_words()] + "x 7 - s ly , 2024 .".split(" ")
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(FRAGMENTS, max_size=30), st.sampled_from(["", " "]))
def test_trie_scanner_finds_the_longest_piece_the_flat_alternation_finds(
    fragments: list[str], joint: str
) -> None:
    """Pieces that are prefixes of others ('day', 'days'; 'current', 'currently'), pieces cut
    one character short, run together or apart: at every position the trie finds the same
    (longest) piece as the flat alternation, longest first, did."""
    text = joint.join(fragments)
    assert _trie_scan(text) == _flat_scan(_gate_words(), text)


def test_trie_scanner_agrees_on_the_timeml_gold_texts() -> None:
    words = _gate_words()
    for document in list(timeml.read_corpus(TIMEML))[:60]:
        text = document.text.lower()
        assert _trie_scan(text) == _flat_scan(words, text), document.doc_id
