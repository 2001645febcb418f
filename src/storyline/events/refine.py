"""Settling a coded event's type and mode once its arguments are known.

Split from ``matching`` (which finds and folds the triggers): the trigger's row gives a first
type and mode, and three facts found only around it change them. A consultation through a
remote medium is a phone call ("spoke over the phone", "met via video link"); an attack whose
row leaves the weapon open takes the most specific weapon the sentence names; a promise of a
hostile act is a threat, and a threat takes the mode of the threatened act (PLOVER 0.5b1).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span

from storyline.events.lexicon import settings, threaten_mode
from storyline.events.matching import Coded

WEAPON_PRIORITY = ("suicide-attack", "explosives", "heavy-weapons", "firearms", "primitive")


@cache
def _weapons() -> dict[str, tuple[str, ...]]:
    return {k.lower(): tuple(v) for k, v in settings()["weapons"].items()}


def refine(coded: Coded, sentence: Span) -> None:
    """Settle ``coded``'s type and mode in place (see the module docstring), with a note for
    each change."""
    if coded.type == "CONSULT" and coded.mode in (None, "meet") and remote(coded):
        coded.mode = "phone"
        coded.notes.append("a remote medium ('over the phone') → mode phone")
    if coded.mode == "@weapon":
        _weapon(coded, sentence)
    _promised_hostility(coded)


def remote(coded: Coded) -> bool:
    """Did the consultation go through a remote medium ("spoke over the phone", "met via
    video link")? events.toml [consult_medium]."""
    medium = settings()["consult_medium"]
    for holder in {coded.anchor, coded.head}:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in medium["prepositions"]:
                continue
            words = {t.lemma_.lower() for c in prep.children if c.dep_ == "pobj" for t in c.subtree}
            if words & set(medium["words"]):
                return True
    return False


def _weapon(coded: Coded, sentence: Span) -> None:
    """An attack row that leaves the weapon open ("@weapon") takes the most specific weapon
    the sentence names (events.toml [weapons])."""
    coded.mode = None
    weapons = _weapons()
    found: dict[str, tuple[str, ...]] = {}
    for token in sentence:
        hit = weapons.get(token.lemma_.lower()) or weapons.get(token.lower_)
        if hit:
            found.setdefault(hit[1], hit)
    for mode in WEAPON_PRIORITY:
        if mode in found:
            coded.type, coded.mode = found[mode][0], found[mode][1]
            coded.notes.append(f"instrument '{mode}' → {coded.type}")
            break


def _promised_hostility(coded: Coded) -> None:
    """A promise of a hostile act is a threat with the act's mode; an agreed restriction aimed
    at no one stays the agreement (events.toml [plover])."""
    tone = settings()["plover"]
    hostile = set(tone["hostile"])
    direct = [
        f
        for f in coded.folded
        if f.type in hostile and f.anchor.dep_ == "xcomp" and f.anchor.head == coded.head
    ]
    if coded.type == "AGREE" and direct:
        inner = direct[0]
        if (
            not coded.targets
            and coded.anchor.lemma_.lower() in tone["agreement_verbs"]
            and inner.type in tone["threat_needs_target"]
        ):
            coded.notes.append(f"an agreed '{inner.trigger_text}' aimed at no one: no threat")
        else:
            coded.type, coded.mode = "THREATEN", threaten_mode(inner.type, inner.mode)
            coded.notes.append(f"a promise of a hostile act ('{inner.trigger_text}') is a threat")
    elif coded.type == "THREATEN" and coded.folded and coded.mode is None:
        inner = coded.folded[0]
        coded.mode = threaten_mode(inner.type, inner.mode)
        coded.notes.append(f"threatened act '{inner.trigger_text}' → mode {coded.mode}")
