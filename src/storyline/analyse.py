"""Per-document language analysis: one spaCy parse feeds every per-document extractor.

``analyse`` is pure (document + parse → ``DocumentAnalysis``); ``analyse_documents`` batches
the parsing through ``nlp.pipe``. Bump ``ANALYSIS_VERSION`` when an extractor's output changes:
the next build re-analyses stored documents whose analysis is older.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from storyline.entities import extract_mentions
from storyline.events import extract_event_mentions
from storyline.figures import extract_figures
from storyline.models import Document, DocumentAnalysis, Sentence
from storyline.nlp import DEFAULT_BATCH_SIZE, load_model, parse, sentence_spans
from storyline.quality import document_signals
from storyline.timex import extract_timexes

ANALYSIS_VERSION = "5"


def analyse(document: Document, parsed: Doc) -> DocumentAnalysis:
    """Everything the per-document stages find in one parsed document."""
    sentences = [
        Sentence(doc_id=document.id, index=i, start=start, end=end, text=document.text[start:end])
        for i, (start, end) in enumerate(sentence_spans(parsed))
    ]
    timexes = extract_timexes(document, parsed)
    mentions = extract_mentions(document, parsed)
    return DocumentAnalysis(
        doc_id=document.id,
        version=ANALYSIS_VERSION,
        sentences=sentences,
        timexes=timexes,
        mentions=mentions,
        events=extract_event_mentions(document, parsed, timexes, mentions),
        figures=extract_figures(document, parsed, timexes),
        signals=document_signals(document, parsed),
    )


def analyse_documents(
    documents: Iterable[Document], batch_size: int = DEFAULT_BATCH_SIZE, n_process: int = 1
) -> Iterator[DocumentAnalysis]:
    """Analyses in input order; spaCy runs once over the batch (``nlp.pipe``)."""
    nlp = load_model()
    pending = list(documents)
    for document, parsed in zip(
        pending, parse((d.text for d in pending), nlp, batch_size, n_process), strict=True
    ):
        yield analyse(document, parsed)
