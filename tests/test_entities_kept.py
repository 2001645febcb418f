"""Each document's share of the entity canonicalisation kept between builds: made once, made
again when its analysis or text changes, and the entities linked from kept rows are those
``canonicalise`` makes from the analyses (ids, mentions, order)."""

from __future__ import annotations

import pytest

from storyline.entities import kept as kept_module
from storyline.entities.canon import canonicalise, linked_entities
from storyline.entities.kept import kept_names, names_key, packed_names, unpacked_names
from storyline.models import Document, DocumentAnalysis, Mention
from storyline.models.pile import HeldAnalyses
from tests.conftest import make_document
from tests.event_builders import name_mention
from tests.kept_rows import KeptRows


class _Kept(KeptRows):
    """A named-mention cache in a dict over held analyses, counting what it is given."""

    named_mentions = KeptRows.read
    save_named_mentions = KeptRows.save


TEXTS = {
    # the full name first written in capitals; the next document writes it plainly and then
    # alone, so its lone surname shows the corpus' first spelling
    "a": "NARENDRA MODI met Olaf Scholz in Berlin.",
    "b": "Narendra Modi arrived in Delhi. Modi spoke to Scholz.",
    "c": "Scholz said the talks with India went well.",
}
NAMES = {
    "a": [("NARENDRA MODI", "PERSON"), ("Olaf Scholz", "PERSON"), ("Berlin", "GPE")],
    "b": [("Narendra Modi", "PERSON"), ("Delhi", "GPE"), ("Modi", "ORG"), ("Scholz", "PERSON")],
    "c": [("Scholz", "PERSON"), ("India", "GPE")],
}


def _pile() -> tuple[list[Document], list[DocumentAnalysis]]:
    documents = [make_document(text, doc_id) for doc_id, text in TEXTS.items()]
    analyses = []
    for doc in documents:
        mentions, start = [], 0
        for name, label in NAMES[doc.id]:
            start = doc.text.index(name, start)
            mention = name_mention(name, label, doc.id, start)
            sentence_end = doc.text.find(".", start) + 1
            where = mention.provenance.model_copy(
                update={"sentence_start": 0, "sentence_end": sentence_end}
            )
            where.sentence = doc.text[:sentence_end]
            mentions.append(mention.model_copy(update={"provenance": where}))
            start += len(name)
        analyses.append(DocumentAnalysis(doc_id=doc.id, version="v", mentions=mentions))
    return documents, analyses


def _dumped(entities) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.model_dump_json() for e in entities]


def _linked(documents, analyses, kept) -> list[str]:  # type: ignore[no-untyped-def]
    mentions, items = kept_names(documents, HeldAnalyses(analyses), kept)
    dates = {d.id: d.published for d in documents}
    return _dumped(linked_entities(items, mentions, dates, owned=True))


def _clean(documents, analyses) -> list[str]:  # type: ignore[no-untyped-def]
    mentions = [m for a in analyses for m in a.mentions]
    return _dumped(canonicalise(mentions, {d.id: d.published for d in documents}))


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents whose rows were made, call by call."""
    found: list[str] = []
    real = kept_module.packed_names

    def counting(document: Document, mentions: list[Mention]) -> str:
        found.append(document.id)
        return real(document, mentions)

    monkeypatch.setattr(kept_module, "packed_names", counting)
    return found


def test_kept_rows_give_the_entities_canonicalise_makes(made: list[str]) -> None:
    documents, analyses = _pile()
    clean = _clean(documents, analyses)
    assert '"name":"NARENDRA MODI"' in clean[0]  # b's 'Modi' shows a's spelling, and votes
    kept = _Kept(analyses)
    assert _linked(documents, analyses, kept) == clean
    assert made == kept.saved == ["a", "b", "c"]
    made.clear()
    assert _linked(documents, analyses, kept) == clean  # every row read back
    assert made == []


def test_a_changed_analysis_or_text_makes_that_document_again(made: list[str]) -> None:
    documents, analyses = _pile()
    kept = _Kept(analyses)
    _linked(documents, analyses, kept)
    made.clear()
    kept.digests["b"] = b"re-analysed"
    assert _linked(documents, analyses, kept) == _clean(documents, analyses)
    assert made == ["b"]
    made.clear()
    documents[2] = documents[2].model_copy(update={"text": TEXTS["c"] + " More follows."})
    _linked(documents, analyses, kept)
    assert made == ["c"]


def test_a_removed_document_takes_its_mentions_with_it(made: list[str]) -> None:
    documents, analyses = _pile()
    kept = _Kept(analyses)
    _linked(documents, analyses, kept)
    made.clear()
    rest, rest_analyses = documents[1:], analyses[1:]  # 'a' removed: 'Modi' shows b's spelling
    found = _linked(rest, rest_analyses, kept)
    assert found == _clean(rest, rest_analyses)
    assert made == []
    assert '"name":"Narendra Modi"' in found[0] and "NARENDRA" not in found[0]


def test_a_row_leaves_out_only_the_sentences_its_text_holds() -> None:
    documents, analyses = _pile()
    doc, mentions = documents[1], list(analyses[1].mentions)
    other = mentions[1].provenance.model_copy(update={"sentence": "A sentence of a copy."})
    mentions[1] = mentions[1].model_copy(update={"provenance": other})
    data = packed_names(doc, mentions)
    assert data.count(doc.text[: mentions[0].provenance.sentence_end]) == 0
    assert "A sentence of a copy." in data
    row = unpacked_names(doc, data)
    assert [m.model_dump_json() for m in row.mentions] == [m.model_dump_json() for m in mentions]


def test_the_key_follows_analysis_and_text() -> None:
    doc = make_document("Rescuers searched the rubble on Tuesday.", "k")
    key = names_key(doc, b"analysis")
    assert key == names_key(doc, b"analysis")
    assert key != names_key(doc, b"analysis 2")
    assert key != names_key(doc.model_copy(update={"text": doc.text + " Later."}), b"analysis")
