"""Pile stages: what can only be known once every document is in, applied before the analysis.

A pile stage runs between ingest and the per-document analysis, in two steps so it streams:
``count`` reads every stored document once (a generator, never the whole pile in memory) and
returns what it learned; ``apply`` is pure — one document and the counts in, the revised document
(or None when nothing changes) out. Revised documents are written back in batches and, their text
having changed, analysed afresh. ``prepare_document`` stays pure and per-document; re-ingesting
the same input leaves the stored (revised) version alone, because the re-ingest key is the hash
of the text as prepared on its own.

The one stage today is ``boilerplate`` (``ingest/boilerplate.py``): lines that recur across the
pile next to different text are site furniture.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from storyline.ingest.boilerplate import LineCounts, without_boilerplate
from storyline.models import Document

BATCH = 256


class PileStore(Protocol):
    """What a pile stage needs of the store."""

    def document_ids(self) -> list[str]: ...
    def documents(self, ids: list[str] | None = None, compacted: bool = True) -> list[Document]: ...
    def revise_documents(self, documents: Iterable[Document]) -> int: ...


@dataclass(frozen=True)
class PileStage:
    """One pile stage: ``count`` over all documents, then ``apply`` to each (see module doc)."""

    name: str
    reads: frozenset[str]
    adds: frozenset[str]
    count: Callable[[Iterable[Document]], Any]
    apply: Callable[[Document, Any], Document | None]


def _count_lines(documents: Iterable[Document]) -> LineCounts:
    return LineCounts().add_all(documents)


#: The pile stages, in the order they run.
PILE_STAGES: tuple[PileStage, ...] = (
    PileStage(
        "boilerplate",
        frozenset({"documents"}),
        frozenset({"documents"}),
        _count_lines,
        without_boilerplate,
    ),
)


def _stream(store: PileStore, ids: list[str]) -> Iterator[Document]:
    """The stored documents, a batch at a time, as read (not compacted: each is dropped once
    counted or applied)."""
    for i in range(0, len(ids), BATCH):
        yield from store.documents(ids[i : i + BATCH], compacted=False)


def run_pile_stages(store: PileStore, stages: Iterable[PileStage] = PILE_STAGES) -> list[str]:
    """Run every pile stage over the stored documents; the ids of the documents revised."""
    revised: list[str] = []
    for stage in stages:
        ids = store.document_ids()
        counts = stage.count(_stream(store, ids))
        batch: list[Document] = []
        for document in _stream(store, ids):
            changed = stage.apply(document, counts)
            if changed is not None:
                batch.append(changed)
                revised.append(changed.id)
            if len(batch) >= BATCH:
                store.revise_documents(batch)
                batch = []
        store.revise_documents(batch)
    return list(dict.fromkeys(revised))
