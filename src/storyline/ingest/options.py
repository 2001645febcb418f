"""How inputs are read: the size limits, the file-name suffixes each format goes by and the
fetcher for URLs, resolved once by the caller into one ``IngestOptions``.

Its own module because every reader (``inputs``, ``records``, ``feeds``) takes the options.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storyline.ingest.budget import Budget

if TYPE_CHECKING:
    from storyline.ingest.fetch import Fetcher

DEFAULT_MAX_BYTES = 20_000_000  # 20 MB: far above any article, far below a memory problem
# A JSON or feed file is parsed whole, so it has a cap of its own; JSON Lines files are read a
# line at a time and have none (each record still obeys DEFAULT_MAX_BYTES).
DEFAULT_MAX_COLLECTION_BYTES = 500_000_000
# Clean text longer than this is refused before analysis: spaCy's own max_length, ten times
# the longest news article (a book-length text: its analysis takes minutes and gigabytes,
# measured at about 5 min and 2.9 GB for 1.06 M characters on 2 busy cores). Long texts under
# it are parsed in sentence-bounded chunks (``nlp.parse``).
DEFAULT_MAX_TEXT_CHARS = 1_000_000

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
    #: Time and memory for each HTML page and feed parse (None: parse in this process, unbounded)
    budget: Budget | None = field(default_factory=Budget)
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS  # clean text of one document

    def get_fetcher(self) -> Fetcher:
        from storyline.ingest.fetch import HttpFetcher  # httpx: imported when a URL comes

        return self.fetcher or HttpFetcher(max_bytes=self.max_bytes)
