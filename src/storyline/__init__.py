"""storyline: turn a pile of messy news articles about one story into a cited briefing.

The public API: ``build`` runs the whole pipeline; ``Store`` reads what a build stored;
``read_inputs`` and ``prepare_document`` are the ingest and cleaning stages on their own.

The names are imported on first use (PEP 562), so ``import storyline`` — and every command-line
call that only reads a store — does not pay for spaCy and Dask.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from storyline.version import __version__

if TYPE_CHECKING:
    from storyline.ingest import IngestOptions, prepare_document, read_inputs
    from storyline.pipeline import BuildOptions, BuildReport, build
    from storyline.store import Store

#: public name → the module that defines it
_EXPORTS = {
    "BuildOptions": "storyline.pipeline",
    "BuildReport": "storyline.pipeline",
    "IngestOptions": "storyline.ingest",
    "Store": "storyline.store",
    "build": "storyline.pipeline",
    "prepare_document": "storyline.ingest",
    "read_inputs": "storyline.ingest",
}

__all__ = [
    "BuildOptions",
    "BuildReport",
    "IngestOptions",
    "Store",
    "__version__",
    "build",
    "prepare_document",
    "read_inputs",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'storyline' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
