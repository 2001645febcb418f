"""What each stage reads and adds, declared once, in the spirit of spaCy's components.

A stage is a plain function wrapped with its name, the fields it reads and the fields it adds.
The order of ``DOCUMENT_STAGES`` and ``CORPUS_STAGES`` is the pipeline; ``missing_inputs`` says,
before anything runs, which stage would read a field that no earlier stage adds (a test keeps
both lists valid). The per-document stages read one parsed document and fill one field of its
``DocumentAnalysis``; the cross-document stages read the whole corpus view and fill its fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from storyline.models import CorpusView, Document
from storyline.models.pile import AnalysisPile

#: What a per-document stage can read before any stage ran.
DOCUMENT_INPUTS = frozenset({"document", "parse", "settings"})
#: What a cross-document stage can read before any stage ran.
CORPUS_INPUTS = frozenset({"documents", "analyses"})


@dataclass
class DocumentState:
    """One document while its stages run: the inputs and what earlier stages added."""

    document: Document
    parse: Doc
    settings: Any  # pipeline.analyse.AnalysisSettings (kept loose: no import cycle)
    found: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DocumentStage:
    """One per-document extractor: ``run`` returns the value of the ``adds`` field."""

    name: str
    reads: frozenset[str]
    adds: str
    run: Callable[[DocumentState], Any]
    empty: Callable[[], Any] = list  # what the field holds when the stage failed


@dataclass
class CorpusState:
    """The corpus while the cross-document stages run."""

    documents: Sequence[Document]
    analyses: AnalysisPile  # read layer by layer, as each stage needs them (models/pile.py)
    view: CorpusView
    #: working values shared between stages that are not part of the view (e.g. copy_of)
    shared: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CorpusStage:
    """One cross-document stage: ``run`` sets the ``adds`` fields of the view (or of
    ``shared``) and nothing else; its time is recorded under ``name``."""

    name: str
    reads: frozenset[str]
    adds: frozenset[str]
    run: Callable[[CorpusState], None]


def missing_inputs(
    stages: Iterable[DocumentStage | CorpusStage], available: Iterable[str]
) -> dict[str, set[str]]:
    """Stage name → the fields it reads that no earlier stage (nor the inputs) provides."""
    known = set(available)
    missing: dict[str, set[str]] = {}
    for stage in stages:
        lacking = set(stage.reads) - known
        if lacking:
            missing[stage.name] = lacking
        known |= {stage.adds} if isinstance(stage, DocumentStage) else set(stage.adds)
    return missing


def stage_names(stages: Iterable[DocumentStage | CorpusStage]) -> list[str]:
    return [stage.name for stage in stages]
