"""Per-document language analysis: one spaCy parse feeds every per-document extractor.

``analyse`` is pure (document + parse → ``DocumentAnalysis``); ``analyse_documents`` batches
the parsing through ``nlp.pipe``. Bump ``ANALYSIS_VERSION`` when an extractor's output changes:
the next build re-analyses stored documents whose analysis is older.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Doc

from storyline.entities.extract import extract_mentions
from storyline.events.extract import extract_event_mentions
from storyline.events.lexicon import Lexicon, load_lexicon
from storyline.figures.extract import extract_figures
from storyline.models import Document, DocumentAnalysis, Sentence
from storyline.nlp import DEFAULT_BATCH_SIZE, load_model, parse, sentence_spans
from storyline.quality.signals import document_signals
from storyline.timex.extract import extract_timexes

ANALYSIS_VERSION = "6"


@dataclass(frozen=True)
class AnalysisSettings:
    """What a user may change about the per-document analysis; small and picklable, so
    worker processes and Dask workers receive it with each task."""

    event_lexicon: str | None = None  # a user TSV merged over the built-in PLOVER lexicon

    def version(self) -> str:
        """ANALYSIS_VERSION plus a digest of the user's lexicon: changing it re-analyses."""
        return _version(self.event_lexicon)


DEFAULT_SETTINGS = AnalysisSettings()


@cache
def _version(lexicon_path: str | None) -> str:
    """Read once per process: ``analyse`` asks for it with every document."""
    if lexicon_path is None:
        return ANALYSIS_VERSION
    digest = hashlib.sha256(Path(lexicon_path).read_bytes()).hexdigest()[:10]
    return f"{ANALYSIS_VERSION}+lexicon-{digest}"


@cache
def _lexicon(path: str | None) -> Lexicon | None:
    return load_lexicon(path) if path else None


def analyse(
    document: Document, parsed: Doc, settings: AnalysisSettings = DEFAULT_SETTINGS
) -> DocumentAnalysis:
    """Everything the per-document stages find in one parsed document."""
    sentences = [
        Sentence(doc_id=document.id, index=i, start=start, end=end, text=document.text[start:end])
        for i, (start, end) in enumerate(sentence_spans(parsed))
    ]
    timexes = extract_timexes(document, parsed)
    mentions = extract_mentions(document, parsed)
    return DocumentAnalysis(
        doc_id=document.id,
        version=settings.version(),
        sentences=sentences,
        timexes=timexes,
        mentions=mentions,
        events=extract_event_mentions(
            document, parsed, timexes, mentions, _lexicon(settings.event_lexicon)
        ),
        figures=extract_figures(document, parsed, timexes),
        signals=document_signals(document, parsed),
    )


def analyse_documents(
    documents: Iterable[Document],
    settings: AnalysisSettings = DEFAULT_SETTINGS,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Iterator[DocumentAnalysis]:
    """Analyses in input order; spaCy runs once over the batch (``nlp.pipe``)."""
    nlp = load_model()
    pending = list(documents)
    for document, parsed in zip(
        pending, parse((d.text for d in pending), nlp, batch_size), strict=True
    ):
        yield analyse(document, parsed, settings)
