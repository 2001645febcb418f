"""What canonicalisation knows about one mention, the union-find over name keys, and the
context two names share — the pieces ``canon``, ``people`` and ``spellings`` work on."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from storyline.disjoint import DisjointSets
from storyline.models.language import EntityType

#: Two name keys share context when some document of one and some document of the other
#: name at least this many other keys in common (the story's other actors and places).
CONTEXT_MIN_SHARED = 2
#: Documents of each name looked at for shared context (the evidence is "some pair of
#: documents", so a name in ten thousand documents is judged on a bounded sample).
CONTEXT_MAX_DOCUMENTS = 64


@dataclass
class NameItem:
    """One mention as canonicalisation sees it."""

    index: int
    key: str
    display: str
    label: EntityType
    fixed: bool  # type and name come from the tables, not from votes
    doc_id: str
    surface: str = ""  # the key as written, before a document resolved a lone surname
    title: str | None = None  # the office in the mention's title or role ('Foreign Minister')
    evidence: bool = False  # the label is the rules' reading of the text, not the model's guess

    def __post_init__(self) -> None:
        self.surface = self.surface or self.key


class Keys(DisjointSets[str]):
    """Union-find over name keys: each set is one entity (rooted at its smallest key)."""


class Context:
    """Which documents use which keys: the evidence that two spellings name one thing."""

    def __init__(self, items: list[NameItem]) -> None:
        self.docs: dict[str, set[str]] = defaultdict(set)
        self.keys_in: dict[str, set[str]] = defaultdict(set)
        for item in items:
            self.docs[item.key].add(item.doc_id)
            self.keys_in[item.doc_id].add(item.key)

    def together(self, a: str, b: str) -> bool:
        """Both keys are written in one document."""
        return bool(self.docs[a] & self.docs[b])

    def shared(self, a: str, b: str) -> bool:
        """Some document of ``a`` and some document of ``b`` name ``CONTEXT_MIN_SHARED`` other
        keys in common (or one document names both)."""
        if self.together(a, b):
            return True
        for doc_a in sorted(self.docs[a])[:CONTEXT_MAX_DOCUMENTS]:
            keys_a = self.keys_in[doc_a] - {a, b}
            for doc_b in sorted(self.docs[b])[:CONTEXT_MAX_DOCUMENTS]:
                if len(keys_a & self.keys_in[doc_b]) >= CONTEXT_MIN_SHARED:
                    return True
        return False
