"""Source quality: explained signals per document (``text_signals`` without a parse,
``signals`` with it, both tuned by ``rules``) combined into a score a user can sort by and read
(``scoring``)."""

from storyline.quality.scoring import score_quality
from storyline.quality.signals import document_signals

__all__ = ["document_signals", "score_quality"]
