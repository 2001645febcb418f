"""Senses of the verbs of saying that code no event: a warning of a prospect, a refusal to
speak, and an obligation the speaker states for its own side.

PETRARCH2's blocks code a warning, a refusal or a "must" clause as a hostile act or a demand
only where another party is to act or suffer; said of what may happen, of saying itself or of
the speaker's own side, the same words are a statement (CAMEO 01), which PLOVER does not code.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Token

from storyline.events.lexicon import Entry, statement_verbs, threat_patterns
from storyline.events.references import ActorRef

#: Subjects that make a clause the speaker's own act ("warned that we will act", "we must
#: accept the conclusion").
SPEAKERS = frozenset({"i", "we"})


def speakers_own(
    verb: Token, subject: Token, resolve: Callable[[Token], Sequence[ActorRef]]
) -> bool:
    """Is the ``subject`` of a "must" clause reported by ``verb`` the speaker itself? A demand
    is made of another party (CAMEO 10: one actor asks another to act); an obligation the
    speaker states for its own side is its stance or intent: "we must accept the conclusion
    provided by our commission," the company said (MEANTIME); "we must be clear in explaining
    that a settlement is not possible" (TimeBank, a minister); "Boeing says they must increase
    the tempo of production" (MEANTIME, judged a wrong type in the tuning review pile). A
    first-person subject is the speaker's side; "it" or "they" is where it refers to the
    speaker (``resolve``, the pronoun rules: "X said it will …") and the speaker is no person.
    "He"/"she" and a named party stay demands: "saying he must resign" asks it of the leader."""
    word = subject.lower_
    if word in SPEAKERS:
        return True
    if word not in ("it", "they"):
        return False
    speakers = [
        ref for s in verb.children if s.dep_ == "nsubj" and s.pos_ != "PRON" for ref in resolve(s)
    ]
    if not speakers or any(ref.label == "PERSON" for ref in speakers):
        return False
    spans = {(ref.start, ref.end) for ref in speakers}
    return any((ref.start, ref.end) in spans for ref in resolve(subject))


def warns_of_a_prospect(
    entry: Entry, verb: Token, folded: Sequence[Token], is_actor: Callable[[Token], bool]
) -> bool:
    """Is ``verb``, matched by a bare threat row ("warn", "threaten", "caution": CAMEO 130), a
    warning of a prospect: its clause or "of"/"about" phrase says what may happen and holds no
    act the lexicon codes (``folded``: the clause words of the events folded into it)? Then it
    is a statement about the future, not a threat.

    PETRARCH2's WARN block codes a warning of a danger as a comment (012: "WARN * (OF RISK)",
    "(OF EXODUS)", "CATASTROPHE", "(OF {DISASTROUS CONSEQUENCES})"), and a threat only with an
    act ("(OF &FIGHT)", "{SEVERE REPRISALS}", "(AGAINST STRIKE)"); its table lists a few
    dangers, and news warns of many more: "warned there could be additional charges to come",
    "warned of imminent bankruptcy", "warned that talk of a complete recovery might be
    premature" (MEANTIME business), "warned that Comeaux knows the area" (ECB+ topic 3),
    "warned that one of them might be targeted", "warns that such groups grew rapidly"
    (TimeBank). A warning that holds an act stays a threat with that act's mode: "warning Iraq
    of military strikes" (TimeBank), "warned that police will no longer tolerate rallies"
    (PLOVER gold); so does one that holds the words of one of the block's own threat patterns
    (``lexicon.threat_patterns``: "warned that there would be consequences for countries that
    …", PETRARCH2's "WARN * CONSEQUENCES" 130), and so does a clause whose
    subject is the speaker's side, whatever its verb: "warning that we will be prepared to act
    again" (TimeBank). A warning with no clause ("warned Iran on Monday") keeps the row, and so
    does a warning of a party (``is_actor``: "warned of the Prince of Dol Amroth", PETRARCH2's
    unit tests, which code it as a threat to him)."""
    if entry.pos != "V" or len(entry.slots) > 1 or entry.type != "THREATEN":
        return False
    said = [c for c in verb.children if c.dep_ == "ccomp"]
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "about"):
            objects = [g for g in prep.children if g.dep_ == "pobj"]
            if any(is_actor(o) for o in objects):
                return False  # a warning of a party is aimed at it
            said.append(prep)
    if any(s.lower_ in SPEAKERS for c in said for s in c.children if s.dep_ == "nsubj"):
        return False  # the speaker's side will act: "warned that we will act again"
    inside = [t for clause in said for t in clause.subtree]
    if any(_threat_words(verb, inside)):
        return False  # "warned that there would be consequences": the block's own threat
    return bool(said) and not any(word in inside for word in folded)


def _threat_words(verb: Token, words: list[Token]) -> list[tuple[frozenset[str], ...]]:
    """The threat patterns of ``verb`` (``lexicon.threat_patterns``) whose every word is one of
    ``words`` (lemma or form)."""
    forms = {w.lemma_.lower() for w in words} | {w.lower_ for w in words}
    patterns = threat_patterns().get(verb.lemma_.lower(), ())
    return [p for p in patterns if all(slot & forms for slot in p)]


def declines_comment(entry: Entry, verb: Token, folded: Sequence[Token]) -> bool:
    """Is ``verb``, matched by a bare rejection row ("declined", "refused"), a refusal to speak:
    its "to" complement is a verb of saying (PETRARCH2's statement verbs, ``lexicon.
    statement_verbs``: "comment", "say", "disclose", "talk") that codes no event of its own?
    Then it is CAMEO's 011 "decline comment" (PETRARCH2's own "REFUSE * COMMENT" pattern),
    which PLOVER does not code, not a rejection of anyone: "declined to comment" (ECB+ topic 5,
    TimeBank four times), "declined to say", "refused to disclose" (ECB+ topics 1 and 5),
    "declined to confirm" (TimeBank). A refusal to act stays a rejection ("refused to meet",
    "refused to deploy peacekeepers", PLOVER gold), and so does a said thing the lexicon codes."""
    if entry.pos != "V" or len(entry.slots) > 1 or entry.type != "REJECT":
        return False
    said = [
        c
        for c in verb.children
        if c.dep_ == "xcomp" and c.lemma_.lower() in statement_verbs() and c not in folded
    ]
    return bool(said)
