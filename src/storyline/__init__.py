"""storyline: turn a pile of messy news articles about one story into a cited briefing.

The public API: ``build`` runs the whole pipeline; ``Store`` reads what a build stored;
``read_inputs`` and ``prepare_document`` are the ingest and cleaning stages on their own.
"""

__version__ = "0.1.0"

from storyline.ingest.inputs import IngestOptions, read_inputs
from storyline.ingest.prepare import prepare_document
from storyline.pipeline.build import BuildOptions, BuildReport, build
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
