"""Records from parsed content: an HTML page is one article; a JSON document holds one record
or a list of them (under any of the usual field names); JSON Lines hold one a line, streamed
so a file of any size is read with each record capped. A record without text is a ``Skipped``.

A top-level JSON array is decoded one element at a time, so a file of a million records never
holds a million parsed records at once, and a broken tail keeps the records before it. An HTML
page is extracted in the budgeted worker (``budget``), after a structure check that refuses
pages no news site makes (tens of thousands of elements), which the extractors would take
minutes over.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, cast

from storyline.errors import IngestError
from storyline.ingest.budget import run_budgeted
from storyline.ingest.decode import strip_controls
from storyline.ingest.html import (
    ExtractedPage,
    extract_html,
    html_fragment_to_text,
    looks_like_html,
)
from storyline.ingest.options import IngestOptions
from storyline.models import RawRecord, Skipped
from storyline.models.document import SourceKind

TEXT_FIELDS = ("text", "body", "content", "articleBody", "article", "full_text", "fulltext",
               "maintext", "description", "summary")  # fmt: skip
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link", "canonical_url", "source_url")
DATE_FIELDS = ("date", "published", "published_at", "publishedAt", "pubDate", "datePublished",
               "publication_date", "date_publish", "created_at")  # fmt: skip
BYLINE_FIELDS = ("byline", "author", "authors", "creator")
ID_FIELDS = ("id", "doc_id", "uuid")
LIST_FIELDS = ("articles", "items", "data", "records", "results", "entries", "documents")

#: The most HTML elements a page may have: 8× the largest of the 381 real news pages in
#: ../shared/eval (articles and dates sets: median 798, largest 6,084). trafilatura takes about
#: a second per 10,000 elements of nested markup and grows faster than that beyond.
MAX_HTML_ELEMENTS = 50_000
#: Python refuses to turn longer digit strings into int (CVE-2020-10735); JSON numbers that
#: long are kept as their digits (no article field is arithmetic).
MAX_INT_DIGITS = 4_300
#: JSON Lines are read in blocks this size; a block of blank lines costs one scan.
BLOCK_BYTES = 1 << 20

Item = RawRecord | Skipped
_WHITESPACE = re.compile(r"[ \t\n\r]*")


# -- HTML pages ---------------------------------------------------------------------------
def html_record(
    html: str, source: str, stem: str | None, options: IngestOptions, url: str | None = None
) -> RawRecord:
    page = run_budgeted(options.budget, source, extract_page, html, url, options.today)
    if page is None or not page.text.strip():
        raise IngestError(source, "no article text found in the HTML page")
    return RawRecord(
        source=source,
        kind="url" if url else "html",
        suggested_id=stem,
        text=strip_controls(page.text),
        title=_as_str(page.title),
        url=url or page.url,
        byline=_as_str(page.author),
        html_date=page.date,
        html_date_method=page.date_method,
        already_extracted=True,
    )


def extract_page(html: str, url: str | None, today: str | None) -> ExtractedPage | None:
    """``extract_html`` after the structure check (runs in the budgeted worker)."""
    elements = count_elements(html)
    if elements > MAX_HTML_ELEMENTS:
        raise IngestError(
            "",
            f"page too complex to extract: {elements:,} HTML elements "
            f"(news pages have a few thousand; limit {MAX_HTML_ELEMENTS:,})",
        )
    return extract_html(html, url=url, today=today)


def count_elements(html: str) -> int:
    """HTML elements in a page (lxml's parser is linear; 0 when it cannot parse it)."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html)
    except (etree.LxmlError, ValueError):
        return 0
    return sum(1 for _ in root.iter())


# -- JSON ---------------------------------------------------------------------------------
class LongNumber(str):
    """A JSON integer too long for ``int``: kept as its digits, still known for a number."""


def _parse_int(digits: str) -> int | str:
    return int(digits) if len(digits.lstrip("-")) <= MAX_INT_DIGITS else LongNumber(digits)


_DECODER = json.JSONDecoder(parse_int=_parse_int)


def _parse_json(text: str, where: bool = True) -> Any:
    """``json.loads``; every way untrusted JSON can fail becomes a ``ValueError`` with a
    one-line reason (the standard library also raises RecursionError on deep nesting).
    ``where``: name the line and column (not for one JSON Lines record: its line is known)."""
    try:
        return _DECODER.decode(text)
    except json.JSONDecodeError as error:
        if not where:
            raise ValueError(error.msg) from None
        raise ValueError(f"{error.msg} at line {error.lineno}, column {error.colno}") from None
    except RecursionError:
        raise ValueError("nested too deeply") from None


def json_records(text: str, source: str, stem: str | None) -> Iterator[Item]:
    start = _WHITESPACE.match(text).end()  # type: ignore[union-attr]  # "*" always matches
    if text.startswith("[", start):
        yield from _array_records(text, start, source, stem)
        return
    try:
        data = _parse_json(text)
    except ValueError as error:
        raise IngestError(source, f"malformed JSON ({error})") from None
    records = _record_list(data)
    if records is None:
        raise IngestError(source, _NO_RECORDS)
    single = len(records) == 1
    for index, record in enumerate(records):
        where = source if single else f"{source}#{index}"
        yield _guarded_record(record, where, stem if single else None, "json")


_NO_TEXT = "record has no text (looked for " + ", ".join(TEXT_FIELDS[:4]) + ", …)"
_NO_RECORDS = (
    "no article records found (expected an object with a "
    "text/body/content field, or a list of such objects)"
)


def _array_records(text: str, start: int, source: str, stem: str | None) -> Iterator[Item]:
    """The elements of a top-level array, decoded one at a time."""
    elements = _array_elements(text, start, source)
    first = next(elements, None)
    if first is None:
        raise IngestError(source, _NO_RECORDS)
    second = next(elements, None)
    if second is None:
        yield _guarded_record(first[1], source, stem, "json")
        return
    for index, record in [first, second]:
        yield _guarded_record(record, f"{source}#{index}", None, "json")
    for index, record in elements:
        yield _guarded_record(record, f"{source}#{index}", None, "json")


def _array_elements(text: str, start: int, source: str) -> Iterator[tuple[int, Any]]:
    position = _past_whitespace(text, start + 1)
    if text.startswith("]", position):
        _trailing(text, position + 1, source)
        return
    index = 0
    while True:
        try:
            value, position = _DECODER.raw_decode(text, position)
        except json.JSONDecodeError as error:
            raise _broken(source, index, f"{error.msg} at line {error.lineno}") from None
        except RecursionError:
            raise _broken(source, index, "nested too deeply") from None
        yield index, value
        index += 1
        position = _past_whitespace(text, position)
        if text.startswith(",", position):
            position = _past_whitespace(text, position + 1)
        elif text.startswith("]", position):
            _trailing(text, position + 1, source)
            return
        else:
            line = text.count("\n", 0, position) + 1
            raise _broken(source, index, f"expected ',' or ']' at line {line}")


def _trailing(text: str, position: int, source: str) -> None:
    if _past_whitespace(text, position) != len(text):
        raise IngestError(source, "malformed JSON (extra data after the list)")


def _past_whitespace(text: str, position: int) -> int:
    return _WHITESPACE.match(text, position).end()  # type: ignore[union-attr]


def _broken(source: str, index: int, detail: str) -> IngestError:
    kept = f"; the {index:,} records before it were read" if index else ""
    return IngestError(source, f"malformed JSON in record {index}{kept} ({detail})")


# -- JSON Lines ---------------------------------------------------------------------------
def jsonl_records(text: str, source: str) -> Iterator[Item]:
    """Records of JSON Lines text already in memory (a URL's body)."""
    yield from _jsonl_lines(enumerate(io.StringIO(text), start=1), source, None)


def stream_jsonl(path: Path, options: IngestOptions) -> Iterator[Item]:
    """A JSON Lines file read a block at a time: any size, each record capped."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as handle:
            if b"\x00" in handle.read(8192):
                raise IngestError(str(path), "binary file (contains NUL bytes), not JSON Lines")
            handle.seek(0)
            total = options.max_collection_bytes if path.suffix == ".gz" else None
            lines = _bounded_lines(cast(IO[bytes], handle), options.max_bytes, total, str(path))
            yield from _jsonl_lines(lines, str(path), options.max_bytes)
    except (OSError, EOFError, zlib.error) as error:  # gzip raises these on corrupt data
        raise IngestError(str(path), f"cannot read JSON Lines ({error})") from None


def _bounded_lines(
    handle: IO[bytes], max_line: int, max_total: int | None, source: str
) -> Iterator[tuple[int, bytes]]:
    """(line number, line) for each line that is not blank, never more than ``max_line`` + 1
    bytes of one in memory (an overlong line comes back truncated, so the caller can report
    it); decompressed input stops at ``max_total``. A block of blank lines is counted, not
    split, so a file of newlines reads at disk speed."""
    read, number = 0, 1
    pending = bytearray()  # the start of the line the next block continues, capped
    while block := handle.read(BLOCK_BYTES):
        read += len(block)
        if max_total is not None and read > max_total:
            raise IngestError(source, f"too large once decompressed (over {max_total / 1e6:g} MB)")
        if not pending and not block.strip():
            number += block.count(b"\n")
            continue
        *complete, tail = block.split(b"\n")
        for part in complete:
            line = bytes(pending) + part[: max_line + 1] if pending else part
            pending.clear()
            if line.strip():
                yield number, line[: max_line + 1]
            number += 1
        if len(pending) <= max_line:
            pending += tail[: max_line + 1 - len(pending)]
    if pending.strip():
        yield number, bytes(pending)


def _jsonl_lines(
    lines: Iterable[tuple[int, str | bytes]], source: str, max_bytes: int | None
) -> Iterator[Item]:
    produced = False
    for number, raw in lines:
        where = f"{source}:{number}"
        if max_bytes is not None and len(raw) > max_bytes:
            reason = f"record too large: over the {max_bytes / 1e6:g} MB limit"
            yield _skip(where, reason)
            continue
        try:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError:
            yield _skip(where, "not UTF-8 (JSON Lines must be UTF-8)")
            continue
        if number == 1:
            line = line.removeprefix("\ufeff")  # a byte order mark
        if not line.strip():
            continue
        try:
            record = _parse_json(line, where=False)
        except ValueError as error:
            yield _skip(where, f"malformed JSON line ({error})")
            continue
        produced = True
        yield _guarded_record(record, where, None, "jsonl")
    if not produced:
        raise IngestError(source, "no JSON records in the file")


# -- one record ---------------------------------------------------------------------------
def _record_list(data: Any) -> list[Any] | None:
    if isinstance(data, list):
        return data or None
    if isinstance(data, dict):
        if _first(data, TEXT_FIELDS) is not None:
            return [data]
        for key in LIST_FIELDS:
            if isinstance(data.get(key), list) and data[key]:
                return data[key]
    return None


def _skip(source: str, reason: str) -> Skipped:
    """A ``Skipped`` without validation (both are plain strings): a file of a million bad
    records makes a million of them."""
    return Skipped.model_construct(source=source, reason=reason, count=1, examples=[])


def _guarded_record(record: Any, source: str, stem: str | None, kind: str) -> Item:
    """``_json_record``, with anything a record's content makes a parser raise (an HTML body
    lxml refuses, say) turned into a skip of that record alone."""
    try:
        return _json_record(record, source, stem, kind)
    except (ValueError, AssertionError, RecursionError, LookupError) as error:
        problem = f"{type(error).__name__}: {str(error)[:120]}"
        return _skip(source, f"record could not be read ({problem})")


def _json_record(record: Any, source: str, stem: str | None, kind: str) -> Item:
    if not isinstance(record, dict):
        return _skip(source, f"record is a JSON {_json_type(record)}, not an object")
    body = _first(record, TEXT_FIELDS)
    if not isinstance(body, str) or not body.strip():
        return _skip(source, _NO_TEXT)
    title = _first(record, TITLE_FIELDS)
    body = _valid_text(body)
    if looks_like_html(body.lstrip()[:200].lower()):
        body = html_fragment_to_text(body)
    if not body.strip():
        return _skip(source, "record has no text once its HTML is removed")
    record_id = _first(record, ID_FIELDS)
    return RawRecord(
        source=source,
        kind=cast(SourceKind, kind),
        suggested_id=stem or (_valid_text(str(record_id)) if record_id is not None else None),
        text=body,
        title=_as_str(title),
        url=_as_str(_first(record, URL_FIELDS)),
        byline=_as_str(_first(record, BYLINE_FIELDS)),
        date_field=_as_str(_first(record, DATE_FIELDS)),
    )


def _json_type(value: Any) -> str:
    """The JSON name of a decoded value's type (a user never sees Python's names)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float | LongNumber):
        return "number"
    if isinstance(value, list):
        return "array"
    return "string" if isinstance(value, str) else "value"


def _valid_text(text: str) -> str:
    """JSON may escape lone surrogates ("\\ud800") that no UTF-8 store can hold, and control
    characters ("\\u0000") that no article holds: replace the first, drop the second."""
    return strip_controls(text.encode("utf-8", "replace").decode("utf-8"))


def _first(record: dict[str, Any], keys: Iterable[str]) -> Any:
    for key in keys:
        value = record.get(key)
        if value is None:  # the common case, first: a file may hold a million records
            continue
        if isinstance(value, dict):
            value = value.get("rendered") or value.get("text") or value.get("value")
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            value = ", ".join(value)
        if value not in (None, "", []):
            return value
    return None


def _as_str(value: Any) -> str | None:
    return _valid_text(value) if isinstance(value, str) else None
