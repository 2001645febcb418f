"""Each story's summary (``summary.kept_stories``), kept so a re-build summarises again only the
stories whose inputs changed.

A row is (key, deflated text): the key is a digest of everything the story's summary reads
(``summary.kept_stories.story_keys``), so a story whose inputs changed is simply not found under
its new key; the text is two lines of JSON, its candidates' concepts and the summary
(``summary.kept_stories.KeptStories``). Like a measure head's figure groups
(``figure_heads``) a row belongs to no one document; a build keeps exactly the rows of its
stories, so the table never outgrows them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

from storyline.store.connection import StoreConnection
from storyline.store.kept import keep_keyed_json, keyed_json


class StorySummaryTable(StoreConnection):
    """The ``story_summaries`` table."""

    def story_summaries(self, keys: Collection[bytes]) -> Iterator[tuple[bytes, str]]:
        """(key, JSON) of each of ``keys`` that has a stored row."""
        return keyed_json(self.db, "story_summaries", keys)

    def keep_story_summaries(
        self, current: Collection[bytes], made: Iterable[tuple[bytes, str]]
    ) -> None:
        """In one transaction: store the (key, JSON) rows ``made`` and drop every row whose key
        is not in ``current`` (the stories of this build)."""
        keep_keyed_json(self, "story_summaries", current, made)
