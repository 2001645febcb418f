"""The SQL that fills the store's listing indexes (``listing``) from the stored view's JSON rows,
and the small helpers of its paged reads; kept apart so ``listing`` holds the reads themselves.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from storyline.store.kept_schema import figure_head_sql
from storyline.store.listing_schema import (
    MENTION_BLOCK,
    MENTION_ROWS,
    VIEW_DICTIONARIES,
    fill_entity_sentences,
)

#: Bumped when the index tables or how they are filled change: a store whose indexes were
#: built by another version rebuilds them when opened.
LISTING_VERSION = "6"  # 4: mention rows keep their sentence as a span; 5: and a dictionary;
# 6: an entity's row of the stored view keeps its mentions in entity_mentions alone

#: Figure groups by cross-source status, as the figures page orders them.
STATUS_RANK = (
    "CASE status WHEN 'conflicting' THEN 0 WHEN 'corroborated' THEN 1 WHEN 'series' THEN 2"
    " WHEN 'related' THEN 3 WHEN 'single-source' THEN 4 ELSE 5 END"
)

_CLEAR = """
DELETE FROM doc_rank; DELETE FROM entity_index; DELETE FROM entity_sentences;
DELETE FROM event_actors; DELETE FROM event_documents; DELETE FROM event_mentions;
DELETE FROM timeline_index; DELETE FROM story_documents; DELETE FROM story_events;
DELETE FROM figure_group_index; DELETE FROM figure_members; DELETE FROM figure_group_documents;
DELETE FROM duplicate_members; DELETE FROM entity_mentions;
"""

#: The evidence sentence of the mention ``{m}`` (JSON) as its document's clean text holds it:
#: SQLite's substr counts characters from 1, as Python's offsets count them from 0.
_CLEAN_SENTENCE = (
    "(SELECT substr(document_text(d.clean_text),"
    " json_extract({m}, '$.provenance.sentence_start') + 1,"
    " json_extract({m}, '$.provenance.sentence_end')"
    " - json_extract({m}, '$.provenance.sentence_start'))"
    " FROM documents d WHERE d.id = json_extract({m}, '$.provenance.doc_id'))"
)
#: A stored mention row as it was written: an entity's mentions are most of its listing rows,
#: and each repeated its evidence sentence, a third copy of the text after the document's and
#: the stored view's. A row keeps the sentence as null when it is exactly the span of the
#: clean text its provenance names (``_FILL``), and the read puts it back from there, in place
#: (``json_replace`` keeps the key's position, so the JSON reads back byte for byte). A row
#: written before, or whose sentence is not that span, holds its sentence and is read as is.
MENTION_ROW = (
    "CASE WHEN json_type(m, '$.provenance.sentence') = 'null'"
    f" THEN json_replace(m, '$.provenance.sentence', {_CLEAN_SENTENCE.format(m='m')})"
    " ELSE m END"
)

#: The stored view's rows with their JSON as text, for every read (``add_views``). An entity's
#: row keeps its mentions only in ``entity_mentions`` (``STRIP_MENTIONS``): they were most of
#: the row and a second copy of those rows (17.8 MB of view, 8.2 MB of mention rows, 2,815
#: documents). A row without the key gets them back here, in their order and at the end of the
#: object, where the model writes them, so it reads as the JSON that was stored. A row that
#: still holds its mentions (an older store, or one just written) is read as it is. TEMP: each
#: connection makes its own, so the store's schema stays as its migrations left it.
CORPUS_JSON = f"""
CREATE TEMP VIEW IF NOT EXISTS corpus_json AS
SELECT kind, id, sort_key, CASE WHEN kind = 'entity' AND json_type(d, '$.mentions') IS NULL
  THEN json_set(d, '$.mentions', json((SELECT json_group_array(json({MENTION_ROW}))
    FROM (SELECT j.value AS m FROM entity_mentions em, {MENTION_ROWS.format(b="em")} j
          WHERE em.entity_key = (SELECT i.position FROM entity_index i WHERE i.id = c.id)
          ORDER BY em.block, j.key))))
  ELSE d END AS data
FROM (SELECT kind, id, sort_key, unpacked(data) AS d FROM corpus_items) c
"""
#: The entities' whole rows (mentions in), which the entity indexes are filled from: the
#: writer puts a new view's here as it stores each row without its mentions
#: (``replace_corpus``); a rebuild copies them from the view first (``KEEP_WHOLE_ENTITIES``),
#: since it clears ``entity_mentions`` before it refills it. A row written whole and then cut
#: in place would leave the table's pages half empty until a VACUUM. TEMP: it lives for one
#: rebuild of one connection, in SQLite's temporary storage, not in Python's memory.
WHOLE_ENTITIES = (
    "CREATE TEMP TABLE IF NOT EXISTS whole_entities"
    " (id TEXT PRIMARY KEY, sort_key TEXT, data TEXT NOT NULL)"
)
KEEP_WHOLE_ENTITIES = """
INSERT INTO whole_entities (id, sort_key, data)
SELECT id, sort_key, data FROM corpus_json WHERE kind = 'entity'
"""


def keep_whole_entities(db: sqlite3.Connection, written: bool) -> None:
    """Have ``whole_entities`` hold every entity's whole row before the indexes are cleared
    (copied from the view unless ``written``: the writer put them there)."""
    db.execute(WHOLE_ENTITIES)
    if not written:
        db.execute("DELETE FROM whole_entities")
        db.execute(KEEP_WHOLE_ENTITIES)


#: Once the indexes hold an entity's mentions, a row still holding them (an older store's)
#: drops them (``CORPUS_JSON``); this one time, its pages stay half empty until a VACUUM.
STRIP_MENTIONS = """
UPDATE corpus_items SET data = packed(json_remove(unpacked(data), '$.mentions'))
WHERE kind = 'entity' AND json_type(unpacked(data), '$.mentions') IS NOT NULL
"""

#: Each statement fills one index from the JSON rows (order matters: later ones read earlier).
_FILL = [
    """INSERT OR IGNORE INTO story_documents (story_id, doc_id, story_position)
       SELECT s.id, j.value, s.position FROM
         (SELECT id, data, ROW_NUMBER() OVER (ORDER BY sort_key, id) AS position
          FROM corpus_json WHERE kind = 'story') s, json_each(s.data, '$.documents') j""",
    """INSERT INTO doc_rank (doc_id, score, rank, story_id)
       SELECT d.id, q.score, ROW_NUMBER() OVER (ORDER BY q.score IS NULL, -q.score, d.id),
         (SELECT sd.story_id FROM story_documents sd WHERE sd.doc_id = d.id
          ORDER BY sd.story_position DESC LIMIT 1)
       FROM documents d LEFT JOIN
         (SELECT id, json_extract(data, '$.score') AS score FROM corpus_json
          WHERE kind = 'quality') q ON q.id = d.id""",
    """INSERT INTO entity_index
         (id, type, name, names, mentions, documents, position, mention_rows)
       SELECT id, json_extract(data, '$.type'), json_extract(data, '$.name'),
         casefold(json_extract(data, '$.name')) || char(31) || coalesce(
           (SELECT group_concat(casefold(value), char(31)) FROM json_each(data, '$.aliases')),
           ''),
         coalesce(json_extract(data, '$.mention_count'), 0),
         json_array_length(data, '$.documents'),
         ROW_NUMBER() OVER (ORDER BY sort_key, id),
         coalesce(json_array_length(data, '$.mentions'), 0)
       FROM whole_entities""",
    f"""INSERT INTO entity_mentions (entity_key, block, data)
       SELECT i.position, m.key / {MENTION_BLOCK}, mention_block(m.key,
         CASE WHEN json_extract(m.value, '$.provenance.sentence')
           = {_CLEAN_SENTENCE.format(m="m.value")}
         THEN json_replace(m.value, '$.provenance.sentence', NULL) ELSE m.value END)
       FROM whole_entities e JOIN entity_index i ON i.id = e.id,
         json_each(e.data, '$.mentions') m
       GROUP BY i.position, m.key / {MENTION_BLOCK}""",
    fill_entity_sentences(
        "SELECT em.entity_key, json_extract(j.value, '$.provenance.doc_id') AS doc_id,"
        " json_extract(j.value, '$.provenance.sentence_start') AS sentence_start"
        f" FROM entity_mentions em, {MENTION_ROWS.format(b='em')} j"
    ),
    """INSERT OR IGNORE INTO event_actors (event_id, entity_id, position)
       SELECT ev.id, json_extract(a.value, '$.entity_id'), ev.position FROM
         (SELECT id, data, ROW_NUMBER() OVER (ORDER BY sort_key, id) AS position
          FROM corpus_json WHERE kind = 'event') ev,
         json_each(ev.data, '$.source') a
       WHERE json_extract(a.value, '$.entity_id') IS NOT NULL
       UNION ALL
       SELECT ev.id, json_extract(a.value, '$.entity_id'), ev.position FROM
         (SELECT id, data, ROW_NUMBER() OVER (ORDER BY sort_key, id) AS position
          FROM corpus_json WHERE kind = 'event') ev,
         json_each(ev.data, '$.target') a
       WHERE json_extract(a.value, '$.entity_id') IS NOT NULL""",
    """INSERT OR IGNORE INTO event_documents (event_id, doc_id)
       SELECT e.id, j.value FROM corpus_json e, json_each(e.data, '$.documents') j
       WHERE e.kind = 'event'""",
    """INSERT OR REPLACE INTO event_mentions (mention_id, event_id)
       SELECT json_extract(m.value, '$.id'), e.id
       FROM corpus_json e, json_each(e.data, '$.mentions') m WHERE e.kind = 'event'""",
    """INSERT INTO timeline_index (position, event_id, item_id, date, last, type)
       SELECT ROW_NUMBER() OVER (ORDER BY sort_key, id), json_extract(data, '$.event_id'), id,
         json_extract(data, '$.date'),
         coalesce(json_extract(data, '$.date_end'), json_extract(data, '$.date')),
         json_extract(data, '$.type')
       FROM corpus_json WHERE kind = 'timeline'""",
    """INSERT OR IGNORE INTO story_events (story_id, event_id)
       SELECT s.id, j.value FROM corpus_json s, json_each(s.data, '$.event_ids') j
       WHERE s.kind = 'story'
       UNION
       SELECT sd.story_id, ed.event_id FROM story_documents sd
       JOIN event_documents ed ON ed.doc_id = sd.doc_id""",
    """INSERT OR IGNORE INTO figure_members (figure_id, group_id)
       SELECT j.value, g.id FROM corpus_json g, json_each(g.data, '$.figure_ids') j
       WHERE g.kind = 'figure-group'""",
    """INSERT OR IGNORE INTO figure_group_documents (group_id, doc_id)
       SELECT g.id, j.value FROM corpus_json g, json_each(g.data, '$.documents') j
       WHERE g.kind = 'figure-group'""",
    # each group's stored figures counted once for all groups: counted per group, the lookup
    # by group scanned every member (``figure_members`` is keyed by figure), groups × members
    f"""INSERT INTO figure_group_index (id, status, figures, rank)
       SELECT id, status, figures, ROW_NUMBER() OVER (ORDER BY {STATUS_RANK}, -figures, id)
       FROM (SELECT g.id AS id, json_extract(g.data, '$.status') AS status,
               coalesce(c.figures, 0) AS figures
             FROM corpus_json g LEFT JOIN
               (SELECT fm.group_id AS group_id, count(*) AS figures
                FROM figure_members fm JOIN figures f ON f.id = fm.figure_id
                GROUP BY fm.group_id) c ON c.group_id = g.id
             WHERE g.kind = 'figure-group')""",
    """INSERT OR IGNORE INTO duplicate_members (doc_id, canonical)
       SELECT g.id, g.id FROM corpus_json g WHERE g.kind = 'duplicate'
       UNION ALL
       SELECT j.value, g.id FROM corpus_json g, json_each(g.data, '$.members') j
       WHERE g.kind = 'duplicate'""",
]

#: How many elements a list's preview of a big item keeps of each of its member lists.
PREVIEW_IDS = 10
#: The member lists each kind's preview cuts, and to how many: a story card shows a story, its
#: storyline and its key figure groups with the first ids of each list and their counts, and
#: the first two sentences of its summary; an
#: entity's events come with their first mention (about 1 KB each with its provenance and
#: actors; a much reported event has hundreds). The item's own page has all of them.
PREVIEW_CUTS: dict[str, dict[str, int]] = {
    "story": {"documents": PREVIEW_IDS, "event_ids": PREVIEW_IDS, "entity_ids": PREVIEW_IDS},
    "storyline": {"documents": PREVIEW_IDS},
    "figure-group": {"figure_ids": PREVIEW_IDS, "documents": PREVIEW_IDS},
    "event": {"mentions": 1},
    "summary": {"sentences": 2},
}


#: Sources a statement that is one of many carries in a list (web/render.py says why a reader
#: there needs only the first few): a story card's summary sentence keeps its first evidence
#: and documents (parallel lists, one per source; the story's page has all of them).
PREVIEW_SOURCES = 3
#: Lists cut inside each element a cut list keeps: a summary sentence of a big story cites
#: hundreds of articles, each evidence with its sentence; carried whole, they were the largest
#: part of ``/api/storylines`` (278 of 752 KB on a 2,815-document store) and of what a page of
#: story cards parsed. The preview's totals say how long each inner list was
#: (``sentences.0.documents``: the first sentence's sources).
NESTED_CUTS: dict[str, dict[str, dict[str, int]]] = {
    "summary": {"sentences": {"evidence": PREVIEW_SOURCES, "documents": PREVIEW_SOURCES}},
}


def _cut_list(source: str, name: str, keep: int, inner: dict[str, int], depth: int = 0) -> str:
    """SQL for the first ``keep`` elements of ``source``'s list ``name`` (objects stay JSON,
    strings stay strings), each element's own lists cut as ``inner`` says."""
    v, t = f"v{depth}", f"t{depth}"
    if inner:
        cuts = ", ".join(
            f"'$.{sub}', {_cut_list(v, sub, n, {}, depth + 1)}" for sub, n in inner.items()
        )
        element = f"json_set(json({v}), {cuts})"
    else:
        element = f"CASE WHEN {t} IN ('object', 'array') THEN json({v}) ELSE {v} END"
    return (
        f"(SELECT json_group_array({element}) FROM (SELECT value AS {v}, type AS {t}"
        f" FROM json_each({source}, '$.{name}') ORDER BY key LIMIT {keep}))"
    )


def _preview_fill(kind: str, cuts: dict[str, int]) -> str:
    """The statement that fills ``kind``'s previews: SQLite cuts each list and counts it, once
    per stored view rather than once per request."""
    nested = NESTED_CUTS.get(kind, {})
    sets = ", ".join(
        f"'$.{name}', {_cut_list('data', name, keep, nested.get(name, {}))}"
        for name, keep in cuts.items()
    )
    totals = ", ".join(
        f"'{name}', coalesce(json_array_length(data, '$.{name}'), 0)" for name in cuts
    )
    inner_totals = "".join(
        f", '{name}.{i}.{sub}', coalesce(json_array_length(data, '$.{name}[{i}].{sub}'), 0)"
        for name, subs in nested.items()
        for i in range(cuts[name])
        for sub in subs
    )
    primed = VIEW_DICTIONARIES.get(kind)
    dictionary = f"'{primed}'" if primed else "NULL"
    return (
        "INSERT INTO item_previews (kind, id, data, totals)"
        f" SELECT kind, id, packed(json_set(data, {sets}), {dictionary}),"
        f" json_object({totals}{inner_totals}) FROM corpus_json WHERE kind = '{kind}'"
    )


#: Figure groups a story card shows, the first of its articles' groups in stored order
#: (unkeyed first).
PREVIEW_KEY_FIGURES = 3
#: A story's key figure groups, kept as a preview of their own (kind ``story-figure-groups``,
#: the story's id, the groups' ids, ``figure_groups``: how many groups its articles have): a
#: page of story cards read them with a query per card that joined its articles to their
#: groups and sorted them, the page's costliest SQL (20 ms for 120 cards); once per view here.
_FILL_KEY_FIGURES = f"""
INSERT INTO item_previews (kind, id, data, totals)
SELECT 'story-figure-groups', story_id, packed(json_group_array(id)),
  json_object('figure_groups', n)
FROM (SELECT story_id, id, n FROM
  (SELECT story_id, id, ROW_NUMBER() OVER (PARTITION BY story_id ORDER BY keyed, key, id) AS k,
     COUNT(*) OVER (PARTITION BY story_id) AS n FROM
    (SELECT DISTINCT sd.story_id, g.id, g.sort_key IS NOT NULL AS keyed,
       coalesce(g.sort_key, '') AS key FROM story_documents sd
     JOIN figure_group_documents fg ON fg.doc_id = sd.doc_id
     CROSS JOIN corpus_items g ON g.kind = 'figure-group' AND g.id = fg.group_id))
  WHERE k <= {PREVIEW_KEY_FIGURES} ORDER BY story_id, k)
GROUP BY story_id
"""
#: Fills the previews (after the other indexes, in ``_fill_listing``; alone when only the
#: previews are out of date).
_FILL_PREVIEWS = [
    *(_preview_fill(kind, cuts) for kind, cuts in PREVIEW_CUTS.items()),
    _FILL_KEY_FIGURES,
]
#: Bumped when ``PREVIEW_CUTS`` changes: a store's previews of another version are rebuilt
#: when opened (seconds), without rebuilding the other indexes (a minute on a big store).
PREVIEW_VERSION = "2"  # 2: summary sentences carry their first sources; stories key figures


def fill_previews(db: sqlite3.Connection) -> None:
    """Rebuild the previews of big items (inside the caller's transaction)."""
    db.execute("DELETE FROM item_previews")
    for statement in _FILL_PREVIEWS:
        db.execute(statement)
    db.execute(
        "INSERT OR REPLACE INTO listing_state (key, value) VALUES ('previews', ?)",
        (PREVIEW_VERSION,),
    )


#: Figures live in the per-document analyses; a store written before the ``figures`` table
#: gets it filled from them once.
#: A filled figure's measure key, read from its analysis's JSON.
_FILLED_KEY = "json_extract(f.value, '$.measure_key')"
_FILL_FIGURES = f"""
INSERT OR REPLACE INTO figures (id, doc_id, data, sentence_start, head)
SELECT json_extract(f.value, '$.id'), a.doc_id,
    stored_figure(f.value, (SELECT d.clean_text FROM documents d WHERE d.id = a.doc_id)),
    json_extract(f.value, '$.provenance.sentence_start'),
    {figure_head_sql(_FILLED_KEY)}
FROM analyses a, json_each(analysis_json(a.data,
    (SELECT d.clean_text FROM documents d WHERE d.id = a.doc_id)), '$.figures') f
"""


#: A document's listing fields come from its narrow row (``document_listing``), never from
#: the documents table, whose rows hold the whole text and JSON.
_DOC_ROW = (
    "SELECT d.doc_id, d.title, d.published, d.source, d.source_kind, d.url, d.date_source,"
    " d.chars, d.added_at, d.lead, r.score, r.story_id"
    " FROM document_listing d LEFT JOIN doc_rank r ON r.doc_id = d.doc_id"
)
_DOC_KEYS = ("id", "title", "published", "source", "source_kind", "url", "date_source", "chars",
             "added_at", "lead", "score", "story_id")  # fmt: skip


def _doc_row(row: Sequence[Any]) -> dict[str, Any]:
    return dict(zip(_DOC_KEYS, row, strict=True))


def _entity_filter(kind: str | None, name: str | None) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if kind:
        clauses.append("type = ?")
        params.append(kind)
    wanted = (name or "").casefold().strip()
    if wanted:
        clauses.append("instr(names, ?) > 0")
        params.append(wanted)
    return (f"WHERE {' AND '.join(clauses)}" if clauses else ""), params
