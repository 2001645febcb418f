"""Factuality cues carried by the words around a clause rather than by its verb group: a
negative quantifier as its subject or object, a failed attempt whose goal it is, a requirement or
a demand whose content it is, and the plans told by what governs an infinitive (an attitude
adjective, a noun, the future "is to"). ``events.factuality.assess`` asks them in its
precedence (the first two negate; a requirement, like "must", makes the event hypothetical; a
demand, like the verbs "call for", "urge", and the rest make a plan); the word lists are
``events.toml [factuality]`` negative_quantifiers, object_light_verbs, failure_modifiers,
requirement_nouns, demand_nouns and demand_verbs.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from storyline.events.lexicon import settings

SUBJECTS = ("nsubj", "nsubjpass")
#: Every subject relation of a clause, clausal ones included (``factuality`` reads it too).
SUBJECTS_ALL = ("nsubj", "nsubjpass", "csubj", "csubjpass")
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def negative_argument(
    verbs: list[Token], quantifiers: list[str], object_light_verbs: list[str]
) -> Token | None:
    """A subject of the clause or of a verb governing it, or the clause verb's direct object,
    that denies anyone did the act: "no team involved has offered a contract" (ECB+ 10_3), "No
    one has claimed responsibility", "None of those doctors were killed", "Neither Equus nor Tony
    Lama gave a reason" (TimeBank APW19980808.0022, NYT19990419.0515, wsj_0157), "neither of the
    companies involved would reveal" (MEANTIME 71526), "has reached no agreement" (TimeBank
    wsj_0815). The subject of a verb above the clause counts because an infinitive complement
    shares it ("no one expected to win"). "nothing but", "no fewer than" restrict, not deny.
    A light or possession verb's negated object denies the thing, not an act: "has no comment",
    "made no secret of", "sees no end", "serves no purpose" (TimeBank wsj_0570, AQUAINT), so
    those verbs (``object_light_verbs``) are left to their subject."""
    for position, verb in enumerate(verbs):
        takes_object = position == 0 and verb.lemma_.lower() not in object_light_verbs
        for child in verb.children:
            subject = child.dep_ in SUBJECTS
            if not subject and not (takes_object and child.dep_ == "dobj"):
                continue
            if _denies(child, quantifiers):
                return child
    return None


def _denies(argument: Token, quantifiers: list[str]) -> bool:
    if any(c.lower_ in ("but", "short", "other") for c in argument.children):
        return False
    if argument.lower_ in quantifiers and argument.lower_ not in ("no", "neither"):
        return True  # "nobody", "none (of)", "nothing", "neither (of)"
    if argument.lower_ == "neither" and argument.dep_ in SUBJECTS:
        return True
    return any(
        (c.dep_ == "det" and c.lower_ in ("no", "neither"))
        or (c.dep_ == "preconj" and c.lower_ == "neither")
        for c in argument.children
    )


def failed_attempt(clause: Token, modifiers: list[str]) -> Token | None:
    """The goal of an attempt that failed: "led a failed bid last year to allow judges to
    approve death penalties" (ECB+ 3_1), "died in a failed attempt to reach U.S. shores"
    (TimeBank APW20000115.0031). The infinitive hangs on the attempt noun (acl) or, as a purpose
    clause, on the verb whose object that noun is (advcl)."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return None
    if clause.dep_ == "acl":
        attempts = [clause.head]
    elif clause.dep_ == "advcl":
        attempts = [c for c in clause.head.children if c.dep_ in ("dobj", "pobj")]
        attempts += [
            grandchild
            for c in clause.head.children
            if c.dep_ == "prep"
            for grandchild in c.children
            if grandchild.dep_ == "pobj"
        ]
    else:
        return None
    for noun in attempts:
        if noun.pos_ != "NOUN":
            continue
        for child in noun.children:
            if child.dep_ == "amod" and child.lower_ in modifiers:
                return child
    return None


def required(
    node: Token,
    nouns: list[str],
    verbs_for: list[str] | None = None,
    prepositions: tuple[str, ...] = ("for",),
) -> Token | None:
    """The noun of necessity or demand (``nouns``) whose content the event is: "the need for
    such a policy, supported by the White House and ratified by Congress" (ECB+ 9_1), "a
    requirement that federal agencies seek review" (ECB+ 9_3), "there was no need for a federal
    agency to consult" (ECB+ 9_2), "rejected a call for its peacekeeping forces to be deployed"
    (PLOVER REJECT-0010), "the U.S.'s demand for Laden's extradition" (TimeBank). What is only
    required has not happened. ``verbs_for``: verbs whose "for" phrase is such a content, "called
    for the fastest possible ratification of the treaty" (TimeBank APW19980227.0494), "called
    for a re-run of the bidding" (MEANTIME 108294), "consistently called for complete cessation
    of all hostilities" (demo corpus 001). The same reading serves nouns of possibility whose
    "of" phrase may or may not come about (``prepositions``): "the possibility of a meeting
    between Attorney General Janet Reno and Lazaro Gonzalez", "the threat of NATO air strikes"
    (TimeBank), "fears of a recession", "the possibility of Boeing challenging the decision"
    (MEANTIME), "facing the prospect of arrest", "the prospect of a U.S. actors strike" (ECB+).
    ``node`` is the clause verb, or a nominal trigger."""
    for _ in range(5):
        if node.dep_ == "conj" and not any(c.dep_ in SUBJECTS for c in node.children):
            node = node.head
            continue
        head = node.head
        if head == node:
            return None
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        # the parser hangs an infinitive content on its noun as relcl or advcl too
        content = node.dep_ in ("acl", "ccomp") or (infinitive and node.dep_ in ("relcl", "advcl"))
        if content and head.pos_ == "NOUN":
            # the noun's content has a subject or "to" of its own ("a requirement that agencies
            # seek", "a call for forces to be deployed"); "an appeal filed by" only describes it
            own = infinitive or any(c.dep_ in SUBJECTS or c.dep_ == "mark" for c in node.children)
            if head.lemma_.lower() in nouns:
                return head if own else None
            node = head
            continue
        if node.dep_ in ("pobj", "pcomp") and head.dep_ == "prep" and head.lower_ in prepositions:
            word = head.head
            lemma = word.lemma_.lower()
            if word.pos_ == "NOUN" and lemma in nouns:
                return word
            return word if word.pos_ == "VERB" and lemma in (verbs_for or ()) else None
        return None
    return None


def attitude_adjective(clause: Token) -> Token | None:
    """ "I am so excited to be hosting the Oscars" (ECB+ 2), "is excited to be coming back to
    Philadelphia" (ECB+ 5), "France is ready to contribute up to 4,000 troops" (PLOVER
    AGREE-0016): an infinitive that complements an adjective of a present-tense predicate is an
    act the subject looks ahead to (TimeML's I_STATE), not one that happened. A perfect infinitive
    ("proud to have hosted") and a past-tense predicate ("was quick to condemn") tell a done act;
    a degree ("too early to see a trend", MEANTIME) tells no act at all."""
    adjective = clause.head
    if (
        clause.dep_ != "xcomp"
        or adjective.pos_ != "ADJ"
        or adjective.dep_ != "acomp"
        or not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        or any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in clause.children)
        or any(c.lower_ in ("too", "enough") for c in adjective.children)
    ):
        return None
    predicate = adjective.head
    tenses = [predicate] + [c for c in predicate.children if c.dep_ in ("aux", "auxpass")]
    if any(t.tag_ in ("VBD", "VBN") for t in tenses):
        return None
    return adjective


def infinitive_of_noun(clause: Token) -> Token | None:
    """ "a contract to supply 14 airliners", "an interim agreement to protect the Air Force's
    interests", "a joint effort to pump more money" (MEANTIME): the infinitive a noun takes is the
    act the contract, agreement or effort is for, not yet done. "The first leader to visit" and
    "the only country to vote" tell who did it and are left alone, and so is "an attempt to
    assassinate" (ECB+ 1_18 "in an attempt to clean up her image", TimeBank wsj_0175): like
    "attempted to", an aspectual governor ([factuality] modal_governors that plan nothing) tells
    an act that was tried. A passive infinitive is one too, and the parser may hang it as a
    relative clause: "another special event to be held on October 12" (MEANTIME 23468),
    "Parliamentary elections in Turkmenistan to be held on two-party basis" (ECB+ 11_1)."""
    conf = settings()["factuality"]
    noun = clause.head
    lemma = noun.lemma_.lower()
    if lemma in conf["modal_governors"] and lemma not in conf["planning_verbs"]:
        return None
    passive = clause.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.lower_ == "be" for c in clause.children
    )
    if (
        clause.dep_ not in (("acl", "relcl") if passive else ("acl",))
        or (clause.tag_ != "VB" and not passive)
        or noun.pos_ != "NOUN"
        or not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        or any(c.dep_ in SUBJECTS_ALL for c in clause.children)
    ):
        return None
    singled_out = ("first", "last", "only")
    if any(
        c.tag_ in ("JJS", "RBS")
        or c.lower_ in singled_out
        or c.ent_type_ == "ORDINAL"
        or ORDINAL.fullmatch(c.lower_)
        for c in noun.children
    ):  # "the 456th person to be placed on the most wanted list" (TimeBank)
        return None
    return noun


def future_be_to(clause: Token) -> bool:
    """The future "be to": "she is to return as host" (ECB+ 2_9), "It is to be funded by
    voluntary contributions" (TimeBank APW19980227.0489), "It is to be held at the California
    Theater" (MEANTIME 23468). Present tense only: "the 76ers were to play" tells a schedule
    that was kept or not, and "the purpose of the visit was to engage in talks" a done visit's
    aim."""
    copula = clause.head
    return (
        clause.dep_ == "xcomp"
        and copula.lemma_ == "be"
        and copula.tag_ in ("VBZ", "VBP")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        # "it is more difficult to trade": a predicate and its extraposed subject, no future
        and not any(c.dep_ in ("acomp", "attr", "expl") for c in copula.children)
    )
