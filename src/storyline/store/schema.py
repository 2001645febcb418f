"""The store's tables (documents, analyses, sentences, corpus items, runs, skipped inputs,
with FTS5 indexes kept in step by triggers) as registered migrations, and the function that
applies the ones a store has not run yet (``PRAGMA user_version`` says how many ran). The
tables of the products kept between builds are written in ``kept_schema``.
"""

from __future__ import annotations

import sqlite3

from storyline.errors import StoreError
from storyline.store.kept_schema import (
    MIGRATION_9,
    MIGRATION_10,
    MIGRATION_11,
    MIGRATION_13,
    MIGRATION_14,
    MIGRATION_15,
    MIGRATION_16,
    MIGRATION_17,
    MIGRATION_18,
    MIGRATION_19,
    MIGRATION_25,
    MIGRATION_26,
)
from storyline.store.listing_schema import MIGRATION_27
from storyline.store.text_schema import MIGRATION_21, MIGRATION_22, MIGRATION_23, MIGRATION_24

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

# Builds of what was added from the browser wait in the store (issue 19), so a restart loses
# none: ``request`` holds the inputs (JSON), ``record`` what the job shows (JSON).
MIGRATION_3 = """
        CREATE TABLE jobs (
            id TEXT PRIMARY KEY,
            state TEXT NOT NULL,
            created_at TEXT NOT NULL,
            started_at TEXT,
            finished_at TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            request TEXT NOT NULL,
            record TEXT NOT NULL
        );
        CREATE INDEX jobs_state ON jobs(state, created_at);
"""

# Indexes over the stored view for paged reads (issue 19; filled by store/listing.py), and
# every figure by id (the figures page needs them without reading every analysis).
MIGRATION_4 = """
        CREATE TABLE listing_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE figures (
            id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            data TEXT NOT NULL
        );
        CREATE INDEX figures_doc ON figures(doc_id);
        CREATE TABLE doc_rank (
            doc_id TEXT PRIMARY KEY, score REAL, rank INTEGER NOT NULL, story_id TEXT
        );
        CREATE INDEX doc_rank_rank ON doc_rank(rank);
        CREATE TABLE entity_index (
            id TEXT PRIMARY KEY, type TEXT, name TEXT NOT NULL, names TEXT NOT NULL,
            mentions INTEGER NOT NULL, documents INTEGER NOT NULL, position INTEGER NOT NULL
        );
        CREATE INDEX entity_index_rank ON entity_index(mentions DESC, name, id);
        CREATE INDEX entity_index_type ON entity_index(type, mentions DESC, name, id);
        CREATE TABLE entity_sentences (
            entity_id TEXT NOT NULL, doc_id TEXT NOT NULL, sentence_start INTEGER NOT NULL,
            PRIMARY KEY (entity_id, doc_id, sentence_start)
        ) WITHOUT ROWID;
        CREATE INDEX entity_sentences_at ON entity_sentences(doc_id, sentence_start);
        CREATE TABLE event_actors (
            event_id TEXT NOT NULL, entity_id TEXT NOT NULL, position INTEGER NOT NULL,
            PRIMARY KEY (event_id, entity_id)
        ) WITHOUT ROWID;
        CREATE INDEX event_actors_entity ON event_actors(entity_id, position);
        CREATE TABLE event_documents (
            event_id TEXT NOT NULL, doc_id TEXT NOT NULL, PRIMARY KEY (event_id, doc_id)
        ) WITHOUT ROWID;
        CREATE INDEX event_documents_doc ON event_documents(doc_id);
        CREATE TABLE event_mentions (
            mention_id TEXT PRIMARY KEY, event_id TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE timeline_index (
            position INTEGER PRIMARY KEY, event_id TEXT NOT NULL, item_id TEXT NOT NULL,
            date TEXT, last TEXT, type TEXT
        );
        CREATE INDEX timeline_index_event ON timeline_index(event_id);
        CREATE INDEX timeline_index_type ON timeline_index(type, position);
        CREATE TABLE story_documents (
            story_id TEXT NOT NULL, doc_id TEXT NOT NULL, story_position INTEGER NOT NULL,
            PRIMARY KEY (story_id, doc_id)
        ) WITHOUT ROWID;
        CREATE INDEX story_documents_doc ON story_documents(doc_id);
        CREATE TABLE story_events (
            story_id TEXT NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (story_id, event_id)
        ) WITHOUT ROWID;
        CREATE TABLE figure_group_index (
            id TEXT PRIMARY KEY, status TEXT, figures INTEGER NOT NULL, rank INTEGER NOT NULL
        );
        CREATE INDEX figure_group_rank ON figure_group_index(rank);
        CREATE TABLE figure_members (
            figure_id TEXT NOT NULL, group_id TEXT NOT NULL, PRIMARY KEY (figure_id, group_id)
        ) WITHOUT ROWID;
        CREATE TABLE figure_group_documents (
            group_id TEXT NOT NULL, doc_id TEXT NOT NULL, PRIMARY KEY (group_id, doc_id)
        ) WITHOUT ROWID;
        CREATE INDEX figure_group_documents_doc ON figure_group_documents(doc_id);
        CREATE TABLE duplicate_members (
            doc_id TEXT PRIMARY KEY, canonical TEXT NOT NULL
        ) WITHOUT ROWID;
"""

# An entity's listing row (the entity without its mentions, as JSON), how many mentions it
# holds, and its mentions one row each (issue 19, load): a list of entities or a page of one
# entity's mentions reads those, not the few MB of JSON of a much named entity (filled by
# store/listing.py). A running job's lease (until when its server vouches for it): a job is
# taken over only when its lease ran out, so several server processes can share the queue.
MIGRATION_5 = """
        ALTER TABLE entity_index ADD COLUMN row TEXT;
        ALTER TABLE entity_index ADD COLUMN mention_rows INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE entity_mentions (
            entity_id TEXT NOT NULL, position INTEGER NOT NULL, data TEXT NOT NULL,
            PRIMARY KEY (entity_id, position)
        ) WITHOUT ROWID;
        ALTER TABLE jobs ADD COLUMN lease_until TEXT;
"""

# What a list of documents shows, one narrow row per document (issue 19, load): SQLite reads
# a row's columns in order, so the length and opening of a document's text, or a column after
# its text, cost reading the whole text (and its JSON) from its overflow pages: a quarter of a
# document listing's time on a 3,000-document store. Kept by triggers, so every way a document
# is written keeps its row; filled here for the documents an older store holds. The text
# index's update trigger now fires only when what it indexes changes. A list's preview of
# each big item (its id lists cut to their first few, and their full lengths: filled by
# store/listing.py), so a page of story cards or of an entity's events parses only what it shows.
_LISTING_ROW = """\
            INSERT OR REPLACE INTO document_listing
                (doc_id, title, published, source, source_kind, url, date_source, chars,
                 added_at, lead)
            VALUES (new.id, new.title, new.published, new.source, new.source_kind,
                json_extract(new.data, '$.url'), json_extract(new.data, '$.date_source'),
                length(new.clean_text), new.added_at, substr(new.clean_text, 1, 200));
"""
MIGRATION_6 = f"""
        CREATE TABLE document_listing (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            title TEXT, published TEXT, source TEXT NOT NULL, source_kind TEXT NOT NULL,
            url TEXT, date_source TEXT, chars INTEGER NOT NULL, added_at TEXT NOT NULL,
            lead TEXT NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO document_listing
            (doc_id, title, published, source, source_kind, url, date_source, chars, added_at,
             lead)
        SELECT id, title, published, source, source_kind, json_extract(data, '$.url'),
            json_extract(data, '$.date_source'), length(clean_text), added_at,
            substr(clean_text, 1, 200)
        FROM documents;
        CREATE TRIGGER document_listing_ai AFTER INSERT ON documents BEGIN
{_LISTING_ROW}        END;
        CREATE TRIGGER document_listing_au AFTER UPDATE ON documents BEGIN
            DELETE FROM document_listing WHERE doc_id = old.id;
{_LISTING_ROW}        END;
        CREATE TABLE item_previews (
            kind TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, totals TEXT NOT NULL,
            PRIMARY KEY (kind, id)
        ) WITHOUT ROWID;
        DROP TRIGGER documents_au;
        CREATE TRIGGER documents_au AFTER UPDATE OF title, clean_text ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, clean_text)
            VALUES ('delete', old.rowid, old.title, old.clean_text);
            INSERT INTO documents_fts(rowid, title, clean_text)
            VALUES (new.rowid, new.title, new.clean_text);
        END;
"""

# The sentence index holds each sentence once (issue 18, store on disk): a sentence is a span
# of its document's clean text, so ``sentences`` keeps (doc, index, start, end) and its text
# only where it is not that span (NULL otherwise: none a build writes), and ``sentences_fts``
# is contentless, its tokens what the triggers hand it. The sentences held the text a third
# time (after the document's clean text and its analysis) for the index alone. A contentless
# index forgets a row only when told the text it indexed ('delete'), read from the document,
# so a document's sentences go *before* it changes or goes (the BEFORE triggers; the foreign
# key's cascade would run after the document had gone). Rewritten in place, rowids kept, so
# ranks and ties of every search stay as they were.
SENTENCE_TEXT_V7 = (  # as migrations 7 and 20 read it; text_schema.SENTENCE_TEXT since 21
    "coalesce({s}.text, (SELECT substr(d.clean_text, {s}.start + 1, {s}.end - {s}.start)"
    " FROM documents d WHERE d.id = {s}.doc_id))"
)
MIGRATION_7 = f"""
        CREATE TABLE sentence_spans (
            rowid INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT,
            UNIQUE (doc_id, idx)
        );
        INSERT INTO sentence_spans (rowid, doc_id, idx, start, end, text)
        SELECT s.rowid, s.doc_id, s.idx, s.start, s.end, CASE WHEN s.text IS
            (SELECT substr(d.clean_text, s.start + 1, s.end - s.start) FROM documents d
             WHERE d.id = s.doc_id) THEN NULL ELSE s.text END
        FROM sentences s ORDER BY s.rowid;
        DROP TRIGGER sentences_ai;
        DROP TRIGGER sentences_ad;
        DROP TABLE sentences_fts;
        DROP TABLE sentences;
        ALTER TABLE sentence_spans RENAME TO sentences;
        CREATE VIRTUAL TABLE sentences_fts USING fts5(
            text, content='', tokenize='porter unicode61'
        );
        INSERT INTO sentences_fts (rowid, text)
        SELECT s.rowid, {SENTENCE_TEXT_V7.format(s="s")} FROM sentences s ORDER BY s.rowid;
        CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
            INSERT INTO sentences_fts (rowid, text)
            VALUES (new.rowid, {SENTENCE_TEXT_V7.format(s="new")});
        END;
        CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
            INSERT INTO sentences_fts (sentences_fts, rowid, text)
            VALUES ('delete', old.rowid, {SENTENCE_TEXT_V7.format(s="old")});
        END;
        CREATE TRIGGER documents_sentences_bd BEFORE DELETE ON documents BEGIN
            DELETE FROM sentences WHERE doc_id = old.id;
        END;
        CREATE TRIGGER documents_sentences_bu BEFORE UPDATE OF clean_text ON documents
        WHEN new.clean_text IS NOT old.clean_text BEGIN
            DELETE FROM sentences WHERE doc_id = old.id;
        END;
"""

# A raw text that is the clean text is kept once (store/documents.py, RAW_TEXT): an older
# store's are marked so in place. Only ``raw_text`` changes: the text index and the sentences
# follow ``title`` and ``clean_text`` alone.
MIGRATION_8 = """
        UPDATE documents SET raw_text = X'' WHERE typeof(raw_text) = 'text'
            AND raw_text = clean_text;
"""

# Each analysis' digest as a column, written when the analysis is saved (issue 18, incremental
# builds; store/candidates.py): the products kept between builds are keyed by it, and hashing
# every stored analysis at every build to name them read the whole table. An older store's
# rows are filled once here (``stored_digest``, registered on every connection: codec.py).
MIGRATION_12 = """
        ALTER TABLE analyses ADD COLUMN digest BLOB;
        UPDATE analyses SET digest = stored_digest(version, data);
"""

# Each time expression of each analysis as a row under (document, sentence start, its place in
# the analysis), for ``ask`` (store/told.py). An older store's rows are filled from its analyses
# here once; a build writes them with each analysis (``told.timex_rows``). The provenance's
# document id and its sentence, where that is the stored sentence starting there, are left out
# ('$.none' is a path no row holds: json_remove leaves the row as it is). A figure's row gets
# its sentence's start, indexed with its document (the index by document alone was its prefix).
MIGRATION_20 = f"""
        CREATE TABLE timexes (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            sentence_start INTEGER NOT NULL,
            position INTEGER NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (doc_id, sentence_start, position)
        ) WITHOUT ROWID;
        INSERT INTO timexes (doc_id, sentence_start, position, data)
        SELECT a.doc_id, json_extract(t.value, '$.provenance.sentence_start'), t.key,
            packed(json_remove(t.value,
                CASE WHEN json_extract(t.value, '$.provenance.doc_id') IS a.doc_id
                    THEN '$.provenance.doc_id' ELSE '$.none' END,
                CASE WHEN json_extract(t.value, '$.provenance.sentence') IS
                        (SELECT {SENTENCE_TEXT_V7.format(s="s")} FROM sentences s
                         WHERE s.doc_id = a.doc_id
                           AND s.start = json_extract(t.value, '$.provenance.sentence_start')
                         ORDER BY s.idx LIMIT 1)
                    THEN '$.provenance.sentence' ELSE '$.none' END), 'timex')
        FROM analyses a, json_each(unpacked(a.data), '$.timexes') t;
        ALTER TABLE figures ADD COLUMN sentence_start INTEGER;
        UPDATE figures SET sentence_start =
            json_extract(unpacked(data), '$.provenance.sentence_start');
        DROP INDEX figures_doc;
        CREATE INDEX figures_sentence ON figures(doc_id, sentence_start);
"""


#: Registered migrations (SQL scripts), applied in order inside one transaction each.
#: Never edit one that has shipped: append a new one.
MIGRATIONS: list[str] = [
    MIGRATION_1,
    MIGRATION_2,
    MIGRATION_3,
    MIGRATION_4,
    MIGRATION_5,
    MIGRATION_6,
    MIGRATION_7,
    MIGRATION_8,
    MIGRATION_9,
    MIGRATION_10,
    MIGRATION_11,
    MIGRATION_12,
    MIGRATION_13,
    MIGRATION_14,
    MIGRATION_15,
    MIGRATION_16,
    MIGRATION_17,
    MIGRATION_18,
    MIGRATION_19,
    MIGRATION_20,
    MIGRATION_21,
    MIGRATION_22,
    MIGRATION_23,
    MIGRATION_24,
    MIGRATION_25,
    MIGRATION_26,
    MIGRATION_27,
]


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
