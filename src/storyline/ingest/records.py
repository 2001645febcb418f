"""Records from parsed content: an HTML page is one article; a JSON document holds one record
or a list of them (under any of the usual field names); JSON Lines hold one a line, streamed
so a file of any size is read with each record capped. A record without text is a ``Skipped``.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, cast

from storyline.errors import IngestError
from storyline.ingest.html import extract_html, html_fragment_to_text, looks_like_html
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

Item = RawRecord | Skipped


def html_record(
    html: str, source: str, stem: str | None, options: IngestOptions, url: str | None = None
) -> RawRecord:
    page = extract_html(html, url=url, today=options.today)
    if page is None or not page.text.strip():
        raise IngestError(source, "no article text found in the HTML page")
    return RawRecord(
        source=source,
        kind="url" if url else "html",
        suggested_id=stem,
        text=page.text,
        title=page.title,
        url=url or page.url,
        byline=page.author,
        html_date=page.date,
        html_date_method=page.date_method,
        already_extracted=True,
    )


def _parse_json(text: str) -> Any:
    """``json.loads``; every way untrusted JSON can fail becomes a ``ValueError`` with a
    one-line reason (the standard library also raises RecursionError on deep nesting)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"{error.msg} at line {error.lineno}, column {error.colno}") from None
    except RecursionError:
        raise ValueError("nested too deeply") from None


def json_records(text: str, source: str, stem: str | None) -> Iterator[Item]:
    try:
        data = _parse_json(text)
    except ValueError as error:
        raise IngestError(source, f"malformed JSON ({error})") from None
    records = _record_list(data)
    if records is None:
        raise IngestError(
            source,
            "no article records found (expected an object with a "
            "text/body/content field, or a list of such objects)",
        )
    single = len(records) == 1
    for index, record in enumerate(records):
        where = source if single else f"{source}#{index}"
        yield _json_record(record, where, stem if single else None, "json")


def jsonl_records(text: str, source: str) -> Iterator[Item]:
    """Records of JSON Lines text already in memory (a URL's body)."""
    yield from _jsonl_lines(enumerate(io.StringIO(text), start=1), source, None)


def stream_jsonl(path: Path, options: IngestOptions) -> Iterator[Item]:
    """A JSON Lines file read a line at a time: any size, each record capped."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as handle:
            if b"\x00" in handle.read(8192):
                raise IngestError(str(path), "binary file (contains NUL bytes), not JSON Lines")
            handle.seek(0)
            total = options.max_collection_bytes if path.suffix == ".gz" else None
            lines = _bounded_lines(cast(IO[bytes], handle), options.max_bytes, total, str(path))
            yield from _jsonl_lines(enumerate(lines, start=1), str(path), options.max_bytes)
    except (OSError, EOFError) as error:  # gzip raises these on corrupt data mid-stream
        raise IngestError(str(path), f"cannot read JSON Lines ({error})") from None


def _bounded_lines(
    handle: IO[bytes], max_line: int, max_total: int | None, source: str
) -> Iterator[bytes]:
    """Lines, never more than ``max_line`` + 1 bytes of one in memory (an overlong line comes
    back truncated, so the caller can report it); decompressed input stops at ``max_total``."""
    read = 0
    while line := handle.readline(max_line + 1):
        read += len(line)
        if len(line) > max_line and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                read += len(rest)  # drain the rest of the overlong line, a chunk at a time
            read += len(rest)
        if max_total is not None and read > max_total:
            raise IngestError(source, f"too large once decompressed (over {max_total / 1e6:g} MB)")
        yield line


def _jsonl_lines(
    lines: Iterable[tuple[int, str | bytes]], source: str, max_bytes: int | None
) -> Iterator[Item]:
    produced = False
    for number, raw in lines:
        where = f"{source}:{number}"
        if max_bytes is not None and len(raw) > max_bytes:
            reason = f"record too large: over the {max_bytes / 1e6:g} MB limit"
            yield Skipped(source=where, reason=reason)
            continue
        try:
            line = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError:
            yield Skipped(source=where, reason="not UTF-8 (JSON Lines must be UTF-8)")
            continue
        if not line.strip():
            continue
        try:
            record = _parse_json(line)
        except ValueError as error:
            yield Skipped(source=where, reason=f"malformed JSON line ({error})")
            continue
        produced = True
        yield _json_record(record, where, None, "jsonl")
    if not produced:
        raise IngestError(source, "no JSON records in the file")


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


def _json_record(record: Any, source: str, stem: str | None, kind: str) -> Item:
    if not isinstance(record, dict):
        return Skipped(
            source=source, reason=f"record is a JSON {type(record).__name__}, not an object"
        )
    body = _first(record, TEXT_FIELDS)
    if not isinstance(body, str) or not body.strip():
        return Skipped(
            source=source,
            reason="record has no text (looked for " + ", ".join(TEXT_FIELDS[:4]) + ", …)",
        )
    title = _first(record, TITLE_FIELDS)
    body = _valid_text(body)
    if looks_like_html(body.lstrip()[:200].lower()):
        body = html_fragment_to_text(body)
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


def _valid_text(text: str) -> str:
    """JSON may escape lone surrogates ("\\ud800") that no UTF-8 store can hold: replace them."""
    return text.encode("utf-8", "replace").decode("utf-8")


def _first(record: dict[str, Any], keys: Iterable[str]) -> Any:
    for key in keys:
        value = record.get(key)
        if isinstance(value, dict):
            value = value.get("rendered") or value.get("text") or value.get("value")
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            value = ", ".join(value)
        if value not in (None, "", []):
            return value
    return None


def _as_str(value: Any) -> str | None:
    return _valid_text(value) if isinstance(value, str) else None
