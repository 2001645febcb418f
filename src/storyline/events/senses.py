"""Verb senses decided by the complement: the "entering a place" sense PLOVER does not code.

A verb row of the lexicon names a verb in the sense its CAMEO block gives it ("admit" as
disclose, "check" as inspect). News uses many of the same verbs for being taken into a facility:
"was admitted to hospital on Saturday", "checked herself into a rehab clinic". The goal phrase
picks that sense (PETRARCH2's own DISCLOSE block codes "ADMIT * (TO HOSPITAL)" as no event; its
INSPECT block codes "check" only with an information object), and the sense is no political
event: forcing it into the nearest type made a celebrity's rehab stay an investigation. The rule
(``events.toml [senses]``) is syntactic, not a list of verbs: a bare verb row whose event is no
movement, with a "to"/"into" phrase whose head is a facility and no direct object other than the
mover itself, codes nothing. "Admitted to the charges", "checked the records" and "looked into
the deaths" (a row that names its preposition) keep their sense.

The parse can also hide the object that picks a sense: in "a statement released to People" the
participle modifies its patient instead of taking it as an object (``modified``).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from storyline.events.lexicon import Entry, settings

#: Objects that repeat the subject: "checked herself into …" has no other patient.
REFLEXIVES = frozenset(
    "myself yourself himself herself itself ourselves yourselves themselves".split()
)


@cache
def _senses() -> dict[str, frozenset[str]]:
    conf = settings()["senses"]
    return {key: frozenset(words) for key, words in conf.items()}


def enters_place(entry: Entry, verb: Token) -> bool:
    """Is ``verb``, matched by ``entry``, used in the "entering a place" sense (see the module
    docstring), so that the row's event does not apply?"""
    conf = _senses()
    if entry.pos != "V" or len(entry.slots) > 1 or entry.type in conf["movement_types"]:
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    if any(o.lower_ not in REFLEXIVES for o in objects):
        return False
    return any(_facility(goal) for goal in _goals(verb, conf["entry_prepositions"]))


def _goals(verb: Token, prepositions: frozenset[str]) -> list[Token]:
    """Objects of the verb's goal phrases: "into the clinic", "to hospital", and "in to the
    facility" (a particle "in" before "to")."""
    goals: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in prepositions:
            goals.extend(g for g in child.children if g.dep_ == "pobj")
    return goals


def _facility(noun: Token) -> bool:
    """Does the phrase headed by ``noun`` name a facility: a facility noun as its head or as the
    last word of a name ("the Betty Ford Center"), or a name the model types as a building?"""
    nouns = _senses()["facility_nouns"]
    if noun.lemma_.lower() in nouns or noun.lower_ in nouns:
        return True
    return noun.ent_type_ == "FAC"


def modified(verb: Token) -> list[Token]:
    """The noun a participle modifies (a reduced passive relative: "a statement released to the
    press" is a statement that was released), which fills the object slot of the rows that code
    no event: PETRARCH2's "RELEASE * STATEMENT" is publishing, not a release of captives. Only
    those rows read it: it tells a sense the parse hides, and the noun's own event, if any, is
    coded from the noun."""
    return [verb.head] if verb.dep_ == "acl" and verb.tag_ == "VBN" else []
