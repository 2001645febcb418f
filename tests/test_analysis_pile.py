"""The analyses as the cross-document stages read them: layer by layer, streamed from the store
(``models/pile.py``, ``Store.analysis_pile``), with the results of holding them all."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from storyline.briefing.compose import corpus_rows
from storyline.models import DocumentAnalysis
from storyline.models.pile import LAYERS, AnalysisPile, HeldAnalyses, as_pile
from storyline.pipeline.corpus import derive_corpus
from storyline.pipeline.partition import LocalRunner, iter_pack, pack
from storyline.store import Store
from storyline.store.analyses import StoredAnalyses


@pytest.fixture(scope="module")
def demo_store(demo_build, tmp_path_factory) -> Path:
    """A copy of the demo build's store (a test here may not change the shared one)."""
    out, _ = demo_build
    copy = tmp_path_factory.mktemp("pile") / "storyline.db"
    shutil.copy(out / "storyline.db", copy)
    return copy


def test_each_layer_reads_as_stored(demo_store: Path) -> None:
    """A layer picked out of the stored JSON by SQLite parses to the values (and the JSON) of
    the whole analysis read back: numbers and strings keep their text."""
    with Store(demo_store) as store:
        whole = store.analyses()
        pile = store.analysis_pile()
        for layer in sorted(LAYERS):
            read = list(pile.read([layer]))
            assert [a.doc_id for a in read] == [a.doc_id for a in whole]
            for alone, full in zip(read, whole, strict=True):
                assert alone.version == full.version
                assert alone.model_dump_json(include={layer}) == full.model_dump_json(
                    include={layer}
                )
        assert any(a.signals for a in whole) and any(a.figures for a in whole)
        just_events = next(pile.read(["events"]))
        assert just_events.events and not just_events.mentions  # only what was asked for
        with pytest.raises(ValueError, match="no such analysis layers"):
            next(pile.read(["mentions", "text"]))


def test_analyses_by_id_come_in_the_order_asked(demo_store: Path) -> None:
    with Store(demo_store) as store:
        ids = list(reversed(store.document_ids()))
        pile = StoredAnalyses(store, chunk=2)
        got = list(pile.of([*ids, "no-such-document"], ["mentions"]))
    assert [a.doc_id for a in got if a is not None] == ids
    assert got[-1] is None


def test_a_stored_pile_holds_one_chunk_at_a_time(demo_store: Path) -> None:
    """Reading by id keeps at most a chunk of analyses alive (the stages' memory stays flat),
    and a streamed read one."""

    def alive() -> int:
        gc.collect()
        return sum(1 for o in gc.get_objects() if type(o) is DocumentAnalysis)

    with Store(demo_store) as store:
        ids = store.document_ids()
        assert len(ids) >= 4
        before = alive()
        most = max(alive() - before for _ in StoredAnalyses(store, chunk=2).of(ids, ["events"]))
        assert most <= 2
        most = max(alive() - before for _ in store.analysis_pile().read(["sentences"]))
        assert most <= 1


def test_the_view_from_the_stored_pile_equals_the_held_one(demo_store: Path) -> None:
    """Every stage streaming its layers from the store gives the view of holding every
    analysis (the build reads the store's pile)."""
    with Store(demo_store) as store:
        documents = store.corpus_documents()
        held = derive_corpus(documents, store.analyses())
        streamed = derive_corpus(documents, store.analysis_pile())

    def dumped(view) -> dict:
        rows = corpus_rows(view)
        return {kind: [(i, k, m.model_dump_json()) for i, k, m in r] for kind, r in rows.items()}

    assert held.stories and held.entities and held.summary
    assert dumped(streamed) == dumped(held)


def test_held_analyses_are_a_pile_in_their_own_order() -> None:
    analyses = [DocumentAnalysis(doc_id=d, version="1") for d in ("b", "a", "c")]
    pile = as_pile(analyses)
    assert isinstance(pile, HeldAnalyses) and isinstance(pile, AnalysisPile)
    assert as_pile(pile) is pile
    assert [a.doc_id for a in pile.read(["events"])] == ["b", "a", "c"]
    assert [a.doc_id if a else None for a in pile.of(["c", "x", "b"], [])] == ["c", None, "b"]


def test_parts_are_packed_as_a_runner_takes_them() -> None:
    """``iter_pack`` packs as ``pack`` does, reading its blocks only as parts are taken."""
    taken: list[int] = []

    def blocks():
        for i in range(7):
            taken.append(i)
            yield [i] * (1 + i % 3)

    parts = iter_pack(blocks(), size=4)
    first = next(parts)
    assert taken == [0, 1, 2]  # the third block told the first part it was full
    assert [first, *parts] == pack([[i] * (1 + i % 3) for i in range(7)], size=4)
    assert LocalRunner().map(len, iter_pack(iter([[1], [2, 3], [4]]), size=2)) == [1, 1, 1]
