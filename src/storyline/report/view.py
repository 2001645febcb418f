"""What the report shows, computed once from a ``Briefing``; the Markdown and HTML draw it.

Sections: the cited summary, the timeline (dated, undated and planned events apart), key
actors (graph and who-dealt-with-whom table, people and places), figures grouped by measure
with their cross-source status, stories, sources with quality scores and reasons, removed
furniture, and each source's clean text with anchors at every quoted sentence. Every section
works on whatever the briefing holds: an empty list is a section that says so, never an error.
"""

from __future__ import annotations

import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from storyline.models import (
    Briefing,
    Document,
    Entity,
    Event,
    Figure,
    FigureGroup,
    Quality,
    Removal,
    Skipped,
    TimelineEntry,
)
from storyline.report.cite import Citations, Cite, anchor_key, source_labels
from storyline.report.graph import ActorGraph, actor_graph, actor_key
from storyline.report.svg import ChartItem, TimelineChart, day_range, timeline_chart
from storyline.report.text import TextBlock, source_blocks

DATE_SOURCES = {
    "field": "date field",
    "dateline": "dateline",
    "embedded-post": "embedded post",
    "html-meta": "page metadata",
    "in-text": "date in the text",
}
REMOVAL_KINDS = {"furniture": "site furniture", "repeat": "repeated text", "metadata": "metadata"}
STATUS_ORDER = {"conflicting": 0, "corroborated": 1, "related": 2, "single-source": 3, None: 4}
STATUS_WORDS = {
    "conflicting": "conflicting",
    "corroborated": "corroborated",
    "related": "related claims",
    "single-source": "single source",
    None: "not grouped",
}
PEOPLE_TYPES = ("PERSON", "ORG")
PLACE_TYPES = ("GPE", "LOC", "FAC")
CHART_WIDTHS = {"wide": 760, "narrow": 360}


@cache
def settings() -> dict:
    """assets/report.toml: event tones, factuality classes, graph and list limits."""
    return tomllib.loads(files("storyline.report").joinpath("assets", "report.toml").read_text())


@dataclass
class SourceView:
    doc: Document
    label: str
    key: str
    name: str
    titled: bool
    when: str
    date_note: str
    quality: Quality | None
    words: int
    removals: list[Removal]
    removal_note: str
    blocks: list[TextBlock] = field(default_factory=list)
    has_text: bool = False  # its clean text is in the report (see limits.texts)

    @property
    def score(self) -> float | None:
        return self.quality.score if self.quality else None

    @property
    def url(self) -> str | None:
        """The source's URL, only when it is a web address (never a ``javascript:`` one)."""
        url = (self.doc.url or "").strip()
        return url if url.lower().startswith(("http://", "https://")) else None


@dataclass
class SummaryItem:
    text: str
    when: str | None
    cites: list[Cite]


@dataclass
class EventItem:
    event_id: str
    anchor: str
    date: str | None
    date_end: str | None
    when: str
    label: str
    type: str
    mode: str | None
    tone: str
    factuality: str
    location: str | None
    cites: list[Cite]
    sources: list[str]


@dataclass
class DateGroup:
    when: str
    items: list[EventItem]


@dataclass
class Interaction:
    a: str
    b: str
    items: list[EventItem | str]


@dataclass
class EntityRow:
    name: str
    type: str
    roles: list[str]
    aliases: list[str]
    mentions: int
    sources: list[str]


@dataclass
class FigureChip:
    text: str
    notes: list[str]
    cites: list[Cite]


@dataclass
class FigureRow:
    measure: str
    status: str | None
    status_word: str
    explanation: str | None
    chips: list[FigureChip]
    sources: list[str]


@dataclass
class StoryItem:
    id: str
    headline: str
    label: str
    when: str
    sources: list[SourceView]
    events: list[EventItem | str]
    copies: list[str]


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
    sources: list[SourceView]
    by_quality: list[SourceView]
    skipped: list[Skipped]
    texts: list[SourceView]  # sources whose clean text the report includes
    audited: list[SourceView]  # sources whose removed text is listed (document order)
    cut: dict[str, tuple[int, int]]  # section → (shown, total) where a limit cut it

    @property
    def has_events(self) -> bool:
        return bool(self.dated or self.undated or self.planned)


def make_view(briefing: Briefing) -> ReportView:
    """Everything the report draws, with every quoted sentence registered for anchoring."""
    config = settings()
    documents = {d.id: d for d in briefing.documents}
    labels = source_labels(documents)
    citations = Citations(documents, labels)
    tones = {t: tone for tone in ("cooperation", "conflict") for t in config["event_tone"][tone]}
    happened = frozenset(config["factuality"]["happened"])
    planned_kinds = frozenset(config["factuality"]["planned"])
    events = {e.id: e for e in briefing.events}

    limits = config["limits"]
    summary = _summary(briefing, citations)
    dated, undated, planned, total_events = _timeline(
        briefing, events, citations, tones, happened, planned_kinds, limits["events"]
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
        briefing.events,
        tones,
        happened,
        planned_kinds,
        graph_cfg["max_nodes"],
        graph_cfg["max_actors_per_event"],
        graph_cfg["iterations"],
    )
    quality = {q.doc_id: q for q in briefing.quality}
    sources = [_source(d, labels[d.id], quality.get(d.id), limits) for d in briefing.documents]
    by_quality = sorted(sources, key=lambda s: (s.score is None, -(s.score or 0), s.doc.id))
    figures, total_figures = _figures(
        briefing.figures, briefing.figure_groups, citations, limits["figures"]
    )
    view = ReportView(
        title="",
        topic=_topic(briefing.entities, len(documents)),
        generated_by=briefing.generated_by,
        stats=[],
        summary=summary,
        dated=_by_date(dated),
        undated=undated,
        planned=planned,
        charts={k: c for k, w in CHART_WIDTHS.items() if (c := timeline_chart(chart_items, w))},
        graph=graph,
        interactions=_interactions(graph, items, events),
        people=_people(briefing.entities, briefing.events, labels, limits["people"]),
        places=[e.name for e in _ranked(briefing.entities, PLACE_TYPES)][: limits["places"]],
        figures=figures,
        stories=[],
        sources=sources,
        by_quality=by_quality[: limits["sources"]],
        skipped=list(briefing.skipped),
        texts=[],
        audited=[],
        cut={},
    )
    view.stories = _stories(briefing, {s.doc.id: s for s in sources}, items, events)
    listed = {s.doc.id for s in view.by_quality}
    view.audited = [s for s in sources if s.doc.id in listed]
    view.title = "Briefing: " + ", ".join(view.topic) if view.topic else "Briefing"
    view.stats = _stats(view, briefing)
    # last: every section has registered the sentences it quotes
    texts = {s.doc.id for s in by_quality[: limits["texts"]]} | citations.cited
    for source in sources:
        if source.doc.id in texts:
            source.blocks = source_blocks(source.doc, citations.spans.get(source.doc.id, ()))
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


def human_date(value: str | None, end: str | None = None) -> str:
    """'2023-12-27' → '27 Dec 2023'; a range → '25–29 Dec 2023'; other values as given."""
    if not value:
        return "undated"
    span = day_range(value)
    if span is None:
        return value
    first = _one_date(value)
    if not end or end == value or day_range(end) is None:
        return first
    last = _one_date(end)
    a, b = span[0], day_range(end)[1]
    if len(value) == len(end) == 10 and a.year == b.year:
        if a.month == b.month:
            return f"{a.day}–{last}"
        return f"{a.day} {a:%b}–{last}"
    return f"{first} – {last}"


def _one_date(value: str) -> str:
    day = day_range(value)[0]
    if len(value) == 10:
        return f"{day.day} {day:%b %Y}"
    if len(value) == 7:
        return f"{day:%B %Y}"
    return value


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


def _timeline(
    briefing: Briefing,
    events: dict[str, Event],
    citations: Citations,
    tones: dict[str, str],
    happened: frozenset[str],
    planned_kinds: frozenset[str],
    limit: int,
) -> tuple[list[EventItem], list[EventItem], list[EventItem], int]:
    """Timeline entries split into dated and undated happenings, and plans (from the timeline
    when it lists them, else from the events: a plan is never shown as a fact). Past ``limit``
    the entries most sources report are kept. Also returns how many there were in all."""
    chosen: list[tuple[str, TimelineEntry | Event]] = []
    for entry in briefing.timeline:
        if entry.factuality not in happened:
            chosen.append(("planned", entry))
        else:
            chosen.append(("dated" if entry.date else "undated", entry))
    listed = {e.event_id for e in briefing.timeline}
    for event in briefing.events:
        if (
            event.id not in listed
            and event.factuality in planned_kinds
            and not event.generic
            and any(a.entity_id or a.name for a in event.source or event.target)
        ):
            chosen.append(("planned", event))
    total = len(chosen)
    if total > limit:
        keep = sorted(range(total), key=lambda i: (-len(chosen[i][1].documents), i))[:limit]
        chosen = [chosen[i] for i in sorted(keep)]
    sections: dict[str, list[EventItem]] = {"dated": [], "undated": [], "planned": []}
    for section, item in chosen:
        if isinstance(item, TimelineEntry):
            sections[section].append(_entry_item(item, events.get(item.event_id), citations, tones))
        else:
            sections[section].append(_event_item(item, citations, tones))
    planned = sorted(
        sections["planned"], key=lambda i: (i.date is None, i.date or "", i.sources, i.event_id)
    )
    return sections["dated"], sections["undated"], planned, total


def _entry_item(
    entry: TimelineEntry, event: Event | None, citations: Citations, tones: dict[str, str]
) -> EventItem:
    label = event.label if event is not None else entry.label
    return EventItem(
        event_id=entry.event_id,
        anchor=f"ev-{anchor_key(entry.event_id)}",
        date=entry.date,
        date_end=entry.date_end,
        when=human_date(entry.date, entry.date_end),
        label=label,
        type=entry.type,
        mode=entry.mode,
        tone=tones.get(entry.type, "other"),
        factuality=entry.factuality,
        location=entry.location,
        cites=citations.cites(entry.evidence, per_document=1),
        sources=[citations.label(d) for d in entry.documents],
    )


def _event_item(event: Event, citations: Citations, tones: dict[str, str]) -> EventItem:
    return EventItem(
        event_id=event.id,
        anchor=f"ev-{anchor_key(event.id)}",
        date=event.date,
        date_end=event.date_end,
        when=human_date(event.date, event.date_end),
        label=event.label,
        type=event.type,
        mode=event.mode,
        tone=tones.get(event.type, "other"),
        factuality=event.factuality,
        location=event.location,
        cites=citations.cites((m.provenance for m in event.mentions), per_document=1),
        sources=[citations.label(d) for d in event.documents],
    )


def _by_date(items: list[EventItem]) -> list[DateGroup]:
    groups: list[DateGroup] = []
    for item in items:
        if groups and groups[-1].when == item.when:
            groups[-1].items.append(item)
        else:
            groups.append(DateGroup(item.when, [item]))
    return groups


def _interactions(
    graph: ActorGraph, items: dict[str, EventItem], events: dict[str, Event]
) -> list[Interaction]:
    """The graph's edges as rows, busiest first, each event linked to its timeline entry.

    Edges made by the same events around one actor are one row ("China, Iran — Putin"), so a
    list of co-signatories reads as one line, not one row each.
    """
    merged: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for edge in graph.edges:
        ids = tuple(i for i in edge.event_ids if i in events)
        a, b = graph.name(edge.a), graph.name(edge.b)
        a_first = (graph.degree(edge.a), b) >= (graph.degree(edge.b), a)
        hub, other = (a, b) if a_first else (b, a)
        merged.setdefault((hub, ids), []).append(other)
    rows = []
    for (hub, ids), others in merged.items():
        linked: list[EventItem | str] = [items.get(i) or events[i].label for i in ids]
        rows.append(Interaction(", ".join(sorted(others)), hub, linked))
    rows.sort(key=lambda r: (-len(r.items), r.b, r.a))
    return rows


def _ranked(entities: list[Entity], types: tuple[str, ...]) -> list[Entity]:
    return sorted(
        (e for e in entities if e.type in types and not e.linked_to),
        key=lambda e: (-len(e.documents), -e.mention_count, e.name),
    )


def _topic(entities: list[Entity], documents: int) -> list[str]:
    """The names most of the corpus is about: in at least half the sources, at most four."""
    ranked = _ranked(entities, ("PERSON", "ORG", "GPE"))
    common = [e.name for e in ranked if len(e.documents) * 2 >= max(documents, 1)]
    return common[:4]


def _people(
    entities: list[Entity], events: list[Event], labels: dict[str, str], limit: int
) -> list[EntityRow]:
    """People and organisations that matter to the story: those taking part in events, with a
    stated role, or named by more than one source; event participants first."""
    in_events: Counter[str] = Counter(
        actor_key(a) for e in events for a in [*e.source, *e.target] if a.entity_id
    )
    salient = [
        e
        for e in _ranked(entities, PEOPLE_TYPES)
        if in_events[e.id] or e.roles or len(e.documents) > 1
    ]
    ranked = sorted(
        salient, key=lambda e: (-in_events[e.id], -len(e.documents), -e.mention_count, e.name)
    )
    return [
        EntityRow(
            e.name,
            e.type,
            e.roles,
            [a for a in e.aliases if a != e.name],
            e.mention_count,
            [labels.get(d, d) for d in e.documents],
        )
        for e in ranked[:limit]
    ]


def _figures(
    figures: list[Figure], groups: list[FigureGroup], citations: Citations, limit: int
) -> tuple[list[FigureRow], int]:
    """One row per measure (figures no group claims get a row of their own), conflicting and
    corroborated first; at most ``limit`` rows, and how many there were in all."""
    by_id = {f.id: f for f in figures}
    grouped = {i for g in groups for i in g.figure_ids}
    rows: list[tuple[str, str | None, str | None, list[Figure]]] = [
        (g.measure, g.status, g.explanation, [by_id[i] for i in g.figure_ids if i in by_id])
        for g in groups
    ]
    rows += [(f.measure, None, None, [f]) for f in figures if f.id not in grouped]
    rows.sort(
        key=lambda r: (
            STATUS_ORDER.get(r[1], 4),
            -len({f.provenance.doc_id for f in r[3]}),
            r[0].lower(),
        )
    )
    return [_figure_row(*row, citations) for row in rows[:limit]], len(rows)


def _figure_row(
    measure: str,
    status: str | None,
    explanation: str | None,
    members: list[Figure],
    citations: Citations,
) -> FigureRow:
    chips: dict[tuple, FigureChip] = {}
    for figure in members:
        notes = [q for q in figure.qualifiers or [figure.qualifier] if q and q not in figure.text]
        if figure.period:
            notes.append(f"period {human_date(figure.period)}")
        key = (figure.provenance.doc_id, figure.text, tuple(notes))
        chip = chips.setdefault(key, FigureChip(figure.text, notes, []))
        cite = citations.cite(figure.provenance)
        if cite not in chip.cites:
            chip.cites.append(cite)
    sources = sorted({citations.label(f.provenance.doc_id) for f in members})
    return FigureRow(
        measure,
        status,
        STATUS_WORDS.get(status, status or ""),
        explanation,
        list(chips.values()),
        sources,
    )


def _stories(
    briefing: Briefing,
    sources: dict[str, SourceView],
    items: dict[str, EventItem],
    events: dict[str, Event],
) -> list[StoryItem]:
    copies = defaultdict(list)
    for group in briefing.duplicates:
        canonical = sources.get(group.canonical)
        for member in group.members:
            similarity = group.similarity.get(member)
            near = f" (~{similarity:.0%} overlap)" if similarity is not None else ""
            copies[member].append(
                f"{sources[member].label if member in sources else member} is a near-copy of "
                f"{canonical.label if canonical else group.canonical}{near}"
            )
    result = []
    for story in briefing.stories:
        members = [sources[d] for d in story.documents if d in sources]
        if story.first_date and story.last_date and story.first_date != story.last_date:
            when = f"{human_date(story.first_date)} – {human_date(story.last_date)}"
        else:
            when = human_date(story.first_date or story.last_date)
        linked: list[EventItem | str] = [
            items.get(i) or events[i].label for i in story.event_ids if i in items or i in events
        ]
        notes = [n for d in story.documents for n in copies.get(d, [])]
        best = sorted(members, key=lambda m: (not m.titled, -(m.score or 0), m.doc.id))
        headline = best[0].name if best else story.label
        result.append(StoryItem(story.id, headline, story.label, when, members, linked, notes))
    return result


def _source(document: Document, label: str, quality: Quality | None, limits: dict) -> SourceView:
    name = (document.title or "").strip()
    if not name:
        opening = " ".join(document.text.split())
        cut = limits["untitled_chars"]
        name = opening if len(opening) <= cut else opening[:cut].rsplit(" ", 1)[0] + "…"
    if document.published:
        source = DATE_SOURCES.get(document.date_source or "", document.date_source or "")
        note = f"from the {source}, confidence {document.date_confidence:.0%}" if source else ""
    else:
        note = "no publication date found"
    kinds = Counter(r.kind for r in document.removed)
    removal_note = ", ".join(f"{n} {REMOVAL_KINDS.get(k, k)}" for k, n in sorted(kinds.items()))
    return SourceView(
        doc=document,
        label=label,
        key=anchor_key(document.id),
        name=name or document.id,
        titled=bool(document.title),
        when=human_date(document.published),
        date_note=note,
        quality=quality,
        words=len(document.text.split()),
        removals=list(document.removed),
        removal_note=removal_note or "nothing removed",
    )


def _stats(view: ReportView, briefing: Briefing) -> list[tuple[str, str]]:
    dated_docs = sum(1 for d in briefing.documents if d.published)
    days = [d for g in view.dated for i in g.items if (d := day_range(i.date))]
    span = ""
    if days:
        first = min(d[0] for d in days)
        last = max(d[1] for d in days)
        span = (
            human_date(first.isoformat())
            if first == last
            else (f"{human_date(first.isoformat())} – {human_date(last.isoformat())}")
        )
    stats = [
        (str(len(briefing.documents)), f"sources ({dated_docs} dated)"),
        (str(sum(len(g.items) for g in view.dated) + len(view.undated)), "events"),
        (str(len(view.graph.nodes)), "actors linked"),
        (str(len(view.figures)), "measures with figures"),
        (str(len(briefing.stories)), "stories"),
    ]
    if span:
        stats.insert(1, (span, "dated events span"))
    if briefing.skipped:
        stats.append((str(len(briefing.skipped)), "inputs skipped"))
    return stats
