"""A party to an event is an actor: things, quantities, dates and abstract nouns are no source
or target.

TABARI and PETRARCH2 code a source or a target only from their actor dictionaries (countries,
international actors, named organisations and people) and their agent nouns (PETRARCH2's
``Phoenix.agents.txt``: "official", "protesters", "government"). In the PLOVER gold file every
party is such an actor or a phrase headed by one ("Afghan rebels", "Bush administration",
"Palestinian administrators"); none is a product, a model number, a date, a count or a common
noun of things ("the contract", "our economy", "the message"). The argument rules read a subject,
an object or a phrase as a party by its place in the parse; this is the last check, on what the
phrase names. A party needs an actor reading, in the dictionaries' and the parse's own terms:

- a name of an actor type (the entity layer's PERSON, ORG, GPE, NORP and places), unless it is
  a product's name, a maker's or line's name with its model number ("787 Dreamliner",
  "Rolls-Royce Trent 900": ``designated_product``; the entity layer already types "Boeing
  737-800", "Airbus A380" and "the Dreamliner" PRODUCT, ``entities.model_numbers``);
- a phrase headed by an agent noun, a noun of persons or a group of people (one of WordNet's
  two most frequent senses, the test PETRARCH2's agent heads pass here), a name the NER
  missed, or the occasion itself (``pointed.names_party``), or a pronoun resolved to one; or
  a phrase a name or an agent noun in it owns or operates ("Ithilen's sheep", "pirate boats");
- never a phrase whose head a product with its model number covers ("the Boeing 737-800", "it"
  for "the Airbus 380": ``things.thing_tokens``), nor a date, time, amount or measure ("by
  2011");
- nor a common noun that is none of the above ("the message said", "our economy is hurting",
  "new regulations prohibit");
- for violence, also what the act is done with or to, as PLOVER's coders take it ("a car bomb
  exploded", "the bridge was bombed": ``[roles] instrument_source_types``,
  ``thing_target_types``), and a count of its victims ("killed 12").

Seen in the tuning review pile (``benchmarks/event_review_tuning_21_after.tsv``: sources "Boeing
737-800", "Airbus 380", "787 Dreamliner", "2011", "message", "our economy"; targets "Boeing 767
tanker", "Airbus A380", "Dreamliner") and in MEANTIME's airline and carmaker news beyond the
pile; the PLOVER gold file has no party with a digit in it and none without a dictionary code
but one. A bare "tanker" or "business" stays: PETRARCH2's agents file lists both ([~BUS]) and
WordNet gives both a sense of people, so in the dictionaries' terms they are agent nouns.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from storyline.entities.lexicon import name_key
from storyline.entities.model_numbers import is_model_number
from storyline.events.actors import ActorResolver
from storyline.events.lexicon import people_sense_nouns, person_nouns, settings, thing_nouns
from storyline.events.matching import Coded
from storyline.events.pointed import names_party
from storyline.events.references import ActorRef
from storyline.events.triggers import is_event_word

#: Entity types of dates, times, amounts and measures (the model's), never a party.
NUMERIC_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL"})
#: An ordinal written with digits ("21st Century Fox"): no model number.
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.IGNORECASE)


def actor_parties(
    resolver: ActorResolver, coded: Coded, found: list[ActorRef], role: str
) -> list[ActorRef]:
    """The parties of ``found`` (``coded``'s sources or targets, ``role``) that read as actors.
    A role whose every party is refused is marked in ``coded.refused``: a row that needs two
    parties then codes nothing (``coder._dyad``), any other keeps what is left ("the Dreamliner
    will use less fuel" has no actor to do it; "Boeing agreed to lease … the Boeing 767 tanker"
    keeps Boeing)."""
    kept = []
    for ref in found:
        why = no_actor_reading(resolver, ref, role, coded)
        if why is None:
            kept.append(ref)
        else:
            coded.notes.append(f"'{ref.text}' is {why}: no {role}")
    if found and not kept:
        coded.refused.add(role)
    return kept


def no_actor_reading(resolver: ActorResolver, ref: ActorRef, role: str, coded: Coded) -> str | None:
    """Why ``ref`` (``coded``'s ``role``, "source" or "target") is no actor, or None when it
    reads as one (module doc)."""
    span = resolver.doc.char_span(ref.start, ref.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root
    if ref.mention is not None:
        made = head.dep_ in ("compound", "nmod") and _model_of_a_product(resolver, head.head)
        return "a product's name" if made or designated_product(resolver, span) else None
    if _named_thing(resolver, head) or _model_of_a_product(resolver, head):
        return "a product's name"
    roles = settings()["roles"]
    violent_target = role == "target" and coded.type in roles["thing_target_types"]
    if ref.rule == "operator" or names_party(resolver, _as_phrase(ref), coded.type):
        return None  # "officials", "thousands" (an agent noun), "the crew", "the summit"
    if {head.lemma_.lower(), head.lower_} & people_sense_nouns():
        return None  # "the Liz & Dick star": people in one of WordNet's two first senses
    if head.ent_type_ in NUMERIC_LABELS or head.like_num:
        counted = violent_target and head.ent_type_ in ("CARDINAL", "")
        return None if counted else "a date, an amount or a number"
    if resolver.names_owner(head) or _operated_by_an_agent(resolver, head):
        return None  # "Ithilen's sheep", "pirate boats": coded by the actor in the phrase
    if violent_target:
        return None  # "the bridge was bombed"
    instrument = _instrument(head) or coded.anchor in head.subtree
    if role == "source" and coded.type in roles["instrument_source_types"] and instrument:
        return None  # "a car bomb exploded", "an attempt to assassinate him was thwarted"
    return "a common noun that names no actor"


def _operated_by_an_agent(resolver: ActorResolver, head: Token) -> bool:
    """Does an agent noun in the phrase name who operates or owns its head: a compound ("pirate
    boats", "military helicopters": TimeBank) or the object of its "of" ("warships of several
    countries")? PETRARCH2 matches its agents anywhere in a noun phrase, as ``things.operator``
    reads "Israeli army bulldozers" (PLOVER) as the Israeli army."""
    for child in head.children:
        if child.dep_ in ("compound", "amod") and child.i < head.i and _agent(resolver, child):
            return True
        owners = [g for g in child.children if g.dep_ == "pobj"] if child.lower_ == "of" else []
        if child.dep_ == "prep" and any(_agent(resolver, g) for g in owners):
            return True
    return False


def _agent(resolver: ActorResolver, token: Token) -> bool:
    return (
        token.pos_ in ("NOUN", "ADJ")
        and {token.lemma_.lower(), token.lower_} & resolver.actor_nouns != set()
    )


def _named_thing(resolver: ActorResolver, head: Token) -> bool:
    """Does a designated product cover the phrase's head: a product with a model number in its
    name or before the same word elsewhere in the text ("the Dreamliner" after "the 787
    Dreamliner")? The entity layer's label alone is too weak to take an actor away: it types
    some actors' names as products or works by their form (PETRARCH2's unit-test country "The
    Shire" a product, ECB+'s "Nationals" a work), and a name whose words end in a name the text
    gives an actor elsewhere is that actor ("The Beatles' Apple Corps", typed a work, after
    "Apple Corps", an organisation: MEANTIME)."""
    if resolver.things.get(head.i) != "PRODUCT":
        return False
    doc = resolver.doc
    first = last = head.i
    while resolver.things.get(first - 1) == "PRODUCT":
        first -= 1
    while resolver.things.get(last + 1) == "PRODUCT":
        last += 1
    actors = {m.text.lower() for m in resolver.mentions}
    if any(doc[i : last + 1].text.lower() in actors for i in range(first, last + 1)):
        return False  # one name, one sense
    if any(is_model_number(doc, i) for i in range(first, last + 1)):
        return True
    return any(t.text == head.text and t.i > 0 and is_model_number(doc, t.i - 1) for t in doc)


def designated_product(resolver: ActorResolver, name: Span) -> bool:
    """Is this name a product line's with its model number: the number first and the line's
    name after it ("787 Dreamliner", "737 MAX"), or a designation after the maker's or line's
    name ("Rolls-Royce Trent 900", "Sukhoi Su-30MKI"), in the name or right after it ("the
    Boeing 777-300" where the NER took only "Boeing")? Not a numbered group of states ("Group
    of 77", "G20"), an ordinal ("21st Century Fox") or a year ("Expo 2020")."""
    # imported here: numbered_groups reads figures, which read the event lexicon (a cycle)
    from storyline.entities.numbered_groups import numbered_group_key

    if numbered_group_key(name_key(name.text)) is not None:
        return False
    if any(c.i >= name.end and _designation(resolver, c) for c in name.root.rights):
        return True  # "the Boeing 777-300" where the NER took only "Boeing"
    words = [t for t in name if not t.is_punct]
    if len(words) < 2:
        return False
    if _model_number(resolver, words[0]) and words[1].is_title:
        return True
    return any(_model_number(resolver, t) and _not_a_count(t) for t in words[1:])


def _model_of_a_product(resolver: ActorResolver, head: Token) -> bool:
    """A common noun a product's name modifies is that product ("the Boeing 767 tanker", "an
    Airbus A330 freighter"), unless the noun names people first ("iPhone users", "the Boeing
    737 crew": WordNet's most frequent sense, ``lexicon.person_nouns``); so is a name no actor
    mention covers that a model number modifies ("the 787 Dreamliner")."""
    if head.pos_ == "PROPN" and resolver.mention_at(head) is None:
        return any(_designation(resolver, c) for c in head.lefts)  # "the 787 Dreamliner"
    if head.pos_ != "NOUN" or head.lemma_.lower() in person_nouns():
        return False
    return any(
        c.dep_ in ("compound", "nmod") and resolver.things.get(c.i) == "PRODUCT"
        for c in head.children
    )


def _designation(resolver: ActorResolver, modifier: Token) -> bool:
    """A model number modifying a name, before or after it: letters with digits ("A380") or
    three digits or more ("787", "777-300"); a shorter bare number is a count ("two", "12")."""
    if modifier.dep_ not in ("nummod", "compound", "nmod") or resolver.mention_at(modifier):
        return False  # "the G20 Summit": a named actor, no model number
    return _model_number(resolver, modifier) and _not_a_count(modifier)


def _model_number(resolver: ActorResolver, token: Token) -> bool:
    """A model designation as the entity layer reads one (``model_numbers.is_model_number``:
    no year, date or amount), no ordinal ("21st Century Fox") and no numbered group of states
    ("G20", "G7": ``numbered_groups``)."""
    # imported here: numbered_groups reads figures, which read the event lexicon (a cycle)
    from storyline.entities.numbered_groups import numbered_group_key

    if not is_model_number(resolver.doc, token.i) or _ORDINAL.match(token.text):
        return False
    return numbered_group_key(name_key(token.text)) is None


def _not_a_count(token: Token) -> bool:
    return not token.text.isdigit() or len(token.text) >= 3


def _as_phrase(ref: ActorRef) -> ActorRef:
    """The reference read as the words it shows: a pronoun resolved to a common noun ("the
    message said" → "message") is that noun."""
    return ActorRef(ref.text, ref.start, ref.end, None, "phrase", ref.label)


def _instrument(head: Token) -> bool:
    """A weapon, a vehicle of war or an attack: what violence is done with ("car bomb",
    "the explosion")."""
    forms = {head.lemma_.lower(), head.lower_}
    return bool(forms & thing_nouns()) or is_event_word(head)
