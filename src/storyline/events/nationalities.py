"""A nationality word standing for a party is its country (issue 15).

News names a party by its nationality adjective: "the Indian navy", "Somali pirates", "Greek
police", "Israeli tanks". Event data codes such a word as the country's actor: the PLOVER gold
codes "Senior Hungarian and Romanian officials" as HUN and ROU and "Israeli tanks" as ISR, and
PETRARCH2's country dictionary lists the demonyms among the names of their country ("SOMALI",
"SOMALIAN" under SOMALIA). So when events are compared, a nationality party is one key per
country (``party_key``: "Somali" and "Somalian" alike), and it meets its country ("India") and
that country's state bodies whose name holds the country or its demonym ("Indian Navy",
"Russian Foreign Ministry": ``stood_for``), never its people: "Russian" is not Sergey Lavrov.
A report that names one of the country's bodies itself has said which body it means, so its
nationality word stands for no other body (``shared_parties``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.events.canonical_actors import actor_key
from storyline.models import Actor

if TYPE_CHECKING:
    from storyline.events.grouping import Group

#: The key prefix of a nationality party: "nation:India" for "Indian".
NATION = "nation:"
#: CAMEO's state sectors (government, military, police, judiciary, legislature; CAMEO manual
#: v1.1b3, ch. 2): an organisation of these, named with its country, acts for the country.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})
#: Labels of names that are never a nationality: people, and places (a place is itself).
_NOT_NATIONALITIES = frozenset({"PERSON", "GPE", "LOC", "FAC"})


def nationality(actor: Actor) -> str | None:
    """The country a nationality-adjective party names, or None: a NORP mention the entity
    layer's demonyms or PETRARCH2's country dictionary know ("Somalian"), or another non-person,
    non-place name the demonym tables know ("Somalis" read as a name)."""
    from storyline.entities.actor_affiliation import nationality_country
    from storyline.entities.lexicon import lexicon

    if actor.label in _NOT_NATIONALITIES:
        return None
    word = actor.name or actor.text
    if actor.label == "NORP":
        return nationality_country(word)
    return lexicon().country_of_demonym(word)


def party_key(actor: Actor) -> str:
    """Who an actor is when events are compared: a nationality its country's nation key, any
    other actor its entity (``canonical_actors.actor_key``)."""
    country = nationality(actor)
    return f"{NATION}{country}" if country else actor_key(actor)


def stood_for(actor: Actor) -> str | None:
    """The country whose nationality word may stand for ``actor``: a country itself, or a state
    body (``STATE_SECTORS``) whose name holds the country or its demonym ("Indian Navy");
    never a person, a town or any other organisation."""
    from storyline.entities.actor_affiliation import country_in_name

    if not actor.country:
        return None
    if actor.label == "GPE" and actor.name == actor.country:
        return actor.country
    if actor.label != "ORG" or actor.sector not in STATE_SECTORS:
        return None
    return actor.country if country_in_name(actor.name or actor.text) == actor.country else None


def shared_parties(a: Group, b: Group) -> set[str]:
    """``a``'s parties that are parties of ``b``: the same entity, or a nationality of one and
    its country or state body in the other (module doc), unless the nationality's own report
    names a body of that country itself."""
    a_free, b_free = _free_nations(a), _free_nations(b)
    b_bodies = set(b.bodies.values())

    def met(key: str) -> bool:
        if key in b.participants:
            return True
        country = key.removeprefix(NATION)
        if key.startswith(NATION) and country in a_free and country in b_bodies:
            return True
        return a.bodies.get(key) in b_free

    return {key for key in a.participants if met(key)}


def parties_within(small: Group, large: Group) -> bool:
    """Every party of ``small`` is a party of ``large`` (``shared_parties``)."""
    return shared_parties(small, large) == small.participants


def _free_nations(group: Group) -> set[str]:
    """The countries a group names by nationality alone (none of their bodies named)."""
    named = {k.removeprefix(NATION) for k in group.participants if k.startswith(NATION)}
    return named - set(group.bodies.values())
