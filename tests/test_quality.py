"""Source quality: per-document signals, the combined score and its reasons."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.models import (
    Block,
    Document,
    DocumentAnalysis,
    EventMention,
    Figure,
    Mention,
    Provenance,
    Removal,
)
from storyline.nlp import parse_one
from storyline.quality.rules import Effect
from storyline.quality.scoring import score_quality
from storyline.quality.signals import (
    attribution_counts,
    document_signals,
    figure_count,
    people_with_roles,
    specific_date_count,
)
from storyline.quality.text_signals import (
    direct_quotes,
    filler_matches,
    filler_signals,
    headline_features,
    template_signals,
    text_signals,
)
from tests.conftest import make_document

# --- general texts, written for these tests (not from the demo corpus) -------------------------

WIRE_STORY = "\n\n".join(
    [
        "Flood defences fail in river town",
        "Carlisle, March 4, 2024: Floodwater breached the defences of the river town on Monday, "
        "forcing about 1,200 residents from their homes, the county council said.",
        '"We have never seen the river rise this fast," Mayor Janet Hughes told reporters at the '
        "town hall.",
        "According to a statement from the Environment Agency, the river peaked at 4.2 metres on "
        "Monday night, 30 cm above the previous record set in December 2015.",
        "Council leader Tom Price said repairs would cost at least £3 million. “The money has to "
        "come from central government,” he said.",
        "The agency's spokesperson, Anil Rao, said pumps would run through Wednesday.",
    ]
)

SEO_PAGE = """# Understanding Floods: A Comprehensive Guide

## Introduction
In today's fast-paced world, it is important to note that floods play a crucial role in shaping
communities. This article delves into the intricate tapestry of causes.

*Alt text: A flooded street*

## Overview of Flood Risks
Floods stand as a testament to the power of nature.

## FAQs
1. **What causes floods?**
Heavy rain and rising rivers.
2. **How can I stay safe?**
Follow local advice.
3. **Are floods getting worse?**
In an increasingly interconnected world, many experts think so.

## How to Prepare
### Step 1: Make a Plan
Know your routes.
### Step 2: Pack a Bag
Keep essentials ready.

## Conclusion
Navigating the complexities of flood risk is a journey."""


@pytest.fixture(scope="module")
def wire_doc():
    return make_document(WIRE_STORY, "wire", date_field="2024-03-05")


@pytest.fixture(scope="module")
def seo_doc():
    return make_document(SEO_PAGE, "seo")


# --- generated filler ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "weight"),
    [
        ("The report delves into the causes of the strike.", 1.0),
        ("The bridge stands as a testament to Roman engineering.", 1.0),  # counted once
        ("In today's fast-paced world, news travels quickly.", 1.0),
        ("In today’s fast-paced world, news travels quickly.", 1.0),  # curly apostrophe
        ("It is important to note that prices rose.", 1.0),
        ("It's worth noting that the vote was close.", 1.0),
        ("Teachers play a crucial role in every school.", 1.0),
        ("Navigating the complexities of tax law is hard.", 1.0),
        ("Trade grew in an increasingly multipolar world.", 1.0),
        ("A pivotal vote is due.", 0.5),  # a single word weighs half
        ("The ruling underscores the court's view.", 0.5),
        ("The council voted 7-2 on Tuesday to approve the budget.", 0.0),
        ("The importance of the vote was clear to the reporters.", 0.0),
        ("", 0.0),
    ],
)
def test_filler_phrases(text, weight):
    assert sum(w for _, w in filler_matches(text)) == weight


def test_filler_rate_is_per_thousand_words():
    text = "The report delves into it. " + "word " * 189 + "It is important to note this."
    signals = filler_signals(text)  # 5 + 189 + 6 = 200 words
    assert signals["filler_hits"] == 2.0
    assert signals["filler_rate"] == pytest.approx(10.0)


# --- headlines ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "features"),
    [
        ("Tax Day: What You Need to Know!", {"phrase", "second_person", "exclamation"}),
        ("7 Ways to Save on Groceries", {"listicle"}),
        ("The 10 Best Beaches in Europe", set()),  # a ranking, not a "things/ways" listicle
        ("Top 5 tips for a cheaper holiday", {"listicle"}),
        ("Is the housing market about to crash?", {"question"}),
        ("Here's why your phone battery dies so fast", {"phrase", "second_person"}),
        ("Parliament passes budget after all-night session", set()),
        ("Flood Risk: A Comprehensive Guide", {"phrase"}),
        (None, set()),
        ("", set()),
    ],
)
def test_headline_features(title, features):
    assert set(headline_features(title)) == features


# --- template / SEO structure -----------------------------------------------------------------


def test_template_structure_of_an_seo_page(seo_doc):
    signals = template_signals(seo_doc)
    assert signals["faq_block"] == 1.0
    assert signals["step_headings"] == 2.0
    assert signals["boilerplate_headings"] >= 2.0  # Introduction, Overview…, How to…, Conclusion
    assert signals["caption_residue"] == 1.0  # "Alt text: …" removed by the cleaner
    assert signals["template_points"] >= 3.0


def test_news_story_has_no_template_structure(wire_doc):
    signals = template_signals(wire_doc)
    assert signals["template_points"] == 0.0
    assert signals["faq_block"] == signals["step_headings"] == 0.0


ANSWERS = [
    "Because my grandmother grew up there and told me stories about the mines.",
    "The archive in the old library had letters nobody had read since the war.",
    "Funding came late, so we filmed on weekends with borrowed cameras and lights.",
    "Viewers in the valley wrote to say they recognised their own families on screen.",
    "Next I want to follow the river south, to the ports where the coal was shipped.",
    "Honestly, patience: most days nothing happened, and then everything did at once.",
    "Local choirs recorded the music in a chapel, which gave it that echoing sound.",
    "The hardest part was cutting four hours of interviews down to ninety minutes.",
    "Schools have asked for copies, so a shorter version for classrooms is planned.",
    "Critics were kinder than I expected, though some wanted more about the strikes.",
    "We paid every interviewee a small fee and sent each of them the finished film.",
    "My editor argued for a linear story; I wanted it to move the way memory moves.",
]


def test_question_blocks_without_faq_heading_count_little():
    questions = ["Why this valley?", "Where did the letters come from?", "How was it paid for?",
                 "What did viewers say?"]  # fmt: skip
    interview = "Film-maker on her valley documentary\n\n" + "\n\n".join(
        f"{question}\n\n{answer}" for question, answer in zip(questions, ANSWERS, strict=False)
    )
    signals = template_signals(make_document(interview, "interview"))
    assert signals["question_blocks"] == 4.0 and signals["faq_block"] == 0.0
    assert 0.0 < signals["template_points"] < 0.5


def test_dense_headings():
    text = "Notes from the valley\n\n" + "\n\n".join(
        f"Part {n} of the story\n\n{answer}" for n, answer in enumerate(ANSWERS)
    )
    signals = template_signals(make_document(text, "dense"))
    assert signals["headings"] == 12.0
    assert signals["heading_density"] > 15
    assert signals["template_points"] == 0.5


# --- quotes and attributions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("“We will rebuild the school,” the mayor said.", 1),
        ('"This fight is not over," she said.', 1),
        ("Voters placed their “trust” and “hopes” in him.", 0),  # scare quotes
        ("He called it “a complete cessation of hostilities” and left.", 1),
        ("The “open quote never closes", 0),
        ("«Nous allons reconstruire l'école», a dit le maire.", 1),
    ],
)
def test_direct_quotes(text, count):
    assert len(direct_quotes(text)) == count


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("The minister said the talks would resume on Monday.", (1, 1)),
        ("According to a statement from the ministry, the plant will close.", (1, 1)),
        ("The company's spokesperson declined to comment on the report.", (1, 1)),
        ("Putin claimed that the vote was fair.", (1, 0)),
        ("She told reporters she would not resign.", (1, 0)),
        ("It is important to note that prices rose.", (0, 0)),
        ("Progress was noted in the talks on trade.", (0, 0)),  # passive: no source named
        ("Large countries assert their influence in the region.", (0, 0)),  # not reporting
        ("The river burst its banks overnight.", (0, 0)),
    ],
)
def test_attribution_counts(nlp, text, counts):
    assert attribution_counts(parse_one(text, nlp)) == counts


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("The summit opened on Monday, March 4, 2024, and closed in April 2024.", 2),
        ("The law passed on 12 June and took effect on Friday.", 2),
        ("Relations improved in 2019 and in recent years.", 0),  # bare years, vague spans
        ("The vote is expected soon.", 0),
    ],
)
def test_specific_date_count(nlp, text, count):
    assert specific_date_count(parse_one(text, nlp)) == count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Foreign Minister Penny Wong met her Chinese counterpart, Wang Yi, in Beijing.", 2),
        ("Alice Smith went home early.", 0),
    ],
)
def test_people_with_roles(nlp, text, count):
    assert people_with_roles(parse_one(text, nlp)) == count


def test_figure_count_ignores_years_and_structure(nlp):
    text = "Trade rose 12% to $4.5 billion in 2023, and 3,000 jobs were added."
    assert figure_count(parse_one(text, nlp)) == 3
    steps = "Step 1: Open the app\n\nThe fee is $20 a month for 2 users."
    doc = make_document(steps, "steps")
    parsed = parse_one(doc.text, nlp)
    paragraphs = [(b.start, b.end) for b in doc.blocks if b.kind == "paragraph"]
    assert figure_count(parsed, within=paragraphs) == 2


# --- the score ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("effect", "value", "expected"),
    [
        (Effect("x", "s", 0.1, 0.0, 2.0), 0.0, 0.0),
        (Effect("x", "s", 0.1, 0.0, 2.0), 1.0, 0.05),
        (Effect("x", "s", 0.1, 0.0, 2.0), 5.0, 0.1),
        (Effect("x", "s", -0.2, 2.0, 8.0), 1.0, 0.0),
        (Effect("x", "s", -0.2, 2.0, 8.0), 5.0, -0.1),
        (Effect("x", "s", -0.15, 0.0, 0.0), 1.0, -0.15),  # a step, not a ramp
    ],
)
def test_effect_ramp(effect, value, expected):
    assert effect.of(value) == pytest.approx(expected)


def _analysis(document: Document, parsed=None, **layers) -> DocumentAnalysis:
    signals = document_signals(document, parsed) if parsed is not None else {}
    return DocumentAnalysis(doc_id=document.id, version="test", signals=signals, **layers)


def test_wire_story_outranks_seo_page(nlp, wire_doc, seo_doc):
    wire = score_quality(wire_doc, _analysis(wire_doc, parse_one(wire_doc.text, nlp)))
    seo = score_quality(seo_doc, _analysis(seo_doc, parse_one(seo_doc.text, nlp)))
    assert wire.score > 0.75 > 0.25 > seo.score
    wire_reasons = " | ".join(r.reason for r in wire.reasons)
    seo_reasons = " | ".join(r.reason for r in seo.reasons)
    assert "direct quote" in wire_reasons and "official" in wire_reasons
    assert "FAQ block" in seo_reasons and "'Step N'" in seo_reasons
    assert "no publication date" in seo_reasons
    assert "generated-filler" in seo_reasons


def test_reasons_are_sorted_signed_and_capped(nlp, seo_doc):
    quality = score_quality(seo_doc, _analysis(seo_doc, parse_one(seo_doc.text, nlp)))
    effects = [abs(r.effect) for r in quality.reasons]
    assert effects == sorted(effects, reverse=True)
    assert 0 < len(quality.reasons) <= 5
    assert all(r.effect < 0 for r in quality.reasons if r.signal in ("undated", "template"))


def test_score_works_without_signals_or_layers(seo_doc):
    quality = score_quality(seo_doc, _analysis(seo_doc))  # signals fall back to the text
    assert 0.0 <= quality.score <= 0.3
    assert quality.signals["template_points"] >= 3.0


def _provenance(doc: Document) -> Provenance:
    return Provenance(
        doc_id=doc.id, start=0, end=4, sentence=doc.text[:20], sentence_start=0, sentence_end=20
    )


def test_score_uses_language_layers_when_present():
    doc = make_document("The two leaders met and talked about trade and energy.", "layers")
    bare = score_quality(doc, _analysis(doc))
    prov = _provenance(doc)
    events = [
        EventMention(id=f"e{i}", type="CONSULT", trigger="met", date=f"2024-03-1{i}",
                     date_basis="timex", rule="test", provenance=prov)
        for i in range(3)
    ] + [EventMention(id="e9", type="CONSULT", trigger="met", date="2024-03-20",
                      date_basis="document-date", rule="test", provenance=prov)]  # fmt: skip
    mentions = [
        Mention(text=name, label="PERSON", model_label="PERSON", role=role, provenance=prov)
        for name, role in [("Ann Lee", "President"), ("Bo Chen", "Minister"), ("Cy Diaz", None)]
    ]
    figures = [
        Figure(id="f1", kind="money", text="$5 billion", value=5e9, measure="trade",
               measure_key="trade", provenance=prov),
        Figure(id="f2", kind="percent", text="12%", value=12, measure="growth",
               measure_key="growth", provenance=prov),
    ]  # fmt: skip
    layered = score_quality(doc, _analysis(doc, events=events, mentions=mentions, figures=figures))
    assert layered.signals["dated_events"] == 3.0  # the document-dated one does not count
    assert layered.signals["specific_dates"] == 3.0
    assert layered.signals["people_with_roles"] == 2.0
    assert layered.signals["figures"] == 2.0
    assert layered.score > bare.score
    assert any("3 dated events" in r.reason for r in layered.reasons)


# --- the demo corpus ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_qualities(parsed_samples):
    return {
        doc_id: score_quality(doc, _analysis(doc, parsed))
        for doc_id, (doc, parsed) in parsed_samples.items()
    }


def _by_prefix(qualities, prefix):
    return next(q for doc_id, q in qualities.items() if doc_id.startswith(prefix))


def test_samples_ranking(sample_qualities):
    ranked = sorted(sample_qualities.values(), key=lambda q: -q.score)
    assert ranked[-1].doc_id.startswith("004")
    assert {q.doc_id[:3] for q in ranked[:2]} == {"001", "002"}


def test_samples_reasons(sample_qualities):
    def reasons(prefix):
        return " | ".join(r.reason for r in _by_prefix(sample_qualities, prefix).reasons)

    assert "no publication date" in reasons("004")
    assert "FAQ block" in reasons("004") and "'Step N'" in reasons("004")
    assert "direct quote" in reasons("001") and "official" in reasons("001")
    assert "specific date" in reasons("002")
    assert "clickbait headline" in reasons("003") and "What You Need to Know" in reasons("003")


# --- robustness ---------------------------------------------------------------------------------

_removal = st.builds(
    Removal,
    text=st.text(max_size=40),
    kind=st.sampled_from(["furniture", "repeat", "metadata"]),
    rule=st.sampled_from(["caption", "teaser", "x"]),
    start=st.integers(0, 50),
    end=st.integers(0, 50),
)
_block = st.builds(
    Block,
    kind=st.sampled_from(["heading", "paragraph", "list-item", "question"]),
    start=st.integers(-5, 400),
    end=st.integers(-5, 400),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(max_size=300),
    title=st.none() | st.text(max_size=80),
    blocks=st.lists(_block, max_size=6),
    removed=st.lists(_removal, max_size=4),
    raw_extra=st.text(max_size=50),
    published=st.none() | st.just("2024-03-20"),
)
def test_signals_never_raise_on_arbitrary_text(
    nlp, text, title, blocks, removed, raw_extra, published
):
    doc = Document(
        id="h", source="h.txt", source_kind="txt", title=title, published=published,
        raw_text=text + raw_extra, text=text, blocks=blocks, removed=removed, content_hash="h",
    )  # fmt: skip
    signals = document_signals(doc, parse_one(text, nlp))
    assert all(isinstance(v, float) and math.isfinite(v) for v in signals.values())
    assert set(text_signals(doc)) <= set(signals)
    quality = score_quality(doc, DocumentAnalysis(doc_id="h", version="t", signals=signals))
    assert 0.0 <= quality.score <= 1.0


# --- a missed date, originality, more template signals, the fit -----------------------------

UNDATED_REPORT = (
    "Ministers agree to extend the deadline\n\n"
    "The finance ministers met in Brussels on Tuesday and agreed to extend the deadline for "
    "national plans by three months, officials said.\n\n"
    "The decision follows talks last week between the commission and the largest members."
)


def test_a_missed_date_costs_little_when_the_text_reads_as_a_dated_report(seo_doc):
    report = make_document(UNDATED_REPORT, "report")
    assert report.published is None
    quality = score_quality(report, _analysis(report))
    assert quality.signals["news_deixis"] == 2.0  # "on Tuesday", "last week"
    assert quality.signals["undated"] == pytest.approx(0.2)
    reason = next(r for r in quality.reasons if r.signal == "undated")
    assert "reads as a dated report" in reason.reason and "'on Monday'" in reason.reason
    seo = score_quality(seo_doc, _analysis(seo_doc))
    assert seo.signals["undated"] == 1.0
    assert any(r.reason == "no publication date" for r in seo.reasons)


def test_a_near_copy_is_marked(wire_doc):
    own = score_quality(wire_doc, _analysis(wire_doc))
    copy = score_quality(wire_doc, _analysis(wire_doc), copy_of="original-1")
    assert copy.score < own.score
    assert any("near-copy of original-1" in r.reason for r in copy.reasons)


def test_removed_faq_heading_and_table_of_contents_still_count_as_template():
    text = (
        "Understanding trade rules\n\nTable of Contents\n\n1. Background\n\n2. The rules\n\n"
        "Trade rules set how goods cross borders and what duties they pay at each border.\n\n"
        "Frequently Asked Questions\n\nWhat is a tariff?\n\nA tariff is a tax on imported goods."
    )
    doc = make_document(text, "toc")
    assert {"table-of-contents", "faq-heading"} <= {r.rule for r in doc.removed}
    signals = template_signals(doc)
    assert signals["faq_block"] == 1.0 and signals["table_of_contents"] == 1.0
    assert signals["template_points"] >= 1.5


def test_keyword_stuffed_headings():
    sections = ["Dates", "Venue", "Theme", "Members", "History"]
    text = "Trade Summit 2025 Guide: Everything About the Trade Summit\n\n" + "\n\n".join(
        f"## Trade Summit 2025 {name}\n\nThe meeting will bring ministers together for two days."
        for name in sections
    )
    doc = make_document(text, "stuffed")
    signals = template_signals(doc)
    assert signals["stuffed_headings"] == 5.0
    assert signals["template_points"] >= 0.5


def test_fit_keeps_signs_and_orders_the_pairs():
    from storyline.quality.fit import fit_weights, pairwise_accuracy
    from storyline.quality.rules import load_rules

    effects = load_rules().effects
    report = {"quotes": 2.0, "attributions": 3.0, "specific_dates": 3.0}
    faq = {"template_points": 1.0, "undated": 1.0, "figures": 3.0, "people_with_roles": 3.0}
    pairs = [(report, faq)] * 3
    fit = fit_weights(effects, pairs, steps=200)
    prior = {e.name: e.weight for e in effects}
    assert fit.accuracy == 1.0
    assert all(w * prior[name] >= 0 for name, w in fit.weights.items())
    assert pairwise_accuracy(effects, prior, [(faq, report)]) == 0.0
