"""Factuality cues carried by the words around a clause rather than by its verb group: a
negative quantifier as its subject or object, a failed attempt whose goal it is, a requirement or a
demand whose content it is. ``events.factuality.assess`` asks them in its precedence (the first
two negate; a requirement, like "must", makes the event hypothetical; a demand, like the verbs
"call for", "urge", a plan); the word lists are ``events.toml [factuality]``
negative_quantifiers, object_light_verbs, failure_modifiers, requirement_nouns and
demand_nouns.
"""

from __future__ import annotations

from spacy.tokens import Token

SUBJECTS = ("nsubj", "nsubjpass")


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


def required(node: Token, nouns: list[str], verbs_for: tuple[str, ...] = ()) -> Token | None:
    """The noun of necessity or demand (``nouns``) whose content the event is: "the need for
    such a policy, supported by the White House and ratified by Congress" (ECB+ 9_1), "a
    requirement that federal agencies seek review" (ECB+ 9_3), "there was no need for a federal
    agency to consult" (ECB+ 9_2), "rejected a call for its peacekeeping forces to be deployed"
    (PLOVER REJECT-0010), "the U.S.'s demand for Laden's extradition" (TimeBank). What is only
    required has not happened. ``verbs_for``: verbs whose "for" phrase is such a content, "called
    for the fastest possible ratification of the treaty" (TimeBank APW19980227.0494), "called
    for a re-run of the bidding" (MEANTIME 108294), "consistently called for complete cessation
    of all hostilities" (demo corpus 001). ``node`` is the clause verb, or a nominal trigger."""
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
        if node.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "for":
            word = head.head
            lemma = word.lemma_.lower()
            if word.pos_ == "NOUN" and lemma in nouns:
                return word
            return word if word.pos_ == "VERB" and lemma in verbs_for else None
        return None
    return None
