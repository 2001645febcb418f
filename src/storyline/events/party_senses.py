"""Verb senses that tell no act between parties: cooperation with no one but oneself.

PETRARCH2's bare rows of material cooperation (CAMEO 060) are coded towards a party: the row's
object, or a second creator. News uses the same verbs for one party's own affairs: growing its
own things ("stepped up his cautious tactics", "boosted its quarterly dividend") or bringing
something into being ("Apple Corps was founded by the Beatles"). Neither has a second party,
so neither is cooperation (``senses.other_sense`` asks these rules with the others).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from spacy.tokens import Token

from storyline.events.lexicon import Entry, Lexicon, settings

#: Possessives that make an object its subject's own ("stepped up his cautious tactics"); not
#: "their", which is as often both parties' ("deepening their bilateral ties").
OWN_POSSESSIVES = frozenset({"its", "his", "her", "our", "my"})


@cache
def _conf() -> dict[str, frozenset[str]]:
    conf = settings()["senses"]
    return {key: frozenset(conf[key]) for key in ("party_cooperation_codes", "creation_blocks")}


def created_alone(entry: Entry, verb: Token) -> bool:
    """Is ``verb``, matched by a bare row of PETRARCH2's ENACT block (``events.toml [senses]
    creation_blocks``: "found", "establish", "institute", "constitute", "enact", CAMEO 060), the
    act of one creator bringing its object into being? The thing created is no party the
    creator cooperates with, so with a single creator, or none named, no cooperation is told:
    "Apple Corps was founded by the Beatles in 1968", "he founded NeXT" (MEANTIME), "the North
    Atlantic Treaty Organization was founded to halt …" (TimeBank), "a party of Turkmenistan
    industrialists … was established in August 2012", "former president George W. Bush enacted
    several highly controversial policies" (ECB+ topics 11 and 9; the tuning review pile judged
    the first a wrong type). Creators who are two or more ("Stefanski and Cheeks had quickly
    established a solid working relationship", ECB+; "the two countries established a joint
    commission") cooperate in the act and keep the row, and so do the block's own patterns
    ("ESTABLISH * RELATIONS")."""
    if entry.pos != "V" or len(entry.slots) > 1 or entry.origin != "petrarch":
        return False
    block = entry.note.split(":")[0].removeprefix("CAMEO.2.0 ")
    if block not in _conf()["creation_blocks"]:
        return False
    creators = [c for c in verb.children if c.dep_ == "nsubj"]
    creators += [g for c in verb.children if c.dep_ == "agent" for g in c.children]
    several = [
        c
        for c in creators
        if c.tag_ in ("NNS", "NNPS") or any(g.dep_ == "conj" for g in c.children)
    ]
    return not several


def cooperates_with_no_party(
    entry: Entry,
    verb: Token,
    on_things: Callable[[Token], bool],
    names_party: Callable[[Token], bool],
    lexicon: Lexicon,
) -> bool:
    """Is ``verb``, matched by a bare verb row of unspecified material cooperation (``events.toml
    [senses] party_cooperation_codes``: CAMEO 060, PETRARCH2's bare "BOOST", "EXPAND",
    "INCREASE", "STEP UP" …), done to the subject's own things alone, with no party in its
    phrase? Then the subject only makes its own affairs bigger, and no cooperation with
    another party is told.

    PETRARCH2 codes these rows towards a party (they are dyad rows: the object is the target)
    and lists the things that take the verbs in the blocks' own patterns ("INCREASE * AID",
    "EXPAND * TIES"), which stay more specific than the bare row. An object the subject owns
    (``OWN_POSSESSIVES``: "its", "his", "our") names no other party: "Thompson briefly stepped
    up his cautious tactics" (ECB+ topic 7, judged a wrong type in the tuning review pile),
    "the bank is increasing its loan-loss reserves", "boosted its quarterly dividend"
    (TimeBank), "we plan to increase our revenue" (MEANTIME). An object that names an act
    the lexicon codes keeps the row, as a noun of its own ("strengthen their cooperation",
    ``names_an_act``) or as the verb's own form ("increased its purchases of Russian oil",
    "expand its trade", the briefing set's articles); so do an object naming a party and a
    party reached through a preposition ("supply tankers to the RAF"). "Their" is left out: it
    is often both parties' ("deepening their bilateral ties", the demo corpus)."""
    if entry.pos != "V" or (len(entry.slots) > 1 and "particle" not in entry.when):
        return False
    if entry.cameo not in _conf()["party_cooperation_codes"] or not on_things(verb):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects or not all(_own(noun) for noun in objects):
        return False
    if any(lexicon.candidates("V", noun.lemma_.lower()) for noun in objects):
        return False  # the verb's own form names the act: "its purchases", "its exports"
    reached = [
        g
        for prep in verb.children
        if prep.dep_ in ("prep", "dative", "agent")
        for g in prep.children
        if g.dep_ == "pobj"
    ]
    return not any(names_party(noun) for noun in reached)


def _own(noun: Token) -> bool:
    """Does ``noun`` carry a possessive that makes it its clause's subject's own ("his
    tactics", "its dividend")?"""
    return any(c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES for c in noun.children)
