"""The store: one SQLite file (WAL), the only package that speaks SQL.

Documents are upserted by content hash, so re-ingesting an article is a no-op; every multi-row
write sits in one transaction, so a crash leaves the store as it was before the write.
Migrations are plain functions registered in order; ``PRAGMA user_version`` says how many ran.

``Store`` is one class put together from what it reads and writes: ``connection`` (opening,
transactions), ``schema`` (the tables and their migrations), ``documents``, ``analyses``
(per-document results and their sentences), ``corpus`` (cross-document results and runs),
``search`` (full-text search), ``listing`` (paged reads for the web app), ``jobs`` (the
persistent queue of builds started from the browser), ``signatures`` (each document's
MinHash signature, so a re-build hashes only new or changed texts), ``candidates`` (each
document's summary candidates), ``story_rows`` (each document's story-clustering row;
``story_terms`` their weighted terms, the pile's term matrix as compact arrays) and
``named_mentions`` (each document's share of the entity canonicalisation) and
``resolved_events`` (each document's event mentions as the event merges read them, their
actors resolved to the canonical entities), so a re-build makes
only new or changed documents' (``kept``: how such rows are read and written), and
``event_parts`` (each part of the two event merges, so a re-build merges again only the parts
new or changed documents reach). ``told`` reads the time expressions and figures of given
sentences (what ``ask`` scores, without parsing whole analyses) and ``figure_previews`` the
first figures of a page of figure groups.

The names are imported on first use (PEP 562): a command that only searches opens
``search.SearchIndex`` without loading the document models.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storyline.store.documents import AddResult
    from storyline.store.search import SearchHit, SentenceHit
    from storyline.store.store import Store

_EXPORTS = {
    "AddResult": "storyline.store.documents",
    "SearchHit": "storyline.store.search",
    "SentenceHit": "storyline.store.search",
    "Store": "storyline.store.store",
}

__all__ = ["AddResult", "SearchHit", "SentenceHit", "Store"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'storyline.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
