"""HTML → article text and metadata, delegated to trafilatura (text) and htmldate (dates).

trafilatura's cascade (its own extractor, then readability/justext fallbacks) is the precise
tool for main-text extraction; this module only adapts its output to storyline's records.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

for noisy in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(noisy).setLevel(logging.CRITICAL)

_HTML_START = re.compile(
    r"^(?:<!doctype html|<html|<head|<body|<meta|<title|<div|<p[ >]|<article|<!--)"
)


#: C0 controls lxml refuses in text (all but tab, newline, carriage return).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

#: Errors that mean our own code called a library wrongly, not that a page is malformed.
PROGRAMMING_ERRORS = (TypeError, AttributeError, NameError, ImportError)


@dataclass(frozen=True)
class ExtractedPage:
    text: str
    title: str | None
    author: str | None
    date: str | None  # the page's original publication date, ISO, per htmldate
    url: str | None


def looks_like_html(head: str) -> bool:
    """True when lower-cased leading text opens like an HTML document or fragment."""
    return bool(_HTML_START.match(head.lstrip()))


def extract_html(
    html: str, url: str | None = None, today: str | None = None
) -> ExtractedPage | None:
    """Main text and metadata of a page, or None when no article text is found."""
    import trafilatura
    from htmldate import find_date

    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"original_date": True, "max_date": today} if today else None,
        )
    except PROGRAMMING_ERRORS:
        raise  # our call is wrong (an API change): never pass it off as a bad page
    except Exception:  # trafilatura raises assorted lxml/parser errors on broken markup
        result = None
    if result is None:
        return None
    doc = result if isinstance(result, dict) else result.as_dict()
    text = doc.get("text") or ""
    if not text.strip():
        return None
    try:
        # bytes, not str: htmldate fetches a str that looks like a URL (no server-side requests
        # on behalf of article content)
        date = find_date(
            html.encode("utf-8"),
            original_date=True,
            extensive_search=True,
            url=url,
            max_date=today,
        )
    except PROGRAMMING_ERRORS:
        raise
    except Exception:  # htmldate on malformed markup: no date rather than no document
        date = None
    return ExtractedPage(
        text=text,
        title=doc.get("title"),
        author=doc.get("author"),
        date=date or None,
        url=doc.get("url") or url,
    )


def html_fragment_to_text(fragment: str) -> str:
    """Text of an HTML snippet (a feed entry's content): one line per block element.

    lxml refuses control characters in text it sets and asserts on some broken documents
    ("too many bodies"); the snippet's tags are then stripped by pattern instead."""
    fragment = _CONTROLS.sub("", fragment)
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
        for bad in root.xpath("//script|//style|//noscript"):
            bad.drop_tree()
        for block in root.xpath("//p|//div|//br|//li|//h1|//h2|//h3|//h4|//h5|//h6|//blockquote"):
            block.tail = "\n" + (block.tail or "")
        text = root.text_content()
    except (etree.LxmlError, ValueError, AssertionError):
        text = html.unescape(re.sub(r"<[^>]+>", " ", fragment))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())
