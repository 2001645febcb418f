"""Hostile input: what an attacker who controls article text, uploads or URLs can try."""

from __future__ import annotations

import gzip
import http.server
import json
import math
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from typer.testing import CliRunner

from storyline.errors import IngestError
from storyline.ingest.fetch import HttpFetcher, PublicOnlyTransport, is_public
from storyline.ingest.inputs import IngestOptions, read_bytes, read_inputs
from storyline.models import RawRecord, Skipped
from storyline.web import create_app
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


# -- issue 19: SSRF, Host and Origin, bodies, the CLI --------------------------------------
class _EchoHost(http.server.BaseHTTPRequestHandler):
    """Answers every GET with the Host header it received."""

    def do_GET(self) -> None:
        body = (self.headers.get("Host") or "").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def echo_port() -> Iterator[int]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _EchoHost)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1]
    httpd.shutdown()


def test_the_connection_goes_to_the_address_the_guard_checked(echo_port: int) -> None:
    """DNS rebinding: a second lookup would answer another address. The guard looks the name
    up once and connects to that address, sending the name as Host."""
    answers = iter([["127.0.0.1"], ["127.0.0.2"]])
    lookups: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        lookups.append(host)
        return next(answers)

    transport = PublicOnlyTransport(resolver, allowed=lambda address: address == "127.0.0.1")
    with httpx.Client(transport=transport) as client:
        response = client.get(f"http://rebind.invalid:{echo_port}/")
    assert response.text == f"rebind.invalid:{echo_port}" and lookups == ["rebind.invalid"]


def test_a_failed_lookup_is_refused_not_let_through() -> None:
    def resolver(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    fetcher = HttpFetcher(max_bytes=1000, allow_private=False, resolver=resolver)
    with pytest.raises(IngestError, match=r"refused: cannot look up nowhere\.invalid"):
        fetcher.fetch("http://nowhere.invalid/")


@pytest.mark.parametrize(
    ("address", "public"),
    [("8.8.8.8", True), ("2606:4700:4700::1111", True), ("127.0.0.1", False),
     ("10.1.2.3", False), ("169.254.169.254", False), ("::1", False), ("fe80::1%eth0", False),
     ("::ffff:127.0.0.1", False), ("64:ff9b::7f00:1", False), ("2002:7f00:1::1", False),
     ("224.0.0.1", False), ("0.0.0.0", False), ("100.64.0.1", False)],
)  # fmt: skip
def test_only_public_unicast_addresses_pass(address: str, public: bool) -> None:
    assert is_public(address) is public


@pytest.mark.parametrize(
    ("host", "status"),
    [("127.0.0.1:8731@evil.com", 421), ("localhost:8000 ", 200), ("localhost:99999", 421),
     ("127.0.0.1:80:80", 421), ("evil.com#@127.0.0.1", 421), ("[::1]:8000", 200)],
)  # fmt: skip
def test_host_headers_are_parsed_exactly(tmp_path: Path, host: str, status: int) -> None:
    with TestClient(create_app(tmp_path / "s.db"), base_url="http://127.0.0.1") as client:
        assert client.get("/api/overview", headers={"host": host}).status_code == status


@pytest.mark.parametrize(
    ("origin", "status"),
    [("https://127.0.0.1", 403), ("http://127.0.0.1:8080", 403), ("http://127.0.0.1", 400),
     ("http://127.0.0.1:80", 400), ("http://127.0.0.1/x", 403), ("http://localhost", 403)],
)  # fmt: skip
def test_the_origin_of_a_write_must_be_this_server_exactly(
    tmp_path: Path, origin: str, status: int
) -> None:
    with TestClient(create_app(tmp_path / "s.db"), base_url="http://127.0.0.1") as client:
        response = client.post("/api/jobs", data={"text": ""}, headers={"origin": origin})
        assert response.status_code == status  # 400: accepted, then refused for sending nothing


def test_a_chunked_body_over_the_limit_is_413(tmp_path: Path) -> None:
    app = create_app(tmp_path / "s.db", max_upload_bytes=10_000)

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit is met while streaming
        yield b'--b\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n'
        for _ in range(200):
            yield b"x" * 1000

    with TestClient(app, base_url="http://127.0.0.1") as client:
        response = client.post(
            "/api/jobs",
            content=chunks(),
            headers={"content-type": "multipart/form-data; boundary=b"},
        )
    assert response.status_code == 413 and "limit" in response.json()["error"]


def test_file_names_are_printed_escaped(tmp_path: Path) -> None:
    from storyline.cli.commands import app

    weird = tmp_path / "evil\x1b[31m\r\nname.pdf"
    weird.write_bytes(b"%PDF-1.4")
    result = CliRunner().invoke(app, ["build", str(weird), "--out", str(tmp_path / "o"), "-q"])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\r" not in result.output
    assert "evil\\e[31m\\r\\nname.pdf: binary file (PDF document)" in result.output


def test_search_takes_words_as_typed_and_fts_on_request(tmp_path: Path) -> None:
    from storyline.cli.commands import app

    (tmp_path / "a.txt").write_text(
        "India's purchase of the S-400 air defence system went ahead, officials in Delhi said "
        "on Tuesday, despite warnings from Washington."
    )
    (tmp_path / "b.txt").write_text(
        "The visit of the Indian prime minister to Moscow ended with a statement on trade, "
        "energy and the war in Ukraine, diplomats said."
    )
    runner = CliRunner()
    db = str(tmp_path / "o" / "storyline.db")
    assert (
        runner.invoke(app, ["build", str(tmp_path), "--out", str(tmp_path / "o"), "-q"]).exit_code
        == 0
    )
    for query in ("S-400", "India's", "s-400 Delhi"):
        result = runner.invoke(app, ["search", query, "--db", db])
        assert result.exit_code == 0 and "a " in result.output.replace("│", " "), result.output
    assert runner.invoke(app, ["search", "visit*", "--db", db]).exit_code == 0  # FTS found
    assert runner.invoke(app, ["search", "S-400", "--fts", "--db", db]).exit_code == 2
    many = runner.invoke(app, ["search", "said", "--limit", "1", "--db", db])
    assert "1 of 2 matching documents (use --limit to see more)" in many.output


def test_read_only_commands_import_no_pipeline(tmp_path: Path) -> None:
    """The CLI imports lazily: --help and search load neither spaCy, Dask nor the models."""
    import subprocess
    import sys

    code = (
        "import sys\nfrom typer.testing import CliRunner\nfrom storyline.cli import app\n"
        "runner = CliRunner()\nrunner.invoke(app, ['--help'])\n"
        f"runner.invoke(app, ['search', 'x', '--db', {str(tmp_path / 'none.db')!r}])\n"
        "heavy = ('spacy', 'dask', 'distributed', 'trafilatura', 'storyline.models', "
        "'storyline.pipeline', 'httpx')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout


def test_a_finished_stage_of_unknown_size_leaves_no_spinner() -> None:
    import io

    from rich.console import Console
    from rich.progress import Progress

    from storyline.cli.commands import RichProgress

    with Progress(console=Console(file=io.StringIO(), force_terminal=True)) as bars:
        progress = RichProgress(bars)
        progress.start("corpus", None)
        progress.finish()
        assert all(task.finished for task in bars.tasks)


def test_a_dated_report_signal_without_evidence_is_told_not_a_crash() -> None:
    """A quality signal stored by an older analysis (a dated report, with neither dateline nor
    'on Monday' references to name) stopped the corpus stage of every later build."""
    from storyline.quality.scoring import _report_reason, _undated_reason

    document = make_document("Ministers met in Paris to talk trade.", "old").model_copy(
        update={"published": "2024-02-13", "dateline": None}
    )
    signals = {"report_dating": 1.0, "undated": 1.0}
    reason = _report_reason(document, signals, {"report": 0.1})
    assert reason is not None and reason.reason == "written as a dated report"
    undated = _undated_reason(document.model_copy(update={"published": None}), signals, {})
    assert undated is not None
    assert undated.reason == "no publication date found, though the text reads as a dated report"
