"""A stored analysis without the copies of its document's text (issue 18, the store on disk).

An analysis repeats its document's text: every sentence holds its text, and every mention,
time expression, event and figure its evidence sentence. Deflate finds the repeats within
one analysis, but the text itself was still stored once more in each (45 MB of analyses on a
9,022-document store; without the copies, a third less). So the stored JSON holds null where
a sentence's text is exactly its span of the document's clean text (``Sentence.text``,
``Provenance.sentence``: both required strings, so null says "the span" unambiguously), and
each read puts the span back in place, in the same bytes: pydantic writes a provenance's
fields in order (``sentence``, ``sentence_start``, ``sentence_end``) and a sentence's
``start``, ``end``, ``text`` last, and a JSON string never holds an unescaped quote, so the
patterns below only ever match those fields.

An analysis is stored so only where putting the spans back gives its JSON byte for byte
(``spanned`` checks), and such a row is deflated with the ``analysis`` dictionary
(``codec.DICTIONARIES``), which is how a read knows to put the spans back: any other row (a
sentence that is not its span, a string escaped otherwise than ``json.dumps`` does, a row
written before) is deflated without it and reads as it is.
"""

from __future__ import annotations

import json
import re
import sqlite3
from json.encoder import encode_basestring

from storyline.store.codec import dictionary_of, document_text, packed, unpacked

#: An evidence sentence (a JSON string or null) with its span, in a provenance.
_EVIDENCE = re.compile(
    r'"sentence":(null|"(?:[^"\\]|\\.)*"),"sentence_start":(\d+),"sentence_end":(\d+)'
)
#: A sentence's span and its text (a JSON string or null), which ends its object.
_SENTENCE = re.compile(r'"start":(\d+),"end":(\d+),"text":(null|"(?:[^"\\]|\\.)*")\}')
#: Either, with null where the sentence was.
_NULLS = re.compile(
    r'"start":(\d+),"end":(\d+),"text":null\}'
    r'|"sentence":null,"sentence_start":(\d+),"sentence_end":(\d+)'
)


def _without_spans(data: str, clean: str) -> str:
    def evidence(match: re.Match[str]) -> str:
        sentence, start, end = match.groups()
        if sentence != "null" and json.loads(sentence) == clean[int(start) : int(end)]:
            return f'"sentence":null,"sentence_start":{start},"sentence_end":{end}'
        return match.group(0)

    def sentence(match: re.Match[str]) -> str:
        start, end, text = match.groups()
        if text != "null" and json.loads(text) == clean[int(start) : int(end)]:
            return f'"start":{start},"end":{end},"text":null}}'
        return match.group(0)

    return _SENTENCE.sub(sentence, _EVIDENCE.sub(evidence, data))


def with_spans(data: str, clean: str) -> str:
    """An analysis's JSON with each null sentence put back from ``clean``, its document's
    clean text; one pass, each span quoted once (a sentence is the evidence of several facts)
    as ``json.dumps(..., ensure_ascii=False)`` quotes it (``encode_basestring``, without the
    encoder ``dumps`` makes for each call: a third of what putting the spans back cost)."""
    quoted: dict[tuple[str, str], str] = {}

    def span(start: str, end: str) -> str:
        text = quoted.get((start, end))
        if text is None:
            text = quoted[start, end] = encode_basestring(clean[int(start) : int(end)])
        return text

    def put_back(match: re.Match[str]) -> str:
        start, end, sentence_start, sentence_end = match.groups()
        if start is None:
            text = span(sentence_start, sentence_end)
            return (
                f'"sentence":{text},"sentence_start":{sentence_start},"sentence_end":{sentence_end}'
            )
        return f'"start":{start},"end":{end},"text":{span(start, end)}}}'

    return _NULLS.sub(put_back, data)


def spanned(data: str, clean: str) -> str:
    """An analysis's JSON as stored: its sentences that are spans of ``clean`` as null, where
    ``with_spans`` gives back exactly ``data``; else ``data`` as it is."""
    stored = _without_spans(data, clean)
    return stored if stored != data and with_spans(stored, clean) == data else data


def stored_analysis(data: str, clean: str) -> bytes:
    """An analysis's JSON as ``analyses.data`` keeps it (``spanned``, deflated)."""
    stored = spanned(data, clean)
    return packed(stored, "analysis") if stored is not data else packed(data)


def analysis_json(data: str | bytes, clean: str | bytes | None) -> str:
    """The JSON of a stored analysis (``stored_analysis``, or a row written before), given its
    document's stored clean text."""
    return read_back(unpacked(data), data, clean)


def read_back(text: str, data: str | bytes, clean: str | bytes | None) -> str:
    """``text``, JSON read from the stored analysis ``data`` (all of it, or what SQL kept of
    it), with its sentences put back where ``data`` holds them as spans."""
    if isinstance(data, bytes) and dictionary_of(data) == "analysis":
        return with_spans(text, document_text(clean) or "")
    return text


def _sql_spanned(data: str | bytes, clean: str | bytes | None) -> bytes | str:
    """An older row as ``stored_analysis`` writes it (for the migration); a row already so, or
    one without its document, as it is."""
    if clean is None or (isinstance(data, bytes) and dictionary_of(data) == "analysis"):
        return data
    return stored_analysis(unpacked(data), document_text(clean) or "")


def register(db: sqlite3.Connection) -> None:
    """``analysis_json(data, clean_text)`` and ``spanned_analysis(data, clean_text)`` for this
    connection's SQL."""
    db.create_function("analysis_json", 2, analysis_json, deterministic=True)
    db.create_function("spanned_analysis", 2, _sql_spanned, deterministic=True)
