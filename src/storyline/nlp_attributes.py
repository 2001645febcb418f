"""spaCy's ``attribute_ruler`` and ``lemmatizer`` replaced by one table lookup, exactly equal.

Why: in en_core_web_sm the attribute ruler runs a Matcher of 179 patterns over every token and
then sets each match's attributes through a Python ``Span`` per match, and the lemmatizer visits
every token in Python: together about a quarter of the pipeline's time (benchmarks/results.md).
Yet what they write on a token is a function of a few of its own values. Every pattern of the
shipped ruler tests only the token's text (ORTH, TEXT, LOWER, IS_SPACE), its TAG and its DEP, at
most two tokens long; all matches are found before any is applied, and later rules win
(spaCy sorts matches by rule number). The rule lemmatizer reads only the token's text, POS and
MORPH. So, for one-token patterns, the written (POS, MORPH, LEMMA, TAG, DEP) is a function of
the token's (ORTH, TAG, DEP) and its values before the ruler; this component keeps that function
as a dict, filled on a miss by running the ruler's own Matcher on a one-token ``Doc`` and the
lemmatizer's own ``lemmatize``. The few longer patterns ("gon na", "ai n't", an expletive
before "is") are matched here token by token from the same per-token tests, and applied in the
ruler's order.

``replaceable`` checks these conditions on the loaded pipeline; a model whose patterns look at
anything else (POS, MORPH, a quantifier ``OP``, an extension), whose ruler sets other attributes,
or whose lemmatizer is not the stock rule lemmatizer keeps the stock components.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy
from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG  # type: ignore[import-not-found]
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

COMPONENT = "storyline_token_attributes"
RULER = "attribute_ruler"
LEMMATIZER = "lemmatizer"
#: Token tests a pattern may use: each reads only the token itself (its text, TAG and DEP).
TOKEN_TESTS = frozenset({"ORTH", "TEXT", "LOWER", "IS_SPACE", "TAG", "DEP"})
#: What the ruler may write; all are kept per token, none reaches another token.
WRITTEN = ("POS", "MORPH", "LEMMA", "TAG", "DEP")
#: The token values a result depends on: the key of the table (ORTH, TAG, DEP, then the values
#: before the ruler, which stay where no rule writes).
_KEY = [ORTH, TAG, DEP, POS, MORPH, LEMMA]
_OUT = [POS, MORPH, LEMMA, TAG, DEP]
#: Where each written attribute sits in the key row (``_KEY``) and in the output row (``_OUT``).
_FROM_KEY = {POS: 3, MORPH: 4, LEMMA: 5, TAG: 1, DEP: 2}
#: Entries kept before the tables start afresh: distinct (text, tag, dep) keys grow with the
#: vocabulary, and a worker may see millions of documents; refilling is exact, only slower.
MAX_ENTRIES = 500_000

Row = tuple[int, ...]
#: A table entry: the written values (``_OUT`` order), the one-token rules that matched (in
#: order) and the multi-token pattern tests this token passes.
Entry = tuple[Row, tuple[int, ...], frozenset[int]]


def replaceable(nlp: Language) -> bool:
    """Whether the ruler and lemmatizer of ``nlp`` depend only on each token (see module doc)."""
    names = nlp.pipe_names
    if RULER not in names or LEMMATIZER not in names:
        return False
    if names.index(LEMMATIZER) != names.index(RULER) + 1:
        return False
    ruler, lemmatizer = nlp.get_pipe(RULER), nlp.get_pipe(LEMMATIZER)
    if not isinstance(ruler, AttributeRuler) or not isinstance(lemmatizer, Lemmatizer):
        return False
    if type(lemmatizer) not in (Lemmatizer, EnglishLemmatizer):
        return False  # a subclass may read more than the token (its head, its neighbours)
    if lemmatizer.mode != "rule" or not _tables_present(lemmatizer):
        return False
    return all(_rule_is_local(dict(rule)) for rule in ruler.patterns)


def _tables_present(lemmatizer: Lemmatizer) -> bool:
    try:
        lemmatizer._validate_tables()
    except ValueError:
        return False
    return True


def _rule_is_local(rule: dict[str, Any]) -> bool:
    if not set(rule["attrs"]) <= set(WRITTEN):
        return False
    index = rule.get("index", 0)
    for pattern in rule["patterns"]:
        if not pattern or not -len(pattern) <= index < len(pattern):
            return False
        if not all(isinstance(spec, dict) and set(spec) <= TOKEN_TESTS for spec in pattern):
            return False
    return True


class TokenAttributes:
    """The ruler's and lemmatizer's output per token, looked up (see the module doc)."""

    def __init__(self, ruler: AttributeRuler, lemmatizer: Lemmatizer) -> None:
        self.vocab: Vocab = ruler.vocab
        self.lemmatizer = lemmatizer
        self.rules: list[dict[int, int]] = [dict(attrs) for attrs in ruler.attrs]
        self.tests = Matcher(self.vocab)
        self.test_of: dict[int, int] = {}  # matcher label -> test number
        self.one_token: dict[int, list[int]] = {}  # test number -> rules it fires
        self.multi: list[tuple[int, int, tuple[int, ...]]] = []  # rule, target, tests
        self.table: dict[Row, Entry] = {}
        self.lemmas: dict[tuple[int, int, int], int] = {}
        specs: dict[str, int] = {}
        rules: list[dict[str, Any]] = [dict(rule) for rule in ruler.patterns]
        for number, rule in enumerate(rules):
            index = rule.get("index", 0)
            for pattern in rule["patterns"]:
                tests = tuple(self._test(spec, specs) for spec in pattern)
                if len(tests) == 1:
                    self.one_token.setdefault(tests[0], []).append(number)
                else:
                    target = index if index >= 0 else len(tests) + index
                    self.multi.append((number, target, tests))
        self.multi_tests = frozenset(t for _, _, tests in self.multi for t in tests)

    def _test(self, spec: dict[str, Any], specs: dict[str, int]) -> int:
        """The number of the one-token test ``spec``, added to the Matcher when new."""
        text = repr(sorted(spec.items()))
        if text not in specs:
            number = specs[text] = len(specs)
            label = self.vocab.strings.add(f"{COMPONENT}-{number}")
            self.tests.add(label, [[spec]])
            self.test_of[label] = number
        return specs[text]

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = [tuple(row) for row in doc.to_array(_KEY).tolist()]
        table = self.table
        entries = [table.get(key) or self._fill(key) for key in keys]
        rows = [entry[0] for entry in entries]
        if self.multi:
            for target, extra in self._multi_matches(entries).items():
                rows[target] = self._apply(keys[target], entries[target][1] + tuple(extra))
        doc.from_array(_OUT, _array(rows))
        return doc

    def _fill(self, key: Row) -> Entry:
        """The entry for a token with these values: the ruler's own tests on a one-token Doc."""
        one = Doc(self.vocab, words=[self.vocab.strings[key[0]]], spaces=[False])
        one.from_array(_KEY[1:], _array([key[1:]]))
        passed = {self.test_of[label] for label, _, _ in self.tests(one, allow_missing=True)}
        fired = tuple(sorted({r for t in passed for r in self.one_token.get(t, ())}))
        entry = (self._apply(key, fired), fired, frozenset(passed & self.multi_tests))
        if len(self.table) >= MAX_ENTRIES:
            self.table.clear()
        self.table[key] = entry
        return entry

    def _apply(self, key: Row, fired: Iterable[int]) -> Row:
        """The token's values after the rules ``fired`` (later rules win), then its lemma."""
        values = {attr: key[at] for attr, at in _FROM_KEY.items()}
        for number in sorted(set(fired)):
            values.update(self.rules[number])
        if self.lemmatizer.overwrite or values[LEMMA] == 0:
            values[LEMMA] = self._lemma(key[0], values[POS], values[MORPH])
        return tuple(values[attr] for attr in _OUT)

    def _lemma(self, orth: int, pos: int, morph: int) -> int:
        """The lemmatizer's lemma for this text, POS and MORPH (all its rules read)."""
        found = self.lemmas.get((orth, pos, morph))
        if found is None:
            one = Doc(self.vocab, words=[self.vocab.strings[orth]], spaces=[False])
            one.from_array([POS, MORPH], _array([(pos, morph)]))
            lemma = self.lemmatizer.lemmatize(one[0])[0]
            if len(self.lemmas) >= MAX_ENTRIES:
                self.lemmas.clear()
            found = self.lemmas[(orth, pos, morph)] = self.vocab.strings.add(lemma)
        return found

    def _multi_matches(self, entries: Sequence[Entry]) -> dict[int, list[int]]:
        """Token -> the multi-token rules that write on it: each pattern's tests passed by
        consecutive tokens, found from the few tokens that pass any such test."""
        passed = {i: entry[2] for i, entry in enumerate(entries) if entry[2]}
        extra: dict[int, list[int]] = {}
        for start, tests in passed.items():
            for number, target, pattern in self.multi:
                if pattern[0] in tests and all(
                    pattern[j] in passed.get(start + j, ()) for j in range(1, len(pattern))
                ):
                    extra.setdefault(start + target, []).append(number)
        return extra


def _array(rows: Sequence[Row]) -> Any:
    """Rows of token values as spaCy's ``Doc.from_array`` takes them."""
    return numpy.array(rows, dtype=numpy.uint64)


@Language.factory(COMPONENT)
def make_token_attributes(nlp: Language, name: str) -> TokenAttributes:
    """Built from the pipeline's own ruler and lemmatizer, which stay loaded (disabled)."""
    ruler, lemmatizer = nlp.get_pipe(RULER), nlp.get_pipe(LEMMATIZER)
    assert isinstance(ruler, AttributeRuler) and isinstance(lemmatizer, Lemmatizer)
    return TokenAttributes(ruler, lemmatizer)


def install(nlp: Language) -> bool:
    """Put the lookup in place of the ruler and lemmatizer when ``replaceable``; else leave
    the stock components running. Returns whether it was installed."""
    if not replaceable(nlp):
        return False
    nlp.add_pipe(COMPONENT, before=RULER)
    nlp.disable_pipe(RULER)
    nlp.disable_pipe(LEMMATIZER)
    return True
