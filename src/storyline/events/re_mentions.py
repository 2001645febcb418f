"""An act told twice in one article takes the finer of its two dates (``ReMentionDates``).

News often tells an act once in a clause dated loosely ("two years after Manila signed a $374.96
million contract for three batteries": a year) and names it again as the thing it made, a
definite noun phrase with a participle or a relative clause of the same verb that carries the
day: "The contract, signed on January 28, 2022, was the first major export order". Such a
definite description refers back to the thing the earlier clause introduced (Vieira & Poesio
2000, direct anaphora: same head noun), and its participle re-tells the act that made it. The
construction recurs across unrelated news sets: AQUAINT APW20000124.0182 ("Canadian
authorities issued a nationwide arrest warrant Monday … The Canadian warrant issued Monday
charged Kopp"), TimeBank wsj_0583 ("Polly Peck's agreement to acquire … the accord, which was
announced Friday") and ECB+ 9_4ecb ("The Bush administration issued two late-term regulations
on Thursday … The rules announced Thursday would allow …").

Only the safe core is read: the re-mention's head noun is the lemma of what the event's verb
acted on (its object, or a passive's subject), the participle or relative clause has the
verb's own lemma, and the two dates nest (the re-mention's lies inside the event's: a year and
a day in that year). Then they are one act, and the finer date is its date. Paraphrases ("the
rules announced" after "issued regulations") would need a synonym resource and are left alone;
a clause that names a doer the event does not name ("the contract signed by Vietnam in March")
is another act.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from storyline.events.clause_time import ClauseSyntax
from storyline.events.matching import Coded
from storyline.models import Timex
from storyline.nlp_tokens import tokens

#: Determiners that make a noun phrase definite, so that it can refer back.
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
#: What a verb acts on: its object, or the subject of its passive.
ACTED_ON = frozenset({"dobj", "nsubjpass"})
#: The pronouns that open a relative clause and stand for the noun it describes.
RELATIVE_PRONOUNS = frozenset({"WDT", "WP"})


class ReMention(NamedTuple):
    """A definite noun re-told by a dated participle or relative clause: "the contract,
    signed on January 28, 2022"."""

    noun: Token
    verb: Token
    timex: Timex
    value: str


class FinerDate(NamedTuple):
    """The finer date a re-mention gives an event, the words it came from and why."""

    value: str
    text: str
    note: str


class ReMentionDates:
    """The dated re-mentions of one parsed document, by the lemma of their head noun."""

    def __init__(
        self,
        parsed: Doc,
        timexes: Sequence[Timex],
        spans: Mapping[str, Span | None],
        syntax: ClauseSyntax,
        dated: Callable[[Timex], str | None],
    ) -> None:
        """``dated`` gives a timex's calendar value, or None for one that cannot date an act
        (a bound such as "since 2017", a clock time's duration)."""
        self.by_noun: dict[str, list[ReMention]] = {}
        # the token table's tags pick the common nouns: no spaCy ``Token`` for the rest
        for i, pos in enumerate(tokens(parsed).pos):
            if pos != "NOUN":
                continue
            noun = parsed[i]
            if not definite(noun):
                continue
            for clause in noun.children:
                if not describing_clause(clause):
                    continue
                for timex in timexes:
                    value = dated(timex)
                    if value and syntax.attached_to(spans.get(timex.id), {clause.i}):
                        found = ReMention(noun, clause, timex, value)
                        self.by_noun.setdefault(noun.lemma_.lower(), []).append(found)

    def finer(self, coded: Coded, date: str | None) -> FinerDate | None:
        """The finer date a re-mention of what ``coded`` made gives it, when its own ``date``
        is a year or a month that holds the re-mention's date; else None."""
        if not date or len(date) >= 10 or not self.by_noun:
            return None
        verb = coded.anchor
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        lemma = verb.lemma_.lower()
        for thing in acted_on(verb):
            for again in self.by_noun.get(thing.lemma_.lower(), []):
                if again.noun.i == thing.i or again.verb.lemma_.lower() != lemma:
                    continue
                if not again.value.startswith(date) or len(again.value) <= len(date):
                    continue
                if other_doer(again.verb, coded):
                    continue
                told = again.noun.doc[again.noun.left_edge.i : again.verb.right_edge.i + 1].text
                note = (
                    f"date from '{again.timex.text}' ({again.timex.id}), in its re-mention "
                    f"'{told}', finer than its own {date}"
                )
                return FinerDate(again.value, again.timex.text, note)
        return None


def definite(noun: Token) -> bool:
    """Does the noun phrase refer (a definite determiner or a possessive in front)?"""
    return any(
        (c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS) or c.dep_ == "poss"
        for c in noun.children
        if c.i < noun.i
    )


def describing_clause(clause: Token) -> bool:
    """A past participle ("the contract, signed on …") or a relative clause ("the contract,
    which was signed on …", "the deal that Manila signed in …") describing its noun."""
    return (clause.dep_ == "acl" and clause.tag_ == "VBN") or clause.dep_ == "relcl"


def acted_on(verb: Token) -> list[Token]:
    """The common nouns the verb acts on, with the nouns coordinated with them."""
    things = [c for c in verb.children if c.dep_ in ACTED_ON and c.pos_ == "NOUN"]
    return things + [c for t in things for c in t.children if c.dep_ == "conj" and c.pos_ == "NOUN"]


def other_doer(clause: Token, coded: Coded) -> bool:
    """Does the re-mention's clause name a doer the event does not ("the contract signed by
    Vietnam", "the deal that Hanoi signed")? Then it tells another act. A pronoun ("the deal
    it signed") names no one new."""
    doers = [
        c for c in clause.children if c.dep_ == "nsubj" and c.tag_ not in RELATIVE_PRONOUNS
    ] + [o for c in clause.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    doers = [d for d in doers if d.pos_ != "PRON"]
    if not doers:
        return False
    named = {w.lower() for source in coded.sources for w in source.text.split()}
    return not any(
        w.lower_ in named for doer in doers for w in doer.subtree if w.pos_ in ("PROPN", "NOUN")
    )
