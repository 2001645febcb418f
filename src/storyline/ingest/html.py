"""HTML → article text and metadata, delegated to trafilatura (text) and htmldate (dates).

trafilatura's cascade (its own extractor, then readability/justext fallbacks) is the precise
tool for main-text extraction; this module only adapts its output to storyline's records. The
headline is chosen here among the page's own candidates (``og:title``, ``twitter:title``, the
``<h1>``, ``<title>`` and trafilatura's reading) by agreement, with the site name stripped
(``titles``).
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from typing import Literal

from lxml import etree
from lxml import html as lxml_html

from storyline.ingest.titles import TitleCandidate, choose_title, clean_title

for noisy in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(noisy).setLevel(logging.CRITICAL)

_HTML_START = re.compile(
    r"^(?:<!doctype html|<html|<head|<body|<meta|<title|<div|<p[ >]|<article|<!--)"
)


#: C0 controls lxml refuses in text (all but tab, newline, carriage return).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

DateMethod = Literal["metadata", "text"]

#: Errors that mean our own code called a library wrongly, not that a page is malformed.
PROGRAMMING_ERRORS = (TypeError, AttributeError, NameError, ImportError)


@dataclass(frozen=True)
class ExtractedPage:
    text: str
    title: str | None
    author: str | None
    date: str | None  # the page's original publication date, ISO, per htmldate
    url: str | None
    date_method: DateMethod | None = None  # see ``page_date``


def looks_like_html(head: str) -> bool:
    """True when lower-cased leading text opens like an HTML document or fragment."""
    return bool(_HTML_START.match(head.lstrip()))


def extract_html(
    html: str, url: str | None = None, today: str | None = None
) -> ExtractedPage | None:
    """Main text and metadata of a page, or None when no article text is found."""
    import trafilatura

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
    candidates, site_names = title_candidates(html)
    candidates.append(TitleCandidate("trafilatura", doc.get("title") or ""))
    title = choose_title(candidates, site_names) or doc.get("title")
    date, method = page_date(html, url, today)
    return ExtractedPage(
        text=text,
        title=title,
        author=doc.get("author"),
        date=date,
        url=doc.get("url") or url,
        date_method=method,
    )


def page_date(
    html: str, url: str | None, today: str | None
) -> tuple[str | None, DateMethod | None]:
    """htmldate's original publication date and where it found it: the page's metadata (meta
    tags, JSON-LD, <time>, URL) or, only when those say nothing, its extensive search of the
    text — which falls back on copyright years and month-only dates (as YYYY-01-01 and
    YYYY-MM-01), so such a day from the text is dropped as a granularity artefact."""
    from htmldate import find_date

    # bytes, not str: htmldate fetches a str that looks like a URL (no server-side requests on
    # behalf of article content)
    data = html.encode("utf-8")
    for extensive in (False, True):
        try:
            found = find_date(
                data, original_date=True, extensive_search=extensive, url=url, max_date=today
            )
        except PROGRAMMING_ERRORS:
            raise
        except Exception:  # htmldate on malformed markup: no date rather than no document
            found = None
        if found and not (extensive and found.endswith("-01")):
            return found, ("text" if extensive else "metadata")
    return None, None


_META_TITLES = (
    ("og:title", "//meta[@property='og:title']/@content"),
    ("twitter:title", "//meta[@name='twitter:title' or @property='twitter:title']/@content"),
)
_SITE_NAMES = (
    "//meta[@property='og:site_name']/@content",
    "//meta[@name='application-name' or @name='apple-mobile-web-app-title']/@content",
)


def title_candidates(html: str) -> tuple[list[TitleCandidate], list[str]]:
    """The page's headline candidates, in order of trust, and the site's names (to strip)."""
    try:
        root = lxml_html.document_fromstring(html.encode("utf-8"))
    except (etree.LxmlError, ValueError, AssertionError):  # unparsable: trafilatura's title alone
        return [], []
    found: list[TitleCandidate] = []
    for source, path in _META_TITLES:
        found += [TitleCandidate(source, str(v)) for v in root.xpath(path)[:1]]
    for h1 in root.xpath("//h1")[:1]:
        found.append(TitleCandidate("h1", h1.text_content()))
    for title in root.xpath("//title")[:1]:
        found.append(TitleCandidate("title", title.text_content()))
    names = [clean_title(str(v)) for path in _SITE_NAMES for v in root.xpath(path)[:1]]
    return [c for c in found if clean_title(c.text)], [n for n in names if n]


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
