"""Big items inside lists are cut to a preview that says how many members there are and links
to where the rest are (issue 19): an entity's events and each event's mentions, a story card's
story, storyline and key figure groups. Following the links reaches every member."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.models import (
    Actor,
    DocumentAnalysis,
    Entity,
    Event,
    EventMention,
    Figure,
    FigureGroup,
    Provenance,
    Story,
    Storyline,
)
from storyline.store import Store
from storyline.web import create_app
from storyline.web.api import PAGE_SIZE
from storyline.web.story_pages import CARD_IDS
from storyline.web.views import EVENT_MENTIONS
from tests.conftest import TODAY, make_document
from tests.test_web_members import _follow

BASE = "http://127.0.0.1"
#: One meeting reported by fifteen outlets, each in its own words.
MEETING = "Finance ministers of the Group of 20 met in Rio de Janeiro on Wednesday."
OUTLETS = 15
EVENTS = 60
ENTITIES = 12
GROUP = "fg:billionaire tax/rate (%)"


def _cite(doc_id: str, sentence: str, start: int = 0) -> Provenance:
    return Provenance(doc_id=doc_id, start=start, end=start + len(sentence), sentence=sentence,
                      sentence_start=0, sentence_end=len(sentence))  # fmt: skip


def _mention(n: int, doc_id: str, actor: Actor) -> EventMention:
    return EventMention(id=f"{doc_id}:m{n}", type="CONSULT", trigger="met", source=[actor],
                        rule="met", provenance=_cite(doc_id, MEETING))  # fmt: skip


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    db: Path = tmp_path_factory.mktemp("lists") / "storyline.db"
    outlets = [f"p{i:02d}" for i in range(OUTLETS)]
    tax = "They proposed a minimum tax of {n} per cent on the wealth of billionaires."
    docs = [make_document(f"{MEETING} {tax.format(n=2 + i)}", d) for i, d in enumerate(outlets)]
    docs.append(make_document("Heavy rain flooded the lower city of Porto Alegre.", "q00"))
    g20 = Entity(id="org:g20", name="Group of 20", type="ORG", mention_count=0, documents=outlets)
    actor = Actor(text="Finance ministers of the Group of 20", entity_id=g20.id, name=g20.name)
    meeting = Event(id="ev-00", type="CONSULT", label="met", source=[actor], documents=outlets,
                    mentions=[_mention(0, d, actor) for d in outlets])  # fmt: skip
    others = [Event(id=f"ev-{n:02d}", type="CONSULT", label="met", source=[actor],
                    documents=[outlets[n % OUTLETS]],
                    mentions=[_mention(n, outlets[n % OUTLETS], actor)])
              for n in range(1, EVENTS)]  # fmt: skip
    start = len(MEETING) + 1
    figures = [Figure(id=f"{d}:f0", kind="percent", text=f"{2 + i} per cent", value=2 + i,
                      unit="%", measure="tax rate", measure_key="tax rate",
                      provenance=_cite(d, tax.format(n=2 + i), start))
               for i, d in enumerate(outlets)]  # fmt: skip
    group = FigureGroup(id=GROUP, measure="tax rate", status="conflicting",
                        figure_ids=[f.id for f in figures], documents=outlets)  # fmt: skip
    entity_ids = [g20.id] + [f"per:minister-{i}" for i in range(1, ENTITIES)]
    story = Story(id="s-tax", label="G20 tax talks", documents=outlets,
                  event_ids=[e.id for e in [meeting, *others]], entity_ids=entity_ids,
                  storyline_id="sl-rio")  # fmt: skip
    flood = Story(id="s-flood", label="Flood", documents=["q00"], storyline_id="sl-rio")
    line = Storyline(id="sl-rio", label="Rio", stories=["s-tax", "s-flood"],
                     documents=[*outlets, "q00"])  # fmt: skip
    with Store(db) as store:
        store.add_documents(docs)
        store.save_analyses([DocumentAnalysis(doc_id=f.provenance.doc_id, version="t",
                                              figures=[f]) for f in figures])  # fmt: skip
        store.replace_corpus(
            {
                "entity": [(g20.id, "0", g20)],
                "event": [(e.id, e.id, e) for e in [meeting, *others]],
                "story": [("s-tax", "0", story), ("s-flood", "1", flood)],
                "storyline": [("sl-rio", "0", line)],
                "figure-group": [(GROUP, "0", group)],
            }
        )
    with TestClient(create_app(db, today=TODAY), base_url=BASE) as app:
        yield app


def test_an_entity_answers_a_page_of_its_events_each_with_its_first_mention(
    client: TestClient,
) -> None:
    page = client.get("/api/entities/org:g20").json()
    assert (len(page["events"]), page["event_total"], page["event_offset"]) == (
        PAGE_SIZE,
        EVENTS,
        0,
    )
    meeting = page["events"][0]
    assert meeting["id"] == "ev-00" and len(meeting["mentions"]) == EVENT_MENTIONS
    assert meeting["mentions"][0]["provenance"]["sentence"] == MEETING, "the evidence stays"
    assert page["event_mention_totals"]["ev-00"] == OUTLETS
    assert page["event_mentions_next"] == {"ev-00": f"/api/events/ev-00?offset={EVENT_MENTIONS}"}
    events = _follow(client, "/api/entities/org:g20?event_limit=7", "events", "events_next")
    assert [e["id"] for e in events] == [f"ev-{n:02d}" for n in range(EVENTS)], "each once"


def test_every_mention_of_an_entitys_event_is_reached(client: TestClient) -> None:
    page = client.get("/api/entities/org:g20").json()
    reached = [m["id"] for m in page["events"][0]["mentions"]]
    path = page["event_mentions_next"]["ev-00"]
    while True:
        rest = client.get(path + "&limit=4").json()
        reached += [m["id"] for m in rest["event"]["mentions"]]
        if rest["mention_offset"] + len(rest["event"]["mentions"]) >= rest["mention_total"]:
            break
        path = f"/api/events/ev-00?offset={rest['mention_offset'] + 4}"
    assert reached == [f"p{i:02d}:m0" for i in range(OUTLETS)]


def test_the_entity_page_still_lists_its_events_without_mentions(client: TestClient) -> None:
    html = client.get("/entities/org:g20").text
    assert html.count('href="/events/ev-') >= EVENTS
    assert MEETING not in html.split('<ul class="events">')[1]


def _card(client: TestClient) -> tuple[dict, dict]:
    [line] = client.get("/api/storylines").json()["storylines"]
    return line, next(c for c in line["stories"] if c["story"]["id"] == "s-tax")


def test_a_story_card_carries_the_first_ids_of_each_list_and_their_counts(
    client: TestClient,
) -> None:
    line, card = _card(client)
    assert line["document_total"] == OUTLETS + 1
    assert line["storyline"]["documents"] == [f"p{i:02d}" for i in range(CARD_IDS)]
    story = card["story"]
    assert [len(story[k]) for k in ("documents", "event_ids", "entity_ids")] == [CARD_IDS] * 3
    assert card["story_totals"] == {"documents": OUTLETS, "event_ids": EVENTS,
                                    "entity_ids": ENTITIES}  # fmt: skip
    [group] = card["figure_groups"]
    assert (len(group["figure_ids"]), len(group["documents"])) == (CARD_IDS, CARD_IDS)
    assert card["figure_group_totals"] == {GROUP: {"figure_ids": OUTLETS, "documents": OUTLETS}}


def test_every_member_of_a_story_card_is_reached_through_its_links(client: TestClient) -> None:
    line, card = _card(client)
    story = client.get(card["story_href"]).json()
    assert len(story["story"]["event_ids"]) == EVENTS
    assert len(story["story"]["entity_ids"]) == ENTITIES
    articles = story["documents"] + _follow(client, story["documents_next"], "documents",
                                            "documents_next")  # fmt: skip
    assert len({d["id"] for d in articles}) == OUTLETS
    group = client.get(card["figure_groups_href"][GROUP] + "&limit=4").json()
    figures = group["figures"] + _follow(client, group["figures_next"], "figures", "figures_next")
    assert [f["value"] for f in figures] == [2 + i for i in range(OUTLETS)]
    assert len(group["group"]["documents"]) == OUTLETS
    flood = client.get(next(c for c in line["stories"] if c["story"]["id"] == "s-flood")[
        "story_href"]).json()  # fmt: skip
    assert {d["id"] for d in articles} | {d["id"] for d in flood["documents"]} == {
        *(f"p{i:02d}" for i in range(OUTLETS)), "q00"}, "the storyline's articles, all"  # fmt: skip


def test_the_stories_page_counts_what_the_card_cut(client: TestClient) -> None:
    html = client.get("/stories").text
    assert f"2 stories · {OUTLETS + 1} articles" in html
    assert f"· {OUTLETS} articles ·" in html and "· 1 article ·" in html


def test_previews_keep_the_first_members_and_say_how_many(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        mentions = [_mention(n, "p00", Actor(text="Brazil")) for n in range(5)]
        event = Event(id="ev", type="CONSULT", label="met", documents=["a", "b", "c"],
                      mentions=mentions)  # fmt: skip
        ids = [f"d{i:02d}" for i in range(CARD_IDS + 2)]
        story = Story(id="s", label="Talks", documents=ids, event_ids=["ev"])
        store.replace_corpus({"event": [("ev", "0", event)], "story": [("s", "0", story)]})
        found = store.item_previews("event", ["ev", "gone"])
        assert list(found) == ["ev"]
        cut, lengths = found["ev"]
        assert lengths == {"mentions": 5}
        assert Event.model_validate_json(cut) == event.model_copy(
            update={"mentions": mentions[:1]}
        ), "the mention stays an object, the documents untouched"
        cut, lengths = store.item_previews("story", ["s"])["s"]
        assert lengths == {"documents": CARD_IDS + 2, "event_ids": 1, "entity_ids": 0}
        assert Story.model_validate_json(cut) == story.model_copy(
            update={"documents": ids[:CARD_IDS]}
        ), "ids stay strings"
        shorter = story.model_copy(update={"documents": ids[:2]})
        store.replace_corpus({"story": [("s", "0", shorter)]})
        assert store.item_previews("story", ["s"])["s"][1]["documents"] == 2, "kept in step"


def test_a_store_without_previews_gets_them_when_opened(tmp_path: Path) -> None:
    """A store built before previews existed (or by other preview settings) has them made when
    opened, without its other indexes being rebuilt."""
    story = Story(id="s", label="Talks", documents=[f"d{i:02d}" for i in range(CARD_IDS + 5)])
    with Store(tmp_path / "s.db") as store:
        store.replace_corpus({"story": [("s", "0", story)]})
        generation = store.view_generation()
        store.db.execute("DELETE FROM item_previews")
        store.db.execute("DELETE FROM listing_state WHERE key = 'previews'")
    with Store(tmp_path / "s.db") as store:
        assert store.item_previews("story", ["s"])["s"][1] == {
            "documents": CARD_IDS + 5, "event_ids": 0, "entity_ids": 0}  # fmt: skip
        assert store.view_generation() == generation, "the other indexes were kept"
