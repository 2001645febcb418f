"""The cross-document stages hold every document at once, so they read less of each: documents
without their raw text (only its length), and of each document's terms only those the lead
surname test reads. Both give the same corpus view as the whole records."""

from __future__ import annotations

from storyline.briefing.compose import corpus_rows
from storyline.models import Document
from storyline.pipeline.corpus import derive_corpus
from storyline.quality.text_signals import furniture_signals
from storyline.store import Store
from storyline.stories.cluster import load_config
from storyline.stories.features import document_features
from storyline.stories.scoring import _names_missing
from storyline.text.vectors import term_counts
from tests.conftest import make_document

PAGE = """Share this article
Advertisement
NEW DELHI (Reuters) - India and Russia signed a defence agreement on Tuesday, officials said, \
as Prime Minister Narendra Modi met President Vladimir Putin.
The two leaders discussed oil purchases and payments in national currencies.
Click here to subscribe to our newsletter
Related: More stories from Asia
"""


def test_corpus_documents_leave_the_raw_text_and_keep_its_length(tmp_path) -> None:
    page = make_document(PAGE, "delhi-visit", title="India and Russia sign defence pact")
    # a NUL stops SQLite's length(); such a raw text is measured in Python instead
    control = make_document("Oil prices rose on Monday after the talks.", "oil-prices")
    control = control.model_copy(
        update={"raw_text": "Oil prices\x00 rose on Monday after the talks."}
    )
    with Store(tmp_path / "store.db") as store:
        store.add_documents([page, control])
        whole, lean = store.documents(), store.corpus_documents()
    assert [d.id for d in lean] == [d.id for d in whole] == ["delhi-visit", "oil-prices"]
    for full, light in zip(whole, lean, strict=True):
        assert light.raw_text == "" and full.raw_text
        assert light.raw_chars == full.raw_chars == len(full.raw_text)
        assert light.model_dump(exclude={"raw_text"}) == full.model_dump(exclude={"raw_text"})
        assert furniture_signals(light) == furniture_signals(full)
    assert furniture_signals(lean[0])["furniture_share"] > 0.2  # four furniture lines removed
    # nothing the model writes out carries the length: the briefing's schema is unchanged
    assert "raw_chars" not in lean[0].model_dump_json()


def test_corpus_documents_give_the_view_of_whole_documents(demo_build) -> None:
    out, _ = demo_build
    with Store(out / "storyline.db") as store:
        whole, lean, analyses = store.documents(), store.corpus_documents(), store.analyses()
    assert all(d.raw_text == "" for d in lean) and all(d.raw_text for d in whole)
    lean_rows, whole_rows = (
        {kind: [(i, k, m.model_dump_json()) for i, k, m in items] for kind, items in rows.items()}
        for rows in (
            corpus_rows(derive_corpus(lean, analyses)),
            corpus_rows(derive_corpus(whole, analyses)),
        )
    )
    assert lean_rows == whole_rows
    assert sum(len(items) for items in whole_rows.values()) > 50


def _every_term(doc: Document) -> frozenset[str]:
    text = f"{doc.title}\n{doc.text}" if doc.title and doc.title not in doc.text else doc.text
    return frozenset(term_counts(text))


def test_named_words_answer_the_lead_surname_test_as_every_term_does(demo_build) -> None:
    out, _ = demo_build
    with Store(out / "storyline.db") as store:
        docs, analyses = store.corpus_documents(), {a.doc_id: a for a in store.analyses()}
    features = document_features(docs, analyses, load_config())
    every = [_every_term(d) for d in docs]
    answers = []
    for row in range(len(docs)):
        for other in range(len(docs)):
            expected = not features.lead_people[row] <= every[other]
            assert _names_missing(features, row, other) == expected
            answers.append(expected)
    assert any(answers) and not all(answers)  # the demo leads name people some texts lack
    named = frozenset().union(*features.lead_people)
    assert named and all(words <= named for words in features.named_words)
    assert sum(map(len, features.named_words)) < sum(map(len, every)) / 10
