"""Numbered groups of states: "Group of Seven", "G7", "G-7" and "G 7" are one name.

The PETRARCH2 actor dictionary writes the convention into its own records: ``GROUP_OF_SEVEN_``
with the synonym ``+G_7_``, ``GROUP_OF_EIGHT_`` with ``+G_8_``, and ``GROUP_OF_SEVENTY_SEVEN_``:
a head noun ("group"), "of" and a number spelled out, or the head's initial followed by the
number in digits. Wire copy writes the same groups both ways and with any number (the briefing
set's "G20" and "Group of Twenty", "G7" in its tuning part), so the rule is read from the
dictionary's heads and applied to every number, not kept as a list of groups: a name of either
form gets the key ``'<initial> <number>'`` ('g 20'), under which all its spellings meet.
"""

from __future__ import annotations

import re
from functools import cache

from storyline.entities.actors import actor_dictionary
from storyline.figures.numbers import parse_number

#: The short form's key as ``name_key`` writes it: 'g7', 'g 7' ('G-7' and 'G 7').
_SHORT_FORM = re.compile(r"([a-z]) ?(\d{1,3})")
_OF = " of "


@cache
def numbered_heads() -> frozenset[str]:
    """Heads of the dictionary's numbered groups ('group' of 'group of seven'), by key."""
    heads = set()
    for key in actor_dictionary().organisations:
        head, of, number = key.rpartition(_OF)
        if of and head and " " not in head and _whole_number(number) is not None:
            heads.add(head)
    return frozenset(heads)


def numbered_group_key(key: str) -> str | None:
    """'group of twenty', 'g20', 'g 20' → 'g 20'; None for a name of neither form."""
    heads = numbered_heads()
    head, of, number = key.rpartition(_OF)
    if of and head in heads:
        value = _whole_number(number)
        return f"{head[0]} {value}" if value is not None else None
    short = _SHORT_FORM.fullmatch(key)
    if short and any(h[0] == short[1] for h in heads) and not short[2].startswith("0"):
        return f"{short[1]} {int(short[2])}"
    return None


def _whole_number(text: str) -> int | None:
    """The value of a whole number written in digits or words ('seventy seven' → 77)."""
    if not text or not all(w.isdigit() or w.isalpha() for w in text.split()):
        return None
    value = parse_number(text)
    return int(value) if value is not None and value >= 2 and value == int(value) else None
