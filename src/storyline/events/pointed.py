"""The actors a thing-phrase points to, for an event's target.

Event coders (CAMEO, PLOVER) code who is acted on, and news often names that actor only inside
the phrase the verb governs:

* the actor named inside it: "rejected Ruritania's demand", "agreed to Norwegian mediation",
  "rioted against French labour reforms" (a possessor, a name or nationality modifying it);
* its owner: "shelled the positions of the rebel militia";
* who did it, when the phrase is an act or a deed: "an inquiry into abuses by the militia", "the
  return of land seized by the army";
* who takes part, when it is an event between parties: "hosted a meeting between Colombia and the
  FARC", "brokered a truce between the two clans";
* and not the subject's own means: in "moved its troops out of the border zone" or "sent their
  envoy to Kabul" the troops and the envoy belong to the actor itself, so the place or party
  they go to or come from is what the act is aimed at;
* nor the thing itself: "imposed a nightly curfew", "the deal was revived" act on no party
  (``names_party``), so the target is looked for further.

Plain functions over one document's ``ActorResolver``; ``arguments`` decides when to ask.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from storyline.events.actors import ActorResolver
from storyline.events.lexicon import default_lexicon, person_nouns
from storyline.events.matching import Coded
from storyline.events.references import ActorRef

#: Possessive pronouns that make an object the subject's own ("its troops", "their envoy").
OWN = frozenset({"its", "their", "his", "her", "our", "my"})


def actor_inside(resolver: ActorResolver, noun: Token, deep: bool = True) -> list[ActorRef]:
    """An actor named inside a non-actor phrase: "Ruritania's demand", "a U.S. request", and when
    ``deep`` "the demands from the rebels" (not for a prepositional phrase, whose object is two
    steps from the verb: "an accord on the future of the Kurdish schools" is about the schools,
    not aimed at them). Words of a thing's own name are no owner: "adopted the New Delhi
    Leaders' Declaration" names a document, whose name holds a possessive."""
    for child in noun.children:
        if child.i in resolver.things and noun.i in resolver.things:
            continue  # one name of a work, a law or a product covers both (``things``)
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return resolver.resolve(child)
    for child in noun.children:
        mention = resolver.mention_at(child)
        if child.dep_ in ("compound", "amod", "nmod") and mention is not None:
            if resolver.is_place(child) and not nation(mention.text):
                continue  # "held the Geneva summit": a venue
            return resolver.resolve(child)
    for child in noun.children if deep else ():
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            for obj in child.children:
                if obj.dep_ == "pobj" and resolver.is_actorish(obj):
                    return resolver.resolve(obj)
    return []


def pattern_objects(coded: Coded, with_object: bool) -> list[Token]:
    """The pattern's own words that say what it acts on: a small clause's predicate
    ("called [Xi a dictator]"), its object (when the verb's object is no theme), and an object
    reached through "of" from the verb's object, which only counts or names the act on it: a
    partitive ("captured part of a Karen guerrilla stronghold", PLOVER; "selling parts of the
    company", TimeBank) or the act's own noun ("allow the return of U.N. weapons inspectors",
    PLOVER; "marking the return of remains of Americans", TimeBank)."""
    acted_on = ("dobj", "pobj") if with_object else ()
    return [
        token
        for token in coded.tokens
        if token.dep_ == "oprd" or (token.dep_ in acted_on and _of_object(token, coded.anchor))
    ]


def _of_object(token: Token, verb: Token) -> bool:
    """Is ``token`` ``verb``'s direct object, or the object of an "of" chain under it? (A
    direct object of the pattern counts wherever the parser hangs it, as before.)"""
    if token.dep_ == "dobj":
        return True
    while token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.dep_ == "prep":
        token = token.head.head
    return token.dep_ == "dobj" and token.head == verb


def names_party(resolver: ActorResolver, ref: ActorRef, type_: str) -> bool:
    """Can this reference be whom an act of ``type_`` is done to: an actor
    (``ActorResolver.names_actor``: a name, a resolved pronoun or group, an agent noun), a phrase
    headed by a noun of persons that are no actors of their own ("the suspect", "the crew":
    ``lexicon.person_nouns``), or the occasion itself, a noun the lexicon codes as the same kind
    of event ("the summit was hosted by Amherd": the summit names the meeting and who meets)?"""
    if resolver.names_actor(ref):
        return True
    span = resolver.doc.char_span(ref.start, ref.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    head = span[-1].lemma_.lower()
    occasion = any(e.type == type_ for e in default_lexicon().candidates("N", head))
    return occasion or head in person_nouns()


def owner(resolver: ActorResolver, noun: Token) -> list[ActorRef]:
    """The named actor a common noun belongs to ("shelled positions of the rebel militia",
    "members of the banned movement"); for an institution noun that names no person (its
    people sense is not WordNet's first: "office", "embassy"), also the persons its "of" names,
    who are what an act on their premises is aimed at ("set fire to the offices of the
    Palestinian administrators", PLOVER; "the home of a Cuban diplomat", "the residence of the
    chief of this section", TimeBank)."""
    if resolver.mention_at(noun) is not None:
        return []
    found = actors_after(resolver, noun, "of")
    if found is None and noun.lemma_.lower() not in person_nouns():
        found = persons_after(resolver, noun, "of")
    return found or []


def persons_after(resolver: ActorResolver, head: Token, preposition: str) -> list[ActorRef] | None:
    """The persons of ``head``'s "<preposition> X" phrase whose X is a noun of persons that is
    no actor of its own (``lexicon.person_nouns``: "administrators", "diplomat"), or None."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == preposition:
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in person_nouns():
                    return resolver.resolve(obj)
    return None


def actors_after(resolver: ActorResolver, head: Token, preposition: str) -> list[ActorRef] | None:
    """The actors of ``head``'s first "<preposition> X" phrase whose X may name one (resolved,
    so possibly none); None when it has no such phrase, so a caller can look further."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == preposition:
            for obj in prep.children:
                if obj.dep_ == "pobj" and resolver.is_actorish(obj):
                    return resolver.resolve(obj)
    return None


def doer(resolver: ActorResolver, noun: Token) -> list[ActorRef]:
    """Who did the deed a phrase names: its own "by" phrase ("abuses by the militia": people are
    not "by" anyone, so a noun taking an agent names an act), or, for a noun that names no
    actor, the agent of a participle describing it ("land seized by the army"; "soldiers trained
    by the US" stay the soldiers)."""
    if resolver.mention_at(noun) is not None:
        return []
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "by":
            found = _actor_objects(resolver, prep)
            if found:
                return found
    if resolver.is_actorish(noun):
        return []
    for clause in noun.children:
        if clause.dep_ == "acl" and clause.tag_ == "VBN":
            for agent in (c for c in clause.children if c.dep_ == "agent"):
                found = _actor_objects(resolver, agent)
                if found:
                    return found
    return []


def participants(resolver: ActorResolver, noun: Token) -> list[ActorRef]:
    """Who takes part in an event named by a phrase with "between"/"among" ("a meeting between
    Colombia and the FARC"): every named party (coordination expanded)."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("between", "among"):
            found = _actor_objects(resolver, prep)
            if found:
                return found
    return []


def partners_with(resolver: ActorResolver, verb: Token) -> list[Token]:
    """The actors of a verb's "with" phrase: in a consultation the other party, whatever its
    object says ("discussed Gaza with Macron": Gaza is the topic, Macron the partner)."""
    return [
        obj
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ == "with"
        for obj in prep.children
        if obj.dep_ == "pobj" and resolver.is_actorish(obj)
    ]


def own(noun: Token) -> bool:
    """Is the phrase the subject's own, marked by a possessive pronoun ("its troops")?"""
    return any(c.dep_ == "poss" and c.lower_ in OWN for c in noun.children)


def _actor_objects(resolver: ActorResolver, prep: Token) -> list[ActorRef]:
    return [
        ref
        for obj in prep.children
        if obj.dep_ == "pobj" and (resolver.is_actorish(obj) or resolver.is_place(obj))
        for ref in resolver.resolve(obj)
    ]


def nation(name: str) -> bool:
    """Is the name a country (a country takes part; a city or venue does not)?"""
    from storyline.entities.lexicon import lexicon

    return lexicon().country_of_place(name) is not None


def phrase_text(tokens: list[Token]) -> str:
    return ", ".join(t.text for t in tokens)


def relative_owner(whose: Token) -> Token | None:
    """The noun "whose" stands for: the head of its relative clause ("Mr Lavrov, whose trip to
    India followed a stop in China": Lavrov's trip)."""
    node = whose.head
    for _ in range(6):
        if node.dep_ == "relcl":
            return node.head
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def shared_objects(verb: Token) -> list[Token]:
    """The object a verb shares with the conjunct right after it ("shot and killed the judge",
    "arrested and charged two men"): the parse hangs a shared object on the last conjunct only,
    so an earlier one with no object or phrase of its own acts on it too."""
    doc = verb.doc
    if any(c.dep_ in ("dobj", "dative", "prep", "ccomp", "xcomp") for c in verb.children):
        return []
    if verb.i + 2 >= len(doc) or doc[verb.i + 1].dep_ != "cc":
        return []
    partner = doc[verb.i + 2]
    if partner.dep_ != "conj" or partner.head != verb or partner.pos_ != "VERB":
        return []
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in partner.children):
        return []
    return [c for c in partner.children if c.dep_ in ("dobj", "dative")]


def target_phrases(
    coded: Coded, slot_ids: set[int], preps: Sequence[str]
) -> list[tuple[str, Token]]:
    """(preposition, object) of the phrases that may name a target: on the trigger, its
    nominal head and the object ("imposed sanctions on X"); the phrase right after the trigger
    first (PETRARCH's scope: "imposed sanctions on Iran over its supplies to Russia" targets
    Iran), then in the order of ``preps``."""
    anchor, head = coded.anchor, coded.head
    holders = [anchor] + ([head] if head != anchor else [])
    holders += [t for t in coded.tokens if t.pos_ in ("NOUN", "PROPN") and t not in holders]
    phrase = head
    while phrase.dep_ == "compound" and phrase.head != phrase:
        phrase = phrase.head
        holders.append(phrase)
    holders += [c for c in anchor.children if c.dep_ == "dobj" and c not in holders]
    found: list[tuple[str, Token]] = []
    for prep_word in preps:
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ != prep_word or completes_a_reason(prep):
                    continue
                found += [
                    (prep_word, obj)
                    for obj in prep.children
                    if obj.dep_ == "pobj" and obj.i not in slot_ids
                ]
    last = max(t.i for t in coded.tokens)
    # a stable sort: phrases the same distance away keep the prepositions' order
    return sorted(found, key=lambda item: (item[1].i < last, item[1].i - last))


def completes_a_reason(prep: Token) -> bool:
    """A phrase the parser hung on the verb that continues the charge or reason just before it:
    "sentenced to life for indecency with a child" (ECB+), "indicted … for his alleged part in
    atrocities during the fight against Serb forces" (PLOVER gold): the child and the Serb
    forces are in the charge, not parties to the sentence or the indictment. The charge may hang
    lower down ("sentenced the defendant to 20 years for indecency with a child"); an "of"
    phrase is a charge only on the verb itself ("convicted of assault on a guard"), elsewhere it
    says what a noun is of ("restrict exports of rare earths to Japan" aims at Japan)."""
    verb = prep.head
    node = prep.doc[prep.i - 1] if prep.i > 0 else prep
    while node != prep and node.head != node and node != verb:
        reason = node.lower_ == "for" or (node.lower_ == "of" and node.head == verb)
        if (
            node.dep_ == "prep"
            and reason
            and any(c.dep_ == "pobj" and c.pos_ == "NOUN" for c in node.children)
        ):
            return True
        node = node.head
    return False
