"""The cross-document stages freeze what they hold out of the cyclic collector's scans on the
main thread only: the collector is the process's, and the web server keeps its ask index
frozen (web/cache.py settle_heap) while a build job runs on another thread."""

from __future__ import annotations

import gc
import threading

import pytest

from storyline.pipeline.corpus import derive_corpus


def test_a_build_off_the_main_thread_leaves_the_collector_frozen_as_it_was() -> None:
    held = [[object()] for _ in range(100)]  # stands for the server's frozen ask index
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        job = threading.Thread(target=derive_corpus, args=([], []))
        job.start()
        job.join()
        # frozen objects freed by reference counting meanwhile leave the count; an unfreeze
        # would empty it
        assert gc.get_freeze_count() > frozen // 2
    finally:
        gc.unfreeze()
    assert held


def test_a_build_on_the_main_thread_leaves_nothing_of_its_own_frozen() -> None:
    before = gc.get_freeze_count()
    derive_corpus([], [])
    assert gc.get_freeze_count() <= before


@pytest.mark.parametrize(
    ("reader", "reads_per_build"),
    # the entities; the event merges (once: the second takes the first's resolved mentions)
    [("kept_names", 1), ("kept_resolved_mentions", 1)],
)
def test_a_stage_reads_its_mentions_with_the_collector_paused_on_the_main_thread(
    demo_build, monkeypatch, reader: str, reads_per_build: int
) -> None:
    """The pile's mentions (named in the entities stage, of events in the two event merges)
    are read without a collection walking them (they are all held to the end of the stage),
    then frozen with the rest; the collector runs again after, and a build off the main thread
    leaves it alone."""
    from storyline.pipeline import corpus
    from storyline.store import Store

    enabled: list[bool] = []
    real = getattr(corpus, reader)

    def reading(*args):  # type: ignore[no-untyped-def]
        enabled.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr(corpus, reader, reading)
    with Store(demo_build[0] / "storyline.db") as store:
        documents, pile = store.corpus_documents(), store.analysis_pile()
        derive_corpus(documents, pile, kept=store)
        assert gc.isenabled()
        job = threading.Thread(target=derive_corpus, args=(documents, pile), kwargs={"kept": store})
        job.start()
        job.join()
    assert enabled == [False] * reads_per_build + [True] * reads_per_build
    assert gc.isenabled()
