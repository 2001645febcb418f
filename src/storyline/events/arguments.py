"""Who did it, to whom and where: the arguments of one trigger over the dependency parse.

* the source: subject, passive agent, possessor or "by"/"between" phrase of a nominal (an
  infinitive or coordinated verb borrows its governor's subject, ``subjects``); the sender of a
  letter rather than its deliverer;
* the target: direct object when it names an actor, else "with"/"to"/"against"/… phrases, else an
  actor inside the object ("rejected North Korea's demand"), else who a demand addresses or the
  complement's own target, else the first named actor in the clause; a territorial act with no
  other target acts on its place; a transfer's recipient, never the thing moved (``transfers``);
and who takes part in a nominal event ("the talks between A and B", "A's visit to B", "the summit
of the SCO"). Every party found must read as an actor (``parties``: no product, date or common
noun of things). Where it happened is ``places``.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.events.actors import ActorRef, ActorResolver
from storyline.events.lexicon import settings
from storyline.events.matching import Coded
from storyline.events.parties import actor_parties
from storyline.events.pointed import (
    actor_inside,
    doer,
    names_party,
    nation,
    own,
    owner,
    participants,
    partners_with,
    pattern_objects,
    phrase_text,
    relative_owner,
    shared_objects,
    target_phrases,
)
from storyline.events.reciprocal import named, others, reciprocal_partner
from storyline.events.scope import scope_target
from storyline.events.subjects import SubjectFinder, stance_holders
from storyline.events.things import is_thing, operator
from storyline.events.transfers import passive_transfer, recipient, sender_of
from storyline.events.triggers import is_event_word

#: Prepositions after an event noun that name who it is aimed at ("talks with", "riots against").
AIMED = frozenset({"with", "to", "against", "on", "toward", "towards", "into"})
#: Prepositions that name what talks or an agreement are about ("talks on a proposal").
TOPIC = frozenset({"on", "over", "about"})


class ArgumentResolver:
    """Fills the sources, targets and location of coded triggers (one document's parse)."""

    def __init__(self, resolver: ActorResolver, subjects: SubjectFinder) -> None:
        self.resolver = resolver
        self.subjects = subjects
        roles = settings()["roles"]
        self.roles = {key: frozenset(value) for key, value in roles.items()}
        self.target_preps = tuple(roles["target_preps"])
        self.giving_verbs = frozenset(settings()["actors"]["giving_verbs"])
        self.sending_verbs = frozenset(settings()["actors"]["sending_verbs"])

    def resolve(self, coded: Coded) -> None:
        """Set the trigger's sources and targets (a source is never also a target)."""
        anchor, head = coded.anchor, coded.head
        resolve = self.resolver.resolve
        slot_ids = {t.i for t in coded.tokens}
        sources: list[ActorRef] = []
        targets: list[ActorRef] = []
        if anchor == head and head.pos_ in ("NOUN", "PROPN"):
            sources, targets = self._nominal_arguments(coded)
        else:
            subjects, rule = self.subjects.find(anchor)
            stative = coded.entry.pos == "A" and not any(c.dep_ == "agent" for c in anchor.children)
            if stative and not subjects:
                # "Israel is opposed to …", "Vietnam is committed to …": a participle used as an
                # adjective says how its subject stands; the subject holds the stance
                subjects = stance_holders(anchor) or self.subjects.patients(anchor)
                rule = "subject of the adjective"
            subjects = [s for s in subjects if self._acceptable_subject(s, coded)]
            for subject in subjects:
                sources.extend(resolve(subject))
            if sources:
                coded.notes.append(f"source from {rule} '{phrase_text(subjects)}'")
            passive = [] if stative else self.subjects.patients(anchor)
            if passive and head != anchor and head.pos_ in ("NOUN", "PROPN"):
                # a nominal event carried by a passive light verb: "Russia would be represented
                # at the summit by Lavrov", "the talks were attended by 92 countries" — the
                # passive subject (unless it is the event) and the agent take part
                taking_part = [p for p in passive if p.i not in slot_ids]
                taking_part += [
                    g
                    for c in anchor.children
                    if c.dep_ == "agent"
                    for g in c.children
                    if g.dep_ == "pobj"
                ]
                for token in taking_part:
                    sources.extend(resolve(token))
                if taking_part:
                    coded.notes.append(
                        f"participants of '{head.text}': '{phrase_text(taking_part)}'"
                    )
                passive = []
            # "howitzers were delivered to Estonia": Estonia (``transfers``)
            moved = passive_transfer(self.resolver, anchor, passive, self.giving_verbs)
            if moved is not None:
                coded.notes.append(moved[1])
            if passive and any(c.i in slot_ids for c in passive) and not sources:
                # "the envoy was expelled by Ruritania": the subject is a word of the pattern,
                # the agent still acts
                sources.extend(self._passive_agents(coded))
                targets.extend(
                    moved[0]
                    if moved is not None
                    else (r for p in passive for r in resolve(p) if self.resolver.is_actorish(p))
                )
                if not sources and not targets:
                    # "the G20 summit was held in Delhi": no agent; the event noun of the
                    # pattern names who meets ("G20", "of the SCO")
                    for noun in (p for p in passive if p.i in slot_ids):
                        sources.extend(actor_inside(self.resolver, noun))
                    if sources:
                        coded.notes.append(f"participants named in '{phrase_text(passive)}'")
            patient_is_a_thing, patients = False, []
            if passive and not any(c.i in slot_ids for c in passive):
                sources.extend(self._passive_agents(coded))
                patients = [r for p in passive for r in resolve(p)]
                targets.extend(moved[0] if moved is not None else self._actors(coded, patients))
                if targets and moved is None:
                    coded.notes.append(f"target from passive subject '{phrase_text(passive)}'")
                # a bare verb that needs two actors ("dyad") happens to its passive subject or
                # to nothing: "priority being assigned to states" assigns no party
                patient_is_a_thing = not targets and "dyad" in coded.entry.when
            if patient_is_a_thing:
                targets = patients
            if coded.complement is not None and not targets:
                demanded = [
                    c for c in coded.complement.children if c.dep_ in ("nsubj", "nsubjpass")
                ]
                targets = self._actors(coded, [r for t in demanded for r in resolve(t)])
                if targets:
                    coded.notes.append(f"target is who must act '{phrase_text(demanded)}'")
            if not targets:
                targets = self._actors(coded, self._verbal_targets(coded, slot_ids))
            if not targets:
                targets = self._actors(coded, self._complement_targets(coded, slot_ids))
            if not targets and coded.type not in self.roles["no_scope_target_types"]:
                targets = scope_target(self.resolver, coded, sources)
            if not sources and head != anchor and head.pos_ in ("NOUN", "PROPN"):
                # "Lula's visit to Beijing was announced": the light verb has no actor subject,
                # the nominal names its own ("Lula's", "by X", "between A and B")
                nominal_sources, nominal_targets = self._nominal_arguments(coded)
                if nominal_sources:
                    sources = nominal_sources
                    targets = nominal_targets or targets
            sender = sender_of(self.resolver, coded.tokens) if coded.entry.mode == "letter" else []
            if sender:
                coded.notes.append(
                    f"source is the sender '{sender[0].text}' (delivered by "
                    f"'{', '.join(r.text for r in sources) or '?'}')"
                )
                sources = sender
        if not named(targets):  # the other side of a meeting named outside its clause
            targets = reciprocal_partner(self.resolver, coded, sources) or targets
        if "reverse" in coded.entry.when:
            # PETRARCH's ":code": the subject undergoes the act ("faced trial", "came under fire")
            sources, targets = targets, sources
            coded.notes.append("the subject undergoes the act (reverse pattern)")
        coded.sources = actor_parties(self.resolver, coded, sources, "source")
        coded.targets = actor_parties(self.resolver, coded, others(targets, sources), "target")

    def _actors(self, coded: Coded, found: list[ActorRef]) -> list[ActorRef]:
        """The found targets that name a party (``pointed.names_party``), never the thing acted
        on ("imposed a nightly curfew", "revived the deal", "demanded that control … be taken
        away"); with none left the next rule looks further (the clause's first actor: "imposed
        in Sudan"). An attack's target may be a thing ([roles] thing_target_types: "the bridge
        was bombed")."""
        if coded.type in self.roles["thing_target_types"]:
            return found
        kept = [r for r in found if names_party(self.resolver, r, coded.type)]
        if found and not kept:
            coded.notes.append(f"'{found[0].text}' is a thing, not a target")
        return kept

    def _passive_agents(self, coded: Coded) -> list[ActorRef]:
        """The doers a passive names in its "by" phrase ("was expelled by Ruritania")."""
        agents = [
            g
            for c in coded.anchor.children
            if c.dep_ == "agent"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if agents:
            coded.notes.append(f"source from passive agent '{phrase_text(agents)}'")
        return [r for token in agents for r in self.resolver.resolve(token)]

    def _acceptable_subject(self, token: Token, coded: Coded) -> bool:
        """A subject that can be an event's source: a named or person-like actor, a phrase that
        names its owner, a resolvable pronoun; for violence, also the weapon or attack itself
        ("a roadside bombing killed …")."""
        resolver = self.resolver
        if token.pos_ == "PRON":
            return bool(resolver.resolve(token))
        if resolver.is_city(token):
            coded.notes.append(f"'{token.text}' is a city: where, not who")
            return False
        if is_thing(resolver, token, {}) and not (
            coded.type in self.roles["instrument_source_types"] and token.pos_ == "NOUN"
        ):
            # "the Endangered Species Act has helped", "the Grammy Awards spiced up" (ECB+):
            # a document or an honour acts only through the operator named with it (its words
            # decide, not the entity label: the model types some countries' names PRODUCT)
            return bool(operator(resolver, token, resolver.things))
        if resolver.is_actorish(token) or token.pos_ == "PROPN":
            return True
        if coded.type in self.roles["instrument_source_types"] and token.pos_ == "NOUN":
            return True
        # "Modi's visit could help …": an event is no actor, though it names its owner
        return resolver.names_owner(token) and not is_event_word(token)

    def _verbal_targets(self, coded: Coded, slot_ids: set[int]) -> list[ActorRef]:
        """The object naming an actor, else a prepositional phrase's actor or place, else an
        actor named inside the object or the phrase (``pointed``); the subject's own object
        ("moved its troops out of the zone") only when nothing else is named."""
        anchor = coded.anchor
        resolver = self.resolver
        instrument = coded.type in self.roles["object_is_instrument"]
        # what is sent is no target ("sent Ambassador Thomas-Greenfield to the meeting")
        theme_deps = {"dobj"} if anchor.lemma_.lower() in self.sending_verbs else set()
        objects = [
            c
            for c in anchor.children
            if c.dep_ in ("dobj", "dative", "attr")
            and c.dep_ not in theme_deps
            and c.i not in slot_ids
            and not instrument
        ]
        if theme_deps:  # the recipient: "sent Modi a letter", "sent a letter to Modi"
            given = [
                r
                for c in anchor.children
                if c.dep_ == "dative" and c.pos_ != "ADP" and resolver.is_actorish(c)
                for r in resolver.resolve(c)
            ] or self._recipient(anchor)
            if given:
                coded.notes.append(f"target is the recipient '{given[0].text}'")
                return given
        if not objects and not instrument and not theme_deps:
            objects = [c for c in shared_objects(anchor) if c.i not in slot_ids]
        partners = partners_with(resolver, anchor) if coded.type == "CONSULT" else []
        if partners and objects:  # "discussed Gaza with Macron": Gaza is what was discussed
            coded.notes.append(f"target is the partner 'with {partners[0].text}'")
            return [r for p in partners for r in resolver.resolve(p)]
        recipient = self._recipient(anchor)
        own_objects: list[Token] = []
        for obj in objects:
            taking_part = participants(resolver, obj)
            if taking_part:  # "hosted a meeting between A and B"
                coded.notes.append(f"targets take part in '{obj.text}'")
                return taking_part
            if resolver.is_actorish(obj):
                if recipient and resolver.mention_at(obj) is None:
                    coded.notes.append(f"target is the recipient 'to {recipient[0].text}'")
                    return recipient  # "offered its troops to Lebanon": Lebanon
                if own(obj) and resolver.mention_at(obj) is None:
                    own_objects.append(obj)
                    continue
                coded.notes.append(f"target from object '{obj.text}'")
                return doer(resolver, obj) or owner(resolver, obj) or resolver.resolve(obj)
        phrases = self._target_phrases(coded, slot_ids)
        for prep_word, obj in phrases:
            if resolver.is_actorish(obj) or resolver.is_place(obj):
                coded.notes.append(f"target from '{prep_word} {obj.text}'")
                return doer(resolver, obj) or owner(resolver, obj) or resolver.resolve(obj)
        for obj in own_objects:
            coded.notes.append(f"target from object '{obj.text}' (the actor's own)")
            return resolver.resolve(obj)
        # a small clause's predicate is a pattern word ("called [Xi a dictator]"): the parser may
        # hang the clause's subject on it, so the actor inside it is the one named
        words = pattern_objects(coded, with_object=not theme_deps)
        for obj in objects + words:
            inner = doer(resolver, obj) or actor_inside(resolver, obj)
            if inner:
                coded.notes.append(f"target inside object '{obj.text}'")
                return inner
        talk = coded.type in self.roles["no_scope_target_types"]
        for prep_word, obj in phrases:
            if talk and prep_word in TOPIC:
                continue  # "talks on a French proposal": the topic, not the target
            inner = doer(resolver, obj) or actor_inside(resolver, obj, deep=False)
            if inner:  # "agreed to Norwegian mediation"
                coded.notes.append(f"target inside '{prep_word} {obj.text}'")
                return inner
        return []

    def _target_phrases(self, coded: Coded, slot_ids: set[int]) -> list[tuple[str, Token]]:
        preps = [
            p
            for p in self.target_preps
            if (p != "at" or coded.type in self.roles["target_at_types"])
            and (p != "from" or coded.entry.mode != "letter")
        ]
        return target_phrases(coded, slot_ids, preps)

    def _recipient(self, verb: Token) -> list[ActorRef]:
        return recipient(self.resolver, verb, self.giving_verbs)

    def _complement_targets(self, coded: Coded, slot_ids: set[int]) -> list[ActorRef]:
        """Targets named in the act's complement: "demanded that the US cancel …" (the
        complement's subject), "agreed to provide aid to Romania", "willing to withdraw its
        troops from Lebanon" (the infinitive's own object or prepositional phrase)."""
        node = coded.anchor if coded.anchor.pos_ in ("VERB", "AUX") else coded.head
        heads = [node] + ([coded.head] if coded.head != node else [])
        for holder in heads:
            for clause in holder.children:
                if clause.dep_ == "ccomp" and coded.type in self.roles["clause_target_types"]:
                    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
                    actors = [
                        r
                        for t in subjects
                        if self.resolver.is_actorish(t) or self.resolver.names_owner(t)
                        for r in self.resolver.resolve(t)
                    ]
                    if actors:
                        coded.notes.append(
                            f"target is who the demand addresses '{phrase_text(subjects)}'"
                        )
                        return actors
        for holder in heads:
            for clause in holder.children:
                if clause.dep_ not in ("xcomp", "ccomp"):
                    continue
                inner = Coded(coded.entry, coded.type, coded.mode, clause, clause, [clause])
                found = self._verbal_targets(inner, slot_ids)
                for grand in clause.children:
                    if found:
                        break
                    if grand.dep_ == "xcomp" and grand.pos_ == "VERB":
                        found = self._verbal_targets(
                            Coded(coded.entry, coded.type, coded.mode, grand, grand, [grand]),
                            slot_ids,
                        )
                if found:
                    coded.notes.append(f"target from the complement '{clause.text}'")
                    return found
        return []

    def _nominal_arguments(self, coded: Coded) -> tuple[list[ActorRef], list[ActorRef]]:
        noun = coded.head
        resolve = self.resolver.resolve
        sources: list[ActorRef] = []
        targets: list[ActorRef] = []
        visit = coded.entry.type == "CONSULT" and coded.mode == "visit"
        talk = coded.type in self.roles["no_scope_target_types"]
        for child in noun.children:
            if child.dep_ == "poss":
                possessor = relative_owner(child) if child.tag_ == "WP$" else child
                found = resolve(possessor) if possessor is not None else []
                sources.extend(found)
                if found:
                    coded.notes.append(f"source from possessor '{child.text}'")
            elif child.dep_ in ("compound", "amod") and child.i not in {t.i for t in coded.tokens}:
                mention = self.resolver.mention_at(child)
                if mention is None:
                    continue
                if mention.label == "NORP":
                    sources.extend(resolve(child))
                    coded.notes.append(f"participant from '{child.text} {noun.text}'")
                elif mention.label in ("GPE", "LOC", "FAC") and visit:
                    targets.extend(resolve(child))
                    coded.notes.append(f"destination from '{child.text} {noun.text}'")
                elif self.resolver.is_place(child) and not nation(mention.text):
                    # "the Woodside meeting", "the Johannesburg summit", "the Geneva talks": a
                    # place naming a meeting is its venue; a country ("the US-China talks")
                    # takes part
                    coded.notes.append(f"venue '{child.text} {noun.text}' is no participant")
                elif mention.label in ("PERSON", "ORG", "GPE"):
                    sources.extend(resolve(child))
                    coded.notes.append(f"participant from '{child.text} {noun.text}'")
            elif child.dep_ == "prep":
                word = child.lower_
                objects = [g for g in child.children if g.dep_ == "pobj"]
                for obj in objects:
                    if not (self.resolver.is_actorish(obj) or self.resolver.is_place(obj)):
                        aimed = word in AIMED and not (talk and word in TOPIC)
                        inner = actor_inside(self.resolver, obj, False) if aimed else []
                        targets.extend(inner)  # "riots against French labour reforms"
                        if inner:
                            coded.notes.append(f"target inside '{word} {obj.text}'")
                        continue
                    if word == "between" or word == "among":
                        sources.extend(resolve(obj))
                        coded.notes.append(f"participants from '{word} {phrase_text([obj])}'")
                    elif word == "by" or (word == "of" and visit):
                        sources.extend(resolve(obj))
                        coded.notes.append(f"source from '{word} {obj.text}'")
                    elif word in AIMED:
                        targets.extend(resolve(obj))
                        coded.notes.append(f"target from '{word} {obj.text}'")
                    elif word == "of" and coded.entry.type not in ("CONSULT", "AGREE"):
                        targets.extend(resolve(obj))
                        coded.notes.append(f"target from 'of {obj.text}'")
                    elif word == "of" and coded.type == "CONSULT" and not visit:
                        # "the summit of the SCO", "a meeting of G20 leaders": who meets
                        found = [r for r in resolve(obj) if r.label not in ("GPE", "LOC", "FAC")]
                        sources.extend(found)
                        if found:
                            coded.notes.append(f"participants from 'of {obj.text}'")
        return sources, targets
