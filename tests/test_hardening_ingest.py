"""Issue 19: nothing a file can do stops a build or breaks the store. Each defect's reproducer
(tests/hostile.py) as a regression test: parser crashes, long texts, floods of records,
extraction without a time limit, and the smaller ones (FIFOs, blank files, NUL bytes, huge
numbers, double-escaped feed text)."""

from __future__ import annotations

import importlib
import json
import os
import re
import time
from pathlib import Path

import pytest

from storyline.errors import IngestError
from storyline.ingest.budget import Budget, cpu_seconds, run_budgeted
from storyline.ingest.inputs import IngestOptions, read_inputs
from storyline.models import RawRecord, Skipped
from storyline.pipeline.build import BuildOptions, BuildReport, NoProgress, build, ingest_into
from storyline.store import Store
from tests.conftest import TODAY
from tests.hostile import (
    GOOD_ARTICLE,
    PARSER_CRASHES,
    busy_parse,
    greedy_parse,
    nested_tag_bomb,
    number_flood,
    repeated_records,
    slow_parse,
    varied_text,
)


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _ingest(paths: list[Path], **options: object) -> tuple[Store, BuildReport]:
    """Ingest only (no analysis) into an in-memory store, as a build does."""
    store, report = Store(":memory:"), BuildReport(store_path=":memory:")
    build_options = BuildOptions(today=TODAY, ingest=IngestOptions(**options))  # type: ignore[arg-type]
    ingest_into(store, [str(p) for p in paths], build_options, report, NoProgress())
    return store, report


# -- a parser exception never aborts a build -----------------------------------------------
#: What each reproducer becomes now: its text mended, or a skip that says why.
MENDED = {
    "reference-past-unicode.xml": "Ministers met in Paris on Tuesday \ufffd to talk trade.",
    "undecodable-declared-encoding.xml": "Ministers met in Paris on Tuesday.",
    "control-character-in-html.json": "Ministers met in Paris.\nThey talked trade on Tuesday.",
    "broken-head.json": "Ministers met in Paris on Tuesday.",
}


@pytest.mark.parametrize("name", sorted(PARSER_CRASHES))
def test_inputs_that_crashed_a_parser_are_read(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, name, PARSER_CRASHES[name])
    [record] = read_inputs([str(path)])
    assert isinstance(record, RawRecord), record
    assert record.text.startswith(MENDED[name]) or MENDED[name] in record.text


def test_a_build_keeps_the_good_file_of_a_batch_of_parser_crashes(tmp_path: Path) -> None:
    inputs = [_write(tmp_path, n, d) for n, d in PARSER_CRASHES.items()]
    inputs.append(_write(tmp_path, "good.txt", GOOD_ARTICLE.encode()))
    report = build([str(p) for p in inputs], tmp_path / "out", options=BuildOptions(today=TODAY))
    assert "good" in report.added and not report.failed
    assert report.ingested == len(inputs)  # every reproducer is read now, none only skipped
    assert not report.analysis_errors


def test_any_exception_of_a_reader_is_a_skip_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline.ingest import inputs

    def exploding(text: str, source: str, stem: str | None):
        yield RawRecord(source=f"{source}#0", kind="json", text=GOOD_ARTICLE)
        raise RuntimeError("a bug in a library")

    monkeypatch.setattr(inputs, "json_records", exploding)
    bad = _write(tmp_path, "bad.json", b'[{"text": "x"}]')
    good = _write(tmp_path, "good.txt", GOOD_ARTICLE.replace("Lima", "Quito").encode())
    items = list(read_inputs([str(bad), str(good)]))
    assert [type(i).__name__ for i in items] == ["RawRecord", "Skipped", "RawRecord"]
    assert items[1].reason == "could not be read (RuntimeError: a bug in a library)"


def test_a_record_that_fails_to_prepare_or_store_is_skipped_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_module = importlib.import_module("storyline.pipeline.build")
    from storyline.store.documents import DocumentTable

    records = [{"id": f"r{i}", "text": f"{GOOD_ARTICLE} Record {i}."} for i in range(4)]
    path = _write(tmp_path, "batch.json", json.dumps(records).encode())
    real_prepare, real_add = build_module.prepare_document, DocumentTable.add_documents

    def prepare(record, today):
        if record.suggested_id == "r1":
            raise KeyError("a cleaning rule's bug")
        return real_prepare(record, today)

    def add(self, docs):
        docs = list(docs)
        if any(d.id == "r2" for d in docs):
            raise ValueError("the store refused r2")
        return real_add(self, docs)

    monkeypatch.setattr(build_module, "prepare_document", prepare)
    monkeypatch.setattr(DocumentTable, "add_documents", add)
    store, report = _ingest([path])
    assert store.document_ids() == ["r0", "r3"]
    reasons = {s.source.rsplit("#", 1)[-1]: s.reason for s in report.skipped}
    assert reasons == {
        "1": 'could not be prepared (KeyError: "a cleaning rule\'s bug")',
        "2": "could not be stored (ValueError: the store refused r2)",
    }


# -- long texts ----------------------------------------------------------------------------
def test_long_texts_are_cut_at_sentence_ends_and_join_back() -> None:
    from storyline.nlp import chunks

    sentence = "Ministers met in Paris on Tuesday. "
    text = sentence * 400 + "\n\n" + "x" * 900  # 14,000 characters, then one long 'word'
    pieces = chunks(text, limit=1000)
    assert "".join(pieces) == text and all(len(p) <= 1000 for p in pieces)
    assert all(p.endswith(". ") for p in pieces[:-3])  # sentence-bounded where it can be


def test_a_text_past_spacys_max_length_is_analysed_in_chunks(
    nlp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """E088 once left the document unanalysed (and every later build failing): a text
    longer than ``nlp.max_length`` is now parsed in chunks into one Doc of its whole text."""
    from storyline.pipeline.analyse import analyse_documents
    from tests.conftest import make_document

    monkeypatch.setattr(nlp, "max_length", 3000)
    document = make_document(" ".join([GOOD_ARTICLE] * 25), "long")  # about 6,700 characters
    assert len(document.text) > 2 * nlp.max_length
    [analysis] = analyse_documents([document])
    assert not analysis.errors
    assert analysis.sentences[-1].end == len(document.text.rstrip())
    assert {m.text for m in analysis.mentions} >= {"Chile", "Peru", "Lima"}


def test_texts_over_the_limit_are_refused_at_ingest_with_a_reason(tmp_path: Path) -> None:
    path = _write(tmp_path, "book.txt", varied_text(2000).encode())
    store, report = _ingest([path], max_text_chars=1000)
    [skipped] = report.skipped
    assert skipped.reason.startswith("text too long to analyse: 2,")
    assert skipped.reason.endswith("characters (limit 1,000)")
    assert store.count_documents() == 0


# -- floods of tiny invalid records --------------------------------------------------------
def test_a_flood_of_invalid_records_is_counted_not_listed(tmp_path: Path) -> None:
    flood = _write(tmp_path, "numbers.jsonl", number_flood(100_000))
    good = _write(tmp_path, "good.txt", GOOD_ARTICLE.encode())
    report = build([str(flood), str(good)], tmp_path / "out", options=BuildOptions(today=TODAY))
    assert report.added == ["good"] and report.skipped_count == 100_000
    assert len(report.skipped) == 4  # three listed, one line for the rest
    summary = report.skipped[-1]
    assert summary.count == 99_997 and summary.source == str(flood)
    assert summary.reason.startswith("99,997 more records skipped: record is a JSON number")
    assert summary.examples == [f"{flood}:4", f"{flood}:5", f"{flood}:6"]
    assert (tmp_path / "out" / "briefing.json").stat().st_size < 200_000
    with Store(tmp_path / "out" / "storyline.db") as store:
        assert sum(s.count for s in store.last_skipped()) == 100_000


def test_repeated_records_are_duplicates_and_prepared_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_module = importlib.import_module("storyline.pipeline.build")

    prepared = []
    real_prepare = build_module.prepare_document
    monkeypatch.setattr(
        build_module, "prepare_document", lambda r, t: prepared.append(r) or real_prepare(r, t)
    )
    path = _write(tmp_path, "same.json", repeated_records(20_000))
    store, report = _ingest([path])
    assert (len(report.added), report.duplicate_count, len(report.unchanged)) == (1, 19_999, 0)
    assert len(prepared) == 1 and store.count_documents() == 1
    [stored] = store.document_ids()
    assert set(report.duplicates.values()) == {stored} and len(report.duplicates) == 1000
    _, again = _ingest([path])  # a new store: the first copy is new again, the rest duplicates
    assert again.duplicate_count == 19_999


def test_a_json_array_is_read_a_record_at_a_time_and_a_broken_tail_keeps_the_rest(
    tmp_path: Path,
) -> None:
    records = [json.dumps({"id": f"r{i}", "text": f"{GOOD_ARTICLE} {i}"}) for i in range(3)]
    path = _write(tmp_path, "cut.json", ("[" + ",".join(records) + ', {"text": "cut').encode())
    items = list(read_inputs([str(path)]))
    assert [type(i).__name__ for i in items] == ["RawRecord"] * 3 + ["Skipped"]
    assert "the 3 records before it were read" in items[-1].reason


# -- extraction has a time and memory budget -----------------------------------------------
def test_a_nested_tag_bomb_is_refused_quickly(tmp_path: Path) -> None:
    path = _write(tmp_path, "bomb.html", nested_tag_bomb())
    began = time.monotonic()
    [skipped] = read_inputs([str(path)])
    assert time.monotonic() - began < 20  # trafilatura alone took 33 s
    assert isinstance(skipped, Skipped)
    assert re.match(r"page too complex to extract: 300,00\d HTML elements", skipped.reason)


def test_a_parse_past_its_time_budget_is_a_clear_skip() -> None:
    began = time.monotonic()
    with pytest.raises(IngestError, match=r"^x\.html: took longer than the 1 s time budget$"):
        run_budgeted(Budget(seconds=1.0), "x.html", slow_parse, 30)
    assert time.monotonic() - began < 10
    assert run_budgeted(Budget(seconds=10.0), "y.html", slow_parse, 0) == "done"  # a new worker


def test_the_budget_counts_the_parser_s_work_not_the_machine_s_load() -> None:
    """A parse that works past its budget is stopped by its CPU time; one that is slow on the
    wall clock without working (a busy machine, here a sleep) is let finish within the wall
    limit, so what a build keeps does not depend on what else the machine runs."""
    began = time.monotonic()
    with pytest.raises(IngestError, match=r"^w\.html: took longer than the 1 s time budget$"):
        run_budgeted(Budget(seconds=1.0), "w.html", busy_parse, 30)
    assert time.monotonic() - began < 10
    assert run_budgeted(Budget(seconds=1.0), "z.html", slow_parse, 1.5) == "done"


def test_a_process_s_cpu_time_is_read_from_proc() -> None:
    before = cpu_seconds(os.getpid())
    busy_parse(0.3)
    after = cpu_seconds(os.getpid())
    assert before is not None and after is not None and after - before >= 0.25
    assert cpu_seconds(2**22 + 12345) is None  # no such process


def test_a_parse_past_its_memory_budget_is_a_clear_skip() -> None:
    budget = Budget(seconds=30.0, memory_mb=400)
    with pytest.raises(IngestError, match="needs more than the 400 MB memory budget"):
        run_budgeted(budget, "x.html", greedy_parse, 1024)
    assert run_budgeted(budget, "y.html", greedy_parse, 10) == 10 * 1024 * 1024


def test_json_lines_of_blank_lines_read_at_disk_speed(tmp_path: Path) -> None:
    path = _write(tmp_path, "blank.jsonl", b"\n" * 50_000_000)  # once 98 s
    began = time.monotonic()
    [skipped] = read_inputs([str(path)])
    assert time.monotonic() - began < 10
    assert skipped.reason == "no JSON records in the file"


# -- the smaller ones ----------------------------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_is_named_for_what_it_is_and_never_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading it would block forever
    [skipped] = read_inputs([str(fifo)])
    assert skipped.reason == (
        "not a regular file (a named pipe (FIFO)); only files and directories are read"
    )
    [in_folder] = [i for i in read_inputs([str(tmp_path)]) if isinstance(i, Skipped)]
    assert in_folder.source == str(fifo) and in_folder.reason.startswith("not a regular file")


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty file (0 bytes)"), (b" \n\t\n  ", "empty file (only whitespace, no text)")],
)
def test_empty_files_say_what_they_hold(tmp_path: Path, content: bytes, reason: str) -> None:
    [skipped] = read_inputs([str(_write(tmp_path, "x.txt", content))])
    assert skipped.reason == reason


def test_a_5000_digit_json_number_leaks_no_python_hint(tmp_path: Path) -> None:
    digits = "7" * 5000
    lines = f'{{"id": {digits}, "text": "{GOOD_ARTICLE}"}}\n{digits}\n'
    path = _write(tmp_path, "n.jsonl", lines.encode())
    record, skipped = read_inputs([str(path)])
    assert isinstance(record, RawRecord) and record.suggested_id == digits
    assert skipped.reason == "record is a JSON number, not an object"


def test_nul_bytes_past_the_first_8_kb_never_reach_the_store(tmp_path: Path) -> None:
    text = (GOOD_ARTICLE + "\n") * 60  # about 15 KB
    data = text[:12_000].encode() + b"\x00\x00" + text[12_000:].encode()
    store, _ = _ingest([_write(tmp_path, "tail.txt", data)])
    [doc] = store.documents()
    assert "\x00" not in doc.raw_text and "\x00" not in doc.text
    binary = _write(tmp_path, "bin.txt", GOOD_ARTICLE.encode() * 40 + b"\x00" * 2000)
    [skipped] = read_inputs([str(binary)])
    assert skipped.reason == "binary file (contains NUL bytes), not text"


def test_feed_text_is_unescaped_once(tmp_path: Path) -> None:
    feed = (
        '<rss version="2.0"><channel><item><title>AT&amp;T</title><description>AT&amp;T and '
        "Verizon said ministers met in Paris on Tuesday. Tom &amp;amp; Jerry.</description>"
        "</item></channel></rss>"
    )
    [record] = read_inputs([str(_write(tmp_path, "f.rss", feed.encode()))])
    assert record.title == "AT&T"
    assert record.text.startswith("AT&T and Verizon") and record.text.endswith("Tom & Jerry.")
