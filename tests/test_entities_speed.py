"""The entity-mention extractor's shortcuts (issue 18, evspeed24) are exact stand-ins for what
they replace, on the demo corpus's news and on odd text written here: ``key_words``'s ASCII
path answers as the full decomposition, ``title_ending_at`` growing its words leftwards finds
what reading every window afresh found, and the plural-designation test reading the token
table answers as the one on every ``Token``."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.entities import labels, roles
from storyline.entities.lexicon import _APOSTROPHES, _WORD, key_words, lexicon
from storyline.entities.roles import title_ending_at, token_words
from storyline.nlp import doc_text

ODD = (
    "WASHINGTON (Reuters) — Rear Adm. John Kirby, the Pentagon`s press secretary, said "
    "Prime Minister Narendra Modi and Foreign Minister S. Jaishankar met Président Macron's "
    "envoy. Former U.S. Secretary of State Antony Blinken, Mr. Blinken's deputy and the "
    "Deputy National Security Adviser spoke; Air India ordered 18 777s and 20 A380s in the "
    "1990s. One of the A380s flew. Buyers ordered 20 A300s and kept the 500s."
)


def _full_key_words(text):
    """``key_words`` as it was: every text decomposed."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace(".", "").replace("'", "")
    return tuple(_WORD.findall(text))


def _docs(parsed_samples, nlp):
    return [doc for _, doc in parsed_samples.values()] + [nlp(ODD)]


def test_key_words_answers_as_the_full_decomposition(parsed_samples, nlp):
    """Every token text and every line of the demo corpus and of the odd text (a backtick,
    curly apostrophes, accents, dotted initials)."""
    texts = set()
    for doc in _docs(parsed_samples, nlp):
        texts |= {t.text for t in doc} | set(doc_text(doc).splitlines())
    assert any(t.isascii() for t in texts) and any(not t.isascii() for t in texts)
    assert any("`" in t for t in texts)
    for text in texts:
        assert key_words(text) == _full_key_words(text), text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aAzZ .'`’_-é\u0301ﬁİß1\n"), max_size=30))
def test_key_words_on_generated_text(text):
    key_words.cache_clear()
    assert key_words(text) == _full_key_words(text)


def _title_ending_at_windows(doc, last, lower, lex, honorifics=False):
    """``title_ending_at`` as it was: the words of every window read afresh."""
    texts = [t.text for t in doc]
    if last < lower or texts[last] in roles._SKIPPED_IN_TITLES:
        return None
    best = None
    first = last
    while first >= lower and last - first < lex.max_title_words + 2:
        if roles._breaks_title(texts[first]):
            break
        words = token_words(doc, first, last + 1)
        if len(words) > lex.max_title_words:
            break
        if words in lex.titles:
            best = (first, lex.titles[words])
        elif honorifics and words in lex.honorifics:
            best = (first, None)
        first -= 1
    return best


def test_title_ending_at_answers_as_every_window(parsed_samples, nlp):
    lex = lexicon()
    found = 0
    for doc in _docs(parsed_samples, nlp):
        for last in range(len(doc)):
            for lower in (0, max(0, last - 2)):
                for honorifics in (False, True):
                    expected = _title_ending_at_windows(doc, last, lower, lex, honorifics)
                    assert title_ending_at(doc, last, lower, lex, honorifics) == expected
                    found += expected is not None
    assert found > 20  # titles of several words are found ("Foreign Minister", "Rear Adm.")


def _plural_designation_tokens(doc, i):
    """``_plural_designation`` as it was: a ``Token`` made for every word."""
    token = doc[i]
    return (
        bool(labels._PLURAL_DESIGNATION.match(token.text))
        and not labels._DECADE.match(token.text)
        and token.pos_ in ("NOUN", "PROPN")
        and token.dep_ not in ("compound", "amod", "nmod")
        and token.ent_type_ not in labels._NOT_A_FLEET
    )


def test_plural_designation_answers_as_on_every_token(parsed_samples, nlp):
    hits = 0
    for doc in _docs(parsed_samples, nlp):
        for i in range(len(doc)):
            expected = _plural_designation_tokens(doc, i)
            assert labels._plural_designation(doc, i) == expected
            hits += expected
    assert hits  # "A380s", "A300s"
