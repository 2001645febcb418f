"""Where in a sentence's parse an act's clause and its phrases are: the verb that governs an
act named by a noun, the nearest clause verb above a word, prepositional objects and the chain
of place phrases (shared by ``argument``, which reads the asked argument from them)."""

from __future__ import annotations

from spacy.tokens import Token

from storyline.ask.frame import LOCATIVE

OBJECT = frozenset({"dobj", "dative", "obj"})


def modal(act: Token) -> bool:
    """Whether the clause of the act has a modal auxiliary ("could be held", "will hand
    over"): it tells the act as possible, intended or to come, not as done, so it fills no
    argument of a question asked without a modal (Palmer 2001, *Mood and Modality*: modals mark
    irrealis; FactBank's CT+ needs an unmodalised assertion, Saurí & Pustejovsky 2009)."""
    clause = governor(act)
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in clause.children)


def clause_verb(token: Token) -> Token | None:
    """The nearest verb above a token: the clause it belongs to."""
    head = token.head
    while head != head.head and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else None


def prep_objects(act: Token, preps: set[str]) -> list[Token]:
    out: list[Token] = []
    for child in act.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
            out.extend(t for c in child.children if c.dep_ == "pobj" for t in c.subtree)
    return out


def name_of(head: Token) -> list[Token]:
    """A noun phrase's head with its compound parts, flat name parts and appositions."""
    return [head, *(c for c in head.children if c.dep_ in ("compound", "flat", "appos"))]


def governor(act: Token) -> Token:
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


def prep_objects_of(act: Token, preps: set[str]) -> list[Token]:
    """Objects of ``preps`` on the act, on the verb that governs it, or on their objects
    ("a journey from Poland", "arrived … after a train journey from Poland")."""
    heads = [act, governor(act)]
    heads.extend(c for h in list(heads) for c in h.children if c.dep_ in OBJECT)
    return [
        o
        for h in dict.fromkeys(heads)
        for child in h.children
        if child.dep_ == "prep" and child.lower_ in preps
        for o in child.children
        if o.dep_ == "pobj"
    ]


def place_phrases(act: Token) -> list[Token]:
    """Objects of the locative prepositions that modify the act, nearest first, following a
    chain of them ("on the sidelines of the G7 summit in Italy"). A prepositional phrase may
    attach to the act's object or, for an act named by a noun, to the verb that governs it
    ("engaged in a meeting with Putin at the Kremlin", "held talks in Bali"): PP attachment
    is the parser's least certain decision, so those count too, after the act's own."""
    heads = [act]
    verb = governor(act)
    if verb != act:
        heads.append(verb)
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
                    out.extend(t for o in objects for t in name_of(o) if t not in out)
                nxt.extend(objects)
        frontier = nxt
        if not frontier:
            break
    return out
