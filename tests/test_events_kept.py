"""Each document's event mentions kept between builds (``pipeline.kept_events``): made once, made
again when its analysis changes, gone with a removed document, and the events merged from kept
rows are those merged from the analyses (ids, mentions, order)."""

from __future__ import annotations

import pytest

from storyline.events.merge import merge_events
from storyline.models import Document, DocumentAnalysis, EventMention
from storyline.models.pile import HeldAnalyses
from storyline.pipeline import kept_events as kept_module
from storyline.pipeline.kept_events import (
    events_key,
    kept_event_mentions,
    packed_events,
    unpacked_events,
)
from tests.conftest import make_document
from tests.event_builders import entity, mention, named
from tests.kept_rows import KeptRows


class _Kept(KeptRows):
    """An event-mention cache in a dict over held analyses, counting what it is given."""

    event_rows = KeptRows.read
    save_event_rows = KeptRows.save


CALL = "Modi called Putin on Tuesday."


def _pile() -> tuple[list[Document], list[DocumentAnalysis]]:
    """Three reports of one call and a document that tells none."""
    documents = [make_document(CALL, doc_id) for doc_id in ("a", "b", "c", "d")]
    analyses = []
    for doc in documents:
        events = [] if doc.id == "d" else [_call(doc.id, "2024-03-05")]
        analyses.append(DocumentAnalysis(doc_id=doc.id, version="v", events=events))
    return documents, analyses


def _call(doc_id: str, date: str) -> EventMention:
    source, target = [named("Modi", 0)], [named("Putin", 12)]
    return mention(doc_id, CALL, "call", source, target, "CONSULT", "phone", date)


ENTITIES = [
    entity("e-modi", "Narendra Modi", "PERSON", [(d, 0, "Modi") for d in "abc"]),
    entity("e-putin", "Vladimir Putin", "PERSON", [(d, 12, "Putin") for d in "abc"]),
]


def _merged(documents, mentions) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.model_dump_json() for e in merge_events(mentions, ENTITIES, documents)]


def _clean(documents, analyses) -> list[str]:  # type: ignore[no-untyped-def]
    return _merged(documents, [m for a in analyses for m in a.events])


def _from_rows(documents, analyses, kept) -> list[str]:  # type: ignore[no-untyped-def]
    return _merged(documents, kept_event_mentions(documents, HeldAnalyses(analyses), kept))


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many mentions each row made held, call by call."""
    found: list[int] = []
    real = kept_module.packed_events

    def counting(document: Document, mentions: list[EventMention]) -> str:
        found.append(len(mentions))
        return real(document, mentions)

    monkeypatch.setattr(kept_module, "packed_events", counting)
    return found


def test_kept_rows_give_the_events_the_analyses_give(made: list[int]) -> None:
    documents, analyses = _pile()
    clean = _clean(documents, analyses)
    assert len(clean) == 1  # the three reports are one call
    kept = _Kept(analyses)
    assert _from_rows(documents, analyses, kept) == clean
    assert made == [1, 1, 1, 0] and kept.saved == ["a", "b", "c", "d"]
    made.clear()
    assert _from_rows(documents, analyses, kept) == clean  # every row read back
    assert made == []


def test_a_changed_analysis_makes_that_document_again(made: list[int]) -> None:
    documents, analyses = _pile()
    kept = _Kept(analyses)
    _from_rows(documents, analyses, kept)
    made.clear()
    analyses[1] = analyses[1].model_copy(update={"events": [_call("b", "2024-03-09")]})
    kept.digests["b"] = b"re-analysed"
    found = _from_rows(documents, analyses, kept)
    assert found == _clean(documents, analyses) and len(found) == 2  # b now tells another day
    assert made == [1] and kept.saved[-1] == "b"
    made.clear()
    documents[2] = documents[2].model_copy(update={"text": CALL + " More follows."})
    _from_rows(documents, analyses, kept)
    assert made == [1] and kept.saved[-1] == "c"  # its sentences are read from its text


def test_a_removed_document_takes_its_mentions_with_it(made: list[int]) -> None:
    documents, analyses = _pile()
    kept = _Kept(analyses)
    _from_rows(documents, analyses, kept)
    made.clear()
    rest, rest_analyses = documents[1:], analyses[1:]
    found = _from_rows(rest, rest_analyses, kept)
    assert found == _clean(rest, rest_analyses)
    assert made == []
    assert '"a"' not in found[0] and '"documents":["b","c"]' in found[0]


def test_a_row_leaves_out_only_the_sentences_its_text_holds() -> None:
    documents, analyses = _pile()
    told = analyses[0].events[0]
    quoted = told.provenance.model_copy(update={"sentence": "A"})  # not its span of the text
    elsewhere = told.model_copy(update={"id": "a:quoted", "provenance": quoted})
    events = [told, elsewhere]
    data = packed_events(documents[0], events)
    assert data.count(CALL) == 0 and '"sentence":"A"' in data
    assert unpacked_events(documents[0], data) == events
    assert unpacked_events(documents[0], packed_events(documents[0], [])) == []


def test_the_key_follows_analysis_and_text() -> None:
    doc = make_document(CALL, "k")
    key = events_key(doc, b"analysis")
    assert key == events_key(doc, b"analysis")
    assert key != events_key(doc, b"analysis 2")
    assert key != events_key(doc.model_copy(update={"text": CALL + " Later."}), b"analysis")
