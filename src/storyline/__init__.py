"""storyline: turn a pile of messy news articles about one story into a cited briefing."""

__version__ = "0.1.0"
