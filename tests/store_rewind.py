"""Taking a store's entity listing tables back to their form before migration 27 (entity ids and
document ids as text, a row a mention, each entity's row again in ``entity_index``, the view's
rows deflated without a dictionary, each figure's row holding its sentence:
``store/listing_schema.py``, ``store/figure_spans.py``), for the tests that rewind
a store to an older schema and open it again (which runs migration 27 once more)."""

from __future__ import annotations

import sqlite3

from storyline.store.codec import packed
from storyline.store.listing_schema import MENTION_BLOCK, VIEW_DICTIONARIES
from storyline.store.span_texts import figure_jsons

_BEFORE_INTEGER_KEYS = """
ALTER TABLE {s}.entity_mentions RENAME TO entity_mentions_keyed;
CREATE TABLE {s}.entity_mentions (
    entity_id TEXT NOT NULL, position INTEGER NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (entity_id, position)
) WITHOUT ROWID;
INSERT INTO {s}.entity_mentions SELECT i.id, m.block * {block} + j.key, packed(j.value, 'mention')
FROM {s}.entity_mentions_keyed m JOIN {s}.entity_index i ON i.position = m.entity_key,
    json_each('[' || replace(unpacked(m.data), char(10), ',') || ']') j;
DROP TABLE {s}.entity_mentions_keyed;
DROP INDEX {s}.entity_sentences_at;
ALTER TABLE {s}.entity_sentences RENAME TO entity_sentences_keyed;
CREATE TABLE {s}.entity_sentences (
    entity_id TEXT NOT NULL, doc_id TEXT NOT NULL, sentence_start INTEGER NOT NULL,
    PRIMARY KEY (entity_id, doc_id, sentence_start)
) WITHOUT ROWID;
CREATE INDEX {s}.entity_sentences_at ON entity_sentences(doc_id, sentence_start);
INSERT INTO {s}.entity_sentences SELECT i.id, t.doc_id, t.start
FROM {s}.entity_sentences_keyed k JOIN {s}.entity_index i ON i.position = k.entity_key
JOIN {s}.sentences t ON t.rowid = k.sentence;
DROP TABLE {s}.entity_sentences_keyed;
ALTER TABLE {s}.entity_index RENAME TO entity_index_keyed;
DROP INDEX {s}.entity_index_rank;
DROP INDEX {s}.entity_index_type;
CREATE TABLE {s}.entity_index (
    id TEXT PRIMARY KEY, type TEXT, name TEXT NOT NULL, names TEXT NOT NULL,
    mentions INTEGER NOT NULL, documents INTEGER NOT NULL, position INTEGER NOT NULL,
    row TEXT, mention_rows INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX {s}.entity_index_rank ON entity_index(mentions DESC, name, id);
CREATE INDEX {s}.entity_index_type ON entity_index(type, mentions DESC, name, id);
INSERT INTO {s}.entity_index SELECT k.id, k.type, k.name, k.names, k.mentions, k.documents,
    k.position, json_remove(unpacked(c.data), '$.mentions'), k.mention_rows
FROM {s}.entity_index_keyed k JOIN {s}.corpus_items c ON c.kind = 'entity' AND c.id = k.id;
DROP TABLE {s}.entity_index_keyed;
CREATE INDEX {s}.doc_rank_rank ON doc_rank(rank);
UPDATE {s}.corpus_items SET data = packed(unpacked(data)) WHERE kind IN ({primed});
UPDATE {s}.item_previews SET data = packed(unpacked(data)) WHERE kind IN ({primed});
"""


def undo_listing_keys(db: sqlite3.Connection, schema: str = "main") -> None:
    """Key ``schema``'s entity listing tables by text again, as migrations 4 and 5 made them
    (a build's rows only: every sentence key is a stored sentence's rowid), and write each
    figure's sentence out. The connection's view of the stored view goes (renaming its tables
    would rewrite it to the renamed ones): the store is opened again to be read."""
    rows = db.execute(f"SELECT rowid, doc_id, data FROM {schema}.figures").fetchall()
    whole = figure_jsons(db, [(doc_id, data) for _, doc_id, data in rows])  # sentences in
    db.executemany(
        f"UPDATE {schema}.figures SET data = ? WHERE rowid = ?",
        [(packed(text, "figure"), row[0]) for row, text in zip(rows, whole, strict=True)],
    )
    db.execute("DROP VIEW IF EXISTS temp.corpus_json")
    primed = ", ".join(f"'{kind}'" for kind in VIEW_DICTIONARIES)
    negative = db.execute(f"SELECT COUNT(*) FROM {schema}.entity_sentences WHERE sentence < 0")
    assert negative.fetchone()[0] == 0, "a sentence the index lacks cannot be keyed back"
    script = _BEFORE_INTEGER_KEYS.format(s=schema, block=MENTION_BLOCK, primed=primed)
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)
