"""The entity listing tables keyed by integers (issue 18, the store on disk): an entity's mention
rows and the sentences that name it are keyed by the entity's place in the view
(``entity_index.position``) and by the sentence's rowid (``sentences.rowid``), not by
copies of the entity id and the document id; the mention rows are kept a block at a time, and
an entity's row without its mentions is read from the stored view, not kept again.

Every mention row repeated its entity's id (16 bytes on average) in its key, and every row of
``entity_sentences`` repeated the entity id, the document id and the sentence's start, twice
over with its index: 19.4 MB for 256,599 rows of a 9,022-document store, and 27 MB of mention
rows of which a sixth was the key. Integers take one to three bytes each.

``entity_index.position`` (the entity's place in the view's order, unique) becomes the table's
``INTEGER PRIMARY KEY``: a rowid SQLite never renumbers (VACUUM may renumber an implicit
rowid), so the keys stay valid as long as the rows they point at. ``entity_sentences`` serves
one read, the entities named in the same sentences as one entity (``co_entities``), which
compares its rows with each other only; a sentence's key just has to be the same for the same
(document, start) and differ between two. A mention's sentence that the sentence index does not
hold (none a build writes) gets a negative key of its own, numbered among those, so that read
counts what it counted before.
"""

from __future__ import annotations

#: The rows of ``entity_sentences`` for ``{source}``, a SELECT of (entity_key, doc_id,
#: sentence_start): each distinct (entity, document, start) once, its sentence keyed by the
#: rowid of the stored sentence starting there (the first, should there be two), else by a
#: negative number shared only by the same (document, start). A null document or start is
#: left out, as the NOT NULL columns of the old table left it out (INSERT OR IGNORE).
_ENTITY_SENTENCE_ROWS = """
SELECT entity_key, coalesce(sentence,
    -DENSE_RANK() OVER (PARTITION BY sentence IS NULL ORDER BY doc_id, sentence_start))
FROM (SELECT entity_key, doc_id, sentence_start,
        (SELECT s.rowid FROM sentences s WHERE s.doc_id = named.doc_id
           AND s.start = named.sentence_start ORDER BY s.rowid LIMIT 1) AS sentence
      FROM (SELECT DISTINCT entity_key, doc_id, sentence_start FROM ({source})) named
      WHERE doc_id IS NOT NULL AND sentence_start IS NOT NULL)
"""


def fill_entity_sentences(source: str) -> str:
    """The statement that fills ``entity_sentences`` from ``source`` (a SELECT of entity_key,
    doc_id, sentence_start): the listing's fill and migration 27 key them alike."""
    rows = _ENTITY_SENTENCE_ROWS.format(source=source)
    return f"INSERT OR IGNORE INTO entity_sentences (entity_key, sentence) {rows}"


#: An entity's mention rows are kept this many to a stored row (``entity_mentions``): one
#: row each was about 250 bytes of JSON, deflated alone to 74 even with a preset dictionary,
#: while the mentions of one entity repeat its name, label and id and their documents' ids,
#: which deflate finds within a block: the 264,781 rows of the bench store take 19.6 MB of
#: deflated data one a row, 4.9 MB 32 to a block (4.5 at 64, 5.6 at 16). A page of 200
#: mentions reads seven blocks. Blocks of more rows gain little and read more than a page.
MENTION_BLOCK = 32

#: The mention rows of the stored block ``{b}`` as a table (``json_each``: ``key`` the row's
#: place in its block, ``value`` its JSON): a block is its rows one a line, and a row, being
#: minified JSON, holds no newline, so the lines joined by commas are a JSON array.
MENTION_ROWS = "json_each('[' || replace(unpacked({b}.data), char(10), ',') || ']')"

#: An entity's row without its mentions (JSON), as ``entity_index.row`` held it before
#: migration 27: its row of the stored view ``{c}`` (``corpus_items``), which the listing's
#: fill stores without them (``STRIP_MENTIONS``). The index held a second copy of those rows,
#: as text (3.3 MB for 7,103 entities, 1.5 MB deflated in the view); ``json_remove`` reads a
#: row the same either way, and as the index did while a row still holds its mentions.
ENTITY_ROW = "json_remove(unpacked({c}.data), '$.mentions')"

#: The preset dictionary (``codec.DICTIONARIES``) each kind of the stored view is deflated
#: with, its rows and its previews alike: a row of a few hundred bytes is too small for deflate
#: to find its own field names. On the bench store's view: quality 4.71 -> 1.28 MB, figure
#: groups 1.59 -> 1.06 (their previews 1.49 -> 0.97), events 5.12 -> 4.33 (previews 3.61 ->
#: 2.88) and timeline entries 0.77 -> 0.68 with the kept event mentions' dictionary, whose
#: fields an event and its mentions share. A row names its dictionary, so any row reads.
VIEW_DICTIONARIES = {
    "quality": "quality",
    "figure-group": "figure-group",
    "event": "event",
    "timeline": "event",
}
_VIEW_DICTIONARY = (
    "CASE kind "
    + " ".join(f"WHEN '{kind}' THEN '{name}'" for kind, name in VIEW_DICTIONARIES.items())
    + " END"
)
_PRIMED_KINDS = ", ".join(f"'{kind}'" for kind in VIEW_DICTIONARIES)

_ENTITY_INDEX = """
        CREATE TABLE entity_index (
            id TEXT NOT NULL UNIQUE, type TEXT, name TEXT NOT NULL, names TEXT NOT NULL,
            mentions INTEGER NOT NULL, documents INTEGER NOT NULL,
            position INTEGER PRIMARY KEY, mention_rows INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX entity_index_rank ON entity_index(mentions DESC, name, id);
        CREATE INDEX entity_index_type ON entity_index(type, mentions DESC, name, id);
"""

# The entity listing tables keyed by integers, an older store's converted in place: the old
# tables are renamed out of the way (their indexes dropped, the names being global), the new
# ones made under the old names and filled from them, the old ones dropped. The columns of
# ``entity_index`` keep their order, ``position`` now its INTEGER PRIMARY KEY, but for ``row``:
# an entity without its mentions, which is its row of the stored view (``ENTITY_ROW``). The
# view's rows and previews of the kinds with a dictionary are deflated again with it, and a
# figure's row keeps its evidence sentence as its span (``figure_spans``). ``doc_rank_rank``
# goes: no statement of the web, store, ask, incremental or CLI tests (606 distinct, traced on
# every store connection) is planned through it by EXPLAIN QUERY PLAN (the ranked list sorts
# by ``rank IS NULL, rank, id``, which it cannot serve); every other index is used.
MIGRATION_27 = f"""
        ALTER TABLE entity_index RENAME TO entity_index_v26;
        DROP INDEX entity_index_rank;
        DROP INDEX entity_index_type;
        {_ENTITY_INDEX}
        INSERT INTO entity_index SELECT id, type, name, names, mentions, documents, position,
            mention_rows FROM entity_index_v26 ORDER BY position;
        DROP TABLE entity_index_v26;
        ALTER TABLE entity_mentions RENAME TO entity_mentions_v26;
        CREATE TABLE entity_mentions (
            entity_key INTEGER NOT NULL, block INTEGER NOT NULL, data BLOB NOT NULL,
            PRIMARY KEY (entity_key, block)
        ) WITHOUT ROWID;
        INSERT INTO entity_mentions (entity_key, block, data)
        SELECT i.position, m.position / {MENTION_BLOCK},
            mention_block(m.position, unpacked(m.data))
        FROM entity_mentions_v26 m JOIN entity_index i ON i.id = m.entity_id
        GROUP BY i.position, m.position / {MENTION_BLOCK} ORDER BY 1, 2;
        DROP TABLE entity_mentions_v26;
        ALTER TABLE entity_sentences RENAME TO entity_sentences_v26;
        DROP INDEX entity_sentences_at;
        CREATE TABLE entity_sentences (
            entity_key INTEGER NOT NULL, sentence INTEGER NOT NULL,
            PRIMARY KEY (entity_key, sentence)
        ) WITHOUT ROWID;
        CREATE INDEX entity_sentences_at ON entity_sentences(sentence);
        {
    fill_entity_sentences(
        "SELECT i.position AS entity_key, es.doc_id, es.sentence_start"
        " FROM entity_sentences_v26 es JOIN entity_index i ON i.id = es.entity_id"
    )
};
        DROP TABLE entity_sentences_v26;
        UPDATE corpus_items SET data = packed(unpacked(data), {_VIEW_DICTIONARY})
        WHERE kind IN ({_PRIMED_KINDS});
        UPDATE item_previews SET data = packed(unpacked(data), {_VIEW_DICTIONARY})
        WHERE kind IN ({_PRIMED_KINDS});
        UPDATE figures SET data = stored_figure(data,
            (SELECT d.clean_text FROM documents d WHERE d.id = figures.doc_id));
        DROP INDEX IF EXISTS doc_rank_rank;
"""
