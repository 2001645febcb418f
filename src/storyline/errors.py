"""Errors storyline raises on purpose. Bad *input* is not an exception but a ``Skipped`` record.

StorylineError            base; carries a message meant for the user
├── IngestError           one input could not be read (file named in the message)
├── ModelNotFoundError    no spaCy English model is installed
├── StoreError            the store cannot be opened or is from a newer version
├── QueryError            a search/ask query is malformed
└── SettingsError         a settings table (data/*.toml) is malformed: file and key named
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base class; ``str(error)`` is a one-line message fit to show a user."""


class IngestError(StorylineError):
    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class ModelNotFoundError(StorylineError):
    pass


class StoreError(StorylineError):
    pass


class QueryError(StorylineError):
    pass


class SettingsError(StorylineError):
    """A packaged or user-edited settings table does not have the shape its schema says."""
