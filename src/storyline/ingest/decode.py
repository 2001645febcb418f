"""Bytes → text: UTF-8 (BOM allowed) else the detected charset, with binary files refused
(by magic number, NUL bytes or control characters) and gzip data inflated under a cap; and
which format a text is when no name or content type says (``sniff``).

Control characters other than tab, newline, carriage return and form feed are never article
text: a few in a text file are dropped (``strip_controls``), so no NUL byte or C0 character
reaches the store or the XML libraries that refuse them; many make the file binary.
"""

from __future__ import annotations

import gzip
import io
import logging
import re
import zlib

import charset_normalizer

from storyline.errors import IngestError
from storyline.ingest.html import looks_like_html

log = logging.getLogger(__name__)

BINARY_MAGIC = {
    b"%PDF": "PDF document", b"\x89PNG": "PNG image", b"GIF8": "GIF image",
    b"\xff\xd8\xff": "JPEG image", b"PK\x03\x04": "ZIP archive", b"\x7fELF": "executable",
    b"\x1f\x8b": "gzip data without a .gz name",
}  # fmt: skip
#: Tie-break for charset detection: WHATWG maps "latin1" to windows-1252, the web's most common
#: legacy charset; the others follow by how often they occur on news sites.
_CHARSET_PREFERENCE = {
    name: rank
    for rank, name in enumerate(
        [
            "utf_8",
            "cp1252",
            "latin_1",
            "iso8859_15",
            "cp1251",
            "koi8_r",
            "gb18030",
            "big5",
            "shift_jis",
            "euc_jp",
            "euc_kr",
            "cp1250",
            "iso8859_2",
            "cp1256",
            "cp1253",
            "cp1254",
        ]
    )
}


#: C0 control characters that are not line or column breaks, and DEL.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
#: Share of control characters past which a text is taken for binary data.
BINARY_CONTROL_SHARE = 0.05


def strip_controls(text: str) -> str:
    """``text`` without NUL and the other C0 control characters that are not line or column
    breaks: no article holds them, and lxml and SQLite tools choke on them."""
    return _CONTROLS.sub("", text) if _CONTROLS.search(text) else text


def decode(data: bytes, source: str) -> str:
    """Bytes → text: UTF-8 (BOM allowed), else the detected charset; binary is refused."""
    if not data:
        raise IngestError(source, "empty file (0 bytes)")
    if not data.strip():
        raise IngestError(source, "empty file (only whitespace, no text)")
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise IngestError(source, f"binary file ({what}), not text")
    sample = data[:8192]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(source, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        text = _detect_and_decode(data, source, error.start)
    head = text[:8192]
    controls = sum(1 for ch in head if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > BINARY_CONTROL_SHARE * len(head):
        raise IngestError(source, "binary file (mostly control characters), not text")
    # Past the sample: NUL bytes anywhere still mark binary data when there are many of them;
    # a few stray ones (a text file with a damaged tail) are dropped with the other controls.
    if text.count("\x00") > BINARY_CONTROL_SHARE * len(text):
        raise IngestError(source, "binary file (contains NUL bytes), not text")
    return strip_controls(text)


def _detect_and_decode(data: bytes, source: str, bad_byte: int) -> str:
    """Charset detection; among equally good guesses prefer the web's common legacy charsets."""
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise IngestError(
            source, f"undecodable bytes: not UTF-8 (byte {bad_byte}) and no charset detected"
        )
    best = matches[0]
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    chosen = min(tied, key=lambda m: _CHARSET_PREFERENCE.get(m.encoding, len(_CHARSET_PREFERENCE)))
    log.info("%s: decoded as %s", source, chosen.encoding)
    return str(chosen)


def sniff(text: str) -> str:
    head = text.lstrip()[:1000].lower()
    if head.startswith("<?xml") or head.startswith(("<rss", "<feed", "<rdf")):
        return "feed" if any(tag in head for tag in ("<rss", "<feed", "<rdf")) else "html"
    if looks_like_html(head):
        return "html"
    if head.startswith(("{", "[")):
        return "json"
    return "txt"


def gunzip(data: bytes, source: str, max_bytes: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as error:  # zlib.error: a damaged deflate stream
        raise IngestError(source, f"corrupt gzip data ({error})") from None
    if len(out) > max_bytes:
        raise IngestError(source, f"too large once decompressed (over {max_bytes / 1e6:g} MB)")
    return out
