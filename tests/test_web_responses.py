"""Answers kept per stored view (issue 19, load): a URL many readers open is made once per view,
answers the same bytes, and follows a new build; what changes on its own is never kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.models import Story
from storyline.store import Store
from storyline.web import create_app, views
from storyline.web.responses import cacheable
from tests.conftest import TODAY, make_document

BASE = "http://127.0.0.1"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """60 documents and 60 stories (two pages of each)."""
    path = tmp_path / "kept" / "storyline.db"
    with Store(path) as store:
        store.add_documents(
            [make_document(f"Report {i} on the port strike.", f"d{i:02d}") for i in range(60)]
        )
        stories = [Story(id=f"s{i:02d}", label=f"Story {i}", documents=[f"d{i:02d}"]) for i in
                   range(60)]  # fmt: skip
        store.replace_corpus({"story": [(s.id, f"{i:04d}", s) for i, s in enumerate(stories)]})
    return path


@pytest.mark.parametrize(
    ("path", "kept"),
    [
        ("/", True),
        ("/api/overview", True),
        ("/timeline", True),
        ("/api/timeline", True),
        ("/sources/d01", True),
        ("/api/entities/person:x", True),
        ("/stories", True),
        ("/api/storylines", True),
        ("/search", True),
        ("/api/ask", True),
        ("/figures", True),
        ("/add", False),  # lists the jobs, which change without a build
        ("/jobs/abc", False),
        ("/api/jobs", False),
        ("/api/jobs/abc", False),
        ("/static/style.css", False),  # served with its own validators
        ("/api/openapi.json", False),
        ("/api", False),
        ("/overview", False),  # not a page: only its /api twin
        ("/timelinex", True),  # a 404 all the same, and 404s are never kept
    ],
)
def test_which_reads_are_kept(path: str, kept: bool) -> None:
    assert cacheable(path) is kept


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the overview's reads of the store (its once-per-view summary is also kept)."""
    calls: list[int] = []
    original = views.overview

    def counted(*args: object) -> object:
        calls.append(1)
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(views, "overview", counted)
    return calls


def test_a_url_is_made_once_per_view_and_answers_the_same_bytes(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _counting(monkeypatch)
    with TestClient(create_app(db, today=TODAY), base_url=BASE) as client:
        first, second = client.get("/"), client.get("/")
        assert first.status_code == second.status_code == 200
        assert first.content == second.content
        assert second.headers["x-frame-options"] == first.headers["x-frame-options"]
        assert len(calls) == 1
        client.get("/api/overview")
        assert len(calls) == 2  # another URL is another answer
        with Store(db) as store:  # a build replaces the view
            store.replace_corpus({"story": []})
        third = client.get("/")
        assert len(calls) == 3 and third.content != first.content
        assert "60 stories" not in third.text


def test_without_a_cache_every_request_reads_the_store(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _counting(monkeypatch)
    with TestClient(create_app(db, today=TODAY, cache_bytes=0), base_url=BASE) as client:
        assert client.get("/").content == client.get("/").content
    assert len(calls) == 2


def test_the_host_is_part_of_the_key(db: Path) -> None:
    """A pager's links name the host the reader used."""
    with TestClient(create_app(db, today=TODAY), base_url=BASE) as client:
        by_address = client.get("/sources?page=1").text
        by_name = client.get("/sources?page=1", headers={"host": "localhost"}).text
    assert 'href="http://127.0.0.1/sources?page=2"' in by_address
    assert 'href="http://localhost/sources?page=2"' in by_name


def test_errors_and_other_methods_are_never_kept(db: Path) -> None:
    with TestClient(create_app(db, today=TODAY), base_url=BASE) as client:
        assert client.get("/sources/nope").status_code == 404
        with Store(db) as store:  # the document arrives without a new view
            store.add_documents([make_document("A late report on the strike.", "nope")])
        assert client.get("/sources/nope").status_code == 200
        assert client.get("/api/search", params={"q": '"unclosed'}).status_code == 400
        assert client.post("/api/overview").status_code == 405
        assert client.get("/api/overview").status_code == 200


def test_the_cache_stays_within_its_bytes(db: Path) -> None:
    app = create_app(db, today=TODAY, cache_bytes=40_000)
    with TestClient(app, base_url=BASE) as client:
        pages = [client.get(f"/sources/d{i:02d}").content for i in range(40)]
        assert all(pages)
        kept = next(m for m in _layers(app) if hasattr(m, "size"))
        assert 0 < kept.size <= 40_000
        assert client.get("/sources/d39").content == pages[39]  # the newest are kept


def _layers(app: object) -> list[object]:
    """The app's middleware instances, outermost first."""
    found, layer = [], getattr(app, "middleware_stack", None)
    while layer is not None:
        found.append(layer)
        layer = getattr(layer, "app", None)
    return found


def test_answers_wait_for_the_ask_index_of_the_view(db: Path) -> None:
    """While the ask index lags the view (it is rebuilt in the background), answers are not
    kept: the next one may come from the new index."""
    app = create_app(db, today=TODAY)
    question = {"q": "Where was the strike?"}
    with TestClient(app, base_url=BASE) as client:
        client.get("/api/ask", params={"q": "Who went on strike?"})  # the index is built
        kept = next(m for m in _layers(app) if hasattr(m, "size"))

        def asked() -> bool:
            return any(k[3] == "/api/ask" and k[4].startswith(b"q=Where") for k in kept._kept)

        app.state.views.close()  # no index of this view: as right after a new build
        first = client.get("/api/ask", params=question)
        assert first.status_code == 200 and not asked()
        second = client.get("/api/ask", params=question)  # the index is the view's now
        assert second.content == first.content and asked()


def test_worker_processes_build_the_app_from_the_settings_handed_down(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``serve(workers=2)`` hands the store, the hosts and the cache size to each worker
    process through the environment; what a worker cannot be given is refused up front."""
    from storyline.web.app import SETTINGS_VARIABLE, app_from_settings, serve

    settings = {"db": str(db), "hosts": ["briefing.example"], "cache_bytes": 0}
    monkeypatch.setenv(SETTINGS_VARIABLE, json.dumps(settings))
    app = app_from_settings()
    with TestClient(app, base_url="http://briefing.example") as client:
        assert client.get("/api/overview").json()["counts"]["documents"] == 60
    with pytest.raises(ValueError, match="today"):
        serve(db, workers=2, today=TODAY)


def test_waiting_requests_make_their_own_answer_when_the_first_could_not_be_kept() -> None:
    """Requests for a URL being answered wait for it; when it is not kept (here a 404), they
    make theirs side by side rather than one after another."""
    import asyncio

    from storyline.web.responses import ResponseCache

    running, most, calls = [0], [0], [0]

    async def slow_missing(scope: dict, receive: object, send: object) -> None:
        calls[0] += 1
        running[0] += 1
        most[0] = max(most[0], running[0])
        await asyncio.sleep(0)  # let the other requests arrive
        await asyncio.sleep(0)
        running[0] -= 1
        await send({"type": "http.response.start", "status": 404, "headers": []})  # type: ignore[operator]
        await send({"type": "http.response.body", "body": b"no"})  # type: ignore[operator]

    cache = ResponseCache(slow_missing, lambda: ("1", True), max_bytes=1_000)
    scope = {"type": "http", "method": "GET", "path": "/sources/x", "scheme": "http",
             "headers": [(b"host", b"127.0.0.1")], "query_string": b""}  # fmt: skip
    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    async def main() -> None:
        await asyncio.gather(*(cache(scope, None, send) for _ in range(4)))  # type: ignore[arg-type]

    asyncio.run(main())
    assert calls[0] == 4 and most[0] == 3  # the first alone, then the three waiting together
    assert [m["status"] for m in sent if m["type"] == "http.response.start"] == [404] * 4
