"""Story records kept between builds: a group's record (dates, events, entities, label) is made
once and again only when something it reads changes (an entity its documents name is renamed,
a document leaves the story), and the stories read back are those made without the store."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

import pytest

from storyline.store import Store
from storyline.stories import assemble
from storyline.stories.cluster import cluster_stories, load_config, pile_features
from storyline.stories.kept_records import RecordKeys
from tests.kept_rows import KeptRows


class _Records:
    """Story records in a dict, as the store keeps them."""

    def __init__(self) -> None:
        self.rows: dict[bytes, str] = {}

    def story_records(self, keys: Collection[bytes]) -> Iterator[tuple[bytes, str]]:
        return ((k, self.rows[k]) for k in sorted(keys) if k in self.rows)

    def keep_story_records(
        self, current: Collection[bytes], made: Iterable[tuple[bytes, str]]
    ) -> None:
        self.rows = {k: v for k, v in self.rows.items() if k in current}
        self.rows.update(made)


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """The groups whose records were made (their document ids), call by call."""
    found: list[tuple[str, ...]] = []
    real = assemble._story

    def counting(rows, docs, *rest):  # type: ignore[no-untyped-def]
        found.append(tuple(docs[r].id for r in rows))
        return real(rows, docs, *rest)

    monkeypatch.setattr(assemble, "_story", counting)
    return found


def _stories(demo_stored, kept=None, documents=None, entities=None):  # type: ignore[no-untyped-def]
    stored_documents, analyses, view = demo_stored
    return cluster_stories(
        documents if documents is not None else stored_documents,
        analyses,
        entities if entities is not None else view.entities,
        view.events,
        kept=kept,
    )


def test_kept_records_are_the_stories_made_without_them(demo_stored, made) -> None:
    clean = _stories(demo_stored)
    kept = _Records()
    made.clear()
    assert _stories(demo_stored, kept) == clean
    assert len(made) == len(clean) == len(kept.rows)
    made.clear()
    assert _stories(demo_stored, kept) == clean  # read back
    assert made == []


def test_a_renamed_entity_remakes_only_the_stories_that_name_it(demo_stored, made) -> None:
    """The record reads each named entity's name (the label shows it): a story whose documents
    name the renamed entity (no event's actor, no place) is made again, the others are read
    back."""
    _, _, view = demo_stored
    kept = _Records()
    _stories(demo_stored, kept)
    actors = {a.entity_id for e in view.events for a in [*e.source, *e.target]}
    renamed = min(
        (e for e in view.entities if e.id not in actors and e.type not in assemble.PLACE_TYPES),
        key=lambda e: (len(e.documents), e.id),
    )
    entities = [
        e.model_copy(update={"name": "Renamed " + e.name}) if e is renamed else e
        for e in view.entities
    ]
    made.clear()
    stories = _stories(demo_stored, kept, entities=entities)
    reached = {s.documents[0] for s in stories if set(s.documents) & set(renamed.documents)}
    assert {group[0] for group in made} == reached
    assert stories == _stories(demo_stored, entities=entities)
    assert len(reached) < len(stories)


def test_a_removed_document_remakes_its_story_and_drops_the_old_record(demo_stored, made) -> None:
    documents = demo_stored[0]
    kept = _Records()
    before = _stories(demo_stored, kept)
    gone = max(before, key=lambda s: len(s.documents)).documents[0]
    rest = [d for d in documents if d.id != gone]
    made.clear()
    after = _stories(demo_stored, kept, documents=rest)
    assert made and all(gone not in group for group in made)
    assert len(kept.rows) == len(after)  # only this build's records are kept
    assert after == _stories(demo_stored, documents=rest)


def test_the_store_keeps_only_this_build_s_story_records(tmp_path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.keep_story_records({b"a" * 16, b"b" * 16}, [(b"a" * 16, "{}"), (b"b" * 16, "[]")])
        assert dict(store.story_records({b"a" * 16, b"c" * 16})) == {b"a" * 16: "{}"}
        store.keep_story_records({b"b" * 16}, [])
        assert dict(store.story_records({b"a" * 16, b"b" * 16})) == {b"b" * 16: "[]"}


def test_a_kept_row_s_key_stands_for_the_lead_and_the_weighted_terms(demo_stored) -> None:
    """Where a document's clustering row is kept, the record key digests the row's key (its
    text, title, date and analysis, the settings and the code) instead of its lead and every
    weighted term: a change of the key changes the record key, the terms it names do not."""
    documents, analyses, view = demo_stored
    config = load_config()
    docs = sorted(documents, key=lambda d: d.id)
    features = pile_features(docs, analyses, view.entities)
    places = assemble.place_mentions(
        view.entities, features, config["label"]["locative_prepositions"]
    )
    keys = RecordKeys(features, {e.id: e for e in view.entities}, places, config, "method")

    def first_document_key() -> bytes:
        lead = docs[0].text[: features.lead_ends[0]]
        return keys.key([0], [lead], [docs[0].title], [])

    spelled_out = first_document_key()
    features.row_keys = [bytes([row % 251]) * 16 for row in range(len(docs))]
    named = first_document_key()
    assert named != spelled_out
    start, end = features.terms.matrix.indptr[0], features.terms.matrix.indptr[1]
    features.terms.matrix.data[start:end] *= 0.5  # what the key stands for is not read again
    assert first_document_key() == named
    features.row_keys[0] = b"\xff" * 16
    assert first_document_key() != named


class _RowsAndRecords(KeptRows, _Records):
    """Kept clustering rows (named by their keys in the record keys) and story records."""

    story_rows = KeptRows.read
    save_story_rows = KeptRows.save

    def __init__(self, analyses) -> None:  # type: ignore[no-untyped-def]
        KeptRows.__init__(self, analyses)
        _Records.__init__(self)


def test_a_retitled_document_remakes_its_story_s_record_as_a_clean_build(demo_stored, made) -> None:
    """With kept rows the record key reads a document's row key, not its title and lead: a
    new title (a new row key) makes its story's record again, as it reads the title, and the
    stories equal those made without anything kept; the other records are read back."""
    documents, analyses, view = demo_stored

    def stories(docs, kept=None):  # type: ignore[no-untyped-def]
        features = pile_features(docs, analyses, view.entities, kept)
        return cluster_stories(
            docs, analyses, view.entities, view.events, features=features, kept=kept
        )

    kept = _RowsAndRecords(analyses)
    before = stories(documents, kept)
    retitled = documents[0].model_copy(update={"title": "A title no text holds"})
    changed = [retitled, *documents[1:]]
    made.clear()
    after = stories(changed, kept)
    assert len(made) == 1 and retitled.id in made[0]  # the others are read back
    assert after == stories(changed)
    assert len(after) == len(before) > 1
