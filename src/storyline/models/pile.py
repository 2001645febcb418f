"""The analyses of a pile as the cross-document stages read them: layer by layer, streamed.

Why: each cross-document stage reads one or two layers of every analysis (the entities stage
the mentions, the event stages the events, the figure groups the figures; see
``pipeline/corpus.py``), once, and keeps only what it derives. Holding every analysis for the
whole phase was the largest holder of a build's memory (issue 18: 128 MB at 1,600 simulated
documents, before any stage kept anything). A pile hands each stage the layers it names, one
analysis at a time, so what a stage holds is its own result: the store's pile
(``store.analyses.StoredAnalyses``) reads them in chunks of the stored JSON, and
``HeldAnalyses`` wraps analyses already in memory (tests, evaluations, a pile of a few).

An analysis a pile yields has at least the layers asked for; the others may be empty, so a
stage must name every layer it reads (``LAYERS`` lists them).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from storyline.models.corpus import DocumentAnalysis

#: The layers of a ``DocumentAnalysis`` a pile can be asked for (every field but its keys).
LAYERS = frozenset(DocumentAnalysis.model_fields) - {"doc_id", "version"}


@runtime_checkable
class AnalysisPile(Protocol):
    """Every analysis of a pile, read on demand (module docstring)."""

    def read(self, layers: Collection[str]) -> Iterator[DocumentAnalysis]:
        """Every analysis in the pile's order (document id order for the store's), each with
        at least ``layers``."""
        ...

    def of(self, ids: Sequence[str], layers: Collection[str]) -> Iterator[DocumentAnalysis | None]:
        """The analysis of each of ``ids``, in their order (None where there is none), each
        with at least ``layers``."""
        ...


@dataclass(frozen=True)
class HeldAnalyses:
    """A pile over analyses already in memory, in their given order, with all their layers."""

    analyses: Sequence[DocumentAnalysis]

    def read(self, layers: Collection[str]) -> Iterator[DocumentAnalysis]:
        return iter(self.analyses)

    def of(self, ids: Sequence[str], layers: Collection[str]) -> Iterator[DocumentAnalysis | None]:
        by_id = {a.doc_id: a for a in self.analyses}  # the last of one id, as a dict keeps it
        return (by_id.get(doc_id) for doc_id in ids)


def as_pile(analyses: Sequence[DocumentAnalysis] | AnalysisPile) -> AnalysisPile:
    """``analyses`` as a pile: a pile as it is, a sequence of analyses held."""
    return analyses if isinstance(analyses, AnalysisPile) else HeldAnalyses(analyses)
