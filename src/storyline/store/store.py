"""``Store``: the whole store as one object, the tables' classes put together."""

from __future__ import annotations

from storyline.store.analyses import AnalysisTables
from storyline.store.corpus import CorpusTables
from storyline.store.documents import DocumentTable
from storyline.store.search import SearchIndex


class Store(DocumentTable, AnalysisTables, CorpusTables, SearchIndex):
    """A storyline store on one SQLite file (or ``:memory:``)."""
