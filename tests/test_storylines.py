"""Decisions that do not depend on the rest of the pile, incremental assignment equal to a
clean build, and storylines above stories."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.models import Story
from storyline.stories.cluster import cluster_stories, load_config, storylines_of
from storyline.stories.clustering import average_link, recluster
from storyline.stories.dedup import duplicate_of, find_near_duplicates
from tests.conftest import TODAY, make_document
from tests.test_stories import COACH_1, COACH_2, MERGER_1, MERGER_2, QUAKE_1, QUAKE_2, UNRELATED

# A second quake in the same region, weeks later: another event, the same storyline.
QUAKE_3 = (
    "A second strong earthquake shook the coast near Puerto Saavedra, weeks after the quake "
    "that destroyed the old market hall. Governor Ana Morales said rescue teams found no "
    "victims this time, though the harbour wall cracked and three fishing boats sank."
)
QUAKE_4 = (
    "No one died when another earthquake hit the region around Puerto Saavedra, governor Ana "
    "Morales said, but the harbour wall split and three fishing boats went down."
)


def _groups(stories: list[Story]) -> set[frozenset[str]]:
    return {frozenset(s.documents) for s in stories}


# -- recluster: the incremental primitive ---------------------------------------------------
def _random_graph(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = random.Random(seed)
    pairs = sorted(
        {(min(a, b), max(a, b)) for a, b in (rng.sample(range(n), 2) for _ in range(n * 2))}
    )
    left = np.array([a for a, _ in pairs], dtype=np.int64)
    right = np.array([b for _, b in pairs], dtype=np.int64)
    scores = np.array([rng.choice([0.1, 0.3, 0.55, 0.7, 0.9]) for _ in pairs])
    return left, right, scores


@settings(max_examples=60, deadline=None)
@given(n=st.integers(2, 40), seed=st.integers(0, 10_000), cut=st.floats(0.0, 1.0))
def test_recluster_equals_a_clean_build(n, seed, cut):
    """Rows 0..k-1 clustered first, then all n rows with the first clustering reused: the
    same groups as clustering all n at once, and only pairs touching the redone region are
    scored once."""
    left, right, scores = _random_graph(n, seed)
    k = int(cut * n)
    old = (left < k) & (right < k)
    first = recluster(k, (left[old], right[old]), lambda i: scores[old][i], 0.5)
    asked: list[int] = []

    def score(indices: np.ndarray) -> np.ndarray:
        asked.extend(indices.tolist())
        return scores[indices]

    again = recluster(n, (left, right), score, 0.5, previous=first, changed=range(k, n))
    assert again == average_link(n, left, right, scores, 0.5)
    assert len(asked) == len(set(asked))  # each pair scored once


def test_recluster_keeps_what_no_new_row_reaches():
    # two components: {0, 1} and {2, 3}; the new row 4 links to 2 and 3 only
    left, right = np.array([0, 2, 2, 3]), np.array([1, 3, 4, 4])
    scores = np.array([0.9, 0.9, 0.8, 0.8])
    asked: list[int] = []

    def score(indices: np.ndarray) -> np.ndarray:
        asked.extend(indices.tolist())
        return scores[indices]

    groups = recluster(5, (left, right), score, 0.5, previous=[[0, 1], [2, 3]], changed=[4])
    assert groups == [[0, 1], [2, 3, 4]]
    assert sorted(asked) == [1, 2, 3]  # the pair (0, 1) was never scored again


# -- the same decision whatever else is stored ---------------------------------------------
@pytest.fixture(scope="module")
def ecb_topics(eval_dir: Path):
    """Three ECB+ topics (each two events of one kind), prepared and analysed once."""
    from storyline.evaluation.ecbplus import prepare_corpus, read_corpus
    from storyline.pipeline.analyse import analyse_documents

    gold = [d for d in read_corpus(eval_dir / "ecbplus") if d.topic in ("2", "3", "11")]
    docs = prepare_corpus(gold, TODAY)
    return docs, list(analyse_documents(docs)), {d.name: d.topic for d in gold}


def test_topic_piles_alone_and_mixed_give_the_same_stories(ecb_topics):
    docs, analyses, topic_of = ecb_topics

    def build(pile):
        copies = duplicate_of(find_near_duplicates(pile))
        stories = cluster_stories(pile, analyses, copy_of=copies)
        return stories, storylines_of(stories, pile, analyses)

    mixed_stories, mixed_lines = build(docs)
    for topic in sorted(set(topic_of.values())):
        pile = [d for d in docs if topic_of[d.id] == topic]
        ids = {d.id for d in pile}
        stories, lines = build(pile)
        assert _groups(stories) == {g & ids for g in _groups(mixed_stories) if g & ids}
        assert {frozenset(line.documents) for line in lines} == {
            frozenset(line.documents) & ids for line in mixed_lines if set(line.documents) & ids
        }
        # and nothing of another topic joined this topic's stories in the mixed pile
        assert all(g <= ids for g in _groups(mixed_stories) if g & ids)


# -- storylines ---------------------------------------------------------------------------
def test_two_quakes_in_one_region_are_two_stories_of_one_storyline():
    docs = [
        make_document(QUAKE_1, "q1", date_field="2023-05-02"),
        make_document(QUAKE_2, "q2", date_field="2023-05-02"),
        make_document(QUAKE_3, "q3", date_field="2023-08-20"),
        make_document(QUAKE_4, "q4", date_field="2023-08-21"),
        make_document(MERGER_1, "m1", date_field="2023-05-03"),
        make_document(MERGER_2, "m2", date_field="2023-05-03"),
        make_document(COACH_1, "c1"),
    ]
    stories = cluster_stories(docs, [])
    assert {frozenset({"q1", "q2"}), frozenset({"q3", "q4"}), frozenset({"m1", "m2"})} <= _groups(
        stories
    )
    lines = storylines_of(stories, docs, [])
    quake = next(line for line in lines if "q1" in line.documents)
    assert set(quake.documents) == {"q1", "q2", "q3", "q4"}
    by_id = {s.id: s for s in stories}
    assert [by_id[s].first_date for s in quake.stories] == ["2023-05-02", "2023-08-20"]
    assert all("q1" not in line.documents for line in lines if "m1" in line.documents)
    assert sorted(s for line in lines for s in line.stories) == sorted(by_id)  # each once


# -- incremental builds equal a clean build ------------------------------------------------
def _files(folder: Path, texts: dict[str, tuple[str, str | None]]) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, (text, when) in texts.items():
        path = folder / f"{name}.txt"
        path.write_text((f"date {when}\n\n" if when else "") + text, encoding="utf-8")
        paths.append(str(path))
    return paths


def test_an_incremental_build_equals_a_clean_build(tmp_path: Path):
    """A first build, then new files (one joins an existing story, one starts a new one, one
    is a copy): the stories and storylines equal those of a clean build of all the files."""
    import json

    from storyline.pipeline.build import BuildOptions, build

    first = {
        "q1": (QUAKE_1, "2023-05-02"),
        "m1": (MERGER_1, "2023-05-03"),
        "c1": (COACH_1, None),
        "u0": (UNRELATED[0], None),
    }
    later = {
        "q2": (QUAKE_2, "2023-05-02"),
        "m2": (MERGER_2, "2023-05-03"),
        "q3": (QUAKE_3, "2023-08-20"),
        "c2": (COACH_2, None),
    }
    options = BuildOptions(today=TODAY)
    inputs_1 = _files(tmp_path / "in", first)
    inputs_2 = _files(tmp_path / "in", later)
    build(inputs_1, tmp_path / "inc", options=options)
    build(inputs_2, tmp_path / "inc", options=options)
    build(inputs_1 + inputs_2, tmp_path / "clean", options=options)

    def view(out: str) -> tuple[list[dict], list[dict]]:
        data = json.loads((tmp_path / out / "briefing.json").read_text())
        return data["stories"], data["storylines"]

    assert view("inc") == view("clean")
    stories, _ = view("inc")
    assert {frozenset(s["documents"]) for s in stories} >= {
        frozenset({"q1", "q2"}),
        frozenset({"m1", "m2"}),
    }


def test_stories_of_other_settings_are_not_reused():
    docs = [make_document(MERGER_1, "m1"), make_document(MERGER_2, "m2")]
    stale = [Story(id="old", label="x", documents=["m1"], method="another")]
    assert cluster_stories(docs, [], previous=stale, changed=[]) == cluster_stories(docs, [])
    assert load_config()["pair"]["threshold"] == 0.5
