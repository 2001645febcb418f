"""Coding one sentence: triggers from the lexicon, their arguments over the dependency parse.

A trigger is a verb ("met", "telephoned"), a verb with its particle or object ("held talks" as
"hold" + "talk" is a light-verb construction, "impose sanctions", "open fire"), a nominal
("Jaishankar's visit to Russia", "the talks between Modi and Putin") or an adjective taking an
infinitive ("willing to"). For each trigger the coder finds

* the clause word its arguments hang on (the verb, the light verb carrying a nominal trigger, or
  the nominal itself),
* the source (subject, passive agent, possessor or "by"/"between" phrase of a nominal; an
  infinitive or coordinated verb borrows its governor's subject) and the target (direct object
  when it names an actor, else "with"/"to"/"against"/… phrases, else an actor inside the object:
  "rejected North Korea's demand"),
* the location ("at the Kremlin", "in Moscow"), the factuality, and an explanation.

A trigger inside the complement of another trigger is folded into it (one event per predicate, as
PLOVER codes: "agreed to work together" is AGREE, "threatened to impose sanctions" is THREATEN with
the mode of the threatened act). Nominal triggers without any actor are dropped ("the meeting
unfolded against…"): they repeat an event told elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from storyline.events.actors import ActorRef, ActorResolver
from storyline.events.factuality import Assessment, assess, inside_quotes, is_generic
from storyline.events.lexicon import Entry, Lexicon, settings, threaten_mode
from storyline.nlp import doc_text

DEMAND_CONSTRUCTION = Entry(
    slots=(frozenset({"must"}),),
    pos="C",
    when=frozenset(),
    type="DEMAND",
    mode=None,
    cameo="100",
    note="X says Y must Z: a demand (construction)",
)

PASS_DEPS = frozenset(
    {"xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "attr", "oprd", "compound", "amod", "nmod",
     "dative", "appos", "npadvmod", "nsubjpass", "acomp"}
)  # fmt: skip
SCOPE_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
WEAPON_PRIORITY = ("suicide-attack", "explosives", "heavy-weapons", "firearms", "primitive")


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
    complement: Token | None = None  # the clause demanded by a "must" construction

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


class SentenceCoder:
    """Codes the sentences of one parsed document (shares the actor resolver across them)."""

    def __init__(self, resolver: ActorResolver, lexicon: Lexicon) -> None:
        self.resolver = resolver
        self.lexicon = lexicon
        conf = settings()
        self.light_object = set(conf["light_verbs"]["object"])
        self.light_prep = dict(conf["light_verbs"]["preposition"])
        self.weapons = {k.lower(): tuple(v) for k, v in conf["weapons"].items()}
        roles = conf["roles"]
        self.roles = {key: frozenset(value) for key, value in roles.items()}
        self.target_preps = tuple(roles["target_preps"])
        self.seats = dict(conf["seats"])

    # -- the sentence --------------------------------------------------------------------
    def code(self, sentence: Span) -> list[Coded]:
        """Events coded from one sentence, in text order."""
        found = [c for c in (self._match(token) for token in sentence) if c is not None]
        found = self._without_overlaps(self._demands(sentence) + found)
        kept = self._fold(found)
        events = []
        for coded in kept:
            self._arguments(coded)
            if not coded.sources and not (coded.targets and self._passive(coded)):
                continue
            self._refine(coded, sentence)
            coded.location = self._location(coded)
            self._place_target(coded)
            coded.assessment = assess(coded.anchor, coded.head)
            coded.generic = is_generic(coded.anchor, coded.assessment)
            events.append(coded)
        self._link_coordinated(events)
        return sorted(events, key=lambda c: c.start)

    # -- triggers ------------------------------------------------------------------------
    def _match(self, token: Token) -> Coded | None:
        lemma = token.lemma_.lower()
        if token.tag_.startswith("VB") and token.pos_ in ("VERB", "AUX"):
            entries = [e for form in verb_forms(token) for e in self.lexicon.candidates("V", form)]
            for entry in sorted(entries, key=lambda e: e.specificity, reverse=True):
                slots = self._verb_slots(entry, token)
                if slots is not None and self._constraints(entry, token):
                    return Coded(entry, entry.type, entry.mode, token, token, [token, *slots])
        adjective = token.pos_ == "ADJ" or (
            token.tag_ == "VBN"
            and (token.dep_ == "acomp" or any(c.dep_ == "auxpass" for c in token.children))
        )
        if adjective and token.dep_ in ("acomp", "amod", "ROOT", "conj", "ccomp", "xcomp"):
            for word in (token.lower_, lemma):
                for entry in self.lexicon.candidates("A", word):
                    if self._constraints(entry, token):
                        anchor = token.head if token.dep_ == "acomp" else token
                        return Coded(entry, entry.type, entry.mode, token, anchor, [token])
        if token.pos_ in ("NOUN", "PROPN"):
            for entry in self.lexicon.candidates("N", lemma):
                mods = self._noun_slots(entry, token)
                if mods is not None and self._constraints(entry, token):
                    anchor = self._light_verb(token) or token
                    words = [token, *mods]
                    if anchor != token:
                        words.append(anchor)
                    return Coded(entry, entry.type, entry.mode, token, anchor, words)
        return None

    def _verb_slots(self, entry: Entry, verb: Token) -> list[Token] | None:
        """Tokens filling the pattern's other slots among the verb's dependents, or None."""
        pool: list[Token] = []
        for child in verb.children:
            if child.dep_ in ("prt", "prep", "dobj", "dative", "advmod", "nsubjpass", "acomp"):
                pool.append(child)
            if child.dep_ in ("prep", "dobj", "nsubjpass", "agent"):
                for grand in child.children:
                    if grand.dep_ in ("pobj", "compound", "amod", "prt"):
                        pool.append(grand)
                    if grand.dep_ == "prep" and child.dep_ in ("dobj", "nsubjpass"):
                        pool.extend(g for g in grand.children if g.dep_ == "pobj")
        return _fill(entry.others, pool)

    def _noun_slots(self, entry: Entry, noun: Token) -> list[Token] | None:
        pool = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod")]
        pool += [g for c in pool for g in c.children if g.dep_ in ("compound", "amod")]
        if noun.i > 0 and noun.nbor(-1).dep_ == "compound":
            pool.append(noun.nbor(-1))
        return _fill(entry.others, pool)

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
                objects = [c for c in token.children if c.dep_ in ("dobj", "dative")]
                has_actor = any(self.resolver.is_actorish(o) for o in objects)
                if rule == "obj:actor" and not has_actor:
                    return False
                if rule == "obj:none" and objects:
                    return False
            if rule in ("subj:person", "subj:actor"):
                subjects, _ = self._subject(token)
                labels = {r.label for s in subjects for r in self.resolver.resolve(s)}
                wanted = {"PERSON"} if rule == "subj:person" else {"PERSON", "ORG", "GPE"}
                if not labels & wanted:
                    return False
            if rule == "xcomp" and not any(c.dep_ in ("xcomp", "ccomp") for c in token.children):
                return False
        return True

    def _demands(self, sentence: Span) -> list[Coded]:
        """ "X said (that) Y must Z" is X demanding Z of Y (events.toml [constructions])."""
        conf = settings()["constructions"]
        speech = set(settings()["factuality"]["reporting_verbs"]) | set(conf["demand_verbs"])
        found = []
        for token in sentence:
            if token.dep_ != "aux" or token.lower_ not in conf["demand_modals"]:
                continue
            clause = token.head
            node = clause
            for _ in range(4):
                if node.dep_ not in ("ccomp", "acl", "dobj", "relcl") or node.head == node:
                    node = None
                    break
                node = node.head
                if node.pos_ in ("VERB", "AUX"):
                    break
            if node is None or node.pos_ not in ("VERB", "AUX"):
                continue
            if node.lemma_.lower() not in speech:
                continue
            coded = Coded(DEMAND_CONSTRUCTION, "DEMAND", None, node, node, [node, token])
            coded.complement = clause
            found.append(coded)
        return found

    @staticmethod
    def _without_overlaps(found: list[Coded]) -> list[Coded]:
        """Where two triggers share words keep the more specific ("lodged a protest" is the
        verb pattern, not the nominal "protest")."""
        order = {"C": 0, "V": 1, "A": 2, "N": 3}
        ranked = sorted(
            found,
            key=lambda c: (-c.entry.specificity[0], -c.entry.specificity[1], order[c.entry.pos]),
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

    def _link_coordinated(self, events: list[Coded]) -> None:
        """Mark events whose clause words are coordinated ("spoke with X and congratulated him")."""
        for a_index, a in enumerate(events):
            for b_index, b in enumerate(events):
                if a_index != b_index and a.anchor.dep_ == "conj" and a.anchor.head == b.anchor:
                    a.cotemporal.add(b_index)
                    b.cotemporal.add(a_index)

    # -- arguments -----------------------------------------------------------------------
    def _arguments(self, coded: Coded) -> None:
        anchor, head = coded.anchor, coded.head
        resolve = self.resolver.resolve
        slot_ids = {t.i for t in coded.tokens}
        sources: list[ActorRef] = []
        targets: list[ActorRef] = []
        if anchor == head and head.pos_ in ("NOUN", "PROPN"):
            sources, targets = self._nominal_arguments(coded)
        else:
            subjects, rule = self._subject(anchor)
            subjects = [s for s in subjects if self._acceptable_subject(s, coded)]
            for subject in subjects:
                sources.extend(resolve(subject))
            if sources:
                coded.notes.append(f"source from {rule} '{_phrase_text(subjects)}'")
            passive = [c for c in anchor.children if c.dep_ == "nsubjpass"]
            if passive and not any(c.i in slot_ids for c in passive):
                for agent in (c for c in anchor.children if c.dep_ == "agent"):
                    agents = [g for g in agent.children if g.dep_ == "pobj"]
                    for token in agents:
                        sources.extend(resolve(token))
                    if agents:
                        coded.notes.append(f"source from passive agent '{_phrase_text(agents)}'")
                targets.extend(r for p in passive for r in resolve(p))
                if targets:
                    coded.notes.append(f"target from passive subject '{_phrase_text(passive)}'")
            if coded.complement is not None and not targets:
                demanded = [
                    c for c in coded.complement.children if c.dep_ in ("nsubj", "nsubjpass")
                ]
                targets = [r for t in demanded for r in resolve(t)]
                if targets:
                    coded.notes.append(f"target is who must act '{_phrase_text(demanded)}'")
            if not targets:
                targets = self._verbal_targets(coded, slot_ids)
            if not targets:
                targets = self._complement_targets(coded, slot_ids)
            if not targets and coded.type not in self.roles["no_scope_target_types"]:
                targets = self._scope_target(coded, sources)
            sender = self._sender(coded)
            if sender:
                coded.notes.append(
                    f"source is the sender '{sender[0].text}' (delivered by "
                    f"'{', '.join(r.text for r in sources) or '?'}')"
                )
                sources = sender
        source_keys = {(r.start, r.end) for r in sources}
        coded.sources = sources
        coded.targets = [r for r in targets if (r.start, r.end) not in source_keys]

    def _acceptable_subject(self, token: Token, coded: Coded) -> bool:
        """A subject that can be an event's source: a named or person-like actor, a phrase that
        names its owner, a resolvable pronoun; for violence, also the weapon or attack itself
        ("a roadside bombing killed …")."""
        resolver = self.resolver
        if token.pos_ == "PRON":
            return bool(resolver.resolve(token))
        if resolver.is_actorish(token) or resolver.names_owner(token) or token.pos_ == "PROPN":
            return True
        return coded.type in self.roles["instrument_source_types"] and token.pos_ == "NOUN"

    @staticmethod
    def _passive(coded: Coded) -> bool:
        return any(c.dep_ in ("nsubjpass", "auxpass") for c in coded.anchor.children)

    def _subject(self, verb: Token, depth: int = 0) -> tuple[list[Token], str]:
        """Subject tokens of a verb, borrowed from the governor for infinitives and conjuncts."""
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        if subjects:
            relative = [s for s in subjects if s.tag_ in ("WP", "WDT")]
            if relative and verb.dep_ == "relcl":
                return [verb.head], "relative clause head"
            return subjects, "subject"
        if verb.dep_ == "ROOT" and inside_quotes(verb):
            speaker = self._quote_speaker(verb)
            if speaker:
                return speaker, "speaker of the quotation"
        if depth > 4 or verb.head == verb:
            return [], "none"
        head = verb.head
        dep = verb.dep_
        if dep == "xcomp":
            raised = [c for c in head.children if c.dep_ == "nsubjpass"]
            if raised:  # "the leaders are expected to discuss", "he was forced to resign"
                return raised, "subject of the passive governing verb"
            objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            if objects and head.lemma_.lower() in self.roles["object_control"]:
                return objects, "object of the governing verb"
            found, _ = self._subject(head, depth + 1)
            return found, "subject of the governing verb"
        if dep == "conj":
            found, _ = self._subject(head, depth + 1)
            return found, "subject of the coordinated verb"
        if dep in ("advcl", "pcomp") or (dep == "acomp" and head.pos_ == "AUX"):
            governor = head
            while governor.pos_ not in ("VERB", "AUX") and governor.head != governor:
                governor = governor.head
            found, _ = self._subject(governor, depth + 1)
            return found, "subject of the main clause"
        if dep == "acl":
            if verb.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in verb.children):
                return [], "none"
            if not self.resolver.is_actorish(head) and head.dep_ in ("dobj", "pobj", "attr"):
                governor = head.head
                while governor.pos_ not in ("VERB", "AUX") and governor.head != governor:
                    governor = governor.head
                found, _ = self._subject(governor, depth + 1)
                return found, "subject of the verb whose object the clause describes"
            return [head], "noun the clause describes"
        if dep == "relcl":
            return [head], "relative clause head"
        if dep == "ccomp":
            speaker = [c for c in head.children if c.dep_ == "nsubj"]
            if speaker and head.lemma_.lower() in settings()["factuality"]["reporting_verbs"]:
                return speaker, "speaker of the quoted clause"
        return [], "none"

    def _quote_speaker(self, verb: Token) -> list[Token]:
        """The subject of the reporting verb after a quotation ("“Spoke with …,” Modi said")."""
        reporting = settings()["factuality"]["reporting_verbs"]
        doc = verb.doc
        sentence = verb.sent
        following = [sentence]
        if sentence.end < len(doc):
            following.append(doc[sentence.end].sent)
        for sent in following:
            for token in sent:
                if token.i <= verb.i or token.lemma_.lower() not in reporting:
                    continue
                subjects = [c for c in token.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
                if subjects and not inside_quotes(token):
                    return subjects
        return []

    def _verbal_targets(self, coded: Coded, slot_ids: set[int]) -> list[ActorRef]:
        anchor, head = coded.anchor, coded.head
        resolve = self.resolver.resolve
        instrument = coded.type in self.roles["object_is_instrument"]
        objects = [
            c
            for c in anchor.children
            if c.dep_ in ("dobj", "dative", "attr") and c.i not in slot_ids and not instrument
        ]
        for obj in objects:
            if self.resolver.is_actorish(obj):
                coded.notes.append(f"target from object '{obj.text}'")
                return resolve(obj)
        holders = [anchor] + ([head] if head != anchor else [])
        holders += [t for t in coded.tokens if t.pos_ in ("NOUN", "PROPN") and t not in holders]
        phrase = head
        while phrase.dep_ == "compound" and phrase.head != phrase:
            phrase = phrase.head
            holders.append(phrase)
        holders += [c for c in anchor.children if c.dep_ == "dobj" and c not in holders]
        for prep_word in self.target_preps:
            for holder in holders:
                for prep in holder.children:
                    if prep.dep_ != "prep" or prep.lower_ != prep_word:
                        continue
                    for obj in prep.children:
                        if obj.dep_ != "pobj" or obj.i in slot_ids:
                            continue
                        if prep_word == "at" and coded.type not in self.roles["target_at_types"]:
                            continue
                        if prep_word == "from" and coded.entry.mode == "letter":
                            continue
                        if self.resolver.is_actorish(obj) or self.resolver.is_place(obj):
                            coded.notes.append(f"target from '{prep_word} {obj.text}'")
                            return resolve(obj)
        for obj in objects + [t for t in coded.tokens if t.dep_ == "dobj"]:
            inner = self._actor_inside(obj)
            if inner:
                coded.notes.append(f"target inside object '{obj.text}'")
                return inner
        return []

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
                            f"target is who the demand addresses '{_phrase_text(subjects)}'"
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

    def _scope_target(self, coded: Coded, sources: list[ActorRef]) -> list[ActorRef]:
        """Last resort, the event coders' convention (TABARI, PETRARCH): the first named actor
        after the trigger inside its clause ("staged a hunger strike … to demand the resignation
        of President Ben Bella")."""
        anchor = coded.anchor
        last = max(t.i for t in coded.tokens)
        skip: set[int] = set()
        for child in anchor.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj", "relcl", "parataxis"):
                skip |= {t.i for t in child.subtree}
        taken = {(r.start, r.end) for r in sources}
        for token in anchor.subtree:
            if token.i <= last or token.i in skip:
                continue
            if token.dep_ in ("ccomp",) and token.head == anchor:
                break
            mention = self.resolver.mention_at(token)
            if mention is None or self.resolver.label_of(mention) not in SCOPE_LABELS:
                continue
            if (mention.provenance.start, mention.provenance.end) in taken:
                continue
            span = token.doc.char_span(
                mention.provenance.start, mention.provenance.end, alignment_mode="expand"
            )
            root = span.root if span is not None else token
            found = [r for r in self.resolver.resolve(root) if (r.start, r.end) not in taken]
            if found:
                coded.notes.append(f"target is the first actor in the clause '{root.text}'")
                return found
        return []

    def _actor_inside(self, noun: Token) -> list[ActorRef]:
        """An actor named inside a non-actor phrase: "North Korea's demand", "a U.S. request"."""
        for child in noun.children:
            if child.dep_ == "poss" and child.pos_ != "PRON":
                return self.resolver.resolve(child)
        for child in noun.children:
            if child.dep_ in ("compound", "amod", "nmod") and self.resolver.mention_at(child):
                return self.resolver.resolve(child)
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
                for obj in child.children:
                    if obj.dep_ == "pobj" and self.resolver.is_actorish(obj):
                        return self.resolver.resolve(obj)
        return []

    def _sender(self, coded: Coded) -> list[ActorRef]:
        """For a letter or message: the actor it is "from" (the deliverer only carries it)."""
        if coded.entry.mode != "letter":
            return []
        for token in coded.tokens:
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ == "from":
                    for obj in prep.children:
                        if obj.dep_ == "pobj" and self.resolver.is_actorish(obj):
                            return self.resolver.resolve(obj)
        return []

    def _nominal_arguments(self, coded: Coded) -> tuple[list[ActorRef], list[ActorRef]]:
        noun = coded.head
        resolve = self.resolver.resolve
        sources: list[ActorRef] = []
        targets: list[ActorRef] = []
        visit = coded.entry.type == "CONSULT" and coded.mode == "visit"
        for child in noun.children:
            if child.dep_ == "poss":
                found = resolve(child)
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
                elif mention.label in ("PERSON", "ORG", "GPE"):
                    sources.extend(resolve(child))
                    coded.notes.append(f"participant from '{child.text} {noun.text}'")
            elif child.dep_ == "prep":
                word = child.lower_
                objects = [g for g in child.children if g.dep_ == "pobj"]
                for obj in objects:
                    if not (self.resolver.is_actorish(obj) or self.resolver.is_place(obj)):
                        continue
                    if word == "between" or word == "among":
                        sources.extend(resolve(obj))
                        coded.notes.append(f"participants from '{word} {_phrase_text([obj])}'")
                    elif word == "by" or (word == "of" and visit):
                        sources.extend(resolve(obj))
                        coded.notes.append(f"source from '{word} {obj.text}'")
                    elif word in ("with", "to", "against", "on", "toward", "towards", "into"):
                        targets.extend(resolve(obj))
                        coded.notes.append(f"target from '{word} {obj.text}'")
                    elif word == "of" and coded.entry.type not in ("CONSULT", "AGREE"):
                        targets.extend(resolve(obj))
                        coded.notes.append(f"target from 'of {obj.text}'")
        return sources, targets

    # -- mode, type and place ------------------------------------------------------------
    def _refine(self, coded: Coded, sentence: Span) -> None:
        if coded.mode == "@weapon":
            coded.mode = None
            found = {}
            for token in sentence:
                hit = self.weapons.get(token.lemma_.lower()) or self.weapons.get(token.lower_)
                if hit:
                    found.setdefault(hit[1], hit)
            for mode in WEAPON_PRIORITY:
                if mode in found:
                    coded.type, coded.mode = found[mode]
                    coded.notes.append(f"instrument '{mode}' → {coded.type}")
                    break
        hostile = set(settings()["plover"]["hostile"])
        direct = [
            f
            for f in coded.folded
            if f.type in hostile and f.anchor.dep_ == "xcomp" and f.anchor.head == coded.head
        ]
        if coded.type == "AGREE" and direct:
            inner = direct[0]
            coded.type, coded.mode = "THREATEN", threaten_mode(inner.type, inner.mode)
            coded.notes.append(f"a promise of a hostile act ('{inner.trigger_text}') is a threat")
        elif coded.type == "THREATEN" and coded.folded and coded.mode is None:
            inner = coded.folded[0]
            coded.mode = threaten_mode(inner.type, inner.mode)
            coded.notes.append(f"threatened act '{inner.trigger_text}' → mode {coded.mode}")

    def _place_target(self, coded: Coded) -> None:
        """A territorial act with no other target acts on the place it happens in ("lifted the
        curfew in Montenegro", "demonstrated in Serbia"); a visit's place is its destination."""
        visit = coded.type == "CONSULT" and coded.mode == "visit"
        if coded.targets or not (coded.type in self.roles["place_target_types"] or visit):
            return
        for holder in (coded.anchor, coded.head):
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("in", "into", "to", "at", "inside"):
                    continue
                for obj in prep.children:
                    if obj.dep_ == "pobj" and self.resolver.is_place(obj):
                        coded.targets = self.resolver.resolve(obj)
                        coded.notes.append(f"target is the place acted on '{prep.text} {obj.text}'")
                        return

    def _location(self, coded: Coded) -> str | None:
        """Where the event took place: an "in/at" place phrase, else a visit's destination."""
        holders = [coded.anchor, coded.head]
        trigger_ids = {t.i for t in coded.tokens}
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ not in self.roles["place_preps"]:
                    continue
                for obj in prep.children:
                    if obj.dep_ != "pobj" or obj.i in trigger_ids:
                        continue
                    place = self._place_name(obj)
                    if place:
                        coded.notes.append(f"location from '{prep.text} {obj.text}'")
                        return place
        if coded.type == "CONSULT" and coded.mode == "visit":
            for target in coded.targets:
                if target.label in ("GPE", "LOC", "FAC"):
                    return target.text
        return None

    def _place_name(self, token: Token) -> str | None:
        """A place named by a phrase ("the Kremlin" → "Kremlin, Moscow"; "residence outside
        Moscow" → "Moscow")."""
        nested = [
            g
            for c in token.children
            if c.dep_ == "prep" and c.lower_ in self.roles["place_preps"]
            for g in c.children
            if g.dep_ == "pobj"
        ]
        for candidate in [token, *nested]:
            mention = self.resolver.mention_at(candidate)
            text = mention.text if mention is not None else None
            if text is None and candidate == token and candidate.pos_ == "PROPN":
                text = _compound_text(candidate)
            if text is None:
                continue
            bare = text.removeprefix("the ").removeprefix("The ")
            if bare in self.seats:
                return f"{bare}, {self.seats[bare]}"
            if mention is not None and self.resolver.label_of(mention) in ("GPE", "LOC", "FAC"):
                return bare
        return None


def verb_forms(token: Token) -> set[str]:
    """The lemma and plausible base forms of a verb (the statistical lemmatiser sometimes errs:
    "staged" → "stag")."""
    word = token.lower_
    forms = {token.lemma_.lower(), word}
    if word.endswith("ied"):
        forms.add(word[:-3] + "y")
    if word.endswith("ed"):
        forms |= {word[:-1], word[:-2]}
    if word.endswith("ing"):
        forms |= {word[:-3], word[:-3] + "e"}
    if word.endswith("es"):
        forms |= {word[:-1], word[:-2]}
    elif word.endswith("s"):
        forms.add(word[:-1])
    return forms


def _fill(slots: tuple[frozenset[str], ...], pool: list[Token]) -> list[Token] | None:
    """Assign each slot a distinct token from the pool whose lemma (or form) it lists."""
    used: list[Token] = []
    for slot in slots:
        hit = next(
            (t for t in pool if t not in used and (t.lemma_.lower() in slot or t.lower_ in slot)),
            None,
        )
        if hit is None:
            return None
        used.append(hit)
    return used


def _phrase_text(tokens: list[Token]) -> str:
    return ", ".join(t.text for t in tokens)


def _compound_text(token: Token) -> str:
    words = [c for c in token.children if c.dep_ == "compound" and c.i < token.i] + [token]
    return " ".join(w.text for w in sorted(words, key=lambda w: w.i))
