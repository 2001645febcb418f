"""Abbreviations a document defines: "the Defence Research and Development Organisation
(DRDO)", "the European Central Bank (ECB)", or the reverse "DRDO (Defence Research and
Development Organisation)".

News defines an acronym the way science writing does, by a parenthesis next to its expansion at
the first mention, and then uses the short form alone (Reuters and AP style: spell out on first
reference, the abbreviation in parentheses). The method is Schwartz & Hearst's (2003, "A simple
algorithm for identifying abbreviation definitions in biomedical text"): the short form is a
parenthesised word of two to ten characters next to a candidate long form of at most
``min(|SF| + 5, 2·|SF|)`` words; the long form is found by matching the short form's letters
right to left against it, the first letter at the start of a word. Here the long form must also
be a name — every content word capitalised, no person's title ("National Security Adviser
(NSA)" defines an office, which ``people`` reads) — since the entity layer keeps names only.

``extract`` makes the long form one name span with the short form as its alias and adds the
short form where the model missed it; ``spellings.link_acronyms`` then joins the short form to
its long form across the pile, so an acronym defined in one document names the same entity in
the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from spacy.tokens import Doc

from storyline.entities.lexicon import Lexicon, key_words
from storyline.entities.nested import name_heads
from storyline.models.language import EntityType
from storyline.nlp_tokens import tokens

#: A short form: two to ten characters, a capital first, two capitals or digits at least.
_SHORT = re.compile(r"^[A-Z][A-Za-z0-9&\-]{1,9}$")
#: Words a name's long form may hold in lower case.
_FUNCTION_WORDS = frozenset({"of", "and", "for", "the", "on", "in", "to", "de", "&", "'s", "’s"})
_DETERMINERS = frozenset({"the", "a", "an"})
#: The longest reverse definition read inside parentheses, in tokens.
_MAX_INSIDE = 12


@dataclass(frozen=True)
class Definition:
    """One abbreviation definition: the long form's token span and the short form's token."""

    long_start: int
    long_end: int
    short: int


class NameSpan(Protocol):
    """A name span on its way to a mention (``extract``'s drafts)."""

    start: int
    end: int
    label: EntityType
    model_label: str
    alias: str | None


S = TypeVar("S", bound=NameSpan)


def with_definitions(
    doc: Doc,
    spans: list[S],
    lex: Lexicon,
    make: Callable[[int, int, EntityType, str, str | None], S],
) -> list[S]:
    """``spans`` with each abbreviation the document defines read in: the long form is one name
    with the short form as its alias, over the model's pieces of it ('Indian' + 'Air Force'),
    and the short form is a name where the model missed it, of the long form's type (its head's
    kind first: a 'Conference' is an event, an 'Agreement' a document). A span
    crossing the long form's edge is kept as it is (the definition is read inside a longer
    name: it only lends the alias when it ends where the long form does)."""
    for found in definitions(doc, lex):
        lo, hi, short = found.long_start, found.long_end, found.short
        inside = [d for d in spans if lo <= d.start and d.end <= hi]
        crossing = [
            d for d in spans if d.start < hi and lo < d.end and all(d is not x for x in inside)
        ]
        named = [d for d in spans if d.start <= short < d.end]
        alias = doc[short].text
        if crossing:
            for d in crossing:
                if d.end == hi and d.start < lo and d.alias is None:
                    d.alias = alias
            continue
        label = name_heads().get(doc[hi - 1].text)  # 'Worldwide Developers Conference'
        label = label or next((d.label for d in named if d.label not in ("NORP", "PERSON")), None)
        label = label or next((d.label for d in inside if d.end == hi), None) or "ORG"
        if label in ("NORP", "PERSON"):
            label = "ORG"  # 'Indian' of 'Indian Air Force (IAF)' does not type the body
        spans = [d for d in spans if all(d is not x for x in inside)]
        spans.append(make(lo, hi, label, inside[-1].model_label if inside else "O", alias))
        for d in named:
            if d.label in ("NORP", "PERSON"):  # 'DRDO' read as a person: the body it names
                d.label = label
        if not named:
            spans.append(make(short, short + 1, label, "O", None))
    return spans


def is_short_form(text: str) -> bool:
    return bool(_SHORT.match(text)) and sum(c.isupper() or c.isdigit() for c in text) >= 2


def definitions(doc: Doc, lex: Lexicon) -> list[Definition]:
    """Every "long form (SF)" and "SF (long form)" of the document whose long form is a name."""
    table = tokens(doc)
    text = table.text
    found = []
    for i, word in enumerate(text):
        if word != "(" or i + 2 >= len(doc):
            continue
        if text[i + 2] == ")" and is_short_form(text[i + 1]):
            span = _long_form_before(doc, i, text[i + 1])
            if span and _is_name(doc, *span, lex):
                found.append(Definition(span[0], span[1], i + 1))
        elif i > 0 and is_short_form(text[i - 1]):
            span = _long_form_inside(doc, i, text[i - 1])
            if span and _is_name(doc, *span, lex):
                found.append(Definition(span[0], span[1], i - 1))
    return found


def best_long_form(short: str, long: str) -> int | None:
    """Schwartz & Hearst's match: the character offset in ``long`` where the long form of
    ``short`` starts, or None. Letters of the short form are found right to left, each one
    left of the last; the first must open a word."""
    s, j = len(short) - 1, len(long) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while j >= 0 and (long[j].lower() != c or (s == 0 and j > 0 and long[j - 1].isalnum())):
            j -= 1
        if j < 0:
            return None
        j -= 1
        s -= 1
    return long.rfind(" ", 0, j + 1) + 1


def _long_form_before(doc: Doc, paren: int, short: str) -> tuple[int, int] | None:
    """The token span of the long form ending right before ``paren``, within its sentence."""
    lower = tokens(doc).sentence(paren)[0]
    words = min(len(short) + 5, 2 * len(short))
    start = paren
    while start > lower and paren - start < words and not doc[start - 1].is_punct:
        start -= 1
    if start == paren:
        return None
    return _match(doc, start, paren, short)


def _long_form_inside(doc: Doc, paren: int, short: str) -> tuple[int, int] | None:
    """The long form filling the parentheses opening at ``paren`` ('DRDO (Defence …)')."""
    sent_end = tokens(doc).sentence(paren)[1]
    close = next(
        (k for k in range(paren + 1, min(sent_end, paren + _MAX_INSIDE + 2)) if doc[k].text == ")"),
        None,
    )
    if close is None or close - paren < 3:
        return None
    span = _match(doc, paren + 1, close, short)
    first = paren + 1
    while first < close and doc[first].lower_ in _DETERMINERS:
        first += 1
    return span if span and span[0] == first else None  # the whole inside, nothing left over


def _match(doc: Doc, start: int, end: int, short: str) -> tuple[int, int] | None:
    """The token span of ``doc[start:end]`` that ``best_long_form`` finds, less an article."""
    base = doc[start].idx
    offset = best_long_form(short, doc[start:end].text)
    if offset is None:
        return None
    first = next((k for k in range(start, end) if doc[k].idx >= base + offset), None)
    if first is None:
        return None
    while first < end and doc[first].lower_ in _DETERMINERS:
        first += 1
    return (first, end) if end - first >= 2 else None


def _is_name(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """Every content word capitalised, the first and the last too, and no person's title."""
    words = [t.text for t in doc[start:end] if not (t.is_punct and t.text not in "&")]
    if len(words) < 2 or not words[0][:1].isupper() or not words[-1][:1].isupper():
        return False
    if any(not w[:1].isupper() and w.lower() not in _FUNCTION_WORDS for w in words):
        return False
    return key_words(doc[start:end].text) not in lex.titles
