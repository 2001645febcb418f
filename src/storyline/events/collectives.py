"""Noun phrases that stand for the actor named inside them: "leaders of the opposition
coalition", "thousands of students", "countries such as China, Iran and Saudi Arabia", and a
country's people ("the people of Turkmenistan", ECB+; "the 20 million residents of Delhi", the
articles set; "residents of Loudon county", TimeBank): PETRARCH2 codes a civilian agent noun
with a place as that place's civilians (its agents dictionary's CVL sector), so the place is
who acts, as PLOVER's coders take it.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Token

from storyline.events.lexicon import civilian_nouns, settings
from storyline.events.references import ActorRef

if TYPE_CHECKING:
    from storyline.events.actors import ActorResolver

#: The rule of an actor read as a place's people: the place, though no named actor speaking
#: for itself ("residents of Delhi protested" is a protest by a crowd, not a statement)
CIVILIANS = "civilians of a place"
#: The labels of a place whose people a civilian noun names
PLACE_LABELS = frozenset({"GPE", "LOC"})


@cache
def _heads() -> tuple[frozenset[str], frozenset[str]]:
    conf = settings()["actors"]
    return frozenset(conf["collective_heads"]), frozenset(conf["partitive_heads"])


def named_inside(resolver: ActorResolver, head: Token, depth: int) -> list[ActorRef] | None:
    """The actors named inside the phrase headed by ``head`` that it stands for, or None: a
    partitive's whatever it quantifies, a collective head's named organisation, a civilian
    noun's named place, the members listed after "such as"."""
    forms = {head.lemma_.lower(), head.lower_}
    collective, partitive_heads = _heads()
    partitive = bool(forms & partitive_heads) or _count(head)
    grouped = bool(forms & collective)
    # a count of them is a crowd from the place, not the place ("thousands of residents of
    # Delhi protested" is a protest)
    civilian = depth == 0 and bool(forms & civilian_nouns())
    if grouped and not partitive:
        owner = _named_owner(resolver, head) or _members(resolver, head, depth)
        if owner is not None:
            return owner
    if head.pos_ == "NOUN" and not partitive and forms & resolver.actor_nouns:
        named = _organisation_before(resolver, head)
        if named is not None:
            return named
    if depth < 2 and (partitive or grouped or civilian):
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                for obj in child.children:
                    if obj.dep_ != "pobj":
                        continue
                    inner = resolver.resolve(obj, depth + 1)
                    if not inner:
                        continue
                    if partitive or (grouped and any(r.mention for r in inner)):
                        return inner
                    if civilian and all(r.mention and r.label in PLACE_LABELS for r in inner):
                        return [replace(r, rule=CIVILIANS) for r in inner]
    for child in head.children:  # "countries such as China, Iran and Saudi Arabia"
        if (
            child.dep_ == "prep"
            and child.lower_ == "as"
            and any(g.lower_ == "such" for g in (*head.children, *child.children))
        ):
            listed = [r for g in child.children if g.dep_ == "pobj" for r in resolver.resolve(g)]
            if any(r.mention for r in listed):
                return listed
    return None


def _count(head: Token) -> bool:
    """A number or a share heading its "of" phrase is a partitive too: "90% of GM's bondholders
    would agree" (MEANTIME), "two of the gunmen", "12 of the 15 council members" (the model's
    CARDINAL or PERCENT): the counted people act, a number is no actor (``parties``)."""
    return head.like_num or head.text == "%" or head.ent_type_ in ("CARDINAL", "PERCENT")


def _organisation_before(resolver: ActorResolver, head: Token) -> list[ActorRef] | None:
    """The organisation named in front of an agent noun, which acts through the people or the
    body the noun names: "Red Cross officials suspended aid", "Hezbollah guerrillas killed",
    "the Taliban religious faction" (PLOVER), "TDCJ officials could answer few questions",
    "Interior Department officials defended" (ECB+), "USAF officials said" (MEANTIME). PETRARCH2
    codes such a phrase as the named actor with the noun's sector (Phoenix.agents.txt: an agent
    noun refines the actor beside it), and its actor dictionaries list the organisation, not its
    officials. A country or a nationality in front ("U.S. officials", "Israeli soldiers") is
    left as it is: the phrase says which of the country's people act."""
    for child in sorted(head.children, key=lambda c: -c.i):
        if child.dep_ not in ("compound", "nmod") or child.pos_ != "PROPN" or child.i > head.i:
            continue
        mention = resolver.mention_at(child)
        if mention is None or resolver.label_of(mention) != "ORG" or _demonym(mention.text):
            continue
        return [r for r in resolver.resolve(child, 2) if r.mention is mention] or None
    return None


def _members(resolver: ActorResolver, head: Token, depth: int) -> list[ActorRef] | None:
    """The people a group consists of, named in its "of" phrase by a plural noun of persons: "A
    group of Yoruba leaders announced" (PLOVER), "A group of Washington politicians released a
    joint statement" (MEANTIME): the group is those leaders, its head only counts them. Only an
    indefinite singular head counts ("a group of", "a delegation of"): "Family members of the
    four murder victims" (ECB+) are the victims' relatives, not the victims; and a singular "of"
    phrase ("members of parliament", "leaders of the opposition") names a body, which the rules
    above read."""
    indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)
    if head.tag_ != "NN" or not indefinite:
        return None
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ != "of" or depth >= 2:
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and obj.tag_ == "NNS" and resolver.is_actorish(obj):
                return resolver.resolve(obj, depth + 1) or None
    return None


def _demonym(name: str) -> bool:
    """A nationality word the model typed ORG ("the Ugandan president")."""
    from storyline.entities.lexicon import lexicon

    return lexicon().country_of_demonym(name) is not None


def _named_owner(resolver: ActorResolver, head: Token) -> list[ActorRef] | None:
    """The organisation a group is named for, before its list of members: "the Red Sox team of
    owner John Henry, COO Larry Lucchino and General Manager Theo Epstein" (ECB+), "The Tennis
    Podcast team of Catherine Whitaker, David Law and Matt Roberts" (the articles set) is the
    Red Sox, the podcast: the members are who it consists of, the team acts as its club."""
    if not any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return None
    for child in head.children:
        if child.dep_ != "compound":
            continue
        mention = resolver.mention_at(child)
        if mention is not None and resolver.label_of(mention) == "ORG":
            return [r for r in resolver.resolve(child, 2) if r.mention is mention] or None
    return None
