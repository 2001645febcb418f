"""Each story's record (``stories.kept_records``), kept so a re-build names again only the
stories whose inputs changed.

A row is (key, deflated JSON): the key is a digest of everything the story's record reads
(``stories.kept_records.RecordKeys``), so a story whose inputs changed is simply not found under
its new key. Like a story's summary (``story_summaries``) a row belongs to no one document; a
build keeps exactly the rows of its stories, so the table never outgrows them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

from storyline.store.connection import StoreConnection
from storyline.store.kept import keep_keyed_json, keyed_json


class StoryRecordTable(StoreConnection):
    """The ``story_records`` table."""

    def story_records(self, keys: Collection[bytes]) -> Iterator[tuple[bytes, str]]:
        """(key, JSON) of each of ``keys`` that has a stored row."""
        return keyed_json(self.db, "story_records", keys)

    def keep_story_records(
        self, current: Collection[bytes], made: Iterable[tuple[bytes, str]]
    ) -> None:
        """In one transaction: store the (key, JSON) rows ``made`` and drop every row whose key
        is not in ``current`` (the stories of this build)."""
        keep_keyed_json(self, "story_records", current, made)
