"""Did the event happen? Negated, hypothetical, planned, reported or asserted, from the parse.

The cues are grammatical: a negation on the event's clause ("did not meet"), a possibility modal
or a condition ("could", "would", "if"), a future modal or a planning verb governing the event
("will visit", "are expected to discuss", "plans to", "is set to"), a planning modifier on a
nominal trigger ("the upcoming visit"), and a reporting verb whose clausal complement holds the
event ("X said that …", "according to"). The word lists live in ``events.toml [factuality]``.
Precedence: negated > hypothetical > planned > reported > asserted, so a reported plan is a plan.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from storyline.events.lexicon import settings
from storyline.events.references import infinitive_partner
from storyline.models.events import Factuality
from storyline.nlp import doc_text

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "csubjpass")
GOVERNOR_DEPS = ("xcomp", "acl", "oprd")  # the event == the complement of its governor
CLIMB_DEPS = ("ccomp", "advcl", "conj", "relcl", "pcomp", "prep", "pobj", "dobj", "xcomp", "acl")
QUOTES_OPEN = '“"«'
QUOTES_CLOSE = '”"»'


@dataclass(frozen=True)
class Assessment:
    """The factuality of one event with the words that decided it."""

    factuality: Factuality
    cue: str | None = None
    conditional: bool = False


def assess(anchor: Token, trigger: Token) -> Assessment:
    """Factuality of the event whose clause word is ``anchor`` and trigger word ``trigger``."""
    conf = settings()["factuality"]
    clause, nominal_subject = _clause_of(anchor)
    near = _near_governors(clause)
    modal_holders = near + _sharing_auxiliaries(clause)
    chain = _chain(clause)
    conditional = _condition(clause, chain, conf["condition_marks"])
    threat = bool(conditional) and conditional in settings()["plover"]["threat_marks"]

    # negation: a "no" determiner on a nominal trigger, a negated clause, "failed to"
    for noun in {trigger, anchor}:
        if noun.pos_ in ("NOUN", "PROPN"):
            for child in noun.children:
                if child.dep_ in ("det", "neg") and child.lower_ in conf["negation"]:
                    return Assessment("negated", child.text, threat)
    if not nominal_subject:
        for verb in near:
            for child in verb.children:
                if child.dep_ == "neg" or (
                    child.dep_ == "advmod" and child.lower_ in ("never", "not")
                ):
                    return Assessment("negated", f"{child.text} {verb.text}", threat)
        for verb in near[1:]:
            if verb.lemma_.lower() in conf["failure_verbs"]:
                return Assessment("negated", verb.text, threat)
        refrained = _failure_above(clause, conf["failure_verbs"])
        if refrained is not None:
            return Assessment("negated", refrained.text, threat)
        if anchor.pos_ in ("NOUN", "PROPN") and clause.lemma_.lower() in conf["failure_verbs"]:
            return Assessment("negated", clause.text, threat)

    # hypothetical: questions, possibility modals, conditions, "likely to"
    if trigger.sent.text.rstrip().endswith("?"):
        return Assessment("hypothetical", "question", threat)
    if not nominal_subject:
        for verb in modal_holders:
            for child in verb.children:
                if child.dep_ == "aux" and child.lower_ in conf["hypothetical_modals"]:
                    return Assessment("hypothetical", f"{child.text} {verb.text}", threat)
        for verb in near[1:]:
            if verb.lemma_.lower() in conf["hypothetical_governors"]:
                return Assessment("hypothetical", verb.text, threat)
    if conditional:
        return Assessment("hypothetical", conditional, threat)

    # planned: future modals, planning governors, planning modifiers of a nominal trigger
    if not nominal_subject:
        for verb in modal_holders:
            for child in verb.children:
                if child.dep_ == "aux" and child.lower_ in conf["future_modals"]:
                    return Assessment("planned", f"{child.text} {verb.text}", threat)
        for verb in near[1:]:
            if verb.lemma_.lower() in conf["planning_verbs"]:
                return Assessment("planned", verb.text, threat)
        if anchor != trigger and anchor.lemma_.lower() in conf["planning_verbs"]:
            return Assessment("planned", anchor.text, threat)
    for child in trigger.children:
        if child.dep_ in ("amod", "compound") and child.lower_ in conf["planning_modifiers"]:
            return Assessment("planned", child.text, threat)

    # reported speech: a reporting verb above a clausal complement, "according to", quotes
    for child_dep, verb in chain:
        if child_dep in ("ccomp", "parataxis") and verb.lemma_.lower() in conf["reporting_verbs"]:
            return Assessment("reported", verb.text, threat)
    if chain[:1] and chain[0][0] == "pcomp" and len(chain) > 1:
        # "accused Russia of shelling the plant": the act is what one side alleges
        preposition_dep, verb = chain[1]
        if preposition_dep == "prep" and verb.lemma_.lower() in conf["allegation_verbs"]:
            return Assessment("reported", verb.text, threat)
    sentence = trigger.sent
    lowered = sentence.text.lower()
    for phrase in conf["reporting_phrases"]:
        if phrase in lowered:
            return Assessment("reported", phrase, threat)
    if inside_quotes(trigger):
        return Assessment("reported", "quotation", threat)
    return Assessment("asserted", None, threat)


def _clause_of(anchor: Token) -> tuple[Token, bool]:
    """The verb whose clause holds the anchor; True when a nominal anchor is that clause's subject
    (a subject is presupposed: "Modi's visit could help" does not make the visit hypothetical)."""
    node = anchor
    while node.pos_ not in ("VERB", "AUX") and node.head != node:
        if node.dep_ in SUBJECT_DEPS:
            return node.head, True
        node = node.head
    return node, False


def is_generic(anchor: Token, assessment: Assessment) -> bool:
    """A simple-present main verb states a habit or a state ("India and Russia partner on
    projects"), and a "while …ing" clause an ongoing background, not an episode; reported speech
    and nominal triggers are not judged."""
    if assessment.factuality != "asserted" or anchor.pos_ not in ("VERB", "AUX"):
        return False
    if anchor.tag_ == "VBG" and anchor.dep_ == "advcl":
        # "While expanding trade with Moscow, New Delhi …": an ongoing background, no episode
        return any(c.dep_ == "mark" and c.lower_ in ("while", "whilst") for c in anchor.children)
    if anchor.tag_ not in ("VBZ", "VBP"):
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in anchor.children)


def _failure_above(clause: Token, verbs: list[str]) -> Token | None:
    """ "refrained from denouncing": a failure verb governing the clause through a preposition."""
    if clause.dep_ == "pcomp" and clause.head.dep_ == "prep":
        governor = clause.head.head
        if governor.lemma_.lower() in verbs:
            return governor
    return None


def _near_governors(clause: Token) -> list[Token]:
    """The clause verb and the words that take it as a complement ("expected to", "plans to")."""
    near = [clause]
    node = clause
    for _ in range(6):
        node = _first_conjunct(node)
        if node.dep_ not in GOVERNOR_DEPS or node.head == node:
            break
        node = node.head
        near.append(node)
        # "is likely to", "is set to": the copula carries the modal
        if node.pos_ in ("ADJ", "NOUN") and node.head != node and node.dep_ in ("acomp", "attr"):
            near.append(node.head)
            node = node.head
    return near


def _first_conjunct(verb: Token) -> Token:
    """The first of coordinated complements, which carries their shared governor: "agreed to
    resume talks and to work together", "vowed to find the bombers and bring them to justice"
    (TimeBank XIE19980814.0294), "promised to democratize Serbia and establish the rule of law"
    (PLOVER AGREE-0021) — the second verb is as much agreed, vowed or promised as the first.
    An infinitive the parser hung on a relative clause in between is the partner of the
    infinitive above it (``references.infinitive_partner``). A conjunct of a finite verb is its own
    clause ("met Putin and signed a deal") and is left alone."""
    node = verb
    for _ in range(4):
        partner = infinitive_partner(node) if node.dep_ == "conj" else None
        if partner is not None:
            node = partner
        elif node.dep_ == "conj" and node.head.dep_ in GOVERNOR_DEPS:
            node = node.head
        else:
            break
    return node


def _sharing_auxiliaries(clause: Token) -> list[Token]:
    """Verbs whose auxiliaries a coordinated verb without its own shares: "could pick up the
    phone and call the other" (the modal governs both)."""
    shared = []
    node = clause
    while node.dep_ == "conj" and not any(c.dep_ in ("aux", "auxpass") for c in node.children):
        node = node.head
        shared.append(node)
    return shared


def _chain(clause: Token) -> list[tuple[str, Token]]:
    """(dependency of the child, governor) pairs from the clause up to the sentence root."""
    chain = []
    node = clause
    for _ in range(12):
        if node.head == node:
            break
        chain.append((node.dep_, node.head))
        node = node.head
    return chain


def _condition(clause: Token, chain: list[tuple[str, Token]], marks: list[str]) -> str | None:
    """The subordinator ("if", "unless") of a conditional clause holding the event, if any."""
    nodes = [clause]
    node = clause
    for dep, governor in chain:
        if dep not in CLIMB_DEPS:
            break
        nodes.append(governor)
        node = governor
        if dep in ("ccomp", "relcl"):
            break
    del node
    for node in nodes:
        for child in node.children:
            if child.dep_ == "mark" and child.lower_ in marks:
                return child.lower_  # the event is inside the conditional clause
            if child.dep_ == "advcl":  # the event's clause carries a condition
                for mark in child.children:
                    if mark.dep_ == "mark" and mark.lower_ in marks:
                        return mark.lower_
    return None


def inside_quotes(token: Token) -> bool:
    """Is the token between an opening and a closing quotation mark in its sentence?"""
    sentence = token.sent
    before = doc_text(sentence.doc)[sentence.start_char : token.idx]
    opened = sum(before.count(q) for q in QUOTES_OPEN if q != '"')
    closed = sum(before.count(q) for q in QUOTES_CLOSE if q != '"')
    straight = before.count('"')
    return opened > closed or straight % 2 == 1
