"""Boilerplate across the pile: lines that recur in many documents, next to different text.

A site prints the same masthead, share bar, app prompt and disclaimer around every article; a
syndicated copy repeats the *paragraphs* of its original. Both are repeated lines, told apart by
their neighbours: boilerplate sits next to different lines in each document, a copied paragraph
next to the same ones. This is trafilatura's deduplication idea (a cache of text segments seen
before) and jusText's "boilerplate" class, made safe for piles of news with wire copies.

Two steps, so the pile is streamed once and preparing a document stays pure:

* ``LineCounts.add`` reads one document's lines and updates the counts (a short hash per distinct
  line, the documents and sites it was seen in, up to ``min_contexts`` distinct neighbour pairs);
  memory grows with the number of distinct short lines, never with the text.
* ``repeated_lines`` (pure) says which lines of one document are boilerplate, with the evidence
  in words; ``without_boilerplate`` re-cleans a stored document with that knowledge and returns
  the new version, or None when nothing changes.

Thresholds are data (``data/furniture.toml`` [repetition]).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlsplit

from storyline.data import read_toml
from storyline.ingest.clean import clean_text
from storyline.models import Document
from storyline.text.lines import line_key, line_shape, split_lines

START, END = "^", "$"  # the neighbours of a document's first and last lines
#: Source kinds whose text an HTML extractor produced (``RawRecord.already_extracted``).
EXTRACTED_KINDS = frozenset({"html", "url"})


@dataclass(frozen=True)
class RepetitionRules:
    min_documents: int
    min_site_documents: int
    min_contexts: int
    max_chars: int


@cache
def repetition_rules() -> RepetitionRules:
    data = read_toml("furniture.toml")["repetition"]
    return RepetitionRules(
        min_documents=int(data["min_documents"]),
        min_site_documents=int(data["min_site_documents"]),
        min_contexts=int(data["min_contexts"]),
        max_chars=int(data["max_chars"]),
    )


def site_of(document: Document) -> str | None:
    """The site a document came from: its URL's host (without "www."), when it has a URL."""
    if not document.url:
        return None
    try:
        host = urlsplit(document.url).hostname or ""
    except ValueError:
        return None
    return host.removeprefix("www.") or None


def keyed_lines(raw: str, max_chars: int) -> list[tuple[str, str, str]]:
    """(key, previous key, next key) of every line short enough to be boilerplate."""
    keys = [line_key(line.text) for line in split_lines(raw)]
    texts = [line.text for line in split_lines(raw)]
    out = []
    for i, key in enumerate(keys):
        if len(texts[i]) <= max_chars:
            before = keys[i - 1] if i else START
            after = keys[i + 1] if i + 1 < len(keys) else END
            out.append((key, before, after))
    return out


@dataclass
class LineCounts:
    """Pile-wide counts of normalised line hashes (see the module docstring)."""

    rules: RepetitionRules = field(default_factory=repetition_rules)
    documents: int = 0
    in_documents: Counter[str] = field(default_factory=Counter)
    in_site: Counter[tuple[str, str]] = field(default_factory=Counter)
    contexts: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))

    def add(self, raw: str, site: str | None = None) -> None:
        """Count one document's lines (each distinct line once per document)."""
        self.documents += 1
        seen: set[str] = set()
        for key, before, after in keyed_lines(raw, self.rules.max_chars):
            contexts = self.contexts[key]
            if len(contexts) < self.rules.min_contexts:
                contexts.add((before, after))
            if key in seen:
                continue
            seen.add(key)
            self.in_documents[key] += 1
            if site:
                self.in_site[(site, key)] += 1

    def add_all(self, documents: Iterable[Document]) -> LineCounts:
        for document in documents:
            self.add(document.raw_text, site_of(document))
        return self


def repeated_lines(raw: str, site: str | None, counts: LineCounts) -> dict[str, str]:
    """Line key → why the line is boilerplate, for the lines of one document that are."""
    rules = counts.rules
    found: dict[str, str] = {}
    for line in split_lines(raw):
        if len(line.text) > rules.max_chars:
            continue
        key = line_key(line.text)
        if key in found:
            continue
        pile = counts.in_documents.get(key, 0)
        here = counts.in_site.get((site, key), 0) if site else 0
        varied = len(counts.contexts.get(key, ())) >= rules.min_contexts
        prose = line_shape(line.text).prose
        if pile >= rules.min_documents and varied:
            found[key] = f"in {pile} of {counts.documents} documents, next to different text"
        elif not prose and site and here >= rules.min_site_documents:
            found[key] = f"in {here} documents of {site}"
    return found


def without_boilerplate(document: Document, counts: LineCounts) -> Document | None:
    """The document re-cleaned with the pile's boilerplate known, or None if nothing changes.

    Only what the cleaner decides changes (text, blocks, removals, title, byline, dateline); the
    publication date and the re-ingest key (``content_hash``, the hash of the text as prepared
    on its own) stay, so re-ingesting the same file is still recognised as unchanged.
    """
    site = site_of(document)
    repeated = repeated_lines(document.raw_text, site, counts)
    if not repeated:
        return None
    title = document.title if document.source_kind != "txt" else None
    extracted = document.source_kind in EXTRACTED_KINDS
    cleaned = clean_text(
        document.raw_text, known_title=title, repeated=repeated, extracted=extracted
    )
    if not cleaned.text.strip() or cleaned.text == document.text:
        return None
    header = cleaned.header
    return document.model_copy(
        update={
            "text": cleaned.text,
            "blocks": cleaned.blocks,
            "removed": cleaned.removed,
            "title": header.title or document.title,
            "byline": document.byline or header.byline,
            "dateline": header.dateline or document.dateline,
        }
    )
