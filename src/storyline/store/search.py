"""Full-text search (FTS5) over documents and sentences; a malformed or empty query is a
``QueryError`` that says how to write one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.errors import QueryError
from storyline.store.connection import StoreConnection


@dataclass(frozen=True)
class SearchHit:
    doc_id: str
    title: str | None
    snippet: str
    score: float


@dataclass(frozen=True)
class SentenceHit:
    doc_id: str
    index: int
    start: int
    end: int
    text: str
    score: float


class SearchIndex(StoreConnection):
    """Queries on the ``documents_fts`` and ``sentences_fts`` indexes."""

    def search(self, query: str, limit: int = 10) -> list[SearchHit]:
        """Full-text search over clean text (FTS5 syntax: words, "phrases", AND/OR/NOT, NEAR)."""
        rows = self._fts(
            "SELECT d.id, d.title, snippet(documents_fts, 1, '[', ']', ' … ', 12),"
            " bm25(documents_fts) AS rank FROM documents_fts JOIN documents d"
            " ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        )
        return [SearchHit(doc_id=r[0], title=r[1], snippet=r[2], score=-r[3]) for r in rows]

    def search_sentences(self, query: str, limit: int = 50) -> list[SentenceHit]:
        rows = self._fts(
            "SELECT s.doc_id, s.idx, s.start, s.end, s.text, bm25(sentences_fts) AS rank"
            " FROM sentences_fts JOIN sentences s ON s.rowid = sentences_fts.rowid"
            " WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        )
        return [SentenceHit(r[0], r[1], r[2], r[3], r[4], -r[5]) for r in rows]

    def search_marked(
        self, query: str, limit: int = 20, marks: tuple[str, str] = ("\x02", "\x03")
    ) -> list[SearchHit]:
        """``search`` with caller-chosen match markers, so a page can tell a marker from a
        bracket that is really in the text."""
        rows = self._fts(
            "SELECT d.id, d.title, snippet(documents_fts, 1, ?2, ?3, ' … ', 16),"
            " bm25(documents_fts) AS rank FROM documents_fts JOIN documents d"
            " ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ?1 ORDER BY rank LIMIT ?4",
            (query, marks[0], marks[1], limit),
        )
        return [SearchHit(doc_id=r[0], title=r[1], snippet=r[2], score=-r[3]) for r in rows]

    def sentence_frequencies(self, queries: Sequence[str]) -> dict[str, int]:
        """How many sentences match each FTS5 query (the caller quotes user words)."""
        counts = {}
        for query in dict.fromkeys(queries):
            rows = self._fts(
                "SELECT COUNT(*) FROM sentences_fts WHERE sentences_fts MATCH ?", (query,)
            )
            counts[query] = int(rows[0][0])
        return counts

    def _fts(self, sql: str, params: tuple[object, ...]) -> list[tuple]:
        query = str(params[0])
        if not query.strip():
            raise QueryError("empty search query")
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.OperationalError as error:
            raise QueryError(
                f'malformed search query {query!r} ({error}); use words, "quoted phrases",'
                " AND / OR / NOT, or a trailing * for prefixes"
            ) from None
