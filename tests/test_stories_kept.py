"""Story features made once per build and kept between builds: the stories and the storylines
share one set of features, a document's clustering row is read back from the store unless its
text, its analysis or the settings changed, and the stories are those made without any kept
row."""

from __future__ import annotations

import pytest

from storyline.pipeline.corpus import derive_corpus
from storyline.store import Store
from storyline.stories import document_rows


@pytest.fixture(scope="module")
def demo(demo_build):
    """(documents, analyses) of the demo corpus, as its build stored them."""
    with Store(demo_build[0] / "storyline.db") as store:
        return store.corpus_documents(), store.analyses()


@pytest.fixture
def rows_made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents whose clustering rows were made, call by call."""
    made: list[str] = []
    real = document_rows.document_row

    def counting(doc, analysis, config):  # type: ignore[no-untyped-def]
        made.append(doc.id)
        return real(doc, analysis, config)

    monkeypatch.setattr(document_rows, "document_row", counting)
    from storyline.stories import features

    monkeypatch.setattr(features, "document_row", counting)
    return made


def test_a_build_makes_each_document_s_story_features_once(demo, rows_made) -> None:
    """The stories and the storylines compare the same features: one row per document."""
    documents, analyses = demo
    view = derive_corpus(documents, analyses)
    assert view.stories and view.storylines
    assert sorted(rows_made) == sorted(d.id for d in documents)
