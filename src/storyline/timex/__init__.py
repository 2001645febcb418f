"""Temporal expressions (TIMEX3): find them with rules over the parse, normalise their values
against the article's date.

``rules`` loads the lexicon and patterns (data/timex.toml), ``calendar`` does date arithmetic,
``relative`` resolves "on Wednesday" and "last year", ``normalise`` turns a match into a value,
``extract`` runs it all over one parsed document.
"""

from storyline.timex.extract import extract_timexes

__all__ = ["extract_timexes"]
