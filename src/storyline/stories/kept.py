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
the stories are the same. A row made is kept once the features are weighted, with its
document's heaviest terms (``keep_made_rows``): a row's weights read that row alone, so the
blocking reads them back instead of ranking every document's terms at every build.

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
from storyline.models.kept_rows import ChunkedRows
from storyline.models.pile import AnalysisPile
from storyline.stories.blocking import top_features
from storyline.stories.document_rows import NO_DAY, DocEvent, DocumentRow
from storyline.stories.features import document_rows
from storyline.text.vectors import Vectors, counting_fingerprint


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
) -> tuple[list[DocumentRow], dict[int, bytes], list[bytes | None]]:
    """``docs``' rows, in their order: read back from ``kept`` where the key still matches,
    made (reading only those documents' analyses) for the rest; the place of each row made
    now that is to be kept, with its key (``keep_made_rows`` keeps them); and each row's key,
    in ``docs``' order. A document without a stored analysis gets a row made from its text
    alone, not kept (it is analysed next), and no key."""
    digests = kept.analysis_digests([d.id for d in docs])
    keys = {d.id: row_key(d, digests[d.id]) for d in docs if d.id in digests}
    found = {doc_id: unpacked_row(data) for doc_id, data in kept.story_rows(keys)}
    missing = [d for d in docs if d.id not in found]
    found.update(
        (doc.id, row)
        for doc, row in zip(missing, document_rows(missing, analyses, config), strict=True)
    )
    new = {d.id for d in missing}
    made = {place: keys[d.id] for place, d in enumerate(docs) if d.id in new and d.id in keys}
    return [found[d.id] for d in docs], made, [keys.get(d.id) for d in docs]


def keep_made_rows(
    docs: Sequence[Document],
    rows: Sequence[DocumentRow],
    made: Mapping[int, bytes],
    terms: Vectors,
    config: dict[str, Any],
    kept: RowCache,
) -> None:
    """Keep each row made now (``kept_rows``: its place → its key) with its heaviest terms,
    read from the pile's word vectors ``terms`` (``blocking.top_features``): a row's weights
    read that row alone (``features.fixed_vectors``), so they are the terms any pile gives it.
    Every row without them gets them (the blocking reads them)."""
    k = config["blocking"]["top_terms"]
    for place, row in enumerate(rows):
        if row.top is None:
            row.top = tuple(terms.vocabulary[c] for c in top_features(terms, place, k).tolist())
    saver = ChunkedRows(kept.save_story_rows)
    for place in sorted(made):
        saver.add((docs[place].id, made[place], packed_row(rows[place])))
    saver.flush()


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
