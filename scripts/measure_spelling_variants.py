"""Measure ``storyline.entities.variants.spelling_variants`` on the compiled PETRARCH2 actor
dictionary: how many of the one-word spelling differences it lists within one person's names
the rule accepts, and how often it fires on first names of *different* people who share a
surname, or on one-word places of different countries (false merges waiting to happen).

    PYTHONPATH=src python scripts/measure_spelling_variants.py
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from importlib import resources

from storyline.entities.variants import skeleton, spelling_variants


def main() -> None:
    raw = resources.files("storyline.data").joinpath("petrarch_actors.json").read_text("utf-8")
    table = json.loads(raw)
    same: list[tuple[str, str]] = []
    for _name, keys, _codes in table["people"]:
        names = [k.split() for k in keys if " " in k]
        for a, b in itertools.combinations(names, 2):
            if len(a) == len(b) and a[-1] == b[-1]:
                differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
                if len(differing) == 1:
                    same.append(differing[0])
    firsts: dict[str, set[str]] = defaultdict(set)
    for _name, keys, _codes in table["people"]:
        words = keys[0].split()
        if len(words) >= 2:
            firsts[words[-1]].add(words[0])
    different = [p for names in firsts.values() for p in itertools.combinations(sorted(names), 2)]
    accepted = sum(spelling_variants(a, b) for a, b in same)
    wrong = sum(spelling_variants(a, b) for a, b in different)
    print(f"one person's spellings accepted: {accepted} of {len(same)}")
    print(
        f"different people sharing a surname, first names taken as one: {wrong} of {len(different)}"
    )
    places = [
        (key, code)
        for code, entry in table["countries"].items()
        for key in entry["names"]
        if " " not in key
    ]
    by_skeleton: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, code in places:
        by_skeleton[skeleton(key)].append((key, code))
    fired = [
        (a, b)
        for group in by_skeleton.values()
        for (a, ca), (b, cb) in itertools.combinations(group, 2)
        if ca != cb and a != b and spelling_variants(a, b)
    ]
    total = len(places) * (len(places) - 1) // 2
    print(f"one-word places of different countries taken as one: {len(fired)} of {total} pairs")
    print("  ", fired[:10])


if __name__ == "__main__":
    main()
