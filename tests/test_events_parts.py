"""The event merge in parts (``events.parts``): each part merged alone gives the events the
whole pile gives, a part whose merged groups block with another part's mentions is merged again
with it, and a kept part is read back instead of merged."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path

import pytest

from storyline.events.canonical_actors import EntityIndex, resolved_actors
from storyline.events.grouping import ParagraphIndex
from storyline.events.merge import merge_events, merged_part
from storyline.events.parts import Key, merged_in_parts
from storyline.models import Event
from tests.test_events_merge import DOCS, ENTITIES, mention


def _whole_pile(mentions, entities, documents, stories=None, **resolving) -> list[str]:
    """The events of one merge over the whole pile (no parts), as JSON, in the merge's order."""
    index = EntityIndex(entities, resolving.get("affiliation"), resolving.get("stands_for"))
    resolved = [m.model_copy(update=resolved_actors(m, index)) for m in mentions]
    events, _ = merged_part(resolved, ParagraphIndex(documents), stories or {})
    events.sort(key=lambda e: (e.date is None, e.date or "", e.documents, e.id))
    return [e.model_dump_json() for e in events]


def test_a_group_that_blocks_with_another_part_is_merged_with_it() -> None:
    """A's undated report of Lavrov's call takes the date of Modi's call told in its paragraph
    (``inherit_dates``) and so blocks with B's dated report of Lavrov's call, which no mention of
    A shares a key with: the parts meet only once A is merged, and are merged again together."""
    mentions = [
        mention("A:1", "A"),
        mention("A:2", "A", source=("Lavrov", 50), date=None, start=60),
        mention("B:1", "B", source=("Lavrov", 50), target=None),
    ]
    events = merge_events(mentions, ENTITIES, DOCS)
    assert [e.model_dump_json() for e in events] == _whole_pile(mentions, ENTITIES, DOCS)
    assert [[m.id for m in e.mentions] for e in events] == [["A:1"], ["B:1", "A:2"]]


class _Kept:
    """An in-memory ``parts.KeptParts`` keyed by the parts' members."""

    def __init__(self) -> None:
        self.rows: dict[tuple[int, ...], tuple[set[Key], list[Event] | None]] = {}
        self.read: list[list[int]] = []

    def prefetch(self, parts: Iterable[list[int]]) -> None:
        pass

    def holds(self, members: list[int]) -> bool:
        return tuple(members) in self.rows

    def found(self, members: list[int]) -> tuple[set[Key], list[Event] | None] | None:
        row = self.rows.get(tuple(members))
        if row is not None:
            self.read.append(members)
        return row

    def keep(self, members: list[int], late: set[Key], events: list[Event] | None) -> None:
        self.rows[tuple(members)] = (late, events)

    def close(self) -> None:
        pass


def _event(members: list[int]) -> Event:
    return Event(id="ev-" + "-".join(map(str, members)), type="CONSULT", label="")


def test_parts_meeting_by_a_late_key_are_merged_together_and_kept() -> None:
    keys_of = [{("a",)}, {("b",)}, {("a",)}, {("c",)}]  # parts [0, 2], [1], [3]
    runs: list[list[int]] = []

    def run(members: list[int]) -> tuple[list[Event], set[Key]]:
        runs.append(members)
        late = {("b",)} if members == [0, 2] else set()  # [0, 2] blocks with part [1]
        return [_event(members)], late | {k for i in members for k in keys_of[i]}

    kept = _Kept()
    events = merged_in_parts(keys_of, run, kept)
    assert sorted(e.id for e in events) == ["ev-0-1-2", "ev-3"]
    assert runs == [[0, 2], [0, 1, 2], [3]]
    assert kept.rows[(0, 2)] == ({("b",)}, None)  # its keys alone: it met another part
    runs.clear()
    again = merged_in_parts(keys_of, run, kept)
    assert [e.id for e in again] == [e.id for e in events]
    assert runs == []  # every part read back, the join found again from the kept keys
    assert kept.read == [[0, 2], [0, 1, 2], [3]]


@pytest.fixture(scope="module")
def india_world_tuning(tmp_path_factory):
    """The india-world tuning part built: (documents, event mentions, entities, stories)."""
    from storyline.briefing.compose import load_view
    from storyline.evaluation.briefing.gold import load_gold
    from storyline.evaluation.briefing.system import Scope, article_files
    from storyline.pipeline.build import BuildOptions, build
    from storyline.store import Store
    from tests.conftest import INDIA_WORLD, TODAY

    gold = load_gold(INDIA_WORLD)
    files = article_files(INDIA_WORLD / "articles", Scope.of(gold, "tuning", None).documents)
    out: Path = tmp_path_factory.mktemp("india-world-tuning")
    build([str(f) for f in files], out, options=BuildOptions(today=TODAY))
    with Store(out / "storyline.db") as store:
        view = load_view(store)
        mentions = [e for a in store.analyses() for e in a.events]
        stories = {d: s.id for s in view["stories"] for d in s.documents}
        return store.corpus_documents(), mentions, view["entities"], stories


def test_merging_in_parts_gives_the_whole_pile_s_events_on_india_world(
    india_world_tuning, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In process, and with the parts shipped through a runner that pickles every task and
    result (``events.part_tasks``; a few parts a task), as a Dask worker in another process."""
    from storyline.entities.extract import affiliation, capital_country
    from storyline.events.merge import merge_resolved, resolved_mentions
    from storyline.pipeline import partition
    from storyline.pipeline.corpus_parts import shipped_event_parts
    from tests.test_events_part_tasks import _Pickling

    monkeypatch.setattr(partition, "PART_SIZE", 8)
    documents, mentions, entities, stories = india_world_tuning
    resolving = {"affiliation": affiliation, "stands_for": capital_country}
    resolved = resolved_mentions(mentions, entities, affiliation, capital_country)
    for by_story in (None, stories):  # the pile's merge, then the stories'
        events = merge_events(mentions, entities, documents, stories=by_story, **resolving)
        whole = _whole_pile(mentions, entities, documents, by_story, **resolving)
        assert len(whole) > 40
        assert [e.model_dump_json() for e in events] == whole
        runner = _Pickling()
        ship = partial(shipped_event_parts, runner)
        shipped = merge_resolved(resolved, documents, by_story, ship=ship)
        assert [e.model_dump_json() for e in shipped] == whole
        assert len(runner.tasks) > 1


def _recorded_parts(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The mention ids of every part ``merge.merged_part`` merges from now on, in order."""
    import storyline.events.merge as merge_module

    parts: list[list[str]] = []
    real = merge_module.merged_part

    def recorded(mentions, *rest):  # type: ignore[no-untyped-def]
        parts.append(sorted(m.id for m in mentions))
        return real(mentions, *rest)

    monkeypatch.setattr(merge_module, "merged_part", recorded)
    return parts


def test_a_document_s_mentions_meet_by_type_family_and_a_sentence_naming_a_gathering(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A's call (CONSULT) and its attack (ASSAULT) share no pass that reads the document, so
    they are merged in two parts; a coercion whose sentence names a summit may be the act a
    sideline report joins (``sidelines``), so it is merged with A's CONSULT mentions. Either
    way the events are the whole pile's."""
    parts = _recorded_parts(monkeypatch)
    at_summit = mention("A:3", "A", "COERCE", None, ("Lavrov", 50), None, start=120)
    where = at_summit.provenance.model_copy(update={"sentence": "on the sidelines of the summit"})
    mentions = [
        mention("A:1", "A"),
        mention("A:2", "A", "ASSAULT", None, ("Lavrov", 50), None, start=60),
        at_summit.model_copy(update={"provenance": where}),
    ]
    events = merge_events(mentions, ENTITIES, DOCS)
    assert [e.model_dump_json() for e in events] == _whole_pile(mentions, ENTITIES, DOCS)
    assert sorted(parts) == [["A:1", "A:3"], ["A:2"]]


def test_a_story_s_mentions_meet_by_type_family_and_a_sentence_naming_a_gathering(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In the stories' merge, A's call (CONSULT) and B's attack (ASSAULT) of one story share no
    pass that reads the story (``attach_described`` reads one type, the occasions, gatherings
    and sidelines CONSULT's family), so they are merged in two parts; C's coercion, whose
    sentence names a summit, may be an act a sideline report of its story joins, so it is
    merged with the CONSULT mentions. Either way the events are the whole pile's."""
    parts = _recorded_parts(monkeypatch)
    at_summit = mention("C:1", "C", "COERCE", None, ("Lavrov", 50), None, "2024-05-02")
    where = at_summit.provenance.model_copy(update={"sentence": "on the sidelines of the summit"})
    mentions = [
        mention("A:1", "A"),
        mention("B:1", "B", "ASSAULT", None, ("Lavrov", 50), None, "2024-04-01"),
        at_summit.model_copy(update={"provenance": where}),
    ]
    stories = dict.fromkeys("ABC", "story-1")
    events = merge_events(mentions, ENTITIES, DOCS, stories=stories)
    whole = _whole_pile(mentions, ENTITIES, DOCS, stories)
    assert [e.model_dump_json() for e in events] == whole
    assert sorted(parts) == [["A:1", "C:1"], ["B:1"]]
