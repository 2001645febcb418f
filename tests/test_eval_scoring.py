"""The shared scores of the eval tasks: B-cubed as defined by Bagga & Baldwin (every gold item
counted, a missed one a singleton), the adjusted Rand index, precision/recall/F1."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.evaluation.briefing.documents import bcubed as briefing_bcubed
from storyline.evaluation.ecbplus import score as ecbplus_score
from storyline.evaluation.scoring import adjusted_rand_index, bcubed, prf


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        # perfect
        ({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "y"}, (1.0, 1.0, 1.0)),
        # all singletons: precision 1, recall (1/2 + 1/2 + 1) / 3
        ({"a": 1, "b": 1, "c": 2}, {"a": "a", "b": "b", "c": "c"}, (1.0, 2 / 3, 0.8)),
        # one cluster: precision (2/3 + 2/3 + 1/3) / 3, recall 1
        ({"a": 1, "b": 1, "c": 2}, {"a": 0, "b": 0, "c": 0}, (5 / 9, 1.0, 10 / 14)),
        # "b" missed: a singleton of its own, not dropped (dropping it would score 1, 1, 1)
        ({"a": 1, "b": 1, "c": 2}, {"a": "x", "c": "y"}, (1.0, 2 / 3, 0.8)),
        # nothing predicted: every gold item a singleton
        ({"a": 1, "b": 1}, {}, (1.0, 0.5, 2 / 3)),
        # items only in the prediction are not scored
        ({"a": 1, "b": 1}, {"a": "x", "b": "x", "z": "x"}, (1.0, 1.0, 1.0)),
        # empty key
        ({}, {"a": 1}, (0.0, 0.0, 0.0)),
    ],
)
def test_bcubed(gold, predicted, expected):
    assert bcubed(gold, predicted) == pytest.approx(expected)


def test_missing_items_never_merge_with_each_other_or_a_cluster():
    # two missed items of one gold cluster are two singletons, even if a predicted cluster id
    # looks like what the scorer uses internally
    gold = {"a": 1, "b": 1, "c": 1}
    assert bcubed(gold, {"c": None}) == pytest.approx((1.0, 1 / 3, 0.5))
    assert bcubed(gold, {"c": ("missing", "a")}) == pytest.approx((1.0, 1 / 3, 0.5))


labels = st.integers(min_value=0, max_value=3)
partitions = st.dictionaries(st.integers(min_value=0, max_value=12), labels, max_size=12)


@given(partitions, partitions)
def test_missing_items_score_as_explicit_singletons(gold, predicted):
    explicit = {item: predicted.get(item, ("alone", item)) for item in gold}
    assert bcubed(gold, predicted) == pytest.approx(bcubed(gold, explicit))
    p, r, f1 = bcubed(gold, predicted)
    assert 0.0 <= p <= 1.0 and 0.0 <= r <= 1.0 and 0.0 <= f1 <= 1.0


@given(partitions, partitions)
def test_briefing_bcubed_means_the_same_over_the_whole_pile(gold, predicted):
    """The briefing task keeps its own B-cubed (it averages over a part while clusters span the
    pile); over every item it must agree with the shared one."""
    truth = {str(k): str(v) for k, v in gold.items()}
    guess = {str(k): str(v) for k, v in predicted.items() if k in gold}
    items = sorted(truth)
    p_sum, r_sum, f1 = briefing_bcubed(truth, guess, items)
    if items:
        expected = bcubed(truth, guess)
        assert (p_sum / len(items), r_sum / len(items), f1) == pytest.approx(expected)


def test_ecbplus_documents_left_out_of_every_story_are_singletons():
    gold = {"d1": "t1", "d2": "t1", "d3": "t2"}
    scored = ecbplus_score(gold, {"d1": "s1", "d3": "s2"})  # d2 in no story
    assert scored["bcubed_p"] == 1.0 and scored["bcubed_r"] == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ({"a": 1, "b": 1, "c": 2, "d": 2}, {"a": 0, "b": 0, "c": 1, "d": 1}, 1.0),
        ({"a": 1, "b": 1, "c": 2, "d": 2}, {"a": 0, "b": 1, "c": 0, "d": 1}, -0.5),
        ({"a": 1}, {"a": 1}, 1.0),  # fewer than two items
    ],
)
def test_adjusted_rand_index_is_unchanged(gold, predicted, expected):
    assert adjusted_rand_index(gold, predicted) == pytest.approx(expected)


def test_prf_is_zero_where_undefined():
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)
    assert prf(2, 4, 2) == pytest.approx((0.5, 1.0, 2 / 3))
