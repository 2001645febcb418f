"""Disjoint sets (union-find) whose every set is rooted at its smallest member.

With that root, the sets and their roots do not depend on the order the unions came in, which is
what lets a pile be joined in parts, or again after additions, and give what joining it whole
gives (the name keys of one entity, the connected parts of an event merge, a document and its
copies). ``find`` halves the path it walks, so a long chain flattens as it is read.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

Member = TypeVar("Member", int, str)


class DisjointSets(Generic[Member]):
    """Each member alone at first; ``union`` joins two sets under the smaller root."""

    def __init__(self, members: Iterable[Member]) -> None:
        self.parent: dict[Member, Member] = {member: member for member in members}

    def find(self, member: Member) -> Member:
        """The root (smallest member) of ``member``'s set."""
        parent = self.parent
        while parent[member] != member:
            parent[member] = parent[parent[member]]
            member = parent[member]
        return member

    def union(self, a: Member, b: Member) -> None:
        """Join the sets of ``a`` and ``b`` (nothing when they are one)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
