"""A thing is never an actor; the operator or owner named in front of it may be.

News makes vehicles, weapons and products the subjects of acts their operators do: "Israeli tanks
fired four shell bombs at targets in Jericho" (PLOVER gold, FIGHT: source "Israeli"), "an Indian Air
Force C-17 Globemaster III flew the missiles to the Philippines" (the briefing set's check part,
where it was first seen), "U.N. helicopters", "Israeli army bulldozers" (PLOVER); the airline's
planes in MEANTIME ("One of the A380s is flying from Frankfurt to Chicago"). The thing is the
instrument of its operator, and PETRARCH2 codes such a phrase by the actor in its modifiers: its
actor dictionaries hold countries, nationalities and organisations, never the machines they operate,
and its &AIRCRAFT and &WEAPON synonym sets appear only as objects of verb patterns (what is sent,
flown or fired), never as actors. So the phrase's actor is the name its compound, adjective or
possessive modifier gives ("Israeli", "Indian Air Force"), or the actor noun in its compound
("Israeli army bulldozers": the Israeli army). A thing with no such modifier stays as it is (the
argument rules take a bare common noun for no actor, ``arguments._acceptable_subject``). A named
thing with no operator is not rejected as a subject: the entity layer also types some actors' names
as products (PETRARCH2's unit-test country "The Shire" is a PRODUCT), so the label alone is too weak
to take an actor away.

A *thing* here is the head of a noun phrase that a mention of a thing covers (PRODUCT, WORK,
EVENT: "C-17 Globemaster III", relabelled from the model's PERSON by the entity layer), or a
common noun of PETRARCH2's own vehicle and weapon synonym sets (&AIRCRAFT, &WEAPON, &WMD, compiled
to ``data/petrarch_things.tsv``: "tanks", "helicopters", "missile systems") that names no actor
or person. Abstract things stay out: "Ford's stock" and "the U.S. housing market" are not
operated by Ford or the U.S. (MEANTIME), so a market or a share price never lends its owner an
act. A proper noun the entity layer did not label is left alone: a name the NER missed ("Russian
President Putin") is no thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from storyline.events.lexicon import person_nouns, thing_nouns
from storyline.events.references import ActorRef
from storyline.nlp import doc_text

if TYPE_CHECKING:
    from storyline.events.actors import ActorResolver

#: Entity labels that name things (the entity layer's types: products, works and documents,
#: named events), never actors.
THING_LABELS = frozenset({"PRODUCT", "WORK", "EVENT", "WORK_OF_ART", "LAW"})
#: Labels whose name in front of a thing says who operates or owns it.
OPERATOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: Dependents in front of a head that name its owner: "Israeli tanks", "the Air Force C-17",
#: "Russia's S-400 systems".
OWNER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})


def is_thing(resolver: ActorResolver, token: Token, things: dict[int, str]) -> bool:
    """Does ``token`` head a phrase naming a thing (see the module docstring)? ``things`` maps
    token indices to the label of the thing mention covering them."""
    if token.i in things:
        return True
    if token.pos_ not in ("NOUN", "PROPN") or resolver.mention_at(token) is not None:
        return False
    if not {token.lemma_.lower(), token.lower_} & thing_nouns():
        return False
    return not resolver.is_actorish(token) and token.lemma_.lower() not in person_nouns()


def operator(resolver: ActorResolver, head: Token, things: dict[int, str]) -> list[ActorRef]:
    """The actors a thing's modifiers name as its operator or owner ("Israeli tanks" → Israeli,
    "an Indian Air Force C-17 Globemaster III" → Indian Air Force), nearest the head first; none
    when ``head`` is no thing or names no owner. A city in front of a thing says where it is
    ("the Kazan airport"), not whose."""
    if not is_thing(resolver, head, things):
        return []
    if head.i in things:
        return _before_name(resolver, head, things)
    for child in sorted(head.children, key=lambda c: -c.i):
        if child.dep_ not in OWNER_DEPS or child.i > head.i:
            continue
        mention = resolver.mention_at(child)
        if mention is not None:
            found = _named_operator(resolver, child)
        elif child.dep_ == "compound" and resolver.is_actorish(child):
            found = _phrase_through(head, child)  # "Israeli army bulldozers": the Israeli army
        elif child.dep_ == "compound":
            found = operator(resolver, child, things)  # "Air Force C-17 transport aircraft"
        else:
            found = []
        if found:
            return found
    return []


def _named_operator(resolver: ActorResolver, token: Token) -> list[ActorRef]:
    mention = resolver.mention_at(token)
    if mention is None or resolver.label_of(mention) not in OPERATOR_LABELS:
        return []
    return [] if resolver.is_city(token) else resolver.resolve(token, 2)


def _before_name(resolver: ActorResolver, head: Token, things: dict[int, str]) -> list[ActorRef]:
    """The operator written before a thing's name: the words of its phrase before the name, when
    the last of them names an actor ("an Indian Air Force C-17 Globemaster III", however the
    parser hangs "Indian Air Force" on the name)."""
    first = head.i
    while first - 1 in things:
        first -= 1
    before = [t for t in head.subtree if t.i < first and t.dep_ not in ("det", "predet", "punct")]
    if not before or before[-1].i != first - 1:
        return []
    last = before[-1]
    if resolver.mention_at(last) is not None:
        return _named_operator(resolver, last)
    return _phrase_through(head, last) if resolver.is_actorish(last) else []


def _phrase_through(head: Token, last: Token) -> list[ActorRef]:
    """The operator as the words of the thing's phrase from its first modifier through ``last``,
    the actor noun ("Israeli army" of "Israeli army bulldozers")."""
    words = [t for t in head.subtree if t.i <= last.i and t.dep_ not in ("det", "predet", "punct")]
    start, end = words[0].idx, last.idx + len(last.text)
    text = doc_text(head.doc)[start:end]
    return [ActorRef(text=text, start=start, end=end, mention=None, rule="operator")]


def known_organisation(name: str) -> bool:
    """Does PETRARCH2's actor dictionary list ``name`` as an organisation? A name ending in an
    honour's or a document's word can still be an actor: "the Red Cross" (NGOHLHIRC)."""
    from storyline.entities.actors import actor_dictionary
    from storyline.entities.lexicon import name_key

    return bool(actor_dictionary().organisations.get(name_key(name)))


def thing_tokens(resolver: ActorResolver, mentions: list[tuple[int, int, str]]) -> dict[int, str]:
    """Token index → label for every token a thing mention covers (``mentions``: character
    start, end and label of each mention)."""
    covered: dict[int, str] = {}
    for start, end, label in mentions:
        if label not in THING_LABELS:
            continue
        span = resolver.doc.char_span(start, end, alignment_mode="expand")
        for token in span or ():
            covered[token.i] = label
    return covered
