"""Full-text search (FTS5) over documents and sentences; a malformed or empty query is a
``QueryError`` that says how to write one.

A user's query is read as plain words by default: each word is searched as typed, so
``S-400`` and ``India's`` (FTS5 syntax errors as they stand) find what they say. The FTS5
syntax stays available: asked for (``fts=True``), or when the query holds its operators
(``"phrase"``, ``AND``/``OR``/``NOT``/``NEAR``, ``prefix*``, ``(``, ``^``, ``title:``).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.errors import QueryError
from storyline.store.connection import StoreConnection
from storyline.store.span_texts import with_sentence_texts

#: What makes a query FTS5 syntax rather than plain words.
FTS_OPERATORS = re.compile(
    r'["()^]|\*(?=\s|$)|(?<![\w-])(?:AND|OR|NOT|NEAR)(?![\w-])|\b(?:title|clean_text|text)\s*:'
)


def match_expression(query: str, fts: bool | None = None) -> str:
    """The FTS5 MATCH expression for a user's query: as given when ``fts`` is True (or None
    and the query holds FTS5 operators), else every word quoted, all required."""
    if fts or (fts is None and FTS_OPERATORS.search(query)):
        return query
    words = [w for w in query.split() if re.search(r"\w", w)]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


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

    def search(self, query: str, limit: int = 10, fts: bool | None = None) -> list[SearchHit]:
        """Full-text search over clean text: plain words, or FTS5 syntax (see the module)."""
        return self._best_documents(query, fts, limit, ("[", "]"), 12)

    def count_matches(self, query: str, fts: bool | None = None) -> int:
        """How many documents ``search`` would find with no limit."""
        rows = self._fts(
            "SELECT COUNT(*) FROM documents_fts WHERE documents_fts MATCH ?",
            (match_expression(query, fts),),
            query,
        )
        return int(rows[0][0])

    def search_sentences(
        self, query: str, limit: int = 50, fts: bool | None = True
    ) -> list[SentenceHit]:
        """Sentences matching ``query`` (FTS5 syntax by default: ``ask`` builds its queries).

        The index is contentless (schema.MIGRATION_7): the best ``limit`` are ranked first,
        then only their text is cut from their documents, not that of every match."""
        ranked = self._fts(
            "SELECT rowid, bm25(sentences_fts) AS rank FROM sentences_fts"
            " WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?",
            (match_expression(query, fts), limit),
            query,
        )
        if not ranked:
            return []
        marks = ",".join("?" * len(ranked))
        rows = self.db.execute(
            f"SELECT s.rowid, s.doc_id, s.idx, s.start, s.end, s.text"
            f" FROM sentences s WHERE s.rowid IN ({marks})",
            [rowid for rowid, _ in ranked],
        ).fetchall()
        # a sentence kept as its span is cut here, each document's text inflated once
        texts = with_sentence_texts(self.db, [(r[1], r[3], r[4], r[5]) for r in rows])
        found = {r[0]: (*r[:5], text) for r, text in zip(rows, texts, strict=True)}
        return [
            SentenceHit(r[1], r[2], r[3], r[4], r[5], -rank)
            for rowid, rank in ranked
            if (r := found.get(rowid))
        ]

    def search_marked(
        self,
        query: str,
        limit: int = 20,
        marks: tuple[str, str] = ("\x02", "\x03"),
        fts: bool | None = None,
    ) -> list[SearchHit]:
        """``search`` with caller-chosen match markers, so a page can tell a marker from a
        bracket that is really in the text."""
        return self._best_documents(query, fts, limit, marks, 16)

    def _best_documents(
        self, query: str, fts: bool | None, limit: int, marks: tuple[str, str], tokens: int
    ) -> list[SearchHit]:
        """The best ``limit`` documents, best first, each with a snippet of about ``tokens``
        words, its matches between ``marks``. Ranked first, then only their snippets are cut:
        SQLite cut one for every match that was among the best so far as it went (a common
        word in a thousand-document store: 49 snippets for 20 of 134 matches, eight times the
        ranking's time). The second query matches once and keeps the ranked rows (``+``: a
        rowid constraint the full-text index took ran the match again for each of them)."""
        match = match_expression(query, fts)
        ranked = self._fts(
            "SELECT documents_fts.rowid, bm25(documents_fts) AS rank FROM documents_fts"
            " JOIN documents d ON d.rowid = documents_fts.rowid"
            " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
            query,
        )
        if not ranked:
            return []
        rowids = ",".join(f"?{n}" for n in range(5, 5 + len(ranked)))
        rows = self._fts(
            "SELECT documents_fts.rowid, d.id, d.title,"
            " snippet(documents_fts, 1, ?2, ?3, ' … ', ?4) FROM documents_fts"
            " CROSS JOIN documents d ON d.rowid = documents_fts.rowid"  # the match once
            f" WHERE documents_fts MATCH ?1 AND +documents_fts.rowid IN ({rowids})",
            (match, *marks, tokens, *(rowid for rowid, _ in ranked)),
            query,
        )
        found = {r[0]: r[1:] for r in rows}
        return [
            SearchHit(doc_id=found[rowid][0], title=found[rowid][1], snippet=found[rowid][2],
                      score=-rank)
            for rowid, rank in ranked
            if rowid in found
        ]  # fmt: skip

    def sentence_frequencies(self, queries: Sequence[str]) -> dict[str, int]:
        """How many sentences match each FTS5 query (the caller quotes user words)."""
        counts = {}
        for query in dict.fromkeys(queries):
            rows = self._fts(
                "SELECT COUNT(*) FROM sentences_fts WHERE sentences_fts MATCH ?", (query,), query
            )
            counts[query] = int(rows[0][0])
        return counts

    def _fts(self, sql: str, params: tuple[object, ...], query: str) -> list[tuple]:
        """Run an FTS5 query (``params[0]`` the MATCH expression made of ``query``)."""
        if not query.strip():
            raise QueryError("empty search query")
        if not str(params[0]).strip():
            raise QueryError(f"no words to search for in {query!r}")
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.OperationalError as error:
            raise QueryError(
                f'malformed search query {query!r} ({error}); use words, "quoted phrases",'
                " AND / OR / NOT, or a trailing * for prefixes"
            ) from None
