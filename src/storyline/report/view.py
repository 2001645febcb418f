"""What the report shows, computed once from a ``Briefing``; the Markdown and HTML draw it.

Sections: the cited summary, the timeline (dated, undated and planned events apart), key
actors (graph and who-dealt-with-whom table, people and places), figures grouped by measure
with their cross-source status, stories, sources with quality scores and reasons, removed
furniture, and each source's clean text with anchors at every quoted sentence. Every section
works on whatever the briefing holds: an empty list is a section that says so, never an error.

This module assembles the view and holds the summary and the headline counts; each section
is built in its own module (``timeline``, ``actors``, ``figures``, ``stories``, ``sources``),
and dates are written one way by ``dates``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, partial

from storyline.briefing.compose import briefing_records
from storyline.data import read_toml
from storyline.models import Briefing, BriefingRecords, Document, Skipped
from storyline.report.actors import (
    PLACE_TYPES,
    EntityRow,
    Interaction,
    interactions,
    people,
    ranked_entities,
    topic,
)
from storyline.report.cite import Citations, Cite, source_labels
from storyline.report.dates import human_date
from storyline.report.figures import FigureRow, figure_rows
from storyline.report.graph import ActorGraph, actor_graph
from storyline.report.sources import SourceView, source_view
from storyline.report.stories import StoryItem, StorylineItem, stories, storylines
from storyline.report.svg import ChartItem, TimelineChart, timeline_chart
from storyline.report.text import source_blocks
from storyline.report.timeline import DateGroup, EventItem, by_date, event_item, timeline
from storyline.text.readable_dates import readable_span

CHART_WIDTHS = {"wide": 760, "narrow": 360}


@cache
def settings() -> dict:
    """assets/report.toml: event tones, factuality classes, graph and list limits."""
    return read_toml("assets/report.toml", package="storyline.report")


#: Where the report reads the clean texts it shows: a function from document ids to documents
#: (``Store.documents``), or the documents themselves. The briefing holds no texts.
DocumentTexts = Callable[[list[str]], Iterable[Document]] | Iterable[Document]


@dataclass
class SummaryItem:
    text: str
    when: str | None
    cites: list[Cite]


@dataclass
class ReportView:
    title: str
    topic: list[str]
    generated_by: str
    stats: list[tuple[str, str]]
    summary: list[SummaryItem]
    dated: list[DateGroup]
    undated: list[EventItem]
    planned: list[EventItem]
    charts: dict[str, TimelineChart]
    graph: ActorGraph
    interactions: list[Interaction]
    people: list[EntityRow]
    places: list[str]
    figures: list[FigureRow]
    stories: list[StoryItem]
    storylines: list[StorylineItem]
    sources: list[SourceView]
    by_quality: list[SourceView]
    skipped: list[Skipped]
    texts: list[SourceView]  # sources whose clean text the report includes
    audited: list[SourceView]  # sources whose removed text is listed (document order)
    cut: dict[str, tuple[int, int]]  # section → (shown, total) where a limit cut it

    @property
    def has_events(self) -> bool:
        return bool(self.dated or self.undated or self.planned)


def make_view(
    briefing: Briefing, texts: DocumentTexts | None = None, records: BriefingRecords | None = None
) -> ReportView:
    """Everything the report draws, with every quoted sentence registered for anchoring.

    The sources' clean texts come from ``texts`` (the store); without it the report lists the
    sources and cites them whole, with no text to anchor a sentence in. ``records`` are the
    full records the briefing abridges (the store's, or the build's in memory): an event cites
    its first mention in each of its documents, a measure shows every figure, a source the
    reasons for its score. Without them the report draws what the briefing keeps: example
    mentions and figures, and bare scores."""
    records = records or briefing_records(briefing)
    config = settings()
    documents = {d.id: d for d in briefing.documents}
    labels = source_labels(documents)
    citations = Citations(documents, labels, sentence_anchors=texts is not None)
    tones = {t: tone for tone in ("cooperation", "conflict") for t in config["event_tone"][tone]}
    happened = frozenset(config["factuality"]["happened"])
    planned_kinds = frozenset(config["factuality"]["planned"])
    events_by_id = {e.id: e for e in records.events}

    limits = config["limits"]
    summary = _summary(briefing, citations)
    dated, undated, planned, total_events = timeline(
        briefing, events_by_id, citations, tones, happened, planned_kinds, limits["events"]
    )
    items = {i.event_id: i for i in [*dated, *undated, *planned]}
    chart_items = [
        ChartItem(
            i.date,
            i.date_end,
            i.tone,
            i.factuality in planned_kinds,
            f"#{i.anchor}",
            f"{i.when}: {i.label}",
        )
        for i in [*dated, *planned]
        if i.date
    ]
    graph_cfg = config["graph"]
    graph = actor_graph(
        list(events_by_id.values()),
        tones,
        happened,
        planned_kinds,
        graph_cfg["max_nodes"],
        graph_cfg["max_actors_per_event"],
        graph_cfg["iterations"],
    )
    quality = {q.doc_id: q for q in records.quality}
    sources = [source_view(d, labels[d.id], quality.get(d.id), limits) for d in briefing.documents]
    by_quality = sorted(sources, key=lambda s: (s.score is None, -(s.score or 0), s.doc.id))
    figures, total_figures = figure_rows(
        records.figures, briefing.figure_groups, citations, limits["figures"]
    )
    view = ReportView(
        title="",
        topic=topic(briefing.entities, len(documents)),
        generated_by=briefing.generated_by,
        stats=[],
        summary=summary,
        dated=by_date(dated),
        undated=undated,
        planned=planned,
        charts={k: c for k, w in CHART_WIDTHS.items() if (c := timeline_chart(chart_items, w))},
        graph=graph,
        interactions=interactions(
            graph,
            items,
            events_by_id,
            partial(event_item, citations=citations, tones=tones, anchored=False),
        ),
        people=people(briefing.entities, list(events_by_id.values()), labels, limits["people"]),
        places=[e.name for e in ranked_entities(briefing.entities, PLACE_TYPES)][
            : limits["places"]
        ],
        figures=figures,
        stories=[],
        storylines=[],
        sources=sources,
        by_quality=by_quality[: limits["sources"]],
        skipped=list(briefing.skipped),
        texts=[],
        audited=[],
        cut={},
    )
    view.stories = stories(briefing, {s.doc.id: s for s in sources}, items, events_by_id)
    view.storylines = storylines(briefing, view.stories)
    listed = {s.doc.id for s in view.by_quality}
    view.audited = [s for s in sources if s.doc.id in listed]
    view.title = "Briefing: " + ", ".join(view.topic) if view.topic else "Briefing"
    view.stats = _stats(view, briefing)
    # last: every section has registered the sentences it quotes
    shown = {s.doc.id for s in by_quality[: limits["texts"]]} | citations.cited
    full = _full_documents(texts, shown)
    for source in sources:
        if source.doc.id in shown:
            document = full.get(source.doc.id)
            if document is not None:
                source.blocks = source_blocks(document, citations.spans.get(document.id, ()))
                source.has_text = True
            view.texts.append(source)
    view.cut = {
        name: (shown, total)
        for name, shown, total in (
            ("timeline", len(items), total_events),
            ("figures", len(figures), total_figures),
            ("sources", len(view.by_quality), len(sources)),
            ("texts", len(view.texts), len(sources)),
        )
        if shown < total
    }
    return view


def _full_documents(texts: DocumentTexts | None, ids: set[str]) -> dict[str, Document]:
    """The documents ``ids`` with their texts, read once for the whole report."""
    if texts is None or not ids:
        return {}
    found: Iterable[Document] = texts(sorted(ids)) if callable(texts) else texts
    return {d.id: d for d in found if d.id in ids}


def _summary(briefing: Briefing, citations: Citations) -> list[SummaryItem]:
    if briefing.summary is None:
        return []
    result = []
    for sentence in briefing.summary.sentences:
        cites = citations.cites(sentence.evidence)
        cited = {c.doc_id for c in cites}
        cites += [citations.whole(d) for d in sentence.documents if d not in cited]
        when = human_date(sentence.date) if sentence.date else None
        result.append(SummaryItem(sentence.text, when, cites))
    return result


def _stats(view: ReportView, briefing: Briefing) -> list[tuple[str, str]]:
    dated_docs = sum(1 for d in briefing.documents if d.published)
    ends = [v for g in view.dated for i in g.items for v in (i.date, i.date_end)]
    span = readable_span(ends)  # each end at its own granularity: '1967 – 3 May 2011'
    stats = [
        (str(len(briefing.documents)), f"sources ({dated_docs} dated)"),
        (str(sum(len(g.items) for g in view.dated) + len(view.undated)), "events"),
        (str(len(view.graph.nodes)), "actors linked"),
        (str(len(view.figures)), "measures with figures"),
        (str(len(briefing.stories)), "stories"),
        (str(len(view.storylines)), "storylines"),
    ]
    if span:
        stats.insert(1, (span, "dated events span"))
    if briefing.skipped:
        stats.append((str(len(briefing.skipped)), "inputs skipped"))
    return stats
