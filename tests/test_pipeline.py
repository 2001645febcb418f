"""End-to-end builds: the demo corpus, idempotent re-runs, bad input, crash safety."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline.pipeline.build import BuildOptions, build
from storyline.store import Store
from tests.conftest import SAMPLE_IDS, TODAY
from tests.corpusgen import edited_copies

IDS = SAMPLE_IDS


def test_demo_documents(demo_build) -> None:
    out, briefing = demo_build
    docs = {d["id"]: d for d in briefing["documents"]}
    assert sorted(docs) == IDS
    assert [docs[i]["published"] for i in IDS] == [
        "2024-03-20",
        "2024-03-20",
        "2023-12-28",
        None,
        None,
    ]
    assert docs[IDS[2]]["dateline"]["place"] == "New Delhi"
    assert docs[IDS[3]]["dateline"]["place"] == "Moscow"
    assert all(docs[i]["title"] for i in IDS[2:])
    assert (out / "storyline.db").exists()


def test_demo_furniture_listed_for_audit(demo_build) -> None:
    _, briefing = demo_build
    removed = [r for d in briefing["documents"] for r in d["removed"] if r["kind"] == "furniture"]
    texts = " | ".join(r["text"] for r in removed)
    for phrase in (
        "views",
        "Comments",
        "0 comment",
        "Read Also:",
        "Leave a Reply",
        "Your email address will not be published",
        "Alt text:",
        "Review Section",
        "{",
        "Post Comment",
    ):
        assert phrase in texts, phrase
    assert all(r["rule"] for r in removed)


def test_rebuild_is_idempotent(demo_build, samples_dir: Path) -> None:
    out, first = demo_build
    report = build([str(samples_dir)], out, options=BuildOptions(today=TODAY))
    assert report.unchanged == IDS and not report.added and not report.skipped
    second = json.loads((out / "briefing.json").read_text())
    assert second == first


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path: Path, samples_dir: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text((samples_dir / f"{IDS[0]}.txt").read_text())
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "bin.txt").write_bytes(b"\x00\x01" * 50)
    (inputs / "bad.jsonl").write_text('{"text": "ok text here for a record"}\n{oops\n')
    report = build(
        [str(inputs), str(tmp_path / "missing")],
        tmp_path / "out",
        options=BuildOptions(today=TODAY),
    )
    assert len(report.added) == 2
    assert {Path(s.source.split(":")[0]).name for s in report.skipped} == {
        "empty.txt",
        "bin.txt",
        "bad.jsonl",
        "missing",
    }
    assert not report.failed
    briefing = json.loads((tmp_path / "out" / "briefing.json").read_text())
    assert len(briefing["skipped"]) == 4


def test_nothing_ingestible_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    report = build([str(tmp_path / "empty.txt")], tmp_path / "out")
    assert report.failed


def test_custom_db_path(tmp_path: Path, samples_dir: Path) -> None:
    db = tmp_path / "elsewhere" / "my.db"
    build([str(samples_dir / f"{IDS[1]}.txt")], tmp_path / "out", db_path=db)
    assert Store(db).document_ids() == [IDS[1]]
    assert not (tmp_path / "out" / "storyline.db").exists()


@pytest.mark.slow
def test_killed_build_leaves_a_consistent_store(tmp_path: Path, samples_dir: Path) -> None:
    # Four batches: the kill lands after two are stored, with two still to analyse, so the
    # store is caught mid-build and the rebuild has whole batches left to add.
    copies = 64
    corpus = tmp_path / "corpus"
    edited_copies(sorted(samples_dir.glob("*.txt")), corpus, copies=copies)
    db = tmp_path / "out" / "storyline.db"
    command = [
        sys.executable,
        "-m",
        "storyline",
        "build",
        str(corpus),
        "--out",
        str(tmp_path / "out"),
        "--batch-size",
        "16",
        "--quiet",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        try:
            with sqlite3.connect(db) as peek:
                stored = peek.execute("SELECT COUNT(*) FROM analyses").fetchone()[0]
        except sqlite3.Error:
            continue
        if stored >= 32:
            break
    assert process.poll() is None, process.stderr.read().decode()
    os.kill(process.pid, signal.SIGKILL)
    process.wait()

    with Store(db) as store:
        db_conn = store.db
        assert db_conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db_conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
        db_conn.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('integrity-check')")
        count = store.count_documents()
        assert count == copies or count % 16 == 0  # whole batches only
        analysed = {a.doc_id for a in store.analyses()}
        assert len(analysed) % 16 == 0 and analysed <= set(store.document_ids())
        for analysis in store.analyses():
            assert analysis.sentences  # no analysis without its sentences

    report = build([str(corpus)], tmp_path / "out", options=BuildOptions(today=TODAY))
    assert report.ingested == copies and not report.skipped
    with Store(db) as store:
        assert store.count_documents() == copies
        assert not store.ids_needing_analysis(store.analyses()[0].version)


def test_a_user_event_lexicon_is_used_and_changing_it_reanalyses(tmp_path: Path) -> None:
    from storyline.pipeline.analyse import AnalysisSettings

    article = tmp_path / "in" / "a.txt"
    article.parent.mkdir()
    article.write_text(
        "Paris, May 2: French President Emmanuel Macron hugged German Chancellor Olaf Scholz "
        "at the Elysee Palace on Monday, officials said.\n"
    )
    out = tmp_path / "out"
    build([str(article)], out, options=BuildOptions(today=TODAY))
    assert not json.loads((out / "briefing.json").read_text())["events"]

    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text("hug\tV\t-\tSUPPORT\tpraise\t051\ta hug between leaders\n")
    options = BuildOptions(today=TODAY, analysis=AnalysisSettings(event_lexicon=str(lexicon)))
    build([str(article)], out, options=options)
    [event] = json.loads((out / "briefing.json").read_text())["events"]
    assert (event["type"], event["mode"]) == ("SUPPORT", "praise")
    assert "hug" in event["mentions"][0]["rule"]


def test_briefing_from_the_store_equals_the_one_the_build_wrote(demo_build) -> None:
    from storyline.briefing.compose import make_briefing

    out, written = demo_build
    with Store(out / "storyline.db") as store:
        again = json.loads(make_briefing(store).model_dump_json())
    assert again == written
