"""Each document's figures, kept between builds so the figure stage reads a small row per
document instead of every stored analysis (issue 18, incremental builds).

The figure stage began by reading the figures layer of every analysis: SQLite inflated each
whole stored analysis and cut the other layers out of its JSON, and the pile compacted what it
read, about half the stage's time in a build after a 1% addition to a 1,010-document pile. A
document's figures are a copy of its analysis's figures layer, so they depend on that analysis
alone (and the models, through the code): a row is kept under a digest of the stored analysis,
the document's text and the code (``models.kept_rows.analysis_key``). A build reads back every
row whose key still matches and reads from the analyses only the rest, making and keeping their
rows. The figures are the same values in the same order (document id order, the pile's;
analysis order within a document), so the groups are unchanged. They are not compacted: the
stage holds them only while it groups them (its groups name figures by id).

A row is the figures' JSON as parsed from the analysis (``exclude_unset``: read back, each has
the fields it had); an evidence sentence is left out where it is its span of the document's
text (almost always), and restored from the text when read, so the key covers the text too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Protocol

from pydantic import BaseModel

from storyline.models import Document, Figure
from storyline.models.kept_rows import (
    analysis_key,
    read_or_make,
    restore_own_sentences,
    without_own_sentences,
)
from storyline.models.pile import AnalysisPile


class FigureRowCache(Protocol):
    """Where rows made once are kept (the store: ``store.figure_rows``). It is the store the
    analyses are read from: ``analysis_digests`` names the stored analyses."""

    def analysis_digests(self, ids: Sequence[str]) -> dict[str, bytes]: ...
    def figure_rows(self, keys: Mapping[str, bytes]) -> Iterator[tuple[str, str]]: ...
    def save_figure_rows(self, rows: Iterable[tuple[str, bytes, str]]) -> None: ...


class FigureRow(BaseModel):
    """A document's figures in analysis order, and which figures' evidence sentences were left
    out (they are their span of the document's text)."""

    figures: list[Figure]
    own_sentences: list[int]


def packed_figures(document: Document, figures: Sequence[Figure]) -> str:
    """A document's row as kept (JSON): each evidence sentence that is its span of the text is
    left out."""
    kept, own = without_own_sentences(document, figures)
    return FigureRow(figures=kept, own_sentences=own).model_dump_json(exclude_unset=True)


def unpacked_figures(document: Document, data: str) -> list[Figure]:
    """``packed_figures`` read back, its sentences restored from ``document``'s text."""
    row = FigureRow.model_validate_json(data)
    restore_own_sentences(document, row.figures, row.own_sentences)
    return row.figures


def kept_figures(
    documents: Sequence[Document], analyses: AnalysisPile, kept: FigureRowCache
) -> list[Figure]:
    """Every analysed document's figures, in document id order (the pile's): rows read back
    from ``kept`` where the key still matches, made (reading only those documents' analyses)
    and kept for the rest."""
    by_id = {d.id: d for d in documents}
    digests = kept.analysis_digests(sorted(by_id))
    keys = {doc_id: analysis_key(by_id[doc_id], digest) for doc_id, digest in digests.items()}

    def made(missing: list[str]) -> Iterator[tuple[str, str]]:
        for doc_id, analysis in zip(missing, analyses.of(missing, ("figures",)), strict=True):
            yield doc_id, packed_figures(by_id[doc_id], analysis.figures if analysis else [])

    rows = read_or_make(
        keys,
        kept.figure_rows(keys),
        made,
        lambda doc_id, data: unpacked_figures(by_id[doc_id], data),
        kept.save_figure_rows,
    )
    return [figure for doc_id in sorted(keys) for figure in rows.pop(doc_id)]
