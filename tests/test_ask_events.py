"""Which events a question describes is looked up by the question's names and verb type, not
tried against every event of the corpus (issue 19: ``ask`` under load on a big store)."""

from __future__ import annotations

import pytest

from storyline.ask import events
from storyline.ask.events import Roles, event_fit, match_events
from storyline.ask.index import AskIndex
from storyline.models import Actor, Event

Groups = dict[tuple[int, int], set[str]]


def _index() -> AskIndex:
    """Two meetings of India and Russia among 200 aid events between them and 200 meetings
    of China and Japan."""

    def event(n: int, type_: str, *parties: str) -> Event:
        actors = [Actor(text=p, entity_id=f"gpe:{p}") for p in parties]
        return Event(id=f"e{n:03d}", type=type_, label="met", documents=[f"d{n}"],
                     source=actors[:1], target=actors[1:])  # fmt: skip

    aid = [event(n, "AID", "india", "russia") for n in range(200)]
    talks = [event(n, "CONSULT", "china", "japan") for n in range(200, 400)]
    meetings = [event(400, "CONSULT", "india", "russia"), event(401, "CONSULT", "russia", "india")]
    index = AskIndex(entities={}, events=[*aid, meetings[0], *talks, meetings[1]], quality={})
    index._build()
    return index


INDIA, RUSSIA = (0, 5), (10, 16)
#: (question, its names, the type its verb names, its roles, how many events may fit)
QUESTIONS: list[tuple[str, Groups, str | None, Roles, int]] = [
    ("India met Russia", {INDIA: {"gpe:india"}, RUSSIA: {"gpe:russia"}}, "CONSULT", Roles(), 2),
    ("who met", {}, "CONSULT", Roles(), 202),
    ("India and Russia", {INDIA: {"gpe:india"}, RUSSIA: {"gpe:russia"}}, None, Roles(), 202),
    ("met in India", {INDIA: {"gpe:india"}}, "CONSULT", Roles(scene=frozenset({INDIA})), 202),
]  # fmt: skip


@pytest.mark.parametrize(
    ("what", "groups", "type_", "roles", "candidates"), QUESTIONS, ids=[q[0] for q in QUESTIONS]
)
def test_the_events_a_question_describes_are_looked_up_not_tried_one_by_one(
    monkeypatch: pytest.MonkeyPatch,
    what: str,
    groups: Groups,
    type_: str | None,
    roles: Roles,
    candidates: int,
) -> None:
    index = _index()
    types = {"met": {(type_, None)}} if type_ else {}
    tried: list[str] = []

    def counted(event: Event, *args: object) -> float | None:
        tried.append(event.id)
        return event_fit(event, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(events, "event_fit", counted)
    found = [m.event.id for m in match_events(index, groups, types, roles)]
    assert len(tried) == candidates
    # what trying every event finds, in the same order
    monkeypatch.setattr(events, "_candidates", lambda index, *_: index.events)
    assert found == [m.event.id for m in match_events(index, groups, types, roles)]
    assert found and len(tried) == candidates + len(index.events)
