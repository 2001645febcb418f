"""RSS and Atom feeds: one record per entry (its full content, else its summary, as text;
its published or updated date as the date field). A "feed" that turns out to be a web page is
read as one; a malformed feed with usable entries still yields them.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from storyline.errors import IngestError
from storyline.ingest.html import html_fragment_to_text, looks_like_html
from storyline.ingest.options import IngestOptions
from storyline.ingest.records import Item, html_record
from storyline.models import RawRecord, Skipped


def feed_records(data: bytes, text: str, source: str, options: IngestOptions) -> Iterator[Item]:
    import feedparser

    # A file object, never bare bytes: feedparser treats a bytes body that looks like a path as
    # a file name to open (a "feed" whose body is "/dev/zero" would read forever).
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({type(problem).__name__}: {problem})" if problem else ""
        if looks_like_html(text.lstrip()[:1000].lower()):
            yield html_record(text, source, None, options)
            return
        raise IngestError(source, f"malformed or empty feed, no entries{detail}")
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    usable = [e for e in parsed.entries if _entry_body(e)]
    if problem is not None and not usable:
        raise IngestError(source, f"malformed feed ({type(problem).__name__}: {problem})")
    for index, entry in enumerate(parsed.entries):
        where = f"{source}#{index}"
        body = _entry_body(entry)
        if not body:
            yield Skipped(source=where, reason="feed entry has neither content nor summary")
            continue
        if looks_like_html(body.lstrip()[:200].lower()) or "<" in body:
            body = html_fragment_to_text(body)
        date = None
        for key in ("published_parsed", "updated_parsed"):
            stamp = entry.get(key)
            if stamp:
                date = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}"
                break
        yield RawRecord(
            source=where,
            kind="feed",
            text=body,
            title=entry.get("title"),
            url=entry.get("link"),
            byline=entry.get("author"),
            date_field=date,
        )


def _entry_body(entry: Any) -> str | None:
    """A feed entry's full content if present, else its summary."""
    contents = entry.get("content") or []
    body = contents[0].get("value") if contents else entry.get("summary")
    return body if body and body.strip() else None
