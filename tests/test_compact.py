"""Records read back compacted (``models.compact``): the same values and the same corpus view in
less memory, and pydantic's per-instance bookkeeping still behaves per instance."""

from __future__ import annotations

import json
import sqlite3
import sys
import tracemalloc

from storyline.briefing.compose import corpus_rows
from storyline.models import CorpusView, Document, DocumentAnalysis, Mention, Provenance
from storyline.models import compact as compact_module
from storyline.models.compact import compact
from storyline.models.pile import HeldAnalyses
from storyline.pipeline.corpus import CORPUS_STAGES, derive_corpus
from storyline.pipeline.stages import CorpusState
from storyline.store import Store
from storyline.store.analysis_spans import analysis_json
from storyline.store.codec import unpacked
from storyline.store.documents import read_texts

SENTENCE = (
    "Prime Minister Narendra Modi met President Vladimir Putin in Moscow on Monday, "
    "the Kremlin said."
)


def _mention(text: str, start: int) -> Mention:
    provenance = Provenance(
        doc_id="moscow-visit",
        start=start,
        end=start + len(text),
        sentence=SENTENCE,
        sentence_start=0,
        sentence_end=len(SENTENCE),
    )
    return Mention(text=text, label="PERSON", model_label="PERSON", provenance=provenance)


#: The stored analyses with their documents' texts (their sentences are spans of them).
_ANALYSES = (
    "SELECT a.data, d.clean_text FROM analyses a JOIN documents d ON d.id = a.doc_id"
    " ORDER BY a.doc_id"
)


def _raw_records(db_path) -> tuple[list[Document], list[DocumentAnalysis]]:
    """The stored records parsed as they were before compacting (each with its own sets)."""
    with sqlite3.connect(db_path) as db:
        analyses = [
            DocumentAnalysis.model_validate_json(analysis_json(data, clean))
            for data, clean in db.execute(_ANALYSES)
        ]
        documents = []
        for raw, clean, data in db.execute(
            "SELECT raw_text, clean_text, data FROM documents ORDER BY id"
        ):
            raw_text, text = read_texts(raw, clean)  # deflated (store/text_schema.py)
            fields = {**json.loads(unpacked(data)), "raw_text": raw_text, "text": text}
            documents.append(Document.model_validate(fields))
    return documents, analyses


def test_compacted_analysis_round_trips_to_the_same_json() -> None:
    loaded = DocumentAnalysis(
        doc_id="moscow-visit",
        version="v",
        mentions=[_mention("Narendra Modi", 15), _mention("Vladimir Putin", 43)],
    )
    expected = loaded.model_dump_json()
    compacted = compact(DocumentAnalysis.model_validate_json(expected))
    assert compacted.model_dump_json() == expected
    first, second = compacted.mentions
    assert first.provenance.sentence is second.provenance.sentence  # kept once per record
    assert first.model_fields_set is second.model_fields_set  # one set per class


def test_shared_fields_set_stays_per_instance() -> None:
    """A shared set holds every field, so assignment adds nothing to it; a copy gets its own."""
    first, second = compact(
        DocumentAnalysis.model_validate_json(
            DocumentAnalysis(
                doc_id="d", version="v", mentions=[_mention("Modi", 15), _mention("Putin", 43)]
            ).model_dump_json()
        )
    ).mentions
    shared = set(first.model_fields_set)
    first.entity_id = "E1"
    assert second.entity_id is None and second.model_fields_set == shared
    updated = second.model_copy(update={"role": "president"})
    assert updated.model_fields_set is not second.model_fields_set
    assert second.model_dump(exclude_unset=True)["role"] is None


def test_partly_given_records_keep_their_own_fields_set() -> None:
    """Only an instance given every field shares; one built with defaults keeps what it had,
    so ``exclude_unset`` still leaves the defaults out."""
    partial = compact(DocumentAnalysis(doc_id="d", version="v"))
    assert partial.model_fields_set == {"doc_id", "version"}
    assert partial.model_dump(exclude_unset=True) == {"doc_id": "d", "version": "v"}


def test_compacting_shrinks_stored_analyses(demo_build) -> None:
    out, _ = demo_build
    with sqlite3.connect(out / "storyline.db") as db:
        rows = [analysis_json(data, clean) for data, clean in db.execute(_ANALYSES)]

    def held(make) -> int:
        tracemalloc.start()
        try:
            records = [make(row) for row in rows]
            size = tracemalloc.get_traced_memory()[0]
        finally:
            tracemalloc.stop()
        assert records
        return size

    plain = held(DocumentAnalysis.model_validate_json)
    compacted = held(lambda row: compact(DocumentAnalysis.model_validate_json(row)))
    assert compacted < 0.7 * plain


def test_store_readers_give_the_view_of_uncompacted_records(demo_build) -> None:
    """The corpus view from the store's (compacting) readers equals the view from the same
    records parsed plainly, field for field."""
    out, _ = demo_build
    db_path = out / "storyline.db"
    with Store(db_path) as store:
        documents, analyses = store.documents(), store.analyses()
        streamed = list(store.iter_analyses())
    plain_documents, plain_analyses = _raw_records(db_path)
    assert analyses == plain_analyses == streamed
    assert documents == plain_documents
    assert analyses[0].mentions[0].model_fields_set is analyses[-1].mentions[0].model_fields_set
    compacted_rows = corpus_rows(derive_corpus(documents, analyses))
    plain_rows = corpus_rows(derive_corpus(plain_documents, plain_analyses))
    assert _dumped(compacted_rows) == _dumped(plain_rows)
    assert sum(len(rows) for rows in plain_rows.values()) > 50  # the demo corpus says things


def _dumped(rows) -> dict[str, list[tuple[str, str | None, str]]]:
    return {
        kind: [(id_, key, model.model_dump_json()) for id_, key, model in items]
        for kind, items in rows.items()
    }


def test_derive_corpus_compacts_its_results_without_changing_them(demo_build) -> None:
    """The view's results (entities hold a copy of every mention) share their fields-sets, and
    equal the results of the same stages run without compacting."""
    out, _ = demo_build
    plain_documents, plain_analyses = _raw_records(out / "storyline.db")
    pile = HeldAnalyses(plain_analyses)
    state = CorpusState(documents=plain_documents, analyses=pile, view=CorpusView())
    for stage in CORPUS_STAGES:  # derive_corpus's loop, less the compacting
        stage.run(state)
    documents, analyses = _raw_records(out / "storyline.db")
    view = derive_corpus(documents, analyses)
    assert _dumped(corpus_rows(view)) == _dumped(corpus_rows(state.view))
    copies = [m for entity in view.entities for m in entity.mentions]
    assert len(copies) > 10
    assert len({id(m.model_fields_set) for m in copies}) == 1
    assert len({id(m.model_fields_set) for e in state.view.entities for m in e.mentions}) > 1


class _CountedIntern:
    """``sys`` as ``models.compact`` sees it, counting the strings it interns."""

    def __init__(self) -> None:
        self.calls = 0

    def intern(self, value: str) -> str:
        self.calls += 1
        return sys.intern(value)


def test_compacted_parts_are_not_walked_again(monkeypatch) -> None:
    """A stage's results often hold what was compacted already (an entity's mention copies
    share their provenance with the stored analyses'), and a record compacted once shares its
    class's set of every field: compacting walks into neither again, so its cost follows what
    is new, not all that is held. The values stay equal."""
    analysis = compact(
        DocumentAnalysis.model_validate_json(
            DocumentAnalysis(
                doc_id="d", version="v", mentions=[_mention("Modi", 15), _mention("Putin", 43)]
            ).model_dump_json()
        )
    )
    expected = analysis.model_dump_json()
    counted = _CountedIntern()
    monkeypatch.setattr(compact_module, "sys", counted)
    assert compact(analysis).model_dump_json() == expected
    assert counted.calls == 0
    copies = [m.model_copy(update={"entity_id": "person:modi"}) for m in analysis.mentions]
    for copy in copies:
        compact(copy)
    # each copy's own short strings (text, label, model label, entity id); not its provenance's
    assert counted.calls == 4 * len(copies)
    assert copies[0].model_fields_set is analysis.mentions[0].model_fields_set


def test_compacted_parts_share_their_sentences_with_the_record() -> None:
    """Copied documents repeat sentences: a record holding compacted parts of two of them (an
    entity's mentions) holds each equal sentence once, as when the parts were walked whole."""

    def analysis(doc_id: str) -> DocumentAnalysis:
        built = DocumentAnalysis(doc_id=doc_id, version="v", mentions=[_mention("Modi", 15)])
        return compact(DocumentAnalysis.model_validate_json(built.model_dump_json()))

    first, second = analysis("wire"), analysis("wire-copy")
    assert first.mentions[0].provenance.sentence is not second.mentions[0].provenance.sentence
    held = compact(
        DocumentAnalysis(
            doc_id="entity", version="v", mentions=[first.mentions[0], second.mentions[0]]
        )
    )
    one, other = (m.provenance.sentence for m in held.mentions)
    assert one == other == SENTENCE and one is other


def test_a_list_s_models_and_strings_are_walked_without_a_call_each(monkeypatch) -> None:
    """An entity's mentions (the bulk of a +1% build's compaction) are a list of models of a
    class met before, and a name list holds strings: neither takes a ``_compact_value`` call per
    item, and the values and sharing are those of the walk that took one."""
    calls: list[type] = []
    real = compact_module._compact_value
    monkeypatch.setattr(
        compact_module,
        "_compact_value",
        lambda value, seen: calls.append(type(value)) or real(value, seen),
    )
    compact(_mention("Modi", 15))  # the classes are met once
    analysis = DocumentAnalysis.model_validate_json(
        DocumentAnalysis(
            doc_id="d", version="v", mentions=[_mention("Modi", 15), _mention("Putin", 43)]
        ).model_dump_json()
    )
    expected = analysis.model_dump_json()
    calls.clear()
    compact(analysis)
    assert Mention not in calls and str not in calls and Provenance not in calls
    assert analysis.model_dump_json() == expected
    one, other = analysis.mentions
    assert one.provenance.sentence is other.provenance.sentence  # one copy in the record
    assert one.model_fields_set is other.model_fields_set


def test_offsets_are_shared_across_records_with_their_values() -> None:
    """Offsets up to ``SHARED_INTS`` are one object per value across records (two documents'
    mentions at the same offsets, a sentence's bounds repeated by its mentions); CPython's own
    small ints and larger numbers are left as they are; the JSON is the same."""

    def analysis(doc_id: str, start: int) -> DocumentAnalysis:
        mentions = [_mention("Modi", start), _mention("Putin", start + 300)]
        built = DocumentAnalysis(doc_id=doc_id, version="v", mentions=mentions)
        return DocumentAnalysis.model_validate_json(built.model_dump_json())

    big = compact_module.SHARED_INTS + 1000
    plain = [analysis("wire", 1000), analysis("copy", 1000), analysis("a", big), analysis("b", big)]
    expected = [a.model_dump_json() for a in plain]
    wire, copy, long, longer = (compact(a) for a in plain)
    assert [a.model_dump_json() for a in (wire, copy, long, longer)] == expected
    one, other = wire.mentions[0].provenance, copy.mentions[0].provenance
    assert one.start == other.start == 1000 and one.start is other.start
    assert one.end is other.end
    assert wire.mentions[1].provenance.start is copy.mentions[1].provenance.start
    far, farther = long.mentions[0].provenance, longer.mentions[0].provenance
    assert far.start == farther.start == big and far.start is not farther.start


def _whole(view: CorpusView) -> dict[str, object]:
    """Every field of a view as JSON (but its timings), entities with every mention."""
    dumped: dict[str, object] = {}
    for name in ("entities", "events", "timeline", "duplicates", "figure_groups", "stories"):
        dumped[name] = [item.model_dump(mode="json") for item in getattr(view, name)]
    for name in ("storylines", "quality", "story_summaries"):
        dumped[name] = [item.model_dump(mode="json") for item in getattr(view, name)]
    dumped["summary"] = view.summary.model_dump(mode="json") if view.summary else None
    return dumped


def test_entities_own_the_mentions_read_from_the_store(demo_build, monkeypatch) -> None:
    """Over the store's pile (each read parses the mentions afresh) the entities take the
    mentions read, changed in place, instead of copies; over analyses held in memory (the
    caller's) they copy every one. The whole view is the same either way."""
    out, _ = demo_build
    db_path = out / "storyline.db"
    copied: list[Mention] = []
    real = Mention.model_copy

    def counted(self: Mention, **options: object) -> Mention:
        copied.append(self)
        return real(self, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(Mention, "model_copy", counted)
    with Store(db_path) as store:
        documents = store.corpus_documents()
        state = CorpusState(documents=documents, analyses=store.analysis_pile(), view=CorpusView())
        CORPUS_STAGES[0].run(state)  # the entities stage alone
        assert copied == [] and state.view.entities
        from_pile = derive_corpus(documents, store.analysis_pile())
    plain_documents, plain_analyses = _raw_records(db_path)
    state = CorpusState(
        documents=plain_documents, analyses=HeldAnalyses(plain_analyses), view=CorpusView()
    )
    CORPUS_STAGES[0].run(state)
    held_mentions = [m for a in plain_analyses for m in a.mentions]
    assert len(copied) == len(held_mentions) > 50
    assert all(m.entity_id is None for m in held_mentions)  # the caller's, untouched
    held = derive_corpus(plain_documents, plain_analyses)
    assert _whole(from_pile) == _whole(held)
    assert sum(len(e.mentions) for e in from_pile.entities) == len(held_mentions)
