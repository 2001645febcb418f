"""Each document's summary candidates, kept between builds so a re-build makes only those of
new or changed documents (issue 18, incremental builds).

Finding a document's candidates (``candidates``: which sentences may be quoted, how they are
trimmed, their content words) was most of the summary stage's time, and the corpus summary
needs every document's whatever changed. They depend only on the document (its clean text and
blocks), its analysis (sentences, filler count, and the figures and time expressions a trim
must not cut), the canonical entities' mention spans in it (which a trim must not cut either),
the settings and this code. So they are kept in the store under a key that is a digest of all
of those (``candidate_key``), together with where the document's figures are told (what the
concept index reads from the analysis): a build reads back every row whose key still matches,
without reading those analyses, and makes (and keeps) the rest. The summaries are then made
over all candidates exactly as without the store, so they are the same.

A row is compact JSON (the store deflates it): one list per candidate, its texts left out
where they are the document's own span (``Candidate``).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Protocol

from storyline.models import Document
from storyline.summary.candidates import Candidate
from storyline.summary.columns import packed_fields
from storyline.summary.concepts import FigureAt
from storyline.text.vectors import counting_fingerprint


class CandidateCache(Protocol):
    """Where candidates made once are kept (the store: ``store.candidates``). It is the store
    the analyses are read from: ``analysis_digests`` names the stored analyses."""

    def analysis_digests(self, ids: Sequence[str]) -> dict[str, bytes]: ...
    def summary_candidates(self, keys: Mapping[str, bytes]) -> Iterator[tuple[str, str]]: ...
    def save_summary_candidates(self, rows: Iterable[tuple[str, bytes, str]]) -> None: ...


def candidate_key(
    document: Document, analysis_digest: bytes, mention_spans: Iterable[tuple[int, int]]
) -> bytes:
    """The key a document's candidates are kept under: changes with its text, blocks, analysis,
    the entity mentions in it, the settings or the code."""
    digest = hashlib.blake2b(counting_fingerprint(), digest_size=16)
    digest.update(b"\x00" + analysis_digest + b"\x00")
    digest.update(document.text.encode("utf-8", "surrogatepass"))
    blocks = ";".join(f"{b.kind},{b.start},{b.end}" for b in document.blocks)
    spans = ";".join(f"{s},{e}" for s, e in sorted(mention_spans))
    digest.update(f"\x00{blocks}\x00{spans}".encode())
    return digest.digest()


def packed_candidates(found: Sequence[Candidate], figures: Sequence[FigureAt]) -> str:
    """A document's candidates and figure positions as a kept row (JSON)."""
    rows = [packed_fields(c) for c in found]
    return json.dumps({"candidates": rows, "figures": figures}, ensure_ascii=False)


def unpacked_rows(data: str) -> tuple[list[list], list[FigureAt]]:
    """``packed_candidates`` read back as its lists of fields (``columns.add_packed`` takes
    them as they are) and the figure positions."""
    row = json.loads(data)
    return row["candidates"], [(f, s, p) for f, s, p in row["figures"]]


def unpacked_candidates(document: Document, data: str) -> tuple[list[Candidate], list[FigureAt]]:
    """``packed_candidates`` read back: the same candidates, over ``document``'s text.

    Every build reads every kept candidate of the pile, so each is made with its fields in
    order (positional, not by keyword) straight from its row."""
    row = json.loads(data)
    intern = sys.intern
    doc_id, source = document.id, document.text
    found = [
        Candidate(
            doc_id,
            index,
            sentence_start,
            sentence_end,
            start,
            end,
            bool(trimmed),
            words,
            tuple(map(intern, terms)),
            filler,
            bool(anaphoric),
            source,
            shown,
            told,
            said,
        )
        for (
            index,
            sentence_start,
            sentence_end,
            start,
            end,
            trimmed,
            words,
            filler,
            anaphoric,
            terms,
            shown,
            told,
            said,
        ) in row["candidates"]
    ]
    return found, [(f, s, p) for f, s, p in row["figures"]]
