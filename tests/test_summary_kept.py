"""Summary candidates kept between builds: a document's candidates are made once, made again
when its text, analysis or entity mentions change, and the summaries are those made without
any kept candidate."""

from __future__ import annotations

import copy
import sys
from dataclasses import fields

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.models import DocumentAnalysis
from storyline.store import Store
from storyline.summary import select
from storyline.summary.candidates import Candidate
from storyline.summary.kept import candidate_key, packed_candidates, unpacked_candidates
from storyline.summary.select import Summariser
from tests.conftest import make_document
from tests.kept_rows import KeptRows


class _Kept(KeptRows):
    """A candidate cache in a dict over held analyses, counting what it is given."""

    summary_candidates = KeptRows.read
    save_summary_candidates = KeptRows.save


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents whose candidates were made, call by call."""
    found: list[str] = []
    real = select.candidates

    def counting(document, analysis, protected=(), rules_=None):  # type: ignore[no-untyped-def]
        found.append(document.id)
        return real(document, analysis, protected, rules_)

    monkeypatch.setattr(select, "candidates", counting)
    return found


def _held(summariser: Summariser) -> dict[str, list[Candidate]]:
    """Each document's candidates, made back from the summariser's rows (it holds no
    ``Candidate``: ``columns``)."""
    return {
        doc_id: [summariser.columns.candidate(row) for row in summariser.rows_of(doc_id)]
        for doc_id in summariser.columns.ranges
    }


def _summaries(summariser: Summariser) -> list[str]:
    corpus = summariser.summary(None, 10)
    stories = [summariser.summary(s.documents, 3, story_id=s.id) for s in summariser.view.stories]
    return [s.model_dump_json() for s in [corpus, *stories]]


def test_kept_candidates_give_the_summaries_made_without_them(demo_stored, made) -> None:
    documents, analyses, view = demo_stored
    clean = Summariser(documents, analyses, view)
    assert sorted(made) == sorted(_held(clean))
    kept = _Kept(analyses)
    first = Summariser(documents, analyses, view, kept=kept)
    assert sorted(kept.saved) == sorted(_held(clean))  # every document's made and kept
    made.clear()
    again = Summariser(documents, analyses, view, kept=kept)
    assert made == []  # all read back
    assert _held(again) == _held(first) == _held(clean)
    assert again.index.figures_at == clean.index.figures_at
    assert _summaries(again) == _summaries(first) == _summaries(clean)


def test_a_changed_analysis_or_entity_mention_makes_that_document_again(demo_stored, made) -> None:
    documents, analyses, view = demo_stored
    kept = _Kept(analyses)
    Summariser(documents, analyses, view, kept=kept)
    changed, other = documents[0].id, documents[1].id
    kept.digests[changed] = b"re-analysed"
    made.clear()
    Summariser(documents, analyses, view, kept=kept)
    assert made == [changed]
    # an entity mention no longer canonical: the span a trim must not cut is gone
    entities = [
        e.model_copy(update={"mentions": [m for m in e.mentions if m.provenance.doc_id != other]})
        for e in view.entities
    ]
    fewer = copy.copy(view)
    fewer.entities = entities
    made.clear()
    Summariser(documents, analyses, fewer, kept=kept)
    assert made == [other]


def test_a_document_without_an_analysis_has_no_candidates(demo_stored, made) -> None:
    documents, analyses, view = demo_stored
    kept = _Kept(analyses[1:])
    summariser = Summariser(documents, analyses[1:], view, kept=kept)
    assert documents[0].id not in _held(summariser)
    assert documents[0].id not in kept.rows


def test_a_kept_row_reads_back_the_candidates_it_was_made_from(demo_stored) -> None:
    documents, analyses, view = demo_stored
    summariser = Summariser(documents, analyses, view)
    docs = {d.id: d for d in documents}
    trimmed = shown = 0
    for doc_id, found in _held(summariser).items():
        back, _ = unpacked_candidates(docs[doc_id], packed_candidates(found, []))
        assert back == found
        assert [c.text for c in back] == [c.text for c in found]
        trimmed += sum(c.trimmed for c in found)
        shown += sum(c.shown is not None for c in found)
    assert trimmed and shown  # the display texts that are not the span round-trip too


def test_the_key_follows_text_blocks_analysis_and_mentions() -> None:
    doc = make_document("Rescuers searched the rubble on Tuesday. The toll rose to 40.", "k")
    key = candidate_key(doc, b"analysis", [(0, 8)])
    assert key == candidate_key(doc, b"analysis", [(0, 8)])
    assert key != candidate_key(doc, b"analysis 2", [(0, 8)])
    assert key != candidate_key(doc, b"analysis", [(0, 8), (30, 37)])
    other = make_document("Rescuers searched the rubble on Monday. The toll rose to 40.", "k")
    assert key != candidate_key(other, b"analysis", [(0, 8)])
    fewer = doc.model_copy(update={"blocks": doc.blocks[:0]})
    assert doc.blocks and key != candidate_key(fewer, b"analysis", [(0, 8)])


def test_the_store_keeps_candidates_under_their_key(tmp_path) -> None:
    docs = [
        make_document("Flood waters rose across the valley overnight.", "a"),
        make_document("The central bank held its rate at 6.5 percent.", "b"),
    ]
    with Store(tmp_path / "s.db") as store:
        store.add_documents(docs)
        assert store.analysis_digests(["a", "b"]) == {}  # nothing analysed yet
        store.save_analyses([DocumentAnalysis(doc_id=d.id, version="v1") for d in docs])
        digests = store.analysis_digests(["a", "b", "gone"])
        assert sorted(digests) == ["a", "b"] and digests["a"] != digests["b"]
        store.save_analyses([DocumentAnalysis(doc_id="a", version="v2")])
        assert store.analysis_digests(["a"])["a"] != digests["a"]
        assert store.analysis_digests(["b"]) == {"b": digests["b"]}
        store.save_summary_candidates(
            [("a", b"key-a", '{"x": "é"}'), ("b", b"key-b", "{}"), ("gone", b"k", "{}")]
        )
        assert list(store.summary_candidates({"a": b"key-a", "b": b"key-b"})) == [
            ("a", '{"x": "é"}'),
            ("b", "{}"),
        ]
        assert list(store.summary_candidates({"a": b"another key", "gone": b"k"})) == []
        store.save_summary_candidates([("a", b"key-a2", "[]")])
        assert list(store.summary_candidates({"a": b"key-a2"})) == [("a", "[]")]


def test_a_candidate_carries_the_key_of_its_words_and_a_shared_key_alone_cites_nothing(
    demo_stored,
) -> None:
    """Which candidates say the same sentence is found by a kept digest of their normalised
    words (``text_key``), not by normalising every candidate of the pile again; two texts
    under one key are still compared in full, so a collision cites no one."""
    from dataclasses import replace

    from storyline.summary.candidates import normal, text_key
    from storyline.summary.citations import Chosen, cited_sentence

    assert text_key("India, Russia sign a deal.") == text_key("india russia  SIGN a deal")
    assert text_key("India and Russia sign a deal.") != text_key("India, Russia sign a deal.")
    documents, analyses, view = demo_stored
    summariser = Summariser(documents, analyses, view)
    docs = {d.id: d for d in documents}
    every = [c for found in _held(summariser).values() for c in found]
    assert all(c.said == text_key(c.text) for c in every)
    for doc_id, found in _held(summariser).items():
        back, _ = unpacked_candidates(docs[doc_id], packed_candidates(found, []))
        assert [c.said for c in back] == [c.said for c in found]
    one = every[0]
    other = next(c for c in every if c.doc_id != one.doc_id and normal(c.text) != normal(one.text))
    same = replace(other, said=one.said)  # another sentence under the same key
    scope = set(docs)
    cited, _ = cited_sentence(
        Chosen(one, {}), scope, summariser.index, {one.said: [one, same]}, summariser.order
    )
    assert cited.documents == [one.doc_id]
    twin = replace(other, shown=one.text, said=one.said)  # the same words: cited
    cited, _ = cited_sentence(
        Chosen(one, {}), scope, summariser.index, {one.said: [one, twin]}, summariser.order
    )
    assert cited.documents == [one.doc_id, twin.doc_id]


_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


@st.composite
def _candidates(draw: st.DrawFn) -> Candidate:
    """Any candidate over one document's text: fields of every kind, texts with quotes and
    non-ASCII letters, the optional texts present or not."""
    return Candidate(
        doc_id="doc",
        index=draw(st.integers(0, 500)),
        sentence_start=draw(st.integers(0, 10_000)),
        sentence_end=draw(st.integers(0, 10_000)),
        start=draw(st.integers(0, 10_000)),
        end=draw(st.integers(0, 10_000)),
        trimmed=draw(st.booleans()),
        words=draw(st.integers(0, 80)),
        terms=tuple(sorted(draw(st.sets(_TEXT, max_size=6)))),
        filler=draw(st.floats(0, 5, allow_nan=False)),
        anaphoric=draw(st.booleans()),
        source="Rescuers searched the rubble on Tuesday. “The toll rose,” he said.",
        shown=draw(st.none() | _TEXT),
        told=draw(st.none() | _TEXT),
        said=draw(st.integers(0, 2**32 - 1)),
    )


@given(st.lists(_candidates(), max_size=5))
@settings(max_examples=60, deadline=None)
def test_any_kept_row_reads_back_field_for_field(found: list[Candidate]) -> None:
    """The reader builds each candidate from its row by position (every build reads every kept
    candidate of the pile): field for field the candidate that was kept, with its flags as
    booleans and its content words interned, as one built by name is."""
    doc = make_document("Rescuers searched the rubble on Tuesday. “The toll rose,” he said.", "doc")
    back, figures = unpacked_candidates(doc, packed_candidates(found, [("f1", 0, 3)]))
    assert back == found and figures == [("f1", 0, 3)]
    for made, kept in zip(back, found, strict=True):
        assert [type(getattr(made, f.name)) for f in fields(Candidate)] == [
            type(getattr(kept, f.name)) for f in fields(Candidate)
        ]
        assert all(sys.intern(t) is t for t in made.terms)
        assert made.source is doc.text
