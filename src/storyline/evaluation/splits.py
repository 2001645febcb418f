"""Honest splits: a fixed *tuning* part to look at while improving storyline, and a *check* part
to report on, chosen by a stated rule that nobody can bend after seeing the scores.

The rule: an item belongs to the part given by its **key** (for the briefing sets: the gold story
id, so every document, event, anchor, figure, measure and question of one story falls in the same
part)::

    n = int.from_bytes(sha256((SALT + key).encode("utf-8")).digest(), "big")
    part = "tuning" if n % 2 == 0 else "check"

with ``SALT = "storyline-split-1:"``. Why a salt: on the india-world development set the plain
(unsalted) hash put only 3 of its 9 stories in the tuning part; the salt is the first of the
sequence ``storyline-split-1:``, ``storyline-split-2:``, … and gives 5 tuning stories
(C, E, F, G, H) and 4 check stories (A, B, D, I). It was chosen for balance only, never by which
stories storyline does well on, and it must not change once scores are reported: a new salt would
leak check items into tuning. The rule is a pure function of the key, so the split is stable
across runs, machines and Python versions (no ``hash()`` randomisation), and a new story lands in
a part without moving the others.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Literal, get_args

Part = Literal["tuning", "check"]
PartOrAll = Literal["tuning", "check", "all"]

SALT = "storyline-split-1:"
PARTS: tuple[str, ...] = get_args(PartOrAll)


def part_of(key: str, salt: str = SALT) -> Part:
    """The part ``key`` belongs to: even SHA-256 of salt + key → tuning, odd → check."""
    digest = hashlib.sha256((salt + key).encode("utf-8")).digest()
    return "tuning" if int.from_bytes(digest, "big") % 2 == 0 else "check"


def check_part(part: str) -> PartOrAll:
    """``part`` itself when it names a part (or 'all'); a ValueError that lists them otherwise."""
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}; choose from {', '.join(PARTS)}")
    return part  # type: ignore[return-value]


def in_part(key: str, part: str) -> bool:
    """True when an item with this key is scored in ``part`` ('all' holds every item)."""
    return check_part(part) == "all" or part_of(key) == part


def split_keys(keys: Iterable[str]) -> dict[Part, list[str]]:
    """The keys of each part, sorted: what a report prints to say which items a part holds."""
    parts: dict[Part, list[str]] = {"tuning": [], "check": []}
    for key in sorted(set(keys)):
        parts[part_of(key)].append(key)
    return parts
