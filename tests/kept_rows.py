"""An in-memory stand-in for the store's kept per-document rows (summary candidates, story
rows, and the story rows' term matrix): rows by document under a key, over analyses held in
memory, counting what it is given, so a test sees which documents a stage made again."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence

from storyline.models import DocumentAnalysis
from storyline.models.term_matrix import TermMatrix


class KeptRows:
    def __init__(self, analyses: Sequence[DocumentAnalysis]) -> None:
        self.digests = {
            a.doc_id: hashlib.blake2b(a.model_dump_json().encode(), digest_size=16).digest()
            for a in analyses
        }
        self.rows: dict[str, tuple[bytes, str]] = {}
        self.saved: list[str] = []
        self.matrix: TermMatrix | None = None
        self.matrices_saved = 0

    def analysis_digests(self, ids: Sequence[str]) -> dict[str, bytes]:
        return {i: self.digests[i] for i in ids if i in self.digests}

    def read(self, keys: Mapping[str, bytes]) -> Iterator[tuple[str, str]]:
        """The rows whose stored key is still the one given."""
        for doc_id in sorted(keys):
            if doc_id in self.rows and self.rows[doc_id][0] == keys[doc_id]:
                yield doc_id, self.rows[doc_id][1]

    def save(self, rows: Iterable[tuple[str, bytes, str]]) -> None:
        for doc_id, key, data in rows:
            self.rows[doc_id] = (key, data)
            self.saved.append(doc_id)

    def story_term_matrix(self) -> TermMatrix | None:
        return self.matrix

    def save_story_term_matrix(self, matrix: TermMatrix) -> None:
        self.matrix = matrix
        self.matrices_saved += 1
