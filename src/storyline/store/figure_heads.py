"""The figure groups of each measure head (``figures.kept``), kept so a re-build groups again
only the heads whose figures, or whose slices of the copy, story and affiliation maps, changed.

A row is (key, deflated JSON): the key is a digest of everything the head's groups depend on
(``figures.kept.head_key``), so a head whose inputs changed is simply not found under its new
key. Unlike the per-document products (``kept``) a row belongs to no one document; a build
keeps exactly the rows of the heads it has now, so the table never outgrows the pile's heads.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

from storyline.store.connection import StoreConnection
from storyline.store.kept import keep_keyed_json, keyed_json


class FigureHeadTable(StoreConnection):
    """The ``figure_head_groups`` table."""

    def figure_head_groups(self, keys: Collection[bytes]) -> Iterator[tuple[bytes, str]]:
        """(key, JSON) of each of ``keys`` that has a stored row, ``CHUNK`` keys at a time."""
        return keyed_json(self.db, "figure_head_groups", keys)

    def keep_figure_head_groups(
        self, current: Collection[bytes], made: Iterable[tuple[bytes, str]]
    ) -> None:
        """In one transaction: store the (key, JSON) rows ``made`` and drop every row whose key
        is not in ``current`` (the heads of this build), so rows of heads gone stay no longer."""
        keep_keyed_json(self, "figure_head_groups", current, made)
