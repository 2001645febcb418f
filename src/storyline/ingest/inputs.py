"""Ingest: turn inputs (files, directories, URLs) into ``RawRecord``s, or ``Skipped`` with a reason.

Nothing here raises on bad input: a batch always goes on, and each problem becomes a one-line
``Skipped`` naming the input ("feeds/x.xml: malformed feed (not well-formed XML at line 3)").
Formats are told apart by extension first and by sniffing the content when that is missing.

Each format is read by its own module: ``decode`` (bytes → text), ``records`` (HTML, JSON,
JSON Lines), ``feeds`` (RSS/Atom); ``IngestOptions`` lives in ``options`` and is re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from storyline.errors import IngestError
from storyline.ingest.decode import decode, gunzip, sniff
from storyline.ingest.feeds import feed_records
from storyline.ingest.options import IngestOptions
from storyline.ingest.records import (
    Item,
    html_record,
    json_records,
    jsonl_records,
    stream_jsonl,
)
from storyline.models import RawRecord, Skipped

__all__ = [
    "IngestOptions",
    "expand_inputs",
    "read_bytes",
    "read_file",
    "read_input",
    "read_inputs",
    "read_url",
]


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
            yield from stream_jsonl(path, options)
            return
        limit = options.max_collection_bytes if kind in ("json", "feed") else options.max_bytes
        size = path.stat().st_size
        if size > limit:
            raise IngestError(source, _too_large(size, limit))
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gunzip(data, source, limit)
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


def _too_large(size: int, limit: int, what: str = "file too large") -> str:
    return f"{what}: {size / 1e6:.1f} MB exceeds the {limit / 1e6:g} MB limit"
