"""storyline: turn a pile of messy news articles about one story into a cited briefing.

The public API: ``build`` runs the whole pipeline; ``Store`` reads what a build stored;
``read_inputs`` and ``prepare_document`` are the ingest and cleaning stages on their own.
"""

__version__ = "0.1.0"

from storyline.ingest import IngestOptions, read_inputs
from storyline.pipeline import BuildOptions, BuildReport, build
from storyline.prepare import prepare_document
from storyline.store import Store

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
