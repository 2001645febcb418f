"""The store: one SQLite file (WAL), the only package that speaks SQL.

Documents are upserted by content hash, so re-ingesting an article is a no-op; every multi-row
write sits in one transaction, so a crash leaves the store as it was before the write.
Migrations are plain functions registered in order; ``PRAGMA user_version`` says how many ran.

``Store`` is one class put together from what it reads and writes: ``connection`` (opening,
transactions), ``schema`` (the tables and their migrations), ``documents``, ``analyses``
(per-document results and their sentences), ``corpus`` (cross-document results and runs) and
``search`` (full-text search).
"""

from storyline.store.documents import AddResult
from storyline.store.search import SearchHit, SentenceHit
from storyline.store.store import Store

__all__ = ["AddResult", "SearchHit", "SentenceHit", "Store"]
