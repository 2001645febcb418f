"""Where each canonical entity is named, as compact arrays (issue 18: the summary stage's
working set).

The concept index asks, of a candidate's sentence, which entities it names and where
(``at``), and of a document, the spans of its entity mentions that a trim must not cut
(``spans``). Held as dictionaries of tuples they cost about 150 bytes a mention, a few
kilobytes a document, for the whole build; here a mention is five integers in arrays sorted by
(document, sentence start), looked up by binary search, and its tuples are made only for the
sentences asked about.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

import numpy as np

from storyline.models import Entity


class EntityMentions:
    """The canonical entities' mentions by document and sentence, in the order the entities
    and their mentions come within each sentence."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self._documents: dict[str, int] = {}
        self._entity_ids = [e.id for e in entities]
        documents, sentences, starts, ends, owners = (array("q") for _ in range(5))
        for number, entity in enumerate(entities):
            for mention in entity.mentions:
                p = mention.provenance
                documents.append(self._documents.setdefault(p.doc_id, len(self._documents)))
                sentences.append(p.sentence_start)
                starts.append(p.start)
                ends.append(p.end)
                owners.append(number)
        keys = np.frombuffer(documents, dtype=np.int64) << 32 | np.frombuffer(
            sentences, dtype=np.int64
        )
        order = np.argsort(keys, kind="stable")  # within a sentence, in the order given
        self._keys = keys[order]
        self._starts = np.frombuffer(starts, dtype=np.int64)[order].astype(np.int32)
        self._ends = np.frombuffer(ends, dtype=np.int64)[order].astype(np.int32)
        self._owners = np.frombuffer(owners, dtype=np.int64)[order].astype(np.int32)

    def _between(self, lo: int, hi: int) -> tuple[int, int]:
        return (
            int(np.searchsorted(self._keys, lo, side="left")),
            int(np.searchsorted(self._keys, hi, side="left")),
        )

    def at(self, doc_id: str, sentence_start: int) -> list[tuple[str, int]]:
        """(entity id, mention start) of each mention in the sentence, in order."""
        number = self._documents.get(doc_id)
        if number is None:
            return []
        key = number << 32 | sentence_start
        lo, hi = self._between(key, key + 1)
        ids = self._entity_ids
        return [
            (ids[owner], start)
            for owner, start in zip(
                self._owners[lo:hi].tolist(), self._starts[lo:hi].tolist(), strict=True
            )
        ]

    def spans(self, doc_id: str) -> list[tuple[int, int]]:
        """(start, end) of each mention in the document, by sentence."""
        number = self._documents.get(doc_id)
        if number is None:
            return []
        lo, hi = self._between(number << 32, (number + 1) << 32)
        return list(zip(self._starts[lo:hi].tolist(), self._ends[lo:hi].tolist(), strict=True))
