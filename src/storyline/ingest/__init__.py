"""Ingest: inputs (files, directories, URLs, feeds, JSON) → clean, dated ``Document`` records.

``inputs`` reads every input kind behind one boundary (bad input becomes a ``Skipped``, never
an exception), with ``decode`` (bytes → text), ``records`` (HTML, JSON, JSON Lines) and
``feeds`` (RSS/Atom) for the formats and ``options`` for how they are read; ``html`` takes the
main text out of a page; ``clean`` removes site furniture; ``header`` lifts title, byline and
dateline; ``published`` dates the article; ``prepare`` runs those steps on one record.
"""

from storyline.ingest.inputs import IngestOptions, expand_inputs, read_input, read_inputs
from storyline.ingest.prepare import prepare_document

__all__ = ["IngestOptions", "expand_inputs", "prepare_document", "read_input", "read_inputs"]
