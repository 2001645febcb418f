"""The web app through its HTTP interface (no browser): pages and their JSON twins, filters,
security headers and refusals, uploads, and the HTML pieces built in Python.

Two stores: a small hand-made one whose facts are known exactly (timeline filters, entity
pages), and the demo corpus built once per session (``demo_store``; the browser and API tests
reuse it) for pages over real pipeline output.
"""

from __future__ import annotations

import json
import re
import shutil
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.errors import StoreError
from storyline.models import (
    Actor,
    DocumentAnalysis,
    Entity,
    Event,
    EventMention,
    Mention,
    Provenance,
    Sentence,
    Story,
    TimelineEntry,
)
from storyline.pipeline.build import BuildOptions, BuildReport, build
from storyline.store import Store
from storyline.web import create_app
from storyline.web.documents import _unmark
from storyline.web.render import MAX_STACK, annotated_text, marked_snippet, timeline_chart
from storyline.web.schemas import Highlight
from storyline.web.security import check_upload, host_name, safe_filename, safe_url
from tests.conftest import TODAY, make_document

BASE = "http://127.0.0.1"
_DEMO: dict[str, Path] = {}


# -- stores -------------------------------------------------------------------------------
def demo_store(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> Path:
    """The demo corpus built once per test session; copy it before writing to it."""
    if "db" not in _DEMO:
        out = tmp_path_factory.mktemp("web-demo")
        report = build([str(samples_dir)], out, options=BuildOptions(today=TODAY))
        _DEMO["db"] = Path(report.store_path)
    return _DEMO["db"]


def copy_store(db: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(db, folder / "storyline.db"))


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory, samples_dir: Path) -> Path:
    return demo_store(tmp_path_factory, samples_dir)


@pytest.fixture(scope="module")
def demo(demo_db: Path):
    with TestClient(create_app(demo_db, today=TODAY), base_url=BASE) as client:
        yield client


A_TEXT = "Alpha met Beta in Paris on 5 January 2024. Gamma stayed at home."
B_TEXT = "Beta called Alpha in February. Trade reached $5 billion."


def _prov(doc: str, text: str, words: str, sentence: tuple[int, int]) -> Provenance:
    start = text.index(words)
    return Provenance(
        doc_id=doc,
        start=start,
        end=start + len(words),
        sentence=text[sentence[0] : sentence[1]],
        sentence_start=sentence[0],
        sentence_end=sentence[1],
    )


def _sentences(doc: str, text: str) -> list[Sentence]:
    spans, start = [], 0
    for match in re.finditer(r"\.(?:\s|$)", text):
        spans.append((start, match.start() + 1))
        start = match.end()
    return [Sentence(doc_id=doc, index=i, start=a, end=b, text=text[a:b]) for i, (a, b) in
            enumerate(spans)]  # fmt: skip


def _mention(doc: str, text: str, words: str, entity: str, sentence: tuple[int, int]) -> Mention:
    return Mention(
        text=words,
        label="PERSON",
        model_label="PERSON",
        entity_id=entity,
        provenance=_prov(doc, text, words, sentence),
    )


def _actor(entity: str, name: str) -> Actor:
    return Actor(text=name, entity_id=entity, name=name, rule="name")


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    """Two documents, three people, three events (a day, a month, undated), two stories."""
    db = tmp_path / "small" / "storyline.db"
    a = make_document(A_TEXT, "a", date_field="2024-01-06")
    b = make_document(B_TEXT, "b", date_field="2024-02-20")
    sa, sb = _sentences("a", a.text), _sentences("b", b.text)
    a1, a2, b1 = (sa[0].start, sa[0].end), (sa[1].start, sa[1].end), (sb[0].start, sb[0].end)
    mentions = {
        "alpha": [_mention("a", a.text, "Alpha", "person:alpha", a1),
                  _mention("b", b.text, "Alpha", "person:alpha", b1)],
        "beta": [_mention("a", a.text, "Beta", "person:beta", a1),
                 _mention("b", b.text, "Beta", "person:beta", b1)],
        "gamma": [_mention("a", a.text, "Gamma", "person:gamma", a2)],
    }  # fmt: skip
    entities = [
        Entity(
            id=f"person:{k}",
            name=k.title(),
            type="PERSON",
            mention_count=len(v),
            documents=sorted({m.provenance.doc_id for m in v}),
            mentions=v,
        )
        for k, v in mentions.items()
    ]
    alpha, beta, gamma = (_actor(f"person:{k}", k.title()) for k in ("alpha", "beta", "gamma"))

    def mention(doc, text, words, span, id_, type_, mode=None):
        return EventMention(
            id=id_, type=type_, mode=mode, trigger=words, rule="test",
            provenance=_prov(doc, text, words, span),
        )  # fmt: skip

    m1 = mention("a", a.text, "met", a1, "a:ev1", "CONSULT", "meet")
    m2 = mention("b", b.text, "called", b1, "b:ev1", "CONSULT", "phone")
    m3 = mention("a", a.text, "stayed", a2, "a:ev2", "ACCUSE")
    events = [
        Event(id="ev-1", type="CONSULT", mode="meet", label="Alpha met Beta", date="2024-01-05",
              source=[alpha], target=[beta], documents=["a"], mentions=[m1]),
        Event(id="ev-2", type="CONSULT", mode="phone", label="Beta called Alpha", date="2024-02",
              source=[beta], target=[alpha], documents=["b"], mentions=[m2]),
        Event(id="ev-3", type="ACCUSE", label="Gamma stayed", source=[gamma], documents=["a"],
              mentions=[m3]),
    ]  # fmt: skip
    timeline = [
        TimelineEntry(
            event_id=e.id,
            date=e.date,
            label=e.label,
            type=e.type,
            mode=e.mode,
            documents=e.documents,
            evidence=[m.provenance for m in e.mentions],
        )
        for e in events
    ]
    stories = [
        Story(id="story_1", label="Paris meeting", documents=["a"], first_date="2024-01-06"),
        Story(id="story_2", label="Phone call", documents=["b"], first_date="2024-02-20"),
    ]
    with Store(db) as store:
        store.add_documents([a, b])
        store.save_analyses(
            [
                DocumentAnalysis(doc_id="a", version="t", sentences=sa,
                                 mentions=mentions["alpha"][:1] + mentions["beta"][:1]
                                 + mentions["gamma"], events=[m1, m3]),
                DocumentAnalysis(doc_id="b", version="t", sentences=sb,
                                 mentions=mentions["alpha"][1:] + mentions["beta"][1:],
                                 events=[m2]),
            ]
        )  # fmt: skip
        store.replace_corpus(
            {
                "entity": [(e.id, f"{i:03d}", e) for i, e in enumerate(entities)],
                "event": [(e.id, f"{i:03d}", e) for i, e in enumerate(events)],
                "timeline": [(t.event_id, f"{i:03d}", t) for i, t in enumerate(timeline)],
                "story": [(s.id, f"{i:03d}", s) for i, s in enumerate(stories)],
            }
        )
    return db


@pytest.fixture
def small(small_db: Path):
    with TestClient(create_app(small_db, today=TODAY), base_url=BASE) as client:
        yield client


# -- timeline, events, entities on the hand-made store ------------------------------------
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["ev-1", "ev-2", "ev-3"]),
        ("actor=person:gamma", ["ev-3"]),
        ("actor=person:alpha", ["ev-1", "ev-2"]),
        ("type=CONSULT", ["ev-1", "ev-2"]),
        ("type=ACCUSE&actor=person:alpha", []),
        ("story=story_2", ["ev-2"]),
        ("story=story_1", ["ev-1", "ev-3"]),
        ("start=2024-02-10", ["ev-2"]),  # a month-only date overlaps any day of its month
        ("end=2024-01-31", ["ev-1"]),
        ("start=2024-02&end=2024-02", ["ev-2"]),
        ("start=2024", ["ev-1", "ev-2"]),  # undated events are outside every date range
        ("start=2024-03-01", []),
    ],
)
def test_timeline_filters(small: TestClient, query: str, expected: list[str]) -> None:
    data = small.get(f"/api/timeline?{query}").json()
    assert [e["event_id"] for e in data["entries"]] == expected
    assert data["total"] == 3
    html = small.get(f"/timeline?{query}").text
    assert set(re.findall(r'href="/events/(ev-\d)"', html)) == set(expected)


def test_timeline_facets_count_actors_types_and_stories(small: TestClient) -> None:
    data = small.get("/api/timeline").json()
    assert {f["value"]: f["count"] for f in data["actors"]} == {
        "person:alpha": 2,
        "person:beta": 2,
        "person:gamma": 1,
    }
    assert {f["value"]: f["count"] for f in data["types"]} == {"ACCUSE": 1, "CONSULT": 2}
    assert {f["value"]: f["count"] for f in data["stories"]} == {"story_1": 2, "story_2": 1}


@pytest.mark.parametrize(
    "query", ["start=2024-13", "end=20240101", "actor=a/b", "type=<script>", "story=" + "x" * 201]
)
def test_bad_timeline_filters_are_422_json(small: TestClient, query: str) -> None:
    response = small.get(f"/api/timeline?{query}")
    assert response.status_code == 422
    assert response.json()["status"] == 422 and response.json()["error"]


def test_entity_page_lists_co_actors_and_events(small: TestClient) -> None:
    data = small.get("/api/entities/person:alpha").json()
    assert data["entity"]["name"] == "Alpha"
    assert [(c["id"], c["sentences"], c["events"]) for c in data["co_actors"]] == [
        ("person:beta", 2, 2)
    ]  # Gamma is named in another sentence and takes part in no event with Alpha
    assert [e["id"] for e in data["events"]] == ["ev-1", "ev-2"]
    html = small.get("/entities/person:alpha").text
    assert 'href="/entities/person%3Abeta"' in html
    assert "<mark>Alpha</mark>" in html  # mentions in context


def test_event_page_links_each_source_at_its_evidence(small: TestClient) -> None:
    data = small.get("/api/events/ev-1").json()
    assert [d["id"] for d in data["documents"]] == ["a"]
    assert [s["id"] for s in data["stories"]] == ["story_1"]
    start = A_TEXT.index("met")
    assert f'href="/sources/a?span={start}-{start + 3}#at"' in small.get("/events/ev-1").text


def test_story_page_gathers_documents_and_events(small: TestClient) -> None:
    data = small.get("/api/stories/story_1").json()
    assert [d["id"] for d in data["documents"]] == ["a"]
    assert [e["id"] for e in data["events"]] == ["ev-1", "ev-3"]


def test_source_page_highlights_link_to_what_was_found(small: TestClient) -> None:
    data = small.get("/api/sources/a").json()
    kinds = {(h["kind"], A_TEXT[h["start"] : h["end"]], h["ref"]) for h in data["highlights"]}
    assert ("entity", "Gamma", "person:gamma") in kinds
    assert ("event", "met", "ev-1") in kinds
    html = small.get("/sources/a").text
    assert '<a class="hl hl-entity" href="/entities/person%3Agamma"' in html
    assert f'<span class="sent" id="c{A_TEXT.index("Gamma")}">' in html


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/events/ev-404", 404),
        ("/api/entities/person:nobody", 404),
        ("/api/stories/nope", 404),
        ("/api/sources/nope", 404),
        ("/api/sources/..%2F..%2Fetc%2Fpasswd", 404),  # '/' is no id character: no route
        ("/api/sources/a%00b", 422),
        ("/api/sources/" + "a" * 201, 422),
        ("/api/jobs/zzz", 422),
        ("/api/jobs/0123456789ab", 404),
        ("/api/search", 422),
        ("/api/search?q=", 422),
        ("/api/search?q=" + "x" * 301, 422),
        ("/api/search?q=%22unclosed", 400),
        ("/api/search?q=AND", 400),
        ("/api/ask?q=" + "x" * 301, 422),
        ("/api/entities?type=ALIEN", 422),
        ("/api/sources/a?span=abc", 200),  # the API ignores page-only parameters
        ("/sources/a?span=abc", 422),
    ],
)
def test_bad_requests_are_4xx_never_5xx(small: TestClient, path: str, status: int) -> None:
    response = small.get(path)
    assert response.status_code == status, response.text
    if path.startswith("/api/") and status >= 400:
        assert response.json()["status"] == status


def test_page_errors_are_pages_and_api_errors_are_json(small: TestClient) -> None:
    page = small.get("/events/ev-404")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "Not found" in page.text
    bad = small.get("/search?q=%22unclosed")
    assert bad.status_code == 400 and "malformed search query" in bad.text
    assert 'value="&#34;unclosed"' in bad.text  # the query is kept in the box, escaped


# -- security ------------------------------------------------------------------------------
def test_every_response_carries_the_security_headers(small: TestClient) -> None:
    for path in ("/", "/api/overview", "/static/style.css", "/nope", "/api/search?q=%22"):
        headers = small.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_pages_have_no_inline_script_or_style(demo: TestClient) -> None:
    for path in ("/", "/timeline", "/sources", "/figures", "/entities", "/add", "/ask"):
        html = demo.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert " style=" not in html and "<style" not in html, path
        assert re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?:)?//', html) == [], path


@pytest.mark.parametrize(
    ("host", "status"),
    [("127.0.0.1:8000", 200), ("localhost", 200), ("[::1]:8000", 200), ("evil.example", 421)],
)
def test_only_loopback_host_names_are_answered(small: TestClient, host: str, status: int) -> None:
    assert small.get("/api/overview", headers={"host": host}).status_code == status


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"origin": "http://evil.example"}, 403),
        ({"origin": "null"}, 403),
        ({"sec-fetch-site": "cross-site"}, 403),
        ({"origin": BASE}, 400),  # same origin: accepted, then refused for sending nothing
        ({}, 400),
    ],
)
def test_writes_from_other_origins_are_refused(small: TestClient, headers, status: int) -> None:
    response = small.post("/api/jobs", data={"text": ""}, headers=headers)
    assert response.status_code == status


def test_oversized_bodies_are_refused(small_db: Path) -> None:
    app = create_app(small_db, max_upload_bytes=1000, today=TODAY)
    with TestClient(app, base_url=BASE) as client:
        response = client.post("/api/jobs", files={"files": ("big.txt", b"x" * 200_000)})
        assert response.status_code == 413 and "limit" in response.json()["error"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("article.txt", "article.txt"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\win.ini", "win.ini"),
        (".bashrc", "bashrc"),
        ("my article (1).html", "my-article-1-.html"),
        ("Ünïcödé news.json", "Unicode-news.json"),
        ("a..b.txt", "a.b.txt"),
        ("", "upload"),
        ("../", "upload"),
        ("x" * 300 + ".tar.gz", "x" * 93 + ".tar.gz"),
    ],
)
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name) == expected


@pytest.mark.parametrize(
    ("name", "data", "refused"),
    [
        ("a.txt", b"Plain article text.", None),
        ("a.html", b"<html><body><p>Hi</p></body></html>", None),
        ("a.json", b'{"text": "hi"}', None),
        ("a.jsonl", b'{"text": "hi"}\n', None),
        ("a.xml", b"<?xml version='1.0'?><rss><channel></channel></rss>", None),
        ("a.txt.gz", b"\x1f\x8b\x08\x00rest", None),
        ("a.pdf", b"%PDF-1.4", "unsupported file type"),
        ("a", b"text", "unsupported file type"),
        ("a.txt", b"\x89PNG\r\n\x1a\n....", "binary file (PNG image)"),
        ("a.txt", b"abc\x00def", "binary file (contains NUL bytes)"),
        ("a.txt", b"   \n ", "empty file"),
        ("a.json", b"just words", "content is not JSON"),
        ("a.rss", b"<html><body>no feed</body></html>", "content is not an RSS or Atom feed"),
        ("a.gz", b"not gzip", "unsupported file type"),
        ("a.txt.gz", b"not gzip", "not gzip data"),
    ],
)
def test_check_upload(name: str, data: bytes, refused: str | None) -> None:
    reason = check_upload(name, data)
    assert (reason is None) if refused is None else (reason and reason.startswith(refused))


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a", "https://example.com/a"),
        (" http://example.com ", "http://example.com"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//evil.example/x", None),
        ("https:///nohost", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


@pytest.mark.parametrize(
    ("header", "host"),
    [("localhost:8000", "localhost"), ("127.0.0.1", "127.0.0.1"), ("[::1]:80", "::1"),
     ("::1", "::1"), ("Evil.Example:1", "evil.example"), ("", "")],
)  # fmt: skip
def test_host_name(header: str, host: str) -> None:
    assert host_name(header) == host


# -- HTML built in Python -----------------------------------------------------------------
HOSTILE = 'Hi <script>x()</script> & <img src=x onerror="y()"> "q"'


def test_annotated_text_escapes_everything_and_nests_properly() -> None:
    text = HOSTILE + " Bob met Ann."
    bob = text.index("Bob")
    sentences = [
        Sentence(doc_id="d", index=0, start=0, end=len(HOSTILE), text=HOSTILE),
        Sentence(doc_id="d", index=1, start=bob, end=len(text), text=text[bob:]),
    ]
    highlights = [
        Highlight(kind="event", start=bob, end=bob + 7, label="CONSULT: met", ref="ev-1"),
        Highlight(kind="entity", start=bob, end=bob + 3, label='PERSON: "Bob"', ref="person:bob"),
        Highlight(kind="timex", start=3, end=11, label="<b>", ref=None),
    ]
    html = str(annotated_text(text, sentences, highlights, target=(bob + 4, bob + 7)))
    assert "<script>" not in html and "<img" not in html
    assert "x()&lt;/script&gt; &amp; &lt;img src=x onerror=&#34;y()&#34;&gt;" in html
    assert '<mark class="hl hl-timex" title="&lt;b&gt;">&lt;script&gt;</mark>' in html
    # "Bob" is inside the event and the entity: it links to the innermost, the entity
    assert '<a class="hl hl-entity hl-event" href="/entities/person%3Abob"' in html
    assert 'title="CONSULT: met · PERSON: &#34;Bob&#34;"' in html
    assert '<span class="target" id="at"><a class="hl hl-event" href="/events/ev-1"' in html
    assert html.count('id="at"') == 1
    assert html.count("<span") == html.count("</span>")
    assert html.startswith('<span class="sent" id="c0">')
    assert f'<span class="sent" id="c{bob}">' in html
    assert (
        re.sub(r"<[^>]+>", "", html)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .replace("&#34;", '"')
        == text
    )  # the text itself is unchanged


def test_annotated_text_ignores_spans_outside_the_text() -> None:
    html = str(
        annotated_text(
            "short",
            [Sentence(doc_id="d", index=0, start=0, end=99, text="")],
            [Highlight(kind="entity", start=3, end=50, label="x", ref="e")],
        )
    )
    assert html == "short"


@pytest.mark.parametrize(
    ("snippet", "text", "matches"),
    [
        ("a \ue000b\ue001 c", "a b c", [(2, 3)]),
        ("[not a match] \ue000x\ue001", "[not a match] x", [(14, 15)]),
        ("\ue000a\ue001\ue000b\ue001", "ab", [(0, 1), (1, 2)]),
        ("no match", "no match", []),
    ],
)
def test_snippet_markers(snippet: str, text: str, matches: list) -> None:
    assert _unmark(snippet) == (text, matches)


def test_marked_snippet_escapes_text_and_marks_matches() -> None:
    html = str(marked_snippet("<b>x</b> y", [(9, 10)]))
    assert html == "&lt;b&gt;x&lt;/b&gt; <mark>y</mark>"


def _entry(event_id: str, day: str | None) -> TimelineEntry:
    return TimelineEntry(event_id=event_id, date=day, label=event_id, type="CONSULT",
                         documents=[], evidence=[])  # fmt: skip


@pytest.mark.parametrize(
    ("days", "ticks"),
    [
        (["2024-01-01", "2024-01-11"], ["1 Jan", "4 Jan", "7 Jan", "10 Jan"]),
        (["2023-12-27", "2024-03-20"], ["Jan 2024", "Feb 2024", "Mar 2024"]),
        (["2019-06-01", "2024-03-20"], ["2020", "2022", "2024"]),
        (["2024-03-20"], ["2024-03-20"]),
    ],
)
def test_timeline_chart_ticks(days: list[str], ticks: list[str]) -> None:
    chart = timeline_chart([_entry(str(i), d) for i, d in enumerate(days)], 1000, 4)
    assert [t.label for t in chart.ticks] == ticks
    assert all(chart.left <= p.x <= chart.right for p in chart.points)


def test_timeline_chart_stacks_one_day_and_skips_undated() -> None:
    entries = [_entry("a", "2024-01-01"), _entry("b", "2024-01-01"), _entry("c", "2024-02"),
               _entry("d", None)]  # fmt: skip
    chart = timeline_chart(entries, 1000, 4)
    a, b, c = chart.points
    assert [p.entry.event_id for p in chart.points] == ["a", "b", "c"]
    assert a.x == b.x == chart.left and a.y > b.y  # the second one sits above the first
    assert c.x == chart.right  # a month-only date sits at its first day
    assert timeline_chart([_entry("d", None)], 1000, 4) is None


def test_timeline_chart_stacks_days_too_close_to_draw_apart_and_caps_a_stack() -> None:
    far = [_entry("a", "2024-01-01"), _entry("b", "2024-01-03"), _entry("c", "2024-03-31")]
    wide = timeline_chart(far, 1000, 4)
    assert len({p.x for p in wide.points}) == 3  # 2 days apart is 21 px at this width
    narrow = timeline_chart(far, 360, 3)
    assert len({p.x for p in narrow.points}) == 2  # ... and 7 px on a phone: one column
    crowded = timeline_chart([_entry(str(i), "2024-01-01") for i in range(11)], 1000, 4)
    assert len(crowded.points) == MAX_STACK
    assert [m.count for m in crowded.more] == [11 - MAX_STACK]


# -- the demo corpus -----------------------------------------------------------------------
TWINS = ["/", "/timeline", "/stories", "/entities", "/figures", "/sources"]


@pytest.mark.parametrize("path", TWINS)
def test_every_page_has_a_json_twin_with_the_same_items(demo: TestClient, path: str) -> None:
    page = demo.get(path)
    api = demo.get("/api/overview" if path == "/" else f"/api{path}")
    assert page.status_code == api.status_code == 200
    data = api.json()
    links = set(re.findall(r'href="/(?:sources|events|entities|stories)/([^"?#]+)', page.text))
    ids = _ids(path, data)
    assert ids, f"the demo corpus shows nothing on {path}"
    missing = {i for i in ids if _quoted(i) not in links}
    assert not missing, f"{path}: in the JSON but not on the page: {sorted(missing)[:5]}"


def _ids(path: str, data) -> set[str]:
    if path == "/":
        return {s["id"] for s in data["sources"]} | {s["id"] for s in data["stories"]}
    if path == "/timeline":
        return {e["event_id"] for e in data["entries"]}
    if path in ("/stories", "/entities"):
        return {item["id"] for item in data}
    if path == "/figures":
        return {f["provenance"]["doc_id"] for g in data["groups"] for f in g["figures"]}
    return {row["id"] for row in data["sources"]}


def _quoted(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="")


def test_demo_overview(demo: TestClient) -> None:
    data = demo.get("/api/overview").json()
    assert data["counts"]["documents"] == 5
    assert data["undated_documents"] == 2
    assert data["first_date"] <= "2023-12-28" and data["last_date"] == "2024-03-20"
    assert data["summary"]["sentences"], "the overview leads with the corpus summary"
    cited = {p["doc_id"] for s in data["summary"]["sentences"] for p in s["evidence"]}
    assert cited <= {s["id"] for s in data["sources"]}
    html = demo.get("/").text
    assert "5 articles" in html and "(2 undated)" in html


def test_demo_sources_rank_by_quality(demo: TestClient) -> None:
    rows = demo.get("/api/sources").json()["sources"]
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert rows[-1]["id"].startswith("004")  # the template FAQ page ranks lowest


def test_demo_source_page_shows_removed_furniture_and_reasons(demo: TestClient) -> None:
    doc = next(r["id"] for r in demo.get("/api/sources").json()["sources"] if r["id"] >= "002")
    data = demo.get(f"/api/sources/{doc}").json()
    html = demo.get(f"/sources/{doc}").text
    for removal in data["document"]["removed"]:
        assert _html_text(removal["text"]) in html
    for reason in data["quality"]["reasons"]:
        assert _html_text(reason["reason"]) in html
    assert {h["kind"] for h in data["highlights"]} >= {"entity", "figure", "timex"}


def _html_text(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def test_demo_search_and_ask(demo: TestClient) -> None:
    found = demo.get("/api/search", params={"q": "Kremlin"}).json()
    assert found["documents"] and all(
        found["documents"][0]["snippet"][a:b].lower() == "kremlin"
        for a, b in found["documents"][0]["matches"]
    )
    answer = demo.get("/api/ask", params={"q": "When did Modi call Putin?"}).json()
    assert answer["found"] and answer["value"]["value"] == "2024-03-20"
    html = demo.get("/ask", params={"q": "When did Modi call Putin?"}).text
    for citation in answer["citations"]:
        href = f"/sources/{citation['doc_id']}?span={citation['start']}-{citation['end']}#at"
        assert f'href="{href}"' in html


def test_demo_openapi_schema_names_the_package_models(demo: TestClient) -> None:
    schema = demo.get("/api/openapi.json").json()
    names = set(schema["components"]["schemas"])
    assert {"Event", "Entity", "FigureGroup", "Quality", "Answer", "TimelineEntry"} <= names
    assert all(p.startswith("/api/") for p in schema["paths"])


# -- adding articles -----------------------------------------------------------------------
ARTICLE = (
    "Brazil and Argentina sign a grain deal\n\n"
    "Buenos Aires, May 6: The agriculture ministers of Brazil and Argentina signed an "
    "agreement on Monday to cut tariffs on wheat, officials said. Trade between the two "
    "countries reached $30 billion last year, according to the ministry."
)


def test_upload_runs_a_build_and_reports_bad_files_per_file(demo_db: Path, tmp_path: Path) -> None:
    db = copy_store(demo_db, tmp_path / "store")
    with TestClient(create_app(db, today=TODAY), base_url=BASE) as client:
        before = client.get("/api/overview").json()["counts"]["documents"]
        response = client.post(
            "/api/jobs",
            files=[
                ("files", ("../grain deal.txt", ARTICLE.encode(), "text/plain")),
                ("files", ("photo.txt", b"\x89PNG\r\n\x1a\nxxxx", "text/plain")),
                ("files", ("tool.exe", b"MZ\x90\x00", "application/octet-stream")),
                ("files", ("broken.json", b'{"text": ', "application/json")),
            ],
            data={"urls": "ftp://example.com/a\njavascript:alert(1)"},
        )
        assert response.status_code == 202, response.text
        job = _wait(client, response.json()["id"])
        assert job["state"] == "done", job
        assert job["added"] == ["grain-deal"]
        reasons = {s["source"]: s["reason"] for s in job["skipped"]}
        assert reasons["photo.txt"].startswith("binary file")
        assert reasons["tool.exe"].startswith("unsupported file type")
        assert reasons["broken.json"].startswith("malformed JSON")
        assert reasons["ftp://example.com/a"] == "not an http(s) address"
        assert "javascript:alert(1)" in reasons
        # the pages see the new article as soon as the job is done
        assert client.get("/api/overview").json()["counts"]["documents"] == before + 1
        assert "wheat" in client.get("/api/sources/grain-deal").json()["document"]["text"]
        saved = [p for p in (db.parent / "uploads").rglob("*") if p.is_file()]
        assert {p.name for p in saved} == {"grain-deal.txt", "broken.json"}


def test_pasted_text_becomes_an_article_with_its_title_and_date(
    demo_db: Path, tmp_path: Path
) -> None:
    db = copy_store(demo_db, tmp_path / "store")
    with TestClient(create_app(db, today=TODAY), base_url=BASE) as client:
        body = ARTICLE.split("\n\n", 1)[1]
        form = {"text": body, "title": "Grain <deal>", "date": "2024-05-06",
                "url": "javascript:alert(1)"}  # fmt: skip
        job = _wait(client, client.post("/api/jobs", data=form).json()["id"])
        [doc_id] = job["added"]
        document = client.get(f"/api/sources/{doc_id}").json()["document"]
        assert document["title"] == "Grain <deal>"
        assert document["published"] == "2024-05-06"
        assert document["url"] is None  # a javascript: address is never kept
        assert "Grain &lt;deal&gt;" in client.get(f"/sources/{doc_id}").text


def test_the_html_form_works_without_javascript(small_db: Path) -> None:
    with TestClient(create_app(small_db, today=TODAY), base_url=BASE) as client:
        response = client.post("/add", files={"files": ("x.pdf", b"%PDF")}, follow_redirects=False)
        assert response.status_code == 303
        page = client.get(response.headers["location"]).text
        assert "x.pdf" in page and "unsupported file type" in page


def _wait(client: TestClient, job_id: str, timeout: float = 120.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} still {job['state']} after {timeout} s: {json.dumps(job)}")


def test_jobs_run_one_at_a_time_and_report_progress(small_db: Path) -> None:
    running, most, stages = [0], [0], []
    lock = threading.Lock()

    def builder(inputs, out_dir, db_path=None, options=None, progress=None) -> BuildReport:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        progress.start("ingest", len(inputs))
        time.sleep(0.05)  # long enough for a second job to overlap, were it allowed to
        progress.advance(len(inputs))
        progress.finish()
        stages.append(options.today)
        with lock:
            running[0] -= 1
        return BuildReport(store_path=str(db_path), added=[Path(i).stem for i in inputs])

    app = create_app(small_db, today=TODAY, builder=builder)
    with TestClient(app, base_url=BASE) as client:
        ids = [
            client.post("/api/jobs", files={"files": (f"n{i}.txt", b"News text.")}).json()["id"]
            for i in range(4)
        ]
        jobs = [_wait(client, i) for i in ids]
    assert most[0] == 1
    assert [j["added"] for j in jobs] == [["n0"], ["n1"], ["n2"], ["n3"]]
    assert all(j["stages"] == ["ingest"] and j["done"] == j["total"] == 1 for j in jobs)
    assert stages == [TODAY] * 4  # the app's clock, not the machine's


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (StoreError("x.db: not a usable storyline store"), "x.db: not a usable storyline store"),
        (KeyError("bug"), "the build failed with an internal error (see the server log)"),
    ],
)
def test_a_failed_build_is_a_failed_job(small_db: Path, error: Exception, message: str) -> None:
    def builder(*args, **kwargs) -> BuildReport:
        raise error

    with TestClient(create_app(small_db, builder=builder), base_url=BASE) as client:
        job = client.post("/api/jobs", data={"text": "Some news."}).json()
        job = _wait(client, job["id"])
        assert (job["state"], job["error"]) == ("failed", message)
        assert client.get("/api/overview").status_code == 200  # the app goes on
