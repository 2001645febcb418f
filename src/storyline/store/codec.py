"""How the store's big JSON columns are kept on disk: deflated (zlib) in a BLOB.

A document's analysis is JSON about ten times its text: every mention, timex, event and
figure repeats its evidence sentence, its field names and its document id. Deflate keeps each
repeat once (a whole analysis fits in its 32 KB window), so the per-document analysis columns
shrink several-fold, while the records read back are the very same JSON text.

The format marker is SQLite's own storage class: a row written before this (or by SQL, as an
older store's ``figures`` filled from its analyses) is TEXT and read as it is; a row written
now is a BLOB holding the deflated UTF-8. So an older store reads unchanged, and rows of both
kinds may sit in one table. SQL that looks inside such a column reads it through
``unpacked(column)``, registered on every connection (``register``), and SQL that fills one
from another's JSON (the listing indexes) writes it through ``packed(json)``, or
``packed(json, 'mention')`` for a row primed with a preset dictionary (``DICTIONARIES``).

Which columns: the per-document analyses and their figures (a document's worth of JSON each),
and the listing's per-item rows that SQL fills (an entity's mentions, a list's previews of big
items). A preview or a mention of a kilobyte or two is past what a WITHOUT ROWID page keeps in
line, so SQLite spills it to an overflow page of its own, mostly empty; deflated, most fit in
line. The stored view (``corpus_items``) too: the listing's SQL reads dozens of paths inside
its rows, so it reads them through ``corpus_json``, a per-connection view of the same rows
with ``data`` as text (``add_views``; ``listing_sql.CORPUS_JSON`` says how it puts an entity's
mentions back).
"""

from __future__ import annotations

import hashlib
import sqlite3
import zlib
from functools import lru_cache

from storyline.store.listing_sql import CORPUS_JSON

#: Deflate's level: 6 (zlib's default) packs analyses within 1% of level 9 in 70% of its CPU
#: time, and 17% smaller than level 1 (386 bench documents); inflating costs the same.
LEVEL = 6


#: The field names an event mention's JSON opens its tail with, and its actors' (``models.events``
#: ``EventMention``, ``Actor``): the head of the analysis's and the kept event's dictionaries
#: (shipped with them: never edited either).
_EVENT_MENTION_FIELDS = (
    b'"factuality":"asserted","factuality_cue":null,"cotemporal":[],"generic":false,'
    b'"theme":null,"wording":null,"rule":"","explanation":"","location":null,"date":null,'
    b'"date_end":null,"date_basis":null,"date_text":null,"source":[],"target":[],'
    b'{"text":"","entity_id":null,"name":null,"label":"PERSON","country":null,'
)

#: A figure's row (``figures``), the field names in order with its kinds and claims; the
#: "figure" and "figure-span" dictionaries below are it with and without its sentence
_FIGURE_ROW = (
    b'"kind":"duration","kind":"ordinal","kind":"percent","kind":"money","claim":"record",'
    b'"claim":"target","claim":"forecast","claim":"cumulative","qualifier":null,'
    b'"qualifiers":[],"period":null,"claim":"actual","horizon":false,"horizon":true,'
    b'"reported":null,"participants":[],"context":[],{"id":":f","kind":"count","text":"",'
    b'"value":.0,"unit":null,"qualifier":null,"qualifiers":[],"period":null,'
    b'"claim":"actual","horizon":false,"reported":"20","measure":"","measure_key":"",'
    b'"participants":[],"context":[],"provenance":{"doc_id":"","start":,"end":,'
    b'"sentence":"","sentence_start":,"sentence_end":}}'
)

#: Preset dictionaries, by name, for rows too small for deflate to find their own repeats: an
#: entity's mention row is about 250 bytes of JSON, most of them field names and labels, and
#: deflated alone it kept 161 of them (80,721 rows of a 2,815-document store); primed with
#: this text, 73. Deflate reads a dictionary as text already seen (the end of it nearest), and
#: the stream names it (zlib's FDICT flag and the dictionary's Adler-32), so each row says how
#: it inflates. A shipped dictionary is never edited: add another under a new name.
DICTIONARIES: dict[str, bytes] = {
    "mention": (
        b'"label":"NORP","model_label":"NORP","label":"FAC","model_label":"FAC",'
        b'"label":"PRODUCT","model_label":"PRODUCT","label":"WORK","model_label":"WORK_OF_ART",'
        b'"label":"EVENT","model_label":"EVENT","label":"LOC","model_label":"LOC",'
        b'"entity_id":"norp:","entity_id":"loc:","entity_id":"event:","entity_id":"product:",'
        b'"label":"ORG","model_label":"ORG","entity_id":"org:","label":"PERSON",'
        b'"model_label":"PERSON","entity_id":"person:","label":"GPE","model_label":"GPE",'
        b'"entity_id":"gpe:","role":null,"title":null,"alias":null,"role":"","title":"",'
        b'"alias":"","sentence_end":}}{"text":"","label":"GPE","model_label":"GPE",'
        b'"entity_id":"gpe:","role":null,"title":null,"alias":null,"provenance":{"doc_id":"'
        b'","start":,"end":,"sentence":null,"sentence_start":,"sentence_end":'
    ),
    # a time expression's row (store/told.py: its provenance without the document id and,
    # mostly, the sentence), about 220 bytes of JSON: deflated alone 158, primed with its
    # field names, types and the rules that normalised most time expressions of the
    # 1,010-document bench store (``make_corpus``), 75
    "timex": (
        b'"rule":"the-past-unit/relative-to-anchor","rule":"offset/offset-undated",'
        b'"rule":"quarter/quarter-by-anchor","rule":"season/season-by-tense",'
        b'"rule":"offset/offset-from-anchor","rule":"offset/offset-from-reference",'
        b'"rule":"full-date/explicit-date","rule":"month/month-undated",'
        b'"rule":"decade/explicit-decade","rule":"quarter/quarter-undated",'
        b'"rule":"month-day/month-day-undated","rule":"set/set-lexicon",'
        b'"rule":"deictic/deictic-undated","rule":"month-year/explicit-month",'
        b'"rule":"relative-unit/relative-undated","rule":"duration-adjective/duration",'
        b'"rule":"month-day/month-day-nearest-year","rule":"deictic/deictic-day",'
        b'"rule":"duration-bare/duration","rule":"month/month-by-tense",'
        b'"rule":"relative-unit/relative-to-anchor","rule":"weekday/weekday-undated",'
        b'"rule":"weekday/weekday-past-oriented","rule":"ref/reference-word",'
        b'"rule":"duration/duration","rule":"year/explicit-year","type":"SET","type":"TIME",'
        b'"type":"DURATION","value":"PRESENT_REF","anchored":false,"range_end":null,'
        b'{"id":"t","text":"","type":"DATE","value":"20","anchored":true,"range_end":null,'
        b'"rule":"","provenance":{"start":,"end":,"sentence_start":,"sentence_end":}}'
    ),
    # a figure's row (``figures``: a figure of an analysis, its provenance and evidence
    # sentence in), about 580 bytes of JSON: deflated alone 340, primed with the model's field
    # names in order and its kinds and claims (``models.language.Figure``), 230 (60,814 rows
    # of a 9,022-document store)
    "figure": _FIGURE_ROW,
    # a figure's row whose evidence sentence is its span of its document's text, left null
    # (``figure_spans``: a read knows by this dictionary to put it back), primed as a figure's
    # row is: 150 bytes a row against 230 with its sentence (60,814 rows of a 9,022-document
    # store)
    "figure-span": _FIGURE_ROW.replace(b'"sentence":"",', b'"sentence":null,'),
    # a document's fields other than its texts (``documents.data``: ``models.document``), about
    # 700 bytes of JSON, most of them its blocks' field names and kinds: deflated alone 370,
    # primed with the model's field names in order and its kinds, 260 (9,022 documents)
    "document": (
        b'"source_kind":"txt","source_kind":"html","source_kind":"json","source_kind":"feed",'
        b'"date_source":"dateline","date_source":"embedded-post","date_source":"html-meta",'
        b'"date_source":"in-text","date_source":null,"kind":"furniture","kind":"repeat",'
        b'{"text":"","kind":"metadata","rule":"","start":,"end":,"evidence":null},'
        b'{"kind":"question","start":,"end":},{"kind":"heading","start":,"end":},'
        b'{"kind":"list-item","start":,"end":},{"kind":"paragraph","start":,"end":},'
        b'"dateline":{"raw":"","place":"","region":null,"date_text":null},'
        b'{"id":"","source":"","source_kind":"jsonl","url":null,"title":"","byline":null,'
        b'"dateline":null,"published":"","date_source":"field","date_confidence":0.0,'
        b'"date_evidence":null,"date_note":null,"blocks":[{"kind":"paragraph","start":0,'
        b'"end":},{"kind":"paragraph","start":,"end":}],"removed":[],"content_hash":"'
    ),
    # a whole analysis whose sentences are spans of its document's text (``analysis_spans``:
    # a read knows by this dictionary to put them back): the analysis's own field names, in
    # the model's order (``models.corpus.DocumentAnalysis``); an analysis is some 17 KB of
    # JSON, so the dictionary's gain is small, and the name is the point
    "analysis": (
        _EVENT_MENTION_FIELDS
        + b'"sector":null,"start":,"end":,"rule":"name"},"events":[{"id":":ev","type":"",'
        b'"mode":null,"cameo":"","trigger":"","figures":[{"id":":f","kind":"count",'
        b'"mentions":[{"text":"","label":"GPE","model_label":"GPE","entity_id":null,"role":null,'
        b'"title":null,"alias":null,"provenance":{"doc_id":"","start":,"end":,"sentence":null,'
        b'"sentence_start":,"sentence_end":}},"timexes":[{"id":"t","text":"","type":"DATE",'
        b'"value":"","anchored":true,"range_end":null,"rule":"",{"doc_id":"","version":"",'
        b'"sentences":[{"doc_id":"","index":0,"start":0,"end":,"text":null},{"doc_id":"",'
        b'"index":,"start":,"end":,"text":null}'
    ),
    # a document's events as the event stage keeps them between builds (``resolved_events``:
    # ``models.events.EventMention``, its actors and provenance): deflated alone 1,318 bytes
    # a row, primed with the model's field names in order, 1,175 (9,022 documents)
    "event": (
        _EVENT_MENTION_FIELDS
        + b'"sector":null,"start":,"end":,"rule":"name"},{"id":":ev","type":"",'
        b'"mode":null,"cameo":"","trigger":"","provenance":{"doc_id":"","start":,"end":,'
        b'"sentence":"","sentence_start":,"sentence_end":}}'
    ),
    # a document's source-quality row of the stored view (``corpus_items``, kind "quality":
    # ``models.corpus.Quality``), about 1,150 bytes of JSON, most of them its signals' names
    # and its reasons' wording (``quality/scoring.py``): deflated alone 522 bytes, primed with
    # the model's fields, the signals in their order and the reasons' phrases, 142 (9,022
    # documents)
    "quality": (
        b'"signal":"template","signal":"filler_rate","signal":"furniture_share",'
        b' to official sources (spokesman)"},{"signal":"undated","value":1.0,"effect":-0.,'
        b'"reason":"no publication date found, though the text reads as a dated report ('
        b' references such as \'on Monday\')"},{"signal":"report_dating","value":,'
        b'"effect":0.,"reason":"written as a dated report ('
        b" reference such as 'on Monday')\"},"
        b'"reason":" direct quotes and  attributed statements,  to official sources'
        b' (in a statement)"},{"signal":"sourcing","value":0.0,"effect":-0.,'
        b'"reason":"no direct quotes or attributed sources"},'
        b'"reason":" specific dates,  named people with roles and  figures"},'
        b'"reason":" dated events,  named person with a role and  figures"},'
        b'{"signal":"near_copy","value":1.0,"effect":-0.08,'
        b'"reason":"a near-copy of , the first of its copies in the pile"},'
        b'{"doc_id":"","score":0.,"signals":{"attributions":0.0,"boilerplate_headings":0.0,'
        b'"caption_residue":0.0,"clickbait_points":0.0,"dated_events":0.0,"faq_block":0.0,'
        b'"figures":0.0,"figures_layer":0.0,"figures_with_period":0.0,"filler_hits":0.0,'
        b'"filler_rate":0.0,"furniture_lines":0.0,"furniture_share":0.0,"heading_density":0.0,'
        b'"headings":0.0,"near_copy":0.0,"news_deixis":0.0,"numbered_blocks":0.0,'
        b'"official_attributions":0.0,"people_with_roles":0.0,"people_with_roles_layer":0.0,'
        b'"question_blocks":0.0,"quotes":0.0,"report_dating":0.0,"specific_dates":0.0,'
        b'"step_headings":0.0,"stuffed_headings":0.0,"table_of_contents":0.0,'
        b'"template_points":0.0,"timex_dates":0.0,"undated":0.0,"unsourced":0.0,"words":.0},'
        b'"reasons":[{"signal":"specificity","value":.0,"effect":0.,"reason":"'
    ),
    # a figure group's row of the stored view and its preview (kind "figure-group":
    # ``models.figures.FigureGroup``), about 470 bytes of JSON: deflated alone 214 bytes,
    # primed with the model's fields in order and its statuses, 143 (7,424 groups)
    "figure-group": (
        b'"status":"conflicting","status":"corroborated","status":"series","status":"related",'
        b'"explanation":"related: ","explanation":"corroborated: ","explanation":"conflicting: ",'
        b'{"id":"fg:","measure":"","figure_ids":[":f",":f"],"documents":["",""],'
        b'"status":"single-source","explanation":"single source:  (,  + more)","related":[]}'
    ),
}
_BY_CHECKSUM = {zlib.adler32(d): d for d in DICTIONARIES.values()}
_FDICT = 0x20  # the flag in a zlib stream's second byte: a preset dictionary's Adler-32 follows


def packed(text: str, dictionary: str | None = None) -> bytes:
    """JSON text as the store keeps it: deflated UTF-8, stored as a BLOB (primed with one of
    ``DICTIONARIES`` when named)."""
    data = text.encode("utf-8")
    if dictionary is None:
        return zlib.compress(data, LEVEL)
    deflate = zlib.compressobj(LEVEL, zdict=DICTIONARIES[dictionary])
    return deflate.compress(data) + deflate.flush()


def unpacked(value: str | bytes) -> str:
    """The JSON text of a stored value: a BLOB is inflated (with the dictionary its stream
    names, if any), TEXT (an older row) is as written."""
    if isinstance(value, bytes):
        if len(value) > 6 and value[1] & _FDICT:
            inflate = zlib.decompressobj(zdict=_BY_CHECKSUM[int.from_bytes(value[2:6], "big")])
            return (inflate.decompress(value) + inflate.flush()).decode("utf-8")
        return zlib.decompress(value).decode("utf-8")
    return value


def stored_digest(version: str, data: str | bytes) -> bytes:
    """A 16-byte digest of a stored analysis: its version and its bytes as stored (deflated,
    or an older row's TEXT), never parsed. It changes whenever the analysis is saved with
    other content; the per-document products kept between builds are keyed by it."""
    digest = hashlib.blake2b(version.encode("utf-8") + b"\x00", digest_size=16)
    digest.update(data if isinstance(data, bytes) else b"T" + data.encode("utf-8"))
    return digest.digest()


def packed_against(text: str, base: str) -> bytes:
    """``text`` deflated with ``base`` as its preset dictionary: a document's raw text against
    its clean text (``documents.stored_texts``). The clean text is most of the raw text (a
    page's paragraphs, a record's body), so deflate finds it whole in the dictionary: the raw
    texts of a 9,022-document store took 8.29 MB deflated alone, 0.63 MB so. Deflate reads
    the last 32 KB of a longer dictionary. The stream names its dictionary (zlib's FDICT flag,
    the dictionary's Adler-32): an empty ``base`` primes nothing and the stream is plain."""
    deflate = zlib.compressobj(LEVEL, zdict=base.encode("utf-8"))
    return deflate.compress(text.encode("utf-8")) + deflate.flush()


def unpacked_against(value: str | bytes, base: str) -> str:
    """A text stored by ``packed_against(text, base)``; a stream that names no dictionary
    (deflated alone, as a store wrote before) and TEXT read as ``unpacked`` reads them. zlib
    refuses a ``base`` whose Adler-32 is not the one the stream names."""
    if isinstance(value, bytes) and len(value) > 6 and value[1] & _FDICT:
        inflate = zlib.decompressobj(zdict=base.encode("utf-8"))
        return (inflate.decompress(value) + inflate.flush()).decode("utf-8")
    return unpacked(value)


#: A raw text as stored where it is the clean text (a text file, a JSON record): an empty
#: BLOB, which no deflated text is (``document_raw_text``).
SAME_AS_CLEAN = b""


@lru_cache(maxsize=16)
def _inflated_text(value: bytes) -> str:
    return unpacked(value)


def dictionary_of(value: bytes) -> str | None:
    """The name of the preset dictionary a stored BLOB was deflated with, if any."""
    if len(value) > 6 and value[1] & _FDICT:
        checksum = int.from_bytes(value[2:6], "big")
        return next(n for n, d in DICTIONARIES.items() if _BY_CHECKSUM[checksum] is d)
    return None


def document_text(value: str | bytes | None) -> str | None:
    """A document's text column for SQL (``documents.raw_text``/``clean_text``, deflated as
    the JSON columns are: ``store/documents.py``): ``unpacked``, with the last few texts kept.
    A document's sentences and its listing row each cut several spans of one text one after
    another, and inflating it again for each cost more than the cut (a text is 2.5 KB on
    average; a cache hit hashes the BLOB, a tenth of that). Readers whose rows come in another
    order (an entity's mentions, a question's sentences) cut in Python instead, each document
    inflated once a read (``span_texts``)."""
    return _inflated_text(value) if isinstance(value, bytes) else value


def document_raw_text(raw: str | bytes, clean: str | bytes) -> str:
    """A document's raw text from its stored raw and clean texts (``documents.RAW_TEXT``, for
    SQL and Python alike): the clean text where the raw text is ``SAME_AS_CLEAN``, else the
    raw text inflated against the clean text (``packed_against``), or deflated alone, or TEXT
    as written (a store written before)."""
    clean_text = document_text(clean) or ""
    if raw == SAME_AS_CLEAN:
        return clean_text
    return unpacked_against(raw, clean_text)


def _sql_unpacked(value: str | bytes | None) -> str | None:
    """``unpacked`` for SQL: NULL stays NULL, so a LEFT JOIN's missing row reads as missing."""
    return None if value is None else unpacked(value)


def _sql_packed(value: str | None, dictionary: str | None = None) -> bytes | None:
    """``packed`` for SQL, which fills some columns from others' JSON: NULL stays NULL."""
    return None if value is None else packed(value, dictionary)


class _MentionBlock:
    """``mention_block(position, row)``, an SQL aggregate: the mention rows of one block of an
    entity's mentions (``listing_schema.MENTION_BLOCK``), in position order, one a line, deflated
    with the mention dictionary. A row is minified JSON, which never holds a newline."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, str]] = []

    def step(self, position: int, row: str) -> None:
        if "\n" in row:
            raise ValueError("a mention row holds a newline: not minified JSON")
        self.rows.append((position, row))

    def finalize(self) -> bytes:
        return packed("\n".join(row for _, row in sorted(self.rows)), "mention")


def mention_rows(block: str | bytes) -> list[str]:
    """The mention rows (JSON) a stored block holds, in order (``_MentionBlock``)."""
    return unpacked(block).split("\n")


def add_views(db: sqlite3.Connection) -> None:
    """The views over deflated tables (once the schema is migrated: they read its tables)."""
    db.execute(CORPUS_JSON)


def register(db: sqlite3.Connection) -> None:
    """Make ``unpacked(column)``, ``document_text(column)``, ``packed(json)``,
    ``document_raw_text(raw, clean)`` and ``packed_against(text, base)`` callable from
    this connection's SQL (JSON and text functions need text: a BLOB handed to them directly
    would be refused or misread), and
    ``stored_digest(version, data)`` (what a migration fills the analyses' digests with), and
    ``mention_block(position, row)`` (an entity's mention rows a block at a time)."""
    db.create_function("unpacked", 1, _sql_unpacked, deterministic=True)
    db.create_function("document_text", 1, document_text, deterministic=True)
    db.create_function("packed", 1, _sql_packed, deterministic=True)
    db.create_function("packed", 2, _sql_packed, deterministic=True)
    db.create_function("document_raw_text", 2, document_raw_text, deterministic=True)
    db.create_function("packed_against", 2, packed_against, deterministic=True)
    db.create_function("stored_digest", 2, stored_digest, deterministic=True)
    # typeshed's aggregate protocol knows one-argument steps returning int only
    db.create_aggregate("mention_block", 2, _MentionBlock)  # type: ignore[arg-type]
