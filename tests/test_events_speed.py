"""The event extractor's shortcuts (issue 18, evspeed23) are exact stand-ins for what they
replace, on the demo corpus's news and on sentences written here: the lexicon's kept order of
a verb's rows equals sorting their union, the hyphen test skipped for a slot that lists no
hyphenated word answers as the full test, the token table's pick of trigger candidates drops
only words the matcher codes nothing from, and the demand and terms scans by the table find
what the scans over every ``Token`` found."""

from __future__ import annotations

import pytest

from storyline.events import constructions, lexicon, slots
from storyline.events.actors import ActorResolver
from storyline.events.constructions import demands, terms
from storyline.events.lexicon import Entry, default_lexicon, settings
from storyline.events.matching import TriggerMatcher
from storyline.events.slots import (
    VerbPool,
    fill,
    fills,
    hyphenated_word,
    trigger_candidates,
    verb_forms,
)
from storyline.events.subjects import SubjectFinder

WRITTEN = (
    "The rebels agreed to a cease-fire on Tuesday and said the army must withdraw. "
    "The foreign minister said Israel would resume talks with Egypt only if Hamas freed the "
    "hostages, and unless the talks resume the fact-finding mission will test-fire nothing. "
    "Officials staged protests, tried the suspects and were found guilty of spying. "
    "Russia said Ukraine must withdraw. The ministry said that the West must lift sanctions."
)


def _docs(parsed_samples, nlp):
    return [doc for _, doc in parsed_samples.values()] + [nlp(WRITTEN)]


def _sorted_union(lex, forms):
    """What the matcher did for every verb before ``Lexicon.ranked``."""
    rows = {e for form in forms for e in lex.lookup("V", form)}
    return tuple(sorted(rows, key=lambda e: (e.rank, e.key)))


@pytest.mark.parametrize("kept", [lexicon.RANKED_KEPT, 3])
def test_ranked_rows_are_the_sorted_union(parsed_samples, nlp, monkeypatch, kept):
    """Every verb form set of real text, asked twice (the second answer is the kept one), also
    when the kept answers are dropped every three sets."""
    monkeypatch.setattr(lexicon, "RANKED_KEPT", kept)
    lex = lexicon.load_lexicon()
    seen = 0
    for doc in _docs(parsed_samples, nlp):
        for token in doc:
            if not token.tag_.startswith("VB"):
                continue
            forms = frozenset(verb_forms(token))
            expected = _sorted_union(lex, forms)
            assert lex.ranked("V", forms) == expected
            assert lex.ranked("V", forms) == expected
            seen += bool(expected)
    assert seen > 100  # the texts' verbs do hang rows
    assert len(lex._ranked) <= max(kept, 1)


def _full_fills(token, slot):
    """``fills`` as it was: the hyphenated word tried against every slot."""
    if token.dep_ == "prep" and token.tag_ in ("VBG", "VBN"):
        return False
    form = token.lower_
    if token.lemma_.lower() in slot or form in slot or f"{form}!" in slot:
        return True
    hyphenated = hyphenated_word(token)
    return hyphenated is not None and hyphenated in slot


def test_fills_answers_as_the_full_test(parsed_samples, nlp):
    """Every slot of the lexicon that lists a hyphenated word and every hundredth other slot,
    against every token of the written text and of one demo article."""
    all_slots = sorted({s for e in default_lexicon().entries for s in e.slots}, key=sorted)
    hyphened = [s for s in all_slots if any("-" in w for w in s)]
    tried = hyphened + all_slots[::100]
    assert hyphened and any(s for s in tried if s not in hyphened)
    doc = nlp(WRITTEN)
    article = next(iter(parsed_samples.values()))[1]
    hits = 0
    for token in [*doc, *article]:
        for slot in tried:
            expected = _full_fills(token, slot)
            assert fills(token, slot) == expected, (token.text, sorted(slot))
            hits += expected and hyphenated_word(token) in slot
    assert hits  # "cease-fire" and "fact-finding" are found whole


def test_fills_from_the_token_table_answers_as_the_token_properties(parsed_samples, nlp):
    """``fills`` reads the token table (evspeed24): against every slot that lists a token's
    lemma, form or capitalised lemma (a name: "India"), for every token of the demo corpus
    and of the written text, it answers as the test on the ``Token``'s own properties."""
    by_word = {}
    for slot in {s for e in default_lexicon().entries for s in e.slots}:
        for word in slot:
            by_word.setdefault(word, []).append(slot)
    tried = hits = 0
    opening = nlp("Found guilty, they left. Talks resumed.")  # a form the slot lists: "found"
    for doc in [*_docs(parsed_samples, nlp), opening]:
        for token in doc:
            words = {token.lemma_.lower(), token.lower_, f"{token.lower_}!", token.lemma_}
            for slot in [s for w in words for s in by_word.get(w, [])]:
                expected = _full_fills(token, slot)
                assert fills(token, slot) == expected, (token.text, sorted(slot))
                tried += 1
                hits += expected and token.lemma_ != token.lemma_.lower()
    assert tried > 1000 and hits  # names' lemmas are capitalised ("India")


def test_verb_pool_rules_out_only_rows_fill_finds_nothing_for(parsed_samples, nlp):
    """``VerbPool.may_fill`` (evspeed24) says no only where ``fill`` over the verb's
    dependents finds nothing: every row hanging on the forms of every verb of the demo corpus
    and of the written text (a "cease-fire" to fill, a participle "according" to pass over)."""
    lex = default_lexicon()
    ruled_out = filled = 0
    more = nlp("Troops attacked the village, according to HRW. Both sides agreed a cease-fire.")
    for doc in [*_docs(parsed_samples, nlp), more]:
        for token in doc:
            if not token.tag_.startswith("VB"):
                continue
            pool = VerbPool(token)
            for entry in lex.ranked("V", frozenset(verb_forms(token))):
                found = fill(entry.others, pool.tokens)
                if not pool.may_fill(entry.others):
                    assert found is None, (token.text, entry.key)
                    ruled_out += 1
                filled += found is not None and len(entry.others) > 0
    assert ruled_out > 1000 and filled > 20  # most rows are ruled out; rows with words fill


def _matcher(doc, lex=None):
    resolver = ActorResolver(doc, [])
    return TriggerMatcher(resolver, lex or default_lexicon(), SubjectFinder(resolver))


ADJECTIVES = "The older envoys were happier and readier to talk than the youngest ones."


def _with_adjective_lemma_rows(docs):
    """The lexicon with an adjective row on the lemma of every adjective whose lemma is not
    its form ("older" → "old"): the five adjective heads of the shipped lexicon ("ready",
    "willing", …) are never written otherwise, so this is what tries the lemma look-up."""
    lemmas = {
        t.lemma_.lower() for doc in docs for t in doc if t.pos_ == "ADJ" and t.lemma_ != t.lower_
    }
    rows = [Entry((frozenset({w}),), "A", frozenset(), "MEET", None, None, "test") for w in lemmas]
    return lexicon.Lexicon(default_lexicon().entries + rows), len(lemmas)


@pytest.mark.parametrize("adjective_rows", [False, True])
def test_trigger_candidates_drop_only_words_the_matcher_codes_nothing_from(
    parsed_samples, nlp, adjective_rows
):
    docs = [*_docs(parsed_samples, nlp), nlp(ADJECTIVES)]
    lex, added = _with_adjective_lemma_rows(docs) if adjective_rows else (default_lexicon(), 0)
    rowless = coded = 0
    for doc in docs:
        matcher = _matcher(doc, lex)
        for sentence in doc.sents:
            picked = [t.i for t in trigger_candidates(sentence, lex)]
            assert picked == sorted(picked)
            left = [t for t in sentence if t.i not in set(picked)]
            assert all(matcher._match(t) is None for t in left)
            assert not any(t.tag_.startswith("VB") for t in left)
            rowless += sum(t.pos_ in slots.TRIGGER_POS for t in left)
            coded += sum(matcher._match(t) is not None for t in sentence if t.pos_ != "VERB")
    assert rowless > 1000 and coded > 10  # nouns hanging no row are left out; some code
    assert added >= 3 or not adjective_rows


def _all_token_demands(sentence):
    """``demands`` as it was: every ``Token`` of the sentence tried."""
    modals = set(settings()["constructions"]["demand_modals"])
    speech = constructions._speech()
    found = []
    for token in sentence:
        if token.dep_ != "aux" or token.lower_ not in modals:
            continue
        verb = constructions.speech_verb(token.head, speech)
        if verb is not None:
            found.append(
                constructions.Found(constructions.DEMAND_CONSTRUCTION, verb, token, token.head)
            )
    return found


def _all_token_terms(sentence):
    """``terms`` as it was, the same way."""
    conf = settings()
    marks = set(conf["constructions"]["terms_marks"])
    modals = set(conf["factuality"]["future_modals"]) | set(
        conf["factuality"]["hypothetical_modals"]
    )
    speech = constructions._speech()
    found = []
    for token in sentence:
        if token.dep_ != "mark" or token.lower_ not in marks or token.head.dep_ != "advcl":
            continue
        condition, offer = token.head, token.head.head
        while offer.dep_ == "conj" and offer.head != offer:
            offer = offer.head
        if not any(c.dep_ == "aux" and c.lower_ in modals for c in offer.children):
            continue
        if any(c.dep_ == "neg" for c in offer.children):
            continue
        if not any(c.dep_ == "nsubj" and c.pos_ != "PRON" for c in condition.children):
            continue
        verb = constructions.speech_verb(offer, speech)
        if verb is not None:
            found.append(
                constructions.Found(constructions.TERMS_CONSTRUCTION, verb, token, condition, offer)
            )
    return found


def test_demands_and_terms_by_the_table_find_what_every_token_found(parsed_samples, nlp):
    found_demands = found_terms = 0
    for doc in _docs(parsed_samples, nlp):
        for sentence in doc.sents:
            assert demands(sentence) == _all_token_demands(sentence)
            assert terms(sentence) == _all_token_terms(sentence)
            found_demands += len(demands(sentence))
            found_terms += len(terms(sentence))
    assert found_demands >= 3  # the written text's three "must" clauses under "said"
    assert found_terms >= 1  # "only if Hamas freed"
