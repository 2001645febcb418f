"""Dependency-parse helpers for figures: clauses, subjects, names, noun-phrase rendering.

The figures layer reads what a number measures off the parse; these are the small, general
pieces it needs: the clause a token sits in, a verb's subject (through "aim to increase"), the
name a noun stands for, what "its" or "his" points to, and a noun phrase rendered without
determiners, numbers and evaluative words. Turning names into parties is ``parties``' job.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from storyline.figures.numbers import lexicon
from storyline.nlp import doc_ents, span_ents

NOUNS = ("NOUN", "PROPN")
VERBS = ("VERB", "AUX")
PARTICLES = ("aside", "up", "out", "off", "back", "down", "away", "over")
PARTY_LABELS = ("GPE", "LOC", "ORG", "PERSON", "NORP")
POSSESSIVE_PRONOUNS = {"its", "their", "his", "her"}
MAX_CLIMB = 12
COUNT_ROLES = ("dobj", "nsubj", "nsubjpass")


@dataclass
class Context:
    """One parsed document, indexed once for every figure in it."""

    doc: Doc
    title: str | None = None
    ents: dict[int, Span] = field(default_factory=dict)
    sents: list[Span] = field(default_factory=list)
    sent_of: dict[int, int] = field(default_factory=dict)  # token index -> sentence index
    numbers: set[int] = field(default_factory=set)  # tokens inside any number expression

    @classmethod
    def of(cls, doc: Doc, title: str | None) -> Context:
        ents = {i: ent for ent in doc_ents(doc) for i in range(ent.start, ent.end)}
        sents = list(doc.sents)
        sent_of = {i: n for n, sent in enumerate(sents) for i in range(sent.start, sent.end)}
        return cls(doc=doc, title=title, ents=ents, sents=sents, sent_of=sent_of)

    def previous_sentence(self, token: Token) -> Span | None:
        n = self.sent_of.get(token.i, 0)
        return self.sents[n - 1] if n > 0 else None


@dataclass(frozen=True)
class Words:
    generic: frozenset[str]
    frames: frozenset[str]
    rise: frozenset[str]
    level_verbs: frozenset[str]
    fall: frozenset[str]
    source_verbs: dict[str, str]
    supplier_verbs: frozenset[str]
    drop: frozenset[str]
    participles: dict[str, str]
    rise_words: frozenset[str]
    fall_words: frozenset[str]
    priority: tuple[str, ...]


@cache
def words() -> Words:
    lex: dict[str, Any] = lexicon()
    m, p = lex["measures"], lex["participants"]
    return Words(
        generic=frozenset(m["generic"]),
        frames=frozenset(m["frames"]),
        rise=frozenset(m["rise"]),
        level_verbs=frozenset(m["level_verbs"]),
        fall=frozenset(m["fall"]),
        source_verbs=dict(m["source_verbs"]),
        supplier_verbs=frozenset(m["supplier_verbs"]),
        drop=frozenset(m["drop_modifiers"]),
        participles=dict(lex["verbs"]["participles"]),
        rise_words=frozenset(m["rise_words"]),
        fall_words=frozenset(m["fall_words"]),
        priority=tuple(p["priority"]),
    )


# ---------------------------------------------------------------- syntax helpers


def clause_head(token: Token) -> Token:
    """The nearest verb at or above ``token`` (the sentence root when there is none)."""
    current = token
    for _ in range(MAX_CLIMB):
        if current.pos_ in VERBS or current.head == current:
            return current
        current = current.head
    return current


def subject(verb: Token) -> Token | None:
    """The verb's subject, or its controller's for "aim to increase", "rose and reached"."""
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if verb.dep_ not in ("xcomp", "conj") or verb.head == verb:
            return None
        verb = verb.head
    return None


def is_frame(token: Token) -> bool:
    return token.lemma_.lower() in words().frames and not content_compounds(token)


def content_compounds(token: Token) -> list[Token]:
    return [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]


def _is_name_only(token: Token, ctx: Context) -> bool:
    """A noun phrase that is just a name ("Siemens", "India") names a party, not a quantity."""
    ent = ctx.ents.get(token.i)
    return ent is not None and ent.label_ in PARTY_LABELS and ent.root == token


def content_np(token: Token | None, avoid: set[int], ctx: Context, names: bool = False) -> bool:
    """A noun that can be a measured thing (a name only where a change of it is meant)."""
    return (
        token is not None
        and token.pos_ in NOUNS
        and token.i not in avoid
        and token.i not in ctx.numbers
        and not token.like_num
        and not is_frame(token)
        and (names or not _is_name_only(token, ctx))
    )


# ---------------------------------------------------------------- rendering


def word(token: Token, ctx: Context) -> str:
    text = token.text.replace("’", "'")
    if token.pos_ == "PROPN" or token.i in ctx.ents:
        return text
    return text.lower()


def named(token: Token, ctx: Context, guess: bool = False) -> Span | None:
    """The party a noun names: itself, or its apposition ("Prime Minister, Narendra Modi").

    With ``guess``, a proper noun the model left untagged ("Xi Jinping") is taken as a name:
    a person when it has two or more words, else an organisation.
    """
    for candidate in (token, *(c for c in token.children if c.dep_ in ("appos", "compound"))):
        ent = ctx.ents.get(candidate.i)
        if ent is not None and ent.label_ in PARTY_LABELS:
            return ent
    if guess and token.pos_ == "PROPN" and token.i not in ctx.ents:
        start = token.i
        while (
            start > 0
            and ctx.doc[start - 1].dep_ == "compound"
            and ctx.doc[start - 1].pos_ == "PROPN"
        ):
            start -= 1
        return Span(ctx.doc, start, token.i + 1, label="PERSON" if token.i > start else "ORG")
    return None


def resolve_possessive(token: Token, ctx: Context) -> list[Span]:
    """Who "its"/"their"/"his"/"her" points to: the clause subject or the nearest name before."""
    lower = token.lower_
    if lower in ("its", "their"):
        subj = subject(clause_head(token))
        if subj is not None and subj.i != token.i:
            ent = named(subj, ctx)
            if ent is not None:
                conjuncts = [named(c, ctx) for c in subj.children if c.dep_ == "conj"]
                return [ent, *(c for c in conjuncts if c is not None)]
        if lower == "their":
            return []
        labels: tuple[str, ...] = ("GPE", "ORG")
    elif lower in ("his", "her"):
        labels = ("PERSON",)
    else:
        return []
    before = [e for e in span_ents(token.sent) if e.end <= token.i and e.label_ in labels]
    if before:
        return [before[-1]]
    previous = ctx.previous_sentence(token)
    if lower in ("his", "her") and previous is not None:
        earlier = [e for e in span_ents(previous) if e.label_ in labels]
        if earlier:
            return [earlier[-1]]
    return []


@dataclass
class Rendered:
    text: str
    tokens: list[Token]
    referents: list[Span]


def render_np(
    noun: Token,
    ctx: Context,
    avoid: set[int],
    preps: Sequence[str] = ("of", "from", "between", "with", "to", "as", "in", "on"),
) -> Rendered:
    """The noun phrase of ``noun`` without determiners, numbers and evaluative words."""
    lex = words()
    kept: dict[int, str] = {}
    referents: list[Span] = []

    def left(token: Token) -> None:
        for child in token.lefts:
            if child.i in avoid or child.i in ctx.numbers or child.like_num:
                continue
            if child.dep_ in ("det", "predet", "nummod", "quantmod"):
                continue
            if child.dep_ == "poss" and child.lower_ in POSSESSIVE_PRONOUNS:
                targets = resolve_possessive(child, ctx)
                referents.extend(targets)
                if len(targets) == 1:
                    kept[child.i] = possessive(targets[0].text.replace("’", "'"))
                elif targets:
                    kept[child.i] = "–".join(t.text for t in targets)
                continue
            if child.dep_ == "amod" and child.tag_ in ("VBG", "VBN", "JJS"):
                continue
            if child.dep_ in ("amod", "compound") and child.lower_ in lex.drop:
                continue
            if child.dep_ == "punct" and child.text not in ("-", "–"):
                continue
            if child.dep_ in ("compound", "nmod", "amod", "poss", "punct", "npadvmod"):
                left(child)
                kept[child.i] = word(child, ctx)
                for grand in child.rights:
                    if grand.dep_ in ("case", "punct") and grand.text in ("'s", "’s", "-", "–"):
                        kept[grand.i] = grand.text.replace("’", "'")

    def phrase(token: Token, depth: int) -> None:
        left(token)
        kept[token.i] = word(token, ctx)
        if depth > 1:
            return
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ in preps and child.i not in avoid:
                objects = [g for g in child.children if g.dep_ == "pobj" and g.i not in avoid]
                if objects and not objects[0].like_num:
                    kept[child.i] = child.lower_
                    phrase(objects[0], depth + 1)
                    for conj in objects[0].children:
                        if conj.dep_ == "conj" and conj.pos_ in NOUNS:
                            cc = [c for c in objects[0].children if c.dep_ == "cc"]
                            if cc:
                                kept[cc[0].i] = cc[0].lower_
                            phrase(conj, depth + 1)
            elif child.dep_ == "case" and child.text in ("'s", "’s"):
                kept[child.i] = "'s"

    phrase(noun, 0)
    order = sorted(kept)
    tokens = [ctx.doc[i] for i in order]
    pieces = []
    for n, i in enumerate(order):
        pieces.append(kept[i])
        nxt = order[n + 1] if n + 1 < len(order) else None
        pieces.append(ctx.doc[i].whitespace_ if nxt == i + 1 else " ")
    return Rendered(_tidy("".join(pieces)), tokens, referents)


_SPACED_POSSESSIVE = re.compile(r"\s+('s)\b")
_PLURAL_POSSESSIVE = re.compile(r"s's\b")
_NAME_DASH = re.compile(r"\b([A-Z][\w.]*)\s*[-–]\s*(?=[A-Z])")
_SPACES = re.compile(r"\s+")


def _tidy(text: str) -> str:
    text = _SPACED_POSSESSIVE.sub(r"\1", text)
    text = _PLURAL_POSSESSIVE.sub("s'", text)
    text = _NAME_DASH.sub(r"\1–", text)
    return _SPACES.sub(" ", text).strip(" -–,")


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def plural(noun: str) -> str:
    if noun.endswith("s"):
        return noun
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    if re.search(r"(x|ch|sh)$", noun):
        return noun + "es"
    return noun + "s"


def participle(verb: Token) -> str:
    """ "cut" → "cut", "draw" → "drawn", "approve" → "approved", with a particle ("set aside")."""
    particle = "".join(
        f" {c.lower_}"
        for c in verb.rights
        if c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == verb.i + 1 and c.lower_ in PARTICLES)
    )
    return _participle(verb) + particle


def _participle(verb: Token) -> str:
    lemma = verb.lemma_.lower()
    if lemma in words().participles:
        return words().participles[lemma]
    if verb.tag_ in ("VBD", "VBN"):
        return verb.lower_
    if lemma.endswith("e"):
        return lemma + "d"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ied"
    return lemma + "ed"
