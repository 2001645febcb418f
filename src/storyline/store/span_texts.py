"""Sentences cut from their documents' texts in Python, one inflation per document per read
(issue 18: the readers the deflated texts made slower).

The store keeps a sentence that is exactly a span of its document's clean text as that span
(an entity's mention rows, ``listing_sql.MENTION_ROW``; a stored sentence, ``SENTENCE_TEXT``),
and SQL put it back by cutting it from ``document_text(d.clean_text)`` row by row. The rows come
in entity or rank order, not by document, so the few texts ``document_text`` keeps rarely held
the next one: half the cuts of a full read inflated a whole text (15 µs) for one sentence, and
the ask index's build (every entity's every mention) spent 4 of its 14 CPU seconds so. Here a
read takes its rows with the sentence left null, groups the spans by document, inflates each
document's text once and cuts all of its spans from it; the rows read back byte for byte as
SQL wrote them (``tests/test_store_span_texts.py`` compares both paths). A figure's row keeps
its sentence as a span too (``figure_spans``), and its readers put it back so
(``figure_jsons``).

How SQL wrote a mention row with its sentence put back: ``json_replace`` renders the stored
row (already minified by SQL) as it is, with the sentence quoted as SQLite quotes a string
(``"`` and ``\\`` escaped, ``\\b \\f \\n \\r \\t`` short, any other control character
``\\u00xx`` in lower case, the rest as it is), which is what ``json.dumps`` does without
``ensure_ascii``. ``substr(text, start + 1, end - start)`` is ``text[start:end]`` for the
spans the store writes (0 ≤ start ≤ end); a document that is gone leaves the sentence null.
"""

from __future__ import annotations

import codecs
import json
import re
import sqlite3
import zlib
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from json.encoder import encode_basestring

from storyline.store.codec import dictionary_of, mention_rows, packed, unpacked
from storyline.store.connection import id_chunks
from storyline.store.figure_spans import SPANNED, spans_of, with_sentences
from storyline.store.listing_schema import ENTITY_ROW, MENTION_BLOCK

#: A mention row's evidence sentence left null, with its span (``listing_sql._FILL``); a JSON
#: string never holds an unescaped quote, so this matches only the provenance's own fields.
_NULL_SENTENCE = re.compile(r'"sentence":null,"sentence_start":(\d+),"sentence_end":(\d+)')
#: The provenance's document id (a mention row has no other ``doc_id`` key).
_DOC_ID = re.compile(r'"doc_id":("(?:[^"\\]|\\.)*")')


def clean_texts(db: sqlite3.Connection, ends: Mapping[str, int]) -> Iterator[tuple[str, str]]:
    """(doc id, clean text) of each stored document among ``ends``' keys, each inflated once,
    one at a time (a caller keeps a text only while it cuts its spans), and only as far as
    the document's end there: the text's first ``ends[doc id]`` characters at least (all of
    it where it is shorter), which is what a cut up to there reads."""
    for chunk in id_chunks(sorted(ends)):
        marks = ",".join("?" * len(chunk))
        rows = db.execute(f"SELECT id, clean_text FROM documents WHERE id IN ({marks})", chunk)
        for doc_id, clean in rows:
            yield doc_id, inflated_prefix(clean, ends[doc_id])


def inflated_prefix(value: str | bytes, chars: int) -> str:
    """At least the first ``chars`` characters of a stored text (``codec.unpacked``: deflated
    UTF-8, or TEXT as written), all of it where it is shorter. A page's mentions are mostly one
    sentence of each of dozens of documents: inflating each text only up to that sentence's
    end (on average half of it) halves what the cut costs."""
    if not isinstance(value, bytes):
        return value
    inflate = zlib.decompressobj()
    decoder = codecs.getincrementaldecoder("utf-8")()
    text = decoder.decode(inflate.decompress(value, max(chars, 1)))  # ≥ 1 byte a character
    while len(text) < chars and not inflate.eof:
        more = inflate.decompress(inflate.unconsumed_tail, max(chars - len(text), 1024))
        if not more:
            return unpacked(value)  # nothing more without more input: read it whole
        text += decoder.decode(more)
    return text


def _mention_span(row: str) -> tuple[str, re.Match[str]] | None:
    """The document and the null sentence's match of a mention row that holds its sentence as a
    span; None for a row that holds its sentence."""
    found = _NULL_SENTENCE.search(row)
    doc = _DOC_ID.search(row) if found else None
    if found is None or doc is None:
        return None
    quoted = doc.group(1)
    return (json.loads(quoted) if "\\" in quoted else quoted[1:-1]), found


def cut_spans(
    db: sqlite3.Connection, spans: Sequence[tuple[str, int, int] | None]
) -> list[str | None]:
    """The text of each span (doc id, start, end) of a stored document's clean text, every
    span of one document cut from one inflation (``clean_texts``); None for a span given as
    None, or whose document is gone."""
    cut: list[str | None] = [None] * len(spans)
    by_document: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    ends: dict[str, int] = {}
    for position, span in enumerate(spans):
        if span is not None:
            doc_id, start, end = span
            by_document[doc_id].append((position, start, end))
            ends[doc_id] = max(ends.get(doc_id, 0), end)
    for doc_id, text in clean_texts(db, ends):
        for position, start, end in by_document[doc_id]:
            cut[position] = text[start:end]
    return cut


def with_mention_sentences(db: sqlite3.Connection, rows: Sequence[str]) -> list[str]:
    """Mention rows (JSON, as ``entity_mentions`` keeps them inflated) with each null evidence
    sentence put back from its document's clean text, as ``listing_sql.MENTION_ROW`` does
    (``cut_spans``: one inflation per document)."""
    located = [_mention_span(row) for row in rows]
    sentences = cut_spans(
        db,
        [
            None if at is None else (at[0], int(at[1].group(1)), int(at[1].group(2)))
            for at in located
        ],
    )
    filled: list[str] = []
    for row, at, sentence in zip(rows, located, sentences, strict=True):
        if at is None or sentence is None:  # it holds its sentence, or its document is gone
            filled.append(row)
            continue
        found = at[1]
        start, end = found.group(1), found.group(2)
        filled.append(
            f'{row[: found.start()]}"sentence":{encode_basestring(sentence)},'  # json.dumps's
            f'"sentence_start":{start},"sentence_end":{end}{row[found.end() :]}'  # quoting
        )
    return filled


def with_mentions(row: str, mentions: Sequence[str]) -> str:
    """An entity's row (JSON without its ``mentions`` key) with its mention rows as the last
    key, as ``json_set(row, '$.mentions', json(json_group_array(...)))`` renders it."""
    head = row[:-1].rstrip()
    comma = "" if head.endswith("{") else ","
    return f'{head}{comma}"mentions":[{",".join(mentions)}]}}'


def with_sentence_texts(
    db: sqlite3.Connection, rows: Sequence[tuple[str | None, int, int, str | None]]
) -> list[str | None]:
    """The text of each stored sentence (doc id, start, end, its own text or null): its own
    where it holds one, else its span of its document's clean text, as ``SENTENCE_TEXT`` reads
    it (null where the document is gone; ``cut_spans``: one inflation per document)."""
    cut = cut_spans(
        db,
        [
            (doc_id, start, end) if text is None and doc_id is not None else None
            for doc_id, start, end, text in rows  # a null doc id: no such sentence
        ],
    )
    return [
        text if text is not None else cut_text
        for (*_, text), cut_text in zip(rows, cut, strict=True)
    ]


#: An entity's row of the stored view, inflated, in the view's order (``CORPUS_JSON``).
_ENTITY_ROWS = (
    "SELECT id, unpacked(data) FROM corpus_items WHERE kind = 'entity' ORDER BY sort_key, id"
)


def iter_whole_entities(db: sqlite3.Connection, batch: int = 1000) -> Iterator[str]:
    """Every entity's row of the stored view (JSON) with its mentions, as ``corpus_json``
    reads it, in its order; ``batch`` entities at a time (their mention rows held while their
    sentences are put back, each document's text inflated once a batch)."""
    rows = db.execute(_ENTITY_ROWS)
    while chunk := rows.fetchmany(batch):
        yield from whole_entities(db, chunk)


def whole_entities(db: sqlite3.Connection, rows: Sequence[tuple[str, str]]) -> list[str]:
    """Entities' rows (id, JSON) with their mentions: a row still holding them (an older
    store's, ``STRIP_MENTIONS``) as it is, else with its ``entity_mentions`` rows in their order
    and their sentences put back. An entity's fields hold no other ``mentions`` key, and a JSON
    string no unescaped quote, so the key's text says whether a row holds them."""
    cut = [entity_id for entity_id, data in rows if '"mentions":' not in data]
    found: dict[str, list[int]] = defaultdict(list)
    mentions: list[str] = []
    for chunk in id_chunks(cut):
        marks = ",".join("?" * len(chunk))
        for entity_id, block in db.execute(
            "SELECT i.id, m.data FROM entity_index i"
            " JOIN entity_mentions m ON m.entity_key = i.position"
            f" WHERE i.id IN ({marks}) ORDER BY m.entity_key, m.block",
            chunk,
        ):
            for data in mention_rows(block):
                found[entity_id].append(len(mentions))
                mentions.append(data)
    filled = with_mention_sentences(db, mentions)
    return [
        with_mentions(data, [filled[i] for i in found[entity_id]])
        if '"mentions":' not in data
        else data
        for entity_id, data in rows
    ]


def entity_slice(
    db: sqlite3.Connection, entity_id: str, limit: int, offset: int = 0
) -> tuple[str, int] | None:
    """An entity (JSON) with ``limit`` of its mentions from ``offset`` and how many it has, as
    ``json_set(row, '$.mentions', json_group_array(MENTION_ROW))`` reads it from its listing
    row and its mention rows, the sentences of one document cut from one inflation."""
    found = db.execute(
        f"SELECT i.position, {ENTITY_ROW.format(c='c')}, i.mention_rows FROM entity_index i"
        " JOIN corpus_items c ON c.kind = 'entity' AND c.id = i.id WHERE i.id = ?",
        (entity_id,),
    ).fetchone()
    if found is None:
        return None
    key, row, count = found
    mentions = with_mention_sentences(db, _mention_page(db, key, limit, offset))
    return with_mentions(row, mentions), int(count)


def _mention_page(db: sqlite3.Connection, key: int, limit: int, offset: int) -> list[str]:
    """Mention rows ``offset`` to ``offset + limit`` of the entity ``key``, read from the blocks
    that hold them (``listing_schema.MENTION_BLOCK`` rows a block); as SQL's ``LIMIT ? OFFSET
    ?`` reads them, a negative limit reads to the end and a negative offset from the start."""
    offset = max(offset, 0)
    if limit == 0:
        return []
    first = offset // MENTION_BLOCK
    last = (offset + limit - 1) // MENTION_BLOCK if limit > 0 else 2**62
    rows = [
        data
        for (block,) in db.execute(
            "SELECT data FROM entity_mentions WHERE entity_key = ? AND block BETWEEN ? AND ?"
            " ORDER BY block",
            (key, first, last),
        )
        for data in mention_rows(block)
    ]
    start = offset - first * MENTION_BLOCK
    return rows[start : start + limit] if limit > 0 else rows[start:]


def figure_jsons(db: sqlite3.Connection, rows: Sequence[tuple[str, str | bytes]]) -> list[str]:
    """The JSON of stored figure rows (the row's document id, its stored data), in order,
    their sentences put back: each document's text inflated once for the rows given."""
    return figure_jsons_and_spans(db, rows, [])[0]


def figure_jsons_and_spans(
    db: sqlite3.Connection,
    rows: Sequence[tuple[str, str | bytes]],
    spans: Sequence[tuple[str, int, int] | None],
) -> tuple[list[str], list[str | None]]:
    """``figure_jsons(rows)`` and ``cut_spans(spans)`` from one inflation of each document's
    text (a reader that cuts other sentences of the same documents: ``told_at``)."""
    texts = [unpacked(data) for _, data in rows]
    wanted = list(spans)
    owners: list[int] = []
    for at, ((doc_id, data), text) in enumerate(zip(rows, texts, strict=True)):
        if isinstance(data, bytes) and dictionary_of(data) == SPANNED:
            for start, end in spans_of(text):
                wanted.append((doc_id, start, end))
                owners.append(at)
    cut = cut_spans(db, wanted)
    by_row: dict[int, list[str | None]] = {}
    for at, sentence in zip(owners, cut[len(spans) :], strict=True):
        by_row.setdefault(at, []).append(sentence)
    jsons = [
        with_sentences(text, by_row[at]) if at in by_row else text for at, text in enumerate(texts)
    ]
    return jsons, cut[: len(spans)]


def written_out(db: sqlite3.Connection, doc_id: str) -> None:
    """Rewrite the document's figure rows with their sentences in (``figure`` dictionary),
    before its clean text changes: the spans would then cut the new text."""
    rows = db.execute("SELECT rowid, data FROM figures WHERE doc_id = ?", (doc_id,)).fetchall()
    whole = figure_jsons(db, [(doc_id, data) for _, data in rows])
    db.executemany(
        "UPDATE figures SET data = ? WHERE rowid = ?",
        [(packed(text, "figure"), rowid) for (rowid, _), text in zip(rows, whole, strict=True)],
    )
