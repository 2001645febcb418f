"""Each document's event mentions, kept between builds so the two event merges read a small
row per document instead of every stored analysis (issue 18, incremental builds).

Both event merges (``corpus._events`` and ``corpus._events_by_story``) began by reading the
events layer of every analysis: SQLite inflated each whole stored analysis and cut the other
layers out of its JSON, about 0.3 CPU s per merge on a 1,010-document pile, most of it for
documents that did not change. A document's event mentions are a copy of its analysis's events
layer, so they depend on that analysis alone (and the models, through the code): a row is kept
under a digest of the stored analysis, the document's text and the code (``events_key``). A
build reads back every row whose key still matches and reads from the analyses only the rest,
making and keeping their rows; the first merge of a build keeps them, the second finds them
all. The mentions are the same values in the same order (document id order, the pile's;
analysis order within a document), so the merges are unchanged.

A row is the mentions' JSON as parsed from the analysis (``exclude_unset``: read back, each has
the fields it had), deflated by the store; an evidence sentence is left out where it is its
span of the document's text (almost always), and restored from the text when read, so the key
covers the text too. What the merges do with the mentions (resolving actors through the
corpus-wide entities, blocking, comparing) is not per document: each part of a merge (the
mentions that can meet, ``events.parts``) is kept by ``events.kept_parts``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Protocol

from pydantic import BaseModel

from storyline.models import Document, EventMention
from storyline.models.compact import compact
from storyline.models.kept_rows import (
    analysis_key,
    read_or_make,
    restore_own_sentences,
    without_own_sentences,
)
from storyline.models.pile import AnalysisPile


class EventRowCache(Protocol):
    """Where rows made once are kept (the store: ``store.event_rows``). It is the store the
    analyses are read from: ``analysis_digests`` names the stored analyses."""

    def analysis_digests(self, ids: Sequence[str]) -> dict[str, bytes]: ...
    def event_rows(self, keys: Mapping[str, bytes]) -> Iterator[tuple[str, str]]: ...
    def save_event_rows(self, rows: Iterable[tuple[str, bytes, str]]) -> None: ...


class EventRow(BaseModel):
    """A document's event mentions in analysis order, and which mentions' evidence sentences
    were left out (they are their span of the document's text)."""

    events: list[EventMention]
    own_sentences: list[int]


#: The key a document's row is kept under (``models.kept_rows.analysis_key``): changes with its
#: stored analysis, its text (the sentences left out are read from it) or the code.
events_key = analysis_key


def packed_events(document: Document, mentions: Sequence[EventMention]) -> str:
    """A document's row as kept (JSON): each evidence sentence that is its span of the text is
    left out (most are: about a third of the row)."""
    kept, own = without_own_sentences(document, mentions)
    return EventRow(events=kept, own_sentences=own).model_dump_json(exclude_unset=True)


def unpacked_events(document: Document, data: str) -> list[EventMention]:
    """``packed_events`` read back, its sentences restored from ``document``'s text, compacted
    (``models.compact``) as the pile's reads are."""
    row = EventRow.model_validate_json(data)
    restore_own_sentences(document, row.events, row.own_sentences)
    return compact(row).events  # one string per sentence, shared by its mentions


def kept_event_mentions(
    documents: Sequence[Document], analyses: AnalysisPile, kept: EventRowCache
) -> list[EventMention]:
    """Every analysed document's event mentions, in document id order (the pile's): rows read
    back from ``kept`` where the key still matches, made (reading only those documents'
    analyses) and kept for the rest."""
    by_id = {d.id: d for d in documents}
    digests = kept.analysis_digests(sorted(by_id))
    keys = {doc_id: events_key(by_id[doc_id], digest) for doc_id, digest in digests.items()}

    def made(missing: list[str]) -> Iterator[tuple[str, str]]:
        for doc_id, analysis in zip(missing, analyses.of(missing, ("events",)), strict=True):
            yield doc_id, packed_events(by_id[doc_id], analysis.events if analysis else [])

    rows = read_or_make(
        keys,
        kept.event_rows(keys),
        made,
        lambda doc_id, data: unpacked_events(by_id[doc_id], data),
        kept.save_event_rows,
    )
    return [mention for doc_id in sorted(keys) for mention in rows.pop(doc_id)]
