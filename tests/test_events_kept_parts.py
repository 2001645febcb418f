"""Each part of the event merge kept in the store (``events.kept_parts``, ``store.event_parts``):
a merge with the store gives the events a merge without it gives, and merges again only the
parts a new, removed or changed input reaches."""

from __future__ import annotations

import pytest

from storyline.events import kept_parts
from storyline.events import merge as merge_module
from storyline.models import EventMention
from storyline.store import Store
from tests.test_events_merge import document, entity, mention

DOCS = [document(d) for d in "ABCD"]


def _entities(lavrov: str = "Sergey Lavrov"):
    return [
        entity("e:modi", "Narendra Modi", [(d, 10, "Modi") for d in "ABCD"]),
        entity("e:putin", "Vladimir Putin", [(d, 30, "Putin") for d in "ABCD"]),
        entity("e:lavrov", lavrov, [(d, 50, "Lavrov") for d in "ABCD"]),
    ]


MODI_CALL = mention("A:1", "A")  # Modi called Putin, March 2024
LAVROV_CALL = mention("C:1", "C", source=("Lavrov", 50), target=None)  # Lavrov's call, then
LATER_CALL = mention("D:1", "D", date="2025-01-10")  # another Modi–Putin call, a year later
# a report of Putin calling Lavrov that month: it shares a block with each of A's and C's
BRIDGE = mention("B:1", "B", source=("Putin", 30), target=("Lavrov", 50))


@pytest.fixture
def merged(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The mention ids of every part merged (not read back), merge by merge."""
    runs: list[list[str]] = []
    real = merge_module.merged_part

    def counted(mentions: list[EventMention], *rest):  # type: ignore[no-untyped-def]
        runs.append([m.id for m in mentions])
        return real(mentions, *rest)

    monkeypatch.setattr(merge_module, "merged_part", counted)
    return runs


def _both(
    store: Store, mentions: list[EventMention], runs: list[list[str]], lavrov: str = "Sergey Lavrov"
) -> tuple[list, list[list[str]]]:
    """The merge with ``store`` kept, after asserting it equals the merge without, and the
    parts it merged (not read back)."""
    entities = _entities(lavrov)
    runs.clear()
    kept = merge_module.merge_events(mentions, entities, DOCS, kept=store)
    merged = list(runs)
    clean = merge_module.merge_events(mentions, entities, DOCS)
    assert [e.model_dump_json() for e in kept] == [e.model_dump_json() for e in clean]
    return kept, merged


def test_a_kept_merge_redoes_only_the_parts_an_addition_removal_or_name_change_reaches(
    merged: list[list[str]],
) -> None:
    store = Store()
    three = [MODI_CALL, LAVROV_CALL, LATER_CALL]
    assert _both(store, three, merged)[1] == [["A:1"], ["C:1"], ["D:1"]]
    # a document joining two parts: they are merged as one, the third is read back
    four = [MODI_CALL, BRIDGE, LAVROV_CALL, LATER_CALL]
    events, runs = _both(store, four, merged)
    assert runs == [["A:1", "B:1", "C:1"]] and len(events) == 3
    assert _both(store, four, merged)[1] == []  # nothing changed: every part read back
    # a name changed in the entity layer changes the actor of every part naming Lavrov
    renamed, runs = _both(store, four, merged, lavrov="Sergei Lavrov")
    assert runs == [["A:1", "B:1", "C:1"]]
    assert "Sergei Lavrov" in {a.name for e in renamed for a in [*e.source, *e.target]}
    # the document removed: its two parts fall apart again, the third is read back
    assert _both(store, three, merged, lavrov="Sergei Lavrov")[1] == [["A:1"], ["C:1"]]


def test_an_addition_reaching_one_type_of_a_document_leaves_its_other_types_read_back(
    merged: list[list[str]],
) -> None:
    """A tells Modi's call and Lavrov's attack (another type family: ``parts.pass_families``);
    B's report of Lavrov's attack that month reaches the attack's part, and A's call is read
    back (one document key for all of A merged it again)."""
    call = mention("A:1", "A")
    attack = mention("A:2", "A", "ASSAULT", None, ("Lavrov", 50), None, start=60)
    store = Store()
    assert _both(store, [call, attack], merged)[1] == [["A:1"], ["A:2"]]
    again = mention("B:1", "B", "ASSAULT", None, ("Lavrov", 50), None)
    assert _both(store, [call, attack, again], merged)[1] == [["A:2", "B:1"]]


def test_each_merge_keeps_only_its_current_parts() -> None:
    store = Store()
    merge_module.merge_events([MODI_CALL, LATER_CALL], _entities(), DOCS, kept=store)
    stories = {d.id: "s" for d in DOCS}
    merge_module.merge_events([MODI_CALL], _entities(), DOCS, stories=stories, kept=store)
    count = "SELECT merge, COUNT(*) FROM event_parts GROUP BY merge ORDER BY merge"
    assert store.db.execute(count).fetchall() == [("pile", 2), ("stories", 1)]
    merge_module.merge_events([LATER_CALL], _entities(), DOCS, kept=store)
    assert store.db.execute(count).fetchall() == [("pile", 1), ("stories", 1)]


def test_each_part_is_digested_once_a_merge(monkeypatch: pytest.MonkeyPatch) -> None:
    """``prefetch``, ``found`` and ``keep`` ask for a part's key: it is worked out once."""
    digested: list[int] = []
    real = kept_parts.code_fingerprint

    def counted() -> str:
        digested.append(1)
        return real()

    monkeypatch.setattr(kept_parts, "code_fingerprint", counted)
    store = Store()
    three = [MODI_CALL, LAVROV_CALL, LATER_CALL]
    merge_module.merge_events(three, _entities(), DOCS, kept=store)  # made and kept
    assert len(digested) == 3
    digested.clear()
    merge_module.merge_events(three, _entities(), DOCS, kept=store)  # all read back
    assert len(digested) == 3


def _stories_merge(
    store: Store, mentions: list[EventMention], stories: dict[str, str], runs: list[list[str]]
) -> list[list[str]]:
    """The parts the stories' merge with ``store`` kept merged (not read back), after asserting
    its events equal the merge without."""
    runs.clear()
    kept = merge_module.merge_events(mentions, _entities(), DOCS, stories=stories, kept=store)
    merged = list(runs)
    clean = merge_module.merge_events(mentions, _entities(), DOCS, stories=stories)
    assert [e.model_dump_json() for e in kept] == [e.model_dump_json() for e in clean]
    return merged


def test_a_renamed_story_leaves_its_parts_read_back_and_a_regrouped_one_does_not(
    merged: list[list[str]],
) -> None:
    """A story's id names its documents, so a document joining it renames it: the parts of
    its other documents read only which of their documents share a story, and are read back.
    Documents told apart into two stories are merged again."""
    undated = mention("C:1", "C", source=("Modi", 10), date=None)  # Modi's call, undated
    mentions = [MODI_CALL, undated, LATER_CALL]
    store = Store()
    stories = {"A": "s1", "C": "s1", "D": "s2"}
    assert _stories_merge(store, mentions, stories, merged) == [["A:1", "C:1"], ["D:1"]]
    renamed = {"A": "s7", "C": "s7", "D": "s2"}  # B joined A's and C's story: a new id
    assert _stories_merge(store, mentions, renamed, merged) == []
    apart = {"A": "s7", "C": "s8", "D": "s2"}
    assert _stories_merge(store, mentions, apart, merged) == [["A:1"], ["C:1"]]


class _Rows:
    """A ``kept_parts.PartCache`` in memory."""

    def __init__(self) -> None:
        self.rows: dict[bytes, str] = {}

    def event_parts(self, merge: str, keys):  # type: ignore[no-untyped-def]
        return iter([(k, self.rows[k]) for k in keys if k in self.rows])

    def keep_event_parts(self, merge: str, current, made) -> None:  # type: ignore[no-untyped-def]
        self.rows.update(made)


def test_a_kept_part_s_late_keys_name_its_stories_as_they_are_now() -> None:
    """A late key holding a story id is kept naming the story by its first document in the
    part, and read back with the story's id of the build reading it."""
    cache = _Rows()
    mentions = [MODI_CALL, mention("C:1", "C")]
    late = {("CONSULT", "e:putin", "story", "s1"), ("CONSULT", "e:putin", "month", "2024-03")}
    rows = kept_parts.PartRows(cache, "stories", mentions, DOCS, {"A": "s1", "C": "s1"})
    rows.keep([0, 1], late, None)
    rows.close()
    again = kept_parts.PartRows(cache, "stories", mentions, DOCS, {"A": "s9", "C": "s9"})
    assert again.found([0, 1]) == (
        {("CONSULT", "e:putin", "story", "s9"), ("CONSULT", "e:putin", "month", "2024-03")},
        None,
    )
