"""Per-document analyses in the store, each with its sentences (what ``ask`` retrieves), saved
together so a document's sentences always match its analysis; re-analysis is by version.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from storyline.models import DocumentAnalysis
from storyline.store.connection import StoreConnection
from storyline.store.search import SentenceHit


class AnalysisTables(StoreConnection):
    """The ``analyses`` and ``sentences`` tables."""

    def ids_needing_analysis(self, version: str) -> list[str]:
        rows = self.db.execute(
            "SELECT d.id FROM documents d LEFT JOIN analyses a ON a.doc_id = d.id"
            " WHERE a.version IS NULL OR a.version != ? ORDER BY d.id",
            (version,),
        )
        return [row[0] for row in rows]

    def save_analyses(self, analyses: Iterable[DocumentAnalysis]) -> None:
        """Store analyses, their sentences (for ``ask``) and their figures (for the figures
        page) in one transaction."""
        with self.transaction() as db:
            for analysis in analyses:
                db.execute("DELETE FROM sentences WHERE doc_id = ?", (analysis.doc_id,))
                db.execute(
                    "INSERT OR REPLACE INTO analyses (doc_id, version, data) VALUES (?,?,?)",
                    (analysis.doc_id, analysis.version, analysis.model_dump_json()),
                )
                db.executemany(
                    "INSERT INTO sentences (doc_id, idx, start, end, text) VALUES (?,?,?,?,?)",
                    [(s.doc_id, s.index, s.start, s.end, s.text) for s in analysis.sentences],
                )
                db.execute("DELETE FROM figures WHERE doc_id = ?", (analysis.doc_id,))
                db.executemany(
                    "INSERT OR REPLACE INTO figures (id, doc_id, data) VALUES (?,?,?)",
                    [(f.id, analysis.doc_id, f.model_dump_json()) for f in analysis.figures],
                )

    def analyses(
        self, ids: Sequence[str] | None = None, *, without: Sequence[str] = ()
    ) -> list[DocumentAnalysis]:
        """``without``: layers left out (empty) before parsing, by field name: a reader of a
        few layers (``ask`` reads figures and time expressions) does not parse a few hundred
        documents' sentences, mentions and events."""
        paths = [f"$.{field}" for field in without]
        column = f"json_remove(data, {','.join('?' * len(paths))})" if paths else "data"
        if ids is None:
            rows = self.db.execute(f"SELECT {column} FROM analyses ORDER BY doc_id", paths)
        else:
            marks = ",".join("?" * len(ids))
            rows = self.db.execute(
                f"SELECT {column} FROM analyses WHERE doc_id IN ({marks}) ORDER BY doc_id",
                [*paths, *ids],
            )
        return [DocumentAnalysis.model_validate_json(row[0]) for row in rows]

    def iter_analyses(self) -> Iterator[DocumentAnalysis]:
        """Every analysis, one at a time in document order (the cursor streams)."""
        for row in self.db.execute("SELECT data FROM analyses ORDER BY doc_id"):
            yield DocumentAnalysis.model_validate_json(row[0])

    def count_sentences(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM sentences").fetchone()[0]

    def sentences_at(self, keys: Sequence[tuple[str, int]]) -> list[SentenceHit]:
        """The stored sentences starting at (doc id, offset), in the order asked; score 0."""
        found = []
        for doc_id, start in dict.fromkeys(keys):
            row = self.db.execute(
                "SELECT doc_id, idx, start, end, text FROM sentences"
                " WHERE doc_id = ? AND start = ?",
                (doc_id, start),
            ).fetchone()
            if row:
                found.append(SentenceHit(row[0], row[1], row[2], row[3], row[4], 0.0))
        return found
