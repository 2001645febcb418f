"""A bare definite "the country" names the nearest country named before it.

News refers back to a country it has just named with its class noun: "his first trip to Russia
since the country deployed troops into Ukraine", "Pakistan recorded 2,756 new cases … The
country has 376,929 confirmed cases". Left alone, such a subject codes an event with no actor
("someone mobilised"). A definite description whose head is the class of a named antecedent is
anaphoric to it (Vieira & Poesio 2000, "direct anaphora"; OntoNotes and MUC-7 link "the country"
to the named country), and recency picks among candidates, as for pronouns. Only the bare phrase
refers back: a modifier or a clause makes a description of its own ("the host country", "the
country that joined last").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from storyline.events.lexicon import settings
from storyline.events.references import ActorRef
from storyline.models import Mention

if TYPE_CHECKING:
    from storyline.events.actors import ActorResolver

#: Dependents that make the phrase a description of its own, not a reference back.
_RESTRICTING = frozenset(
    {"amod", "compound", "nmod", "poss", "nummod", "relcl", "acl", "appos", "prep", "quantmod"}
)


def refers_back(head: Token) -> bool:
    """Is ``head`` a bare "the country"/"the nation" (singular, "the" its only dependent)?"""
    nouns = settings()["actors"]["definite_country_nouns"]
    if head.tag_ != "NN" or head.lemma_.lower() not in nouns:
        return False
    dets = [c.lower_ for c in head.children if c.dep_ in ("det", "predet")]
    return dets == ["the"] and not any(c.dep_ in _RESTRICTING for c in head.children)


def country_antecedent(actors: ActorResolver, head: Token) -> list[ActorRef] | None:
    """The country "the country" at ``head`` refers back to: the nearest country named before
    it in its sentence, else in the nearest earlier sentence (within ``group_window``) naming
    one; None when none is named or the phrase is not a bare reference."""
    if not refers_back(head):
        return None
    from storyline.entities.lexicon import lexicon

    places = lexicon()
    for _, before in actors.mentions_back(head):
        named: list[Mention] = [
            m
            for m in before
            if actors.label_of(m) == "GPE" and places.country_of_place(m.text) is not None
        ]
        if named:
            return [actors._from_mention(named[-1], f"definite:{head.text}")]
    return None
