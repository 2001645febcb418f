"""Who receives what a verb of giving or sending moves: the recipient, never the thing moved.

A transfer has three roles (PropBank give.01 / send.01 / deliver.01: Arg0 the giver, Arg1 the
thing given, Arg2 the recipient; FrameNet Giving: Donor, Theme, Recipient), and only the giver
and the recipient are actors of the event. English puts them in two patterns:

* the prepositional pattern: "X delivered missiles to Y", passive "missiles were delivered to
  Y" — the recipient is the "to" phrase, the object or passive subject is the theme;
* the double-object pattern: "X sent Y a letter", passive "Y was sent a letter" — the recipient
  is the first object or the passive subject, and the theme stays behind as an object.

So a passive subject of a verb of giving is the recipient only when the verb keeps an object
("Ukraine was given weapons"); otherwise it is the thing moved ("a second batch of howitzers was
delivered to Estonia"; MEANTIME: "the first A380 … was delivered today to Singapore Airlines"),
and the target is the "to" phrase if any. The verbs are events.toml [actors] giving_verbs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Token

from storyline.events.actors import ActorRef, ActorResolver
from storyline.events.lexicon import weapon_nouns
from storyline.events.pointed import actors_after, nation

if TYPE_CHECKING:
    from storyline.events.matching import Coded


def recipient(resolver: ActorResolver, verb: Token, giving: frozenset[str]) -> list[ActorRef]:
    """The actor a verb of giving gives to ("sent troops to Liberia"), if any."""
    if verb.lemma_.lower() not in giving:
        return []
    for prep in verb.children:  # spaCy marks "to" of a giving verb prep or dative
        if prep.dep_ in ("prep", "dative") and prep.lower_ == "to":
            for obj in prep.children:
                if obj.dep_ == "pobj" and resolver.mention_at(obj) is not None:
                    return resolver.resolve(obj)
    return []


def passive_transfer(
    resolver: ActorResolver, verb: Token, patients: Sequence[Token], giving: frozenset[str]
) -> tuple[list[ActorRef], str] | None:
    """The targets of a passive verb of giving, with a note, or None when ``verb`` is no such
    verb: the "to" recipient; else the passive subject when the verb keeps its theme as an
    object ("Ukraine was given weapons"); else none, since the subject is the thing moved."""
    if verb.lemma_.lower() not in giving or not patients:
        return None
    theme = ", ".join(p.text for p in patients)
    given = recipient(resolver, verb, giving)
    if given:
        return given, f"target is the recipient 'to {given[0].text}' ('{theme}' is what moved)"
    if any(c.dep_ in ("dobj", "dative") for c in verb.children):
        found = [r for p in patients for r in resolver.resolve(p)]
        return found, f"target is the recipient '{theme}' (the theme stays the object)"
    return [], f"'{theme}' is what was moved, not a target"


def sender_of(resolver: ActorResolver, words: Sequence[Token]) -> list[ActorRef]:
    """For a letter or message: the actor it is "from" (the deliverer only carries it)."""
    for token in words:
        found = actors_after(resolver, token, "from")
        if found is not None:
            return found
    return []


def fired_at_a_place(coded: Coded) -> bool:
    """Weapons arriving (a ``subj:moved`` row: "missiles reached …") at a town or an area were
    fired at it, not delivered ("rockets fired from Gaza reached Tel Aviv"): a delivery goes to
    its buyer, a country or an organisation ("the first BrahMos missiles reached the
    Philippines"), as PLOVER's AID target is the recipient. The weapons are ``events.toml
    [weapons]``' instruments; other goods may arrive anywhere ("relief supplies arrived in
    Gaza")."""
    weapons = weapon_nouns()
    if not any(token.lemma_.lower() in weapons for token in coded.tokens):
        return False
    return not any(ref.label == "ORG" or nation(ref.text) for ref in coded.targets)
