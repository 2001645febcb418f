"""The events-by-story stage's working set (issue 18): without kept products the second event
merge reuses the mentions the first one resolved, and the first merge's events are not held
while the second runs."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from storyline.events import merge as merge_module
from storyline.models import CorpusView, Event, EventMention
from storyline.pipeline import corpus as corpus_module
from storyline.pipeline.corpus import derive_corpus
from storyline.store import Store


@pytest.fixture(scope="module")
def demo_store(demo_build, tmp_path_factory) -> Path:
    """A copy of the demo build's store (a test here may not change the shared one)."""
    out, _ = demo_build
    copy = tmp_path_factory.mktemp("by-story") / "storyline.db"
    shutil.copy(out / "storyline.db", copy)
    return copy


def test_each_mention_is_resolved_once_for_both_merges(
    demo_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The two merges resolve the same mentions against the same entities: the second takes
    the first's (reading and resolving them again was most of the stage's memory)."""
    resolved: list[str] = []
    resolve = merge_module.resolved_mention

    def counted(mention: EventMention, index: object) -> EventMention:
        resolved.append(mention.id)
        return resolve(mention, index)  # type: ignore[arg-type]

    monkeypatch.setattr(merge_module, "resolved_mention", counted)
    with Store(demo_store) as store:
        told = [m.id for a in store.analyses() for m in a.events]
        view = derive_corpus(store.corpus_documents(), store.analysis_pile())
    assert told and resolved == told
    assert sorted(m.id for e in view.events for m in e.mentions) == sorted(told)


def test_the_first_merges_events_are_let_go_before_the_second(
    demo_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stories' merge reads mentions, documents and stories, not the first merge's events,
    and those events (their labels, actors, explanations) were about a third of the stage's
    highest point at 1,600 simulated documents."""
    views: list[CorpusView] = []
    held: list[int] = []

    class RecordedView(CorpusView):
        def __init__(self, **fields: object) -> None:
            super().__init__(**fields)
            views.append(self)

    merge = corpus_module.merge_resolved

    def recorded(mentions: Sequence[EventMention], *args, **kwargs) -> list[Event]:
        held.append(len(views[0].events))
        return merge(mentions, *args, **kwargs)

    monkeypatch.setattr(corpus_module, "CorpusView", RecordedView)
    monkeypatch.setattr(corpus_module, "merge_resolved", recorded)
    monkeypatch.setattr(merge_module, "merge_resolved", recorded)  # as ``merge_events`` calls it
    with Store(demo_store) as store:
        view = derive_corpus(store.corpus_documents(), store.analysis_pile())
    assert view.events and held == [0, 0]  # the view held no events when each merge began
