"""What ``ask`` reads of the documents it cites: their fields (title, date, blocks) through
``Store.cited_documents``, never their texts (issue 18/19: inflating a question's hundred cited
clean texts was about a sixth of what answering cost), with answers the same as when it read
whole documents."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import storyline.store.documents as documents_module
from storyline.ask.answer import AskIndex, answer_question
from storyline.store import Store

DATA = Path(__file__).parent / "data"


def _questions() -> list[str]:
    gold = json.loads((DATA / "ask_demo_questions.json").read_text())["questions"]
    return [q["question"] for q in gold] + ["Who is Putin?", "Who is Sergey Lavrov?"]


@pytest.fixture(scope="module")
def built_store(demo_build) -> Iterator[Store]:
    with Store(demo_build[0] / "storyline.db") as store:
        yield store


@pytest.fixture(scope="module")
def built_index(built_store) -> AskIndex:
    return AskIndex.from_store(built_store)


def test_cited_documents_are_the_stored_documents_fields(built_store):
    ids = built_store.document_ids()
    cited = built_store.cited_documents([*ids, "no-such-document"])
    assert sorted(cited) == ids
    for doc in built_store.documents(compacted=False):
        record = cited[doc.id]
        assert (record.id, record.title, record.published) == (doc.id, doc.title, doc.published)
        assert list(record.blocks) == doc.blocks
    assert any(record.blocks for record in cited.values())
    assert not hasattr(next(iter(cited.values())), "text")  # no text a reader could mistake


def test_answering_inflates_no_clean_text(built_store, built_index, monkeypatch):
    """The document read of a question inflates the documents' fields only: on the old path
    (``documents``) each cited document's clean text was inflated too."""
    clean_texts = {row[0] for row in built_store.db.execute("SELECT clean_text FROM documents")}
    inflated: list[object] = []
    unpacked = documents_module.unpacked

    def recording(value, *args):
        inflated.append(value)
        return unpacked(value, *args)

    monkeypatch.setattr(documents_module, "unpacked", recording)
    answers = [answer_question(built_store, q, index=built_index) for q in _questions()]
    assert any(a.citations for a in answers)
    assert inflated  # the fields were read through this module
    assert not clean_texts.intersection(inflated)


def test_answers_are_those_of_the_whole_documents(built_store, built_index, monkeypatch):
    """Every demo question (and "Who is" ones) answered from the cited fields is byte for
    byte the answer given when ``ask`` read whole documents (the path before)."""
    questions = _questions()
    now = [answer_question(built_store, q, index=built_index).model_dump_json() for q in questions]

    def whole_documents(self, ids):
        return {d.id: d for d in self.documents(ids, compacted=False)}

    monkeypatch.setattr(Store, "cited_documents", whole_documents)
    before = [
        answer_question(built_store, q, index=built_index).model_dump_json() for q in questions
    ]
    assert now == before
    assert sum('"citations":[{' in a for a in now) >= len(questions) // 2
