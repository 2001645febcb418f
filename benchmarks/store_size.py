"""The store's size on disk against the raw text it holds, table by table (issue 18: "store on
disk <= 2.5 x the raw text"), and the CPU time of reading every analysis back.

    python benchmarks/store_size.py STORE.db [--top 12]

Bytes per table (and its indexes) come from SQLite's ``dbstat``; the raw text is the UTF-8
bytes of every document's raw text (``documents.raw_text``, or its clean text where the store
keeps the two as one; inflated where the store deflated it). The sizes are read with the
store opened read-only; reading the analyses back opens it as a store, which first brings an
older one up to this schema.
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from pathlib import Path

from storyline.store import Store
from storyline.store.codec import register
from storyline.store.documents import RAW_TEXT


def table_bytes(db: sqlite3.Connection) -> list[tuple[str, int]]:
    """Bytes of each b-tree (a table, an index, an FTS shadow table), biggest first."""
    rows = db.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC")
    return [(name, int(size)) for name, size in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    db = sqlite3.connect(f"file:{args.store}?mode=ro", uri=True)
    register(db)  # document_text: the texts are deflated (store/text_schema.py)
    raw = db.execute(f"SELECT SUM(length(CAST({RAW_TEXT} AS BLOB))) FROM documents").fetchone()[0]
    docs = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    tables = table_bytes(db)
    total = sum(size for _, size in tables)
    print(
        f"{docs} documents, raw text {raw / 1e6:.2f} MB, store {total / 1e6:.2f} MB"
        f" = {total / raw:.1f} x the raw text"
    )
    for name, size in tables[: args.top]:
        print(f"  {name:32} {size / 1e6:8.2f} MB  {size / raw:5.2f} x")
    rest = sum(size for _, size in tables[args.top :])
    print(f"  {'(the rest)':32} {rest / 1e6:8.2f} MB  {rest / raw:5.2f} x")
    with Store(args.store) as store:
        started = time.process_time()
        count = sum(1 for _ in store.iter_analyses())
        print(f"reading {count} analyses: {time.process_time() - started:.2f} CPU s")


if __name__ == "__main__":
    main()
