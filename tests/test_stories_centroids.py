"""Story centroids made only where read are those made for every story, and each story's top
centroid terms are kept under a digest of its documents' rows (``stories.centroids``)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Iterator

import numpy as np
import pytest

from storyline.models import Story
from storyline.stories.centroids import StoryCentroids, story_top_terms, top_terms_key
from storyline.stories.cluster import cluster_stories, load_config, pile_features, storylines_of
from storyline.stories.features import Features
from tests.conftest import make_document
from tests.test_stories import COACH_1, COACH_2, MERGER_1, MERGER_2, QUAKE_1, QUAKE_2
from tests.test_storylines import QUAKE_3, QUAKE_4

TEXTS = {
    "q1": (QUAKE_1, "2023-05-02"),
    "q2": (QUAKE_2, "2023-05-02"),
    "q3": (QUAKE_3, "2023-08-20"),
    "q4": (QUAKE_4, None),
    "m1": (MERGER_1, "2023-05-03"),
    "m2": (MERGER_2, "2023-05-03"),
    "c1": (COACH_1, None),
    "c2": (COACH_2, None),
}


class KeptTops:
    """The store's two methods over a dictionary, counting what is read and made."""

    def __init__(self) -> None:
        self.rows: dict[bytes, str] = {}
        self.made: list[bytes] = []

    def story_top_terms(self, keys: Collection[bytes]) -> Iterator[tuple[bytes, str]]:
        return iter([(k, self.rows[k]) for k in keys if k in self.rows])

    def keep_story_top_terms(
        self, current: Collection[bytes], made: Iterable[tuple[bytes, str]]
    ) -> None:
        made = list(made)
        self.made.extend(key for key, _ in made)
        self.rows = {k: v for k, v in self.rows.items() if k in current} | dict(made)


def _pile(texts: dict[str, tuple[str, str | None]]) -> tuple[list[Story], Features, list]:
    docs = [make_document(text, doc_id, date_field=when) for doc_id, (text, when) in texts.items()]
    features = pile_features(docs, [])
    # what a store's kept rows give: a key per row (sorted by id) that changes with its text
    features.row_keys = [
        hashlib.blake2b(doc.text.encode(), digest_size=16).digest()
        for doc in sorted(docs, key=lambda d: d.id)
    ]
    return cluster_stories(docs, []), features, docs


def test_centroids_made_a_few_at_a_time_are_those_made_all_at_once() -> None:
    stories, features, _ = _pile(TEXTS)
    stories = sorted(stories, key=lambda s: s.id)
    whole = StoryCentroids(stories, features)
    matrix, places = whole.rows(np.arange(len(stories)))
    apart = StoryCentroids(stories, features)
    for story in reversed(range(len(stories))):  # one at a time, in another order
        apart.rows(np.array([story]))
    other, other_places = apart.rows(np.arange(len(stories)))
    for story in range(len(stories)):
        one, two = matrix[places[story]], other[other_places[story]]
        assert one.indices.tolist() == two.indices.tolist()
        assert one.data.tobytes() == two.data.tobytes()  # bit for bit
    pairs = np.array([0, 1, 0]), np.array([2, 3, 3])
    assert whole.cosines(*pairs).tobytes() == apart.cosines(*pairs).tobytes()


def test_a_story_s_key_changes_with_its_documents_rows_and_is_none_where_one_is_not_kept() -> None:
    _, features, _ = _pile(TEXTS)
    k = load_config()["storylines"]["top_terms"]
    key = top_terms_key([0, 1], features, k)
    assert key is not None and key == top_terms_key([0, 1], features, k)
    assert top_terms_key([0, 1], features, k + 1) != key
    assert top_terms_key([0, 2], features, k) != key
    features.row_keys[1] = b"another row key!"  # a document rewritten
    assert top_terms_key([0, 1], features, k) != key
    features.row_keys[1] = None  # a document whose row is not kept
    assert top_terms_key([0, 1], features, k) is None
    features.row_keys = []  # none kept (no store)
    assert top_terms_key([0], features, k) is None


def test_kept_top_terms_are_read_back_and_a_rewritten_document_s_story_ranked_again() -> None:
    stories, features, _ = _pile(TEXTS)
    stories = sorted(stories, key=lambda s: s.id)
    k = load_config()["storylines"]["top_terms"]
    kept = KeptTops()
    made = story_top_terms(StoryCentroids(stories, features), features, k, None)
    assert story_top_terms(StoryCentroids(stories, features), features, k, kept) == made
    assert len(kept.made) == len(kept.rows) == len(stories)
    kept.made.clear()
    poisoned = {key: json.dumps(["kept"]) for key in kept.rows}  # shows what is read back
    kept.rows = dict(poisoned)
    assert story_top_terms(StoryCentroids(stories, features), features, k, kept) == [
        ("kept",)
    ] * len(stories)
    assert kept.made == []
    # a rewritten document: its story has the same documents, not the same rows
    rewritten = next(s for s in stories if len(s.documents) > 1)
    row = features.ids.index(rewritten.documents[0])
    features.row_keys[row] = b"rewritten row ke"
    tops = story_top_terms(StoryCentroids(stories, features), features, k, kept)
    place = stories.index(rewritten)
    assert tops[place] == made[place] != ("kept",) and len(kept.made) == 1
    assert len(kept.rows) == len(stories)  # the old key's row dropped


@pytest.mark.parametrize("cached", [False, True])
def test_storylines_with_kept_top_terms_are_those_without(cached: bool) -> None:
    stories, features, docs = _pile(TEXTS)
    kept = KeptTops()
    clean = storylines_of(stories, docs, [], features=features)
    if cached:
        storylines_of(stories, docs, [], features=features, kept=kept)
    assert storylines_of(stories, docs, [], features=features, kept=kept) == clean
    assert {"q1", "q3"} <= set(next(line for line in clean if "q1" in line.documents).documents)
