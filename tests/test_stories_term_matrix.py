"""The pile's word vectors kept between builds (issue 18, incremental builds): the kept matrix
with new rows merged in is, array for array and bit for bit, the matrix weighed from scratch
over every row; the store gives back the matrix it kept; a build weighs only the new rows."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.models.term_matrix import TermMatrix
from storyline.store import Store
from storyline.stories import term_matrix
from storyline.stories.background import term_idf
from storyline.stories.cluster import pile_features
from storyline.stories.features import fixed_vectors, words_in_rows
from storyline.stories.term_matrix import kept_matrix, merged_vectors, usable_rows
from storyline.text.vectors import Vectors
from tests.test_stories_kept import _Kept, _same_features

#: Terms of the background table and terms it does not list (as common and as rare as they
#: come), some sorting between others, one beyond the Basic Multilingual Plane.
TERMS = ["earthquake", "said", "summit", "aaa", "zzz", "kremlin", "émigré", "𝔷eta", "b", "qu"]
COUNTS = st.sampled_from([1.0, 1.5, 2.0, 3.0, 4.5, 0.5])
ROW = st.dictionaries(st.sampled_from(TERMS), COUNTS, max_size=8)


def _key(doc_id: str, version: int = 0) -> bytes:
    return f"{doc_id}:{version}".encode().ljust(16, b".")


def _same_vectors(got: Vectors, want: Vectors) -> None:
    assert got.vocabulary == want.vocabulary
    assert got.matrix.shape == want.matrix.shape
    for name in ("indptr", "indices"):
        assert np.array_equal(getattr(got.matrix, name), getattr(want.matrix, name)), name
    assert got.matrix.data.tobytes() == want.matrix.data.tobytes()  # the weights, bit for bit
    assert np.array_equal(got.df, want.df)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.dictionaries(st.integers(0, 60).map(lambda n: f"doc{n:02d}"), ROW, max_size=14),
    earlier=st.sets(st.integers(0, 60).map(lambda n: f"doc{n:02d}")),
    changed=st.sets(st.integers(0, 60).map(lambda n: f"doc{n:02d}")),
    gone=st.dictionaries(st.integers(0, 9).map(lambda n: f"gone{n}"), ROW, max_size=3),
)
def test_new_rows_merged_into_the_kept_matrix_are_the_matrix_weighed_from_scratch(
    rows, earlier, changed, gone
) -> None:
    """An earlier pile (some of these documents, some changed since, some gone) is kept; the
    kept rows still under their key are merged with the others weighed now."""
    ids = sorted(rows)
    before = sorted((earlier & rows.keys()) | gone.keys())
    counts = {**rows, **gone}
    stale = {doc_id: {"stale": 1.0} for doc_id in changed}  # what a changed document held
    kept = kept_matrix(
        before,
        [_key(doc_id, int(doc_id in changed)) for doc_id in before],
        fixed_vectors([stale.get(doc_id, counts[doc_id]) for doc_id in before], term_idf),
    )
    usable = usable_rows(kept, {doc_id: _key(doc_id) for doc_id in ids})
    assert set(usable) == (earlier & rows.keys()) - changed
    made = {place: rows[doc_id] for place, doc_id in enumerate(ids) if doc_id not in usable}
    merged = merged_vectors(ids, kept, usable, made)
    _same_vectors(merged, fixed_vectors([rows[doc_id] for doc_id in ids], term_idf))


def test_rows_without_a_key_are_not_kept() -> None:
    vectors = fixed_vectors([{"summit": 1.0}, {"kremlin": 2.0}, {"aaa": 1.0}], term_idf)
    kept = kept_matrix(["a", "b", "c"], [_key("a"), None, _key("c")], vectors)
    assert kept.ids == ["a", "c"] and kept.keys == [_key("a"), _key("c")]
    again = merged_vectors(
        ["a", "c"], kept, usable_rows(kept, {"a": _key("a"), "c": _key("c")}), {}
    )
    _same_vectors(again, fixed_vectors([{"summit": 1.0}, {"aaa": 1.0}], term_idf))


def test_the_words_of_rows_are_the_rows_own() -> None:
    vectors = fixed_vectors([{"summit": 1.0, "kremlin": 2.0}, {"aaa": 1.0}, {}], term_idf)
    assert words_in_rows(vectors, {"kremlin", "aaa", "absent"}) == {
        0: frozenset({"kremlin"}),
        1: frozenset({"aaa"}),
    }


def test_the_store_gives_back_the_matrix_it_kept(tmp_path) -> None:
    vectors = fixed_vectors([{t: 1.5 for t in TERMS}, {}, {"summit": 2.0}], term_idf)
    kept = kept_matrix(["a", "b", "c"], [_key("a"), _key("b"), _key("c")], vectors)
    with Store(tmp_path / "s.db") as store:
        assert store.story_term_matrix() is None
        store.save_story_term_matrix(kept)
        store.save_story_term_matrix(kept)  # in place of the one kept
    with Store(tmp_path / "s.db") as store:
        back = store.story_term_matrix()
        assert back is not None
        with pytest.raises(ValueError):
            store.save_story_term_matrix(TermMatrix(["a"], [b"short"], [], *_empty_arrays(1)))
    assert (back.ids, back.keys, back.vocabulary) == (kept.ids, kept.keys, kept.vocabulary)
    for name in ("indptr", "indices", "data"):
        assert getattr(back, name).tobytes() == getattr(kept, name).tobytes(), name
    empty = TermMatrix([], [], [], *_empty_arrays(0))
    with Store(":memory:") as store:
        store.save_story_term_matrix(empty)
        read = store.story_term_matrix()
        assert read is not None and read.ids == [] and read.vocabulary == []


def _empty_arrays(rows: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return np.zeros(rows + 1, np.int64), np.zeros(0, np.int32), np.zeros(0, np.float64)


def test_a_build_weighs_only_new_rows_and_keeps_the_matrix_it_merged(
    demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first pile is weighed whole and kept; the pile with three more documents weighs
    only their rows, and its features equal those made without anything kept, bit for bit;
    a build with nothing new writes no matrix."""
    documents, analyses = demo
    weighed: list[int] = []
    real = term_matrix.fixed_vectors
    monkeypatch.setattr(
        term_matrix, "fixed_vectors", lambda rows, idf: weighed.append(len(rows)) or real(rows, idf)
    )
    kept = _Kept(analyses)
    pile_features(documents[3:], analyses, kept=kept)
    assert weighed == [len(documents) - 3] and kept.matrices_saved == 1
    weighed.clear()
    features = pile_features(documents, analyses, kept=kept)
    assert weighed == [3] and kept.matrices_saved == 2
    clean = pile_features(documents, analyses)
    _same_features(features, clean)
    _same_vectors(features.terms, clean.terms)
    weighed.clear()
    pile_features(documents, analyses, kept=kept)
    assert weighed == [0] and kept.matrices_saved == 2


@pytest.fixture(scope="module")
def demo(demo_build):
    with Store(demo_build[0] / "storyline.db") as store:
        return store.corpus_documents(), store.analyses()


def test_terms_the_weighting_gives_no_weight_are_kept_with_the_row(
    demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A term of no weight is in no vector, so not in the kept matrix: its row keeps it, for
    the lead people's test reads every term of a text (``Features.named_words``). Here a
    surname some lead names weighs nothing; the features read back equal those made without
    anything kept."""
    from storyline.stories import features as features_module

    documents, analyses = demo
    clean = pile_features(documents, analyses)
    surname = sorted(frozenset[str]().union(*clean.lead_people))[0]
    real_idf = features_module.term_idf

    def idf(term: str) -> float:
        return 0.0 if term == surname else real_idf(term)

    monkeypatch.setattr(features_module, "term_idf", idf)
    monkeypatch.setattr(term_matrix, "term_idf", idf)
    clean = pile_features(documents, analyses)
    assert surname not in clean.terms.vocabulary
    assert any(surname in words for words in clean.named_words)
    kept = _Kept(analyses)
    pile_features(documents[2:], analyses, kept=kept)
    _same_features(pile_features(documents, analyses, kept=kept), clean)
    _same_features(pile_features(documents, analyses, kept=kept), clean)  # all read back
