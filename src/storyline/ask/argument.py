"""The answer span of a who/where question: the argument of the asked act in the cited sentence.

A who-question asks for one argument of one act ("Who *hosted* the summit?" asks for the doer of
hosting; "Who did Modi *invite*?" for its undergoer; "Who did Modi *speak with*?" for the object
of *with*), and a where-question for the place the act happened at. The supporting sentence says
who fills that argument through its syntax (the dependency parse): the subject of an active verb
or the *by*-phrase of a passive one is the doer; the object of an active verb or the subject of a
passive one the undergoer; the prepositional object of the asked preposition the oblique. That
argument — never any entity of the right type that happens to stand in the sentence — is the
answer ("Putin said Russia would be represented … by Foreign Minister Sergei Lavrov" answers
"Who would represent Russia?" with Lavrov, not with Putin). The same reading checks the
question's core names: when the question says whose act it is ("Who represented *China*?"), the
act's other argument in the sentence must be that name ("India, which was represented by
Pavan Kapoor" does not answer it).

An act in the sentence is the asked verb's lemma or a verb the event lexicon codes with the same
event type ("speak" and "discuss" are both CONSULT), or, for a question carried by nouns ("Where
was the summit held?"), the asked noun itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from storyline.ask.frame import Frame
from storyline.ask.index import AskIndex
from storyline.ask.query import keys_match, term_key
from storyline.ask.score import Scored
from storyline.entities.lexicon import name_key
from storyline.models import Provenance

SUBJECT = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT = frozenset({"nsubjpass", "csubjpass"})
OBJECT = frozenset({"dobj", "dative", "obj"})
#: Prepositions that put an act at a place (closed class; Huddleston & Pullum ch. 7).
LOCATIVE = frozenset({"in", "at", "on", "near", "inside", "outside"})
#: Prepositions of a path: a where-question stranding one asks for its source or goal.
DIRECTIONAL = frozenset({"from", "to", "into", "towards", "toward"})


@dataclass(frozen=True)
class Filler:
    """An entity found in the asked argument of an act in one sentence."""

    entity_id: str
    sentence: Scored
    start: int  # absolute character offset of the mention


@dataclass(frozen=True)
class Reading:
    """What the supporting sentences say of the asked argument: the fillers (best sentence
    first) and whether some sentence told the act with its argument but named no entity of the
    asked type there (then the question is answered by nothing nearby either)."""

    fillers: tuple[Filler, ...]
    act_seen: bool


@lru_cache(maxsize=256)
def parse(text: str) -> Doc:
    from storyline.nlp import load_model

    return load_model()(text)


def read_arguments(
    frame: Frame,
    top: Sequence[Scored],
    index: AskIndex,
    named: set[str],
    wanted: set[str],
    core: Sequence[set[str]],
    where: bool = False,
) -> Reading:
    """Entities of the ``wanted`` types that fill the asked role of the asked act in the
    supporting sentences ``top``; ``core`` are the entity-id sets the act's other argument must
    hold when the question names them."""
    if not frame.acts and not (where and frame.nouns):
        return Reading((), False)
    fillers: list[Filler] = []
    seen = False
    for s in top:
        doc = parse(s.hit.text)
        mentions = sorted(index.mentions_at.get((s.hit.doc_id, s.hit.start), ()))
        for act in _acts_in(doc, frame, where):
            argument = _argument(act, frame, where)
            if not argument:
                continue
            seen = True  # told of someone else's act, it still says who did the asked one
            if core and not _core_held(act, argument, mentions, s.hit.start, core, index):
                continue
            found = _entities_in(argument, mentions, s.hit.start, index, named, wanted, where)
            fillers.extend(Filler(e, s, start) for start, e in found)
            if found:
                break
    return Reading(tuple(fillers), seen)


def act_told(
    frame: Frame, top: Sequence[Scored], index: AskIndex, core: Sequence[set[str]]
) -> bool | None:
    """Whether the supporting sentences tell the asked act of the question's core names: None
    when none of them states the act in words (nothing to judge), False when every one that
    states it tells it of someone else ("When did Zelenskyy visit Moscow?" is not answered by
    "Modi's visit to Kyiv on August 23")."""
    if not frame.acts or not core:
        return None
    seen = False
    for s in top:
        doc = parse(s.hit.text)
        mentions = sorted(index.mentions_at.get((s.hit.doc_id, s.hit.start), ()))
        for act in _acts_in(doc, frame, False):
            seen = True
            if _core_held(act, [], mentions, s.hit.start, core, index):
                return True
    return False if seen else None


def act_spans(frame: Frame, text: str) -> list[tuple[int, int]]:
    """Character ranges (in ``text``) of the words of the clauses whose verb is the asked act,
    without the clauses nested in them: where a value of that act is written ("attended by 92
    countries", not "… a communique, which was backed by 80 countries"; "he spent about seven
    hours", not "it took about 10 hours")."""
    doc = parse(text)
    return [
        (t.idx, t.idx + len(t.text))
        for act in _acts_in(doc, frame, False)
        for t in act.subtree
        if t != act and _clause_verb(t) == act
    ]


def filler_evidence(filler: Filler, length: int) -> Provenance:
    """The filler's mention in its sentence, as the answer cites it."""
    hit = filler.sentence.hit
    return Provenance(
        doc_id=hit.doc_id,
        start=filler.start,
        end=filler.start + length,
        sentence=hit.text,
        sentence_start=hit.start,
        sentence_end=hit.end,
    )


# -- the act in the sentence ------------------------------------------------------------------
def _acts_in(doc: Doc, frame: Frame, where: bool) -> list[Token]:
    """Tokens of the sentence that state the asked act: the same verb (or its noun: "invite",
    "the invitation" share a stem); for a noun-carried where-question the asked noun. A verb
    the event lexicon merely codes with the same type is no such token: the lexicon's types
    are broad (it codes "host" and "brief" alike as cooperation)."""
    keys = [term_key(a) for a in frame.acts]
    same = [
        t
        for t in doc
        if t.pos_ in ("VERB", "NOUN") and any(keys_match(term_key(t.lemma_), k) for k in keys)
    ]
    found = same
    if where and not found:
        nouns = [term_key(n) for n in frame.nouns]
        found = [
            t
            for t in doc
            if t.pos_ == "NOUN" and any(keys_match(term_key(t.lemma_), n) for n in nouns)
        ]
    return found


def _passive(verb: Token) -> bool:
    """A passive clause, or a past participle modifying a noun ("the summit, hosted by …")."""
    if any(c.dep_ in PASSIVE_SUBJECT or c.dep_ in ("auxpass", "agent") for c in verb.children):
        return True
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def _subjects(verb: Token) -> list[Token]:
    """The verb's subject, through a relative or participle clause ("Lavrov, who met …";
    "those accompanying Xi") and a controlling verb ("decided to invite")."""
    head = verb
    for _ in range(4):
        found = [c for c in head.children if c.dep_ in SUBJECT | PASSIVE_SUBJECT]
        if found:
            if found[0].tag_ in ("WP", "WDT") and head.dep_ == "relcl":
                return [head.head]
            return found
        if head.dep_ in ("acl", "relcl") and head.head != head:
            return [head.head]
        if head.dep_ in ("xcomp", "conj", "advcl") and head.head != head:
            head = head.head
            continue
        break
    return []


def _argument(act: Token, frame: Frame, where: bool) -> list[Token]:
    """The tokens of the asked argument of ``act`` (empty when the sentence leaves it out)."""
    if where and frame.prep in DIRECTIONAL:  # "Where did Modi travel to Kyiv from?"
        return [t for o in _prep_objects_of(act, {frame.prep}) for t in _name_of(o)]
    if where or frame.role is None:
        return _place_phrases(act)
    passive = act.pos_ == "VERB" and _passive(act)
    if frame.role == "agent":
        if act.pos_ != "VERB":
            return _by_phrase(act) or _possessor(act)
        if passive:
            return _by_phrase(act)
        return _with_conjuncts(_subjects(act))
    if frame.role == "patient":
        if act.pos_ != "VERB":
            return _of_phrase(act)
        if passive:
            return _with_conjuncts(_subjects(act))
        return _with_conjuncts([c for c in act.children if c.dep_ in OBJECT])
    if frame.role == "oblique" and frame.prep:
        return _prep_objects(act, {frame.prep})
    return []


def _with_conjuncts(heads: list[Token]) -> list[Token]:
    out: list[Token] = []
    for head in heads:
        if head.head.dep_ == "appos":
            head = head.head
        out.extend(head.subtree)
        out.extend(t for c in head.children if c.dep_ == "appos" for t in c.subtree)
    return out


def _by_phrase(act: Token) -> list[Token]:
    """The passive's *by*-phrase: the act's own, else one the parser hung on a noun of the same
    clause ("represented at the talks by Omar Haddad": PP attachment)."""
    own = [t for c in act.children if c.dep_ == "agent" for t in c.subtree]
    if own or (own := _prep_objects(act, {"by"})):
        return own
    for t in act.subtree:
        if t.lower_ == "by" and t.dep_ in ("prep", "agent") and _clause_verb(t) == act:
            return [x for c in t.children if c.dep_ == "pobj" for x in c.subtree]
    return []


def _clause_verb(token: Token) -> Token | None:
    """The nearest verb above a token: the clause it belongs to."""
    head = token.head
    while head != head.head and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else None


def _possessor(act: Token) -> list[Token]:
    return [t for c in act.children if c.dep_ == "poss" for t in c.subtree]


def _of_phrase(act: Token) -> list[Token]:
    return _prep_objects(act, {"of"})


def _prep_objects(act: Token, preps: set[str]) -> list[Token]:
    out: list[Token] = []
    for child in act.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
            out.extend(t for c in child.children if c.dep_ == "pobj" for t in c.subtree)
    return out


def _name_of(head: Token) -> list[Token]:
    """A noun phrase's head with its compound parts, flat name parts and appositions."""
    return [head, *(c for c in head.children if c.dep_ in ("compound", "flat", "appos"))]


def _governor(act: Token) -> Token:
    """The verb whose clause an act belongs to: the act itself when it is a verb heading its
    own clause; the verb that governs an act named by a noun ("held a *call*", "engaged in a
    *meeting*": a support-verb construction, whose subject is the act's doer) or an infinitive
    ("dialled Putin to *share* …")."""
    if act.pos_ == "NOUN":
        up = act.head
        while up != up.head and up.pos_ in ("ADP", "NOUN") and up.dep_ in ("pobj", "prep"):
            up = up.head
        return up if up.pos_ in ("VERB", "AUX") and up != act else act
    if act.dep_ in ("xcomp", "advcl", "conj", "ccomp") and act.head != act:
        return act.head
    return act


def _prep_objects_of(act: Token, preps: set[str]) -> list[Token]:
    """Objects of ``preps`` on the act, on the verb that governs it, or on their objects
    ("a journey from Poland", "arrived … after a train journey from Poland")."""
    heads = [act, _governor(act)]
    heads.extend(c for h in list(heads) for c in h.children if c.dep_ in OBJECT)
    return [
        o
        for h in dict.fromkeys(heads)
        for child in h.children
        if child.dep_ == "prep" and child.lower_ in preps
        for o in child.children
        if o.dep_ == "pobj"
    ]


def _place_phrases(act: Token) -> list[Token]:
    """Objects of the locative prepositions that modify the act, nearest first, following a
    chain of them ("on the sidelines of the G7 summit in Italy"). A prepositional phrase may
    attach to the act's object or, for an act named by a noun, to the verb that governs it
    ("engaged in a meeting with Putin at the Kremlin", "held talks in Bali"): PP attachment
    is the parser's least certain decision, so those count too, after the act's own."""
    heads = [act]
    governor = _governor(act)
    if governor != act:
        heads.append(governor)
    heads.extend(c for h in list(heads) for c in h.children if c.dep_ in OBJECT)
    out: list[Token] = []
    frontier = heads
    for _ in range(4):
        nxt: list[Token] = []
        for head in frontier:
            for child in head.children:
                if child.dep_ != "prep":
                    continue
                objects = [c for c in child.children if c.dep_ == "pobj" and c != act]
                if child.lower_ in LOCATIVE:  # the place's own name; the chain goes on below
                    out.extend(t for o in objects for t in _name_of(o) if t not in out)
                nxt.extend(objects)
        frontier = nxt
        if not frontier:
            break
    return out


def _core_held(
    act: Token,
    argument: list[Token],
    mentions: list[tuple[int, str]],
    sentence_start: int,
    core: Sequence[set[str]],
    index: AskIndex,
) -> bool:
    """Whether the act's other arguments hold each core name of the question: as a mention
    the entity layer found, as one of its aliases ("Modi" where the layer missed it), or as a
    personal pronoun, whose antecedent the sentence alone cannot tell."""
    asked = set(argument)
    clause = _governor(act)
    other = [t for t in clause.subtree if t not in asked]
    if act.dep_ in ("relcl", "acl", "xcomp"):
        other.extend(_subjects(act))
    # a pronoun argument stands for the sentence's subject when that names someone (the
    # antecedent Hobbs's algorithm prefers: "Modi … shared his insights from his visit"), and
    # for anyone when it does not
    pronouns = [
        t
        for head in {act, clause}
        for t in head.children
        if t.tag_ in ("PRP", "PRP$")
        and t.lower_ not in ("it", "its")
        and t.dep_ in SUBJECT | PASSIVE_SUBJECT | OBJECT | {"poss"}
    ]
    root = act.sent.root
    subject = [t for c in root.children if c.dep_ in SUBJECT for t in c.subtree]
    if pronouns and subject and not any(t in pronouns for t in subject):
        other.extend(subject)
        pronouns = [p for p in pronouns if not _names_someone(subject, mentions, sentence_start)]
    spans = [(t.idx + sentence_start, t.idx + len(t.text) + sentence_start) for t in other]
    held = index.family({e for start, e in mentions if any(a <= start < b for a, b in spans)})
    words = {name_key(t.text) for t in other if t.pos_ == "PROPN"}
    pronoun = bool(pronouns)

    def holds(ids: set[str]) -> bool:
        if ids & held or pronoun:
            return True
        return any(k in words for i in ids for k in index.alias_keys.get(i, ()))

    return all(holds(ids) for ids in core)


def _names_someone(
    tokens: list[Token], mentions: list[tuple[int, str]], sentence_start: int
) -> bool:
    starts = {t.idx + sentence_start for t in tokens}
    return any(start in starts for start, _ in mentions) or any(t.pos_ == "PROPN" for t in tokens)


def _entities_in(
    tokens: list[Token],
    mentions: list[tuple[int, str]],
    sentence_start: int,
    index: AskIndex,
    named: set[str],
    wanted: set[str],
    nearest_first: bool,
) -> list[tuple[int, str]]:
    """Entity mentions of a ``wanted`` type inside the argument: a person before the
    organisation or country it speaks for ("Swiss President Viola Amherd"); for a place, the
    one nearest the act along the chain of locative phrases ("at Burgenstock in Switzerland")."""
    spans = [(t.idx + sentence_start, t.idx + len(t.text) + sentence_start) for t in tokens]
    order = {w: n for n, w in enumerate(["PERSON", "ORG", "GPE", "LOC", "FAC"])}
    found = []
    for start, entity_id in mentions:
        entity = index.entities.get(entity_id)
        if entity is None or entity.type not in wanted or entity_id in named:
            continue
        if index.family({entity_id}) & named:
            continue
        position = next((n for n, (a, b) in enumerate(spans) if a <= start < b), None)
        if position is not None:
            rank = position if nearest_first else order.get(entity.type, 9)
            found.append((rank, start, entity_id))
    found.sort()
    return [(start, entity_id) for _, start, entity_id in found]
