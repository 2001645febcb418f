"""Hostile inputs that once broke a build (issue 19), as files: the regression tests, the fuzz
tests and the build fuzz all draw on them.

Each reproducer is the smallest input that showed the defect; ``SEEDS`` are well-formed inputs
of every kind the fuzzer mutates; ``GOOD_ARTICLE`` is the article every batch must keep.
"""

from __future__ import annotations

import gzip
import json
import random
import time

GOOD_ARTICLE = (
    "The foreign ministers of Chile and Peru met in Lima on Tuesday and agreed to reopen the "
    "border crossing at Tacna next month, officials said. Trade across the crossing reached "
    "$1.2 billion last year, according to the Peruvian trade ministry."
)

#: name → bytes of the inputs that made a parser raise through the whole build
PARSER_CRASHES: dict[str, bytes] = {
    # feedparser: ValueError "chr() arg not in range(0x110000)"
    "reference-past-unicode.xml": (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item>'
        b"<title>A &#1114112; title</title><description>Ministers met in Paris on Tuesday "
        b"&#1114112; to talk trade.</description></item></channel></rss>"
    ),
    # feedparser: UnicodeError, decoding with the codec the XML declaration names
    "undecodable-declared-encoding.xml": (
        b'<?xml version="1.0" encoding="punycode"?><rss version="2.0"><channel><item>'
        b"<title>A</title><description>Ministers met in Paris on Tuesday.</description>"
        b"</item></channel></rss>"
    ),
    # lxml: ValueError "All strings must be XML compatible" (a C0 control in the HTML text)
    "control-character-in-html.json": json.dumps(
        {"title": "x", "text": "<p>Ministers met in Paris.</p>\x01 They talked trade on Tuesday."}
    ).encode(),
    # lxml: AssertionError "too many bodies"
    "broken-head.json": json.dumps(
        {
            "title": "x",
            "text": "<html><head/><body><p>Ministers met in Paris on Tuesday.</p></body>"
            "<body>z</body></html>",
        }
    ).encode(),
}


def nested_tag_bomb(repeats: int = 100_000) -> bytes:
    """2.2 MB of ``<p><b><i>x</i></b></p>``: trafilatura took 33 s on it."""
    return b"<html><body>" + b"<p><b><i>x</i></b></p>" * repeats + b"</body></html>"


def number_flood(lines: int) -> bytes:
    """JSON Lines of bare numbers: 1,000,000 of them printed a million skip lines."""
    return "\n".join(str(i) for i in range(lines)).encode()


def repeated_records(count: int) -> bytes:
    """A JSON array of one record repeated: once reported as 'count' ingested, 0 duplicate."""
    record = json.dumps({"title": "Same", "text": GOOD_ARTICLE.replace("Lima", "Quito")})
    return ("[" + ",".join([record] * count) + "]").encode()


def varied_text(characters: int, seed: int = 5) -> str:
    """Paragraphs of words in random order, so no cleaning rule takes them for repeats."""
    words = GOOD_ARTICLE.replace(",", "").replace(".", "").split()
    rng = random.Random(seed)
    paragraphs, size = [], 0
    while size < characters:
        paragraph = " ".join(rng.choice(words) for _ in range(30)).capitalize() + "."
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def slow_parse(seconds: float) -> str:
    """Stands in for a parser that runs away (here, a light module: the worker imports it)."""
    time.sleep(seconds)
    return "done"


def greedy_parse(megabytes: int) -> int:
    """Stands in for a parser that takes memory without end."""
    return len(bytearray(megabytes * 1024 * 1024))


#: Well-formed inputs of every kind, for the mutation fuzzer: (file name, bytes).
SEEDS: list[tuple[str, bytes]] = [
    ("a.txt", GOOD_ARTICLE.encode()),
    (
        "a.html",
        (
            "<!DOCTYPE html><html><head><title>Border reopens</title>"
            '<meta property="article:published_time" content="2024-02-13"></head><body>'
            f"<nav><a href='/'>Home</a></nav><article><h1>Border reopens</h1><p>{GOOD_ARTICLE}"
            f"</p><p>{GOOD_ARTICLE}</p></article><footer>© 2024</footer></body></html>"
        ).encode(),
    ),
    (
        "a.json",
        json.dumps(
            [
                {"title": "One", "text": GOOD_ARTICLE, "date": "2024-02-13", "id": 7},
                {"headline": "Two", "body": f"<p>{GOOD_ARTICLE}</p>", "url": "https://x.test/2"},
            ]
        ).encode(),
    ),
    (
        "a.jsonl",
        (
            json.dumps({"title": "One", "text": GOOD_ARTICLE})
            + "\n\n"
            + json.dumps({"content": GOOD_ARTICLE, "published": "2024-02-14"})
            + "\n"
        ).encode(),
    ),
    (
        "a.rss",
        (
            '<?xml version="1.0"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>F</title>'
            "<item><title>AT&amp;T</title><link>https://x.test/1</link>"
            "<pubDate>Tue, 13 Feb 2024 09:00:00 GMT</pubDate>"
            f"<description>{GOOD_ARTICLE}</description><content:encoded><![CDATA[<p>"
            f"{GOOD_ARTICLE}</p>]]></content:encoded></item></channel></rss>"
        ).encode(),
    ),
    (
        "a.atom",
        (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            '<title>A</title><entry><title>E</title><link href="https://x.test/e"/>'
            f"<updated>2024-02-14T10:00:00Z</updated><summary>{GOOD_ARTICLE}</summary>"
            "</entry></feed>"
        ).encode(),
    ),
]
SEEDS += [(f"{name}.gz", gzip.compress(data, mtime=0)) for name, data in SEEDS[:4]]

#: Byte strings a mutation splices in: what broke readers once, and what often does.
TOKENS: list[bytes] = [
    b"&#1114112;", b"&#x110000;", b"&#0;", b"&#xD800;", b"&amp;amp;", b"<body>", b"</body>",
    b"<head>", b"<html>", b"<!--", b"<![CDATA[", b"]]>", b"\x00", b"\x01", b"\x1b[31m", b"\r",
    b"\xff\xfe", b"\xef\xbb\xbf", b"\xc3\x28", b'"', b"{", b"}", b"[", b"]", b",", b":",
    b"\\ud800", b"\\u0000", b"1" * 5000, b"1e999999", b"-0", b"null", b"[" * 2000,
    b'<?xml version="1.0" encoding="punycode"?>', b'<?xml version="1.0" encoding="utf-16"?>',
    b"<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>", b"&b;",
    b"<p><b><i>x</i></b></p>" * 50, b"\n" * 1000, b" " * 1000, b"<script>x()</script>",
    b"<entry>", b"<item>", b"</item>", b"<description>", b"<content type='xhtml'>",
]  # fmt: skip


def busy_parse(seconds: float) -> str:
    """Stands in for a parser that runs away working (CPU time, not waiting)."""
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    return "done"
