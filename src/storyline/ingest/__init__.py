"""Ingest: inputs (files, directories, URLs, feeds, JSON) → clean, dated ``Document`` records.

``inputs`` reads every input kind behind one boundary (bad input becomes a ``Skipped``, never
an exception), with ``decode`` (bytes → text), ``records`` (HTML, JSON, JSON Lines) and
``feeds`` (RSS/Atom) for the formats, ``budget`` for the time and memory of the parsers that
can run away, ``skips`` for the boundary and its summaries, and ``options`` for how inputs are
read; ``html`` takes the main text out of a page; ``clean`` removes site furniture; ``header``
lifts title, byline and dateline; ``published`` dates the article; ``prepare`` runs those
steps on one record.

The names are imported on first use (PEP 562), so a light module of this package (``options``)
loads without the parsers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storyline.ingest.inputs import IngestOptions, expand_inputs, read_input, read_inputs
    from storyline.ingest.prepare import prepare_document

_EXPORTS = {
    "IngestOptions": "storyline.ingest.inputs",
    "expand_inputs": "storyline.ingest.inputs",
    "read_input": "storyline.ingest.inputs",
    "read_inputs": "storyline.ingest.inputs",
    "prepare_document": "storyline.ingest.prepare",
}

__all__ = ["IngestOptions", "expand_inputs", "prepare_document", "read_input", "read_inputs"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'storyline.ingest' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
