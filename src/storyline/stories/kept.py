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

A row's weighted terms are kept apart, in the pile's term matrix (``term_matrix``, the store's
``story_terms``): a build weighs only the rows it makes and merges them into the kept matrix,
so neither the terms of every row are read back as JSON nor every term of the pile weighed.
A row is compact JSON (the store deflates it): its counts as objects in the order they were
counted, its term counts only where the weighting gave a term no weight (not in its vector, so
not in the matrix), a day that is not one as null.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from storyline.models import Document, DocumentAnalysis
from storyline.models.kept_rows import ChunkedRows
from storyline.models.pile import AnalysisPile
from storyline.models.term_matrix import TermMatrix
from storyline.stories.blocking import top_features
from storyline.stories.document_rows import NO_DAY, DocEvent, DocumentRow
from storyline.stories.features import document_rows
from storyline.stories.term_matrix import kept_matrix, merged_vectors, usable_rows
from storyline.text.vectors import Vectors, counting_fingerprint


class RowCache(Protocol):
    """Where rows made once are kept (the store: ``store.story_rows`` and, for their weighted
    terms, ``store.story_terms``). It is the store the analyses are read from:
    ``analysis_digests`` names the stored analyses."""

    def analysis_digests(self, ids: Sequence[str]) -> dict[str, bytes]: ...
    def story_rows(self, keys: Mapping[str, bytes]) -> Iterator[tuple[str, str]]: ...
    def save_story_rows(self, rows: Iterable[tuple[str, bytes, str]]) -> None: ...
    def story_term_matrix(self) -> TermMatrix | None: ...
    def save_story_term_matrix(self, matrix: TermMatrix) -> None: ...


@dataclass
class RowsRead:
    """``docs``' rows as ``kept_rows`` found or made them, in ``docs``' order."""

    rows: list[DocumentRow]  # a row read back holds in ``terms`` only those its vector lacks
    made: dict[int, bytes]  # the place of each row made now that is to be kept, with its key
    keys: list[bytes | None]  # each row's key (None: no stored analysis, not kept)
    terms: Vectors  # the rows' word vectors (``term_matrix.merged_vectors``)
    matrix_changed: bool  # whether the kept term matrix is no longer these rows'


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
) -> RowsRead:
    """``docs``' rows, in their order: read back from ``kept`` where the key still matches, both
    the row and its weighted terms (``story_term_matrix``), and made (reading only those
    documents' analyses) for the rest; the rows' word vectors, the kept rows' merged with the
    made rows' weighed now (``term_matrix``). A document without a stored analysis gets a row
    made from its text alone, not kept (it is analysed next), and no key."""
    digests = kept.analysis_digests([d.id for d in docs])
    keys = {d.id: row_key(d, digests[d.id]) for d in docs if d.id in digests}
    matrix = kept.story_term_matrix()
    usable = usable_rows(matrix, keys)
    wanted = {doc_id: keys[doc_id] for doc_id in usable}
    found = {doc_id: unpacked_row(data) for doc_id, data in kept.story_rows(wanted)}
    missing = [d for d in docs if d.id not in found]
    found.update(
        (doc.id, row)
        for doc, row in zip(missing, document_rows(missing, analyses, config), strict=True)
    )
    new = {d.id for d in missing}
    rows = [found[d.id] for d in docs]
    weighed = {place: rows[place].terms for place, d in enumerate(docs) if d.id in new}
    ids = [d.id for d in docs]
    return RowsRead(
        rows=rows,
        made={place: keys[d.id] for place, d in enumerate(docs) if d.id in new and d.id in keys},
        keys=[keys.get(d.id) for d in docs],
        terms=merged_vectors(ids, matrix, usable, weighed),
        matrix_changed=matrix is None
        or len(docs) - len(new) != len(matrix.ids)
        or any(d.id in keys for d in missing),
    )


def keep_made_rows(
    docs: Sequence[Document],
    read: RowsRead,
    terms: Vectors,
    config: dict[str, Any],
    kept: RowCache,
) -> None:
    """Keep each row made now (``read.made``) with its heaviest terms, read from the pile's
    word vectors ``terms`` (``blocking.top_features``): a row's weights read that row alone
    (``features.fixed_vectors``), so they are the terms any pile gives it. Every row without
    them gets them (the blocking reads them). A row is kept without the terms its vector holds:
    those are in the kept term matrix, written here when the rows changed."""
    k = config["blocking"]["top_terms"]
    matrix = terms.matrix
    for place, row in enumerate(read.rows):
        if row.top is None:
            row.top = tuple(terms.vocabulary[c] for c in top_features(terms, place, k).tolist())
    saver = ChunkedRows(kept.save_story_rows)
    for place in sorted(read.made):
        row, start, end = read.rows[place], matrix.indptr[place], matrix.indptr[place + 1]
        unweighed: dict[str, float] = {}
        if end - start < len(row.terms):  # its vector's entries are some of its terms
            weighed = {terms.vocabulary[c] for c in matrix.indices[start:end].tolist()}
            unweighed = {term: n for term, n in row.terms.items() if term not in weighed}
        saver.add((docs[place].id, read.made[place], packed_row(row, unweighed)))
    saver.flush()
    if read.matrix_changed:
        kept.save_story_term_matrix(kept_matrix([d.id for d in docs], read.keys, terms))


def _day(value: float) -> float | None:
    return None if value == NO_DAY else value


def _undone(value: float | None) -> float:
    return NO_DAY if value is None else float(value)


def packed_row(row: DocumentRow, term_counts: Mapping[str, float] | None = None) -> str:
    """A row as kept (JSON), with ``term_counts`` for its term counts (default: the row's
    own). A build keeps only those its word vector lacks (the weighting gave them no weight),
    which the lead people's test reads (``features.features_of_rows``): the rest are in the
    kept term matrix."""
    event = row.lead_event
    return json.dumps(
        [
            row.lead_end,
            row.terms if term_counts is None else term_counts,
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
