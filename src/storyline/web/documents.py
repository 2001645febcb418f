"""Page data about documents: listing rows, the sources page, one source with everything
highlighted in its text, full-text search, and the figures page — each read from the store a
page at a time (see ``views``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from storyline.models import DuplicateGroup, Figure, FigureGroup, Quality, Story
from storyline.store import Store
from storyline.text.readable_dates import readable_timex
from storyline.web.schemas import (
    DocumentRow,
    FigureGroupOut,
    FiguresPage,
    Highlight,
    SearchHitOut,
    SearchPage,
    SentenceHitOut,
    SourcePage,
    SourcesPage,
)
from storyline.web.security import safe_url

MARKS = ("\ue000", "\ue001")  # private-use characters: never in article text as markers
TITLE_CHARS = 90
SEARCH_DOCUMENTS = 20
SEARCH_SENTENCES = 30
#: Near-duplicate groups listed on the sources page (the rest are counted).
LISTED_DUPLICATES = 100
#: Figures the figures list shows of each group (conflicting groups hold hundreds).
FIGURE_PREVIEW = 10
#: A figure group's own page (its id is free text, "/" included: a query parameter).
GROUP_API = "/api/figures/group"


# -- rows ---------------------------------------------------------------------------------
def document_rows(store: Store, ids: Sequence[str]) -> list[DocumentRow]:
    """Listing rows of these documents, in the order given (unknown ids left out)."""
    return [_row(header) for header in store.document_rows(ids)]


def _row(header: dict[str, Any]) -> DocumentRow:
    title = str(header["title"] or "").strip()
    source = str(header["source"])
    return DocumentRow(
        id=header["id"],
        title=title or _lead(str(header.get("lead") or "")) or header["id"],
        has_title=bool(title),
        published=header["published"],
        date_source=header["date_source"],
        source=source if "://" in source else source.replace("\\", "/").rsplit("/", 1)[-1],
        source_kind=str(header["source_kind"]),
        url=safe_url(header["url"]),
        chars=int(header["chars"] or 0),
        score=header["score"],
        story_id=header["story_id"],
    )


def _lead(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(first) <= TITLE_CHARS:
        return first
    return first[:TITLE_CHARS].rsplit(" ", 1)[0] + " …"


# -- sources ------------------------------------------------------------------------------
def sources_page(store: Store, limit: int, offset: int = 0) -> SourcesPage:
    total = store.document_dates()[0]
    duplicates = store.corpus_page("duplicate", DuplicateGroup, LISTED_DUPLICATES)
    return SourcesPage(
        sources=document_rows(store, store.ranked_document_ids(limit, offset)),
        total=total,
        offset=offset,
        limit=limit,
        skipped=store.last_skipped(),
        duplicates=duplicates,
        duplicate_groups=store.count_corpus("duplicate"),
    )


def source_page(store: Store, doc_id: str) -> SourcePage | None:
    document = store.document(doc_id)
    rows = document_rows(store, [doc_id])
    if document is None or not rows:
        return None
    row = rows[0]
    analyses = store.analyses([doc_id])
    analysis = analyses[0] if analyses else None
    highlights: list[Highlight] = []
    if analysis is not None:
        names = store.entity_names([m.entity_id for m in analysis.mentions if m.entity_id])
        events = store.event_of_mentions([e.id for e in analysis.events])
        groups = store.group_of_figures([f.id for f in analysis.figures])
        for m in analysis.mentions:
            known = names.get(m.entity_id or "")
            label = f"{m.label}: {known[0] if known else m.text}"
            ref = m.entity_id if known else None
            highlights.append(_highlight("entity", m.provenance, label, ref))
        for e in analysis.events:
            label = f"{e.type}{f' ({e.mode})' if e.mode else ''}: {e.trigger}"
            highlights.append(_highlight("event", e.provenance, label, events.get(e.id)))
        for f in analysis.figures:
            label = f"{f.kind}: {f.measure}"
            highlights.append(_highlight("figure", f.provenance, label, groups.get(f.id)))
        for t in analysis.timexes:
            label = f"{t.type.lower()}: {readable_timex(t.type, t.value, t.range_end)}"
            highlights.append(_highlight("timex", t.provenance, label, None))
    highlights.sort(key=lambda h: (h.start, -h.end, h.kind))
    canonical = store.duplicate_group_of(doc_id)
    return SourcePage(
        document=document,
        row=row,
        quality=store.corpus_item("quality", doc_id, Quality),
        rank=store.document_rank(doc_id),
        story=store.corpus_item("story", row.story_id, Story) if row.story_id else None,
        duplicates=(
            store.corpus_item("duplicate", canonical, DuplicateGroup) if canonical else None
        ),
        sentences=analysis.sentences if analysis else [],
        highlights=highlights,
    )


def _highlight(kind, provenance, label: str, ref: str | None) -> Highlight:
    return Highlight(kind=kind, start=provenance.start, end=provenance.end, label=label, ref=ref)


# -- search -------------------------------------------------------------------------------
def search_page(store: Store, query: str) -> SearchPage:
    """Documents and sentences matching ``query``: plain words as typed, or FTS5 syntax when
    the query holds its operators (``store.search``)."""
    hits = store.search_marked(query, SEARCH_DOCUMENTS, MARKS, fts=None)
    sentences = store.search_sentences(query, SEARCH_SENTENCES, fts=None)
    rows = {r.id: r for r in document_rows(store, [h.doc_id for h in hits])}
    documents = []
    for hit in hits:
        snippet, matches = _unmark(hit.snippet)
        row = rows.get(hit.doc_id)
        documents.append(
            SearchHitOut(
                doc_id=hit.doc_id,
                title=row.title if row else hit.title or hit.doc_id,
                snippet=snippet,
                matches=matches,
                score=round(hit.score, 4),
            )
        )
    return SearchPage(
        query=query,
        documents=documents,
        sentences=[
            SentenceHitOut(
                doc_id=s.doc_id,
                index=s.index,
                start=s.start,
                end=s.end,
                text=s.text,
                score=round(s.score, 4),
            )
            for s in sentences
        ],
    )


def _unmark(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """The snippet without match markers, and the matched spans as offsets into it."""
    text: list[str] = []
    matches: list[tuple[int, int]] = []
    length, start = 0, None
    for char in snippet:
        if char == MARKS[0]:
            start = length
        elif char == MARKS[1]:
            if start is not None:
                matches.append((start, length))
            start = None
        else:
            text.append(char)
            length += 1
    return "".join(text), matches


# -- figures ------------------------------------------------------------------------------
def figures_page(store: Store, limit: int, offset: int = 0) -> FiguresPage:
    """Figure groups, conflicting first, each with its first ``FIGURE_PREVIEW`` figures (a
    group can hold hundreds: the rest are on the group's own page)."""
    ids = store.ranked_figure_group_ids(limit, offset)
    groups = store.corpus_items("figure-group", ids, FigureGroup)
    counts = store.figure_status_counts()
    previews = store.group_previews([(g.id, g.figure_ids) for g in groups], FIGURE_PREVIEW)
    return FiguresPage(
        groups=[_group_out(g, *previews[g.id], 0, FIGURE_PREVIEW) for g in groups],
        status_counts=counts,
        total=sum(counts.values()),
        offset=offset,
        limit=limit,
    )


def figure_group_page(
    store: Store, group_id: str, limit: int, offset: int = 0
) -> FigureGroupOut | None:
    """One figure group with a page of its figures (``limit`` from ``offset``)."""
    group = store.corpus_item("figure-group", group_id, FigureGroup)
    if group is None:
        return None
    stored, total = store.group_figures(group.id, limit, offset)
    return _group_out(group, stored, total, offset, limit, paged=True)


def _group_out(
    group: FigureGroup,
    stored: list[str],
    total: int,
    offset: int,
    limit: int,
    paged: bool = False,
) -> FigureGroupOut:
    """A page of the group's figures (``stored``: their JSON, from ``offset``; ``total``: how
    many it has); ``paged``: the next page keeps ``limit`` (a preview's rest comes at the
    API's own)."""
    after = offset + len(stored)
    rest = f"&offset={after}" + (f"&limit={limit}" if paged else "")
    return FigureGroupOut(
        group=group,
        figures=[Figure.model_validate_json(data) for data in stored],
        figure_total=total,
        figure_offset=offset,
        figures_next=(
            f"{GROUP_API}?id={quote(group.id, safe='')}{rest}" if after < total else None
        ),
    )
