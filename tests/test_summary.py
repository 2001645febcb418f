"""The cited summary: demo-corpus expectations, general properties, candidates and trimming."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from storyline.events.extract import extract_event_mentions
from storyline.models import Block, Document, Summary
from storyline.nlp import parse
from storyline.pipeline.analyse import analyse
from storyline.pipeline.corpus import derive_corpus
from storyline.summary.candidates import rejects, skipped_blocks, trim
from storyline.summary.select import Summariser, summarise, summarise_all
from tests.conftest import make_document


def _analysed(document, parsed):
    analysis = analyse(document, parsed)
    if not analysis.events:  # until analyse.py runs the event extractor itself
        events = extract_event_mentions(document, parsed, analysis.timexes, analysis.mentions)
        analysis = analysis.model_copy(update={"events": events})
    return analysis


def build_corpus(nlp, texts: list[tuple[str, str | None, str]]):
    """(documents, analyses, view) for (id, date, text) rows, through the real stages."""
    docs = [make_document(text, doc_id=i, date_field=d) for i, d, text in texts]
    analyses = [
        _analysed(d, p) for d, p in zip(docs, parse([d.text for d in docs], nlp), strict=True)
    ]
    return docs, analyses, derive_corpus(docs, analyses)


def demo_corpus(parsed_samples):
    """(documents, analyses, view) of the demo corpus."""
    docs, analyses = [], []
    for _, (doc, parsed) in sorted(parsed_samples.items()):
        docs.append(doc)
        analyses.append(_analysed(doc, parsed))
    return docs, analyses, derive_corpus(docs, analyses)


@pytest.fixture(scope="module")
def demo(parsed_samples):
    return demo_corpus(parsed_samples)


@pytest.fixture(scope="module")
def demo_summary(demo) -> Summary:
    return summarise(*demo)


EUROPE = [
    (
        "a1",
        "2023-05-10",
        "Berlin, May 10: German Chancellor Olaf Scholz spoke by phone with French President "
        "Emmanuel Macron on Tuesday, the chancellery said. The two leaders discussed energy "
        "prices and support for Ukraine. Scholz told reporters that Germany would spend 2% of "
        "its economic output on defence next year.",
    ),
    (
        "a2",
        "2023-05-10",
        "Chancellor Olaf Scholz and President Emmanuel Macron held a telephone call on Tuesday, "
        "according to a statement from the French presidency. They agreed to coordinate their "
        "positions before the European Council summit in Brussels. Macron also invited Scholz "
        "to visit Paris in June.",
    ),
    (
        "a3",
        "2023-06-03",
        "Dutch Prime Minister Mark Rutte visited Warsaw on Friday and met Polish President "
        "Andrzej Duda. Rutte pledged 150 million euros in military aid to Ukraine, a Dutch "
        "government spokesperson said. Duda thanked the Netherlands for its support.",
    ),
    (
        "a4",
        None,
        "Understanding European Energy Policy: A Comprehensive Overview\n\n## Introduction\n\n"
        "In this article, we explore how European leaders approach energy security in a "
        "changing world.\n\n## FAQs\n\n1. **What is the EU gas storage target?**\n\n"
        "The European Union aims to fill gas storage to 90% before the coming winter.\n\n"
        "2. **Why does energy security matter?**\n\nEnergy security keeps homes warm and "
        "factories running across the whole continent.\n\n## How to Stay Informed\n\n"
        "### Step 1: Read Reliable News\n\nAlways follow reputable outlets for updates on "
        "European energy policy.\n\n### Step 2: Check Official Sources\n\nVisit the European "
        "Commission website for the latest official statistics on gas.\n",
    ),
]


@pytest.fixture(scope="module")
def europe(nlp):
    return build_corpus(nlp, EUROPE)


# -- the demo corpus (PRODUCT.md) -------------------------------------------------------------
def _first(summary: Summary, test) -> int:
    found = [i for i, s in enumerate(summary.sentences) if test(s)]
    assert found, [(s.date, s.documents, s.text) for s in summary.sentences]
    return found[0]


def test_demo_summary_tells_the_main_events_from_the_best_sources(demo_summary):
    """The dated timeline items of PRODUCT.md in date order, then the undated visit of 003; the
    template page 004 (quality far below the best) is never quoted: its visit stays on the
    timeline. The summary opens with a main event from one of the two best sources."""
    s = demo_summary
    assert 6 <= len(s.sentences) <= 10
    lavrov = _first(s, lambda x: x.documents[0][:3] == "002" and "Lavrov" in x.text)
    letter = _first(s, lambda x: x.documents[0][:3] == "002" and "letter" in x.text)
    term = _first(s, lambda x: x.date == "2024-03-18" and x.documents[0][:3] == "001")
    call = _first(
        s, lambda x: x.date == "2024-03-20" and {d[:3] for d in x.documents} >= {"000", "001"}
    )
    modi_visit = _first(s, lambda x: x.documents[0][:3] == "003" and "visit" in x.text)
    assert s.sentences[lavrov].date == s.sentences[letter].date == "2023-12-27"
    assert max(lavrov, letter) < term < call < modi_visit
    assert s.sentences[modi_visit].date is None
    assert not any(x.documents[0][:3] == "004" for x in s.sentences)
    assert s.sentences[0].date == "2023-12-27" and s.sentences[0].documents[0][:3] in ("001", "002")


def test_demo_summary_never_quotes_faq_howto_or_headings(demo, demo_summary):
    docs = {d.id: d for d in demo[0]}
    for sentence in demo_summary.sentences:
        assert not sentence.text.rstrip().endswith("?")
        assert not re.match(r"(?i)(this article|step \d)", sentence.text)
        own = sentence.evidence[0]
        doc = docs[own.doc_id]
        faq = [b.start for b in doc.blocks if re.match(r"(?i)faqs?\b", doc.block_text(b))]
        if faq:
            assert own.start < faq[0], sentence.text
        block = next(b for b in doc.blocks if b.start <= own.start < b.end)
        assert block.kind == "paragraph"


def test_demo_trims_only_at_the_edges(demo_summary):
    trimmed = [s for s in demo_summary.sentences if s.trimmed]
    assert trimmed  # "Notably, …, highlighting …" and "…, reflecting …" are cut
    for s in trimmed:
        assert not s.text.startswith(("Notably", "Moreover"))
        assert ", highlighting" not in s.text and ", reflecting" not in s.text


# -- properties, on the demo and on a general corpus ----------------------------------------
def _check_order(summary: Summary, view) -> None:
    """By story (in the view's order), within a story its own events by date and undated ones
    after them, then the background it recalls (dated over 30 days before the story began)."""
    story_of = {d: s.id for s in view.stories for d in s.documents}
    rank = {s.id: i for i, s in enumerate(view.stories)}
    began = {s.id: s.first_date for s in view.stories}
    ranks = [rank.get(story_of.get(s.documents[0], ""), len(rank)) for s in summary.sentences]
    assert ranks == sorted(ranks), "stories out of order"
    for story_id, r in rank.items():
        block = [s for s, k in zip(summary.sentences, ranks, strict=True) if k == r]
        first = began[story_id]
        cutoff = (date.fromisoformat(first) - timedelta(days=30)).isoformat() if first else ""
        own = [s for s in block if not (s.date and first and s.date[:10] < cutoff)]
        background = block[len(own) :]
        assert own + background == block, "background before the story's own events"
        dated = [s.date for s in own if s.date]
        assert dated == sorted(dated)
        seen_undated = False
        for s in own:
            seen_undated = seen_undated or s.date is None
            assert not (seen_undated and s.date), "a dated sentence after an undated one"


def _check_properties(summary: Summary, docs: list[Document], limit: int, view=None) -> None:
    by_id = {d.id: d for d in docs}
    assert len(summary.sentences) <= limit
    keys = [(s.evidence[0].doc_id, s.evidence[0].sentence_start) for s in summary.sentences]
    assert len(set(keys)) == len(keys), "a sentence chosen twice"
    texts = [s.text.lower() for s in summary.sentences]
    assert len(set(texts)) == len(texts), "duplicate text"
    if view is not None:
        _check_order(summary, view)
    for s in summary.sentences:
        assert s.documents[0] == s.evidence[0].doc_id
        assert {p.doc_id for p in s.evidence} == set(s.documents)
        assert set(s.documents) <= set(summary.documents)
        for p in s.evidence:
            text = by_id[p.doc_id].text
            assert text[p.sentence_start : p.sentence_end] == p.sentence
            assert p.sentence_start <= p.start < p.end <= p.sentence_end
        own = s.evidence[0]
        span = by_id[own.doc_id].text[own.start : own.end]
        shown = s.text[:-1] if s.trimmed and not span.endswith(".") else s.text
        assert shown[1:] == span[1:] and shown[:1].lower() == span[:1].lower()


@pytest.mark.parametrize("limit", [0, 1, 3, 10])
def test_summary_properties_hold_on_the_demo(demo, limit):
    docs, analyses, view = demo
    summary = summarise(docs, analyses, view, max_sentences=limit)
    _check_properties(summary, docs, limit, view)
    assert (len(summary.sentences) == 0) == (limit == 0)


def test_the_centrality_method_keeps_the_same_guarantees(demo):
    docs, analyses, view = demo
    summary = Summariser(docs, analyses, view, method="centrality").summary(None, 6)
    assert len(summary.sentences) == 6
    _check_properties(summary, docs, 6, view)


def test_story_summaries(demo):
    docs, analyses, view = demo
    corpus, stories = summarise_all(docs, analyses, view, 10, story_sentences=4)
    assert corpus.scope == "corpus" and corpus.story_id is None
    assert [s.story_id for s in stories] == [s.id for s in view.stories]
    for summary, story in zip(stories, view.stories, strict=True):
        assert summary.scope == "story"
        assert summary.sentences
        _check_properties(summary, docs, 4, view)
        assert {d for s in summary.sentences for d in s.documents} <= set(story.documents)


def test_a_candidate_s_concepts_are_worked_out_once_for_all_summaries(demo, monkeypatch):
    """The corpus summary and each story's ask for the same candidates' concepts (none depends
    on the scope): made once, the summaries are those made each on their own."""
    from storyline.summary.concepts import ConceptIndex

    docs, analyses, view = demo
    alone = [Summariser(docs, analyses, view).summary(s.documents, 4, s.id) for s in view.stories]
    told: list[tuple[str, int, int]] = []
    real = ConceptIndex.own_concepts
    monkeypatch.setattr(
        ConceptIndex,
        "own_concepts",
        lambda self, c: told.append((c.doc_id, c.start, c.end)) or real(self, c),
    )
    _, stories = summarise_all(docs, analyses, view, 10, story_sentences=4)
    assert stories == alone
    assert told and len(told) == len(set(told))


def test_a_subset_cites_only_its_documents(demo):
    docs, analyses, view = demo
    chosen = [d.id for d in docs if d.id.startswith(("000", "002"))]
    summary = summarise(docs, analyses, view, max_sentences=6, doc_ids=chosen)
    assert summary.sentences
    assert {d for s in summary.sentences for d in s.documents} <= set(chosen)
    assert summary.documents == sorted(chosen, key=lambda d: d[:3] != "002")  # by date


def test_source_quality_weighs_the_choice(demo):
    docs, analyses, view = demo
    target = next(d.id for d in docs if d.id.startswith("000"))

    def share(score_of):
        quality = [q.model_copy(update={"score": score_of(q.doc_id)}) for q in view.quality]
        weighed = type(view)(**{**view.__dict__, "quality": quality})
        summary = summarise(docs, analyses, weighed, max_sentences=8)
        return sum(s.documents[0] == target for s in summary.sentences)

    assert share(lambda d: 1.0 if d == target else 0.0) > share(
        lambda d: 0.0 if d == target else 1.0
    )


def test_general_corpus(europe):
    docs, analyses, view = europe
    summary = summarise(docs, analyses, view, max_sentences=6)
    _check_properties(summary, docs, 6, view)
    first = summary.sentences[0]
    assert first.date == "2023-05-09" and set(first.documents) == {"a1", "a2"}
    assert "Scholz" in first.text and "Macron" in first.text
    assert any(s.documents[0] == "a3" and s.date == "2023-06-02" for s in summary.sentences)
    assert all("a4" not in s.documents for s in summary.sentences)  # FAQ, how-to, "this article"


def test_a_copied_sentence_is_told_once_and_cites_both(nlp):
    lede = (
        "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in Nairobi "
        "on Monday to discuss a new railway line between the two countries."
    )
    texts = [
        ("k1", "2024-02-06", lede + " The leaders signed three agreements on trade and energy."),
        ("k2", "2024-02-06", lede + " Officials said construction could begin next year."),
        ("k3", "2024-02-20", "Ugandan President Yoweri Museveni visited Kigali on Tuesday."),
    ]
    docs, analyses, view = build_corpus(nlp, texts)
    summary = summarise(docs, analyses, view, max_sentences=5)
    _check_properties(summary, docs, 5, view)
    ledes = [s for s in summary.sentences if s.text.startswith("Kenyan President")]
    assert len(ledes) == 1 and set(ledes[0].documents) >= {"k1", "k2"}


# -- candidates and trimming (no parse needed) ----------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        ("The talks between the two ministers lasted three hours on Monday.", None),
        ("What was the purpose of the visit to India?", "question"),
        (
            "This article delves into the significance of the visit to India.",
            "about the page or the reader",
        ),
        (
            "Always keep an eye on your favourite news sources for updates.",
            "about the page or the reader",
        ),
        ("Read on to learn what the agreement means for trade.", "about the page or the reader"),
        ("“Spoke with the President and congratulated him on his victory.", "piece of a quotation"),
        ("and then the delegation travelled to the capital for more talks.", "fragment"),
        ("Great talks today. — Jane Doe (@janedoe) March 20, 2024", "social-media embed"),
        ("Leave a reply.", "too short"),
        ("“We will not back down,” the minister told reporters in Paris on Friday.", None),
    ],
)
def test_rejects(sentence, why):
    assert rejects(sentence) == why


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Notably, countries such as China and Iran have also congratulated the president, "
            "highlighting a pattern of diplomacy.",
            "Countries such as China and Iran have also congratulated the president.",
        ),
        (
            "India now relies on Russia for over 40% of its oil imports, highlighting the "
            "deepening economic ties between the two nations.",
            "India now relies on Russia for over 40% of its oil imports.",
        ),
        (  # a clause with a number carries a fact: kept
            "The minister arrived in Moscow for a two-day visit, marking his first trip since "
            "2019.",
            None,
        ),
        ("Moreover, prices rose sharply.", None),  # too little would be left
        (  # the clause is inside a quotation: kept
            "“We stand together, reflecting our shared history and our values,” he said.",
            None,
        ),
        (  # "including" carries facts: never cut
            "The ministers discussed several issues at length, including trade and energy.",
            None,
        ),
    ],
)
def test_trim(sentence, expected):
    start, end, shown, trimmed = trim(sentence, 0, len(sentence))
    assert trimmed == (expected is not None)
    assert shown == (expected or sentence)
    if trimmed:
        assert shown[1:].rstrip(".") == sentence[start:end][1:].rstrip(".")


def test_trim_keeps_a_protected_name():
    sentence = "The talks went on for two full days in the capital, reflecting concerns of Lavrov."
    at = sentence.index("Lavrov")
    assert not trim(sentence, 0, len(sentence), [(at, at + 6)])[3]
    assert trim(sentence, 0, len(sentence))[3]


def test_skipped_blocks_follow_the_page_structure():
    parts = [
        ("paragraph", "Leaders met in Rome on Monday."),
        ("heading", "Background"),
        ("paragraph", "The talks began last year."),
        ("heading", "Frequently Asked Questions"),
        ("question", "Why did they meet?"),
        ("paragraph", "To discuss trade."),
        ("heading", "What happens next"),
        ("question", "Will they meet again?"),
        ("paragraph", "Probably in June."),
        ("paragraph", "A second paragraph after the answer is prose again."),
        ("heading", "How to follow the talks"),
        ("paragraph", "Subscribe to updates."),
        ("heading", "Step 1: Bookmark this page"),
        ("paragraph", "Bookmark it."),
        ("heading", "Reactions"),
        ("paragraph", "Markets rose."),
    ]
    text, blocks = "", []
    for kind, words in parts:
        start = len(text)
        text += words + "\n\n"
        blocks.append(Block(kind=kind, start=start, end=start + len(words)))
    doc = Document(
        id="d",
        source="d",
        source_kind="txt",
        raw_text=text,
        text=text,
        blocks=blocks,
        content_hash="x",
    )
    skipped = skipped_blocks(doc)
    kept = [parts[i][1] for i in range(len(parts)) if i not in skipped]
    assert kept == [
        "Leaders met in Rome on Monday.",
        "The talks began last year.",
        "A second paragraph after the answer is prose again.",
        "Markets rose.",
    ]


# -- the best sources, the main events, no filler -------------------------------------------
def test_generic_filler_is_never_quoted(europe):
    docs, analyses, view = europe
    summary = summarise(docs, analyses, view, max_sentences=10)
    from storyline.quality.text_signals import filler_matches

    assert all(not filler_matches(s.text) for s in summary.sentences)


def test_a_source_far_below_the_best_is_not_quoted(demo):
    docs, analyses, view = demo
    worst = min(view.quality, key=lambda q: q.score)
    assert worst.score < 0.15 and max(q.score for q in view.quality) >= 0.5
    summary = summarise(docs, analyses, view, max_sentences=10)
    assert all(s.documents[0] != worst.doc_id for s in summary.sentences)
    # the same source is quoted when nothing better is in scope
    alone = summarise(docs, analyses, view, max_sentences=3, doc_ids=[worst.doc_id])
    assert alone.sentences and all(s.documents[0] == worst.doc_id for s in alone.sentences)


def test_each_story_main_event_is_known(demo):
    from storyline.summary.concepts import main_events

    _, _, view = demo
    found = main_events(view)
    events = {e.id: e for e in view.events}
    call = next(e for e in events.values() if e.date == "2024-03-20" and len(e.documents) == 2)
    assert call.id in found
    assert len(found) <= len(view.stories)  # at most one per story


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Japan on Thursday delivered the first air defence missiles to Vietnam, three years "
            "after Hanoi signed a defence agreement with Tokyo.",
            "2025-03-13",
        ),
        (
            "On Tuesday, Kenyan President William Ruto telephoned Ethiopian Prime Minister Abiy "
            "Ahmed, a day after he met Somali President Hassan Sheikh Mohamud in Nairobi.",
            "2025-03-11",
        ),
    ],
)
def test_a_sentence_takes_the_date_of_the_event_it_tells_first(nlp, text, expected):
    """Two events told equally fully: the main clause's (first told) dates the sentence, not
    the background of its "after" clause."""
    docs, analyses, view = build_corpus(nlp, [("d1", "2025-03-14", text)])
    events = [e for a in analyses for e in a.events if e.date]
    assert len({e.date for e in events}) >= 2, [(e.trigger, e.date) for e in events]
    summary = summarise(docs, analyses, view, max_sentences=3)
    assert [s.date for s in summary.sentences] == [expected]


def _greedy_over_every_concept(pool, concepts, weights, factors, k, min_gain, max_overlap):  # type: ignore[no-untyped-def]
    """The lazy greedy as it ran over every candidate's whole concepts (content words made
    as concepts) and a weight for every concept of the pool: the reference."""
    import heapq

    from storyline.summary.greedy import _overlap

    covered: dict[str, float] = {}

    def gain(i: int) -> float:
        return factors[i] * sum(
            weights.get(c, 0.0) * max(0.0, d - covered.get(c, 0.0)) for c, d in concepts[i].items()
        )

    heap = [(-gain(i), i) for i in range(len(pool))]
    heapq.heapify(heap)
    chosen: list[int] = []
    first = 0.0
    while heap and len(chosen) < k:
        _, i = heapq.heappop(heap)
        fresh = gain(i)
        if heap and fresh < -heap[0][0] - 1e-12:
            heapq.heappush(heap, (-fresh, i))
            continue
        if fresh <= 0 or (first and fresh < min_gain * first):
            break
        if any(_overlap(pool[i].terms, pool[j].terms) >= max_overlap for j in chosen):
            continue
        first = first or fresh
        chosen.append(i)
        for c, d in concepts[i].items():
            covered[c] = max(covered.get(c, 0.0), d)
    return chosen


def test_the_greedy_picks_what_it_picked_over_every_candidate_s_whole_concepts(demo) -> None:
    """The pool's first gains are summed from each candidate's own concepts and its content
    words' weights; the whole concepts are asked for only of the candidates popped: the same
    picks as over every candidate's whole concepts and weights, for the pile and each story."""
    from itertools import chain

    import numpy as np

    from storyline.summary import greedy
    from storyline.summary.weights import ScopeWeights, first_gains

    docs, analyses, view = demo
    summariser = Summariser(docs, analyses, view)
    columns = summariser.columns
    for scope in [set(summariser.docs), *(set(s.documents) for s in view.stories)]:
        rows = np.array([r for d in sorted(scope) for r in summariser.rows_of(d)], dtype=np.int64)
        pool = [columns.candidate(int(r)) for r in rows]
        told = [summariser.told(int(r)) for r in rows]
        whole = [
            summariser.index.with_terms(dict(own), c)
            for (own, _), c in zip(told, pool, strict=True)
        ]
        weights = ScopeWeights(summariser.index, scope, columns, rows)
        every = {key: weights.get(key) for concepts in whole for key in concepts}
        factors = [f for _, f in told]
        first = first_gains(weights, columns, rows)
        # summed from the columns, the first gains are the floats a sum in order over the
        # candidate's concepts gives (own concepts, then content words)
        assert first.tolist() == [
            sum(
                chain(
                    (weights.get(k) * max(0.0, d) for k, d in own.items()),
                    (weights.get(f"term:{t}") for t in c.terms),
                )
            )
            * factor
            for (own, factor), c in zip(told, pool, strict=True)
        ]
        asked: set[int] = set()

        def concepts(
            i: int, whole: list[dict[str, float]] = whole, asked: set[int] = asked
        ) -> dict[str, float]:
            asked.add(i)
            return whole[i]

        picked = greedy.lazy_greedy(
            first,
            np.array(factors),
            weights,
            6,
            0.04,
            0.5,
            concepts,
            lambda i, rows=rows: columns.term_ids(int(rows[i])),
        )
        assert picked == _greedy_over_every_concept(pool, whole, every, factors, 6, 0.04, 0.5)
        assert picked and set(picked) <= asked
        if len(pool) > 50:
            assert len(asked) < len(pool) / 2
