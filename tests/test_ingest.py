"""Ingest: every input kind becomes records; every bad input a one-line Skipped, batch goes on."""

from __future__ import annotations

import gzip
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from storyline.errors import IngestError
from storyline.ingest.decode import decode
from storyline.ingest.fetch import HttpFetcher
from storyline.ingest.inputs import IngestOptions, read_inputs
from storyline.models import RawRecord, Skipped

PARAGRAPH = (
    "The foreign ministers of both countries met in Vienna on Tuesday and agreed to "
    "resume talks on the stalled trade agreement next month, officials said."
)
HTML_PAGE = f"""<!DOCTYPE html><html><head><title>Ministers agree to resume talks</title>
<meta property="article:published_time" content="2024-02-13T09:00:00Z">
<meta name="author" content="Jane Doe"></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Ministers agree to resume talks</h1>
<p>{PARAGRAPH}</p><p>{PARAGRAPH.replace("Vienna", "Geneva")}</p>
<p>The next round is planned for March, according to a joint statement released after the
meeting, which lasted more than four hours and covered tariffs and quotas.</p></article>
<footer>© 2024 Example News</footer></body></html>"""
RSS = f"""<?xml version="1.0"?><rss version="2.0"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Feed</title>
<item><title>Talks resume</title><link>https://news.example/talks</link>
<pubDate>Tue, 13 Feb 2024 09:00:00 GMT</pubDate>
<description>Short summary only.</description>
<content:encoded><![CDATA[<p>{PARAGRAPH}</p><p>Second paragraph of the full text.</p>]]>
</content:encoded></item>
<item><title>Summary only</title><link>https://news.example/other</link>
<description>&lt;p&gt;{PARAGRAPH.replace("Vienna", "Oslo")}&lt;/p&gt;</description></item>
</channel></rss>"""
ATOM = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom feed</title><entry><title>Atom entry</title><link href="https://a.example/1"/>
<updated>2024-02-14T10:00:00Z</updated><summary>{PARAGRAPH}</summary></entry></feed>"""


def records(items) -> list[RawRecord]:
    return [i for i in items if isinstance(i, RawRecord)]


def skipped(items) -> list[Skipped]:
    return [i for i in items if isinstance(i, Skipped)]


def ingest(*paths: Path | str, **options) -> list:
    return list(read_inputs([str(p) for p in paths], IngestOptions(**options)))


def test_txt_keeps_stem_as_id(tmp_path: Path) -> None:
    path = tmp_path / "001_abc.txt"
    path.write_text(PARAGRAPH, encoding="utf-8")
    [record] = ingest(path)
    assert (record.kind, record.suggested_id, record.text) == ("txt", "001_abc", PARAGRAPH)


def test_html_main_text_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    [record] = ingest(path)
    assert record.kind == "html" and record.already_extracted
    assert "resume talks on the stalled trade agreement" in record.text
    assert "Home" not in record.text and "© 2024" not in record.text
    assert record.title == "Ministers agree to resume talks"
    assert record.html_date == "2024-02-13"


def test_gzipped_html(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(HTML_PAGE.encode()))
    [record] = ingest(path)
    assert record.suggested_id == "page" and "Geneva" in record.text


@pytest.mark.parametrize(
    "payload",
    [
        {
            "id": "a1",
            "title": "T",
            "text": PARAGRAPH,
            "url": "https://x.example/a",
            "date": "2024-02-13",
        },
        [{"title": "T", "body": PARAGRAPH, "published": "2024-02-13"}],
        {"articles": [{"headline": "T", "content": PARAGRAPH, "datePublished": "2024-02-13"}]},
        {"content": {"rendered": f"<p>{PARAGRAPH}</p>"}, "title": "T", "date": "2024-02-13"},
    ],
)
def test_json_record_shapes(tmp_path: Path, payload: object) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    [record] = ingest(path)
    assert record.text.strip() == PARAGRAPH
    assert record.title == "T"
    assert record.date_field == "2024-02-13"
    assert record.suggested_id == "one"  # a single-record file keeps its stem


def test_jsonl_bad_line_is_skipped_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "x1", "text": PARAGRAPH}),
        "{not json",
        "",
        json.dumps({"title": "no text"}),
        json.dumps([1, 2]),
        json.dumps({"id": "x2", "text": PARAGRAPH + " More."}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = ingest(path)
    assert [r.suggested_id for r in records(items)] == ["x1", "x2"]
    reasons = {s.source: s.reason for s in skipped(items)}
    assert set(reasons) == {f"{path}:2", f"{path}:4", f"{path}:5"}
    assert "malformed JSON line" in reasons[f"{path}:2"]
    assert "no text" in reasons[f"{path}:4"]
    assert "not an object" in reasons[f"{path}:5"]


def test_rss_prefers_full_content_then_summary(tmp_path: Path) -> None:
    path = tmp_path / "news.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second = records(ingest(path))
    assert "Second paragraph of the full text." in first.text
    assert "Short summary only" not in first.text
    assert (first.url, first.date_field, first.kind) == (
        "https://news.example/talks",
        "2024-02-13",
        "feed",
    )
    assert "Oslo" in second.text and "<p>" not in second.text


def test_atom_feed_sniffed_from_xml(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(ATOM, encoding="utf-8")
    [record] = records(ingest(path))
    assert record.title == "Atom entry" and record.date_field == "2024-02-14"


def test_directory_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text(PARAGRAPH)
    (tmp_path / "1.txt").write_text(PARAGRAPH + " One.")
    (tmp_path / ".git" / "x.txt").write_text("hidden")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 ...")
    items = ingest(tmp_path)
    assert [Path(r.source).name for r in records(items)] == ["1.txt", "2.txt"]
    assert [(Path(s.source).name, s.reason) for s in skipped(items)] == [
        ("scan.pdf", "unsupported file type '.pdf'")
    ]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"   \n\n  ", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(100), "binary file (PNG image)"),
        ("nul.txt", b"abc\x00\x01\x02def" * 10, "binary file (contains NUL bytes)"),
        ("bad.json", b'{"text": "unterminated', "malformed JSON"),
        ("list.json", b'{"foo": 1}', "no article records found"),
        ("broken.rss", b"<?xml version='1.0'?><rss><channel><item><title>x", "malformed feed"),
        ("garbage.html", b"<html><body><div></div></body></html>", "no article text found"),
        ("bad.gz", b"not gzip at all", "corrupt gzip data"),
    ],
)
def test_bad_inputs_give_specific_errors(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(PARAGRAPH)
    items = ingest(path, good)
    [problem] = skipped(items)
    assert problem.source == str(path)
    assert reason in problem.reason
    assert len(records(items)) == 1  # the batch went on


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(100_000_000)  # sparse: 100 MB on paper, nothing on disk
    [problem] = ingest(path)
    assert problem.reason == "file too large: 100.0 MB exceeds the 20 MB limit"


def test_missing_path(tmp_path: Path) -> None:
    [problem] = ingest(tmp_path / "nope.txt")
    assert problem.reason == "no such file or directory"


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("latin-1", "Café société: les négociations reprennent à Genève, a déclaré le ministre."),
        ("cp1251", "Министры иностранных дел встретились в Вене во вторник и договорились."),
        ("utf-16", "Ministers met in Vienna on Tuesday and agreed to resume talks."),
    ],
)
def test_non_utf8_text_is_decoded_by_charset_detection(encoding: str, text: str) -> None:
    assert decode((text * 3).encode(encoding), "x.txt").strip() == (text * 3).strip()


def test_undecodable_bytes_name_the_problem() -> None:
    with pytest.raises(IngestError, match=r"binary file|undecodable"):
        decode(bytes(range(1, 32)) * 40, "noise.txt")


# -- URLs, served from a local server: never the internet --------------------------------------
class Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes, dict[str, str]]]] = {
        "/article": (200, "text/html; charset=utf-8", HTML_PAGE.encode(), {}),
        "/feed": (200, "application/rss+xml", RSS.encode(), {}),
        "/plain": (200, "text/plain", PARAGRAPH.encode(), {}),
        "/missing": (404, "text/html", b"not found", {}),
        "/loop": (302, "text/html", b"", {"Location": "/loop"}),
        "/moved": (301, "text/html", b"", {"Location": "/article"}),
        "/big": (200, "text/html", b"<p>" + b"x" * 3_000_000 + b"</p>", {}),
    }

    def do_GET(self) -> None:
        status, ctype, body, headers = self.routes.get(self.path, (404, "text/plain", b"", {}))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_url_html_page(server: str) -> None:
    [record] = ingest(f"{server}/article")
    assert record.kind == "url" and record.url == f"{server}/article"
    assert "stalled trade agreement" in record.text
    assert record.suggested_id is None


def test_url_redirect_followed_and_final_url_kept(server: str) -> None:
    [record] = ingest(f"{server}/moved")
    assert record.url == f"{server}/article"


def test_url_feed_and_plain_text(server: str) -> None:
    assert len(records(ingest(f"{server}/feed"))) == 2
    [plain] = ingest(f"{server}/plain")
    assert plain.text == PARAGRAPH


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/missing", "HTTP 404"), ("/loop", "more than 5 redirects"), ("/big", "too large")],
)
def test_url_failures(server: str, path: str, reason: str) -> None:
    [problem] = ingest(f"{server}{path}", fetcher=HttpFetcher(max_bytes=1_000_000))
    assert problem.source == f"{server}{path}" and reason in problem.reason


def test_unreachable_url() -> None:
    [problem] = ingest(
        "http://127.0.0.1:9/nothing", fetcher=HttpFetcher(max_bytes=1000, timeout_s=2)
    )
    assert "unreachable" in problem.reason or "timed out" in problem.reason


def test_jsonl_is_streamed_so_only_records_are_capped(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    record = json.dumps({"text": PARAGRAPH * 3})
    huge = json.dumps({"text": "x " * 3000})
    path.write_text("\n".join([record] * 40 + [huge, record]), encoding="utf-8")
    assert path.stat().st_size > 10_000  # bigger than the per-article cap used below
    items = ingest(path, max_bytes=5_000)
    assert len(records(items)) == 41
    [problem] = skipped(items)
    assert problem.source == f"{path}:41" and problem.reason.startswith("record too large")


def test_gzipped_jsonl_and_binary_jsonl(tmp_path: Path) -> None:
    good = tmp_path / "a.jsonl.gz"
    good.write_bytes(gzip.compress((json.dumps({"text": PARAGRAPH}) + "\n").encode()))
    assert len(records(ingest(good))) == 1
    bad = tmp_path / "b.jsonl"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    [problem] = ingest(bad)
    assert problem.source == str(bad) and "binary file" in problem.reason
