"""The store's tables (documents, analyses, sentences, corpus items, runs, skipped inputs,
with FTS5 indexes kept in step by triggers) as registered migrations, and the function that
applies the ones a store has not run yet (``PRAGMA user_version`` says how many ran).
"""

from __future__ import annotations

import sqlite3

from storyline.errors import StoreError

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

# A skipped line may stand for many records of one input (issue 19): how many, and where the
# first of them were (a JSON list of sources).
MIGRATION_2 = """
        ALTER TABLE skipped ADD COLUMN count INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE skipped ADD COLUMN examples TEXT NOT NULL DEFAULT '[]';
"""

#: Registered migrations (SQL scripts), applied in order inside one transaction each.
#: Never edit one that has shipped: append a new one.
MIGRATIONS: list[str] = [MIGRATION_1, MIGRATION_2]


def migrate(db: sqlite3.Connection, path: str) -> None:
    """Apply the migrations ``db`` has not run, each in one transaction; refuse a newer store."""
    current = db.execute("PRAGMA user_version").fetchone()[0]
    if current > len(MIGRATIONS):
        raise StoreError(
            f"{path}: store schema v{current} is newer than this storyline "
            f"(v{len(MIGRATIONS)}); upgrade storyline"
        )
    for number, script in enumerate(MIGRATIONS[current:], start=current + 1):
        try:
            db.executescript(
                f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;"
            )
        except sqlite3.Error:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
