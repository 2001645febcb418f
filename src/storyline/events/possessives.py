"""Possessive pronouns in a theme that would read wrong out of their sentence.

A theme is lifted out of its sentence into a label that names only the event's parties, so "its",
"his" or "her" in it is read as one of them. That holds when the pronoun's antecedent is inside
the theme ("that Ukraine pull its troops out") or is a party ("pressed India to use its
influence", "invited Azali Assoumani to take his seat"); it misleads when the antecedent is
something else the sentence named: "India attended the peace summit in Switzerland but declined
to endorse its final communique" would read "India refused to endorse its final communique".
When the event's verb has a pronoun subject or none ("it agreed to sell its assets", "agreeing
to pay $15 of its own stock", TimeBank wsj_1014, wsj_0706), the possessive goes back to that
subject, and it is kept.

The antecedent is taken to be the nearest noun phrase before the pronoun, in its sentence, that
agrees with it (the recency baseline of pronoun resolution): "its" a singular thing or group,
"his"/"her" a person. A possessive whose antecedent is neither in the theme nor a subject or
object of the event's verb is said as "the" ("refused to endorse the final communique"); one
with no agreeing noun before it is kept (its antecedent is in an earlier sentence, most often
the party itself).
"their" is kept: plural agreement is too loose to choose by.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from storyline.events.lexicon import person_nouns

#: Dependency labels of an event verb's parties: its subjects (shared along ``_verb_chain``)
#: and its own objects (what "attended" took is no object of "declined").
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "obj", "iobj"})
#: Links through which a noun phrase stands for the same thing as its head.
SAME_THING_DEPS = frozenset({"appos", "conj"})


def unanchored_possessives(tokens: Sequence[Token], verb: Token) -> frozenset[Token]:
    """The possessive pronouns among ``tokens`` (a theme of ``verb``) to be said as "the"."""
    inside = set(tokens)
    found = set()
    for pronoun in tokens:
        if pronoun.tag_ != "PRP$" or pronoun.lower_ not in ("its", "his", "her"):
            continue
        antecedent = _nearest_agreeing(pronoun)
        if antecedent is None or antecedent in inside or not _named_subject(verb):
            continue
        if _party(antecedent, verb):
            continue
        found.add(pronoun)
    return frozenset(found)


def _nearest_agreeing(pronoun: Token) -> Token | None:
    """The nearest noun-phrase head before ``pronoun`` in its sentence that agrees with it."""
    sentence = pronoun.sent
    for token in reversed(sentence[: pronoun.i - sentence.start]):
        if token.pos_ not in ("NOUN", "PROPN") or token.dep_ == "compound":
            continue
        if _agrees(pronoun, token):
            return token
    return None


def _agrees(pronoun: Token, noun: Token) -> bool:
    """ "its" goes back to a singular noun that names no person by name (a group is an "it": "the
    country … its", "the family … its"); "his" and "her" to a person."""
    if noun.tag_ not in ("NN", "NNP"):
        return False
    if pronoun.lower_ == "its":
        return noun.ent_type_ != "PERSON"
    return noun.ent_type_ == "PERSON" or noun.lemma_.lower() in person_nouns()


def _verb_chain(verb: Token) -> list[Token]:
    """``verb`` and the verbs whose subject it shares: those it is coordinated with or
    complements ("attended … but declined to", "wanted to help")."""
    verbs = [verb]
    while verbs[-1].dep_ in ("conj", "xcomp") and verbs[-1].head != verbs[-1]:
        verbs.append(verbs[-1].head)
    return verbs


def _named_subject(verb: Token) -> bool:
    """The event's verb has a subject that is a noun: with a pronoun subject ("it agreed to sell
    its assets", "which has agreed") or none ("agreeing to pay … of its own stock"), the
    possessive most often goes back to that subject, a party."""
    subjects = [
        c for v in _verb_chain(verb) for c in v.children if c.dep_ in ("nsubj", "nsubjpass")
    ]
    return bool(subjects) and all(s.pos_ in ("NOUN", "PROPN") for s in subjects)


def _party(noun: Token, verb: Token) -> bool:
    """``noun`` (or the phrase it is in apposition or coordination with, or the noun whose
    prepositional phrase it is in) is an object of ``verb`` or a subject of it or of a verb
    whose subject it shares (``_verb_chain``)."""
    while noun.head != noun and (
        noun.dep_ in SAME_THING_DEPS
        or (noun.dep_ == "pobj" and noun.head.head.pos_ in ("NOUN", "PROPN"))
    ):
        # "Azali Assoumani, the current AU chairperson"; "the Department of Homeland Security"
        noun = noun.head if noun.dep_ in SAME_THING_DEPS else noun.head.head
    if noun.dep_ in SUBJECT_DEPS:
        return noun.head in _verb_chain(verb)
    return noun.dep_ in OBJECT_DEPS and noun.head == verb
