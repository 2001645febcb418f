"""Near-duplicate articles: MinHash signatures of word shingles, LSH buckets, verified pairs.

A near-duplicate is kept and linked to its canonical copy, never dropped: the canonical one is
the earliest published (dated before undated), then the most complete (longest clean text),
then the smallest id. Exact copies (same ``content_hash``) are grouped first, so a thousand
reposts of one wire story cost one signature. Each document is hashed once and queried once
against the LSH index, so the cost grows with the number of documents and the size of their
buckets, never with all pairs. Parameters and where they come from: ``data/stories.toml``
[duplicates].

Hashing is most of the stage's time, and a signature depends only on its text and the
settings, so with a ``SignatureCache`` (the store, in a build) each signature is made once: a
re-build reads the stored ones and hashes only new or changed texts; and the texts to hash can
be spread over a build's runner (Dask workers) by a ``Hasher``. The buckets and groups are then
formed over every document on the driver as without either, so the groups are the same.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from typing import Any, Protocol

import datasketch
import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from storyline.disjoint import DisjointSets
from storyline.models import Document, DuplicateGroup
from storyline.stories.cluster import load_config
from storyline.version import code_fingerprint

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int) -> set[bytes]:
    """Word ``size``-grams of the NFKC, case-folded text (the whole text when shorter)."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


class SignatureCache(Protocol):
    """Where signatures made once are kept (``store.signatures``): bytes under a key."""

    def minhash_signatures(self, keys: Mapping[str, bytes]) -> dict[str, bytes]: ...
    def save_minhash_signatures(self, rows: Iterable[tuple[str, bytes, bytes]]) -> None: ...


@cache
def _template(num_perm: int, seed: int) -> MinHash:
    """An empty MinHash whose permutations every signature shares: drawing them from the seed
    costs as much as hashing a short text, and they are the same for every document."""
    return MinHash(num_perm=num_perm, seed=seed)


def signature(text: str, params: dict[str, Any]) -> MinHash:
    template = _template(params["num_perm"], params["seed"])
    minhash = MinHash(
        num_perm=params["num_perm"],
        seed=params["seed"],
        permutations=template.permutations,
        scheme=template.scheme,
    )
    minhash.update_batch(sorted(shingles(text, params["shingle_words"])))
    return minhash


@cache
def _settings(shingle_words: int, num_perm: int, seed: int) -> bytes:
    """What a signature depends on besides its text: the settings, datasketch's version and
    permutation scheme, and this code (``version.code_fingerprint``, the rule the stored view
    follows): a signature made under other settings or code is made again."""
    template = _template(num_perm, seed)
    parts = [code_fingerprint(), f"datasketch {datasketch.__version__}", template.scheme]
    parts += [template.hashvalues.dtype.str, str(shingle_words), str(num_perm), str(seed)]
    return "\x00".join(parts).encode("utf-8")


def signature_key(text: str, params: dict[str, Any]) -> bytes:
    """The key a stored signature of ``text`` is kept under: changes with the text or settings."""
    digest = hashlib.blake2b(
        _settings(params["shingle_words"], params["num_perm"], params["seed"]), digest_size=16
    )
    digest.update(b"\x00" + text.encode("utf-8", "surrogatepass"))
    return digest.digest()


def _packed(minhash: MinHash) -> bytes:
    """The hash values as little-endian bytes of their own width (512 bytes for 128 values)."""
    values = minhash.hashvalues
    return values.astype(values.dtype.newbyteorder("<"), copy=False).tobytes()


def _unpacked(data: bytes, params: dict[str, Any]) -> LeanMinHash:
    template = _template(params["num_perm"], params["seed"])
    dtype = template.hashvalues.dtype
    values = np.frombuffer(data, dtype=dtype.newbyteorder("<")).astype(dtype)
    return LeanMinHash(seed=params["seed"], hashvalues=values, scheme=template.scheme)


#: Hashes texts to their packed signatures (``packed_signatures``, or the same work spread over
#: a build's runner: ``pipeline.corpus_parts.partitioned_signatures``).
Hasher = Callable[[list[str], dict[str, Any]], list[bytes]]


def packed_signatures(texts: list[str], params: dict[str, Any]) -> list[bytes]:
    """Each text's signature, packed: what a worker sends back (512 bytes, not a MinHash)."""
    return [_packed(signature(text, params)) for text in texts]


def _signatures(
    docs: Sequence[Document],
    rows: Sequence[int],
    params: dict[str, Any],
    kept: SignatureCache | None,
    hasher: Hasher,
) -> dict[int, LeanMinHash]:
    """The signature of each row's text: read from ``kept`` where it holds one under the
    text's key, made by ``hasher`` (and handed to ``kept``) otherwise. The same values
    whichever way: a stored signature is the packed one a hasher returns."""
    keys = {docs[row].id: signature_key(docs[row].text, params) for row in rows}
    stored = kept.minhash_signatures(keys) if kept is not None else {}
    todo = [row for row in rows if docs[row].id not in stored]
    made = dict(zip(todo, hasher([docs[row].text for row in todo], params), strict=True))
    if kept is not None and made:
        kept.save_minhash_signatures(
            (docs[row].id, keys[docs[row].id], data) for row, data in made.items()
        )
    return {
        row: _unpacked(made[row] if row in made else stored[docs[row].id], params) for row in rows
    }


def canonical_order(document: Document) -> tuple[bool, str, int, str]:
    """Sort key: earliest dated first, then the longest text, then the smallest id."""
    return (document.published is None, document.published or "", -len(document.text), document.id)


def find_near_duplicates(
    documents: Sequence[Document],
    kept: SignatureCache | None = None,
    hasher: Hasher = packed_signatures,
) -> list[DuplicateGroup]:
    """Groups of near-duplicate documents (estimated Jaccard >= threshold), each with its
    canonical copy and every member's estimated similarity to it; sorted by canonical id.
    ``kept`` keeps signatures between builds, ``hasher`` may spread the hashing over a build's
    runner; the result is the same without either."""
    params = load_config()["duplicates"]
    docs = sorted(documents, key=lambda d: d.id)
    copies = DisjointSets(range(len(docs)))
    representative: dict[str, int] = {}
    for row, doc in enumerate(docs):
        key = doc.content_hash
        if key in representative:
            copies.union(representative[key], row)
        else:
            representative[key] = row
    rows = sorted(representative.values())
    signatures = _signatures(docs, rows, params, kept, hasher)
    lsh = MinHashLSH(num_perm=params["num_perm"], params=(params["bands"], params["rows"]))
    for row in rows:
        if not _WORD.search(docs[row].text):
            continue
        for other in sorted(int(k) for k in lsh.query(signatures[row])):
            if copies.find(other) != copies.find(row) and (
                signatures[row].jaccard(signatures[other]) >= params["threshold"]
            ):
                copies.union(row, other)
        lsh.insert(str(row), signatures[row])
    members: dict[int, list[int]] = defaultdict(list)
    for row in range(len(docs)):
        members[copies.find(row)].append(row)
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


__all__ = [
    "SignatureCache",
    "canonical_order",
    "duplicate_of",
    "find_near_duplicates",
    "shingles",
    "signature",
    "signature_key",
]
