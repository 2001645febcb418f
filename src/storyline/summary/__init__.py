"""The cited extractive summary: ``candidates`` decides which sentences may be chosen,
``select`` chooses them by coverage of the corpus's events, figures and entities (``concepts``
indexes and weighs what a sentence covers, ``greedy`` picks, ``citations`` dates and cites the
chosen ones; ``rank`` is the LexRank alternative kept for comparison)."""

from storyline.summary.select import summarise, summarise_all

__all__ = ["summarise", "summarise_all"]
