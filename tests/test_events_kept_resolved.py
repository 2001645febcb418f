"""Each document's event mentions kept with their actors resolved (``pipeline.kept_resolved``):
resolved once, again when its analysis or the facts of an entity it names change, never kept
when an actor names an entity id already; what is read back is what resolving gives (values,
order, digests), and the events merged from it are those merged from the analyses."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import pytest
from pydantic import BaseModel

from storyline.events.canonical_actors import EntityIndex
from storyline.events.grouping import ParagraphIndex, unit
from storyline.events.kept_parts import mention_digest
from storyline.events.merge import merge_events, merge_resolved, resolved_mention
from storyline.events.parts import mention_keys
from storyline.models import Document, DocumentAnalysis, Entity, EventMention
from storyline.models.pile import HeldAnalyses
from storyline.pipeline import kept_resolved as resolved_module
from storyline.pipeline.kept_resolved import entity_facts, kept_resolved_mentions
from tests.conftest import make_document
from tests.event_builders import entity, mention, named
from tests.kept_rows import KeptRows

CALL = "Modi called Putin on Tuesday."


class _Kept:
    """Resolved rows in a dict over held analyses."""

    def __init__(self, analyses: list[DocumentAnalysis]) -> None:
        self.resolved = KeptRows(analyses)

    def analysis_digests(self, ids):  # type: ignore[no-untyped-def]
        return self.resolved.analysis_digests(ids)

    def resolved_event_rows(self, keys: Mapping[str, bytes]) -> Iterator[tuple[str, str]]:
        return self.resolved.read(keys)

    def save_resolved_event_rows(self, rows: Iterable[tuple[str, bytes, str]]) -> None:
        self.resolved.save(rows)


def _call(doc_id: str, date: str = "2024-03-05") -> EventMention:
    source, target = [named("Modi", 0)], [named("Putin", 12)]
    return mention(doc_id, CALL, "call", source, target, "CONSULT", "phone", date)


def _pile() -> tuple[list[Document], list[DocumentAnalysis], list[Entity]]:
    """Three reports of one call, a document that tells none, and the two callers (Putin is
    not named in "c")."""
    documents = [make_document(CALL, doc_id) for doc_id in ("a", "b", "c", "d")]
    analyses = [
        DocumentAnalysis(doc_id=d.id, version="v", events=[] if d.id == "d" else [_call(d.id)])
        for d in documents
    ]
    entities = [
        entity("e-modi", "Narendra Modi", "PERSON", [(d, 0, "Modi") for d in "abc"]),
        entity("e-putin", "Vladimir Putin", "PERSON", [(d, 12, "Putin") for d in "ab"]),
    ]
    return documents, analyses, entities


@pytest.fixture
def indexes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many entity indexes were made (one per call that resolves anything)."""
    made: list[int] = []

    class Counting(EntityIndex):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            made.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(resolved_module, "EntityIndex", Counting)
    return made


def _read(documents, analyses, entities, kept):  # type: ignore[no-untyped-def]
    facts = entity_facts(entities, None, None)
    return kept_resolved_mentions(
        documents, HeldAnalyses(analyses), entities, kept, facts, (None, None)
    )


def _resolved(analyses, entities) -> list[EventMention]:  # type: ignore[no-untyped-def]
    index = EntityIndex(entities, None, None)
    return [resolved_mention(m, index) for a in analyses for m in a.events]


def test_kept_rows_give_what_resolving_gives(indexes: list[int]) -> None:
    documents, analyses, entities = _pile()
    clean = _resolved(analyses, entities)
    kept = _Kept(analyses)
    paragraphs = ParagraphIndex(documents)
    for _ in range(2):  # made and kept, then every row read back without an index
        found = _read(documents, analyses, entities, kept)
        mentions = found.mentions
        assert [m.model_dump_json() for m in mentions] == [m.model_dump_json() for m in clean]
        assert found.digests == [mention_digest(m) for m in clean]
        assert found.keys == [
            mention_keys(unit(i, m, paragraphs, {}), m) for i, m in enumerate(clean)
        ]
        stories = {"a": "s-1", "b": "s-1", "c": "s-2"}
        assert found.keys_in_stories(stories) == [
            mention_keys(unit(i, m, paragraphs, stories), m) for i, m in enumerate(clean)
        ]
    assert indexes == [1] and kept.resolved.saved == ["a", "b", "c", "d"]
    assert mentions[0].source[0].entity_id == "e-modi"
    merged = merge_resolved(mentions, documents, digests=found.digests, keys_of=found.keys)
    whole = merge_events([m for a in analyses for m in a.events], entities, documents)
    assert [e.model_dump_json() for e in merged] == [e.model_dump_json() for e in whole]


def test_a_changed_entity_resolves_again_only_the_documents_it_reaches(indexes) -> None:
    documents, analyses, entities = _pile()
    kept = _Kept(analyses)
    _read(documents, analyses, entities, kept)
    renamed = [entities[0], entities[1].model_copy(update={"name": "Vladimir V. Putin"})]
    mentions = _read(documents, analyses, renamed, kept).mentions
    assert kept.resolved.saved[4:] == ["a", "b"]  # "c" and "d" do not name him
    assert [m.model_dump_json() for m in mentions] == [
        m.model_dump_json() for m in _resolved(analyses, renamed)
    ]
    assert mentions[0].target[0].name == "Vladimir V. Putin"


def test_a_changed_analysis_resolves_that_document_again(indexes) -> None:
    documents, analyses, entities = _pile()
    kept = _Kept(analyses)
    _read(documents, analyses, entities, kept)
    analyses[1] = analyses[1].model_copy(update={"events": [_call("b", "2024-03-09")]})
    kept.resolved.digests["b"] = b"re-analysed"
    mentions = _read(documents, analyses, entities, kept).mentions
    assert kept.resolved.saved[4:] == ["b"] and mentions[1].date == "2024-03-09"


def test_an_actor_naming_an_entity_id_is_resolved_every_time(indexes) -> None:
    documents, analyses, entities = _pile()
    call = _call("a")
    given = call.model_copy(
        update={"source": [named("Modi", 0).model_copy(update={"entity_id": "e-modi"})]}
    )
    analyses[0] = analyses[0].model_copy(update={"events": [given]})
    kept = _Kept(analyses)
    _read(documents, analyses, entities, kept)
    _read(documents, analyses, entities, kept)
    assert kept.resolved.saved == ["b", "c", "d"] and indexes == [1, 1]


def test_the_facts_follow_what_resolving_reads() -> None:
    _, _, entities = _pile()
    facts = entity_facts(entities, None, None)
    assert set(facts) == {"a", "b", "c"}
    moved = [entities[0], entities[1].model_copy(update={"aliases": ["Vova"]})]
    changed = entity_facts(moved, None, None)
    assert changed["c"] == facts["c"] and changed["a"] != facts["a"]
    countries = entity_facts(entities, lambda e: ("India", None), None)
    assert all(countries[d] != facts[d] for d in facts)


def test_a_moved_paragraph_or_date_makes_the_row_again(indexes) -> None:
    """The pile's merge's keys read the document's paragraphs and date (``grouping.unit``)."""
    documents, analyses, entities = _pile()
    kept = _Kept(analyses)
    _read(documents, analyses, entities, kept)
    documents[0] = documents[0].model_copy(update={"published": "2024-03-06"})
    found = _read(documents, analyses, entities, kept)
    assert kept.resolved.saved[4:] == ["a"]
    paragraphs = ParagraphIndex(documents)
    assert found.keys[0] == mention_keys(
        unit(0, found.mentions[0], paragraphs, {}), found.mentions[0]
    )


def test_an_index_for_some_documents_resolves_them_as_the_whole_pile_s(demo_stored) -> None:
    """The index a build makes for the documents it resolves again holds only their spans and
    names; what it resolves them to is what the whole pile's index does."""
    from storyline.entities.extract import affiliation, capital_country

    _, analyses, view = demo_stored
    whole = EntityIndex(view.entities, affiliation, capital_country)
    some = sorted({a.doc_id for a in analyses if a.events})[::3]
    part = EntityIndex(view.entities, affiliation, capital_country, documents=set(some))
    assert len(part.exact) < len(whole.exact)
    told = [m for a in analyses if a.doc_id in some for m in a.events]
    assert told
    assert [resolved_mention(m, part).model_dump_json() for m in told] == [
        resolved_mention(m, whole).model_dump_json() for m in told
    ]


def test_the_demo_s_kept_keys_are_those_its_merges_make(demo_stored) -> None:
    """Every mention of the demo corpus: its kept keys in the pile's merge, and with its
    story's added in the stories' merge, are those ``parts.mention_keys`` makes."""
    from storyline.entities.extract import affiliation, capital_country

    documents, analyses, view = demo_stored
    facts = entity_facts(view.entities, affiliation, capital_country)
    resolver = (affiliation, capital_country)
    held = HeldAnalyses(analyses)
    found = kept_resolved_mentions(documents, held, view.entities, _Kept(analyses), facts, resolver)
    stories = {d: story.id for story in view.stories for d in story.documents}
    paragraphs = ParagraphIndex(documents)
    assert len(found.mentions) > 40
    for merge_stories, keys in ((None, found.keys), (stories, found.keys_in_stories(stories))):
        made = [
            mention_keys(unit(i, m, paragraphs, merge_stories or {}), m)
            for i, m in enumerate(found.mentions)
        ]
        assert keys == made


def test_a_story_enters_a_unit_only_as_its_id(demo_stored) -> None:
    """What lets a row make each mention's unit and keys once, with the stand-in story: the unit
    with a story differs from the one without only by its ``stories``, and the keys that do not
    name the story are the keys without one."""
    documents, analyses, _ = demo_stored
    paragraphs = ParagraphIndex(documents)
    told = [m for a in analyses for m in a.events]
    assert len(told) > 40
    for index, told_mention in enumerate(told):
        doc_id = told_mention.provenance.doc_id
        alone = unit(index, told_mention, paragraphs, {})
        placed = unit(index, told_mention, paragraphs, {doc_id: "s-7"})
        assert placed.stories == {"s-7"}
        assert vars(placed) == {**vars(alone), "stories": {"s-7"}}
        keys = mention_keys(placed, told_mention)
        assert {k for k in keys if "s-7" not in k} == mention_keys(alone, told_mention)


def test_each_unit_is_made_once_and_no_row_made_is_read_back(monkeypatch) -> None:
    """A row's keys come from one unit of each mention (with the stand-in story), and the
    mentions resolved go to the merge as made: only a later build reads the rows back."""
    units: list[str] = []
    real_unit = resolved_module.unit
    monkeypatch.setattr(
        resolved_module, "unit", lambda i, m, *rest: units.append(m.id) or real_unit(i, m, *rest)
    )
    unpacked: list[str] = []
    real_unpacked = resolved_module.unpacked_resolved
    monkeypatch.setattr(
        resolved_module,
        "unpacked_resolved",
        lambda document, data: unpacked.append(document.id) or real_unpacked(document, data),
    )
    documents, analyses, entities = _pile()
    kept = _Kept(analyses)
    made = _read(documents, analyses, entities, kept)
    assert units == ["a:call:29", "b:call:29", "c:call:29"] and unpacked == []
    read = _read(documents, analyses, entities, kept)
    assert units == ["a:call:29", "b:call:29", "c:call:29"] and unpacked == ["a", "b", "c", "d"]
    assert _same(made.mentions, read.mentions)
    assert (made.digests, made.keys, made.story_keys) == (read.digests, read.keys, read.story_keys)


def test_the_demo_s_mentions_made_are_those_read_back(demo_stored) -> None:
    """Every mention of the demo corpus as resolved in a build is the one a later build reads
    back from its row: values, their types and the fields each record was given."""
    from storyline.entities.extract import affiliation, capital_country

    documents, analyses, view = demo_stored
    facts = entity_facts(view.entities, affiliation, capital_country)
    resolver = (affiliation, capital_country)
    kept, held = _Kept(analyses), HeldAnalyses(analyses)
    made = kept_resolved_mentions(documents, held, view.entities, kept, facts, resolver)
    read = kept_resolved_mentions(documents, held, view.entities, kept, facts, resolver)
    assert len(kept.resolved.saved) == len(documents) and len(made.mentions) > 40
    assert _same(made.mentions, read.mentions)
    assert (made.digests, made.keys, made.story_keys) == (read.digests, read.keys, read.story_keys)


def _same(one: object, other: object) -> bool:
    """Equal values of the same types, and for records the same fields given."""
    if isinstance(one, BaseModel):
        return (
            type(one) is type(other)
            and one.model_fields_set == other.model_fields_set  # type: ignore[attr-defined]
            and all(_same(getattr(one, n), getattr(other, n)) for n in type(one).model_fields)
        )
    if isinstance(one, list | tuple):
        return (
            type(one) is type(other)
            and len(one) == len(other)  # type: ignore[arg-type]
            and all(_same(a, b) for a, b in zip(one, other, strict=True))  # type: ignore[call-overload]
        )
    return type(one) is type(other) and one == other
