"""A parse's token attributes as plain Python lists, read once per ``Doc`` and shared.

Every ``doc[i]`` and every step of ``for token in doc`` makes a new spaCy ``Token`` object,
and each ``token.pos_``/``token.text`` looks its string up again: the extractors sweep the
whole document many times over (the entity, figure and quality layers each several times),
which made about 18,000 ``Token`` objects per document. ``tokens(doc)`` reads each attribute
for all tokens at once through ``Doc.to_array`` (one C loop) the first time a sweep asks for
it, maps the string ids through the vocabulary once per distinct value, and keeps the lists
in ``doc.user_data``. The values are exactly what the ``Token`` properties return (a test
compares them on every token of real parses), so a sweep that reads them finds the same
tokens; code that needs the tree walks or spans still takes ``doc[i]`` for the few tokens
that pass the cheap tests.
"""

from __future__ import annotations

from functools import cached_property

import numpy
from spacy.tokens import Doc

from storyline.nlp import doc_text

_KEY = "storyline.token_table"


class TokenTable:
    """Per-token attributes of one ``Doc``, each list indexed by token index and made on
    first use (a sweep that reads only ``text`` and ``pos`` pays for those two)."""

    def __init__(self, doc: Doc) -> None:
        self._doc = doc

    def _strings(self, attr: str) -> list[str]:
        strings = self._doc.vocab.strings
        ids = self._doc.to_array(attr).tolist()
        seen: dict[int, str] = {}
        out = []
        for key in ids:
            value = seen.get(key)
            if value is None:
                value = seen[key] = strings[key]
            out.append(value)
        return out

    def _flags(self, attr: str) -> list[bool]:
        return [bool(v) for v in self._doc.to_array(attr).tolist()]

    @cached_property
    def text(self) -> list[str]:
        return self._strings("ORTH")

    @cached_property
    def lower(self) -> list[str]:
        return self._strings("LOWER")

    @cached_property
    def pos(self) -> list[str]:
        return self._strings("POS")

    @cached_property
    def tag(self) -> list[str]:
        return self._strings("TAG")

    @cached_property
    def dep(self) -> list[str]:
        return self._strings("DEP")

    @cached_property
    def lemma(self) -> list[str]:
        return self._strings("LEMMA")

    @cached_property
    def head(self) -> list[int]:
        """Index of each token's head (``token.head.i``; a root is its own head)."""
        offsets = self._doc.to_array("HEAD").astype(numpy.int64).tolist()  # stored unsigned
        return [i + offset for i, offset in enumerate(offsets)]

    def children(self, i: int) -> list[int]:
        """Indices of ``token.children`` of token ``i`` (the tokens whose head it is, itself
        excluded, in text order), so a tree walk makes no ``Token``."""
        order, bounds = self._by_head
        return [j for j in order[bounds[i] : bounds[i + 1]] if j != i]

    @cached_property
    def _by_head(self) -> tuple[list[int], list[int]]:
        """Token indices grouped by head (a stable sort keeps text order inside a group) and
        where each head's group starts: two flat lists instead of a list per token."""
        heads = numpy.asarray(self.head, dtype=numpy.int64)
        order = numpy.argsort(heads, kind="stable")
        bounds = numpy.searchsorted(heads[order], numpy.arange(len(heads) + 1))
        return order.tolist(), bounds.tolist()

    def ancestors(self, i: int) -> list[int]:
        """Indices of ``token.ancestors``: its head, the head's head, … up to the root."""
        found = []
        while self.head[i] != i:
            i = self.head[i]
            found.append(i)
        return found

    def sentence(self, i: int) -> tuple[int, int]:
        """(start, end) token indices of ``doc[i].sent``, without the ``Token`` and the two
        spans spaCy makes for it on every access (the sentence starts are read once)."""
        starts, ends = self._sentence_bounds
        return starts[i], ends[i]

    @cached_property
    def _sentence_bounds(self) -> tuple[list[int], list[int]]:
        """Each token's sentence start and end as ``Span.sent`` walks them (no sentence hook
        is set here): back to a token marked a sentence start, or the first token; on to the
        next token marked one, or the end of the document."""
        marked = [flag == 1 for flag in self._doc.to_array("SENT_START").tolist()]
        starts, ends, current = [], [0] * len(marked), 0
        for i, start in enumerate(marked):
            current = i if start else current
            starts.append(current)
        following = len(marked)
        for i in range(len(marked) - 1, -1, -1):
            ends[i] = following
            following = i if marked[i] else following
        return starts, ends

    @cached_property
    def idx(self) -> list[int]:
        """Character offset of each token (``token.idx``)."""
        return self._doc.to_array("IDX").tolist()

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` without making the span or its tokens: the document's text
        from the first token's start to the last token's end (spaCy's slice rules: negative
        indices count from the end, out-of-range ones are clamped)."""
        length = len(self.text)
        start = min(length, max(0, start + length if start < 0 else start))
        end = min(length, max(start, end + length if end < 0 else end))
        if end == start:
            return ""
        last = end - 1
        return doc_text(self._doc)[self.idx[start] : self.idx[last] + len(self.text[last])]

    @cached_property
    def is_alpha(self) -> list[bool]:
        return self._flags("IS_ALPHA")

    @cached_property
    def is_lower(self) -> list[bool]:
        return self._flags("IS_LOWER")

    @cached_property
    def is_upper(self) -> list[bool]:
        return self._flags("IS_UPPER")

    @cached_property
    def is_title(self) -> list[bool]:
        return self._flags("IS_TITLE")

    @cached_property
    def is_punct(self) -> list[bool]:
        return self._flags("IS_PUNCT")

    @cached_property
    def is_space(self) -> list[bool]:
        return self._flags("IS_SPACE")

    @cached_property
    def whitespace(self) -> list[str]:
        """``token.whitespace_``: the one space after a token, or nothing."""
        return [" " if v else "" for v in self._doc.to_array("SPACY").tolist()]


def tokens(doc: Doc) -> TokenTable:
    """The token table of ``doc``, made once per parse and kept in ``doc.user_data``."""
    table = doc.user_data.get(_KEY)
    if table is None:
        table = doc.user_data[_KEY] = TokenTable(doc)
    return table
