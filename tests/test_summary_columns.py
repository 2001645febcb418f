"""The summary stage holds every candidate as compact columns, not as Python objects (issue 18):
a row makes back the candidate it was made from, the pool is taken in the order one heap over it
would pop it, and the summaries are those made over held candidates (``test_summary_kept``)."""

from __future__ import annotations

import gc
import heapq
import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.summary.candidates import Candidate, candidates
from storyline.summary.columns import CandidateColumns
from storyline.summary.greedy import _Queue
from storyline.summary.select import Summariser


def _alive_candidates() -> int:
    gc.collect()
    return sum(isinstance(o, Candidate) for o in gc.get_objects())


def test_the_summariser_holds_no_candidate_objects(demo_stored) -> None:
    """Its candidates are rows of arrays: after the summaries no ``Candidate`` is held (the
    summariser held each document's list of them before)."""
    documents, analyses, view = demo_stored
    before = _alive_candidates()
    summariser = Summariser(documents, analyses, view)
    corpus = summariser.summary(None, 10)
    stories = [summariser.summary(s.documents, 3, story_id=s.id) for s in view.stories]
    assert corpus.sentences and stories
    assert _alive_candidates() == before
    assert len(summariser.columns) > 50


def test_a_row_makes_back_the_candidate_it_was_made_from(demo_stored) -> None:
    documents, analyses, _ = demo_stored
    docs = {d.id: d for d in documents}
    columns = CandidateColumns(docs)
    made = {a.doc_id: candidates(docs[a.doc_id], a) for a in analyses}
    for doc_id, found in made.items():
        columns.add_document(doc_id, found)
    for doc_id, found in made.items():
        back = [columns.candidate(r) for r in range(*columns.ranges[doc_id])]
        assert back == found
        assert [c.text for c in back] == [c.text for c in found]
        assert [c.sentence_text for c in back] == [c.sentence_text for c in found]
    assert any(c.shown is not None for found in made.values() for c in found)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 6), min_size=1, max_size=60), st.integers(0, 2**16))
def test_the_queue_pops_as_one_heap_of_the_whole_pool(gains: list[int], seed: int) -> None:
    """Ties (equal gains) included: by gain, then by place in the pool; a candidate pushed back
    with a lower gain comes out where the heap would give it."""
    rng = random.Random(seed)
    first = np.array([g / 4 for g in gains], dtype=np.float64)
    heap = [(-g, i) for i, g in enumerate(first.tolist())]
    heapq.heapify(heap)
    queue = _Queue(first)
    popped_heap, popped_queue = [], []
    while heap:
        assert queue
        assert queue.top_gain() == -heap[0][0]
        i, j = heapq.heappop(heap)[1], queue.pop()
        popped_heap.append(i)
        popped_queue.append(j)
        if rng.random() < 0.4:  # a fresh gain below the stale one goes back
            fresh = float(first[i]) * rng.choice([0.0, 0.25, 0.5])
            heapq.heappush(heap, (-fresh, i))
            queue.push(fresh, j)
    assert not queue
    assert popped_queue == popped_heap


def test_summaries_worked_out_in_blocks_of_rows_are_the_same(demo_stored, monkeypatch) -> None:
    """The pool's weights and first gains are worked out a block of rows at a time (a document's
    rows in one block): blocks of a few rows give the summaries one block gives."""
    from storyline.summary import weights

    documents, analyses, view = demo_stored

    def summaries() -> list[str]:
        summariser = Summariser(documents, analyses, view)
        made = [summariser.summary(None, 10)]
        made += [summariser.summary(s.documents, 3, story_id=s.id) for s in view.stories]
        return [s.model_dump_json() for s in made]

    whole = summaries()
    monkeypatch.setattr(weights, "BLOCK_ROWS", 7)
    blocks = weights.row_blocks(np.repeat(np.arange(6), [3, 9, 1, 4, 4, 2]))
    assert [(b.start, b.stop) for b in blocks] == [(0, 12), (12, 17), (17, 21), (21, 23)]
    assert summaries() == whole


def test_the_entity_mentions_arrays_answer_as_the_dictionaries_did(demo_stored) -> None:
    """Which entities a sentence names (in order) and the spans a trim must not cut, from the
    arrays, are what dictionaries of tuples over the view's mentions give."""
    from collections import defaultdict

    from storyline.summary.mentions import EntityMentions

    _, _, view = demo_stored
    at: dict[tuple[str, int], list[tuple[str, int]]] = defaultdict(list)
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for entity in view.entities:
        for mention in entity.mentions:
            p = mention.provenance
            at[(p.doc_id, p.sentence_start)].append((entity.id, p.start))
            spans[p.doc_id].append((p.start, p.end))
    mentions = EntityMentions(view.entities)
    assert len(at) > 20
    for (doc_id, sentence_start), found in at.items():
        assert mentions.at(doc_id, sentence_start) == found
        assert mentions.at(doc_id, sentence_start + 1) == at.get((doc_id, sentence_start + 1), [])
    for doc_id, found in spans.items():
        assert sorted(mentions.spans(doc_id)) == sorted(found)
    assert mentions.at("no such document", 0) == [] == mentions.spans("no such document")
