"""Story summaries kept between builds: a story is summarised once, again when anything its
summary reads changes (a document's score, an event or entity its documents tell, its
documents), and the summaries read back are those made without the store."""

from __future__ import annotations

import copy
from collections.abc import Collection, Iterable, Iterator

import pytest

from storyline.models import CorpusView
from storyline.store import Store
from storyline.summary.select import Summariser, summarise_all
from tests.kept_rows import KeptRows


class _Kept(KeptRows):
    """Candidates and story summaries in dicts over held analyses."""

    summary_candidates = KeptRows.read
    save_summary_candidates = KeptRows.save

    def __init__(self, analyses) -> None:  # type: ignore[no-untyped-def]
        super().__init__(analyses)
        self.summaries: dict[bytes, str] = {}

    def story_summaries(self, keys: Collection[bytes]) -> Iterator[tuple[bytes, str]]:
        return ((k, self.summaries[k]) for k in sorted(keys) if k in self.summaries)

    def keep_story_summaries(
        self, current: Collection[bytes], made: Iterable[tuple[bytes, str]]
    ) -> None:
        self.summaries = {k: v for k, v in self.summaries.items() if k in current}
        self.summaries.update(made)


@pytest.fixture
def summarised(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The stories summarised, call by call."""
    found: list[str] = []
    real = Summariser.summary

    def counting(self, doc_ids, max_sentences, story_id=None):  # type: ignore[no-untyped-def]
        if story_id is not None:
            found.append(story_id)
        return real(self, doc_ids, max_sentences, story_id)

    monkeypatch.setattr(Summariser, "summary", counting)
    return found


def _dumped(result) -> list[str]:  # type: ignore[no-untyped-def]
    corpus, stories = result
    return [s.model_dump_json() for s in [corpus, *stories]]


def test_kept_story_summaries_are_those_made_without_them(demo_stored, summarised) -> None:
    documents, analyses, view = demo_stored
    clean = _dumped(summarise_all(documents, analyses, view))
    stories = [s.id for s in view.stories]
    assert len(stories) > 1 and summarised == stories
    kept = _Kept(analyses)
    summarised.clear()
    assert _dumped(summarise_all(documents, analyses, view, kept=kept)) == clean
    assert summarised == stories and len(kept.summaries) == len(stories)
    summarised.clear()
    assert _dumped(summarise_all(documents, analyses, view, kept=kept)) == clean
    assert summarised == []  # every story's read back


def _with(view: CorpusView, **fields) -> CorpusView:  # type: ignore[no-untyped-def]
    changed = copy.copy(view)
    for name, value in fields.items():
        setattr(changed, name, value)
    return changed


def test_a_changed_input_summarises_only_the_stories_it_reaches(demo_stored, summarised) -> None:
    documents, analyses, view = demo_stored
    kept = _Kept(analyses)
    summarise_all(documents, analyses, view, kept=kept)
    story = view.stories[0]
    doc_id = story.documents[0]
    cases = {
        "score": _with(
            view,
            quality=[
                q.model_copy(update={"score": q.score / 2}) if q.doc_id == doc_id else q
                for q in view.quality
            ],
        ),
        "event": _with(
            view,
            events=[
                e.model_copy(update={"date": "1999-01-01"}) if doc_id in e.documents else e
                for e in view.events
            ],
        ),
        "entity": _with(  # another entity named in the same places
            view,
            entities=[
                e.model_copy(update={"id": f"{e.id}~other"}) if doc_id in e.documents else e
                for e in view.entities
            ],
        ),
        "documents": _with(
            view,
            stories=[
                s.model_copy(update={"documents": s.documents[1:]}) if s.id == story.id else s
                for s in view.stories
            ],
        ),
    }
    telling = {s.id for s in view.stories for e in view.events if doc_id in e.documents}
    telling |= {
        s.id
        for s in view.stories
        for e in view.entities
        if doc_id in e.documents and set(e.documents) & set(s.documents)
    }
    for name, changed in cases.items():
        summarised.clear()
        result = _dumped(summarise_all(documents, analyses, changed, kept=kept))
        assert summarised and story.id in summarised, name
        assert set(summarised) <= telling | {story.id}, name
        assert result == _dumped(summarise_all(documents, analyses, changed)), name
        summarise_all(documents, analyses, view, kept=kept)  # back to the stored view


def test_the_store_keeps_only_this_build_s_story_summaries(tmp_path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.keep_story_summaries({b"a", b"b"}, [(b"a", '{"x": "é"}'), (b"b", "{}")])
        assert sorted(store.story_summaries({b"a", b"b", b"c"})) == [
            (b"a", '{"x": "é"}'),
            (b"b", "{}"),
        ]
        store.keep_story_summaries({b"b", b"c"}, [(b"c", "[]")])  # a's story is gone
        assert sorted(store.story_summaries({b"a", b"b", b"c"})) == [(b"b", "{}"), (b"c", "[]")]


def test_kept_stories_give_back_their_candidates_concepts(demo_stored, monkeypatch) -> None:
    """A build whose stories are all kept works out no candidate's concepts again: the corpus
    summary reads the ones kept with the stories, and says what it says without them."""
    from storyline.summary.concepts import ConceptIndex

    documents, analyses, view = demo_stored
    clean = _dumped(summarise_all(documents, analyses, view))
    kept = _Kept(analyses)
    summarise_all(documents, analyses, view, kept=kept)
    asked: list[str] = []
    real = ConceptIndex.own_concepts

    def counting(self, c):  # type: ignore[no-untyped-def]
        asked.append(c.doc_id)
        return real(self, c)

    monkeypatch.setattr(ConceptIndex, "own_concepts", counting)
    assert _dumped(summarise_all(documents, analyses, view, kept=kept)) == clean
    assert asked == []
    story = view.stories[0]
    changed = _with(
        view,
        stories=[
            s.model_copy(update={"documents": s.documents[1:]}) if s.id == story.id else s
            for s in view.stories
        ],
    )
    assert _dumped(summarise_all(documents, analyses, changed, kept=kept)) == _dumped(
        summarise_all(documents, analyses, changed)
    )
