"""The story features made as columns (``stories.columns``) against the per-document objects
they replaced: the demo corpus and a simulated pile give every field equal, the word, date and
number vectors bit for bit, and every entity row with its entities in the same order.

``_listed_features`` is the layout before (every row held in a list, its Counters walked by the
weighting, a dict of entity weights per document), kept here as the reference."""

from __future__ import annotations

import shutil
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import astuple
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from scipy import sparse

from storyline.bench_big import write_big
from storyline.entities.extract import canonicalise
from storyline.models import Document, Entity
from storyline.store import Store
from storyline.stories.background import term_idf
from storyline.stories.cluster import load_config, pile_features
from storyline.stories.columns import CountColumns, EntityRows, entity_rows
from storyline.stories.document_rows import DocumentRow
from storyline.stories.features import (
    NO_DAY,
    Features,
    day_number,
    document_rows,
    fixed_vectors,
    number_idf,
)
from storyline.text.vectors import Vectors


def _listed_vectors(counts: Sequence[Mapping[str, float]], idf: Callable[[str], float]) -> Vectors:
    """The weighting over a list of Counters, as it was."""
    rows = counts
    lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    keys = list(chain.from_iterable(rows))
    values = np.fromiter(chain.from_iterable(r.values() for r in rows), np.float64, len(keys))
    met = list(dict.fromkeys(keys))
    code_of = dict(zip(met, range(len(met)), strict=True))
    codes = np.fromiter(map(code_of.__getitem__, keys), dtype=np.int64, count=len(keys))
    counted = values > 0
    idf_weights = np.zeros(len(met), dtype=np.float64)
    weighed = np.flatnonzero(np.bincount(codes[counted], minlength=len(met)))
    idf_weights[weighed] = [idf(met[c]) for c in weighed.tolist()]
    tf_values, tf_at = np.unique(values[counted], return_inverse=True)
    tf_weights = np.array([1.0 + np.log(max(v, 1.0)) for v in tf_values.tolist()], np.float64)
    weights = np.zeros(len(keys), dtype=np.float64)
    weights[counted] = idf_weights[codes[counted]] * tf_weights[tf_at.ravel()]
    kept = weights > 0
    present = np.flatnonzero(np.bincount(codes[kept], minlength=len(met)))
    in_order = sorted(present.tolist(), key=met.__getitem__)
    vocabulary = [met[c] for c in in_order]
    column = np.zeros(len(met), dtype=np.int64)
    column[in_order] = np.arange(len(vocabulary), dtype=np.int64)
    row_of_entry = np.repeat(np.arange(len(rows), dtype=np.int64), lengths)
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(np.bincount(row_of_entry[kept], minlength=len(rows)), out=indptr[1:])
    matrix = sparse.csr_matrix(
        (weights[kept], column[codes[kept]], indptr), shape=(len(rows), len(vocabulary))
    )
    matrix.sum_duplicates()
    matrix.sort_indices()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sparse.diags(1.0 / norms).dot(matrix).tocsr()
    df = np.bincount(matrix.indices, minlength=len(vocabulary)).astype(np.float64)
    return Vectors(matrix=matrix, vocabulary=vocabulary, df=df)


def _listed_features(
    docs: Sequence[Document], rows: list[DocumentRow], entities: Sequence[Entity]
) -> dict[str, Any]:
    """Every field as the per-document objects gave it (before ``columns``)."""
    config = load_config()
    weights = config["when_weights"]
    dates = [row.dates for row in rows]
    days = np.array([day_number(d.published) for d in docs], dtype=np.float64)
    for place, row in enumerate(rows):
        lead = row.lead_event
        if days[place] == NO_DAY and lead is not None and lead.confident:
            days[place] = lead.day
    named = frozenset[str]().union(*(row.people for row in rows))
    lead_ends = [row.lead_end for row in rows]
    counts: list[dict[str, float]] = [defaultdict(float) for _ in docs]
    row_of = {d.id: place for place, d in enumerate(docs)}
    lead_weight = config["vectors"]["lead_weight"]
    for entity in entities:
        for mention in entity.mentions:
            place = row_of.get(mention.provenance.doc_id)
            if place is not None:
                start = mention.provenance.start
                counts[place][entity.id] += lead_weight if start < lead_ends[place] else 1.0
    return {
        "ids": [d.id for d in docs],
        "terms": _listed_vectors([row.terms for row in rows], term_idf),
        "when": _listed_vectors(dates, lambda key: float(weights[key.split(":", 1)[0]]))
        if any(dates)
        else None,
        "numbers": _listed_vectors([row.numbers for row in rows], number_idf)
        if any(row.numbers for row in rows)
        else None,
        "dated": np.array([bool(row) for row in dates], dtype=bool),
        "years": [frozenset(k for k in row if k.startswith("year:")) for row in dates],
        "days_of_year": [
            (
                frozenset(k[4:] for k in row if k.startswith("day:")),
                frozenset(k[-5:] for k in row if k.startswith("date:")),
            )
            for row in dates
        ],
        "lead_people": [row.people for row in rows],
        "lead_agents": [row.agent for row in rows],
        "named_words": [named.intersection(row.terms) for row in rows],
        "days": days,
        "lead_events": [row.lead_event for row in rows],
        "lead_ends": lead_ends,
        "news_days": np.array([row.news for row in rows], dtype=np.float64),
        "days_ahead": [row.ahead for row in rows],
        "entity_rows": [list(row.items()) for row in counts],
        "top_terms": [row.top for row in rows],
    }


def _plain(name: str, value: Any) -> Any:
    """A field as plain values: vectors by their bytes, arrays by dtype and bytes, entity rows
    as their (id, weight) items in order, lead events as tuples."""
    if isinstance(value, Vectors):
        m = value.matrix
        return (value.vocabulary, m.data.tobytes(), m.indices.tolist(), m.indptr.tolist(),
                value.df.tobytes(), m.shape)  # fmt: skip
    if isinstance(value, np.ndarray):
        return (str(value.dtype), value.tobytes())
    if isinstance(value, EntityRows):
        return [list(row.items()) for row in value]
    if name == "lead_events":
        return [astuple(e) if e is not None else None for e in value]
    return value


def _same_as_listed(features: Features, expected: dict[str, Any]) -> None:
    for name, value in expected.items():
        assert _plain(name, getattr(features, name)) == _plain(name, value), name


def _pile_of(store_path: Path) -> tuple[list[Document], list[DocumentRow], list[Entity], Any]:
    with Store(store_path) as store:
        docs = sorted(store.corpus_documents(), key=lambda d: d.id)
        analyses = {a.doc_id: a for a in store.analyses()}
    mentions = [m for a in analyses.values() for m in a.mentions]
    entities = canonicalise(mentions, {d.id: d.published for d in docs})
    rows = list(document_rows(docs, analyses, load_config()))
    return docs, rows, entities, analyses


@pytest.fixture(scope="module")
def simulated(demo_build, tmp_path_factory) -> Path:
    """A pile of 120 documents simulated from the demo build's (``bench_big``)."""
    work = tmp_path_factory.mktemp("columns")
    template = shutil.copy(demo_build[0] / "storyline.db", work / "template.db")
    write_big(Path(template), work / "pile.db", 120)
    return work / "pile.db"


@pytest.mark.parametrize("pile", ["demo", "simulated"])
def test_features_as_columns_equal_the_per_document_objects(
    pile: str, demo_build, simulated: Path
) -> None:
    path = demo_build[0] / "storyline.db" if pile == "demo" else simulated
    docs, rows, entities, analyses = _pile_of(path)
    expected = _listed_features(docs, rows, entities)
    assert expected["when"] is not None and expected["numbers"] is not None
    assert any(expected["named_words"]) and any(expected["entity_rows"])
    assert len(entities) > 5 and sum(map(len, expected["entity_rows"])) > len(docs)
    features = pile_features(docs, list(analyses.values()), entities)
    _same_as_listed(features, expected)


def test_entity_rows_read_each_document_s_dict_in_the_order_counted() -> None:
    entities = [
        ("org:b", [("d2", 1.0), ("d0", 2.0), ("d2", 2.0), ("gone", 1.0)]),
        ("org:a", [("d0", 1.0)]),
        ("org:c", []),
        ("org:d", [("d2", 1.0)]),
    ]
    rows = entity_rows({"d0": 0, "d1": 1, "d2": 2}, entities)
    assert [list(row.items()) for row in rows] == [
        [("org:b", 2.0), ("org:a", 1.0)],
        [],
        [("org:b", 3.0), ("org:d", 1.0)],
    ]
    assert rows == [{"org:a": 1.0, "org:b": 2.0}, {}, {"org:d": 1.0, "org:b": 3.0}]
    assert rows != [{"org:b": 2.0}, {}, {"org:b": 3.0, "org:d": 1.0}]
    assert len(entity_rows({}, [])) == 0


def test_count_columns_keep_each_row_s_order_and_number_keys_as_first_met() -> None:
    rows = [Counter({"b": 2.0, "a": 1.0}), Counter(), Counter({"c": 1, "b": 4})]
    columns = CountColumns.of(rows)
    assert columns.keys == ["b", "a", "c"] and len(columns) == 3
    assert columns.codes.tolist() == [0, 1, 2, 0] and columns.lengths.tolist() == [2, 0, 2]
    assert columns.values.tolist() == [2.0, 1.0, 1.0, 4.0]
    assert columns.rows_with({"b", "z"}) == {0: frozenset({"b"}), 2: frozenset({"b"})}
    assert CountColumns.of([{}, {}]).rows_with({"a"}) == {}
    for idf in (lambda key: 1.0 + len(key), lambda key: 0.0 if key == "a" else 2.0):
        assert _plain("", fixed_vectors(columns, idf)) == _plain("", _listed_vectors(rows, idf))
