"""MUC, B³, CEAF-e and CoNLL F1 on small hand examples with values from their definitions."""

from __future__ import annotations

import pytest

from storyline.evaluation.coref_metrics import bcubed, ceaf_e, clusters, conll, muc


def _assign(*groups: str) -> dict[str, int]:
    return {mention: n for n, group in enumerate(groups) for mention in group}


def test_reference_scorer_example() -> None:
    """The worked example of Pradhan et al. (2014), key {a,b,c} {d,e,f,g} and response {a,b}
    {c,d} {f,g,h,i}: MUC 0.40/0.40, B³ P 0.50 R 0.4167, CEAF-e P 0.4333 R 0.65 F 0.52."""
    key = _assign("abc", "defg")
    response = _assign("ab", "cd", "fghi")
    assert muc(key, response) == pytest.approx((0.4, 0.4, 0.4))
    p, r, _ = bcubed(key, response)
    assert (p, r) == pytest.approx((0.5, 35 / 84))
    assert ceaf_e(key, response) == pytest.approx((1.3 / 3, 0.65, 0.52))
    scores = conll(key, response)
    assert scores["conll_f1"] == pytest.approx(
        (0.4 + 2 * 0.5 * (35 / 84) / (0.5 + 35 / 84) + 0.52) / 3
    )


def test_identical_clusterings_score_one() -> None:
    key = _assign("ab", "cde", "f")
    scores = conll(key, dict(key))
    assert all(value == pytest.approx(1.0) for value in scores.values())


def test_singletons_get_no_muc_links_but_full_bcubed_precision() -> None:
    key = _assign("abcd", "e")
    response = _assign("a", "b", "c", "d", "e")
    assert muc(key, response) == (0.0, 0.0, 0.0)
    p, r, _ = bcubed(key, response)
    assert p == pytest.approx(1.0)
    assert r == pytest.approx((4 * 0.25 + 1) / 5)
    # CEAF-e: the 4-cluster aligns with one singleton (2/5), "e" with "e" (1)
    assert ceaf_e(key, response)[:2] == pytest.approx((1.4 / 5, 1.4 / 2))


def test_muc_counts_links_vilain_example() -> None:
    """Vilain et al. (1995): key {A,B,C,D}, response {A,B} {C,D}: one link of three missed."""
    key = _assign("ABCD")
    response = _assign("AB", "CD")
    assert muc(key, response) == pytest.approx((1.0, 2 / 3, 0.8))


def test_one_big_cluster_has_full_recall() -> None:
    key = _assign("ab", "cd")
    response = _assign("abcd")
    assert muc(key, response) == pytest.approx((2 / 3, 1.0, 0.8))
    assert bcubed(key, response)[:2] == pytest.approx((0.5, 1.0))


def test_mentions_missing_from_one_side_earn_nothing() -> None:
    """A key mention the response lacks is a piece of its own (MUC) and gets no B³ credit."""
    key = _assign("abc")
    response = _assign("ab")
    assert muc(key, response)[1] == pytest.approx(0.5)
    assert bcubed(key, response)[:2] == pytest.approx((1.0, (2 * 2 / 3) / 3))


def test_clusters_groups_by_id() -> None:
    assert sorted(map(sorted, clusters({"a": 1, "b": 2, "c": 1}))) == [["a", "c"], ["b"]]


def test_empty_clusterings_score_zero() -> None:
    assert conll({}, {})["conll_f1"] == 0.0
