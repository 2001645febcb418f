"""The cross-document stages freeze what they hold out of the cyclic collector's scans on the
main thread only: the collector is the process's, and the web server keeps its ask index
frozen (web/cache.py settle_heap) while a build job runs on another thread."""

from __future__ import annotations

import gc
import threading

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
