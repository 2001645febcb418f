"""The story features' weighting and the top terms blocking and labels read: each key's idf
is asked once per pile, and the top terms are the first ``k`` of the full ordering, ties going
by name."""

from __future__ import annotations

from collections import Counter

import numpy as np

from storyline.stories.blocking import _Columns, _contenders, top_features
from storyline.stories.features import fixed_vectors


def test_fixed_vectors_ask_each_key_s_idf_once_and_weigh_as_before() -> None:
    asked: list[str] = []

    def idf(key: str) -> float:
        asked.append(key)
        return {"quake": 3.0, "toll": 2.0, "rose": 0.5}[key]

    rows = [Counter({"quake": 2.0, "toll": 1.0}), Counter({"quake": 1.0, "rose": 3}), Counter()]
    vectors = fixed_vectors(rows, idf)
    assert sorted(asked) == ["quake", "rose", "toll"]
    expected = [{k: idf(k) * (1.0 + np.log(max(v, 1.0))) for k, v in row.items()} for row in rows]
    for number, weights in enumerate(expected):
        norm = np.sqrt(sum(w * w for w in weights.values())) or 1.0
        got = vectors.matrix.getrow(number)
        found = {vectors.vocabulary[c]: v for c, v in zip(got.indices, got.data, strict=True)}
        assert found.keys() == weights.keys()
        for key, weight in weights.items():
            assert found[key] == weight / norm or abs(found[key] - weight / norm) < 1e-15


def test_top_features_are_the_heaviest_with_ties_by_name() -> None:
    counts = Counter({f"t{n:03d}": float(1 + n % 7) for n in range(200)})
    vectors = fixed_vectors([counts], lambda key: 1.0)
    top = [vectors.vocabulary[c] for c in top_features(vectors, 0, 12).tolist()]
    ordered = sorted(counts, key=lambda t: (-counts[t], t))
    assert top == ordered[:12]
    assert top_features(vectors, 0, 500).size == 200


def test_a_row_s_weights_and_cosines_do_not_depend_on_the_pile() -> None:
    """A row's norm and a pair's dot product sum their terms in column order; the columns are
    the features' sorted order, so those sums read the rows alone, bit for bit. The weights
    here make the order tell: 1e16 + 1 + 1 is 1e16 summed from the left, 1e16 + 2 from the
    right."""
    from storyline.text.vectors import pair_cosines

    weight = {"xenon": 1e8, "argon": 1.0, "boron": 1.0, "radon": 1.0}.__getitem__
    row = Counter({"xenon": 1.0, "argon": 1.0, "boron": 1.0})
    other = Counter({"xenon": 1.0, "boron": 1.0, "argon": 1.0, "radon": 1.0})
    alone = fixed_vectors([row, other], weight)
    after = fixed_vectors([Counter({"boron": 1.0, "argon": 1.0}), row, other], weight)
    assert alone.vocabulary == sorted(alone.vocabulary)

    def weights(vectors, number):  # type: ignore[no-untyped-def]
        got = vectors.matrix.getrow(number)
        return [(vectors.vocabulary[c], v) for c, v in zip(got.indices, got.data, strict=True)]

    assert weights(alone, 0) == weights(after, 1) and weights(alone, 1) == weights(after, 2)
    pair = np.array([0]), np.array([1])
    later = np.array([1]), np.array([2])
    assert pair_cosines(alone.matrix, *pair).tolist() == pair_cosines(after.matrix, *later).tolist()


def test_fixed_vectors_leave_out_what_weighs_nothing_and_keep_empty_rows() -> None:
    """A count of zero or below, or a key whose idf is zero, makes no entry and no column; a
    row without entries stays a row (the matrix has one per input mapping)."""
    idf = {"quake": 2.0, "toll": 0.0, "rose": 1.0, "fell": 3.0}.__getitem__
    rows = [Counter({"quake": 1.0, "toll": 4.0}), Counter(), Counter({"fell": 0.0, "rose": 2.0})]
    vectors = fixed_vectors(rows, idf)
    assert vectors.vocabulary == ["quake", "rose"]
    assert vectors.matrix.shape == (3, 2)
    assert vectors.matrix.indptr.tolist() == [0, 1, 1, 2]
    assert vectors.matrix.data.tolist() == [1.0, 1.0]
    assert vectors.df.tolist() == [1.0, 1.0]
    empty = fixed_vectors([Counter(), Counter()], idf)
    assert empty.vocabulary == [] and empty.matrix.shape == (2, 0)


def test_a_term_s_idf_is_worked_out_once_per_zipf_value(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The idf reads only the term's Zipf value, and the table lists a few hundred values for
    tens of thousands of terms: a pile's vocabulary costs one logarithm per value, not per
    term, and the weights are the same numbers."""
    from storyline.stories import background

    table = {f"term{n}": 3.0 + (n % 4) / 100 for n in range(400)}
    asked: list[float] = []

    def counted(zipf: float, words: int = background.DOCUMENT_WORDS) -> float:
        asked.append(zipf)
        return real(zipf, words)

    real = background.idf_of_zipf
    monkeypatch.setattr(background, "zipf_table", lambda: table)
    monkeypatch.setattr(background, "idf_of_zipf", counted)
    background._idf_of_listed.cache_clear()
    try:
        idfs = [background.term_idf(term) for term in [*table, "unlisted", "other unlisted"]]
    finally:
        background._idf_of_listed.cache_clear()
    assert len(asked) == 5  # four listed values and the unlisted one
    assert idfs[:4] == [real(table[f"term{n}"]) for n in range(4)]
    assert idfs[-1] == real(background.UNLISTED_ZIPF)


def _all_sorted_top(vectors, row: int, k: int) -> list[int]:  # type: ignore[no-untyped-def]
    """``top_features`` by its definition: every feature of the row sorted."""
    start, end = vectors.matrix.indptr[row], vectors.matrix.indptr[row + 1]
    cols = vectors.matrix.indices[start:end].tolist()
    vals = vectors.matrix.data[start:end].tolist()
    ranked = sorted(
        zip(cols, vals, strict=True), key=lambda cv: (-round(cv[1], 12), vectors.vocabulary[cv[0]])
    )
    return [c for c, _ in ranked[:k]]


def test_a_long_row_s_top_features_are_chosen_among_its_contenders_alone() -> None:
    """A long row (a story's centroid) has its top features chosen among those that weigh
    about as much as its k-th heaviest or more: the same features, in the same order, as
    sorting every one, weights equal after rounding to 12 places going by name."""
    rng = np.random.default_rng(7)
    rows = [
        {f"w{i:04d}": float(rng.integers(1, 5)) for i in range(400)},  # many ties
        {f"w{i:04d}": 1.0 + float(rng.random()) for i in range(300)},
        {"b": 1.0, "a": 1.0 + 1e-14, "c": 1.0 - 1e-14, "d": 0.5},  # equal after rounding
    ]
    vectors = fixed_vectors(rows, lambda key: 1.0)
    for row in range(len(rows)):
        for k in (1, 3, 10, 50):
            assert top_features(vectors, row, k).tolist() == _all_sorted_top(vectors, row, k)
    start, end = vectors.matrix.indptr[1], vectors.matrix.indptr[2]
    cols, _ = _contenders(vectors.matrix.indices[start:end], vectors.matrix.data[start:end], 10)
    assert 10 <= len(cols) < 300


def test_a_kept_top_term_finds_its_column_in_any_vocabulary() -> None:
    """Columns are looked up by bisection in the sorted vocabulary the features make; a
    vocabulary in another order still gives each term its own column."""
    assert _Columns(["apple", "kiwi", "pear"])["kiwi"] == 1
    assert _Columns(["pear", "apple", "kiwi"])["apple"] == 1
    assert _Columns(["pear", "apple", "kiwi"])["pear"] == 0
