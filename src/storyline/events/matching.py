"""Finding the triggers of one sentence and deciding what each one codes.

A trigger is a verb ("met", "telephoned"), a verb with its particle or object ("held talks" as
"hold" + "talk" is a light-verb construction, "impose sanctions", "open fire"), a nominal
("Jaishankar's visit to Russia", "the talks between Modi and Putin") or an adjective taking an
infinitive ("willing to"), each looked up in the lexicon and checked against its constraints;
"X says Y must Z" and terms set are demands by construction (``constructions``). Where two
triggers share words the more specific wins, and a trigger inside the complement of another
trigger is folded into it (one event per predicate, as PLOVER codes: "agreed to work together"
is AGREE, "threatened to impose sanctions" is THREATEN with the mode of the threatened act).
``refine`` settles the type and mode once the arguments are known (the weapon of an attack, a
promised hostile act).
Arguments are resolved by ``arguments``; ``coder`` runs the two over a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from storyline.events.actors import ActorRef, ActorResolver
from storyline.events.collectives import CIVILIANS
from storyline.events.constructions import Found, demands, offer_stands, terms
from storyline.events.factuality import Assessment
from storyline.events.lexicon import (
    LAYER_RANK,
    Entry,
    Lexicon,
    person_nouns,
    settings,
)
from storyline.events.predicatives import predicative_participle
from storyline.events.said_senses import speakers_own
from storyline.events.senses import (
    catenative,
    modified,
    names_an_act,
    other_sense,
    phrase_for_particle,
    stative,
    thing_objects,
)
from storyline.events.slots import (
    VerbPool,
    fill,
    object_predicate,
    trigger_candidates,
    verb_forms,
)
from storyline.events.subjects import SubjectFinder
from storyline.nlp import doc_text

PASS_DEPS = frozenset(
    {"xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "attr", "oprd", "compound", "amod", "nmod",
     "dative", "appos", "npadvmod", "nsubjpass", "acomp"}
)  # fmt: skip


@dataclass
class Coded:
    """One event coded from a sentence, before dating and provenance."""

    entry: Entry
    type: str
    mode: str | None
    head: Token
    anchor: Token
    tokens: list[Token]
    sources: list[ActorRef] = field(default_factory=list)
    targets: list[ActorRef] = field(default_factory=list)
    location: str | None = None
    assessment: Assessment = field(default_factory=lambda: Assessment("asserted"))
    notes: list[str] = field(default_factory=list)
    folded: list[Coded] = field(default_factory=list)
    cotemporal: set[int] = field(default_factory=set)
    generic: bool = False
    complement: Token | None = None  # the clause whose subject a construction asks to act
    found: Found | None = None  # the construction that made this trigger, if any
    refused: set[str] = field(default_factory=set)  # roles whose every party is no actor

    @property
    def start(self) -> int:
        return min(t.idx for t in self.tokens)

    @property
    def end(self) -> int:
        last = max(self.tokens, key=lambda t: t.i)
        return last.idx + len(last.text)

    @property
    def depth(self) -> int:
        """Distance of the clause word from the sentence root (the main predicate is 0)."""
        node, depth = self.anchor, 0
        while node.head != node:
            node, depth = node.head, depth + 1
        return depth

    @property
    def trigger_text(self) -> str:
        doc = self.head.doc
        return doc_text(doc)[self.start : self.end]


class TriggerMatcher:
    """Finds and folds the triggers of a sentence (lexicon, light verbs, constructions)."""

    def __init__(self, resolver: ActorResolver, lexicon: Lexicon, subjects: SubjectFinder) -> None:
        self.resolver = resolver
        self.lexicon = lexicon
        self.subjects = subjects
        conf = settings()
        self.light_object = set(conf["light_verbs"]["object"])
        self.light_prep = dict(conf["light_verbs"]["preposition"])
        self.light_words = frozenset(self.light_object | set(self.light_prep))
        self.roles = {key: frozenset(value) for key, value in conf["roles"].items()}
        self.modal_governors = frozenset(conf["factuality"]["modal_governors"])
        self.catenatives = frozenset(conf["factuality"]["catenative_verbs"])

    def find(self, sentence: Span) -> list[Coded]:
        """The sentence's triggers, overlaps settled and complements folded, by head position."""
        found = [c for c in map(self._match, trigger_candidates(sentence, self.lexicon)) if c]
        built = [self._constructed(f) for f in demands(sentence) + terms(sentence) if self._asks(f)]
        found = self._without_overlaps(built + found)
        # rows that code no event ("called off the search", "said") claim their words, then go
        found = [c for c in found if c.entry.codes_event]
        events = [(c.anchor, c.type) for c in found if c.found is None]
        return self._fold([c for c in found if c.found is None or offer_stands(c.found, events)])

    def _asks(self, found: Found) -> bool:
        """A construction asks something of an actor: the subject of the clause it asks for
        names one ("if Ukraine pulled out", "the US must cancel"); "if war starts" and "the
        territorial integrity of Ukraine must be the basis of any peace" ask no one. A passive
        "must" clause asks whoever must act ("sanctions must be lifted"), and a pronoun stands
        for the actor it refers to ("reminded Iraq that it must cooperate")."""
        subjects = [c for c in found.complement.children if c.dep_ == "nsubj"]
        if not subjects and found.offer is None:
            return True
        if found.offer is None and any(
            speakers_own(found.verb, s, self.resolver.resolve) for s in subjects
        ):
            return False  # "we must accept …", the company said: its own stance (``said_senses``)
        return any(s.pos_ == "PRON" or self.resolver.is_actorish(s) for s in subjects)

    @staticmethod
    def _constructed(found: Found) -> Coded:
        """A construction (``constructions``) as a trigger on its speech verb ("said … must";
        terms name the speech act alone: their cue "if" may be a clause away)."""
        entry, verb = found.entry, found.verb
        words = [verb] if found.offer is not None else [verb, found.cue]
        coded = Coded(entry, entry.type, entry.mode, verb, verb, words)
        coded.complement, coded.found = found.complement, found
        return coded

    # -- triggers ------------------------------------------------------------------------
    def _match(self, token: Token) -> Coded | None:
        lemma = token.lemma_.lower()
        if self._modal_governor(token):
            return None
        if (
            token.tag_.startswith("VB")
            and token.pos_ in ("VERB", "AUX")
            and not stative(token, self.lexicon)
            and not predicative_participle(token)
        ):
            pool: VerbPool | None = None  # the verb's dependents, read once for all entries
            forms = frozenset(verb_forms(token))
            for entry in self.lexicon.ranked("V", forms):
                if self._empty_light_verb(entry, forms):
                    continue
                pool = VerbPool(token) if pool is None else pool
                moved = "subj:moved" in entry.when
                if entry.codes_event and not moved and not pool.may_fill(entry.others):
                    continue  # a slot none of the dependents can fill: ``fill`` finds nothing
                words = self._moved(token) if moved else pool.tokens
                slots = fill(entry.others, words if entry.codes_event else words + modified(token))
                if (
                    slots is None
                    or ("particle" in entry.when and phrase_for_particle(token, slots))
                    or other_sense(
                        entry,
                        token,
                        slots,
                        self._thing_objects,
                        self._mere_things,
                        self.resolver.is_actorish,
                        self.lexicon,
                    )
                ):
                    continue  # "checked into a clinic", "flew the missiles to" (``senses``)
                if self._constraints(entry, token):
                    return Coded(entry, entry.type, entry.mode, token, token, [token, *slots])
        adjective = token.pos_ == "ADJ" or (
            token.tag_ == "VBN"
            and (token.dep_ == "acomp" or any(c.dep_ == "auxpass" for c in token.children))
        )
        if adjective and token.dep_ in ("acomp", "amod", "ROOT", "conj", "ccomp", "xcomp", "advcl"):
            for word in (token.lower_, lemma):
                for entry in self.lexicon.lookup("A", word):
                    if self._constraints(entry, token):
                        anchor = token.head if token.dep_ == "acomp" else token
                        return Coded(entry, entry.type, entry.mode, token, anchor, [token])
        if token.pos_ in ("NOUN", "PROPN"):
            for entry in self.lexicon.lookup("N", lemma):
                mods = self._noun_slots(entry, token)
                if mods is not None and self._constraints(entry, token):
                    anchor = self._light_verb(token) or token
                    words = [token, *mods]
                    if anchor != token:
                        words.append(anchor)
                    return Coded(entry, entry.type, entry.mode, token, anchor, words)
        return None

    def _titled_name(self, token: Token) -> bool:
        """A proper name with a title before it ("Adviser Ajit Doval", "President Ruto")."""
        if token.pos_ != "PROPN":
            return False
        nouns = self.resolver.actor_nouns
        return any(c.dep_ == "compound" and c.lemma_.lower() in nouns for c in token.subtree)

    def _empty_light_verb(self, entry: Entry, forms: frozenset[str]) -> bool:
        """A light verb ("took to social media", "take calls", "expressed hope") says nothing
        by itself: PETRARCH2's bare default for it (171, seize) is not used; its object
        patterns ("took control", "took hostages") and the nominal it carries still code."""
        bare_default = entry.origin == "petrarch" and len(entry.slots) <= 1
        return bare_default and not self.light_words.isdisjoint(forms)  # ``verb_forms``

    def _modal_governor(self, token: Token) -> bool:
        """ "plans to visit", "failed to reach": the governor only says how its complement stands
        (events.toml [factuality] modal_governors); the complement is the event. So is a
        catenative's ("helped celebrate", ``senses.catenative``)."""
        if token.lemma_.lower() in self.catenatives:
            return catenative(token)
        if token.lemma_.lower() not in self.modal_governors:
            return False
        return any(
            c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX") for c in token.children
        )

    def _moved(self, verb: Token) -> list[Token]:
        """What arrives, for a row whose words name its subject (``subj:moved``): the subject's
        head and what its "of" names ("the first batch of missiles"). Goods arriving is their
        delivery (PETRARCH2's ARRIVE and REACH blocks code "RELIEF SUPPLIES *", "&FOOD *",
        "MEDICINE *" as aid, patterns its reader drops: ``petrarch_verbs``)."""
        subjects, _ = self.subjects.find(verb)
        pool = list(subjects)
        for subject in subjects:
            for prep in subject.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    pool.extend(g for g in prep.children if g.dep_ == "pobj")
        return pool

    def _noun_slots(self, entry: Entry, noun: Token) -> list[Token] | None:
        pool = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod")]
        pool += [g for c in pool for g in c.children if g.dep_ in ("compound", "amod")]
        if noun.i > 0 and noun.nbor(-1).dep_ == "compound":
            pool.append(noun.nbor(-1))
        return fill(entry.others, pool)

    def _light_verb(self, noun: Token) -> Token | None:
        """The light verb carrying a nominal trigger ("held talks", "engaged in a meeting",
        "launched a mediation effort")."""
        while noun.dep_ == "compound" and noun.head != noun:
            noun = noun.head
        head = noun.head
        if noun.dep_ in ("dobj", "nsubjpass") and verb_forms(head) & self.light_object:
            return head
        if noun.dep_ == "pobj" and head.dep_ == "prep":
            verb = head.head
            want = next(
                (self.light_prep[f] for f in verb_forms(verb) if f in self.light_prep), None
            )
            if want is not None and head.lower_ == want and verb.pos_ in ("VERB", "AUX"):
                return verb
            # "took part in talks": the preposition hangs on the verb's object "part"
            if verb.dep_ == "dobj" and verb.lemma_.lower() == "part":
                return verb.head
        return None

    def _constraints(self, entry: Entry, token: Token) -> bool:
        for rule in entry.when:
            if rule == "plural" and token.tag_ not in ("NNS", "NNPS"):
                return False
            if rule in ("obj:actor", "obj:none"):
                objects = self._objects(token)
                # a person noun is someone too ("the fifth coach to be fired"; ``senses``)
                has_actor = any(
                    self.resolver.is_actorish(o) or o.lemma_.lower() in person_nouns()
                    for o in objects
                )
                if rule == "obj:actor" and not has_actor:
                    return False
                if rule == "obj:none" and objects:
                    return False
            if rule == "obj:some" and not self._objects(token):
                return False
            if rule == "obj:party" and not self._party_objects(token):
                return False
            if rule == "obj:thing" and not self._thing_objects(token):
                return False  # "released the new iPhone" (``senses``)
            if rule == "obj:goods" and not self._mere_things(token):
                return False  # "ordered US$6 billion in new airliners", not "ordered a probe"
            if rule in ("subj:person", "subj:actor"):
                subjects, _ = self.subjects.find(token)
                refs = [r for s in subjects for r in self.resolver.resolve(s)]
                labels = {r.label for r in refs if r.rule != CIVILIANS}  # a crowd, not a name
                if any(self._titled_name(s) for s in subjects):
                    labels.add("PERSON")  # "National Security Adviser Ajit Doval", NER or not
                wanted = {"PERSON"} if rule == "subj:person" else {"PERSON", "ORG", "GPE"}
                if not labels & wanted:
                    return False
            if rule == "xcomp" and not any(c.dep_ in ("xcomp", "ccomp") for c in token.children):
                return False
            if rule == "complement" and not object_predicate(token):
                return False
        return True

    def _objects(self, token: Token) -> list[Token]:
        """What a verb acts on: its objects, or a passive's patient ("Cheeks was fired", "the
        envoy was received"), which stands where the active verb's object would."""
        objects = [c for c in token.children if c.dep_ in ("dobj", "dative")]
        return objects or self.subjects.patients(token)

    def _thing_objects(self, token: Token) -> bool:
        return thing_objects(token, self._objects(token), self.resolver.is_actorish)

    def _mere_things(self, token: Token) -> bool:
        """Are the verb's objects all things (``_thing_objects``) and none an act the lexicon
        codes (``senses.names_an_act``: "prosecuting the bombings" names the bombers, "ordered
        an assessment" an act)?"""
        return self._thing_objects(token) and not any(
            names_an_act(o, self.lexicon) for o in self._objects(token)
        )

    def _party_objects(self, token: Token) -> bool:
        """No object, or one naming who takes part or a coded event ("hosted the summit",
        "hosted Modi"): a show or a ceremony hosted is no diplomatic event."""
        objects = self._objects(token)
        return not objects or any(
            self.resolver.is_actorish(o) or self.lexicon.candidates("N", o.lemma_.lower())
            for o in objects
        )

    @staticmethod
    def _without_overlaps(found: list[Coded]) -> list[Coded]:
        """Where two triggers share words keep the one covering more words, then the upper
        lexicon layer, then the more specific ("lodged a protest" is the verb pattern, not the
        nominal "protest"; "engaged in a meeting" is the nominal carried by its light verb, not
        the bare verb "engage"; "a visit was announced" is the hand layer's nominal visit, not
        PETRARCH's "announce a visit")."""
        order = {"C": 0, "V": 1, "A": 2, "N": 3}
        ranked = sorted(
            found,
            key=lambda c: (
                -len({t.i for t in c.tokens}),
                LAYER_RANK.get(c.entry.origin, 0),
                -c.entry.specificity[0],
                -c.entry.specificity[1],
                order[c.entry.pos],
            ),
        )
        taken: set[int] = set()
        kept = []
        for coded in ranked:
            ids = {t.i for t in coded.tokens}
            if ids & taken:
                continue
            taken |= ids
            kept.append(coded)
        return sorted(kept, key=lambda c: c.head.i)

    # -- one event per predicate ---------------------------------------------------------
    def _fold(self, found: list[Coded]) -> list[Coded]:
        """Drop triggers that sit inside another trigger's complement; keep them as folded."""
        covered = {t.i: c for c in found for t in c.tokens}
        kept = []
        for coded in found:
            governor = self._governing(coded, found, covered)
            if governor is None:
                kept.append(coded)
            else:
                governor.folded.append(coded)
        return kept

    def _governing(
        self, coded: Coded, found: list[Coded], covered: dict[int, Coded]
    ) -> Coded | None:
        owner = covered.get(coded.head.i)
        if owner is not None and owner is not coded:
            return owner  # a word of another trigger's pattern ("reach" + "agreement")
        node = coded.anchor
        for _ in range(8):
            if node.head == node:
                return None
            if node.dep_ not in PASS_DEPS:
                return None
            if node.dep_ == "prep" and node.lower_ in self.roles["circumstance_preps"]:
                return None
            node = node.head
            owner = covered.get(node.i)
            if owner is not None and owner is not coded:
                return owner
        return None
