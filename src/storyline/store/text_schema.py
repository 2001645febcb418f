"""The documents' texts as the store keeps them (issue 18, the store on disk): deflated, and
every SQL reader of a text reads it through ``document_text(column)`` (``codec.register``).

The document's other fields (``data``, JSON) are deflated too, with a preset dictionary
(``codec.DICTIONARIES["document"]``), and read in SQL through ``unpacked``.

The raw and clean texts were the store's biggest table (``documents``: 54.9 MB, 2.4 × the raw
text, of a 9,022-document store), kept as plain TEXT so that SQL could cut sentences and
snippets out of them. News prose deflates about threefold, and the cuts read as before through
``document_text``, which inflates a BLOB (and keeps the last few, since one document's
sentences or an entity's mentions are cut one after another) and reads TEXT, an older row or
one written by SQL, as written. A raw text that is the clean text stays an empty BLOB
(``documents.RAW_TEXT``, migration 8); a deflated text is never empty, so the two cannot be
confused. Any other raw text is deflated with its clean text as the preset dictionary
(migration 28, ``codec.packed_against``): the clean text is most of it (a page's paragraphs, a
record's body), and the raw texts of a 9,022-document store took 8.29 MB deflated alone, 0.63
MB so. SQL reads a raw text through ``document_raw_text(raw_text, clean_text)``.

The full-text index over documents read its text from ``documents`` (external content) to cut
snippets: it reads it from the view ``document_texts`` now, which inflates. Its index holds
the same tokens under the same rowids, so ranks, ties and snippets stay as they were.

Migrations 22 and 24, in the same vein, deflate a figure's row and a document's kept named
mentions and resolved events with preset dictionaries, and 23 keeps an analysis's sentences as
spans of its document's text (``analysis_spans``).
"""

from __future__ import annotations

#: A document's clean text as text, ``{d}`` the documents table's name or alias.
CLEAN_TEXT = "document_text({d}.clean_text)"

#: The text of the stored sentence ``{s}``: its own where it holds one, else its span of its
#: document's clean text (schema.MIGRATION_7; SQLite's substr counts characters from 1).
SENTENCE_TEXT = (
    "coalesce({s}.text, (SELECT substr(document_text(d.clean_text), {s}.start + 1,"
    " {s}.end - {s}.start) FROM documents d WHERE d.id = {s}.doc_id))"
)

_LISTING_ROW = f"""\
            INSERT OR REPLACE INTO document_listing
                (doc_id, title, published, source, source_kind, url, date_source, chars,
                 added_at, lead)
            VALUES (new.id, new.title, new.published, new.source, new.source_kind,
                json_extract(unpacked(new.data), '$.url'),
                json_extract(unpacked(new.data), '$.date_source'),
                length({CLEAN_TEXT.format(d="new")}), new.added_at,
                substr({CLEAN_TEXT.format(d="new")}, 1, 200));
"""

# A raw text that is the clean text is kept once (store/documents.py, RAW_TEXT): an older
# store's are marked so in place. Only ``raw_text`` changes: the text index and the sentences
# follow ``title`` and ``clean_text`` alone.
MIGRATION_8 = """
        UPDATE documents SET raw_text = X'' WHERE typeof(raw_text) = 'text'
            AND raw_text = clean_text;
"""

# Every trigger that read a text is made again to read it through ``document_text``, before
# the texts are deflated (an UPDATE of the texts fires none of the old ones: the listing rows,
# the sentences and their index stay as they are). The document index is made again over the
# view and rebuilt from it: the same tokens, rowids and sizes as before. Run again over its own
# result (a test that takes a store back to an earlier version), it leaves the store as it was.
MIGRATION_21 = f"""
        DROP TRIGGER documents_ai;
        DROP TRIGGER documents_ad;
        DROP TRIGGER documents_au;
        DROP TRIGGER document_listing_ai;
        DROP TRIGGER document_listing_au;
        DROP TRIGGER documents_sentences_bu;
        DROP TRIGGER sentences_ai;
        DROP TRIGGER sentences_ad;
        DROP TABLE documents_fts;
        UPDATE documents SET
            raw_text = CASE WHEN typeof(raw_text) = 'text' THEN packed(raw_text)
                ELSE raw_text END,
            clean_text = CASE WHEN typeof(clean_text) = 'text' THEN packed(clean_text)
                ELSE clean_text END,
            data = CASE WHEN typeof(data) = 'text' THEN packed(data, 'document') ELSE data END;
        CREATE VIEW IF NOT EXISTS document_texts AS
            SELECT rowid, title, {CLEAN_TEXT.format(d="documents")} AS clean_text FROM documents;
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, clean_text, content='document_texts', content_rowid='rowid',
            tokenize='porter unicode61'
        );
        INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
        CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts (rowid, title, clean_text)
            VALUES (new.rowid, new.title, {CLEAN_TEXT.format(d="new")});
        END;
        CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts (documents_fts, rowid, title, clean_text)
            VALUES ('delete', old.rowid, old.title, {CLEAN_TEXT.format(d="old")});
        END;
        CREATE TRIGGER documents_au AFTER UPDATE OF title, clean_text ON documents BEGIN
            INSERT INTO documents_fts (documents_fts, rowid, title, clean_text)
            VALUES ('delete', old.rowid, old.title, {CLEAN_TEXT.format(d="old")});
            INSERT INTO documents_fts (rowid, title, clean_text)
            VALUES (new.rowid, new.title, {CLEAN_TEXT.format(d="new")});
        END;
        CREATE TRIGGER document_listing_ai AFTER INSERT ON documents BEGIN
{_LISTING_ROW}        END;
        CREATE TRIGGER document_listing_au AFTER UPDATE ON documents BEGIN
            DELETE FROM document_listing WHERE doc_id = old.id;
{_LISTING_ROW}        END;
        CREATE TRIGGER documents_sentences_bu BEFORE UPDATE OF clean_text ON documents
        WHEN {CLEAN_TEXT.format(d="new")} IS NOT {CLEAN_TEXT.format(d="old")} BEGIN
            DELETE FROM sentences WHERE doc_id = old.id;
        END;
        CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
            INSERT INTO sentences_fts (rowid, text)
            VALUES (new.rowid, {SENTENCE_TEXT.format(s="new")});
        END;
        CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
            INSERT INTO sentences_fts (sentences_fts, rowid, text)
            VALUES ('delete', old.rowid, {SENTENCE_TEXT.format(s="old")});
        END;
"""

# A figure's row is deflated with a preset dictionary (``codec.DICTIONARIES["figure"]``): the
# rows are too small for deflate to find their own field names (``figures``: 24.4 MB of a
# 9,022-document store, 340 bytes a row deflated alone, 230 primed). An older store's rows
# are deflated again so; each row names its dictionary, so any row reads as it did.
MIGRATION_22 = """
        UPDATE figures SET data = packed(unpacked(data), 'figure');
"""

# An analysis's sentences that are spans of its document's clean text are kept as such
# (store/analysis_spans.py): an older store's analyses are rewritten so in place. Their
# digests stay: the analyses read back the same, so the products kept under them stay valid.
MIGRATION_23 = """
        UPDATE analyses SET data = spanned_analysis(data,
            (SELECT d.clean_text FROM documents d WHERE d.id = analyses.doc_id));
"""

# A document's kept named mentions and resolved events are deflated with the dictionaries of
# their rows (``kept.DICTIONARY``): an older store's are rewritten so in place.
MIGRATION_24 = """
        UPDATE named_mentions SET data = packed(unpacked(data), 'mention');
        UPDATE resolved_events SET data = packed(unpacked(data), 'event');
"""

#: The text of the sentence span ``{s}`` (a row of ``sentence_spans``, migration 28): its own
#: where it holds one, else its span of its document's clean text.
_SPAN_TEXT = (
    "coalesce({s}.text, (SELECT substr(document_text(d.clean_text), {s}.start + 1,"
    " {s}.end - {s}.start) FROM documents d WHERE d.rowid = {s}.doc))"
)

# Migration 28, in one transaction: a raw text that is not the clean text is deflated against
# it (``codec.packed_against``): the clean text is most of it, so an older store's are
# deflated again so, in place. Only ``raw_text`` changes: the text index and every span stay
# as they are (the listing row's trigger writes the same row again).
#
# And the sentence index keys a sentence's document by the document's rowid (``documents``'
# ``INTEGER PRIMARY KEY``, which VACUUM never renumbers), not by a copy of its id: the table
# and its (document id, index) key took 10.1 MB for 190,475 sentences of a 9,022-document
# store, ``sentence_spans`` and its (document, index) key 6.2 MB. ``sentences`` is a view of
# it with the columns it had (the document's id joined back), so every reader reads what it
# read; writes through it go to the table (INSTEAD OF triggers), and the text index follows
# the table by its rowids, kept as they were, so ranks and ties stay equal. A document's
# sentences still go before it changes or goes (the contentless index forgets a row given its
# text).
MIGRATION_28 = f"""
        UPDATE documents SET raw_text = packed_against(document_raw_text(raw_text, clean_text),
            document_text(clean_text))
        WHERE raw_text != X'';
        DROP TRIGGER sentences_ai;
        DROP TRIGGER sentences_ad;
        DROP TRIGGER documents_sentences_bd;
        DROP TRIGGER documents_sentences_bu;
        CREATE TABLE sentence_spans (
            rowid INTEGER PRIMARY KEY,
            doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT,
            UNIQUE (doc, idx)
        );
        INSERT INTO sentence_spans (rowid, doc, idx, start, end, text)
        SELECT s.rowid, d.rowid, s.idx, s.start, s.end, s.text
        FROM sentences s JOIN documents d ON d.id = s.doc_id ORDER BY s.rowid;
        DROP TABLE sentences;
        CREATE VIEW sentences AS
            SELECT s.rowid AS rowid, d.id AS doc_id, s.idx AS idx, s.start AS start,
                s.end AS end, s.text AS text
            FROM sentence_spans s JOIN documents d ON d.rowid = s.doc;
        CREATE TRIGGER sentences_insert INSTEAD OF INSERT ON sentences BEGIN
            INSERT INTO sentence_spans (doc, idx, start, end, text)
            VALUES ((SELECT d.rowid FROM documents d WHERE d.id = new.doc_id), new.idx,
                new.start, new.end, new.text);
        END;
        CREATE TRIGGER sentences_delete INSTEAD OF DELETE ON sentences BEGIN
            DELETE FROM sentence_spans WHERE rowid = old.rowid;
        END;
        CREATE TRIGGER sentence_spans_ai AFTER INSERT ON sentence_spans BEGIN
            INSERT INTO sentences_fts (rowid, text)
            VALUES (new.rowid, {_SPAN_TEXT.format(s="new")});
        END;
        CREATE TRIGGER sentence_spans_ad AFTER DELETE ON sentence_spans BEGIN
            INSERT INTO sentences_fts (sentences_fts, rowid, text)
            VALUES ('delete', old.rowid, {_SPAN_TEXT.format(s="old")});
        END;
        CREATE TRIGGER documents_sentences_bd BEFORE DELETE ON documents BEGIN
            DELETE FROM sentence_spans WHERE doc = old.rowid;
        END;
        CREATE TRIGGER documents_sentences_bu BEFORE UPDATE OF clean_text ON documents
        WHEN {CLEAN_TEXT.format(d="new")} IS NOT {CLEAN_TEXT.format(d="old")} BEGIN
            DELETE FROM sentence_spans WHERE doc = old.rowid;
        END;
"""
