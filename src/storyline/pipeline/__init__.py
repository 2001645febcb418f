"""The build: sequences the stages and the engines that run them.

``build`` runs ingest → per-document analysis → cross-document stages → briefing and reports;
``analyse`` is the per-document analysis (one spaCy parse, every extractor); ``engines`` runs it
in process, in worker processes or on Dask; ``corpus`` sequences the cross-document stages.
"""

from storyline.pipeline.build import BuildOptions, BuildReport, build

__all__ = ["BuildOptions", "BuildReport", "build"]
