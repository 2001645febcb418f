"""Other wordings of an asked act: its synonyms, which keep the roles, and its converses, which
swap them ("Who took over the presidency from India?" is told by "Brazil assumed the
presidency" and by "India handed over the presidency to Brazil").

A transfer has a giver, a thing and a getter, and English words it from either end: give/get,
hand over/take over, sell/buy (Fillmore 1977, "The case for case reopened"; FrameNet's
Giving and Receiving frames and Commerce_sell/Commerce_buy are perspectives on one event;
Levin 1993, 13.1 "give verbs" and 13.5 "get verbs"). The getter of the one is the *to*-object
of the other; its *from*-object is the other's doer. The verb groups are data
(``data/ask.toml`` [acts]).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from storyline.ask.query import config, keys_match, term_key

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Wording:
    act: str  # a verb, with its particle for a phrasal one ("hand over")
    converse: bool  # the roles are swapped: getter ↔ to-object, giver ↔ doer


@cache
def wordings(act: str) -> tuple[Wording, ...]:
    """The act itself first, then its synonyms, then its converses."""
    same: list[str] = []
    other: list[str] = []
    for group in config()["acts"]["transfer"]:
        for side, opposite in (("get", "give"), ("give", "get")):
            if act in group[side]:
                same.extend(group[side])
                other.extend(group[opposite])
    out = [Wording(act, False)]
    out += [Wording(a, False) for a in dict.fromkeys(same) if a != act]
    out += [Wording(a, True) for a in dict.fromkeys(other)]
    return tuple(out)


def counterpart(act: str) -> str | None:
    """The preposition that marks the asked doer in a converse wording: a getter is the
    *to*-object of a give verb ("handed over … to Brazil"), a giver the *from*-object of a get
    verb ("bought … from France")."""
    for group in config()["acts"]["transfer"]:
        if act in group["get"]:
            return "to"
        if act in group["give"]:
            return "from"
    return None


def stated(text: str, act: str) -> bool:
    """Whether a sentence's words state the act: a form of its verb, followed within three
    words by its particle when it is phrasal ("took over", "handed the gavel over")."""
    verb, _, particle = act.partition(" ")
    key = term_key(verb)
    words = [w.lower() for w in _WORD.findall(text)]
    for i, word in enumerate(words):
        if keys_match(term_key(word), key) and (not particle or particle in words[i + 1 : i + 4]):
            return True
    return False
