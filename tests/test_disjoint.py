"""Disjoint sets rooted at their smallest member: the sets and roots come out the same whatever
order the unions arrive in (what joining a pile in parts, or again after additions, relies on)."""

from __future__ import annotations

from itertools import permutations

from storyline.disjoint import DisjointSets

PAIRS = [(4, 2), (7, 5), (2, 9), (5, 4), (8, 6)]


def test_every_order_of_the_unions_gives_the_same_sets_and_roots() -> None:
    results = set()
    for order in permutations(PAIRS):
        sets = DisjointSets(range(10))
        for a, b in order:
            sets.union(a, b)
        results.add(tuple(sets.find(member) for member in range(10)))
    assert results == {(0, 1, 2, 3, 2, 2, 6, 2, 6, 2)}


def test_names_join_under_the_first_in_order() -> None:
    sets = DisjointSets(["modi", "narendra modi", "putin"])
    sets.union("narendra modi", "modi")
    assert sets.find("narendra modi") == "modi" and sets.find("putin") == "putin"
