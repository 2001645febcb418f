"""Near-duplicate signatures kept between builds: each text is hashed once, a changed text or
setting is hashed again, and the groups are those made without any kept signature."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial

import pytest

from storyline.store import Store
from storyline.stories import dedup
from storyline.stories.cluster import load_config
from storyline.stories.dedup import find_near_duplicates, signature_key
from tests.conftest import make_document
from tests.test_dedup import EDITED, OTHER, TRUNCATED, WIRE


class _Kept:
    """A signature cache in a dict, counting what it is asked for and given."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple[bytes, bytes]] = {}
        self.saved: list[str] = []

    def minhash_signatures(self, keys: Mapping[str, bytes]) -> dict[str, bytes]:
        return {i: v for i, (k, v) in self.rows.items() if keys.get(i) == k}

    def save_minhash_signatures(self, rows: Iterable[tuple[str, bytes, bytes]]) -> None:
        for doc_id, key, value in rows:
            self.rows[doc_id] = (key, value)
            self.saved.append(doc_id)


def _dumped(groups):
    return [g.model_dump() for g in groups]


def _docs(texts: dict[str, str]):
    return [make_document(text, doc_id) for doc_id, text in texts.items()]


@pytest.fixture
def hashed(monkeypatch):
    """The ids whose text was hashed, call by call."""
    made: list[str] = []
    real = dedup.signature

    def counting(text, params):
        made.append(text[:20])
        return real(text, params)

    monkeypatch.setattr(dedup, "signature", counting)
    return made


def test_kept_signatures_give_the_groups_made_without_them(hashed):
    docs = _docs({"a": WIRE, "b": EDITED, "c": TRUNCATED, "d": OTHER})
    clean = _dumped(find_near_duplicates(docs))
    kept = _Kept()
    assert _dumped(find_near_duplicates(docs, kept)) == clean
    assert sorted(kept.saved) == ["a", "b", "c", "d"]
    hashed.clear()
    assert _dumped(find_near_duplicates(docs, kept)) == clean  # read back, nothing hashed
    assert hashed == [] and len(kept.saved) == 4


def test_only_new_or_changed_texts_are_hashed(hashed):
    kept = _Kept()
    find_near_duplicates(_docs({"a": WIRE, "d": OTHER}), kept)
    hashed.clear()
    # "d" changed its text (a pile stage rewrote it, same id); "b" is new
    later = _docs({"a": WIRE, "b": EDITED, "d": OTHER + " Markets were closed on Friday."})
    assert _dumped(find_near_duplicates(later, kept)) == _dumped(find_near_duplicates(later))
    assert kept.saved[2:] == ["b", "d"]


def test_the_key_follows_the_text_and_the_settings():
    params = dict(load_config()["duplicates"])
    key = signature_key(WIRE, params)
    assert key == signature_key(WIRE, dict(params)) and len(key) == 16
    assert key != signature_key(EDITED, params)
    assert key != signature_key(WIRE, {**params, "shingle_words": params["shingle_words"] + 1})
    assert key != signature_key(WIRE, {**params, "seed": params["seed"] + 1})


def test_the_store_keeps_one_signature_per_document(tmp_path, hashed):
    docs = _docs({"a": WIRE, "b": EDITED, "d": OTHER})
    with Store(tmp_path / "s.db") as store:
        store.add_documents(docs)
        clean = _dumped(find_near_duplicates(docs))
        assert _dumped(find_near_duplicates(docs, store)) == clean
        hashed.clear()
    with Store(tmp_path / "s.db") as store:  # a later build, another connection
        assert _dumped(find_near_duplicates(docs, store)) == clean
        assert hashed == []
        keys = {d.id: signature_key(d.text, load_config()["duplicates"]) for d in docs}
        stored = store.minhash_signatures(keys)
        assert sorted(stored) == ["a", "b", "d"] and {len(v) for v in stored.values()} == {512}
        assert store.minhash_signatures({"a": b"another text's key"}) == {}
        store.save_minhash_signatures([("not-stored", b"k", b"v")])  # its document is not there
        assert store.minhash_signatures({"not-stored": b"k"}) == {}
        store.db.execute("DELETE FROM documents WHERE id = 'b'")  # its signature goes with it
        assert sorted(store.minhash_signatures(keys)) == ["a", "d"]


def test_texts_hashed_over_a_runner_give_the_same_groups_and_only_unkept_texts_travel(
    monkeypatch,
):
    """The hashing spread over a build's runner (Dask workers in a cluster build): parts of
    texts go out, packed signatures come back in order, and the groups are those made in
    process; a text whose signature is kept never travels."""
    from storyline.pipeline import partition
    from storyline.pipeline.corpus_parts import partitioned_signatures
    from storyline.pipeline.partition import LocalRunner

    shipped: list[list[str]] = []

    class Recording(LocalRunner):
        def map(self, work, parts):
            parts = list(parts)
            shipped.extend([t for block in part for t in block] for part in parts)
            return super().map(work, parts)

    monkeypatch.setattr(partition, "PART_SIZE", 2)
    docs = _docs({"a": WIRE, "b": EDITED, "c": TRUNCATED, "d": OTHER, "e": WIRE + " Updated."})
    hasher = partial(partitioned_signatures, Recording())
    clean = _dumped(find_near_duplicates(docs))
    assert clean  # the pile holds near-copies: the groups compared are not empty
    kept = _Kept()
    assert _dumped(find_near_duplicates(docs, kept, hasher)) == clean
    assert [len(part) for part in shipped] == [2, 2, 1]  # parts of PART_SIZE texts
    shipped.clear()
    later = [*docs, make_document(OTHER + " A correction was added.", "f")]
    assert _dumped(find_near_duplicates(later, kept, hasher)) == _dumped(
        find_near_duplicates(later)
    )
    assert shipped == [[OTHER + " A correction was added."]]
