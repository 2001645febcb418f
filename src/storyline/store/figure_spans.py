"""A figure's row without the copy of its evidence sentence (issue 18, the store on disk).

Each row of ``figures`` held its figure's evidence sentence, a span of its document's clean
text that the document keeps (deflated) already: on the 9,022-document bench store, 14.1 MB
of rows, 9.1 MB without the sentences. So a row holds null where its provenance's sentence is
exactly its span of the clean text of the row's document (``Provenance.sentence`` is a
required string, so null says "the span" unambiguously), and a read puts the span back in
the same bytes, quoted as ``json.dumps(..., ensure_ascii=False)`` quotes it, as the analyses'
sentences are put back (``analysis_spans``). A row is stored so only where that round trip
gives its JSON byte for byte, and is then deflated with the ``figure-span`` dictionary,
which is how a read knows; any other row (a sentence that is not its span, a row written
before) is deflated with the ``figure`` dictionary and reads as it is.

The readers take a page of rows and cut the sentences of each document from one inflation of
its text (``span_texts.figure_jsons``). A document whose clean text is revised has its rows
written out whole first (``span_texts.written_out``): its figures stay stored until it is
analysed again.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from json.encoder import encode_basestring

from storyline.store.codec import dictionary_of, document_text, packed, unpacked

#: The dictionary that marks a row holding its sentence as a span.
SPANNED = "figure-span"
#: A provenance's evidence sentence (a JSON string) with its span.
_EVIDENCE = re.compile(
    r'"sentence":("(?:[^"\\]|\\.)*"),"sentence_start":(\d+),"sentence_end":(\d+)'
)
#: The same, its sentence left null.
_NULL_SENTENCE = re.compile(r'"sentence":null,"sentence_start":(\d+),"sentence_end":(\d+)')


def with_sentences(data: str, sentences: Sequence[str | None]) -> str:
    """``data`` with its null sentences, in order, replaced by ``sentences`` (quoted; a None
    leaves its sentence null)."""
    given = iter(sentences)

    def put_back(match: re.Match[str]) -> str:
        sentence = next(given)
        if sentence is None:  # its document is gone: the row reads with its sentence null
            return match.group(0)
        start, end = match.groups()
        text = encode_basestring(sentence)
        return f'"sentence":{text},"sentence_start":{start},"sentence_end":{end}'

    return _NULL_SENTENCE.sub(put_back, data)


def spans_of(data: str) -> list[tuple[int, int]]:
    """The (start, end) of each null sentence of ``data``, in order."""
    return [(int(m.group(1)), int(m.group(2))) for m in _NULL_SENTENCE.finditer(data)]


def stored_figure(data: str, clean: str) -> bytes:
    """A figure's JSON as ``figures.data`` keeps it, given its document's clean text."""

    def evidence(match: re.Match[str]) -> str:
        sentence, start, end = match.groups()
        if json.loads(sentence) == clean[int(start) : int(end)]:
            return f'"sentence":null,"sentence_start":{start},"sentence_end":{end}'
        return match.group(0)

    stored = _EVIDENCE.sub(evidence, data)
    if stored != data and _NULL_SENTENCE.search(data) is None:
        back = with_sentences(stored, [clean[s:e] for s, e in spans_of(stored)])
        if back == data:
            return packed(stored, SPANNED)
    return packed(data, "figure")


def _sql_stored_figure(data: str | bytes, clean: str | bytes | None) -> str | bytes:
    """An older row as ``stored_figure`` writes it (for the migration); a row already spanned,
    or one without its document, as it is."""
    if clean is None or (isinstance(data, bytes) and dictionary_of(data) == SPANNED):
        return data
    return stored_figure(unpacked(data), document_text(clean) or "")


def register(db: sqlite3.Connection) -> None:
    """``stored_figure(data, clean_text)`` for this connection's SQL (migration 27 and the fill
    of an older store's figures from its analyses)."""
    db.create_function("stored_figure", 2, _sql_stored_figure, deterministic=True)
