"""Did the event happen? Negated, hypothetical, planned, reported or asserted, from the parse.

The cues are grammatical: a negation on the event's clause ("did not meet"), a possibility modal
or a condition ("could", "would", "if"), a future modal or a planning verb governing the event
("will visit", "are expected to discuss", "plans to", "is set to", "looks forward to hosting"),
an infinitive an attitude adjective or a noun takes ("excited to be hosting", "a contract to
supply"), the purpose of a plan ("set to meet … to resume talks"), a plan given up ("abandoned
their plans to hijack"), a planning modifier on a nominal trigger ("the upcoming visit"), and a
reporting verb whose clausal complement holds the event ("X said that …", "according to").
A negative quantifier as subject or object ("no team has offered"), the goal of a failed
attempt ("a failed bid to allow"), the content of a requirement ("the need for such a policy"),
of a possibility ("fears of a recession") or of a demand ("called for the ratification"), the
future "is to" and a passive infinitive on a noun ("an event to be held") are read from the
words around the clause (``events.unrealised``). The word lists live in ``events.toml
[factuality]``.
Precedence: negated > hypothetical > planned > reported > asserted, so a reported plan is a plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Token

from storyline.events.lexicon import settings
from storyline.events.references import infinitive_partner
from storyline.events.unrealised import (
    SUBJECTS_ALL,
    attitude_adjective,
    failed_attempt,
    future_be_to,
    infinitive_of_noun,
    negative_argument,
    required,
)
from storyline.models.events import Factuality
from storyline.nlp import doc_text, span_text

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
    """Factuality of the event whose clause word is ``anchor`` and trigger word ``trigger``.

    A purpose infinitive is no more done than the act it is the purpose of: "Ross is set to meet
    with Lionsgate officials on Monday to resume negotiations" (ECB+ 6_4), "OPEC will hold an
    emergency meeting on November 18 to discuss the falling price" (MEANTIME 114864). When the
    governing act is planned, hypothetical or negated, so is the purpose ("met Putin to discuss
    trade" keeps its own reading: the meeting happened)."""
    own = _assess_clause(anchor, trigger)
    if own.factuality not in ("asserted", "reported"):
        return own
    clause, _ = _clause_of(anchor)
    if _is_purpose_infinitive(clause):
        governing = assess(clause.head, clause.head)
        if governing.factuality in ("planned", "hypothetical", "negated"):
            return Assessment(governing.factuality, governing.cue, own.conditional)
    return own


def _is_purpose_infinitive(verb: Token) -> bool:
    """ "to resume negotiations" on a verb as an adverbial clause, with no subject of its own."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VB"
        and verb.head.pos_ in ("VERB", "AUX")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and not any(c.dep_ in SUBJECTS_ALL for c in verb.children)
    )


def _assess_clause(anchor: Token, trigger: Token) -> Assessment:
    """The factuality told by the event's own clause and the words that govern it."""
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
        dropped = _abandoned_plan(near, conf)
        if dropped is not None:
            return Assessment("negated", dropped.text, threat)
        if anchor.pos_ in ("NOUN", "PROPN") and clause.lemma_.lower() in conf["failure_verbs"]:
            return Assessment("negated", clause.text, threat)
        denier = negative_argument(near, conf["negative_quantifiers"], conf["object_light_verbs"])
        if denier is not None and anchor.pos_ in ("VERB", "AUX"):
            return Assessment("negated", denier.text, threat)
        failure = failed_attempt(clause, conf["failure_modifiers"])
        if failure is not None:
            return Assessment("negated", failure.text, threat)

    # hypothetical: questions, possibility modals, conditions, "likely to", requirements
    if span_text(trigger.sent).rstrip().endswith("?"):
        return Assessment("hypothetical", "question", threat)
    nominal = anchor.pos_ in ("NOUN", "PROPN")
    target = anchor if nominal else clause
    requirement = required(target, conf["requirement_nouns"]) or required(
        target, conf["possibility_nouns"], prepositions=("of", "for")
    )
    if requirement is not None:
        return Assessment("hypothetical", requirement.text, threat)
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

    # planned: future modals, planning governors, demands, planning modifiers of a nominal trigger
    demand = required(target, conf["demand_nouns"], conf["demand_verbs"])
    if demand is not None:
        return Assessment("planned", demand.text, threat)
    if not nominal_subject:
        for verb in modal_holders:
            for child in verb.children:
                if child.dep_ == "aux" and child.lower_ in conf["future_modals"]:
                    return Assessment("planned", f"{child.text} {verb.text}", threat)
        for below, verb in pairwise(near):
            lemma = verb.lemma_.lower()
            chosen = lemma in conf["selection_verbs"] and _has_to(below)
            if lemma in conf["planning_verbs"] or chosen:
                return Assessment("planned", verb.text, threat)
        if anchor != trigger and anchor.lemma_.lower() in conf["planning_verbs"]:
            return Assessment("planned", anchor.text, threat)
        attitude = attitude_adjective(clause)
        if attitude is not None:
            return Assessment("planned", attitude.text, threat)
        content = infinitive_of_noun(clause)
        if content is not None:
            return Assessment("planned", content.text, threat)
        if future_be_to(clause):
            return Assessment("planned", f"{clause.head.text} to", threat)
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
    lowered = span_text(sentence).lower()
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
        if node.dep_ in SUBJECTS_ALL:
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


def _abandoned_plan(near: list[Token], conf: dict) -> Token | None:
    """ "the pirates abandoned their plans to hijack the vessel" (ECB+ 12_6), "dropped its plan to
    join NATO" (briefing india-world 215): a plan given up did not happen. The plan noun is the
    object of a verb of giving up ([factuality] abandonment_verbs) or of failing."""
    stopping = set(conf["abandonment_verbs"]) | set(conf["failure_verbs"])
    for noun in near[1:]:
        if (
            noun.pos_ == "NOUN"
            and noun.lemma_.lower() in conf["planning_verbs"]
            and noun.dep_ in ("dobj", "nsubjpass")
            and noun.head.lemma_.lower() in stopping
        ):
            return noun.head
    return None


def _has_to(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _near_governors(clause: Token) -> list[Token]:
    """The clause verb and the words that take it as a complement ("expected to", "plans to")."""
    near = [clause]
    node = clause
    for _ in range(6):
        node = _first_conjunct(node)
        if _to_gerund(node):
            # "looks forward to continuing her treatment" (ECB+ 1_1), "looked forward to
            # visiting Kenya" (TimeBank XIE19980812.0062): the gerund after "to" is a complement
            node = node.head.head
            near.append(node)
            continue
        if node.dep_ not in GOVERNOR_DEPS or node.head == node:
            break
        node = node.head
        near.append(node)
        # "is likely to", "is set to": the copula carries the modal
        if node.pos_ in ("ADJ", "NOUN") and node.head != node and node.dep_ in ("acomp", "attr"):
            near.append(node.head)
            node = node.head
    return near


def _to_gerund(verb: Token) -> bool:
    """A gerund complement of the preposition "to" on a verb: "look forward to hosting"."""
    preposition = verb.head
    return (
        verb.dep_ == "pcomp"
        and verb.tag_ == "VBG"
        and preposition.dep_ == "prep"
        and preposition.lower_ == "to"
        and preposition.head.pos_ in ("VERB", "AUX")
    )


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
        for word in _subordinators(node):
            if word in marks:
                return word  # the event is inside the conditional clause
        for child in node.children:
            clauses = [child] if child.dep_ == "advcl" else []
            if child.dep_ == "advmod" and child.lower_ == "long":  # "as long as" hangs here
                clauses = [c for c in child.children if c.dep_ == "advcl"]
            for subordinate in clauses:  # the event's clause carries a condition
                for word in _subordinators(subordinate):
                    if word in marks:
                        return word
    return None


def _subordinators(verb: Token) -> list[str]:
    """The marks of a clause, "as long as" whole: the parser hangs that clause on "long" with
    the last "as" as its mark ("allowing oil and gas drilling, as long as oil companies obey
    the Marine Mammal Protection Act", ECB+ 9_6; "as long as Saddam Hussein remains in power",
    TimeBank WSJ910225-0066). Only a present-tense clause states a condition: "stayed as long as
    he could" is a duration."""
    words = []
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    present = (auxiliaries[0] if auxiliaries else verb).tag_ in ("VBP", "VBZ")
    for mark in verb.children:
        if mark.dep_ != "mark":
            continue
        head = verb.head
        if mark.lower_ == "as" and head.lower_ == "long" and verb.dep_ == "advcl" and present:
            first = [c.lower_ for c in head.children if c.dep_ == "advmod" and c.i < head.i]
            if first and first[0] in ("as", "so"):
                words.append(f"{first[0]} long as")
                continue
        words.append(mark.lower_)
    return words


def inside_quotes(token: Token) -> bool:
    """Is the token between an opening and a closing quotation mark in its sentence?"""
    sentence = token.sent
    before = doc_text(sentence.doc)[sentence.start_char : token.idx]
    opened = sum(before.count(q) for q in QUOTES_OPEN if q != '"')
    closed = sum(before.count(q) for q in QUOTES_CLOSE if q != '"')
    straight = before.count('"')
    return opened > closed or straight % 2 == 1
