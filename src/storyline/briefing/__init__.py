"""The briefing: what a build delivers (``briefing.json``), composed from the store or from the
records in memory; ``schema_doc`` writes its documented schema."""

from storyline.briefing.compose import briefing_of, make_briefing, write_briefing

__all__ = ["briefing_of", "make_briefing", "write_briefing"]
