"""The web app's request path on a big store (issue 19): story cards show a bounded preview of
their sources, every list has a default page with its total, constant files are answered from
memory with validators, and a burst of pages waits in its own line, not in front of questions
or files."""

from __future__ import annotations

import re
import threading
from importlib import resources
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.models import (
    Actor,
    Entity,
    Event,
    Provenance,
    Story,
    Summary,
    SummarySentence,
    TimelineEntry,
)
from storyline.store import Store
from storyline.web import create_app, views
from storyline.web.admission import lane
from storyline.web.api import PAGE_SIZE
from storyline.web.assets import package_assets
from storyline.web.render import SOURCE_PREVIEW
from storyline.web.story_pages import STORYLINES_PAGE
from storyline.web.views import ROW_DOCUMENTS
from tests.conftest import TODAY, make_document

BASE = "http://127.0.0.1"
#: One event reported by a dozen outlets, as wire copy is: the same sentence in each.
WIRE = "The central bank raised its benchmark rate by 50 basis points on Thursday."
OUTLETS = 12
SMALL_STORIES = 55


def _cite(doc_id: str, sentence: str) -> Provenance:
    return Provenance(doc_id=doc_id, start=0, end=len(sentence), sentence=sentence,
                      sentence_start=0, sentence_end=len(sentence))  # fmt: skip


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A story of 12 outlets whose summary's first sentence all of them report and whose second
    two of them, among 55 one-article stories (no storylines: each story is its own)."""
    db = tmp_path_factory.mktemp("bounds") / "storyline.db"
    wire = [f"w{i:02d}" for i in range(OUTLETS)]
    others = [f"o{i:02d}" for i in range(SMALL_STORIES)]
    second = "Markets had expected a smaller rise, analysts said."
    docs = [make_document(f"{WIRE} {second}", d) for d in wire]
    docs += [make_document(f"Flooding closed the road to village {i}.", d)
             for i, d in enumerate(others)]  # fmt: skip
    summary = Summary(
        scope="story",
        story_id="s-rate",
        sentences=[
            SummarySentence(text=WIRE, documents=wire, evidence=[_cite(d, WIRE) for d in wire]),
            SummarySentence(
                text=second, documents=wire[:2], evidence=[_cite(d, second) for d in wire[:2]]
            ),
        ],
        documents=wire,
    )
    stories = [("s-rate", "0", Story(id="s-rate", label="Rate rise", documents=wire))]
    stories += [(f"s-{d}", f"1{d}", Story(id=f"s-{d}", label=f"Flood {d}", documents=[d]))
                for d in others]  # fmt: skip
    bank = Entity(id="org:central-bank", name="Central Bank", type="ORG", mention_count=OUTLETS,
                  documents=wire)  # fmt: skip
    source = [Actor(text="The central bank", entity_id=bank.id, name=bank.name)]
    rise = Event(id="ev-rate", type="CHANGE", label="raised its benchmark rate", source=source,
                 date="2024-05-02", documents=wire)  # fmt: skip
    entry = TimelineEntry(event_id=rise.id, date=rise.date, label=rise.label, type=rise.type,
                          documents=wire, evidence=[_cite(d, WIRE) for d in wire])  # fmt: skip
    with Store(db) as store:
        store.add_documents(docs)
        store.replace_corpus(
            {
                "story": stories,
                "summary": [("story:s-rate", "0", summary)],
                "entity": [(bank.id, "0", bank)],
                "event": [(rise.id, "0", rise)],
                "timeline": [(rise.id, "0", entry)],
            }
        )
    return db


@pytest.fixture(scope="module")
def client(db: Path):
    with TestClient(create_app(db, today=TODAY), base_url=BASE) as app:
        yield app


def _card(html: str, story_id: str) -> str:
    start = html.index(f'<a href="/stories/{story_id}">')
    return html[start : html.index("</li>\n", html.index('class="plain sources"', start))]


def test_a_story_card_shows_a_few_sources_and_links_to_the_rest(client: TestClient) -> None:
    card = _card(client.get("/stories").text, "s-rate")
    summary = card.split('class="story-summary">')[1].split("</p>")[0]
    first, second = re.split(r"</a>\s+Markets had expected", summary)
    assert len(re.findall(r'class="chip doc"', first)) == SOURCE_PREVIEW
    more = OUTLETS - SOURCE_PREVIEW
    assert first.endswith(f'<a class="more-sources" href="/stories/s-rate">+{more} more sources')
    assert len(re.findall(r'class="chip doc"', second)) == 2 and "more-sources" not in second


def test_the_story_page_keeps_every_source_and_the_card_links_to_it(client: TestClient) -> None:
    page = client.get("/stories/s-rate").text
    summary = page.split('class="summary"')[1].split("</section>")[0]
    for i in range(OUTLETS):
        assert f'href="/sources/w{i:02d}?span=' in summary, "every source of the sentence cited"
    cards = [c for line in client.get("/api/storylines").json()["storylines"] for c in
             line["stories"]]  # fmt: skip
    rate = next(c for c in cards if c["story"]["id"] == "s-rate")
    first, second = rate["summary"]["sentences"]
    # a card's sentence carries its first sources (evidence and documents, in order) and how
    # many it has; the story's page, linked from the card, carries every one
    wire = [f"w{i:02d}" for i in range(OUTLETS)]
    assert [e["doc_id"] for e in first["evidence"]] == first["documents"] == wire[:SOURCE_PREVIEW]
    assert [e["doc_id"] for e in second["evidence"]] == wire[:2]
    assert rate["summary_source_totals"] == [OUTLETS, 2]
    story = client.get(rate["story_href"]).json()
    full = story["summary"]["sentences"][0]
    assert [e["doc_id"] for e in full["evidence"]] == full["documents"] == wire
    assert full["evidence"][:SOURCE_PREVIEW] == first["evidence"], "the card's are the first"


def test_storylines_come_a_page_at_a_time_with_their_total(client: TestClient) -> None:
    first = client.get("/api/storylines")
    data = first.json()
    total = SMALL_STORIES + 1
    assert (data["limit"], data["offset"], data["total"]) == (STORYLINES_PAGE, 0, total)
    assert len(data["storylines"]) == STORYLINES_PAGE and first.headers["x-total-count"] == str(
        total
    )
    seen: list[str] = []
    for offset in range(0, total, 7):
        page = client.get("/api/storylines", params={"limit": 7, "offset": offset}).json()
        assert (page["limit"], page["offset"]) == (7, offset)
        seen += [c["story"]["id"] for line in page["storylines"] for c in line["stories"]]
    assert len(seen) == len(set(seen)) == total, "every story reached once"
    html = client.get("/stories", params={"page": 3}).text
    assert f"page 3 of {-(-total // STORYLINES_PAGE)}" in html


def test_bare_lists_have_a_default_page_and_say_their_total(client: TestClient) -> None:
    stories = client.get("/api/stories")
    assert len(stories.json()) == PAGE_SIZE
    assert stories.headers["x-total-count"] == str(SMALL_STORIES + 1)
    rest = client.get("/api/stories", params={"offset": PAGE_SIZE}).json()
    assert len(rest) == SMALL_STORIES + 1 - PAGE_SIZE
    jobs = client.get("/api/jobs", params={"limit": 5})
    assert jobs.json() == [] and jobs.headers["x-total-count"] == "0"


def test_a_timeline_entry_shows_a_few_sources_and_links_to_its_event(client: TestClient) -> None:
    for path in ("/timeline", "/"):
        entry = client.get(path).text.split('id="e-')[1].split("</li>")[0]
        cites = entry.split('class="cites"')[1]
        assert len(re.findall(r'class="chip doc"', cites)) == SOURCE_PREVIEW, path
        more = OUTLETS - SOURCE_PREVIEW
        assert f'<a class="more-sources" href="/events/ev-rate">+{more} more sources</a>' in cites
    assert len(client.get("/api/timeline").json()["entries"][0]["evidence"]) == OUTLETS


def test_entity_rows_carry_their_first_articles_and_the_count(client: TestClient) -> None:
    row = client.get("/api/entities").json()[0]
    assert row["documents"] == [f"w{i:02d}" for i in range(ROW_DOCUMENTS)]
    assert row["document_count"] == OUTLETS
    listing = client.get("/entities").text
    assert f'<td class="num" data-label="Articles">{OUTLETS}</td>' in listing
    assert client.get("/api/entities/org:central-bank").json()["entity"]["documents"] == [
        f"w{i:02d}" for i in range(OUTLETS)
    ], "its own page keeps every article"


def test_an_entity_page_shows_a_preview_of_its_articles(client: TestClient) -> None:
    page = client.get("/entities/org:central-bank").text
    named = page.split("<dt>Named</dt>")[1].split("</dd>")[0]
    assert len(re.findall(r'class="chip doc"', named)) == ROW_DOCUMENTS
    assert f"and {OUTLETS - ROW_DOCUMENTS} more" in named
    events = page.split('<ul class="events">')[1].split("</ul>")[0]
    assert len(re.findall(r'class="chip doc"', events)) == SOURCE_PREVIEW
    assert f'href="/events/ev-rate">+{OUTLETS - SOURCE_PREVIEW} more sources</a>' in events


# -- constant files -------------------------------------------------------------------------
def _packaged(name: str) -> bytes:
    return resources.files("storyline.web").joinpath("static", name).read_bytes()


@pytest.mark.parametrize("name", ["style.css", "app.js", "favicon.svg"])
def test_pages_link_fingerprinted_files_kept_for_a_year(client: TestClient, name: str) -> None:
    html = client.get("/").text
    href = re.search(rf'(?:href|src)="(/static/{re.escape(name)}\?v=[0-9a-f]{{16}})"', html)
    assert href is not None, name
    answer = client.get(href.group(1))
    assert answer.status_code == 200 and answer.content == _packaged(name)
    assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert answer.headers["content-length"] == str(len(_packaged(name)))
    assert "content-security-policy" in answer.headers, "still behind the security layer"


def test_a_file_without_its_fingerprint_is_revalidated(client: TestClient) -> None:
    plain = client.get("/static/style.css")
    assert plain.headers["cache-control"] == "no-cache"
    assert plain.headers["content-type"] == "text/css; charset=utf-8"
    etag = plain.headers["etag"]
    again = client.get("/static/style.css", headers={"if-none-match": f'W/{etag}, "x"'})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    stale = client.get("/static/style.css?v=0000000000000000")
    assert stale.headers["cache-control"] == "no-cache", "an old fingerprint is not for ever"
    head = client.head("/static/app.js")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(len(_packaged("app.js")))


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/static/nope.css", 404),
        ("GET", "/static/", 404),
        ("GET", "/static/../app.py", 404),
        ("POST", "/static/style.css", 405),
    ],
)
def test_constant_file_errors(client: TestClient, method: str, path: str, status: int) -> None:
    assert client.request(method, path).status_code == status


def test_the_fingerprint_follows_the_content() -> None:
    assets = package_assets().assets
    assert len({a.fingerprint for a in assets.values()}) == len(assets)
    assert package_assets().href("style.css").endswith(assets["style.css"].fingerprint)


# -- lanes ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", "page"),
        ("/api/timeline", "page"),
        ("/stories/s1", "page"),
        ("/ask", "ask"),
        ("/api/ask", "ask"),
        ("/static/style.css", None),
        ("/api/jobs/abc", None),
        ("/jobs/abc", None),
        ("/add", None),
    ],
)
def test_each_request_has_its_lane(path: str, expected: str | None) -> None:
    assert lane({"type": "http", "path": path}) == expected


def test_a_burst_of_pages_waits_in_line_and_leaves_files_and_questions_free(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With one page slot, a page held open keeps the next page waiting (it never starts), and
    meanwhile the stylesheet and the ask page are answered."""
    release = threading.Event()
    started: list[str] = []
    original = views.overview

    def held(*args: object) -> object:
        started.append("overview")
        release.wait(30)
        return original(*args)

    def entities(*args: object) -> object:
        started.append("entities")
        return ([], 0)

    monkeypatch.setattr(views, "overview", held)
    monkeypatch.setattr(views, "entity_rows", entities)
    app = create_app(db, today=TODAY, cache_bytes=0, page_slots=1, ask_slots=1)
    with TestClient(app, base_url=BASE) as client:
        answers: dict[str, int] = {}

        def fetch(path: str) -> None:
            answers[path] = client.get(path).status_code

        first = threading.Thread(target=fetch, args=("/api/overview",))
        first.start()
        while not started:
            release.wait(0.01)
        second = threading.Thread(target=fetch, args=("/api/entities",))
        second.start()
        try:
            assert client.get("/static/style.css").status_code == 200
            assert client.get("/ask").status_code == 200
            second.join(0.5)
            assert second.is_alive() and started == ["overview"], "the second page waits"
        finally:
            release.set()
            first.join(30)
            second.join(30)
        assert started == ["overview", "entities"]
        assert answers == {"/api/overview": 200, "/api/entities": 200}
