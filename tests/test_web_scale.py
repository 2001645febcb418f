"""The web app at scale (issue 19): lists come a page at a time from the store's indexes, what
every page would recompute is kept once per stored view, and the job queue lives in the store
(a restarted server runs the jobs it had not finished; a job's record stays small).
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.models import Entity, Mention, Provenance, Story
from storyline.pipeline.build import BuildReport
from storyline.store import Store
from storyline.web import create_app
from storyline.web.jobs import LEASE_SECONDS, MAX_ATTEMPTS, Jobs, Paste
from storyline.web.schemas import Facet
from storyline.web.views import _offered
from tests.conftest import TODAY, make_document

BASE = "http://127.0.0.1"


def _mention(doc: str, n: int) -> Mention:
    provenance = Provenance(
        doc_id=doc, start=0, end=5, sentence=f"Alpha {n}.", sentence_start=0, sentence_end=8
    )
    return Mention(text="Alpha", label="PERSON", model_label="PERSON", provenance=provenance)


@pytest.fixture
def wide_db(tmp_path: Path) -> Path:
    """120 documents, 130 entities (one named 900 times), 70 stories."""
    db = tmp_path / "wide" / "storyline.db"
    docs = [make_document(f"Article number {i} about the harbour strike.", f"d{i:03d}") for i in
            range(120)]  # fmt: skip
    entities = [
        Entity(id=f"person:p{i:03d}", name=f"Person {i:03d}", type="PERSON", mention_count=i,
               documents=[f"d{i % 120:03d}"], aliases=[f"Alias{i}"] if i % 10 == 0 else [])
        for i in range(129)
    ]  # fmt: skip
    entities.append(
        Entity(id="person:alpha", name="Alpha", type="PERSON", mention_count=900,
               documents=["d000"], mentions=[_mention("d000", n) for n in range(900)])
    )  # fmt: skip
    stories = [Story(id=f"s{i:03d}", label=f"Story {i}", documents=[f"d{i:03d}"]) for i in
               range(70)]  # fmt: skip
    with Store(db) as store:
        store.add_documents(docs)
        store.replace_corpus(
            {
                "entity": [(e.id, f"{i:04d}", e) for i, e in enumerate(entities)],
                "story": [(s.id, f"{i:04d}", s) for i, s in enumerate(stories)],
            }
        )
    return db


def test_lists_come_a_page_at_a_time_with_their_totals(wide_db: Path) -> None:
    with TestClient(create_app(wide_db, today=TODAY), base_url=BASE) as client:
        first = client.get("/api/entities", params={"limit": 50})
        assert first.headers["x-total-count"] == "130" and len(first.json()) == 50
        assert first.json()[0]["id"] == "person:alpha"  # most mentioned first
        third = client.get("/api/entities", params={"limit": 50, "offset": 100}).json()
        assert len(third) == 30 and third[-1]["id"] == "person:p000"
        named = client.get("/api/entities", params={"name": "alias12"})
        assert [e["id"] for e in named.json()] == ["person:p120"]  # aliases, case-folded
        sources = client.get("/api/sources", params={"limit": 50, "offset": 100}).json()
        assert (sources["total"], len(sources["sources"]), sources["offset"]) == (120, 20, 100)
        stories = client.get("/api/stories", params={"limit": 30})
        assert stories.headers["x-total-count"] == "70" and len(stories.json()) == 30
        overview = client.get("/api/overview").json()
        assert len(overview["sources"]) == 20 and len(overview["stories"]) == 20
        assert overview["counts"]["documents"] == 120


def test_pages_link_to_the_next_and_previous_page(wide_db: Path) -> None:
    with TestClient(create_app(wide_db, today=TODAY), base_url=BASE) as client:
        page = client.get("/sources?page=2").text
        assert "page 2 of 3 (120 sources)" in page
        assert 'href="http://127.0.0.1/sources?page=3"' in page
        assert 'href="http://127.0.0.1/sources?page=1"' in page
        assert ">51</td>" in page  # ranks continue across pages
        entities = client.get("/entities?type=PERSON&page=3").text
        assert "page 3 of 3 (130 entities)" in entities and "?type=PERSON&amp;page=2" in entities
        assert "All 120 sources" in client.get("/").text


def test_an_entity_page_shows_a_page_of_its_mentions(wide_db: Path) -> None:
    with TestClient(create_app(wide_db, today=TODAY), base_url=BASE) as client:
        data = client.get("/api/entities/person:alpha").json()
        assert data["mention_total"] == 900 and len(data["entity"]["mentions"]) == 200
        later = client.get("/api/entities/person:alpha?limit=10&offset=895").json()
        assert [m["provenance"]["sentence"] for m in later["entity"]["mentions"]] == [
            f"Alpha {n}." for n in range(895, 900)
        ]
        assert "First 200 of 900 mentions" in client.get("/entities/person:alpha").text


def test_cached_pages_follow_a_new_build(wide_db: Path) -> None:
    with TestClient(create_app(wide_db, today=TODAY), base_url=BASE) as client:
        assert client.get("/api/overview").json()["counts"]["stories"] == 70
        with Store(wide_db) as store:  # another process replaces the stored view
            store.replace_corpus({"story": []})
        assert client.get("/api/overview").json()["counts"]["stories"] == 0


def _report(count: int) -> BuildReport:
    return BuildReport(
        store_path="x",
        added=[f"doc{i}" for i in range(count)],
        duplicates={f"copy{i}.txt": "doc0" for i in range(count)},
        duplicate_count=count,
    )


def test_a_job_record_stays_small_whatever_the_build_did(tmp_path: Path) -> None:
    jobs = Jobs(
        tmp_path / "s.db",
        tmp_path / "up",
        max_bytes=10_000,
        builder=lambda *a, **k: _report(50_000),
    )
    try:
        job = jobs.submit([], [Paste(text="Some news.")], [])
        assert jobs.wait(30)
        done = jobs.get(job.id)
        assert done is not None and done.state == "done"
        assert len(done.added) == 100 and len(done.duplicates) == 100
        assert done.counts["added"] == done.counts["duplicates"] == 50_000
        assert len(done.model_dump_json()) < 20_000
    finally:
        jobs.close()


def test_a_restarted_server_runs_the_jobs_it_had_not_finished(tmp_path: Path) -> None:
    db, uploads = tmp_path / "s.db", tmp_path / "up"
    started, release = threading.Event(), threading.Event()

    def stuck(*args, **kwargs) -> BuildReport:  # the server stops during this build
        started.set()
        release.wait(30)
        raise RuntimeError("the process died")

    first = Jobs(db, uploads, max_bytes=10_000, builder=stuck)
    running = first.submit([], [Paste(text="First article.")], [])
    assert started.wait(30)
    first._stop = True  # the worker takes no further job: as if the process were gone
    queued = first.submit([], [Paste(text="Second article.")], [])
    built: list[list[str]] = []

    def recording(inputs, *args, **kwargs) -> BuildReport:
        built.append([Path(i).name for i in inputs])
        return BuildReport(store_path=str(db), added=[Path(inputs[0]).stem])

    def later() -> datetime:  # the restart comes after the stopped server's lease ran out
        return datetime.now(UTC) + timedelta(seconds=LEASE_SECONDS + 1)

    second = Jobs(db, uploads, max_bytes=10_000, builder=recording, clock=later)
    try:
        assert second.wait(30)
        assert [second.get(j.id).state for j in (running, queued)] == ["done", "done"]
        assert sorted(built) == [["pasted.json"], ["pasted.json"]]
    finally:
        release.set()
        second.close()
        first.close(timeout=5)


def test_a_live_servers_job_is_never_taken_and_one_build_runs_at_a_time(tmp_path: Path) -> None:
    """Two server processes on one store: the job one of them runs (its lease is live) is not
    queued again nor claimed by the other, which claims nothing until that lease has run out."""
    db = tmp_path / "s.db"
    with Store(db) as store, Store(db) as other:
        for job_id in ("aaaaaaaaaaa1", "aaaaaaaaaaa2"):
            store.add_job(job_id, "queued", f"2026-01-01T00:00:0{job_id[-1]}+00:00", "{}", "{}")
        claimed = store.claim_job("2026-01-01T00:01:00+00:00", "2026-01-01T00:03:00+00:00")
        assert claimed is not None and claimed[0] == "aaaaaaaaaaa1" and claimed[3] == 1
        # the other process, a minute later: the lease is live
        assert other.interrupted_jobs("2026-01-01T00:02:00+00:00") == []
        assert other.claim_job("2026-01-01T00:02:00+00:00", "2026-01-01T00:04:00+00:00") is None
        store.renew_lease("aaaaaaaaaaa1", "2026-01-01T00:05:00+00:00")
        assert other.interrupted_jobs("2026-01-01T00:04:00+00:00") == []
        # the first process stopped: its lease runs out, and the job is the other's to redo
        assert [j[0] for j in other.interrupted_jobs("2026-01-01T00:06:00+00:00")] == [
            "aaaaaaaaaaa1"
        ]
        store.update_job("aaaaaaaaaaa1", "done", "{}", "2026-01-01T00:06:00+00:00")
        second = other.claim_job("2026-01-01T00:06:00+00:00", "2026-01-01T00:08:00+00:00")
        assert second is not None and second[0] == "aaaaaaaaaaa2"


def test_a_job_that_keeps_stopping_the_server_is_given_up(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.add_job("0123456789ab", "running", "2026-01-01T00:00:00+00:00",
                      '{"inputs": ["x"], "names": {}}',
                      '{"id": "0123456789ab", "state": "running", '
                      '"created_at": "2026-01-01T00:00:00+00:00"}')  # fmt: skip
        store.db.execute("UPDATE jobs SET attempts = ?", (MAX_ATTEMPTS,))
    jobs = Jobs(db, tmp_path / "up", max_bytes=10_000, builder=lambda *a, **k: _report(1))
    try:
        job = jobs.get("0123456789ab")
        assert job is not None and job.state == "failed"
        assert job.error == f"the server stopped during this job's build {MAX_ATTEMPTS} times"
    finally:
        jobs.close()


def test_an_upload_of_empty_objects_keeps_the_server_and_its_answers_small(
    tmp_path: Path,
) -> None:
    """Once took the app from 225 MB to 2.8 GB, and every poll returned 171 MB."""
    db = tmp_path / "store" / "storyline.db"
    with TestClient(create_app(db, today=TODAY), base_url=BASE) as client:
        data = b"{}\n" * 300_000
        job = client.post("/api/jobs", files={"files": ("empty.jsonl", data)}).json()
        deadline = time.monotonic() + 120
        while (polled := client.get(f"/api/jobs/{job['id']}")).json()["state"] not in (
            "done",
            "failed",
        ):
            assert time.monotonic() < deadline
            time.sleep(0.2)
        assert len(polled.content) < 5_000
        final = polled.json()
        assert final["counts"]["skipped"] == 300_000 and len(final["skipped"]) == 4
        assert final["skipped"][-1]["source"] == "empty.jsonl"  # no server path shown
        assert "empty.jsonl:4" in final["skipped"][-1]["reason"]


def test_the_ask_index_is_built_once_per_stored_view(
    wide_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Questions once rebuilt the whole index per request (ask p50 9.2 s on 300 documents)."""
    from storyline.ask.index import AskIndex
    from storyline.web.cache import Views

    built: list[int] = []
    original = AskIndex.from_store.__func__  # type: ignore[attr-defined]

    def counting(cls, store):
        built.append(1)
        return original(cls, store)

    monkeypatch.setattr(AskIndex, "from_store", classmethod(counting))
    views = Views(wide_db)
    with Store(wide_db) as store:
        first = views.ask_index(store)
        assert views.ask_index(store) is first and views.ask_index(store) is first
        assert len(built) == 1
        store.replace_corpus({"story": []})  # a new build: the old index answers meanwhile
        assert views.ask_index(store) is first
        deadline = time.monotonic() + 30
        while views.ask_index(store) is first:
            assert time.monotonic() < deadline, "the new view's index was never built"
            time.sleep(0.05)
        assert len(built) == 2
        assert views.ask_index(store) is views.ask_index(store)
    views.close()


def test_an_upload_of_parser_crashes_keeps_its_good_file(tmp_path: Path) -> None:
    """The web app's jobs read behind the same boundary as the CLI's build (issue 19)."""
    from tests.hostile import GOOD_ARTICLE, PARSER_CRASHES

    db = tmp_path / "store" / "storyline.db"
    files = [("files", (name, data)) for name, data in PARSER_CRASHES.items()]
    files.append(("files", ("good.txt", GOOD_ARTICLE.encode())))
    with TestClient(create_app(db, today=TODAY), base_url=BASE) as client:
        job = client.post("/api/jobs", files=files).json()
        deadline = time.monotonic() + 300
        while (polled := client.get(f"/api/jobs/{job['id']}").json())["state"] not in (
            "done",
            "failed",
        ):
            assert time.monotonic() < deadline
            time.sleep(0.2)
        assert polled["state"] == "done", polled
        assert "Traceback" not in str(polled)
        sources = client.get("/api/sources").json()
    with Store(db) as store:
        texts = [doc.text for doc in store.documents()]
    assert any("Tacna" in text for text in texts), (polled, sources)


def test_cli_tables_say_when_they_stop_before_the_end(wide_db: Path) -> None:
    """CLI tables once stopped at 40 rows without a word."""
    from typer.testing import CliRunner

    from storyline.cli.commands import app

    runner = CliRunner()
    entities = runner.invoke(app, ["entities", "--db", str(wide_db)])
    assert entities.exit_code == 0, entities.output
    assert "40 of 130 entities (use --limit to see more)" in entities.output
    stories = runner.invoke(app, ["stories", "--db", str(wide_db), "--limit", "5"])
    assert "5 of 70 storylines (use --limit to see more)" in stories.output
    everything = runner.invoke(app, ["stories", "--db", str(wide_db), "--limit", "100"])
    assert "use --limit" not in everything.output


@pytest.mark.parametrize(
    ("counts", "limit", "chosen", "kept"),
    [
        ([3, 1, 2], 5, None, [0, 1, 2]),  # few: all, in their order
        ([3, 1, 2, 5], 2, None, [0, 3]),  # the most entries, in story order
        ([3, 1, 2, 5], 2, "s1", [0, 1, 3]),  # and the one filtered on
        ([0, 2, 2, 2], 2, None, [1, 2]),  # ties: the earlier story
    ],
)
def test_the_timeline_offers_the_most_eventful_stories(
    counts: list[int], limit: int, chosen: str | None, kept: list[int]
) -> None:
    facets = [Facet(value=f"s{i}", label=f"Story {i}", count=n) for i, n in enumerate(counts)]
    assert [f.value for f in _offered(facets, limit, chosen)] == [f"s{i}" for i in kept]
