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
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from storyline.ask.acts import counterpart, wordings
from storyline.ask.clause import (
    OBJECT,
    clause_verb,
    governor,
    modal,
    name_of,
    place_phrases,
    prep_objects,
    prep_objects_of,
)
from storyline.ask.frame import Frame
from storyline.ask.index import AskIndex
from storyline.ask.query import keys_match, term_key
from storyline.ask.score import Scored
from storyline.entities.lexicon import name_key
from storyline.models import Provenance

SUBJECT = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT = frozenset({"nsubjpass", "csubjpass"})
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
    unreal: bool = False  # a sentence told the act only as possible or to come ("could be held")


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
    seen = unreal = False
    for s in top:
        doc = parse(s.hit.text)
        mentions = sorted(index.mentions_at.get((s.hit.doc_id, s.hit.start), ()))
        for act in _acts_in(doc, frame, where):
            if not frame.modal and modal(act):
                unreal = True  # "a second summit could be held": no act yet, so no place
                continue
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
    return Reading(tuple(fillers), seen, unreal)


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
        if t != act and clause_verb(t) == act
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
    same = [t for t in doc if t.pos_ in ("VERB", "NOUN") and any(_names(t, a) for a in frame.acts)]
    if not same and frame.acts:  # the act in other words: a synonym, then a converse
        same = [
            t
            for w in wordings(frame.acts[0])[1:]
            for t in doc
            if t.pos_ == "VERB" and _names(t, w.act)
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


def _names(token: Token, act: str) -> bool:
    """Whether a sentence word states the act: its stem, and for a phrasal act ("take over")
    the same verb with the same particle ("Brazil took over the presidency", never "the
    initiatives taken under India's presidency")."""
    verb, _, particle = act.partition(" ")
    if not keys_match(term_key(token.lemma_), term_key(verb)):
        return False
    return not particle or any(c.dep_ == "prt" and c.lower_ == particle for c in token.children)


def _converse(token: Token, act: str) -> bool:
    return not _names(token, act) and any(
        w.converse and _names(token, w.act) for w in wordings(act)
    )


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
    """The tokens of the asked argument of ``act`` (empty when the sentence leaves it out); a
    converse wording swaps the roles ("Who took over …?" → the *to*-object of "handed over")."""
    if frame.acts and _converse(act, frame.acts[0]):
        prep = counterpart(frame.acts[0])
        if frame.role == "agent":
            frame = replace(frame, role="oblique", prep=prep)
        elif frame.role == "oblique" and frame.prep in ("from", "to") and frame.prep != prep:
            frame = replace(frame, role="agent", prep=None)
    if where and frame.prep in DIRECTIONAL:  # "Where did Modi travel to Kyiv from?"
        return [t for o in prep_objects_of(act, {frame.prep}) for t in name_of(o)]
    if where or frame.role is None:
        return place_phrases(act)
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
        return prep_objects(act, {frame.prep})
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
    if own or (own := prep_objects(act, {"by"})):
        return own
    for t in act.subtree:
        if t.lower_ == "by" and t.dep_ in ("prep", "agent") and clause_verb(t) == act:
            return [x for c in t.children if c.dep_ == "pobj" for x in c.subtree]
    return []


def _possessor(act: Token) -> list[Token]:
    return [t for c in act.children if c.dep_ == "poss" for t in c.subtree]


def _of_phrase(act: Token) -> list[Token]:
    return prep_objects(act, {"of"})


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
    clause = governor(act)
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
