"""Each document's figures as the figure stage reads them (``figures.kept_figures``), kept so a
re-build reads a small row per document instead of inflating every stored analysis.

A row is (document id, key, deflated JSON): the key is a digest of the stored analysis (named by
its digest: ``candidates.analysis_digests``), the document's text and the code
(``models.kept_rows.analysis_key``). See ``kept`` for how rows are found and replaced.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from storyline.store.connection import StoreConnection
from storyline.store.kept import kept_json, save_kept_json


class FigureRowTable(StoreConnection):
    """The ``figure_rows`` table."""

    def figure_rows(self, keys: Mapping[str, bytes]) -> Iterator[tuple[str, str]]:
        """(document id, JSON) of each document in ``keys`` (id → key) whose stored row is under
        that key, in document id order."""
        return kept_json(self.db, "figure_rows", keys)

    def save_figure_rows(self, rows: Iterable[tuple[str, bytes, str]]) -> None:
        """Store (document id, key, JSON) rows in one transaction, replacing each document's
        earlier row; a document no longer stored is skipped."""
        save_kept_json(self, "figure_rows", rows)
