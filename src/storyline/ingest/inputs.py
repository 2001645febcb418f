"""Ingest: turn inputs (files, directories, URLs) into ``RawRecord``s, or ``Skipped`` with a reason.

Nothing here raises on bad input: a batch always goes on, and each problem becomes a one-line
``Skipped`` naming the input ("feeds/x.xml: malformed feed (not well-formed XML at line 3)").
Formats are told apart by extension first and by sniffing the content when that is missing.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import charset_normalizer

from storyline.errors import IngestError
from storyline.ingest.fetch import Fetcher, HttpFetcher
from storyline.ingest.html import extract_html, html_fragment_to_text, looks_like_html
from storyline.models import RawRecord, Skipped

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20_000_000  # 20 MB: far above any article, far below a memory problem
# A JSON or feed file is parsed whole, so it has a cap of its own; JSON Lines files are read a
# line at a time and have none (each record still obeys DEFAULT_MAX_BYTES).
DEFAULT_MAX_COLLECTION_BYTES = 500_000_000

SUFFIX_KINDS = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed", ".feed": "feed",
}  # fmt: skip
BINARY_MAGIC = {
    b"%PDF": "PDF document", b"\x89PNG": "PNG image", b"GIF8": "GIF image",
    b"\xff\xd8\xff": "JPEG image", b"PK\x03\x04": "ZIP archive", b"\x7fELF": "executable",
    b"\x1f\x8b": "gzip data without a .gz name",
}  # fmt: skip

TEXT_FIELDS = ("text", "body", "content", "articleBody", "article", "full_text", "fulltext",
               "maintext", "description", "summary")  # fmt: skip
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link", "canonical_url", "source_url")
DATE_FIELDS = ("date", "published", "published_at", "publishedAt", "pubDate", "datePublished",
               "publication_date", "date_publish", "created_at")  # fmt: skip
BYLINE_FIELDS = ("byline", "author", "authors", "creator")
ID_FIELDS = ("id", "doc_id", "uuid")
#: Tie-break for charset detection: WHATWG maps "latin1" to windows-1252, the web's most common
#: legacy charset; the others follow by how often they occur on news sites.
_CHARSET_PREFERENCE = {
    name: rank
    for rank, name in enumerate(
        [
            "utf_8",
            "cp1252",
            "latin_1",
            "iso8859_15",
            "cp1251",
            "koi8_r",
            "gb18030",
            "big5",
            "shift_jis",
            "euc_jp",
            "euc_kr",
            "cp1250",
            "iso8859_2",
            "cp1256",
            "cp1253",
            "cp1254",
        ]
    )
}
LIST_FIELDS = ("articles", "items", "data", "records", "results", "entries", "documents")


@dataclass
class IngestOptions:
    """How inputs are read; resolved once by the caller."""

    max_bytes: int = DEFAULT_MAX_BYTES  # one article (a file, a record, a URL's body)
    max_collection_bytes: int = DEFAULT_MAX_COLLECTION_BYTES  # a JSON array or feed file
    fetcher: Fetcher | None = None
    today: str | None = None  # ISO date used as htmldate's upper bound (the injectable clock)
    suffixes: dict[str, str] = field(default_factory=lambda: dict(SUFFIX_KINDS))

    def get_fetcher(self) -> Fetcher:
        return self.fetcher or HttpFetcher(max_bytes=self.max_bytes)


Item = RawRecord | Skipped


def read_inputs(inputs: Iterable[str], options: IngestOptions | None = None) -> Iterator[Item]:
    """Every record in ``inputs`` (paths, directories, http(s) URLs), in a stable order."""
    options = options or IngestOptions()
    for spec in expand_inputs(inputs, options):
        if isinstance(spec, Skipped):
            yield spec
        else:
            yield from read_input(spec, options)


def expand_inputs(inputs: Iterable[str], options: IngestOptions) -> list[str | Skipped]:
    """Inputs with directories walked (sorted, hidden files left out): one entry per file/URL."""
    expanded: list[str | Skipped] = []
    for spec in inputs:
        path = Path(spec)
        if spec.startswith(("http://", "https://")) or path.is_file():
            expanded.append(spec)
        elif path.is_dir():
            expanded.extend(_walk(path, options))
        else:
            expanded.append(Skipped(source=spec, reason="no such file or directory"))
    return expanded


def read_input(spec: str, options: IngestOptions) -> Iterator[Item]:
    """Records from one file or URL."""
    if spec.startswith(("http://", "https://")):
        return read_url(spec, options)
    return read_file(Path(spec), options)


def _walk(root: Path, options: IngestOptions) -> Iterator[str | Skipped]:
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = path.relative_to(root).parts
        if any(part.startswith(".") for part in relative):
            continue  # hidden files and folders (.git, .DS_Store) are not articles
        if _kind_for(path, options) is None and path.suffix:
            yield Skipped(source=str(path), reason=f"unsupported file type '{path.suffix}'")
        else:
            yield str(path)


def read_file(path: Path, options: IngestOptions) -> Iterator[Item]:
    source = str(path)
    kind = _kind_for(path, options)
    try:
        if kind == "jsonl":
            yield from _stream_jsonl(path, options)
            return
        limit = options.max_collection_bytes if kind in ("json", "feed") else options.max_bytes
        size = path.stat().st_size
        if size > limit:
            raise IngestError(source, _too_large(size, limit))
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = _gunzip(data, source, limit)
        yield from read_bytes(data, source, kind, _stem(path), options)
    except IngestError as error:
        yield Skipped(source=source, reason=error.problem)
    except OSError as error:
        yield Skipped(source=source, reason=f"cannot read file ({error.strerror or error})")


def read_url(url: str, options: IngestOptions) -> Iterator[Item]:
    try:
        page = options.get_fetcher().fetch(url)
        kind = _kind_for_content_type(page.content_type)
        yield from read_bytes(page.body, url, kind, None, options, url=page.url)
    except IngestError as error:
        yield Skipped(source=url, reason=error.problem)


def read_bytes(
    data: bytes,
    source: str,
    kind: str | None,
    stem: str | None,
    options: IngestOptions,
    url: str | None = None,
) -> Iterator[Item]:
    """Records from one input's bytes; ``kind`` None means sniff the content."""
    text = decode(data, source)
    kind = kind or sniff(text)
    if kind == "html":
        yield html_record(text, source, stem, options, url=url)
    elif kind == "json":
        yield from json_records(text, source, stem)
    elif kind == "jsonl":
        yield from jsonl_records(text, source)
    elif kind == "feed":
        yield from feed_records(data, text, source, options)
    else:
        if not text.strip():
            raise IngestError(source, "empty file (no text)")
        yield RawRecord(
            source=source, kind="url" if url else "txt", suggested_id=stem, text=text, url=url
        )


def decode(data: bytes, source: str) -> str:
    """Bytes → text: UTF-8 (BOM allowed), else the detected charset; binary is refused."""
    if not data.strip():
        raise IngestError(source, "empty file (0 bytes of text)")
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise IngestError(source, f"binary file ({what}), not text")
    sample = data[:8192]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(source, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        text = _detect_and_decode(data, source, error.start)
    head = text[:8192]
    controls = sum(1 for ch in head if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > 0.05 * len(head):
        raise IngestError(source, "binary file (mostly control characters), not text")
    return text


def _detect_and_decode(data: bytes, source: str, bad_byte: int) -> str:
    """Charset detection; among equally good guesses prefer the web's common legacy charsets."""
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise IngestError(
            source, f"undecodable bytes: not UTF-8 (byte {bad_byte}) and no charset detected"
        )
    best = matches[0]
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    chosen = min(tied, key=lambda m: _CHARSET_PREFERENCE.get(m.encoding, len(_CHARSET_PREFERENCE)))
    log.info("%s: decoded as %s", source, chosen.encoding)
    return str(chosen)


def sniff(text: str) -> str:
    head = text.lstrip()[:1000].lower()
    if head.startswith("<?xml") or head.startswith(("<rss", "<feed", "<rdf")):
        return "feed" if any(tag in head for tag in ("<rss", "<feed", "<rdf")) else "html"
    if looks_like_html(head):
        return "html"
    if head.startswith(("{", "[")):
        return "json"
    return "txt"


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


def _stream_jsonl(path: Path, options: IngestOptions) -> Iterator[Item]:
    """A JSON Lines file read a line at a time: any size, each record capped."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as handle:
            if b"\x00" in handle.read(8192):
                raise IngestError(str(path), "binary file (contains NUL bytes), not JSON Lines")
            handle.seek(0)
            total = options.max_collection_bytes if path.suffix == ".gz" else None
            lines = _bounded_lines(handle, options.max_bytes, total, str(path))
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
        kind=kind,
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


def feed_records(data: bytes, text: str, source: str, options: IngestOptions) -> Iterator[Item]:
    import feedparser

    # A file object, never bare bytes: feedparser treats a bytes body that looks like a path as
    # a file name to open (a "feed" whose body is "/dev/zero" would read forever).
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({type(problem).__name__}: {problem})" if problem else ""
        if looks_like_html(text.lstrip()[:1000].lower()):
            yield html_record(text, source, None, options)
            return
        raise IngestError(source, f"malformed or empty feed, no entries{detail}")
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    usable = [e for e in parsed.entries if _entry_body(e)]
    if problem is not None and not usable:
        raise IngestError(source, f"malformed feed ({type(problem).__name__}: {problem})")
    for index, entry in enumerate(parsed.entries):
        where = f"{source}#{index}"
        body = _entry_body(entry)
        if not body:
            yield Skipped(source=where, reason="feed entry has neither content nor summary")
            continue
        if looks_like_html(body.lstrip()[:200].lower()) or "<" in body:
            body = html_fragment_to_text(body)
        date = None
        for key in ("published_parsed", "updated_parsed"):
            stamp = entry.get(key)
            if stamp:
                date = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}"
                break
        yield RawRecord(
            source=where,
            kind="feed",
            text=body,
            title=entry.get("title"),
            url=entry.get("link"),
            byline=entry.get("author"),
            date_field=date,
        )


def _entry_body(entry: Any) -> str | None:
    """A feed entry's full content if present, else its summary."""
    contents = entry.get("content") or []
    body = contents[0].get("value") if contents else entry.get("summary")
    return body if body and body.strip() else None


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


def _kind_for(path: Path, options: IngestOptions) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return options.suffixes.get(suffixes[-1]) if suffixes else None


def _stem(path: Path) -> str:
    name = path.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return Path(name).stem


def _kind_for_content_type(content_type: str) -> str | None:
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in ("text/html", "application/xhtml+xml"):
        return "html"
    if ctype in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return "feed"
    if ctype in ("application/json",):
        return "json"
    if ctype in ("application/x-ndjson", "application/jsonl"):
        return "jsonl"
    if ctype == "text/plain":
        return "txt"
    return None  # sniff


def _gunzip(data: bytes, source: str, max_bytes: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(max_bytes + 1)
    except (OSError, EOFError) as error:
        raise IngestError(source, f"corrupt gzip data ({error})") from None
    if len(out) > max_bytes:
        raise IngestError(source, f"too large once decompressed (over {max_bytes / 1e6:g} MB)")
    return out


def _too_large(size: int, limit: int, what: str = "file too large") -> str:
    return f"{what}: {size / 1e6:.1f} MB exceeds the {limit / 1e6:g} MB limit"
