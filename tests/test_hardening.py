"""Hostile input: what an attacker who controls article text, uploads or URLs can try."""

from __future__ import annotations

import gzip
import json
import math
from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from storyline.errors import IngestError
from storyline.ingest.fetch import HttpFetcher
from storyline.ingest.inputs import IngestOptions, read_bytes, read_inputs
from storyline.models import RawRecord, Skipped
from storyline.web.security import safe_url
from tests.conftest import make_document
from tests.test_ingest import server  # noqa: F401 (the local HTTP server fixture)


def test_a_feed_body_that_is_a_path_is_not_opened(tmp_path: Path) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_text(
        "<rss><channel><item><title>t</title><description>SECRET CONTENT"
        "</description></item></channel></rss>"
    )
    try:
        items = list(read_bytes(str(secret).encode(), "x.rss", "feed", None, IngestOptions()))
    except IngestError as error:  # the body is no feed: refused, not opened as a file
        assert "feed" in error.problem
        return
    assert not any(isinstance(i, RawRecord) and "SECRET" in i.text for i in items)


def test_numbers_that_overflow_are_not_figures(nlp) -> None:
    from storyline.figures.extract import extract_figures
    from storyline.models import Figure

    document = make_document("Officials said the fund held $" + "9" * 400 + " at the end of May.")
    figures = extract_figures(document, nlp(document.text), [])
    assert all(math.isfinite(f.value) for f in figures)
    with pytest.raises(ValidationError):
        Figure.model_validate({**figures[0].model_dump(), "value": math.inf}) if figures else (
            Figure.model_validate(
                {
                    "id": "x",
                    "kind": "count",
                    "text": "x",
                    "value": math.inf,
                    "measure": "m",
                    "measure_key": "m",
                    "provenance": {
                        "doc_id": "d",
                        "start": 0,
                        "end": 1,
                        "sentence": "x",
                        "sentence_start": 0,
                        "sentence_end": 1,
                    },
                }
            )
        )


def test_htmldate_gets_bytes_so_it_never_downloads(monkeypatch) -> None:
    import htmldate

    from storyline.ingest.html import extract_html

    seen = []
    monkeypatch.setattr(htmldate, "find_date", lambda html, **kw: seen.append(type(html)))
    page = "http://127.0.0.1:9/admin#<html><body>" + "<p>Ministers met on Tuesday.</p>" * 20
    extract_html(page + "</body></html>")
    assert str not in seen  # htmldate downloads a str that looks like a URL; never give it one


def test_gzipped_jsonl_line_bombs_are_bounded(tmp_path: Path) -> None:
    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb") as handle:
        handle.write(b'{"text": "' + b"a" * 30_000_000 + b'"}\n')
        handle.write(json.dumps({"text": "A normal article about a vote."}).encode() + b"\n")
    items = list(read_inputs([str(path)], IngestOptions(max_bytes=1_000_000)))
    assert [type(i).__name__ for i in items] == ["Skipped", "RawRecord"]
    assert items[0].reason.startswith("record too large")


def test_decompressed_total_is_capped(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl.gz"
    line = json.dumps({"text": "x " * 400}).encode() + b"\n"
    path.write_bytes(gzip.compress(line * 5_000))
    items = list(read_inputs([str(path)], IngestOptions(max_collection_bytes=100_000)))
    assert isinstance(items[-1], Skipped) and "decompressed" in items[-1].reason


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"text": "unterminated', "malformed JSON"),
    ],
)
def test_hostile_json_is_a_skipped_input(tmp_path: Path, payload: str, reason: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(payload)
    [item] = read_inputs([str(path)])
    assert isinstance(item, Skipped) and reason in item.reason


def test_lone_surrogates_and_bad_urls_in_records_are_stored_safely(tmp_path: Path) -> None:
    from storyline.pipeline.build import build

    path = tmp_path / "in.jsonl"
    records = [
        {"text": "Ministers met \\ud800 on Tuesday to discuss the budget.", "url": "http://[x"},
        {"text": "A second article about the budget vote in parliament."},
    ]
    path.write_text("\n".join(json.dumps(r).replace("\\\\ud800", "\\ud800") for r in records))
    report = build([str(path)], tmp_path / "out")
    assert len(report.added) == 2 and not report.skipped


@pytest.mark.parametrize("url", ["http://[x", "javascript:alert(1)", "data:text/html,x", ""])
def test_unsafe_urls_are_not_links(url: str) -> None:
    assert safe_url(url) is None


def test_private_addresses_are_refused_when_asked(server: str) -> None:  # noqa: F811
    with pytest.raises(IngestError, match="non-public address"):
        HttpFetcher(max_bytes=1_000_000, allow_private=False).fetch(f"{server}/plain")
    assert HttpFetcher(max_bytes=1_000_000).fetch(f"{server}/plain").body  # the CLI default


def test_a_download_has_an_overall_deadline(server: str) -> None:  # noqa: F811
    with pytest.raises(IngestError, match="took longer than"):
        HttpFetcher(max_bytes=10_000_000, deadline_s=0.0).fetch(f"{server}/big")


def test_invalid_urls_are_reported_not_raised() -> None:
    [item] = read_inputs(["http://exa\x00mple/"])
    assert isinstance(item, Skipped)


def test_serving_beyond_loopback_needs_a_flag(tmp_path: Path) -> None:
    from storyline.cli.commands import app

    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--db", str(tmp_path / "x")])
    assert result.exit_code == 2 and "--allow-remote" in result.output
