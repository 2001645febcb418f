"""Events a construction tells rather than a word (events.toml [constructions]).

* "X said (that) Y must Z" is X demanding Z of Y (CAMEO 10).
* "X said X would A only if Y did B" ("unless Y did B") is X setting terms: a demand of Y, whose
  act is the condition (CAMEO's "SET * CONDITIONS" and "IMPOSE * CONDITION" are demands, 100).
  PETRARCH2 codes only verbs, so a statement of terms came out as the hypothetical acts it
  names ("would cease fire and start talks", tuning 215), and nothing said that the speaker
  asked anything of anyone. The PLOVER gold file codes the same construction by the promised
  act: "has said it will boycott the elections unless the president agrees to step down" and
  "announced that it will withdraw its force unless …" are threats (THREATEN-0029, -0003), a
  hostile act promised. So terms stand only over an offer: a promised act that is cooperative
  (PLOVER's cooperative types less RETREAT, whose conditional PLOVER reads as a threat, plus
  AGREE); a hostile or withdrawing act promised keeps its threat reading, and a clause that
  promises nothing coded is no offer.

The finders return ``Found`` records; ``matching`` turns them into coded triggers, so this
module needs no coder types.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from storyline.events.lexicon import Entry, settings
from storyline.nlp_tokens import tokens

DEMAND_CONSTRUCTION = Entry(
    slots=(frozenset({"must"}),),
    pos="C",
    when=frozenset(),
    type="DEMAND",
    mode=None,
    cameo="100",
    note="X says Y must Z: a demand (construction)",
)

TERMS_CONSTRUCTION = Entry(
    slots=(frozenset({"if", "unless"}),),
    pos="C",
    when=frozenset(),
    type="DEMAND",
    mode=None,
    cameo="100",
    note="X says X would A only if Y B: terms set, a demand of Y (construction; CAMEO 'set "
    "conditions' 100)",
)


@dataclass(frozen=True)
class Found:
    """A construction in a sentence: its row, the speech verb it hangs on, its cue word, the
    clause whose subject is asked to act, and (for terms) the clause that promises the offer."""

    entry: Entry
    verb: Token
    cue: Token
    complement: Token
    offer: Token | None = None


def _speech() -> set[str]:
    conf = settings()
    return set(conf["factuality"]["reporting_verbs"]) | set(conf["constructions"]["demand_verbs"])


def speech_verb(clause: Token, speech: set[str]) -> Token | None:
    """The speech verb a clause is reported by ("said (that) …"), if any."""
    climb = clause
    for _ in range(4):
        if climb.dep_ not in ("ccomp", "acl", "dobj", "relcl") or climb.head == climb:
            return None
        climb = climb.head
        if climb.pos_ in ("VERB", "AUX"):
            return climb if climb.lemma_.lower() in speech else None
    return None


def demands(sentence: Span) -> list[Found]:
    """ "X said (that) Y must Z": the "must" clause under a speech verb."""
    modals = set(settings()["constructions"]["demand_modals"])
    speech = _speech()
    found = []
    doc, table = sentence.doc, tokens(sentence.doc)
    for i in range(sentence.start, sentence.end):
        if table.dep[i] != "aux" or table.lower[i] not in modals:
            continue  # the token table's values: no spaCy ``Token`` for the other words
        token = doc[i]
        verb = speech_verb(token.head, speech)
        if verb is not None:
            found.append(Found(DEMAND_CONSTRUCTION, verb, token, token.head))
    return found


def terms(sentence: Span) -> list[Found]:
    """ "X said X would A only if / unless Y B": a condition clause with a subject of its own
    (``matching`` checks that it names an actor), on a clause with a modal of the future or of
    condition and no negation, reported by a speech verb."""
    conf = settings()
    marks = set(conf["constructions"]["terms_marks"])
    modals = set(conf["factuality"]["future_modals"]) | set(
        conf["factuality"]["hypothetical_modals"]
    )
    speech = _speech()
    found = []
    doc, table = sentence.doc, tokens(sentence.doc)
    for i in range(sentence.start, sentence.end):
        if table.dep[i] != "mark" or table.lower[i] not in marks:
            continue
        token = doc[i]
        if token.head.dep_ != "advcl":
            continue
        condition, offer = token.head, token.head.head
        while offer.dep_ == "conj" and offer.head != offer:
            offer = offer.head  # "would cease fire and start talks only if": shared modal
        if not any(c.dep_ == "aux" and c.lower_ in modals for c in offer.children):
            continue
        if any(c.dep_ == "neg" for c in offer.children):
            continue  # "will not accept refugees if war starts": a refusal (REJECT), no offer
        if not any(c.dep_ == "nsubj" and c.pos_ != "PRON" for c in condition.children):
            continue
        verb = speech_verb(offer, speech)
        if verb is not None:
            found.append(Found(TERMS_CONSTRUCTION, verb, token, condition, offer))
    return found


def offer_stands(found: Found, events: Sequence[tuple[Token, str]]) -> bool:
    """Do the terms stand: does the offer clause (less the condition inside it) code an event,
    and only cooperative ones? ``events``: the clause word and type of every trigger of the
    sentence. See the module docstring."""
    if found.offer is None:
        return True
    plover = settings()["plover"]
    cooperative = (set(plover["cooperative"]) - {"RETREAT"}) | {"AGREE"}
    inside = {t.i for t in found.offer.subtree} - {t.i for t in found.complement.subtree}
    promised = {kind for anchor, kind in events if anchor.i in inside}
    return bool(promised) and promised <= cooperative
