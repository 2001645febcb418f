"""Each document's story-clustering row, kept between builds so a re-build makes only those of
new or changed documents (issue 18, incremental builds).

Making a document's row (``document_rows.document_row``: its term counts, the dates and numbers
it names, its lead and news days) meant reading four layers of its analysis and counting the
words of its text, for every document at every build: most of the stories stage's time when 1%
of the pile is new. A row depends only on the document (its text, title and publication date),
its analysis, the settings and this code, so it is kept in the store under a key that is a
digest of all of those (``row_key``): a build reads back every row whose key still matches,
without reading those analyses, and makes (and keeps) the rest. The features are then weighted
and laid out over all rows exactly as without the store (``features.features_of_rows``), so
the stories are the same.

A row is compact JSON (the store deflates it): its counts as objects in the order they were
counted (the vectors' columns are in the features' sorted order, whatever the order of the
counts: ``features.fixed_vectors``), a day that is not one as null.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol

from storyline.models import Document, DocumentAnalysis
from storyline.models.kept_rows import SAVE_CHUNK
from storyline.models.pile import AnalysisPile
from storyline.stories.blocking import heaviest_terms
from storyline.stories.document_rows import NO_DAY, DocEvent, DocumentRow
from storyline.stories.features import document_rows
from storyline.text.vectors import counting_fingerprint


class RowCache(Protocol):
    """Where rows made once are kept (the store: ``store.story_rows``). It is the store the
    analyses are read from: ``analysis_digests`` names the stored analyses."""

    def analysis_digests(self, ids: Sequence[str]) -> dict[str, bytes]: ...
    def story_rows(self, keys: Mapping[str, bytes]) -> Iterator[tuple[str, str]]: ...
    def save_story_rows(self, rows: Iterable[tuple[str, bytes, str]]) -> None: ...


def row_key(document: Document, analysis_digest: bytes) -> bytes:
    """The key a document's row is kept under: changes with its text, title, publication date,
    analysis, the settings or the code."""
    digest = hashlib.blake2b(counting_fingerprint(), digest_size=16)
    digest.update(b"\x00" + analysis_digest + b"\x00")
    digest.update(document.text.encode("utf-8", "surrogatepass"))
    for value in (document.title, document.published):
        digest.update(b"\x00" + (value or "").encode("utf-8", "surrogatepass"))
    return digest.digest()


def kept_rows(
    docs: Sequence[Document],
    analyses: Mapping[str, DocumentAnalysis] | AnalysisPile,
    config: dict[str, Any],
    kept: RowCache,
) -> list[DocumentRow]:
    """``docs``' rows, in their order: read back from ``kept`` where the key still matches,
    made (reading only those documents' analyses) and kept for the rest. A document without a
    stored analysis gets a row made from its text alone, not kept (it is analysed next)."""
    digests = kept.analysis_digests([d.id for d in docs])
    keys = {d.id: row_key(d, digests[d.id]) for d in docs if d.id in digests}
    found = {doc_id: unpacked_row(data) for doc_id, data in kept.story_rows(keys)}
    missing = [d for d in docs if d.id not in found]
    for start in range(0, len(missing), SAVE_CHUNK):
        chunk = missing[start : start + SAVE_CHUNK]
        made = list(document_rows(chunk, analyses, config))
        tops = heaviest_terms([row.terms for row in made], config["blocking"]["top_terms"])
        for doc, row, top in zip(chunk, made, tops, strict=True):
            row.top = top
            found[doc.id] = row
        saved = zip(chunk, made, strict=True)
        kept.save_story_rows(
            [(d.id, keys[d.id], packed_row(row)) for d, row in saved if d.id in keys]
        )
    return [found[d.id] for d in docs]


def _day(value: float) -> float | None:
    return None if value == NO_DAY else value


def _undone(value: float | None) -> float:
    return NO_DAY if value is None else float(value)


def packed_row(row: DocumentRow) -> str:
    """A row as kept (JSON)."""
    event = row.lead_event
    return json.dumps(
        [
            row.lead_end,
            row.terms,
            row.dates,
            row.numbers,
            None
            if event is None
            else [event.event_id, event.type, _day(event.day), event.position, event.confident],
            sorted(row.people),
            None if row.agent is None else list(row.agent),
            _day(row.news),
            sorted(row.ahead),
            None if row.top is None else list(row.top),
        ],
        ensure_ascii=False,
    )


def unpacked_row(data: str) -> DocumentRow:
    """``packed_row`` read back: the same row."""
    lead_end, terms, dates, numbers, event, people, agent, news, ahead, top = json.loads(data)
    return DocumentRow(
        lead_end=lead_end,
        terms=Counter(terms),
        dates=Counter(dates),
        numbers=Counter(numbers),
        lead_event=None
        if event is None
        else DocEvent(event[0], event[1], _undone(event[2]), event[3], event[4]),
        people=frozenset(people),
        agent=None if agent is None else (agent[0], agent[1], agent[2]),
        news=_undone(news),
        ahead=frozenset(float(day) for day in ahead),
        top=None if top is None else tuple(top),
    )
