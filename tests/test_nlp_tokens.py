"""The per-parse token table, the cached text and sentence spans, the indexed sector lookup,
the gated filler scan and the united attribution cues are exact stand-ins for what they
replace: spaCy's ``Token`` properties, ``Span.text``, the linear scan of the sector phrases,
the scan of every filler phrase over the whole text and one search per cue, on real news
text."""

from __future__ import annotations

import pytest

from storyline.entities.lexicon import key_words, lexicon
from storyline.nlp import doc_text, sentence_spans, span_text
from storyline.nlp_tokens import tokens
from storyline.quality.rules import load_rules
from storyline.quality.signals import any_of
from storyline.quality.text_signals import filler_matches

#: Odd tokens on purpose: a blank line (a whitespace token), a hyphenated model number, an
#: all-capitals acronym, a title-case word, curly quotes, a contraction and a clock time.
ODD = (
    "WASHINGTON (Reuters) — The U.S. Navy's new MQ-9B drones won't fly until 22:10 IST.\n\n"
    "“We are not there yet,” said Rear Adm. John Kirby, the Pentagon's press secretary."
)

_STRINGS = {
    "text": "text",
    "lower": "lower_",
    "pos": "pos_",
    "tag": "tag_",
    "dep": "dep_",
    "lemma": "lemma_",
    "whitespace": "whitespace_",
}
_FLAGS = ("is_alpha", "is_lower", "is_upper", "is_title", "is_punct", "is_space")


def _parses(parsed_samples, nlp):
    return [doc for _, doc in parsed_samples.values()] + [nlp(ODD)]


def test_token_table_equals_the_token_properties(parsed_samples, nlp):
    for doc in _parses(parsed_samples, nlp):
        table = tokens(doc)
        for column, prop in _STRINGS.items():
            assert getattr(table, column) == [getattr(t, prop) for t in doc], column
        for flag in _FLAGS:
            assert getattr(table, flag) == [getattr(t, flag) for t in doc], flag
        assert table.head == [t.head.i for t in doc]
        assert tokens(doc) is table  # made once per parse


def test_token_table_walks_the_tree_as_spacy_does(parsed_samples, nlp):
    """Children in text order and the chain of heads up to the root, for every token."""
    for doc in _parses(parsed_samples, nlp):
        table = tokens(doc)
        assert [table.children(t.i) for t in doc] == [[c.i for c in t.children] for t in doc]
        assert [table.ancestors(t.i) for t in doc] == [[a.i for a in t.ancestors] for t in doc]


def test_token_table_sentence_bounds_are_token_sent(parsed_samples, nlp):
    """``sentence(i)`` is ``doc[i].sent``'s (start, end) for every token, also of a
    one-token text and of one that opens with a blank line (evspeed24)."""
    docs = [*_parses(parsed_samples, nlp), nlp("Hello"), nlp("\n\nOne. Two!\n\nThree")]
    sentences = 0
    for doc in docs:
        table = tokens(doc)
        found = [table.sentence(t.i) for t in doc]
        assert found == [(t.sent.start, t.sent.end) for t in doc]
        sentences += len(set(found))
    assert sentences > 100


def test_token_table_reads_heads_before_their_dependents(nlp):
    """Heads to the left are negative offsets in spaCy's array (stored unsigned)."""
    doc = nlp("The minister, who arrived on Monday, met his counterpart in Delhi.")
    heads = tokens(doc).head
    assert any(h < i for i, h in enumerate(heads))
    assert heads == [t.head.i for t in doc]


def test_cached_text_and_sentence_spans_equal_spacys(parsed_samples, nlp):
    for doc in _parses(parsed_samples, nlp):
        assert doc_text(doc) == doc.text
        expected = []
        for sent in doc.sents:
            text = sent.text
            start = sent.start_char + (len(text) - len(text.lstrip()))
            end = sent.end_char - (len(text) - len(text.rstrip()))
            if end > start:
                expected.append((start, end))
        assert list(sentence_spans(doc)) == expected


def _linear_sector(name: str) -> str | None:
    """The scan ``org_sector`` replaced: the first listed phrase found anywhere wins."""
    words = key_words(name)
    for phrase, sector in lexicon().sector_words:
        n = len(phrase)
        if any(words[i : i + n] == phrase for i in range(len(words) - n + 1)):
            return sector
    return None


@pytest.mark.parametrize(
    "name",
    [
        "Ministry of External Affairs",
        "the Foreign Ministry",
        "Reserve Bank of India",
        "People's Liberation Army Navy",
        "Indian Space Research Organisation",
        "Tata Consultancy Services",
        "Bharatiya Janata Party",
        "",
    ],
)
def test_sector_index_finds_the_first_listed_phrase(name):
    assert lexicon().org_sector(name) == _linear_sector(name)


def test_sector_index_agrees_on_every_listed_phrase_and_pair():
    """Every phrase alone and every pair of phrases in one name: where two phrases are
    found, the one listed first names the sector, as the scan in list order did."""
    phrases = [" ".join(p) for p, _ in lexicon().sector_words]
    assert phrases
    names = phrases + [f"{a} {b}" for a in phrases for b in phrases]
    assert [lexicon().org_sector(n) for n in names] == [_linear_sector(n) for n in names]


def _ungated_filler(text: str) -> list[tuple[str, float]]:
    """``filler_matches`` as it was: every phrase scanned over the whole text."""
    taken: list[tuple[int, int]] = []
    hits: list[tuple[int, str, float]] = []
    for pattern, weight in load_rules().filler:
        for m in pattern.finditer(text):
            if m.end() > m.start() and not any(m.start() < e and s < m.end() for s, e in taken):
                taken.append((m.start(), m.end()))
                hits.append((m.start(), m.group(0), weight))
    return [(phrase, weight) for _, phrase, weight in sorted(hits)]


FILLER_PROSE = (
    "In today's fast-paced world, it is important to note that floods play a crucial role. "
    "This article delves deep into the intricate tapestry of causes; the old bridge STANDS AS "
    "A TESTAMENT TO Roman engineering, and navigating the complexities of aid is hard.\n"
    "In an increasingly interconnected world, it’s worth noting that 3 of 4 towns flooded."
)


def test_gated_filler_scan_finds_what_the_full_scan_finds(sample_documents):
    texts = [d.text for d in sample_documents.values()] + [FILLER_PROSE, FILLER_PROSE.upper()]
    for text in texts:
        assert filler_matches(text) == _ungated_filler(text)
    assert len(filler_matches(FILLER_PROSE)) >= 6  # the phrases are found, not skipped


def test_span_texts_equal_spacys_span_text(parsed_samples, nlp):
    """Sentences, entities and every window of up to four tokens, plus spaCy's slice rules
    (negative and out-of-range indices, empty spans) on the odd text."""
    for doc in _parses(parsed_samples, nlp):
        table = tokens(doc)
        for span in [*doc.sents, *doc.ents]:
            assert span_text(span) == span.text
            assert table.span_text(span.start, span.end) == span.text
        for start in range(len(doc)):
            for end in range(start, min(start + 5, len(doc) + 1)):
                assert table.span_text(start, end) == doc[start:end].text
    odd = nlp(ODD)
    n = len(odd)
    for start in (-n - 3, -5, -1, 0, 3, n - 1, n, n + 4):
        for end in (-n - 3, -4, -1, 0, 2, n - 2, n, n + 4):
            assert tokens(odd).span_text(start, end) == odd[start:end].text


CUE_PROSE = (
    "In a joint statement issued on Monday, the ministers said talks would go on. A spokesman "
    "for the ministry told reporters the communiqué was ready. Press briefings, press "
    "conferences: none. The OFFICIAL FIGURES were released in an interview. Spokespersons "
    "declined; in a tweet he thanked the readout's authors. In a separate statement, nothing."
)


def test_united_cues_match_where_any_cue_matches(sample_documents):
    """``any_of``: one search per sentence finds a cue exactly where one of the cues did."""
    rules = load_rules()
    lines = [s for d in sample_documents.values() for s in d.text.split(". ")]
    lines += [*CUE_PROSE.split(". "), CUE_PROSE.upper(), "", "statement"]
    for cues in (rules.official_cues, rules.other_cues):
        united = any_of(cues)
        assert [bool(united.search(t)) for t in lines] == [
            any(c.search(t) for c in cues) for t in lines
        ]
    assert sum(bool(any_of(rules.official_cues).search(t)) for t in lines) >= 5
    assert any_of(()).search("anything") is None
