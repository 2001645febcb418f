"""What the cross-document stages read of the analyses: the two event merges share one read of
the events layer, and the second merge gives the events it gave when it read them again."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence

import pytest

from storyline.models import DocumentAnalysis
from storyline.models.pile import HeldAnalyses
from storyline.pipeline import corpus
from storyline.pipeline.corpus import derive_corpus
from storyline.pipeline.stages import CorpusStage, CorpusState
from storyline.store import Store


class _CountingPile(HeldAnalyses):
    """Held analyses that count the layers each ``read`` asks for."""

    def __init__(self, analyses: Sequence[DocumentAnalysis]) -> None:
        super().__init__(analyses)
        object.__setattr__(self, "reads", [])

    def read(self, layers: Collection[str]) -> Iterator[DocumentAnalysis]:
        self.reads.append(tuple(sorted(layers)))  # type: ignore[attr-defined]
        return super().read(layers)


@pytest.fixture(scope="module")
def demo(demo_build):
    with Store(demo_build[0] / "storyline.db") as store:
        return store.corpus_documents(), store.analyses()


def _dumped(events) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.model_dump_json() for e in events]


def test_the_event_merges_read_the_events_layer_once(demo, monkeypatch) -> None:
    documents, analyses = demo
    pile = _CountingPile(analyses)
    view = derive_corpus(documents, pile)
    assert [r for r in pile.reads if "events" in r] == [("events",)]

    def forgetting(stage: CorpusStage) -> CorpusStage:
        """The events stage, dropping the mentions it kept: the second merge reads again."""

        def run(state: CorpusState) -> None:
            stage.run(state)
            state.shared.pop("event_mentions")

        return CorpusStage(stage.name, stage.reads, stage.adds, run)

    stages = tuple(forgetting(s) if s.name == "events" else s for s in corpus.CORPUS_STAGES)
    monkeypatch.setattr(corpus, "CORPUS_STAGES", stages)
    again = _CountingPile(analyses)
    reread = derive_corpus(documents, again)
    assert [r for r in again.reads if "events" in r] == [("events",), ("events",)]
    assert view.events and _dumped(reread.events) == _dumped(view.events)
    assert [s.model_dump_json() for s in reread.stories] == [
        s.model_dump_json() for s in view.stories
    ]
