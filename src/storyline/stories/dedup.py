"""Near-duplicate articles: MinHash signatures of word shingles, LSH buckets, verified pairs.

A near-duplicate is kept and linked to its canonical copy, never dropped: the canonical one is
the earliest published (dated before undated), then the most complete (longest clean text),
then the smallest id. Exact copies (same ``content_hash``) are grouped first, so a thousand
reposts of one wire story cost one signature. Each document is hashed once and queried once
against the LSH index, so the cost grows with the number of documents and the size of their
buckets, never with all pairs. Parameters and where they come from: ``data/stories.toml``
[duplicates].
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from datasketch import MinHash, MinHashLSH

from storyline.models import Document, DuplicateGroup
from storyline.stories.cluster import load_config

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int) -> set[bytes]:
    """Word ``size``-grams of the NFKC, case-folded text (the whole text when shorter)."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str, params: dict[str, Any]) -> MinHash:
    minhash = MinHash(num_perm=params["num_perm"], seed=params["seed"])
    minhash.update_batch(sorted(shingles(text, params["shingle_words"])))
    return minhash


def canonical_order(document: Document) -> tuple[bool, str, int, str]:
    """Sort key: earliest dated first, then the longest text, then the smallest id."""
    return (document.published is None, document.published or "", -len(document.text), document.id)


def find_near_duplicates(documents: Sequence[Document]) -> list[DuplicateGroup]:
    """Groups of near-duplicate documents (estimated Jaccard >= threshold), each with its
    canonical copy and every member's estimated similarity to it; sorted by canonical id."""
    params = load_config()["duplicates"]
    docs = sorted(documents, key=lambda d: d.id)
    parent = list(range(len(docs)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: int, y: int) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    representative: dict[str, int] = {}
    for row, doc in enumerate(docs):
        key = doc.content_hash
        if key in representative:
            union(representative[key], row)
        else:
            representative[key] = row
    rows = sorted(representative.values())
    signatures = {row: signature(docs[row].text, params) for row in rows}
    lsh = MinHashLSH(num_perm=params["num_perm"], params=(params["bands"], params["rows"]))
    for row in rows:
        if not _WORD.search(docs[row].text):
            continue
        for other in sorted(int(k) for k in lsh.query(signatures[row])):
            if find(other) != find(row) and (
                signatures[row].jaccard(signatures[other]) >= params["threshold"]
            ):
                union(row, other)
        lsh.insert(str(row), signatures[row])
    members: dict[int, list[int]] = defaultdict(list)
    for row in range(len(docs)):
        members[find(row)].append(row)
    groups = []
    for group in members.values():
        if len(group) < 2:
            continue
        ordered = sorted(group, key=lambda r: canonical_order(docs[r]))
        head = ordered[0]
        head_sig = signatures.get(head) or signatures[representative[docs[head].content_hash]]
        similarity = {}
        for r in ordered[1:]:
            if docs[r].content_hash == docs[head].content_hash:
                similarity[docs[r].id] = 1.0
            else:
                sig = signatures[representative[docs[r].content_hash]]
                similarity[docs[r].id] = round(float(head_sig.jaccard(sig)), 4)
        groups.append(
            DuplicateGroup(
                canonical=docs[head].id,
                members=[docs[r].id for r in ordered[1:]],
                similarity=similarity,
            )
        )
    return sorted(groups, key=lambda g: g.canonical)


def duplicate_of(groups: Sequence[DuplicateGroup]) -> dict[str, str]:
    """member id → canonical id, for every near-duplicate."""
    return {member: g.canonical for g in groups for member in g.members}


__all__ = ["canonical_order", "duplicate_of", "find_near_duplicates", "shingles", "signature"]
