"""HTML pieces too fiddly for a template: the annotated article text, search snippets and the
timeline chart. Every piece of text goes through ``escape``; only our own tags are added.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from urllib.parse import quote

from markupsafe import Markup, escape

from storyline.models import Provenance, Sentence, TimelineEntry
from storyline.report.svg import day_range
from storyline.store.listing_sql import PREVIEW_SOURCES
from storyline.web.schemas import Facet, Highlight

#: Source chips a statement shows where it is one of many (a story card's summary sentence, a
#: timeline entry, an event on an entity's page), then "+N more sources" to the page that lists
#: them all. A reader there asks "what happened, and is it corroborated?": one chip says who
#: reported it, two or three that others confirm, and a chip opens the sentence to check it. A
#: statement of a big story cites hundreds of articles; listing them all made one page of story
#: cards of a 10,000-document store 1.8 MB of chips no one reads there. The statement's own page
#: (the story, the event) and its JSON keep every source; a story card's JSON carries the
#: first ones and how many there are.
SOURCE_PREVIEW = PREVIEW_SOURCES  # the store's previews keep as many


def path_part(value: str) -> str:
    """An id quoted for use as one URL path segment."""
    return quote(value, safe="")


def anchor(value: str) -> str:
    """A stable HTML id for an arbitrary string id (figure groups have '|' and ':' in theirs)."""
    return "g" + hashlib.sha1(value.encode("utf-8")).hexdigest()[:10]


def href_for(highlight: Highlight) -> str | None:
    if highlight.ref is None:
        return None
    if highlight.kind == "entity":
        return f"/entities/{path_part(highlight.ref)}"
    if highlight.kind == "event":
        return f"/events/{path_part(highlight.ref)}"
    if highlight.kind == "figure":
        return group_href(highlight.ref)
    return None


def group_href(group_id: str) -> str:
    """A figure group's own page (its id is free text, "/" included: a query parameter)."""
    return f"/figures/group?id={quote(group_id, safe='')}"


def cite_href(doc_id: str, start: int, end: int) -> str:
    """The source page, scrolled to and marking the cited span."""
    return f"/sources/{path_part(doc_id)}?span={start}-{end}#at"


def short_id(doc_id: str) -> str:
    """A document id as a chip shows it: the part before its first "_" when that part is short
    (a feed's or file's stem), else its first 12 characters."""
    head = doc_id.split("_", 1)[0]
    return head if "_" in doc_id and len(head) <= 12 else doc_id[:12]


def doc_chip(
    doc_id: str, start: int | None = None, end: int | None = None, title: str = ""
) -> Markup:
    """A document's citation chip: a link to its source page, scrolled to the cited span when
    there is one. A page of story cards or of an entity's mentions has a thousand chips; built
    here instead of by a template macro (whose call costs more than the chip), each is one
    f-string, with every part escaped (``Markup.format`` costs five times as much)."""
    href = f"/sources/{path_part(doc_id)}"
    if start is not None:
        href += f"?span={start}-{end}#at"  # as cite_href
    return Markup(
        f'<a class="chip doc" href="{escape(href)}" title="{escape(title or doc_id)}">'
        f"{escape(short_id(doc_id))}</a>"
    )


def facet_options(facets: Sequence[Facet], chosen: str | None, counted: bool) -> Markup:
    """A filter's options, ``chosen`` selected, each with its count when ``counted``: the
    timeline offers a few hundred (actors, types, stories) on every page, and the template's
    loop over them was most of the page's time; one f-string each, as ``doc_chip``."""
    return Markup(
        "".join(
            f'<option value="{escape(f.value)}"{" selected" if f.value == chosen else ""}>'
            f"{escape(f.label)}{f' ({f.count})' if counted else ''}</option>"
            for f in facets
        )
    )


def per_document(evidence: Sequence[Provenance]) -> list[Provenance]:
    """The first piece of evidence from each document: one citation chip per source."""
    seen: dict[str, Provenance] = {}
    for item in evidence:
        seen.setdefault(item.doc_id, item)
    return list(seen.values())


def evidence_preview(
    evidence: Sequence[Provenance], href: str, limit: int, total: int | None = None
) -> Markup:
    """A statement's sources where it is one of many: the first ``limit`` chips (one per
    source) and "+N more sources" linking to ``href``, the page that lists them all
    (``SOURCE_PREVIEW`` says why); ``total``: how many sources it has where ``evidence`` is
    already cut to the first ones. A page of story cards or of the timeline shows hundreds."""
    chips = per_document(evidence)
    count = len(chips) if total is None else total
    out = "".join(str(doc_chip(p.doc_id, p.start, p.end, p.sentence)) for p in chips[:limit])
    if count > limit:
        more = count - limit
        out += (
            f' <a class="more-sources" href="{escape(href)}">'
            f"+{more} more source{'s' if more != 1 else ''}</a>"
        )
    return Markup(out)


def annotated_text(
    text: str,
    sentences: Sequence[Sentence],
    highlights: Sequence[Highlight],
    target: tuple[int, int] | None = None,
) -> Markup:
    """The clean text as HTML: each sentence a ``span#c{start}`` (the anchor citations link
    to), each highlighted stretch a link to what was found there, the ``target`` span (a
    citation being followed) marked ``#at``. Overlapping highlights are cut at every boundary;
    a stretch links to the innermost of the highlights covering it."""
    size = len(text)
    spans = [h for h in highlights if 0 <= h.start < h.end <= size]
    cuts = {0, size}
    for s in sentences:
        cuts.update((max(0, min(s.start, size)), max(0, min(s.end, size))))
    for h in spans:
        cuts.update((h.start, h.end))
    if target is not None:
        target = (max(0, min(target[0], size)), max(0, min(target[1], size)))
        cuts.update(target)
    starts = {s.start: s.end for s in sentences if 0 <= s.start < s.end <= size}
    by_start = sorted(spans, key=lambda h: h.start)
    active: list[Highlight] = []
    out: list[str] = []
    open_until: int | None = None  # end of the sentence span now open
    target_open = False
    next_span = 0
    points = sorted(cuts)
    for a, b in pairwise(points):
        if open_until is not None and a >= open_until:
            out.append("</span>")
            open_until = None
        if a in starts and open_until is None:
            out.append(f'<span class="sent" id="c{a}">')
            open_until = starts[a]
        while next_span < len(by_start) and by_start[next_span].start <= a:
            active.append(by_start[next_span])
            next_span += 1
        active = [h for h in active if h.end > a]
        piece = str(escape(text[a:b]))
        if active:
            kinds = sorted({h.kind for h in active})
            classes = " ".join(["hl", *(f"hl-{k}" for k in kinds)])
            linked = [h for h in active if href_for(h)]
            title = escape(" · ".join(dict.fromkeys(h.label for h in active)))
            if linked:
                inner = min(linked, key=lambda h: h.end - h.start)
                piece = (
                    f'<a class="{classes}" href="{escape(href_for(inner))}" '
                    f'title="{title}">{piece}</a>'
                )
            else:
                piece = f'<mark class="{classes}" title="{title}">{piece}</mark>'
        if target is not None and target[0] <= a < target[1]:
            marker = "" if target_open else ' id="at"'
            piece = f'<span class="target"{marker}>{piece}</span>'
            target_open = True
        out.append(piece)
    if open_until is not None:
        out.append("</span>")
    return Markup("".join(out))


def marked_snippet(snippet: str, matches: Sequence[tuple[int, int]]) -> Markup:
    out, last = [], 0
    for start, end in matches:
        out.append(str(escape(snippet[last:start])))
        out.append(f"<mark>{escape(snippet[start:end])}</mark>")
        last = end
    out.append(str(escape(snippet[last:])))
    return Markup("".join(out))


# -- the timeline chart -------------------------------------------------------------------
@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    entry: TimelineEntry


@dataclass(frozen=True)
class ChartTick:
    x: float
    label: str


@dataclass(frozen=True)
class ChartMore:
    """How many more events a full column holds than it draws."""

    x: float
    y: float
    count: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    axis_y: float
    left: float
    right: float
    points: list[ChartPoint]
    ticks: list[ChartTick]
    more: list[ChartMore]


MAX_STACK = 8  # points drawn in one column; the list below the chart has every event


def _day(value: str) -> date | None:
    """The first day an ISO date, month or year names."""
    span = day_range(value)
    return span[0] if span else None


def timeline_chart(entries: Sequence[TimelineEntry], width: int, max_ticks: int) -> Chart | None:
    """Dated entries placed on a time axis, in date order; entries on one day (or on days too
    close to draw apart at this width) stack upwards."""
    dated = [(d, e) for e in entries if e.date and (d := _day(e.date)) is not None]
    if not dated:
        return None
    first = min(d for d, _ in dated).toordinal()
    last = max(d for d, _ in dated).toordinal()
    span = max(last - first, 1)
    pad = 30.0
    left, right = pad, width - pad
    step, gap = 18.0, 18.0  # vertical step of a stack; closest two columns may stand
    columns: list[list[tuple[float, TimelineEntry]]] = []  # days too close to tell apart share one
    for d, entry in sorted(dated, key=lambda pair: pair[0]):
        x = left + (right - left) * ((d.toordinal() - first) / span if last > first else 0.5)
        if columns and x - columns[-1][0][0] < gap:
            columns[-1].append((columns[-1][0][0], entry))
        else:
            columns.append([(x, entry)])
    tallest = min(max(len(c) for c in columns), MAX_STACK)
    axis_y = 24 + step * tallest + (14 if any(len(c) > MAX_STACK for c in columns) else 0)
    height = int(axis_y + 40)
    points = [
        ChartPoint(x=round(x, 1), y=axis_y - 12 - step * level, entry=entry)
        for column in columns
        for level, (x, entry) in enumerate(column[:MAX_STACK])
    ]
    more = [
        ChartMore(
            x=round(c[0][0], 1), y=axis_y - 12 - step * MAX_STACK + 4, count=len(c) - MAX_STACK
        )
        for c in columns
        if len(c) > MAX_STACK
    ]
    ticks = _ticks(first, last, left, right, max_ticks)
    return Chart(width, height, axis_y, left, right, points, ticks, more)


def _ticks(first: int, last: int, left: float, right: float, max_ticks: int) -> list[ChartTick]:
    start, end = date.fromordinal(first), date.fromordinal(last)
    if first == last:
        return [ChartTick(x=round((left + right) / 2, 1), label=start.isoformat())]
    span = last - first
    # Candidate tick dates: days, first of months, or first of years, by the span shown.
    if span <= 31:
        candidates = [date.fromordinal(o) for o in range(first, last + 1)]
        fmt = "{day} %b"  # the day without a leading zero, portably (no glibc "%-d")
    elif span <= 3 * 366:
        candidates = [
            date(y, m, 1)
            for y in range(start.year, end.year + 1)
            for m in range(1, 13)
            if start <= date(y, m, 1) <= end
        ]
        fmt = "%b %Y"
    else:
        candidates = [
            date(y, 1, 1) for y in range(start.year, end.year + 1) if start <= date(y, 1, 1) <= end
        ]
        fmt = "%Y"
    candidates = candidates or [start]
    every = max(1, -(-len(candidates) // max_ticks))
    chosen = candidates[::every]
    return [
        ChartTick(
            x=round(left + (right - left) * (d.toordinal() - first) / span, 1),
            label=d.strftime(fmt.replace("{day}", str(d.day))),
        )
        for d in chosen
    ]
