"""RSS and Atom feeds: one record per entry (its full content, else its summary, as text;
its published or updated date as the date field). A "feed" that turns out to be a web page is
read as one; a malformed feed with usable entries still yields them.

feedparser runs in the budgeted worker (``budget``): its loose parser takes tens of seconds on
a megabyte of malformed markup, and it raises on some inputs (a character reference past
U+10FFFF, an XML declaration naming a codec that cannot decode the bytes). What comes back is
plain data; an entry whose content cannot be read is skipped alone.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from storyline.errors import IngestError
from storyline.ingest.budget import run_budgeted
from storyline.ingest.decode import strip_controls
from storyline.ingest.html import html_fragment_to_text, looks_like_html
from storyline.ingest.options import IngestOptions
from storyline.ingest.records import Item, html_record
from storyline.models import RawRecord, Skipped

#: Content types feedparser gives text that is already plain (anything else is HTML to it).
PLAIN_TYPES = ("text/plain",)


@dataclass(frozen=True)
class FeedEntry:
    """What storyline reads of one entry, as plain values (they cross a process boundary)."""

    body: str | None
    body_type: str
    title: str | None
    link: str | None
    author: str | None
    date: str | None


@dataclass(frozen=True)
class ParsedFeed:
    entries: list[FeedEntry] = field(default_factory=list)
    problem: str | None = None  # feedparser's "bozo" exception, as "Type: message"


#: A numeric character reference: decimal or hexadecimal.
_CHAR_REF = re.compile(rb"&#(?:([0-9]{1,12})|[xX]([0-9a-fA-F]{1,12}));")
#: The encoding an XML declaration names.
_DECLARED_ENCODING = re.compile(rb"^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*([\"'])[^\"']*\2")
_MAX_CODE_POINT = 0x10FFFF


def parse_feed(data: bytes) -> ParsedFeed:
    """feedparser over the bytes (runs in the budgeted worker); any exception it raises is an
    ``IngestError`` naming it.

    Two ways a feed makes feedparser raise are mended first, as browsers mend them: a
    character reference beyond Unicode (``&#1114112;``, or a lone surrogate no UTF-8 store
    holds) stands for U+FFFD, and an XML
    declaration naming a codec that cannot decode the bytes is read as if it named none."""
    import feedparser

    data = _CHAR_REF.sub(_valid_reference, data)
    try:
        # A file object, never bare bytes: feedparser treats a bytes body that looks like a
        # path as a file name to open (a "feed" whose body is "/dev/zero" would read forever).
        parsed = feedparser.parse(io.BytesIO(data))
    except (UnicodeError, LookupError):
        try:
            parsed = feedparser.parse(io.BytesIO(_DECLARED_ENCODING.sub(rb"\1", data, count=1)))
        except Exception as error:
            raise IngestError("", f"malformed feed ({_described(error)})") from None
    except Exception as error:  # feedparser raises ValueError, UnicodeError… on odd input
        raise IngestError("", f"malformed feed ({_described(error)})") from None
    bozo = parsed.get("bozo_exception") if parsed.get("bozo") else None
    return ParsedFeed(
        entries=[_entry(e) for e in parsed.entries],
        problem=_described(bozo) if bozo is not None else None,
    )


def feed_records(data: bytes, text: str, source: str, options: IngestOptions) -> Iterator[Item]:
    parsed = run_budgeted(options.budget, source, parse_feed, data)
    if not parsed.entries:
        detail = f" ({parsed.problem})" if parsed.problem else ""
        if looks_like_html(text.lstrip()[:1000].lower()):
            yield html_record(text, source, None, options)
            return
        raise IngestError(source, f"malformed or empty feed, no entries{detail}")
    usable = [e for e in parsed.entries if e.body]
    if parsed.problem is not None and not usable:
        raise IngestError(source, f"malformed feed ({parsed.problem})")
    for index, entry in enumerate(parsed.entries):
        yield _record(entry, f"{source}#{index}")


def _record(entry: FeedEntry, where: str) -> Item:
    if not entry.body:
        return Skipped(source=where, reason="feed entry has neither content nor summary")
    try:
        body = entry.body
        if entry.body_type in PLAIN_TYPES:
            pass
        elif "<" in body:  # HTML: block tags become line breaks, "&amp;" becomes "&"
            body = html_fragment_to_text(body)
        else:  # HTML without tags: only its character references ("AT&amp;T")
            body = html.unescape(body)
    except (ValueError, AssertionError, LookupError) as error:
        return Skipped(source=where, reason=f"feed entry could not be read ({_described(error)})")
    body = strip_controls(body)
    if not body.strip():
        return Skipped(source=where, reason="feed entry has no text once its HTML is removed")
    return RawRecord(
        source=where,
        kind="feed",
        text=body,
        title=entry.title,
        url=entry.link,
        byline=entry.author,
        date_field=entry.date,
    )


def _entry(entry: Any) -> FeedEntry:
    contents = entry.get("content") or []
    if contents:
        body, body_type = contents[0].get("value"), contents[0].get("type") or "text/html"
    else:
        detail = entry.get("summary_detail") or {}
        body, body_type = entry.get("summary"), detail.get("type") or "text/html"
    date = None
    for key in ("published_parsed", "updated_parsed"):
        stamp = entry.get(key)
        if stamp:
            date = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}"
            break
    return FeedEntry(
        body=body if isinstance(body, str) and body.strip() else None,
        body_type=str(body_type),
        title=_text(entry.get("title")),
        link=_text(entry.get("link")),
        author=_text(entry.get("author")),
        date=date,
    )


def _valid_reference(match: re.Match[bytes]) -> bytes:
    decimal, hexadecimal = match.groups()
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    valid = 0 < code <= _MAX_CODE_POINT and not 0xD800 <= code <= 0xDFFF  # no lone surrogates
    return match.group(0) if valid else b"&#65533;"


def _text(value: Any) -> str | None:
    return strip_controls(value) if isinstance(value, str) else None


def _described(error: BaseException) -> str:
    return f"{type(error).__name__}: {str(error)[:160]}"
