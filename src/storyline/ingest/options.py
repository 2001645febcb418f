"""How inputs are read: the size limits, the file-name suffixes each format goes by and the
fetcher for URLs, resolved once by the caller into one ``IngestOptions``.

Its own module because every reader (``inputs``, ``records``, ``feeds``) takes the options.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.ingest.fetch import Fetcher, HttpFetcher

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
