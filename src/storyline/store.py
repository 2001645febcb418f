"""The store: one SQLite file (WAL), the only module that speaks SQL.

Documents are upserted by content hash, so re-ingesting an article is a no-op; every multi-row
write sits in one transaction, so a crash leaves the store as it was before the write.
Migrations are plain functions registered in order; ``PRAGMA user_version`` says how many ran.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from storyline.errors import QueryError, StoreError
from storyline.models import Document, DocumentAnalysis, Skipped

Model = TypeVar("Model", bound=BaseModel)
_DOC_COLUMNS = "id, source, raw_text, clean_text, data"


MIGRATION_1 = """
        CREATE TABLE documents (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            source_kind TEXT NOT NULL,
            title TEXT,
            published TEXT,
            raw_text TEXT NOT NULL,
            clean_text TEXT NOT NULL,
            data TEXT NOT NULL,
            added_at TEXT NOT NULL
        );
        CREATE INDEX documents_published ON documents(published);
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, clean_text, content='documents', content_rowid='rowid',
            tokenize='porter unicode61'
        );
        CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, title, clean_text)
            VALUES (new.rowid, new.title, new.clean_text);
        END;
        CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, clean_text)
            VALUES ('delete', old.rowid, old.title, old.clean_text);
        END;
        CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, clean_text)
            VALUES ('delete', old.rowid, old.title, old.clean_text);
            INSERT INTO documents_fts(rowid, title, clean_text)
            VALUES (new.rowid, new.title, new.clean_text);
        END;
        CREATE TABLE analyses (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            version TEXT NOT NULL,
            data TEXT NOT NULL
        );
        CREATE TABLE sentences (
            rowid INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            UNIQUE (doc_id, idx)
        );
        CREATE VIRTUAL TABLE sentences_fts USING fts5(
            text, content='sentences', content_rowid='rowid', tokenize='porter unicode61'
        );
        CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
            INSERT INTO sentences_fts(rowid, text) VALUES (new.rowid, new.text);
        END;
        CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
            INSERT INTO sentences_fts(sentences_fts, rowid, text)
            VALUES ('delete', old.rowid, old.text);
        END;
        CREATE TABLE corpus_items (
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            sort_key TEXT,
            data TEXT NOT NULL,
            PRIMARY KEY (kind, id)
        );
        CREATE INDEX corpus_items_sort ON corpus_items(kind, sort_key);
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            inputs TEXT NOT NULL,
            added INTEGER DEFAULT 0,
            unchanged INTEGER DEFAULT 0,
            skipped INTEGER DEFAULT 0
        );
        CREATE TABLE skipped (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            reason TEXT NOT NULL
        );
"""

#: Registered migrations (SQL scripts), applied in order inside one transaction each.
#: Never edit one that has shipped: append a new one.
MIGRATIONS: list[str] = [MIGRATION_1]


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


@dataclass
class AddResult:
    """What ``add_documents`` did with each document, by id."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: dict[str, str] = field(default_factory=dict)  # incoming source → stored id


class Store:
    """A storyline store on one SQLite file (or ``:memory:``)."""

    def __init__(self, path: str | Path = ":memory:") -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA busy_timeout = 10000")
            if self.path != ":memory:":
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: not a usable storyline store ({error})") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------------
    def _migrate(self) -> None:
        current = self.db.execute("PRAGMA user_version").fetchone()[0]
        if current > len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: store schema v{current} is newer than this storyline "
                f"(v{len(MIGRATIONS)}); upgrade storyline"
            )
        for number, script in enumerate(MIGRATIONS[current:], start=current + 1):
            try:
                self.db.executescript(
                    f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;"
                )
            except sqlite3.Error:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing: commit when the block ends, roll back if it raises."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- documents ------------------------------------------------------------------------
    def add_documents(self, docs: Iterable[Document]) -> AddResult:
        """Upsert documents in one transaction (see ``AddResult`` for what happens to each)."""
        result = AddResult()
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.transaction() as db:
            for doc in docs:
                same_text = db.execute(
                    "SELECT id FROM documents WHERE content_hash = ?", (doc.content_hash,)
                ).fetchone()
                if same_text:
                    if same_text[0] == doc.id:
                        result.unchanged.append(doc.id)
                    else:
                        result.duplicates[doc.source] = same_text[0]
                    continue
                same_id = db.execute(
                    "SELECT source FROM documents WHERE id = ?", (doc.id,)
                ).fetchone()
                if same_id and same_id[0] == doc.source:
                    db.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
                    self._insert(doc, now)
                    result.updated.append(doc.id)
                    continue
                if same_id:  # another input with the same stem: keep both, disambiguated
                    doc = doc.model_copy(update={"id": self._free_id(doc)})
                self._insert(doc, now)
                result.added.append(doc.id)
        return result

    def _free_id(self, doc: Document) -> str:
        for length in range(6, len(doc.content_hash) + 1):
            candidate = f"{doc.id}-{doc.content_hash[:length]}"
            if not self.db.execute("SELECT 1 FROM documents WHERE id = ?", (candidate,)).fetchone():
                return candidate
        raise StoreError(f"cannot find a free id for {doc.source}")  # needs a hash collision

    def _insert(self, doc: Document, now: str) -> None:
        data = doc.model_dump_json(exclude={"raw_text", "text"})
        self.db.execute(
            "INSERT INTO documents (id, content_hash, source, source_kind, title, published,"
            " raw_text, clean_text, data, added_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                doc.id,
                doc.content_hash,
                doc.source,
                doc.source_kind,
                doc.title,
                doc.published,
                doc.raw_text,
                doc.text,
                data,
                now,
            ),
        )

    def documents(self, ids: Sequence[str] | None = None) -> list[Document]:
        """Stored documents in id order (all of them, or those in ``ids``)."""
        return list(self.iter_documents(ids))

    def iter_documents(self, ids: Sequence[str] | None = None) -> Iterator[Document]:
        if ids is None:
            rows = self.db.execute(f"SELECT {_DOC_COLUMNS} FROM documents ORDER BY id")
        else:
            marks = ",".join("?" * len(ids))
            rows = self.db.execute(
                f"SELECT {_DOC_COLUMNS} FROM documents WHERE id IN ({marks}) ORDER BY id",
                list(ids),
            )
        for _id, _source, raw, clean, data in rows:
            yield Document.model_validate({**json.loads(data), "raw_text": raw, "text": clean})

    def document(self, doc_id: str) -> Document | None:
        found = self.documents([doc_id])
        return found[0] if found else None

    def document_ids(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT id FROM documents ORDER BY id")]

    def count_documents(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    # -- per-document analyses -------------------------------------------------------------
    def ids_needing_analysis(self, version: str) -> list[str]:
        rows = self.db.execute(
            "SELECT d.id FROM documents d LEFT JOIN analyses a ON a.doc_id = d.id"
            " WHERE a.version IS NULL OR a.version != ? ORDER BY d.id",
            (version,),
        )
        return [row[0] for row in rows]

    def save_analyses(self, analyses: Iterable[DocumentAnalysis]) -> None:
        """Store analyses and their sentences (for ``ask``) in one transaction."""
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

    def analyses(self, ids: Sequence[str] | None = None) -> list[DocumentAnalysis]:
        if ids is None:
            rows = self.db.execute("SELECT data FROM analyses ORDER BY doc_id")
        else:
            marks = ",".join("?" * len(ids))
            rows = self.db.execute(
                f"SELECT data FROM analyses WHERE doc_id IN ({marks}) ORDER BY doc_id", list(ids)
            )
        return [DocumentAnalysis.model_validate_json(row[0]) for row in rows]

    # -- cross-document results ------------------------------------------------------------
    def replace_corpus(self, items: dict[str, Sequence[tuple[str, str | None, BaseModel]]]) -> None:
        """Replace every kind named in ``items`` at once: (id, sort_key, model) per row."""
        with self.transaction() as db:
            for kind, rows in items.items():
                db.execute("DELETE FROM corpus_items WHERE kind = ?", (kind,))
                db.executemany(
                    "INSERT INTO corpus_items (kind, id, sort_key, data) VALUES (?,?,?,?)",
                    [(kind, id_, key, model.model_dump_json()) for id_, key, model in rows],
                )

    def corpus(self, kind: str, model: type[Model]) -> list[Model]:
        rows = self.db.execute(
            "SELECT data FROM corpus_items WHERE kind = ? ORDER BY sort_key, id", (kind,)
        )
        return [model.model_validate_json(row[0]) for row in rows]

    # -- runs and skipped inputs -----------------------------------------------------------
    def start_run(self, inputs: Sequence[str]) -> int:
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO runs (started_at, inputs) VALUES (?, ?)",
                (datetime.now(UTC).isoformat(timespec="seconds"), json.dumps(list(inputs))),
            )
        return int(cursor.lastrowid)

    def finish_run(self, run_id: int, added: int, unchanged: int, skipped: list[Skipped]) -> None:
        with self.transaction() as db:
            db.executemany(
                "INSERT INTO skipped (run_id, source, reason) VALUES (?,?,?)",
                [(run_id, s.source, s.reason) for s in skipped],
            )
            db.execute(
                "UPDATE runs SET finished_at = ?, added = ?, unchanged = ?, skipped = ?"
                " WHERE id = ?",
                (
                    datetime.now(UTC).isoformat(timespec="seconds"),
                    added,
                    unchanged,
                    len(skipped),
                    run_id,
                ),
            )

    def last_skipped(self) -> list[Skipped]:
        """Inputs skipped by the most recent finished run."""
        rows = self.db.execute(
            "SELECT source, reason FROM skipped WHERE run_id ="
            " (SELECT MAX(id) FROM runs WHERE finished_at IS NOT NULL) ORDER BY rowid"
        )
        return [Skipped(source=s, reason=r) for s, r in rows]

    # -- search ----------------------------------------------------------------------------
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

    # -- web --
    def data_version(self) -> int:
        """Changes whenever another connection commits (``PRAGMA data_version``): a cache key
        that lets the web app keep one parsed copy of the corpus until a build writes."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def document_headers(self) -> list[dict[str, object]]:
        """Every document's listing fields and the first 200 characters of its clean text."""
        rows = self.db.execute(
            "SELECT id, title, published, source, source_kind, json_extract(data, '$.url'),"
            " json_extract(data, '$.date_source'), length(clean_text), added_at,"
            " substr(clean_text, 1, 200) FROM documents ORDER BY id"
        )
        keys = ("id", "title", "published", "source", "source_kind", "url", "date_source")
        return [
            {
                **dict(zip(keys, row[:7], strict=True)),
                "chars": row[7],
                "added_at": row[8],
                "lead": row[9],
            }
            for row in rows
        ]

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

    # -- ask -------------------------------------------------------------------------------
    def count_sentences(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM sentences").fetchone()[0]

    def sentence_frequencies(self, queries: Sequence[str]) -> dict[str, int]:
        """How many sentences match each FTS5 query (the caller quotes user words)."""
        counts = {}
        for query in dict.fromkeys(queries):
            rows = self._fts(
                "SELECT COUNT(*) FROM sentences_fts WHERE sentences_fts MATCH ?", (query,)
            )
            counts[query] = int(rows[0][0])
        return counts

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
