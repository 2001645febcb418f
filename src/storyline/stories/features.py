"""Document features for story clustering: what is compared across documents, one row each.

Every feature of a document is computed from that document alone (its text and its own
analysis) with weights that do not depend on the pile, so the score of a pair is the same
whatever else is stored (``scoring``): words (sublinear tf times a background idf,
``background``; title and lead weighted), the calendar dates its time expressions name, the
numbers it states, the people its lead names (by surname), the kind and agent of the first act
its lead tells, the day of the news its lead tells and the days it names as still to come, and
its date (publication date, else the date of its lead event when a time expression gave it).
Canonical entities and merged events (pile-wide) feed only the labels.

A document's own rows are made in ``document_rows`` (and kept between builds by
``stories.kept``); this module weights them (background idf, fixed number and date weights) and
lays them out as the arrays the blocking and the scoring read, taking each row apart as it is
read (``columns``: no row is held once its counts are in columns and its sets in tables of
equal values).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse

from storyline.models import Document, DocumentAnalysis, Entity
from storyline.models.pile import AnalysisPile
from storyline.stories.background import term_idf
from storyline.stories.columns import CountColumns, EntityRows, entity_rows, named_in_rows
from storyline.stories.document_rows import (
    NO_DAY,
    DocEvent,
    DocumentRow,
    date_keys,
    day_number,
    days_ahead,
    document_row,
    lead_agent,
    lead_event,
    lead_offset,
    lead_people,
    name_key,
    news_day,
    number_counts,
)
from storyline.text.vectors import Vectors, sorted_column

__all__ = [  # the row functions are named here too, where the clustering's readers look
    "FEATURE_LAYERS",
    "NO_DAY",
    "DocEvent",
    "DocumentRow",
    "Features",
    "date_keys",
    "day_number",
    "days_ahead",
    "document_features",
    "document_rows",
    "entity_counts",
    "features_of_rows",
    "fixed_vectors",
    "lead_agent",
    "lead_event",
    "lead_offset",
    "lead_people",
    "name_key",
    "news_day",
    "number_counts",
    "number_idf",
    "shared",
    "words_in_rows",
]


@dataclass
class Features:
    """Everything compared across documents, one row per document (sorted by id)."""

    ids: list[str]
    terms: Vectors  # words, background idf
    when: Vectors | None  # calendar dates the text mentions (its time expressions)
    numbers: Vectors | None  # numbers the text states
    dated: np.ndarray  # whether each document names a calendar date (any ``date_keys``)
    years: list[frozenset[str]]  # the years each document names
    days_of_year: list[tuple[frozenset[str], frozenset[str]]]  # ("MM-DD" without, with year)
    lead_people: list[frozenset[str]]  # surnames (as terms) of the people its lead names
    lead_agents: list[tuple[str, str, str] | None]  # (type, mode, agent) of its lead's first act
    # the terms of the document (title included) that some document's lead names as a person:
    # all the ``lead_people`` subset test reads, a few per document instead of every term
    named_words: list[frozenset[str]]
    days: np.ndarray  # ordinal day or NO_DAY
    lead_events: list[DocEvent | None]
    lead_ends: list[int]  # where each document's lead ends (offset into its text)
    news_days: np.ndarray  # day of the first act its lead tells as done (``news_day``) or NO_DAY
    days_ahead: list[frozenset[float]]  # days it names after its publication (``days_ahead``)
    # canonical entity id -> weighted mentions (labels), a row per document (``EntityRows``)
    entity_rows: EntityRows
    # each document's heaviest terms where its row kept them (``stories.kept``), else None
    top_terms: list[tuple[str, ...] | None] = field(default_factory=list)
    # each document's kept row key (``stories.kept.row_key``) where its row is kept, else None:
    # a digest of everything its row, weights and lead are made from (``kept_records`` reads it)
    row_keys: list[bytes | None] = field(default_factory=list)


#: The layers of an analysis the features read (``models.pile``).
FEATURE_LAYERS = ("sentences", "timexes", "mentions", "events")


def document_features(
    docs: Sequence[Document],
    analyses: Mapping[str, DocumentAnalysis] | AnalysisPile,
    config: dict[str, Any],
    entities: Sequence[Entity] = (),
) -> Features:
    """The rows compared across documents, each from its own document and analysis only;
    ``entities`` (canonical, pile-wide) give only the entity rows that labels read. Each
    document's rows are made while its analysis is read (a pile streams them: the analyses are
    never held together)."""
    return features_of_rows(docs, document_rows(docs, analyses, config), config, entities)


def document_rows(
    docs: Sequence[Document],
    analyses: Mapping[str, DocumentAnalysis] | AnalysisPile,
    config: dict[str, Any],
) -> Iterator[DocumentRow]:
    """Each document's own row (``document_rows.document_row``), in ``docs`` order."""
    ids = [d.id for d in docs]
    if isinstance(analyses, AnalysisPile):
        own: Iterable[DocumentAnalysis | None] = analyses.of(ids, FEATURE_LAYERS)
    else:
        own = (analyses.get(doc_id) for doc_id in ids)
    for doc, analysis in zip(docs, own, strict=True):
        yield document_row(doc, analysis, config)


def features_of_rows(
    docs: Sequence[Document],
    rows: Iterable[DocumentRow],
    config: dict[str, Any],
    entities: Sequence[Entity] = (),
    terms: Vectors | None = None,
) -> Features:
    """``docs``' rows (one each, in their order) weighted and laid out for the clustering.
    ``terms``: the rows' word vectors where already weighed (the kept matrix merged with the
    new rows', ``stories.term_matrix``); a row's ``terms`` then need hold only the terms its
    vector lacks (the weighting gave them no weight), which the lead people's test reads too.

    Each row is taken apart as it arrives (``columns``): its counts go into columns, its sets
    into tables of equal values, and the row itself is dropped, so the pile's rows are never
    held together."""
    words, date_rows, number_rows = CountColumns(), CountColumns(), CountColumns()
    lead_events: list[DocEvent | None] = []
    lead_ends: list[int] = []
    people, agents, ahead = _Shared(), _Shared(), _Shared()
    years, days_of_year = _Shared(), _Shared()
    dated, news, top = [], [], []
    for row in rows:
        words.add(row.terms)
        date_rows.add(row.dates)
        number_rows.add(row.numbers)
        dated.append(bool(row.dates))
        years.add(frozenset(k for k in row.dates if k.startswith("year:")))
        days_of_year.add(
            (
                frozenset(k[4:] for k in row.dates if k.startswith("day:")),
                frozenset(k[-5:] for k in row.dates if k.startswith("date:")),
            )
        )
        lead_events.append(row.lead_event)
        lead_ends.append(row.lead_end)
        people.add(row.people)
        agents.add(row.agent)
        news.append(row.news)
        ahead.add(row.ahead)
        top.append(row.top)
    days = np.array([day_number(d.published) for d in docs], dtype=np.float64)
    for place, lead in enumerate(lead_events):
        if days[place] == NO_DAY and lead is not None and lead.confident:
            days[place] = lead.day
    weights = config["when_weights"]
    named = frozenset[str]().union(*people.table)
    named_in = words.rows_with(named)
    if terms is None:
        terms = fixed_vectors(words, term_idf)
    else:
        for place, found in words_in_rows(terms, named).items():
            named_in[place] = named_in.get(place, frozenset()) | found
    del words
    no_words = frozenset[str]()
    return Features(
        ids=[d.id for d in docs],
        terms=terms,
        when=fixed_vectors(date_rows, lambda key: float(weights[key.split(":", 1)[0]]))
        if len(date_rows.codes)
        else None,
        numbers=fixed_vectors(number_rows, number_idf) if len(number_rows.codes) else None,
        dated=np.array(dated, dtype=bool),
        years=years.values,
        days_of_year=days_of_year.values,
        lead_people=people.values,
        lead_agents=agents.values,
        named_words=shared(named_in.get(place, no_words) for place in range(len(lead_ends))),
        days=days,
        lead_events=lead_events,
        lead_ends=lead_ends,
        news_days=np.array(news, dtype=np.float64),
        days_ahead=ahead.values,
        entity_rows=entity_counts(docs, entities, lead_ends, config["vectors"]["lead_weight"]),
        top_terms=top,
    )


class _Shared:
    """A list being read with equal values as one object, as the values come (``shared`` of
    a whole iterable is one of these filled)."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self._table: dict[Hashable, Any] = {}

    def add(self, value: Hashable) -> None:
        self.values.append(self._table.setdefault(value, value))

    @property
    def table(self) -> list[Any]:
        """The distinct values."""
        return list(self._table)


def shared(values: Iterable[Hashable]) -> list[Any]:
    """``values`` with equal ones as one object: most documents name the same few years, no
    date ahead, one or two lead people, so a pile's rows are mostly repeats, and a row per
    document costs a pointer instead of a set."""
    rows = _Shared()
    for value in values:
        rows.add(value)
    return rows.values


def words_in_rows(vectors: Vectors, words: Collection[str]) -> dict[int, frozenset[str]]:
    """Of each row of ``vectors`` (sorted vocabulary) that holds any of ``words``, which: one
    bisection per word, then one pass over the matrix's columns in numpy."""
    vocabulary = vectors.vocabulary
    marked = np.zeros(len(vocabulary), dtype=bool)
    for word in words:
        column = sorted_column(vocabulary, word)
        if column is not None:
            marked[column] = True
    matrix = vectors.matrix
    return named_in_rows(marked, matrix.indices, matrix.indptr, vocabulary)


def fixed_vectors(
    counts: Iterable[Mapping[str, float]] | CountColumns, idf: Callable[[str], float]
) -> Vectors:
    """Sublinear-tf vectors times a fixed ``idf`` per feature, L2-normalised: a row depends on
    its own document only (the vocabulary is local, the weights are not). A pile's entries
    repeat a few thousand keys and a few dozen counts, so each key's idf and each count's tf
    factor is computed once per call (the same values: the same operations on the same
    numbers).

    The columns are the features in sorted order, not in the order the pile first met them: a
    row's norm, and every dot product of two rows (``text.vectors.pair_cosines``), sums its
    terms in column order, so with columns in the features' own order those sums read the
    rows alone, bit for bit, whatever else is in the pile (issue 18: what one document's row
    gives may be kept between builds).

    The rows are read as columns (``columns.CountColumns``: each key's code in the order first
    met), and each per-entry array is let go as soon as the next step no longer reads it: the
    entries of a pile's terms are its largest working set."""
    columns = counts if isinstance(counts, CountColumns) else CountColumns.of(counts)
    met, lengths = columns.keys, columns.lengths
    met_count = len(met)
    codes, values = columns.codes, columns.values
    counted = values > 0
    idf_weights = np.zeros(met_count, dtype=np.float64)
    weighed = np.flatnonzero(np.bincount(codes[counted], minlength=met_count))
    idf_weights[weighed] = np.fromiter(
        map(idf, map(met.__getitem__, weighed.tolist())), np.float64, len(weighed)
    )
    del weighed
    counted_values = values[counted]
    tf_values = np.unique(counted_values)
    tf_weights = np.array([1.0 + np.log(max(v, 1.0)) for v in tf_values.tolist()], np.float64)
    weights = np.zeros(len(codes), dtype=np.float64)
    weights[counted] = (
        idf_weights[codes[counted]] * tf_weights[np.searchsorted(tf_values, counted_values)]
    )
    del counted, counted_values, idf_weights, values
    kept = weights > 0
    kept_codes = codes[kept]
    present = np.flatnonzero(np.bincount(kept_codes, minlength=met_count))
    in_order = sorted(present.tolist(), key=met.__getitem__)  # the keys' codes, keys sorted
    del present
    vocabulary = list(map(met.__getitem__, in_order))
    del met
    column = np.zeros(met_count, dtype=np.int64)  # first met -> place in sorted order
    column[in_order] = np.arange(len(vocabulary), dtype=np.int64)
    ends = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=ends[1:])
    kept_before = np.zeros(len(codes) + 1, dtype=np.int64)  # kept entries before each entry
    np.cumsum(kept, out=kept_before[1:])
    indptr = kept_before[ends]
    del kept_before, ends
    data, indices = weights[kept], column[kept_codes]
    del weights, kept, kept_codes, column, codes
    matrix = sparse.csr_matrix((data, indices, indptr), shape=(len(lengths), len(vocabulary)))
    del data, indices
    matrix.sum_duplicates()
    matrix.sort_indices()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sparse.diags(1.0 / norms).dot(matrix).tocsr()
    df = np.bincount(matrix.indices, minlength=len(vocabulary)).astype(np.float64)
    return Vectors(matrix=matrix, vocabulary=vocabulary, df=df)


def number_idf(value: str) -> float:
    """Small numbers are everywhere in text and large ones rare (Benford; the frequency of a
    number in running text falls roughly as 1/n): a number weighs ``1 + ln(1 + n)``."""
    return 1.0 + float(np.log1p(max(float(value), 0.0)))


def entity_counts(
    docs: Sequence[Document],
    entities: Sequence[Entity],
    lead_ends: list[int],
    lead_weight: float,
) -> EntityRows:
    """Per document, its canonical entities' mention counts (lead mentions weigh more), as
    compressed rows (``columns.EntityRows``: reading a row gives its dict)."""
    row_of = {d.id: row for row, d in enumerate(docs)}

    def weighed(entity: Entity) -> Iterator[tuple[str, float]]:
        for mention in entity.mentions:
            evidence = mention.provenance
            row = row_of.get(evidence.doc_id)
            if row is not None:
                yield evidence.doc_id, lead_weight if evidence.start < lead_ends[row] else 1.0

    return entity_rows(row_of, ((entity.id, weighed(entity)) for entity in entities))
