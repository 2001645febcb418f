"""Near-duplicates: exact copies, near copies with small edits, unrelated texts, determinism."""

from __future__ import annotations

import pytest

from storyline.stories.dedup import canonical_order, duplicate_of, find_near_duplicates, shingles
from tests.conftest import make_document

WIRE = (
    "Rescue teams worked through the night in the coastal town of Puerto Saavedra after a "
    "magnitude 6.4 earthquake struck on Tuesday morning, the national emergency office said. "
    "At least twelve people were killed and more than eighty injured, most of them in the "
    "collapse of an old market hall near the harbour. The regional governor, Ana Morales, "
    "declared three days of mourning and asked residents to stay away from damaged buildings. "
    "Power was restored to most districts by Wednesday, but water supplies remained cut in the "
    "hills above the town, where landslides blocked two roads. Engineers from the capital "
    "arrived to inspect the bridge over the Imperial river, which was closed to traffic."
)
EDITED = (
    WIRE.replace("worked through the night", "worked overnight")
    .replace("more than eighty", "over 80")
    .replace("Engineers from the capital arrived", "Engineers arrived")
)
TRUNCATED = WIRE.rsplit(" Power was", 1)[0]
OTHER = (
    "The central bank kept its benchmark interest rate unchanged at 4.5 percent on Thursday, "
    "citing easing inflation and a weaker labour market. Governor Elif Demir told reporters "
    "the board would watch wage growth closely before any cut. Analysts polled last week had "
    "expected the decision, and the currency barely moved after the announcement. Exporters "
    "have asked for lower borrowing costs since the spring, when orders from Europe fell."
)


def _groups(docs):
    return {(g.canonical, tuple(g.members)) for g in find_near_duplicates(docs)}


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # an exact repost: one group, similarity 1
        ({"a": WIRE, "b": WIRE}, {("a", ("b",))}),
        # a lightly edited copy and a truncated copy both join the original
        ({"a": WIRE, "b": EDITED, "c": TRUNCATED}, {("a", ("b", "c"))}),
        # unrelated articles: nothing
        ({"a": WIRE, "b": OTHER}, set()),
        ({"a": OTHER}, set()),
        ({}, set()),
    ],
)
def test_groups(texts, expected):
    docs = [make_document(text, doc_id) for doc_id, text in texts.items()]
    assert _groups(docs) == expected


def test_similarity_is_kept_and_plausible():
    docs = [make_document(WIRE, "a"), make_document(EDITED, "b"), make_document(WIRE, "c")]
    (group,) = find_near_duplicates(docs)
    assert group.similarity["c"] == 1.0
    assert 0.5 <= group.similarity["b"] < 1.0
    assert duplicate_of([group]) == {"b": "a", "c": "a"}


def test_canonical_is_earliest_then_longest():
    late_full = make_document(WIRE, "a-late", date_field="2024-05-02")
    early_cut = make_document(TRUNCATED, "b-early", date_field="2024-05-01")
    undated_full = make_document(WIRE + " More follows.", "c-undated")
    (group,) = find_near_duplicates([late_full, early_cut, undated_full])
    assert group.canonical == "b-early"
    # undated copies: the longest wins
    (group,) = find_near_duplicates([make_document(TRUNCATED, "x"), make_document(WIRE, "y")])
    assert group.canonical == "y"
    assert canonical_order(late_full) < canonical_order(undated_full)


def test_deterministic_whatever_the_order():
    docs = [make_document(t, i) for i, t in (("a", WIRE), ("b", EDITED), ("c", OTHER))]
    first = find_near_duplicates(docs)
    again = find_near_duplicates(list(reversed(docs)))
    assert [g.model_dump() for g in first] == [g.model_dump() for g in again]


@pytest.mark.parametrize(
    ("text", "size", "expected"),
    [
        ("One two three", 5, {b"one two three"}),
        ("A b c d", 3, {b"a b c", b"b c d"}),
        ("Ｆｕｌｌ WIDTH text", 5, {b"full width text"}),
        ("", 5, set()),
    ],
)
def test_shingles(text, size, expected):
    assert shingles(text, size) == expected
