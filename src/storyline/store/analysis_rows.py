"""An analysis as the rows the store keeps of it, made apart from the writing (issue 18,
``--workers N``).

Saving an analysis is mostly making its rows: its JSON serialised, its sentences cut out
(``analysis_spans``) and deflated, its digest, its sentences' rows, each time expression's and
each figure's row serialised and deflated. Only the inserts need the store. With worker
processes the driver is the single writer, and every CPU second it spends competes with the
workers on the same cores: so the workers make the rows (``analysis_rows``, pure: an analysis
and its document's clean text in, plain bytes and tuples out, cheap to send back) and the
driver only inserts them (``AnalysisTables.save_analysis_rows``). ``save_analyses`` makes the
same rows from the clean text it reads from the store, so both paths store the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.models import DocumentAnalysis, Sentence
from storyline.store.analysis_spans import stored_analysis
from storyline.store.codec import stored_digest
from storyline.store.figure_spans import stored_figure
from storyline.store.told import TimexRow, timex_rows

#: A ``sentences`` row: document id, index, start, end, text (None: its span of the clean text).
SentenceRow = tuple[str, int, int, int, str | None]
#: A ``figures`` row: id, document id, data, sentence start, head.
FigureRow = tuple[str, str, bytes, int, str]


@dataclass(frozen=True)
class AnalysisRows:
    """What the store writes for one analysis: its ``analyses`` row (``data`` as stored,
    with its ``digest``) and its ``sentences``, ``timexes`` and ``figures`` rows, in the order
    they are inserted."""

    doc_id: str
    version: str
    data: bytes
    digest: bytes
    sentences: tuple[SentenceRow, ...]
    timexes: tuple[TimexRow, ...]
    figures: tuple[FigureRow, ...]


def analysis_rows(analysis: DocumentAnalysis, clean: str) -> AnalysisRows:
    """The rows of ``analysis``, given its document's clean text as the store holds it."""
    data = stored_analysis(analysis.model_dump_json(), clean)  # sentences as spans, deflated
    return AnalysisRows(
        doc_id=analysis.doc_id,
        version=analysis.version,
        data=data,
        digest=stored_digest(analysis.version, data),
        # a sentence is kept as its span of the clean text (schema.MIGRATION_7)
        sentences=tuple(
            (s.doc_id, s.index, s.start, s.end, _unless_span(s.text, clean, s))
            for s in analysis.sentences
        ),
        timexes=tuple(timex_rows(analysis)),
        figures=tuple(
            (
                f.id,
                analysis.doc_id,
                stored_figure(f.model_dump_json(), clean),  # figure_spans
                f.provenance.sentence_start,
                f.measure_key.split("|")[0],  # its head (kept_schema.MIGRATION_26)
            )
            for f in analysis.figures
        ),
    )


def _unless_span(text: str, clean: str, sentence: Sentence) -> str | None:
    """A sentence's text as its row keeps it: None when it is its span of the clean text."""
    return None if clean[sentence.start : sentence.end] == text else text
