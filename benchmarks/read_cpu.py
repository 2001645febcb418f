"""CPU seconds of the store's readers that cut sentences from the documents' texts, and of
``ask`` (its index, then eight questions each answered twice), on one store (the code on
PYTHONPATH: run it with an older checkout's ``src`` to compare, on a copy of the store).

    python benchmarks/read_cpu.py STORE

The eight questions are ``load_web.py``'s; the readers those the web app's entity pages and
lists, sentence searches and questions make (issue 18: the readers the deflated texts made
slower, those of the entity listing tables keyed by integers, and of the figures, whose
sentences are spans since migration 27; the documents whole and as the cross-document stages
read them, whose raw texts are deflated against their clean texts since migration 28).
"""

from __future__ import annotations

import gc
import random
import sys
import time
from collections.abc import Callable

from storyline.ask.answer import answer_question
from storyline.ask.index import AskIndex
from storyline.models import Entity
from storyline.store import Store

QUESTIONS = ["When did Modi call Putin?", "Who met Sergey Lavrov?", "How much was trade?",
             "What share of India's oil imports comes from Russia?",
             "When did the earthquake hit?", "Who was arrested?", "How many people died?",
             "Where did the president meet the prime minister?"]  # fmt: skip
WORDS = ["Moscow", "election", "police", "minister", "market", "court", "oil", "strike",
         "Clinton", "bank", "war", "peace", "rates", "trade", "storm", "vote", "China", "India",
         "budget", "talks"]  # fmt: skip


def timed(name: str, read: Callable[[], object]) -> None:
    """CPU seconds of ``read``, after a full garbage collection: once the ask index is held
    (millions of objects) a collection costs a second or more, and where it lands depends on
    everything allocated before, so it fell inside the eight questions of one version and
    not of the other (2.0 against 0.4 CPU s, the same 0.4 collected first)."""
    gc.collect()
    start = time.process_time()
    read()
    print(f"{name:44} {time.process_time() - start:7.3f} CPU s", flush=True)


def main(path: str) -> None:
    with Store(path) as store:
        db = store.db
        heavy = "SELECT id FROM entity_index WHERE mention_rows >= 50 ORDER BY id LIMIT 400"
        entities = [row[0] for row in db.execute(heavy)]
        sampled = "SELECT doc_id, start FROM sentences WHERE rowid % 97 = 0 LIMIT 2000"
        keys = [(row[0], row[1]) for row in db.execute(sampled)]
        docs = random.Random(7).sample(store.document_ids(), 300)
        # the readers first: once the ask index is held (millions of objects), a full
        # garbage collection during a reader costs a second or so, at points that vary
        timed("400 x entity_slice(200)", lambda: [store.entity_slice(e, 200) for e in entities])
        timed("400 x co_entities", lambda: [store.co_entities(e) for e in entities])
        timed("100 x entity_ids + entity_rows (50)", lambda: [
            store.entity_rows(store.entity_ids(None, None, 50, 50 * page)[0])
            for page in range(100)])  # fmt: skip
        timed("corpus('entity')", lambda: store.corpus("entity", Entity))
        timed("2000 sentences_at", lambda: store.sentences_at(keys))
        timed("200 x search_sentences(limit 50)", lambda: [
            store.search_sentences(f'"{w}"', 50) for w in WORDS * 10])  # fmt: skip
        timed("300 x document(id)", lambda: [store.document(d) for d in docs])
        timed("documents() all", lambda: len(store.documents()))
        timed("corpus_documents()", lambda: len(store.corpus_documents()))
        figures = [row[0] for row in db.execute("SELECT id FROM figures WHERE rowid % 7 = 0")]
        timed("300 x figures(20 ids)", lambda: [
            store.figures(figures[20 * n : 20 * n + 20]) for n in range(300)])  # fmt: skip
        timed("analysis_figures() all", lambda: sum(1 for _ in store.analysis_figures()))
        timed("iter_analyses() all", lambda: sum(1 for _ in store.iter_analyses()))
        timed("AskIndex.from_store", lambda: AskIndex.from_store(store))
        index = AskIndex.from_store(store)
        for question in QUESTIONS:  # the first answers load what ``ask`` loads once
            answer_question(store, question, index=index)
        timed("8 questions (answered before)", lambda: [
            answer_question(store, q, index=index) for q in QUESTIONS])  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1])
