"""Story features made once per build and kept between builds: the stories and the storylines
share one set of features, a document's clustering row is read back from the store unless its
text, its analysis or the settings changed, and the stories are those made without any kept
row."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from storyline.pipeline.corpus import derive_corpus
from storyline.store import Store
from storyline.stories import document_rows
from storyline.stories.cluster import cluster_stories, pile_features
from storyline.stories.features import NO_DAY, Features
from storyline.stories.kept import packed_row, row_key, unpacked_row
from tests.conftest import make_document
from tests.kept_rows import KeptRows


@pytest.fixture(scope="module")
def demo(demo_build):
    """(documents, analyses) of the demo corpus, as its build stored them."""
    with Store(demo_build[0] / "storyline.db") as store:
        return store.corpus_documents(), store.analyses()


@pytest.fixture
def rows_made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents whose clustering rows were made, call by call."""
    made: list[str] = []
    real = document_rows.document_row

    def counting(doc, analysis, config):  # type: ignore[no-untyped-def]
        made.append(doc.id)
        return real(doc, analysis, config)

    monkeypatch.setattr(document_rows, "document_row", counting)
    from storyline.stories import features

    monkeypatch.setattr(features, "document_row", counting)
    return made


def test_a_build_makes_each_document_s_story_features_once(demo, rows_made) -> None:
    """The stories and the storylines compare the same features: one row per document."""
    documents, analyses = demo
    view = derive_corpus(documents, analyses)
    assert view.stories and view.storylines
    assert sorted(rows_made) == sorted(d.id for d in documents)


class _Kept(KeptRows):
    """A row cache in a dict over held analyses, counting what it is given."""

    story_rows = KeptRows.read
    save_story_rows = KeptRows.save


def _same_features(one: Features, other: Features) -> None:
    """Every field equal, the vectors' columns and values included (not only their cosines)."""
    for name in ("terms", "when", "numbers"):
        a, b = getattr(one, name), getattr(other, name)
        assert a.vocabulary == b.vocabulary, name
        assert (a.matrix != b.matrix).nnz == 0 and np.array_equal(a.df, b.df), name
    for name in ("dated", "days", "news_days"):
        assert np.array_equal(getattr(one, name), getattr(other, name)), name
    for name in (
        "ids",
        "years",
        "days_of_year",
        "lead_people",
        "lead_agents",
        "named_words",
        "lead_events",
        "lead_ends",
        "days_ahead",
        "entity_rows",
    ):
        assert getattr(one, name) == getattr(other, name), name


def test_kept_rows_give_the_features_and_stories_made_without_them(demo, rows_made) -> None:
    documents, analyses = demo
    clean = pile_features(documents, analyses)
    kept = _Kept(analyses)
    first = pile_features(documents, analyses, kept=kept)
    assert sorted(kept.saved) == sorted(d.id for d in documents)
    rows_made.clear()
    again = pile_features(documents, analyses, kept=kept)
    assert rows_made == []  # all read back
    _same_features(again, clean)
    _same_features(first, clean)
    assert cluster_stories(documents, analyses, features=again) == cluster_stories(
        documents, analyses
    )


def test_a_changed_document_or_analysis_makes_its_row_again(demo, rows_made) -> None:
    """A re-analysed document (another stored analysis), an edited text and a new publication
    date each make their row again; the others are read back."""
    documents, analyses = demo
    kept = _Kept(analyses)
    pile_features(documents, analyses, kept=kept)
    reanalysed, edited, redated = (d.id for d in documents[:3])
    kept.digests[reanalysed] = b"re-analysed"
    changed = list(documents)
    changed[1] = documents[1].model_copy(update={"text": documents[1].text + " More follows."})
    changed[2] = documents[2].model_copy(update={"published": "1999-01-01"})
    rows_made.clear()
    features = pile_features(changed, analyses, kept=kept)
    assert sorted(rows_made) == sorted([reanalysed, edited, redated])
    _same_features(features, pile_features(changed, analyses))


def test_a_document_without_an_analysis_keeps_no_row(demo, rows_made) -> None:
    documents, analyses = demo
    kept = _Kept(analyses[1:])
    features = pile_features(documents, analyses[1:], kept=kept)
    assert documents[0].id in features.ids and documents[0].id not in kept.rows
    _same_features(features, pile_features(documents, analyses[1:]))


def test_a_kept_row_reads_back_the_row_it_was_made_from(demo) -> None:
    from storyline.stories.cluster import load_config

    documents, analyses = demo
    by_id = {a.doc_id: a for a in analyses}
    rows = [document_rows.document_row(d, by_id.get(d.id), load_config()) for d in documents]
    assert any(r.lead_event and r.lead_event.day == NO_DAY for r in rows)  # undated round-trips
    assert any(r.news != NO_DAY for r in rows) and any(r.agent for r in rows)
    ahead = document_rows.DocumentRow(
        lead_end=40,
        terms=Counter({"summit": 2.5, "delhi": 1.0}),
        dates=Counter({"date:2023-09-09": 1, "year:2023": 2}),
        numbers=Counter(),
        lead_event=document_rows.DocEvent("ev1", "MEET", 738772.0, 3, True),
        people=frozenset({"putin", "modi"}),
        agent=("MEET", "", "putin"),
        news=738760.0,
        ahead=frozenset({738772.0, 738773.0}),
        top=("summit", "delhi"),
    )
    for row in [*rows, ahead]:
        back = unpacked_row(packed_row(row))
        assert back == row
        assert list(back.terms) == list(row.terms)  # the counting order, the columns' order


def test_the_key_follows_text_title_date_and_analysis() -> None:
    doc = make_document("Rescuers searched the rubble on Tuesday.", "k", date_field="2023-05-02")
    key = row_key(doc, b"analysis")
    assert key == row_key(doc, b"analysis")
    assert key != row_key(doc, b"analysis 2")
    for update in ({"text": doc.text + " Later."}, {"title": "Other"}, {"published": None}):
        assert key != row_key(doc.model_copy(update=update), b"analysis"), update


def test_kept_rows_hold_each_document_s_heaviest_terms_as_the_pile_weighs_them(
    demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row made in a build is kept with its document's top terms, ranked in that build's
    pile (here three of the five demo documents, then all five); they are the ones the whole
    pile's vectors give, and a build that reads every row back ranks no document's terms
    again: its candidate pairs are those found without kept rows."""
    from storyline.stories import blocking
    from storyline.stories.cluster import load_config

    documents, analyses = demo
    store = _Kept(analyses)
    pile_features(documents[1:4], analyses, kept=store)
    made = pile_features(documents, analyses, kept=store)
    assert sorted(store.saved) == sorted(d.id for d in documents)
    clean = pile_features(documents, analyses)
    settings = load_config()["blocking"]
    k = settings["top_terms"]
    whole = [
        tuple(clean.terms.vocabulary[c] for c in blocking.top_features(clean.terms, row, k))
        for row in range(len(clean.ids))
    ]
    assert made.top_terms == whole and all(len(top) == k for top in whole)
    ranked: list[int] = []
    real = blocking.top_features
    monkeypatch.setattr(
        blocking, "top_features", lambda v, row, n: ranked.append(row) or real(v, row, n)
    )
    again = pile_features(documents, analyses, kept=store)
    pairs = blocking.candidate_pairs(again.terms, again.days, settings, again.top_terms)
    assert ranked == [] and again.top_terms == whole
    found = blocking.candidate_pairs(clean.terms, clean.days, settings)
    assert ranked == list(range(len(documents)))
    assert pairs.left.tolist() == found.left.tolist() and pairs.left.size > 0
    assert pairs.right.tolist() == found.right.tolist()


def test_a_build_holds_the_kept_top_terms_no_longer_than_the_stories_stage(
    demo_build, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The storylines read the stories' features but not the documents' top terms, which the
    blocking alone reads: they are dropped when the stories are made."""
    import shutil

    from storyline.pipeline import corpus

    given: list[Features] = []
    real = corpus.storylines_of

    def storylines(*args, **kwargs):  # type: ignore[no-untyped-def]
        given.append(kwargs["features"])
        return real(*args, **kwargs)

    monkeypatch.setattr(corpus, "storylines_of", storylines)
    shutil.copy(demo_build[0] / "storyline.db", tmp_path / "store.db")
    with Store(tmp_path / "store.db") as store:
        pile = store.analysis_pile()
        view = derive_corpus(store.corpus_documents(), pile, kept=store)
    assert view.stories and len(given) == 1 and given[0].top_terms == []
    assert given[0].ids and given[0].terms.matrix.shape[0] == len(given[0].ids)
