"""Figures: money, percentages, counts, durations and ordinals with what they measure, and
their grouping across sources (corroborated, conflicting, related, single-source).

``numbers`` parses quantities, ``syntax`` reads the parse around them, ``parties`` finds who
a figure is about, ``candidates``, ``target`` and ``measure`` decide what a figure measures,
``extract`` runs it over one document, ``group`` compares figures across documents.
"""

from storyline.figures.extract import extract_figures, group_figures

__all__ = ["extract_figures", "group_figures"]
