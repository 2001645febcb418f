"""The golden check: a full build of the demo corpus shows what PRODUCT.md says a user sees."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli.commands import app
from tests.conftest import SAMPLE_IDS

D000, D001, D002, D003, D004 = SAMPLE_IDS


@pytest.fixture(scope="module")
def demo(demo_build) -> tuple[Path, dict]:
    return demo_build


def test_timeline_items(demo) -> None:
    _, briefing = demo
    timeline = briefing["timeline"]

    def find(date, type_, mode, *names):
        for entry in timeline:
            text = entry["label"]
            if (entry["date"], entry["type"], entry["mode"]) == (date, type_, mode) and all(
                n in text for n in names
            ):
                return entry
        raise AssertionError(
            f"no {date} {type_}/{mode} {names} in {[e['label'] for e in timeline]}"
        )

    meet = find("2023-12-27", "CONSULT", "meet", "Jaishankar", "Putin")
    assert meet["documents"] == [D002]
    assert "Kremlin" in (meet.get("location") or "")
    assert any("Lavrov" in e["label"] and e["date"] == "2023-12-27" for e in timeline)
    assert any("letter" in e["label"] and e["date"] == "2023-12-27" for e in timeline)
    election = find("2024-03-18", "ELECT", "win", "Putin")
    assert election["documents"] == [D001]
    call = find("2024-03-20", "CONSULT", "phone", "Modi", "Putin")
    assert call["documents"] == [D000, D001]  # one event, two sources
    assert len(call["evidence"]) >= 2
    visit_moscow = find(None, "CONSULT", "visit", "Modi", "Moscow")
    assert visit_moscow["documents"] == [D003]
    visit_india = find(None, "CONSULT", "visit", "Putin", "India")
    assert visit_india["documents"] == [D004]
    dated = [e["date"] for e in timeline if e["date"]]
    assert dated == sorted(dated)
    first_undated = next(i for i, e in enumerate(timeline) if not e["date"])
    assert all(not e["date"] for e in timeline[first_undated:])


def test_planned_events_are_marked_not_shown_as_happened(demo) -> None:
    _, briefing = demo
    planned = [e for e in briefing["events"] if e["factuality"] == "planned"]
    assert {d for e in planned for d in e["documents"]} >= {D003, D004}
    # every plan says which words made it one ("expected to", "agreed to", "aim to", …)
    for event in planned:
        for mention in event["mentions"]:
            cue = mention["factuality_cue"]
            assert cue and cue.split()[-1] in mention["provenance"]["sentence"], mention
    timeline_ids = {e["event_id"] for e in briefing["timeline"]}
    assert not timeline_ids & {e["id"] for e in planned}


def test_stories_and_no_duplicates(demo) -> None:
    _, briefing = demo
    assert sorted(sorted(s["documents"]) for s in briefing["stories"]) == [
        [D000, D001],
        [D002],
        [D003],
        [D004],
    ]
    call_story = next(s for s in briefing["stories"] if s["documents"] == [D000, D001])
    assert "phone call" in call_story["label"] and "20 Mar 2024" in call_story["label"]
    assert briefing["duplicates"] == []


def test_entities(demo) -> None:
    _, briefing = demo
    people = {e["name"]: e for e in briefing["entities"] if e["type"] == "PERSON"}
    expected_roles = {
        "Narendra Modi": "Prime Minister of India",
        "Vladimir Putin": "President of Russia",
        "S. Jaishankar": "Foreign Minister of India",
        "Sergey Lavrov": "Foreign Minister of Russia",
    }
    for name, role in expected_roles.items():
        assert role in people[name]["roles"], name
    names = [e["name"] for e in briefing["entities"]]
    for name in expected_roles:
        assert names.count(name) == 1
    assert "Modi" in people["Narendra Modi"]["aliases"]
    assert len(people["Narendra Modi"]["documents"]) == 5
    lowered = {n.lower() for n in names}
    assert not lowered & {"strategic significance", "historical context", "modi"}
    for entity in briefing["entities"]:
        for mention in entity["mentions"]:
            prov = mention["provenance"]
            assert prov["sentence"][prov["start"] - prov["sentence_start"] :][:1]


def test_figures(demo) -> None:
    from storyline.store import Store

    out, briefing = demo
    with Store(out / "storyline.db") as store:  # every figure: the store keeps them
        figures = {f.id: f.model_dump() for a in store.analyses() for f in a.figures}
    trade = [
        g
        for g in briefing["figure_groups"]
        if {figures[i]["provenance"]["doc_id"] for i in g["figure_ids"]} >= {D002, D004}
    ]
    [group] = trade
    assert group["status"] == "related" and "trade" in group["measure"].lower()
    texts = {figures[i]["text"] for i in group["figure_ids"]}
    assert any("50 billion" in t for t in texts) and any("30 billion" in t for t in texts)
    oil = [f for f in figures.values() if f["provenance"]["doc_id"] == D003 and f["unit"] == "%"]
    assert oil and oil[0]["value"] == 40 and oil[0]["qualifier"] == "over"
    assert "oil imports" in oil[0]["measure"]


def test_quality_ranking(demo) -> None:
    from storyline.models import Quality
    from storyline.store import Store

    out, briefing = demo
    ranked = [d["id"] for d in sorted(briefing["documents"], key=lambda d: -d["quality"])]
    assert ranked[-1] == D004
    assert set(ranked[:2]) == {D001, D002}
    with Store(out / "storyline.db") as store:  # the reasons behind a score: the store's
        low = next(q for q in store.corpus("quality", Quality) if q.doc_id == D004).model_dump()
    reasons = " ".join(r["reason"] for r in low["reasons"])
    assert "FAQ" in reasons and "no publication date" in reasons


def test_timexes(demo) -> None:
    from storyline.store import Store

    out, _ = demo
    with Store(out / "storyline.db") as store:  # per-document records: the store keeps them
        timexes = {a.doc_id: a.timexes for a in store.analyses()}
    values = {(t.text, t.value) for t in timexes[D001]}
    assert ("Monday", "2024-03-18") in values and ("Wednesday", "2024-03-20") in values
    values = {(t.text, t.value) for t in timexes[D002]}
    assert {
        ("Wednesday", "2023-12-27"),
        ("December 27", "2023-12-27"),
        ("last year", "2022"),
    } <= values


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["entities", "--type", "PERSON"], "Sergey Lavrov"),
        (["figures"], "related"),
        (["timeline"], "2024-03-20"),
        (["timeline", "--planned"], "planned"),
        (["stories"], "phone call"),
        (["sources"], "FAQ"),
    ],
)
def test_view_commands(demo, command: list[str], expected: str) -> None:
    out, _ = demo
    result = CliRunner().invoke(
        app, [*command, "--db", str(out / "storyline.db")], terminal_width=200
    )
    assert result.exit_code == 0, result.output
    assert expected in result.output
