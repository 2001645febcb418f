"""Each story's heaviest centroid terms (``stories.centroids``), kept so a re-build ranks again
only the centroids of stories whose documents changed.

A row is (key, deflated JSON list of terms): the key is a digest of the story's documents'
story-clustering row keys (``stories.centroids.top_terms_key``), so a story whose documents
changed is simply not found under its new key. Like a story's record (``story_records``) a row
belongs to no one document; a build keeps exactly the rows of its stories.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

from storyline.store.connection import StoreConnection
from storyline.store.kept import keep_keyed_json, keyed_json


class StoryTopTermTable(StoreConnection):
    """The ``story_top_terms`` table."""

    def story_top_terms(self, keys: Collection[bytes]) -> Iterator[tuple[bytes, str]]:
        """(key, JSON) of each of ``keys`` that has a stored row."""
        return keyed_json(self.db, "story_top_terms", keys)

    def keep_story_top_terms(
        self, current: Collection[bytes], made: Iterable[tuple[bytes, str]]
    ) -> None:
        """In one transaction: store the (key, JSON) rows ``made`` and drop every row whose key
        is not in ``current`` (the stories of this build)."""
        keep_keyed_json(self, "story_top_terms", current, made)
