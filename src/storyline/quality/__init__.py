"""Source quality: explained signals per document (``signals``) combined into a score a user
can sort by and read (``scoring``)."""

from storyline.quality.scoring import score_quality
from storyline.quality.signals import document_signals

__all__ = ["document_signals", "score_quality"]
