"""A briefing that scales: briefing.json holds document references, not texts, and example
mentions of its entities and events, not every one; the full records (every mention, every
time expression, every figure, each document's quality) come out of the store through
``storyline export`` as Parquet or JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest
from typer.testing import CliRunner

from storyline.briefing.compose import EXAMPLE_MENTION_DOCUMENTS, briefed_entity, briefed_event
from storyline.briefing.export import TABLES, column_kind, export_store
from storyline.cli import app
from storyline.models import (
    Document,
    DocumentRef,
    Entity,
    Event,
    EventMention,
    Figure,
    Mention,
    Provenance,
    Quality,
    Timex,
)
from storyline.store import Store


@pytest.mark.parametrize(
    ("annotation", "kind"),
    [
        (str, "string"),
        (str | None, "string"),
        (int, "int"),
        (float, "float"),
        (bool, "bool"),
        (list[str], "strings"),
        (Literal["a", "b"], "string"),
        (Literal["a", "b"] | None, "string"),
        (list[int], "json"),
        (dict[str, float], "json"),
        (Document, "json"),
        (list[Document], "json"),
        (str | int, "json"),
    ],
)
def test_column_kinds(annotation, kind) -> None:
    assert column_kind(annotation) == kind


def test_briefing_lists_documents_without_their_texts(demo_build) -> None:
    out, briefing = demo_build
    assert briefing["schema_version"] == 4
    for records in ("timexes", "figures", "quality"):  # per-document: `storyline export`
        assert records not in briefing
    with Store(out / "storyline.db") as store:
        stored = {d.id: d for d in store.documents()}
    assert sorted(d["id"] for d in briefing["documents"]) == sorted(stored)
    for ref in briefing["documents"]:
        assert not {"raw_text", "text", "blocks"} & set(ref)
        full = stored[ref["id"]]
        assert ref["characters"] == len(full.text)
        assert ref["words"] == len(full.text.split())
        assert full.text.startswith(ref["opening"])
        assert ref["removed"] == [r.model_dump() for r in full.removed]  # the audit stays
    raw = (out / "briefing.json").read_text("utf-8")
    for document in stored.values():  # no whole text is copied in (a sentence may be quoted)
        assert document.text not in raw and document.raw_text not in raw


def test_a_whole_document_is_trimmed_where_a_reference_is_expected() -> None:
    doc = Document(
        id="d1", source="d1.txt", source_kind="txt", raw_text="Raw  text.", text="Clean text.",
        content_hash="h", title="T",
    )  # fmt: skip
    ref = DocumentRef.model_validate(doc)
    assert ref == DocumentRef.of(doc)
    assert (ref.characters, ref.words, ref.opening, ref.title) == (11, 2, "Clean text.", "T")
    assert "text" not in ref.model_dump()


def _stored(db: Path) -> dict[str, list]:
    with Store(db) as store:
        return {
            "documents": store.documents(),
            "entities": list(store.iter_corpus("entity", Entity)),
            "events": list(store.iter_corpus("event", Event)),
            "figures": [f for a in store.analyses() for f in a.figures],
            "timexes": [t for a in store.analyses() for t in a.timexes],
            "quality": store.corpus("quality", Quality),
        }


def test_parquet_export_has_every_record_typed(demo_build, tmp_path: Path) -> None:
    out, _ = demo_build
    stored = _stored(out / "storyline.db")
    with Store(out / "storyline.db") as store:
        written = export_store(store, tmp_path, "parquet")
    assert set(written) == {t.name for t in TABLES}
    for name, records in stored.items():
        path, rows = written[name]
        table = pq.read_table(path)
        assert rows == table.num_rows == len(records) > 0, name
    documents = pq.read_table(written["documents"][0]).to_pylist()
    by_id = {d.id: d for d in stored["documents"]}
    for row in documents:
        assert row["text"] == by_id[row["id"]].text
        assert row["raw_text"] == by_id[row["id"]].raw_text
        removed = json.loads(row["removed"])  # nested records are JSON text columns
        assert removed == [r.model_dump() for r in by_id[row["id"]].removed]
    entities = pq.read_table(written["entities"][0])
    aliases = entities.schema.field("aliases").type
    assert pa.types.is_list(aliases) and pa.types.is_string(aliases.value_type)
    figures = pq.read_table(written["figures"][0]).to_pylist()
    assert [r["doc_id"] for r in figures] == [f.provenance.doc_id for f in stored["figures"]]
    assert [r["value"] for r in figures] == [f.value for f in stored["figures"]]
    timexes = pq.read_table(written["timexes"][0]).to_pylist()
    assert [(r["doc_id"], r["id"]) for r in timexes] == [
        (t.provenance.doc_id, t.id) for t in stored["timexes"]
    ]
    assert [r["value"] for r in timexes] == [t.value for t in stored["timexes"]]
    events = pq.read_table(written["events"][0]).to_pylist()
    assert [len(json.loads(r["mentions"])) for r in events] == [
        len(e.mentions) for e in stored["events"]
    ]
    assert [r["mention_count"] for r in events] == [len(e.mentions) for e in stored["events"]]
    quality = pq.read_table(written["quality"][0]).to_pylist()
    assert [(r["doc_id"], r["score"]) for r in quality] == [
        (q.doc_id, q.score) for q in stored["quality"]
    ]
    assert [json.loads(r["reasons"]) for r in quality] == [
        [r.model_dump() for r in q.reasons] for q in stored["quality"]
    ]


def test_jsonl_export_round_trips_to_the_models(demo_build, tmp_path: Path) -> None:
    out, _ = demo_build
    stored = _stored(out / "storyline.db")
    result = CliRunner().invoke(
        app, ["export", "--db", str(out / "storyline.db"), "-o", str(tmp_path), "-f", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    models = {
        "documents": Document,
        "entities": Entity,
        "events": Event,
        "figures": Figure,
        "timexes": Timex,
        "quality": Quality,
    }
    for name, model in models.items():
        lines = (tmp_path / f"{name}.jsonl").read_text("utf-8").splitlines()
        assert [model.model_validate_json(line) for line in lines] == stored[name], name
    first = json.loads((tmp_path / "figures.jsonl").read_text("utf-8").splitlines()[0])
    assert first["doc_id"] == stored["figures"][0].provenance.doc_id


def test_export_refuses_what_it_does_not_know(demo_build, tmp_path: Path) -> None:
    out, _ = demo_build
    db = str(out / "storyline.db")
    runner = CliRunner()
    bad_format = runner.invoke(app, ["export", "--db", db, "-o", str(tmp_path), "-f", "csv"])
    assert bad_format.exit_code == 2 and "unknown format" in bad_format.output
    bad_table = runner.invoke(app, ["export", "--db", db, "-o", str(tmp_path), "-t", "nope"])
    assert bad_table.exit_code == 2 and "unknown table" in bad_table.output
    only = runner.invoke(app, ["export", "--db", db, "-o", str(tmp_path), "-t", "events"])
    assert only.exit_code == 0 and sorted(p.name for p in tmp_path.iterdir()) == ["events.parquet"]


def test_empty_store_exports_empty_tables(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.db") as store:
        written = export_store(store, tmp_path / "out", "parquet")
    for path, rows in written.values():
        assert rows == 0 and pq.read_table(path).num_rows == 0


def test_briefing_entities_keep_example_mentions(demo_build) -> None:
    """Every mention stays in the store; the briefing keeps the first one of each of an
    entity's first documents, with the count and the documents complete."""
    out, briefing = demo_build
    with Store(out / "storyline.db") as store:
        stored = {e.id: e for e in store.iter_corpus("entity", Entity)}
    assert [e["id"] for e in briefing["entities"]] == list(stored)
    trimmed = 0
    for entity in briefing["entities"]:
        full = stored[entity["id"]]
        assert entity["mention_count"] == full.mention_count
        assert entity["documents"] == full.documents
        docs = [m["provenance"]["doc_id"] for m in entity["mentions"]]
        assert len(docs) == len(set(docs)) <= EXAMPLE_MENTION_DOCUMENTS
        firsts = {}
        for m in full.mentions:
            firsts.setdefault(m.provenance.doc_id, m.model_dump())
        assert entity["mentions"] == list(firsts.values())[: len(docs)]
        trimmed += len(full.mentions) > len(docs)
    assert trimmed  # Narendra Modi, at least, is mentioned more often than that


def test_briefed_entity_table() -> None:
    def mention(doc_id: str, start: int) -> Mention:
        prov = Provenance(doc_id=doc_id, start=start, end=start + 4, sentence="Modi spoke.",
                          sentence_start=start, sentence_end=start + 11)  # fmt: skip
        return Mention(text="Modi", label="PERSON", model_label="PERSON", provenance=prov)

    cases = [
        ([], []),
        ([("a", 0)], [("a", 0)]),
        ([("a", 0), ("a", 20), ("b", 0)], [("a", 0), ("b", 0)]),
        ([("a", 0), ("b", 0), ("c", 0), ("d", 0)], [("a", 0), ("b", 0), ("c", 0)]),
    ]
    for given, kept in cases:
        entity = Entity(id="person:modi", name="Modi", type="PERSON",
                        mentions=[mention(d, s) for d, s in given])  # fmt: skip
        shown = briefed_entity(entity, documents=3).mentions
        assert [(m.provenance.doc_id, m.provenance.start) for m in shown] == kept


def test_briefing_events_keep_example_mentions(demo_build) -> None:
    """As entities: the briefing keeps an event's first mention in each of its first
    documents, with ``mention_count`` and ``documents`` complete; the store keeps them all."""
    out, briefing = demo_build
    with Store(out / "storyline.db") as store:
        stored = {e.id: e for e in store.iter_corpus("event", Event)}
    assert [e["id"] for e in briefing["events"]] == list(stored)
    trimmed = 0
    for event in briefing["events"]:
        full = stored[event["id"]]
        assert event["mention_count"] == full.mention_count == len(full.mentions)
        assert event["documents"] == full.documents
        firsts: dict[str, dict] = {}
        for m in full.mentions:
            firsts.setdefault(m.provenance.doc_id, m.model_dump(mode="json"))
        assert event["mentions"] == list(firsts.values())[:EXAMPLE_MENTION_DOCUMENTS]
        trimmed += len(full.mentions) > len(event["mentions"])
    assert trimmed  # an event told in several sentences of one article keeps one of them


def _event_mention(doc_id: str, start: int) -> EventMention:
    prov = Provenance(doc_id=doc_id, start=start, end=start + 6, sentence="Putin phoned Modi.",
                      sentence_start=start, sentence_end=start + 18)  # fmt: skip
    return EventMention(id=f"{doc_id}:{start}", type="CONSULT", trigger="phoned", rule="test",
                        provenance=prov)  # fmt: skip


def test_briefed_event_table() -> None:
    cases = [
        ([], []),
        ([("a", 0)], [("a", 0)]),
        ([("a", 0), ("a", 20), ("b", 0)], [("a", 0), ("b", 0)]),
        ([("a", 0), ("b", 0), ("c", 0), ("d", 0)], [("a", 0), ("b", 0), ("c", 0)]),
    ]
    for given, kept in cases:
        mentions = [_event_mention(d, s) for d, s in given]
        event = Event(id="ev-1", type="CONSULT", label="Putin phoned Modi", mentions=mentions,
                      documents=sorted({d for d, _ in given}))  # fmt: skip
        shown = briefed_event(event, documents=3)
        assert [(m.provenance.doc_id, m.provenance.start) for m in shown.mentions] == kept
        assert (shown.mention_count, shown.documents) == (len(given), event.documents)
        assert event.mentions == mentions  # the full event is left as it was


def test_an_event_counts_its_mentions_unless_told() -> None:
    """The merge builds an event from its mentions; a briefed event read back from
    briefing.json holds examples and says how many there are."""
    mentions = [_event_mention("a", 0), _event_mention("a", 20)]
    made = Event(id="ev-1", type="CONSULT", label="x", mentions=mentions)
    assert made.mention_count == 2
    read = Event.model_validate_json(
        Event(
            id="ev-1", type="CONSULT", label="x", mentions=mentions[:1], mention_count=5
        ).model_dump_json()
    )
    assert (read.mention_count, len(read.mentions)) == (5, 1)


def test_the_export_command_names_every_table() -> None:
    from storyline.cli.views import TABLE_NAMES

    assert TABLE_NAMES.split(", ") == [t.name for t in TABLES]
