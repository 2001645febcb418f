"""The stories stage's compact state (issue 18): pairs scored a block at a time, the
clustering's state in arrays, repeated feature rows shared; every result equal to what the
whole-list, object-per-pair versions gave."""

from __future__ import annotations

import random
from collections import defaultdict

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.models import DocumentAnalysis
from storyline.stories import clustering
from storyline.stories.blocking import _top_columns, top_features
from storyline.stories.cluster import load_config
from storyline.stories.clustering import _upgma, average_link, recluster
from storyline.stories.features import document_features, shared
from tests.conftest import make_document
from tests.test_stories import _timex


def _random_graph(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = random.Random(seed)
    draws = (rng.sample(range(n), 2) for _ in range(n * rng.choice([1, 2, 4])))
    pairs = sorted({(min(a, b), max(a, b)) for a, b in draws})
    left = np.array([a for a, _ in pairs], dtype=np.int64)
    right = np.array([b for _, b in pairs], dtype=np.int64)
    levels = [0.1, 0.3, 0.5, 0.55, 0.7, 0.9]
    scores = np.array([rng.choice(levels) if rng.random() < 0.5 else rng.random() for _ in pairs])
    return left, right, scores


def _average_link_by_objects(n, left, right, scores, threshold):
    """The earlier average link: components in dicts, every pair a tuple (the reference)."""
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for x, y, s in zip(left.tolist(), right.tolist(), scores.tolist(), strict=True):
        if s >= threshold and find(x) != find(y):
            rx, ry = find(x), find(y)
            parent[max(rx, ry)] = min(rx, ry)
    components = defaultdict(list)
    for row in range(n):
        components[find(row)].append(row)
    edges = defaultdict(list)
    for x, y, s in zip(left.tolist(), right.tolist(), scores.tolist(), strict=True):
        if find(x) == find(y) and len(components[find(x)]) > 1:
            edges[find(x)].append((x, y, s))
    groups = []
    for root, members in components.items():
        groups.extend([members] if len(members) == 1 else _upgma(members, edges[root], threshold))
    return sorted(sorted(g) for g in groups)


@settings(max_examples=80, deadline=None)
@given(n=st.integers(0, 50), seed=st.integers(0, 10_000))
def test_average_link_in_arrays_equals_the_object_version(n, seed):
    left, right, scores = _random_graph(n, seed) if n >= 2 else (np.zeros(0, np.int64),) * 3
    expected = _average_link_by_objects(n, left, right, scores.astype(float), 0.5)
    assert average_link(n, left, right, scores.astype(float), 0.5) == expected


@settings(max_examples=60, deadline=None)
@given(n=st.integers(2, 50), seed=st.integers(0, 10_000), block=st.integers(1, 7))
def test_pairs_are_scored_a_block_at_a_time(n, seed, block):
    """However small the block, every pair the region needs is scored once, no call gets
    more than a block, and the groups are those of scoring the region's pairs at once."""
    left, right, scores = _random_graph(n, seed)
    calls: list[int] = []

    def score(indices: np.ndarray) -> np.ndarray:
        calls.append(len(indices))
        return scores[indices]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(clustering, "SCORE_BLOCK", block)
        groups = recluster(n, (left, right), score, 0.5)
    assert max(calls, default=0) <= block
    assert sum(calls) == len(left)  # a clean build scores every candidate pair once
    assert groups == average_link(n, left, right, scores, 0.5)


def test_recluster_reuses_previous_groups_given_as_any_sequence():
    """Previous groups as tuples, and a changed row that is in none of them: the untouched
    group is kept as it was, the changed row's component is redone."""
    left, right = np.array([0, 2, 2, 3]), np.array([1, 3, 4, 4])
    scores = np.array([0.9, 0.9, 0.8, 0.8])
    asked: list[int] = []

    def score(indices: np.ndarray) -> np.ndarray:
        asked.extend(indices.tolist())
        return scores[indices]

    groups = recluster(5, (left, right), score, 0.5, previous=[(0, 1), (2, 3)], changed=(4,))
    assert groups == [[0, 1], [2, 3, 4]]
    assert all(type(row) is int for group in groups for row in group)
    assert sorted(asked) == [1, 2, 3]  # (0, 1) is not scored again


WIRE = [
    (
        "The central bank raised its main rate to 6.5% on March 4, 2024, its third increase "
        "since January, Governor Elena Brandt told reporters in Frankfurt."
    ),
    (
        "Governor Elena Brandt said on Tuesday that the bank would watch prices closely after "
        "the rise of March 4, 2024, which lenders passed on to borrowers within days."
    ),
    (
        "Farmers blocked roads near Lyon in 2024 to protest fuel taxes, and union leader Paul "
        "Girard said the blockades would continue until the government changed course."
    ),
]


def test_documents_naming_the_same_years_share_one_row():
    """Two reports naming March 4, 2024 hold one set of years, not one each; the flags say
    which documents name a calendar date at all."""
    docs = [make_document(text, f"w{i}", date_field="2024-03-05") for i, text in enumerate(WIRE)]
    named = {"w0": ["2024-03-04"], "w1": ["2024-03-04"], "w2": ["2024"]}
    analyses = {
        doc: DocumentAnalysis(doc_id=doc, version="t", timexes=[_timex(doc, v) for v in values])
        for doc, values in named.items()
    }
    analyses["w2"] = DocumentAnalysis(doc_id="w2", version="t")  # no time expression found
    features = document_features(docs, analyses, load_config())
    assert features.years[0] == features.years[1] == frozenset({"year:2024"})
    assert features.years[0] is features.years[1]
    assert features.days_of_year[0] is features.days_of_year[1]
    assert features.dated.dtype == bool and features.dated.tolist() == [True, True, False]


def test_shared_keeps_order_and_values():
    rows = [frozenset({"a"}), None, frozenset({"a"}), (1, frozenset())]
    kept = shared(rows)
    assert kept == rows and kept[0] is kept[2]


def test_top_columns_are_each_rows_top_features():
    docs = [make_document(text, f"w{i}") for i, text in enumerate(WIRE)]
    terms = document_features(docs, {}, load_config()).terms
    cols, owners, keys = _top_columns(terms, 5)
    for row in range(len(docs)):
        assert cols[owners == row].tolist() == top_features(terms, row, 5).tolist()
    assert len(set(keys.tolist())) == len(docs)  # three different texts, three keys
