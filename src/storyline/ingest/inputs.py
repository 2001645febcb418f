"""Ingest: turn inputs (files, directories, URLs) into ``RawRecord``s, or ``Skipped`` with a reason.

Nothing here raises on bad input: a batch always goes on, and each problem becomes a one-line
``Skipped`` naming the input ("feeds/x.xml: malformed feed (not well-formed XML at line 3)").
Formats are told apart by extension first and by sniffing the content when that is missing.

Each format is read by its own module: ``decode`` (bytes → text), ``records`` (HTML, JSON,
JSON Lines), ``feeds`` (RSS/Atom); ``IngestOptions`` lives in ``options`` and is re-exported here.

``read_input`` is the one boundary every input is read behind (``skips.guarded``): whatever a
reader or a library under it raises ends that input with a ``Skipped`` naming the problem,
the records read before it are kept, and the skipped records of one input are summarised.
"""

from __future__ import annotations

import stat
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
from storyline.ingest.skips import guarded
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
    """Inputs with directories walked (sorted, hidden files left out): one entry per file/URL,
    each file once however often it is named."""
    expanded: list[str | Skipped] = []
    seen: set[str] = set()
    for spec in inputs:
        if spec.startswith(("http://", "https://")):
            entries: Iterable[str | Skipped] = [spec]
        else:
            entries = _expand_path(Path(spec), options)
        for entry in entries:
            key = entry if isinstance(entry, str) else None
            if key is not None and not key.startswith(("http://", "https://")):
                key = str(Path(key).resolve())
            if key is None or key not in seen:
                expanded.append(entry)
                if key is not None:
                    seen.add(key)
    return expanded


def _expand_path(path: Path, options: IngestOptions) -> Iterable[str | Skipped]:
    try:
        mode = path.stat().st_mode
    except OSError as error:
        missing = isinstance(error, FileNotFoundError | NotADirectoryError)
        reason = "no such file or directory" if missing else f"cannot read ({error.strerror})"
        return [Skipped(source=str(path), reason=reason)]
    if stat.S_ISDIR(mode):
        return _walk(path, options)
    if not stat.S_ISREG(mode):
        return [Skipped(source=str(path), reason=_not_regular(mode))]
    return [str(path)]


def _not_regular(mode: int) -> str:
    """Why a path that exists is not read: a FIFO or device could block or never end."""
    if stat.S_ISFIFO(mode):
        kind = "a named pipe (FIFO)"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    else:
        kind = "a special file"
    return f"not a regular file ({kind}); only files and directories are read"


def read_input(spec: str, options: IngestOptions) -> Iterator[Item]:
    """Records from one file or URL, behind the input boundary: nothing raises out of it."""
    if spec.startswith(("http://", "https://")):
        return guarded(read_url(spec, options), spec)
    return guarded(read_file(Path(spec), options), spec)


def _walk(root: Path, options: IngestOptions) -> Iterator[str | Skipped]:
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).parts
        if any(part.startswith(".") for part in relative):
            continue  # hidden files and folders (.git, .DS_Store) are not articles
        try:
            mode = path.stat().st_mode
        except OSError:
            yield Skipped(source=str(path), reason="cannot read (a broken link?)")
            continue
        if stat.S_ISDIR(mode):
            continue  # rglob walks into it
        if not stat.S_ISREG(mode):
            yield Skipped(source=str(path), reason=_not_regular(mode))
        elif _kind_for(path, options) is None and path.suffix:
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
