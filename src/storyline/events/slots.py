"""Matching a lexicon row's words against the parse: verb forms, slot fillers, time phrases and
object predicates (the helpers of ``matching``)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Span, Token

from storyline.events.lexicon import Lexicon
from storyline.nlp_tokens import tokens

#: What ``matching`` can make a trigger of besides a word tagged as a verb (VB*): an
#: adjective, a common or a proper noun (its ``_match`` codes nothing else)
TRIGGER_POS = frozenset({"ADJ", "NOUN", "PROPN"})


def trigger_candidates(sentence: Span, lexicon: Lexicon) -> Iterator[Token]:
    """The sentence's words that may be triggers, in order. The token table's tags pick them,
    so no spaCy ``Token`` is made for the determiners, prepositions and punctuation between
    (the matcher tried every word; these are the only ones it could code). A noun or an
    adjective not tagged as a verb can code only through the lexicon's rows hanging on it
    (the matcher's noun rows on its lemma, its adjective rows on its form or lemma), so one
    with none is left out too: most nouns of news text hang no row, and the matcher tried
    each of them."""
    doc, table = sentence.doc, tokens(sentence.doc)
    for i in range(sentence.start, sentence.end):
        if table.tag[i].startswith("VB"):
            yield doc[i]
        elif table.pos[i] == "ADJ":
            if lexicon.lookup("A", table.lower[i]) or lexicon.lookup("A", table.lemma[i]):
                yield doc[i]
        elif table.pos[i] in TRIGGER_POS and lexicon.lookup("N", table.lemma[i]):
            yield doc[i]


def verb_forms(token: Token) -> set[str]:
    """The lemma and plausible base forms of a verb (the statistical lemmatiser sometimes errs:
    "staged" → "stag")."""
    word = token.lower_
    lemma = token.lemma_.lower()
    forms = {lemma}
    # an irregular past the lemmatiser knew is that verb's, not a homograph's base form: "was
    # found guilty" is "find", not "found" (establish); "wound", "fell", "ground" alike
    if not (token.tag_ in ("VBD", "VBN") and lemma != word and not word.endswith("ed")):
        forms.add(word)
    if word.endswith("ied"):
        forms.add(word[:-3] + "y")
    if word.endswith("ed"):
        forms |= {word[:-1], word[:-2]}
    if word.endswith("ing"):
        forms |= {word[:-3], word[:-3] + "e"}
    if word.endswith("es"):
        forms |= {word[:-1], word[:-2]}
    elif word.endswith("s"):
        forms.add(word[:-1])
    return forms


TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december today yesterday tomorrow morning "
    "evening night afternoon week month year day weekend".split()
)


def temporal(prep: Token) -> bool:
    """Is this a time phrase ("on Tuesday", "in March", "at night")?"""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(
        o.ent_type_ in ("DATE", "TIME") or o.lower_ in TIME_WORDS or o.lemma_.lower() in TIME_WORDS
        for o in objects
    )


def verb_pool(verb: Token) -> list[Token]:
    """The verb's dependents that may fill a pattern's other slots (``fill`` picks them)."""
    pool: list[Token] = []
    for child in verb.children:
        if child.dep_ == "prep" and temporal(child):
            continue  # "called Putin on Tuesday" is no "call on" (an appeal)
        # "oprd": the predicate of a small clause, for PETRARCH2's naming patterns ("called
        # him a dictator", "branded them terrorists": CALL/BRAND * DICTATOR|TERRORIST)
        if child.dep_ in ("prt", "prep", "dobj", "dative", "advmod", "nsubjpass", "acomp",
                          "oprd"):  # fmt: skip
            pool.append(child)
        if child.dep_ in ("prep", "dobj", "nsubjpass", "agent"):
            for grand in child.children:
                if grand.dep_ in ("pobj", "compound", "amod", "prt"):
                    pool.append(grand)
                if grand.dep_ == "prep" and child.dep_ in ("dobj", "nsubjpass"):
                    pool.extend(g for g in grand.children if g.dep_ == "pobj")
    return pool


class VerbPool:
    """A verb's ``verb_pool`` and the words its tokens fill a slot as, read once for all the
    rows hanging on the verb. ``may_fill`` rules a row out before ``fill`` tries it: most
    rows tried name an object or a preposition that none of the verb's dependents is."""

    def __init__(self, verb: Token) -> None:
        self.tokens = verb_pool(verb)
        self._words: frozenset[str] | None = None

    def may_fill(self, slots: tuple[frozenset[str], ...]) -> bool:
        """False only where ``fill(slots, self.tokens)`` is None: a slot lists none of the
        pool's words (a token's lemma, form or "form!", as ``fills`` reads them; a
        participle serving as a preposition fills none) and no hyphenated word (which a
        token fills with its neighbours)."""
        if self._words is None:
            self._words = frozenset(w for token in self.tokens for w in _fill_words(token))
        words = self._words
        return all(not words.isdisjoint(slot) or _has_hyphenated(slot) for slot in slots)


def _fill_words(token: Token) -> tuple[str, ...]:
    """The words a slot may list for ``token`` to fill it, as ``fills`` reads them."""
    i, table = token.i, tokens(token.doc)
    if table.dep[i] == "prep" and table.tag[i] in ("VBG", "VBN"):
        return ()
    form = table.lower[i]
    return (table.lemma[i].lower(), form, f"{form}!")


def object_predicate(verb: Token) -> bool:
    """Does the verb take an object and a predicate about it ("called them smoke screens",
    "named him envoy", "declared it illegal")? A small clause, not an act on the object. The
    passive keeps the predicate ("is considered the top player", "was called a sham"), and an
    infinitive "to be" spells it out ("considered to be the front-runner")."""
    for child in verb.children:
        if child.dep_ == "oprd":
            return True
        if child.dep_ in ("ccomp", "xcomp") and child.pos_ in ("NOUN", "PROPN", "ADJ"):
            return any(g.dep_ == "nsubj" for g in child.children) or child.i > verb.i
        if child.dep_ == "xcomp" and child.lemma_.lower() == "be" and child.i > verb.i:
            return any(g.dep_ in ("attr", "acomp") for g in child.children)
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    return len(objects) >= 2


def fills(token: Token, slot: frozenset[str]) -> bool:
    """Is the token one of the slot's words: its lemma or form, or its exact form for a word
    marked "word!" (the singular "term!" of "a fifth term", not "the best terms")? Asked for
    every token tried against every slot of every row: the values come from the token table
    (each ``Token`` property looks its string up anew)."""
    i, table = token.i, tokens(token.doc)
    if table.dep[i] == "prep" and table.tag[i] in ("VBG", "VBN"):
        # a participle serving as a preposition ("according to", "following", "regarding") is
        # not the noun it comes from: "attacked the village, according to HRW" is no attack on
        # an accord (PETRARCH2's "ATTACK * ACCORD")
        return False
    form = table.lower[i]
    if table.lemma[i].lower() in slot or form in slot or f"{form}!" in slot:
        return True
    if not _has_hyphenated(slot):
        return False  # no hyphenated word can be one of the slot's (most slots list none)
    hyphenated = hyphenated_word(token)
    return hyphenated is not None and hyphenated in slot


@lru_cache(maxsize=4096)
def _has_hyphenated(slot: frozenset[str]) -> bool:
    """Does the slot list a hyphenated word? Asked for every token tried against every slot:
    a slot is a lexicon row's own frozenset (its hash is kept), so the answer is a lookup."""
    return any("-" in word for word in slot)


def hyphenated_word(token: Token) -> str | None:
    """The hyphenated word a token ends, which the tokenizer split at its hyphen ("cease-fire"
    parses as "cease", "-", "fire"), lower case; None when the token ends none. The dictionary
    lists such words whole (&CEASEFIRE: CEASE-FIRE; "fact-finding", "test-fire")."""
    if token.i < 2:
        return None
    hyphen, first = token.nbor(-1), token.nbor(-2)
    if hyphen.text != "-" or hyphen.whitespace_ or first.whitespace_:
        return None
    return f"{first.lower_}-{token.lower_}"


def fill(slots: tuple[frozenset[str], ...], pool: list[Token]) -> list[Token] | None:
    """Assign each slot a distinct token from the pool whose lemma (or form) it lists."""
    used: list[Token] = []
    for slot in slots:
        hit = next(
            (t for t in pool if t not in used and fills(t, slot)),
            None,
        )
        if hit is None:
            return None
        used.append(hit)
    return used
