"""An act told in a clause that describes a dated occasion happened at the occasion's time.

News names a past occasion by its date, before its noun ("the 2007 Oscars", "the Feb. 23
accord", "a 1999 incident", "Tuesday's vote"), and tells what was done at or by it in a clause
on that noun rather than with a time adverbial of its own:

- a past participle, the reduced passive relative ("the 2007 Oscars hosted by DeGeneres", ECB+
  2_10ecbplus; "the Feb. 23 accord signed by U.N. Secretary-General Kofi Annan", TimeBank
  tuning);
- a past-tense relative clause whose relative word is the occasion itself or its place in time
  ("the 1996 Olympic bombing that killed one person", TimeBank tuning; "a 2001 Bush policy
  change that barred U.S. financial aid", ECB+ 9_13ecbplus; "a 1999 incident where he stabbed
  his wife", ECB+ 3_4ecbplus).

The clause's act is part of the occasion, so the date in the noun's own phrase dates it, at the
expression's own granularity (a year stays a year). Only when the noun names an occasion: an
event noun (``triggers.is_event_word``: deverbal and occurrence nouns, TimeML's notion), a
gathering (``events.toml [gatherings] nouns``), a named event (spaCy's EVENT entities: "the 2010
World Cup"), or what a hosting act hosts (one hosts occasions: "will host next year's summit",
briefing tuning 211; "hosted the 2007 Oscars", ECB+ 2_8ecb). A year before a thing names its
model or vintage ("the 2007 model built by Toyota"), a year after the noun a programme or an
anniversary's origin ("Vision 2030", "the 75th anniversary of 1947"), and a target year is
after the report ("the 2030 goals set by the government", "the 2030 plan approved by
cabinet"): none of these dates the act. An object relative ("the 2008 crisis that economists
blamed on the banks") tells a later act about the occasion and is left alone too.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from storyline.events.gatherings import nouns as gathering_nouns
from storyline.events.triggers import is_event_word

#: Relative words standing for the occasion as the clause's subject, or for its time or place.
SUBJECT_RELATIVES = frozenset({"that", "which", "who"})
PLACE_RELATIVES = frozenset({"where", "when"})
#: The mode of an act of hosting: what it acts on is an occasion.
HOSTING_MODE = "host"


def described_occasion(clause: Token, mode: str | None) -> Token | None:
    """The occasion noun a past participle or a past-tense subject (or "where") relative
    clause describes, or None when the clause describes no occasion (see the module)."""
    noun = clause.head
    if clause.dep_ not in ("acl", "relcl") or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    if not (_reduced_passive(clause) or _past_relative(clause)):
        return None
    return noun if _names_occasion(noun, mode) else None


def in_noun_phrase(span: Span | None, noun: Token) -> bool:
    """Is the time expression before ``noun`` inside its own noun phrase (a premodifier, a
    possessive: "the 2007 Oscars", "last year's summit")?"""
    if span is None or not len(span) or span.end > noun.i:
        return False
    phrase = {t.i for t in noun.subtree}
    return all(t.i in phrase for t in span)


def _reduced_passive(clause: Token) -> bool:
    """ "the accord signed by …": a past participle with no auxiliary of its own."""
    return (
        clause.dep_ == "acl"
        and clause.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "auxpass") for c in clause.children)
    )


def _past_relative(clause: Token) -> bool:
    """ "the bombing that killed …", "the incident where he stabbed …": past tense, the
    relative word the subject or the occasion's time or place (not an object relative)."""
    if clause.dep_ != "relcl":
        return False
    auxiliaries = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    past = clause.tag_ == "VBD" if not auxiliaries else auxiliaries[0].tag_ == "VBD"
    if not past:
        return False
    for child in clause.children:
        word = child.lower_
        if child.dep_ in ("nsubj", "nsubjpass") and word in SUBJECT_RELATIVES:
            return True
        if child.dep_ == "advmod" and word in PLACE_RELATIVES:
            return True
    return False


def _names_occasion(noun: Token, mode: str | None) -> bool:
    return (
        is_event_word(noun)
        or noun.lemma_.lower() in gathering_nouns()
        or noun.lower_ in gathering_nouns()
        or noun.ent_type_ == "EVENT"
        or mode == HOSTING_MODE
    )
