"""The report: Markdown and self-contained HTML from a Briefing, every section and its escaping.

Hand-made briefings (empty, small, hostile) check each section; tables check the small pieces
(labels, dates, Markdown escaping, anchoring, chart and graph layout); the demo build checks
that the real report holds what PRODUCT.md says a user should see.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from storyline.briefing.compose import briefed_event, briefed_figure_group
from storyline.models import (
    Actor,
    Block,
    Briefing,
    BriefingRecords,
    Document,
    DocumentRef,
    DuplicateGroup,
    Entity,
    Event,
    EventMention,
    Figure,
    FigureGroup,
    Provenance,
    Quality,
    QualityReason,
    Removal,
    Skipped,
    Story,
    Summary,
    SummarySentence,
    TimelineEntry,
)
from storyline.report.cite import anchor_key, source_labels
from storyline.report.dates import human_date
from storyline.report.graph import actor_graph
from storyline.report.html import asset, csp_hash
from storyline.report.markdown import cell, md
from storyline.report.svg import ChartItem, timeline_chart
from storyline.report.text import source_blocks
from storyline.report.view import make_view
from storyline.report.write import render_html, render_markdown, write_reports
from storyline.store import Store

HOSTILE = (
    '<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=1"> '
    '<a href="javascript:window.__pwned=1">click me</a> | [link](javascript:alert(1)) '
    "**bold** &amp; `code` ]]></style></script>"
)

# ---------------------------------------------------------------- hand-made briefings


#: Every document the hand-made briefings hold, with its text: the briefing keeps references
#: only, and the report reads the texts it shows from here (as a build reads them from the store).
TEXTS: dict[str, Document] = {}


def document(doc_id: str, text: str, **fields) -> Document:
    made = Document(
        id=doc_id,
        source=f"{doc_id}.txt",
        source_kind="txt",
        raw_text=text,
        text=text,
        content_hash=doc_id,
        **fields,
    )
    TEXTS[doc_id] = made
    return made


def texts(ids: list[str]) -> list[Document]:
    return [TEXTS[i] for i in ids if i in TEXTS]


def prov(doc: Document, words: str, sentence: str | None = None) -> Provenance:
    """Provenance of ``words`` inside ``sentence`` (default: the words' own sentence)."""
    text = doc.text
    if sentence is None:
        start = text.index(words)
        s_start = text.rfind(". ", 0, start)
        s_start = 0 if s_start < 0 else s_start + 2
        s_end = text.find(". ", start)
        s_end = len(text) if s_end < 0 else s_end + 1
    else:
        s_start = text.index(sentence)
        s_end = s_start + len(sentence)
        start = text.index(words, s_start)
    return Provenance(
        doc_id=doc.id,
        start=start,
        end=start + len(words),
        sentence=text[s_start:s_end],
        sentence_start=s_start,
        sentence_end=s_end,
    )


def actor(name: str, entity_id: str | None = None, label: str = "PERSON", rule="name") -> Actor:
    return Actor(text=name, name=name, entity_id=entity_id, label=label, rule=rule)


def event(
    event_id: str,
    evidence: Provenance,
    source: list[Actor],
    target: list[Actor] | None = None,
    type_: str = "CONSULT",
    mode: str | None = "meet",
    date: str | None = None,
    factuality: str = "asserted",
    label: str | None = None,
    generic: bool = False,
) -> Event:
    mention = EventMention(
        id=f"{event_id}:m",
        type=type_,
        mode=mode,
        trigger="met",
        source=source,
        target=target or [],
        date=date,
        factuality=factuality,
        rule="test",
        provenance=evidence,
    )
    names = " and ".join(a.name or a.text for a in source)
    return Event(
        id=event_id,
        type=type_,
        mode=mode,
        label=label or f"{names} met {' and '.join(a.name or a.text for a in target or [])}",
        source=source,
        target=target or [],
        date=date,
        factuality=factuality,
        generic=generic,
        documents=[evidence.doc_id],
        mentions=[mention],
    )


def entry(e: Event) -> TimelineEntry:
    return TimelineEntry(
        event_id=e.id,
        date=e.date,
        label=e.label,
        type=e.type,
        mode=e.mode,
        factuality=e.factuality,
        documents=e.documents,
        evidence=[m.provenance for m in e.mentions],
    )


A_TEXT = (
    "Alice Moreau met Bruno Keller in Geneva on Monday. "
    "Trade between the two countries reached $12 billion last year. "
    "Officials said talks would resume next month."
)
B_TEXT = (
    "Bruno Keller called Alice Moreau on Tuesday. "
    "A target of $20 billion was set for trade by 2030. "
    "The two leaders praised the partnership."
)


def abridged(
    full: Briefing, figures: list[Figure], quality: list[Quality]
) -> tuple[Briefing, BriefingRecords]:
    """``full`` as briefing.json holds it (example event mentions and figures, a score per
    document: briefing/compose.py's rules) and the full records the report is given."""
    by_id = {f.id: f for f in figures}
    score = {q.doc_id: q.score for q in quality}
    briefing = full.model_copy(
        update={
            "events": [briefed_event(e) for e in full.events],
            "figure_groups": [briefed_figure_group(g, by_id) for g in full.figure_groups],
            "documents": [
                d.model_copy(update={"quality": score.get(d.id)}) for d in full.documents
            ],
        }
    )
    return briefing, BriefingRecords(events=list(full.events), figures=figures, quality=quality)


def small_briefing() -> Briefing:
    return small_case()[0]


def small_case() -> tuple[Briefing, BriefingRecords]:
    a = document(
        "aaa_0001",
        A_TEXT,
        title="Leaders meet in Geneva",
        published="2024-05-06",
        date_source="field",
        date_confidence=0.95,
        url="https://example.org/geneva",
        blocks=[Block(kind="paragraph", start=0, end=len(A_TEXT))],
        removed=[
            Removal(text="Read Also: Other news", kind="furniture", rule="teaser", start=0, end=5)
        ],
    )
    b = document(
        "bbb_0002",
        B_TEXT,
        published="2024-05-08",
        date_source="dateline",
        date_confidence=0.75,
    )
    alice = actor("Alice Moreau", "person:alice")
    bruno = actor("Bruno Keller", "person:bruno")
    met = event("ev-met", prov(a, "met"), [alice], [bruno], date="2024-05-06")
    called = event(
        "ev-call",
        prov(b, "called"),
        [bruno],
        [alice],
        mode="phone",
        date="2024-05-07",
        label="Bruno Keller called Alice Moreau",
    )
    praised = event(
        "ev-praise",
        prov(b, "praised"),
        [actor("The two leaders", None, rule="phrase")],
        [],
        type_="SUPPORT",
        mode="praise",
        label="leaders praised",
    )
    resume = event(
        "ev-resume",
        prov(a, "talks would resume"),
        [alice, bruno],
        [],
        mode=None,
        date="2024-06",
        factuality="planned",
        label="Alice Moreau and Bruno Keller held talks",
    )
    undated = event(
        "ev-undated",
        prov(b, "The two leaders praised"),
        [bruno],
        [alice],
        type_="SUPPORT",
        mode="praise",
        label="Bruno Keller praised Alice Moreau",
    )
    f1 = Figure(
        id="aaa_0001:f1",
        kind="money",
        text="$12 billion",
        value=12e9,
        unit="USD",
        qualifier=None,
        period="2023",
        measure="trade",
        measure_key="trade",
        provenance=prov(a, "$12 billion"),
    )
    f2 = Figure(
        id="bbb_0002:f1",
        kind="money",
        text="$20 billion",
        value=20e9,
        unit="USD",
        qualifier="target",
        qualifiers=["target"],
        period="2030",
        measure="trade",
        measure_key="trade",
        provenance=prov(b, "$20 billion"),
    )
    full = Briefing(
        generated_by="storyline test",
        documents=[a, b],
        skipped=[Skipped(source="broken.bin", reason="binary file")],
        entities=[
            Entity(
                id="person:alice",
                name="Alice Moreau",
                type="PERSON",
                roles=["Foreign Minister"],
                aliases=["Moreau"],
                mention_count=2,
                documents=[a.id, b.id],
            ),
            Entity(
                id="person:bruno",
                name="Bruno Keller",
                type="PERSON",
                mention_count=2,
                documents=[a.id, b.id],
            ),
            Entity(id="gpe:geneva", name="Geneva", type="GPE", mention_count=1, documents=[a.id]),
        ],
        figure_groups=[
            FigureGroup(
                id="fg:trade",
                measure="trade",
                figure_ids=[f1.id, f2.id],
                documents=[a.id, b.id],
                status="related",
                explanation="actual beside a target, not a contradiction",
            ),
        ],
        events=[met, called, praised, resume, undated],
        timeline=[entry(met), entry(called), entry(undated)],
        duplicates=[DuplicateGroup(canonical=a.id, members=[b.id], similarity={b.id: 0.91})],
        stories=[
            Story(
                id="s1",
                label="Moreau, Keller",
                documents=[a.id, b.id],
                first_date="2024-05-06",
                last_date="2024-05-08",
                event_ids=["ev-met", "ev-call"],
            )
        ],
        summary=Summary(
            scope="corpus",
            sentences=[
                SummarySentence(
                    text="Alice Moreau met Bruno Keller in Geneva on Monday.",
                    documents=[a.id],
                    date="2024-05-06",
                    evidence=[prov(a, "Alice Moreau met Bruno Keller")],
                ),
                SummarySentence(
                    text="Bruno Keller called Alice Moreau on Tuesday.",
                    documents=[b.id, a.id, "zzz_9"],  # zzz_9: not in this briefing
                    date="2024-05-07",
                    evidence=[prov(b, "Bruno Keller called")],
                ),
            ],
        ),
    )
    quality = [
        Quality(
            doc_id=a.id,
            score=0.8,
            signals={},
            reasons=[
                QualityReason(signal="sourcing", value=2, effect=0.2, reason="2 direct quotes")
            ],
        ),
        Quality(
            doc_id=b.id,
            score=0.3,
            signals={},
            reasons=[QualityReason(signal="undated", value=1, effect=-0.15, reason="no byline")],
        ),
    ]
    return abridged(full, [f1, f2], quality)


def hostile_case() -> tuple[Briefing, BriefingRecords]:
    text = f"{HOSTILE} Alice Moreau met Bruno Keller. More {HOSTILE}"
    doc = document(
        "evil_1",
        text,
        title=HOSTILE,
        url="javascript:window.__pwned=1",
        byline=HOSTILE,
        removed=[Removal(text=HOSTILE, kind="furniture", rule="teaser", start=0, end=1)],
    )
    evil = actor(HOSTILE, "person:evil")
    bruno = actor("Bruno Keller", "person:bruno")
    e = event(
        "ev-<x>",
        prov(doc, "met", sentence=doc.text[: text.index("Keller.") + 7]),
        [evil],
        [bruno],
        date="2024-01-02",
        label=HOSTILE,
    )
    fig = Figure(
        id="evil_1:f1",
        kind="count",
        text=HOSTILE,
        value=1,
        measure=HOSTILE,
        measure_key="x",
        provenance=prov(doc, "Alice"),
    )
    full = Briefing(
        generated_by=HOSTILE,
        documents=[doc],
        skipped=[Skipped(source=HOSTILE, reason=HOSTILE)],
        entities=[
            Entity(
                id="person:evil",
                name=HOSTILE,
                type="PERSON",
                roles=[HOSTILE],
                aliases=[HOSTILE],
                documents=[doc.id],
                mention_count=3,
            )
        ],
        figure_groups=[
            FigureGroup(
                id="g",
                measure=HOSTILE,
                figure_ids=[fig.id],
                documents=[doc.id],
                status="single-source",
                explanation=HOSTILE,
            )
        ],
        events=[e],
        timeline=[entry(e)],
        stories=[Story(id="s", label=HOSTILE, documents=[doc.id], event_ids=[e.id])],
        summary=Summary(
            scope="corpus",
            sentences=[
                SummarySentence(text=HOSTILE, documents=[doc.id], evidence=[prov(doc, "Alice")])
            ],
        ),
    )
    quality = [
        Quality(
            doc_id=doc.id,
            score=0.5,
            signals={},
            reasons=[QualityReason(signal="x", value=1, effect=0.1, reason=HOSTILE)],
        )
    ]
    return abridged(full, [fig], quality)


# ---------------------------------------------------------------- an HTML reader for checks


class Page(HTMLParser):
    """Elements, ids, links, scripts and attributes of a rendered page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.text_of_id: dict[str, str] = {}
        self._open: list[tuple[str, str | None]] = []
        self._data: dict[str, list[str]] = {}
        self._raw: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if "id" in attributes:
            self.ids.append(attributes["id"])
            self._data[attributes["id"]] = []
        if "href" in attributes:
            self.hrefs.append(attributes["href"])
        if tag in ("script", "style"):
            self._raw = tag
            (self.scripts if tag == "script" else self.styles).append("")
        if tag not in ("meta", "br", "line", "circle", "rect", "img", "input", "link"):
            self._open.append((tag, attributes.get("id")))

    def handle_endtag(self, tag):
        self._raw = None
        while self._open:
            name, ident = self._open.pop()
            if ident is not None:
                self.text_of_id[ident] = "".join(self._data.pop(ident, []))
            if name == tag:
                break

    def handle_data(self, data):
        if self._raw == "script":
            self.scripts[-1] += data
        elif self._raw == "style":
            self.styles[-1] += data
        for ident in list(self._data):
            self._data[ident].append(data)


# ---------------------------------------------------------------- small pieces


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        (["000_abc", "001_def"], {"000_abc": "000", "001_def": "001"}),
        (["a_1", "a_2"], {"a_1": "a_1", "a_2": "a_2"}),  # heads clash: whole ids
        (["plain", "other"], {"plain": "plain", "other": "other"}),
        (["_x", "y_z"], {"_x": "_x", "y_z": "y_z"}),  # an empty head is no label
        ([], {}),
    ],
)
def test_source_labels(ids, expected):
    assert source_labels(ids) == expected


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [
        ("2023-12-27", None, "27 Dec 2023"),
        ("2023-12-25", "2023-12-29", "25–29 Dec 2023"),
        ("2023-11-30", "2023-12-02", "30 Nov–2 Dec 2023"),
        ("2023-12-30", "2024-01-02", "30 Dec 2023 – 2 Jan 2024"),
        ("2024-03", None, "March 2024"),
        ("2024", None, "2024"),
        ("PRESENT_REF", None, "now"),  # TIMEX codes are never shown (issue 14)
        ("2024-02-30", None, "date unknown"),  # not a day: said so, not shown as a code
        ("2013-W29-WE", None, "the weekend of 20–21 Jul 2013"),
        ("1967", "2011", "1967–2011"),
        (None, None, "undated"),
    ],
)
def test_human_date(value, end, expected):
    assert human_date(value, end) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a|b", r"a\|b"),
        ("[x](javascript:alert(1))", r"\[x\](javascript:alert(1))"),
        ("![img](http://x/y.png)", r"!\[img\](http://x/y.png)"),
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
        ("**bold** and *it*", r"\*\*bold\*\* and \*it\*"),
        ("_em_ but snake_case stays", r"\_em\_ but snake_case stays"),
        ("`code`", r"\`code\`"),
        ("~~gone~~", r"\~\~gone\~\~"),
        ("&amp; &#60; AT&T", r"\&amp; \&\#60; AT&T"),
        ("# heading", r"\# heading"),
        ("back\\slash", r"back\\slash"),
        ("two\nlines\n\n- and a list", "two lines - and a list"),
        ("", ""),
        (None, ""),
    ],
)
def test_markdown_escaping(text, expected):
    assert md(text) == expected


def test_markdown_table_cells_keep_their_columns():
    assert cell("") == "–"
    row = f"| {cell('a | b | c')} | {cell('[x]|y')} |"
    assert len(re.findall(r"(?<!\\)\|", row)) == 3


def test_source_blocks_anchor_every_span_and_keep_the_text():
    text = "First para one. First para two.\n\nSecond para one. Second two."
    doc = document(
        "d_1",
        text,
        blocks=[
            Block(kind="paragraph", start=0, end=31),
            Block(kind="paragraph", start=33, end=61),
        ],
    )
    spans = {(0, 15), (5, 20), (16, 44), (50, 61)}  # overlapping, and one across the break
    blocks = source_blocks(doc, spans)
    assert ["".join(s.text for s in b.segments) for b in blocks] == [text[:31], text[33:61]]
    ids = [i for b in blocks for s in b.segments for i in s.ids]
    assert sorted(ids) == sorted(f"doc-d_1-{s}" for s, _ in spans)
    assert len(ids) == len(set(ids))
    marked = [s.text for s in blocks[0].segments if s.mark]
    assert marked == ["First para one. First para two."]  # three spans merged into one mark
    assert [s.text for s in blocks[1].segments if s.mark] == ["Second para", "Second two."]


def test_source_blocks_cover_text_the_blocks_leave_out():
    text = "Lead sentence here.\n\nOnly a heading block.\n\nTail paragraph."
    doc = document("d", text, blocks=[Block(kind="heading", start=21, end=42)])
    blocks = source_blocks(doc, [(44, 59)])
    assert [(b.kind, "".join(s.text for s in b.segments)) for b in blocks] == [
        ("paragraph", "Lead sentence here."),
        ("heading", "Only a heading block."),
        ("paragraph", "Tail paragraph."),
    ]
    assert blocks[2].segments[0].ids == ["doc-d-44"]


def chart_items(dates: list[tuple[str, str | None]]) -> list[ChartItem]:
    return [ChartItem(d, e, "cooperation", False, f"#e{i}", d) for i, (d, e) in enumerate(dates)]


@pytest.mark.parametrize(
    ("dates", "lanes", "tick_labels"),
    [
        ([("2024-03-20", None)], 1, ["19 Mar 2024", "20 Mar", "21 Mar"]),
        ([("2024-03-20", None)] * 3, 3, None),  # same day: stacked
        ([("2023-12-27", None), ("2024-03-20", None)], 1, ["Jan 2024", "Feb", "Mar"]),
        ([("2019", None), ("2024-06-01", None)], 1, ["2020", "2022", "2024"]),  # 4 fit in 360px
        ([("2023-12-25", "2023-12-29"), ("2023-12-27", None)], 2, None),  # bar under a dot
        ([("not a date", None)], None, None),
    ],
)
def test_timeline_chart(dates, lanes, tick_labels):
    chart = timeline_chart(chart_items(dates), 360)
    if lanes is None:
        assert chart is None
        return
    assert len(chart.marks) == len(dates)
    assert len({m.y for m in chart.marks}) == lanes
    assert all(0 <= m.x <= m.x2 <= chart.width for m in chart.marks)
    assert all(0 <= t.x <= chart.width for t in chart.ticks)
    if tick_labels is not None:
        assert [t.label for t in chart.ticks] == tick_labels


def test_crowded_day_stacks_only_so_high():
    chart = timeline_chart(chart_items([("2024-03-20", None)] * 50), 760)
    assert len(chart.marks) == 50
    assert len({m.y for m in chart.marks}) == 8
    assert [t.label for t in chart.labels] == ["20 Mar 2024 (50)"]


def test_chart_range_is_a_bar():
    chart = timeline_chart(chart_items([("2023-12-25", "2023-12-29"), ("2024-01-20", None)]), 760)
    bar, dot = chart.marks
    assert bar.x2 > bar.x and dot.x2 == dot.x
    assert [t.label for t in chart.labels] == ["25–29 Dec 2023", "20 Jan 2024"]


def test_actor_graph_edges_and_layout():
    b = small_briefing()
    alice = actor("Alice Moreau", "person:alice")
    carla = actor("Carla Diaz", None, rule="name")  # a name read from the text counts
    dana = actor("Dana Roy", "person:dana")
    doc = TEXTS[b.documents[0].id]
    events = [
        *b.events,  # "The two leaders" (a bare phrase) is nobody: no node
        event("ev-carla", prov(doc, "met"), [alice], [carla]),
        event("ev-neg", prov(doc, "met"), [alice], [dana], factuality="negated"),
        event("ev-hyp", prov(doc, "met"), [alice], [dana], factuality="hypothetical"),
        event("ev-gen", prov(doc, "met"), [alice], [dana], generic=True),
    ]
    tone = {"CONSULT": "cooperation", "SUPPORT": "cooperation"}
    happened, planned = frozenset({"asserted", "reported"}), frozenset({"planned"})
    graph = actor_graph(events, tone, happened, planned)
    assert [n.name for n in graph.nodes] == ["Alice Moreau", "Bruno Keller", "Carla Diaz"]
    pairs = {
        frozenset((graph.name(e.a), graph.name(e.b))): sorted(e.event_ids) for e in graph.edges
    }
    assert pairs == {
        frozenset({"Alice Moreau", "Bruno Keller"}): [
            "ev-call",
            "ev-met",
            "ev-resume",
            "ev-undated",
        ],
        frozenset({"Alice Moreau", "Carla Diaz"}): ["ev-carla"],
    }
    assert not any(e.planned for e in graph.edges)
    for node in graph.nodes:
        assert 0 <= node.x <= graph.width and 0 <= node.y <= graph.height
    again = actor_graph(events, tone, happened, planned)
    assert [(n.x, n.y) for n in again.nodes] == [(n.x, n.y) for n in graph.nodes]
    planned_only = actor_graph([b.events[3]], tone, happened, planned)
    assert [e.planned for e in planned_only.edges] == [True]


def test_actor_graph_is_capped_and_stays_in_the_drawing():
    doc = TEXTS[small_briefing().documents[0].id]
    hub = actor("Hub", "person:hub")
    spokes = [
        event(f"ev{i}", prov(doc, "met"), [hub], [actor(f"Person {i}", f"person:{i}")])
        for i in range(30)
    ]
    graph = actor_graph(spokes, {}, frozenset({"asserted"}), frozenset(), max_nodes=10)
    assert len(graph.nodes) == 10
    assert len(graph.edges) == 9
    xy = {(n.x, n.y) for n in graph.nodes}
    assert len(xy) == 10  # no two nodes drawn on top of each other
    assert all(0 <= x <= graph.width and 0 <= y <= graph.height for x, y in xy)


# ---------------------------------------------------------------- whole reports


def test_empty_briefing_renders_every_section_saying_so():
    briefing = Briefing(generated_by="storyline test", documents=[])
    markdown = render_markdown(briefing, texts)
    for line in (
        "No summary was produced",
        "No events found",
        "No figures found",
        "No stories found",
        "No documents",
    ):
        assert line in markdown
    html = render_html(briefing, texts)
    page = Page(html)
    for section in (
        "summary",
        "timeline",
        "actors",
        "figures",
        "stories",
        "sources",
        "cleaning",
        "texts",
    ):
        assert section in page.ids
    assert "No events found." in html
    assert '<svg class="timeline-chart' not in html


def test_briefing_without_events_or_summary_still_reports_the_rest():
    briefing = small_briefing().model_copy(update={"events": [], "timeline": [], "summary": None})
    html = render_html(briefing, texts)
    assert "No events found." in html and "No summary was produced" in html
    assert "No interactions between named actors found." in html
    assert "$12 billion" in html and "Leaders meet in Geneva" in html
    markdown = render_markdown(briefing, texts)
    assert "_No events found._" in markdown and "| trade |" in markdown


def test_small_briefing_html_sections_and_citations():
    briefing, records = small_case()
    html = render_html(briefing, texts, records)
    page = Page(html)
    assert len(page.ids) == len(set(page.ids)), "ids are unique"
    internal = [h[1:] for h in page.hrefs if h.startswith("#")]
    assert internal and set(internal) <= set(page.ids), "every internal link has a target"
    external = [h for h in page.hrefs if not h.startswith("#")]
    assert external == ["https://example.org/geneva"] * 2
    # a summary citation lands on its sentence in the source text
    first = briefing.summary.sentences[0].evidence[0]
    anchor = f"doc-aaa_0001-{first.sentence_start}"
    assert f'href="#{anchor}"' in html
    assert page.text_of_id[anchor] == first.sentence
    # the second summary sentence cites both sources, the second one as a whole document,
    # and names a document the briefing lacks without linking it
    assert 'href="#src-aaa_0001"' in html
    assert '<span class="cite" title="zzz_9">zzz_9</span>' in html
    # timeline: dated, undated and planned apart, in that order, each with its quote
    view = make_view(briefing, texts, records)
    assert [g.when for g in view.dated] == ["6 May 2024", "7 May 2024"]
    assert [i.label for i in view.undated] == ["Bruno Keller praised Alice Moreau"]
    assert [i.label for i in view.planned] == ["Alice Moreau and Bruno Keller held talks"]
    assert html.index(">Undated<") < html.index(">Planned or expected<")
    chart = re.search(r'<svg class="timeline-chart chart-wide".*?</svg>', html, re.S).group(0)
    assert chart.count('class="mark') == 3  # two dated events and the planned one (a month)
    assert chart.count('class="mark tone-cooperation planned"') == 1
    # graph: one edge between the two named people; the phrase "The two leaders" is nobody
    graph = re.search(r'<svg class="actor-graph".*?</svg>', html, re.S).group(0)
    assert graph.count('class="node') == 2 and "The two leaders" not in graph
    # figures: the two trade claims in one row, with the group's status and explanation
    row = re.search(r"<tr><td data-label=\"Measure\"><strong>trade</strong>.*?</tr>", html, re.S)
    assert "$12 billion" in row.group(0) and "$20 billion" in row.group(0)
    assert "related claims" in row.group(0) and "not a contradiction" in row.group(0)
    # stories, duplicates, sources by score, furniture, skipped inputs
    assert "bbb is a near-copy of aaa (~91% overlap)" in html
    sources = re.search(r'<table class="cards sources.*?</table>', html, re.S).group(0)
    assert sources.index("aaa_0001") < sources.index("bbb_0002")
    assert "+0.20" in sources and "−0.15" in sources
    assert re.search(r"<details class=\"removed\">.*?Read Also: Other news", html, re.S)
    assert "broken.bin" in html and "binary file" in html


def test_small_briefing_markdown():
    markdown = render_markdown(small_briefing(), texts)
    headings = re.findall(r"^##+ .*$", markdown, re.M)
    assert headings == [
        "## Summary",
        "## Timeline",
        "### 6 May 2024",
        "### 7 May 2024",
        "### Undated",
        "### Planned or expected",
        "## Key actors",
        "## Figures",
        "## Stories",
        "## Sources",
        "## Removed while cleaning",
        "### aaa_0001 — 1 site furniture",
    ]
    assert (
        "1. **6 May 2024** — Alice Moreau met Bruno Keller in Geneva on Monday. \\[aaa_0001\\]"
        in markdown
    )
    assert "\\[bbb_0002, aaa_0001, zzz_9\\]" in markdown
    assert "  > Bruno Keller called Alice Moreau on Tuesday. — bbb_0002" in markdown
    assert "- **June 2024** — Alice Moreau and Bruno Keller held talks" in markdown
    for table in re.findall(r"(?:^\|.*\|\n)+", markdown, re.M):
        rows = table.strip().split("\n")
        widths = {len(re.findall(r"(?<!\\)\|", r)) for r in rows}
        assert len(widths) == 1, table


def test_hostile_article_text_is_escaped_everywhere_in_html():
    briefing, records = hostile_case()
    html = render_html(briefing, texts, records)
    page = Page(html)
    assert page.scripts == [asset("report.js")], "only the report's own script"
    assert page.styles == [asset("report.css")]
    for tag, attributes in page.tags:
        assert not any(name.startswith("on") for name in attributes), (tag, attributes)
        assert tag not in ("img", "iframe", "object", "embed", "link", "base", "form")
        for name in ("href", "src", "action", "xlink:href"):
            value = (attributes.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "http")), (tag, attributes)
    assert "<script>window" not in html and "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert 'onerror="' not in html
    csp = next(
        a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    assert csp_hash(asset("report.css")) in csp and csp_hash(asset("report.js")) in csp


def test_hostile_article_text_is_inert_in_markdown():
    briefing, records = hostile_case()
    markdown = render_markdown(briefing, texts, records)
    assert not re.search(r"(?<!\\)<", markdown), "no raw HTML can open"
    assert "](javascript:" not in markdown.replace("\\](javascript:", "")
    assert r"\<script\>window.\_\_pwned=1\</script\>" in markdown


def test_limits_cut_long_sections_and_say_so(monkeypatch):
    import copy

    from storyline.report import view as report_view

    config = copy.deepcopy(report_view.settings())
    config["limits"].update(events=2, figures=1, sources=1, texts=1)
    monkeypatch.setattr(report_view, "settings", lambda: config)
    briefing, records = small_case()
    spare = document("ccc_0003", "An uncited third article.")
    loose = records.figures[0].model_copy(update={"id": "loose", "measure": "other"})
    briefing = briefing.model_copy(
        update={"documents": [*briefing.documents, DocumentRef.of(spare)]}
    )
    records.figures.append(loose)  # a figure no group claims has a row of its own
    view = make_view(briefing, texts, records)
    assert view.cut == {"timeline": (2, 4), "figures": (1, 2), "sources": (1, 3), "texts": (2, 3)}
    assert [s.doc.id for s in view.texts] == ["aaa_0001", "bbb_0002"]  # the cited ones
    html = render_html(briefing, texts, records)
    page = Page(html)
    assert set(h[1:] for h in page.hrefs if h.startswith("#")) <= set(page.ids)
    assert "Showing 2 of 4 events" in html and "Showing 1 of 3 sources" in html
    assert "src-ccc_0003" not in page.ids
    markdown = render_markdown(briefing, texts, records)
    assert "_Showing 1 of 2 measures; briefing.json has them all._" in markdown


def test_assets_are_safe_to_inline():
    for name in ("report.css", "report.js"):
        assert "</" not in asset(name)


def test_report_from_the_briefing_alone_cites_whole_sources():
    """briefing.json holds no texts: rendered without the store, the report still lists every
    source and links each citation to a target, but shows no text and anchors no sentence."""
    briefing = small_briefing()
    assert all(not hasattr(d, "text") for d in briefing.documents)
    html = render_html(briefing)
    page = Page(html)
    internal = [h[1:] for h in page.hrefs if h.startswith("#")]
    assert internal and set(internal) <= set(page.ids)
    assert not any(i.startswith("doc-") for i in page.ids)
    view = make_view(briefing)
    assert view.texts and not any(s.has_text or s.blocks for s in view.texts)
    words = {s.doc.id: s.words for s in view.sources}
    assert words == {i: len(TEXTS[i].text.split()) for i in words}


def test_report_cites_every_source_of_an_event_the_briefing_keeps_examples_of(tmp_path: Path):
    """briefing.json keeps an event's mentions in its first three documents; the report cites
    the event in every document that reports it, from the full events it is given (the store's,
    or the build's): the same report as from the untrimmed briefing."""
    text = "Officials said Alice Moreau would visit Bern next month."
    docs = [document(f"plan_{i}", text, published=f"2024-05-0{i}") for i in range(1, 5)]
    mentions = [event(f"ev-{d.id}", prov(d, "visit"), [actor("Alice Moreau", "person:alice")],
                      factuality="planned", label="Alice Moreau will visit Bern").mentions[0]
                for d in docs]  # fmt: skip
    plan = event("ev-plan", mentions[0].provenance, [actor("Alice Moreau", "person:alice")],
                 factuality="planned", label="Alice Moreau will visit Bern")  # fmt: skip
    plan = plan.model_copy(update={"mentions": mentions, "documents": [d.id for d in docs]})
    full = Briefing(generated_by="storyline test", documents=docs, events=[plan])
    briefed = full.model_copy(update={"events": [briefed_event(plan)]})
    assert len(briefed.events[0].mentions) == 3
    expected = render_markdown(full, texts)
    assert "plan_4" in expected.split("## Timeline")[1].split("## Key actors")[0]
    records = BriefingRecords(events=[plan])
    assert render_markdown(briefed, texts, records) == expected
    assert render_html(briefed, texts, records) == render_html(full, texts)
    written = write_reports(briefed, tmp_path, texts, records)
    assert written[0].read_text("utf-8") == expected
    assert render_markdown(briefed, texts) != expected  # the examples alone cite three sources


def test_write_reports(tmp_path: Path):
    briefing, records = small_case()
    paths = write_reports(briefing, tmp_path / "out", texts, records)
    assert [p.name for p in paths] == ["report.md", "report.html"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.html", "report.md"]
    assert paths[1].read_text(encoding="utf-8").startswith("<!doctype html>")
    again = write_reports(briefing, tmp_path / "out", texts, records)
    assert [p.read_text() for p in again] == [p.read_text() for p in paths]  # deterministic


# ---------------------------------------------------------------- the demo corpus


@pytest.fixture(scope="module")
def demo_case(tmp_path_factory, samples_dir: Path) -> tuple[Briefing, BriefingRecords]:
    """The demo's briefing.json and the full records its store keeps (``storyline report``)."""
    from storyline.briefing.compose import briefing_with_records
    from storyline.pipeline.build import BuildOptions, build
    from tests.conftest import TODAY

    out = tmp_path_factory.mktemp("report-demo")
    report = build([str(samples_dir)], out, options=BuildOptions(today=TODAY))
    with Store(report.store_path) as store:
        TEXTS.update({d.id: d for d in store.documents()})
        records = briefing_with_records(store)[1]
    return Briefing.model_validate_json(Path(report.briefing_path).read_text()), records


def test_demo_report_sections(demo_case: tuple[Briefing, BriefingRecords]):
    demo_briefing, records = demo_case
    html = render_html(demo_briefing, texts, records)
    page = Page(html)
    assert set(h[1:] for h in page.hrefs if h.startswith("#")) <= set(page.ids)
    for doc in demo_briefing.documents:
        assert f"src-{doc.id}" in page.ids
    # the timeline shows what the briefing's timeline holds, dated entries on the chart
    view = make_view(demo_briefing, texts, records)
    dated = [t for t in demo_briefing.timeline if t.date and t.factuality != "planned"]
    assert sum(len(g.items) for g in view.dated) == len(dated)
    # furniture PRODUCT.md lists is shown as removed, per source
    removed = re.findall(r'<details class="removed">.*?</details>', html, re.S)
    assert len(removed) == len(demo_briefing.documents)
    for furniture in ("Read Also:", "Leave a Reply", "0 comment", "Alt text:", "Post Comment"):
        assert any(furniture in block for block in removed), furniture
    # figures: the two trade claims in one row; the oil share stands alone
    trade = next(r for r in view.figures if len(r.sources) == 2)
    assert {c.text for c in trade.chips} >= {"$50 billion", "$30 billion"}
    assert any(c.text == "over 40%" for r in view.figures for c in r.chips)
    # sources sorted by quality: 001 and 002 first, 004 last
    order = [s.label for s in view.by_quality]
    assert set(order[:2]) == {"001", "002"} and order[-1] == "004"
    markdown = render_markdown(demo_briefing, texts, records)
    for heading in (
        "## Summary",
        "## Timeline",
        "## Key actors",
        "## Figures",
        "## Stories",
        "## Sources",
        "## Removed while cleaning",
    ):
        assert heading in markdown
    assert "| India–Russia trade |" in markdown


def test_key_actors_cite_an_event_the_timeline_leaves_out():
    """An undated event of a dated source is not on the timeline, yet "Alice Moreau met Bruno
    Keller" in the key-actors table is still a claim: it cites its source, in both reports, and
    the HTML row links to no timeline entry that is not there."""
    full = small_briefing()
    briefing = full.model_copy(
        update={"timeline": [t for t in full.timeline if t.event_id != "ev-met"]}
    )
    markdown = render_markdown(briefing, texts)
    actors = markdown.split("## Key actors")[1].split("## Figures")[0]
    assert re.search(r"Alice Moreau met Bruno Keller \(6 May 2024\) \\\[aaa_0001\\\]", actors)
    html = render_html(briefing, texts)
    table = re.search(r'<table class="cards interactions">.*?</table>', html, re.S).group(0)
    item = re.search(r"<li>Alice Moreau met Bruno Keller .*?</li>", table, re.S)
    assert item is not None and "aaa_0001" in item.group(0), table
    assert f'href="#ev-{anchor_key("ev-met")}"' not in html
