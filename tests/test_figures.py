"""Figures: number reading, claimed-figure extraction, measures, periods, cross-source groups.

Tables of input → expected. The extraction tables use general news sentences beyond the demo
corpus; the hand-labelled check at the end is a small set written for this test (there is no
public figures gold set in ../shared/eval), scored for precision and recall of (kind, value,
unit).
"""

from __future__ import annotations

import math

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.figures.extract import extract_figures, group_figures
from storyline.figures.numbers import find_quantities, parse_number
from storyline.figures.parties import title_parties
from storyline.figures.syntax import Context
from storyline.models import Document, Figure, Provenance, Timex
from storyline.nlp import provenance
from tests.conftest import make_document

PUBLISHED = "2024-05-01"


def figures_of(
    nlp, text: str, published: str | None = PUBLISHED, title=None, timexes=None, doc_id="doc"
):
    doc = make_document(text, doc_id=doc_id, title=title, date_field=published)
    parsed = nlp(doc.text)
    return extract_figures(doc, parsed, timexes or [])


# ---------------------------------------------------------------- reading numbers

NUMBERS = [
    ("2,000", 2000.0),
    ("1.2 million", 1.2e6),
    ("3bn", 3e9),
    ("two lakh", 2e5),
    ("5 crore", 5e7),
    ("1 lakh crore", 1e12),
    ("twenty-five", 25.0),
    ("two hundred and fifty", 250.0),
    ("a dozen", 12.0),
    ("2,00,000", 2e5),  # Indian digit grouping
    ("4.5", 4.5),
    ("abc", None),
    ("", None),
    ("1.2.3", None),
    ("two three", None),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


QUANTITIES = [
    ("trade exceeded $50 billion", [("$50 billion", 5e10, "USD", None)]),
    ("approved Rs 2,000 crore", [("Rs 2,000 crore", 2e10, "INR", None)]),
    ("posted €3bn in profit", [("€3bn", 3e9, "EUR", None)]),
    ("worth US$1.2 million", [("US$1.2 million", 1.2e6, "USD", None)]),
    ("paid £3.5m", [("£3.5m", 3.5e6, "GBP", None)]),
    ("5 million dollars", [("5 million dollars", 5e6, "USD", None)]),
    ("INR 40 lakh", [("INR 40 lakh", 4e6, "INR", None)]),
    ("over 40% of imports", [("40%", 40.0, None, "%")]),
    ("3.2 per cent", [("3.2 per cent", 3.2, None, "%")]),
    ("cut by 25 basis points", [("25 basis points", 25.0, None, "basis point")]),
    ("won the 100m race", []),  # metres, not millions: "m" needs a currency
    ("S-400 and COVID-19", []),  # product and disease codes
    ("call 555-123-4567", []),  # phone number
    ("at 5:30 today", []),  # clock time
    ("version 1.2.3", []),
]


@pytest.mark.parametrize(("text", "expected"), QUANTITIES)
def test_find_quantities_money_and_percent(text, expected):
    found = [
        (text[q.start : q.end], q.value, q.currency, q.percent)
        for q in find_quantities(text)
        if not q.ordinal
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "value"), [("a fifth term", 5), ("the twenty-first century", 21), ("his 3rd visit", 3)]
)
def test_find_quantities_ordinals(text, value):
    ordinals = [q for q in find_quantities(text) if q.ordinal]
    assert [q.value for q in ordinals] == [value]


@given(st.text())
def test_parse_number_never_raises(text):
    value = parse_number(text)
    assert value is None or (math.isfinite(value) and value >= 0)


@given(st.text(alphabet="0123456789,.-:/ $€£₹%abcdefghiklmnorstuvwyBMRSU\n", max_size=60))
def test_find_quantities_never_raises_and_spans_are_sound(text):
    quantities = find_quantities(text)
    ends = [0]
    for q in quantities:
        assert 0 <= q.start <= q.num_start < q.num_end <= q.end <= len(text)
        assert q.start >= ends[-1]  # in order, not overlapping
        ends.append(q.end)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet="0123456789,.% $€abcdeilmnoprstuy-\n", min_size=1, max_size=80))
def test_extract_figures_never_raises_on_arbitrary_text(nlp, text):
    doc = Document(
        id="x", source="x", source_kind="txt", raw_text=text, text=text, content_hash="x"
    )
    for figure in extract_figures(doc, nlp(doc.text), []):
        assert doc.text[figure.provenance.start : figure.provenance.end] == figure.text


# ---------------------------------------------------------------- extraction tables

# sentence, published → (kind, text, value, unit, qualifier, period, measure)
EXTRACTION = [
    # money
    (
        "The India-Russia trade turnover exceeded $50 billion last year, reaching an "
        "unprecedented high.",
        "2023-12-28",
        ("money", "$50 billion", 5e10, "USD", "over", "2022", "India–Russia trade turnover"),
    ),
    (
        "The ministry set aside Rs 2,000 crore for rural roads.",
        PUBLISHED,
        ("money", "Rs 2,000 crore", 2e10, "INR", None, None, "amount set aside for rural roads"),
    ),
    (
        "Siemens posted €3bn in profit last year.",
        PUBLISHED,
        ("money", "€3bn", 3e9, "EUR", None, "2023", "Siemens' profit"),
    ),
    (
        "The deal is worth US$1.2 million.",
        PUBLISHED,
        ("money", "US$1.2 million", 1.2e6, "USD", None, None, "deal"),
    ),
    (
        "Sales are expected to reach $10 billion next year.",
        PUBLISHED,
        ("money", "$10 billion", 1e10, "USD", "forecast", "2025", "sales"),
    ),
    (
        "The firm reported revenue of $2.3bn for FY2023.",
        PUBLISHED,
        ("money", "$2.3bn", 2.3e9, "USD", None, "FY2023", "revenue"),
    ),
    (
        "The government spent $5bn on defence.",
        None,
        ("money", "$5bn", 5e9, "USD", None, None, "amount spent on defence"),
    ),
    # percentages
    (
        "India now relies on Russia for over 40% of its oil imports.",
        None,
        (
            "percent",
            "over 40%",
            40.0,
            "%",
            "over",
            None,
            "share of India's oil imports from Russia",
        ),
    ),
    (
        "Russia accounts for about 35% of India's crude oil imports.",
        None,
        (
            "percent",
            "about 35%",
            35.0,
            "%",
            "about",
            None,
            "share of India's crude oil imports from Russia",
        ),
    ),
    (
        "Inflation eased to 3.2 per cent in March.",
        PUBLISHED,
        ("percent", "3.2 per cent", 3.2, "%", None, "2024-03", "inflation"),
    ),
    (
        "Less than 5% of the budget goes to health.",
        PUBLISHED,
        ("percent", "Less than 5%", 5.0, "%", "under", None, "share of budget"),
    ),
    (
        "The bank aims to bring inflation under 2% by 2026.",
        PUBLISHED,
        ("percent", "under 2%", 2.0, "%", "target", "2026", "inflation"),
    ),
    (
        "Shares fell 4% on Tuesday.",
        PUBLISHED,
        ("percent", "4%", 4.0, "%", None, None, "fall in shares"),
    ),
    (
        "Nearly 70 per cent of voters turned out in 2019.",
        PUBLISHED,
        ("percent", "Nearly 70 per cent", 70.0, "%", "about", "2019", "share of voters"),
    ),
    # counts
    (
        "The company cut 1,200 jobs.",
        PUBLISHED,
        ("count", "1,200 jobs", 1200.0, "job", None, None, "jobs cut by company"),
    ),
    (
        "About 300 people were evacuated from the village.",
        PUBLISHED,
        ("count", "About 300 people", 300.0, "people", "about", None, "people evacuated"),
    ),
    (
        "The war has displaced more than 6 million people.",
        PUBLISHED,
        (
            "count",
            "more than 6 million people",
            6e6,
            "people",
            "over",
            None,
            "people displaced by war",
        ),
    ),
    (
        "The death toll rose to 300 people.",
        PUBLISHED,
        ("count", "300 people", 300.0, "people", "cumulative", None, "death toll"),
    ),
    (
        "Oil output climbed to a record 13.2 million barrels a day.",
        PUBLISHED,
        ("count", "13.2 million barrels", 1.32e7, "barrel", "record", None, "oil output"),
    ),
    (
        "Germany's population of 84 million is ageing.",
        PUBLISHED,
        ("count", "84 million", 8.4e7, None, None, None, "Germany's population"),
    ),
    # durations
    (
        "Despite the censure of Russia’s 22-month-long conflict with Ukraine, India stayed "
        "neutral.",
        PUBLISHED,
        (
            "duration",
            "22-month-long",
            22.0,
            "month",
            None,
            None,
            "duration of Russia's conflict with Ukraine",
        ),
    ),
    (
        "India’s Prime Minister Narendra Modi embarked on a two-day visit to Moscow.",
        None,
        (
            "duration",
            "two-day",
            2.0,
            "day",
            None,
            None,
            "duration of Narendra Modi's visit to Moscow",
        ),
    ),
    (
        "The strike lasted 12 days.",
        PUBLISHED,
        ("duration", "12 days", 12.0, "day", None, None, "duration of strike"),
    ),
    # ordinals
    (
        "Putin secured an unprecedented fifth term as president of Russia.",
        PUBLISHED,
        (
            "ordinal",
            "fifth term",
            5.0,
            "term",
            "record",
            None,
            "Putin's terms as president of Russia",
        ),
    ),
    (
        "Merkel won a fourth term as chancellor in 2017.",
        PUBLISHED,
        ("ordinal", "fourth term", 4.0, "term", None, "2017", "Merkel's terms as chancellor"),
    ),
    (
        "It was his third visit to China.",
        PUBLISHED,
        ("ordinal", "third visit", 3.0, "visit", None, None, "visits to China"),
    ),
]


@pytest.mark.parametrize(("sentence", "published", "expected"), EXTRACTION)
def test_extracts_one_figure(nlp, sentence, published, expected):
    figures = figures_of(nlp, sentence, published)
    got = [(f.kind, f.text, f.value, f.unit, f.qualifier, f.period, f.measure) for f in figures]
    assert got == [expected]


def test_two_figures_in_one_sentence_share_the_subject_and_year(nlp):
    figures = figures_of(nlp, "Exports rose 12% to $4.5bn in 2023.")
    got = [(f.kind, f.value, f.unit, f.period, f.measure, f.measure_key) for f in figures]
    assert got == [
        ("percent", 12.0, "%", "2023", "rise in exports", "rise:export"),
        ("money", 4.5e9, "USD", "2023", "exports", "export"),
    ]


def test_percentage_points_and_level(nlp):
    figures = figures_of(nlp, "Unemployment fell 0.3 percentage points to 4.1% in June.")
    got = [(f.value, f.unit, f.period, f.measure) for f in figures]
    assert got == [
        (0.3, "percentage point", "2023-06", "fall in unemployment"),  # June before May 2024
        (4.1, "%", "2023-06", "unemployment"),
    ]


def test_every_qualifier_is_kept_main_one_first(nlp):
    [figure] = figures_of(
        nlp,
        "The India-Russia trade turnover exceeded $50 billion last year, reaching an "
        "unprecedented high.",
        "2023-12-28",
    )
    assert figure.qualifiers == ["over", "record"]


@pytest.mark.parametrize(
    ("sentence", "published", "qualifier", "period"),
    [
        # a deadline on a later year than the document is a target …
        ("Exports will grow to $8bn by 2027.", PUBLISHED, "target", "2027"),
        # … a deadline already past is a plain actual figure
        ("Exports had grown to $8bn by 2020.", PUBLISHED, None, "2020"),
        (
            "Both nations aim to increase their trade volumes to $30 billion by 2025.",
            None,
            "target",
            "2025",
        ),
        ("Roughly 1,500 homes were destroyed.", PUBLISHED, "about", None),
        ("Up to 150 people can be seated.", PUBLISHED, "under", None),
    ],
)
def test_qualifier_and_period_from_own_words(nlp, sentence, published, qualifier, period):
    [figure] = figures_of(nlp, sentence, published)
    assert (figure.qualifier, figure.period) == (qualifier, period)


NOT_FIGURES = [
    "Step 1: Follow Reliable News Outlets",
    "1. What was the purpose of the visit?",
    "Section 144 was imposed in the district.",
    "India’s purchase of the S-400 missile system from Russia was discussed.",
    "Their previous meetings in 2019 and 2022 mattered.",
    "He arrived on December 27 at 10 am.",
    "Talks ended on Dec 28 in New Delhi.",
    "Call 555-123-4567 for details.",
    "The two leaders met on Monday.",  # anaphoric: refers back to known leaders
    "Both nations signed the deal.",
    "It is one of the largest deals.",
    "The 45-year-old man was arrested three years ago.",
    "They met for the first time.",
    "The index hit a five-year high.",
    "The 2022-23 budget was passed.",
    "Ryanair bought Boeing 737 jets.",
]


@pytest.mark.parametrize("sentence", NOT_FIGURES)
def test_not_a_claimed_figure(nlp, sentence):
    assert figures_of(nlp, sentence) == []


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Two leaders met on Monday.", 2.0, "leader"),  # indefinite: a claimed count
        ("The two sides signed three agreements.", 3.0, "agreement"),
        ("Progress was noted with the signing of two crucial amendments.", 2.0, "amendment"),
    ],
)
def test_counts_need_a_claimed_number(nlp, sentence, value, unit):
    assert [(f.value, f.unit) for f in figures_of(nlp, sentence)] == [(value, unit)]


def test_conversion_in_brackets_shares_the_measure(nlp):
    figures = figures_of(
        nlp, "Officials said 500 billion rubles (US$19.7 billion) would be infused into markets."
    )
    assert [(f.unit, f.measure) for f in figures] == [
        ("RUB", "amount infused into markets"),
        ("USD", "amount infused into markets"),
    ]


def test_ids_are_stable_and_provenance_points_at_the_words(nlp):
    text = "Exports rose 12% to $4.5bn in 2023. The company cut 1,200 jobs."
    first = figures_of(nlp, text)
    second = figures_of(nlp, text)
    assert [f.id for f in first] == ["doc:f1", "doc:f2", "doc:f3"]
    assert [f.model_dump() for f in first] == [f.model_dump() for f in second]
    for figure in first:
        p = figure.provenance
        assert text[p.start : p.end] == figure.text
        assert text[p.sentence_start : p.sentence_end] == p.sentence
        assert p.sentence_start <= p.start < p.end <= p.sentence_end


# ---------------------------------------------------------------- measure keys and parties


def test_same_measure_in_other_words_shares_a_group(nlp):
    a = figures_of(nlp, "The India-Russia trade turnover exceeded $50 billion last year.")
    b = figures_of(
        nlp,
        "Economic ties between India and Russia are growing. The leaders want to raise trade "
        "volumes to $30 billion by 2025.",
        doc_id="other",
    )
    assert a[0].measure_key == "trade|india|russia"
    # the second names no parties itself: they are its context, not its key
    assert b[0].measure_key == "trade" and {"india", "russia"} <= set(b[0].context)
    assert b[0].measure == "India–Russia trade volumes"
    assert b[0].participants == ["India", "Russia"]
    [group] = group_figures([*a, *b])
    assert group.status == "related" and len(group.figure_ids) == 2


def test_parties_fall_back_to_the_title(nlp):
    [figure] = figures_of(
        nlp, "Trade volumes reached $30 billion.", title="India and Russia hold talks"
    )
    assert figure.measure_key == "trade"
    assert figure.context == ["india", "russia"]


def test_demonyms_stand_for_their_country(nlp):
    [figure] = figures_of(nlp, "Indian imports of Russian oil rose 20%.")
    assert figure.measure == "rise in Indian imports of Russian oil"
    assert figure.measure_key == "rise:import|india|russia"
    assert figure.participants == ["India", "Russia"]


# ---------------------------------------------------------------- periods from the timex layer


def timex(doc, parsed, phrase, value, kind="DATE") -> Timex:
    start = doc.text.index(phrase)
    return Timex(
        id="t1",
        text=phrase,
        type=kind,
        value=value,
        rule="test",
        provenance=provenance(doc.id, parsed, start, start + len(phrase)),
    )


@pytest.mark.parametrize(
    ("sentence", "phrase", "value", "period"),
    [
        # undated document: the timex layer resolves nothing, so neither do figures
        ("Trade exceeded $50 billion last year.", "last year", None, None),
        ("Trade exceeded $50 billion last year.", "last year", "2022", "2022"),
        ("Putin secured a fifth term on Monday.", "Monday", "2024-03-18", "2024-03-18"),
        # a date in another clause ("said on Monday") is not the figure's period
        ("Exports rose 5%, officials said on Monday.", "Monday", "2024-03-18", None),
        # "now" is the report's own time, not a period
        ("India now relies on Russia for 40% of its oil imports.", "now", "PRESENT_REF", None),
    ],
)
def test_period_from_timexes(nlp, sentence, phrase, value, period):
    doc = make_document(sentence, doc_id="doc")
    parsed = nlp(doc.text)
    [figure] = extract_figures(doc, parsed, [timex(doc, parsed, phrase, value)])
    assert figure.period == period


def test_numbers_inside_a_date_timex_are_not_figures(nlp):
    doc = make_document("A 12 Days festival drew 400 visitors.", doc_id="doc")
    parsed = nlp(doc.text)
    without = [f.text for f in extract_figures(doc, parsed, [])]
    with_timex = [
        f.text for f in extract_figures(doc, parsed, [timex(doc, parsed, "12 Days", "XXXX")])
    ]
    assert "12 Days" in without
    assert with_timex == ["400 visitors"]


def test_duration_timex_still_gives_a_duration_figure(nlp):
    doc = make_document("The 22-month-long conflict continues.", doc_id="doc")
    parsed = nlp(doc.text)
    tx = timex(doc, parsed, "22-month-long", "P22M", kind="DURATION")
    [figure] = extract_figures(doc, parsed, [tx])
    assert (figure.kind, figure.value, figure.unit) == ("duration", 22.0, "month")


# ---------------------------------------------------------------- grouping and status


def fig(
    fid: str,
    doc: str,
    value: float,
    *,
    qualifiers: tuple[str, ...] = (),
    period: str | None = "2022",
    reported: str | None = None,
    key: str = "trade|india|russia",
    measure: str = "India–Russia trade",
    unit: str = "USD",
    kind: str = "money",
    claim: str = "actual",
    text: str = "…",
) -> Figure:
    return Figure(
        id=f"{doc}:{fid}",
        kind=kind,
        text=text,
        value=value,
        unit=unit,
        qualifier=qualifiers[0] if qualifiers else None,
        qualifiers=list(qualifiers),
        period=period,
        claim="target" if "target" in qualifiers else claim,
        reported=reported,
        measure=measure,
        measure_key=key,
        participants=["India", "Russia"],
        provenance=Provenance(
            doc_id=doc, start=0, end=1, sentence="…", sentence_start=0, sentence_end=1
        ),
    )


GROUPS = [
    ("corroborated", [fig("f1", "A", 50e9), fig("f1", "B", 51e9)]),
    ("conflicting", [fig("f1", "A", 50e9), fig("f1", "B", 30e9)]),
    ("related", [fig("f1", "A", 50e9), fig("f1", "B", 40e9, period="2021")]),
    (
        "related",
        [fig("f1", "A", 50e9), fig("f1", "B", 30e9, qualifiers=("target",), period="2025")],
    ),
    ("single-source", [fig("f1", "A", 50e9), fig("f2", "A", 30e9)]),
    # "over 50" allows 55 but not 70
    ("corroborated", [fig("f1", "A", 50e9, qualifiers=("over",)), fig("f1", "B", 55e9)]),
    ("conflicting", [fig("f1", "A", 50e9, qualifiers=("over",)), fig("f1", "B", 70e9)]),
    # a figure with no stated period speaks of its report's time: it agrees with the one
    # stated period …
    ("corroborated", [fig("f1", "A", 50e9), fig("f1", "B", 50e9, period=None)]),
    # … contradicts it when the report could be of that time (undated, or the next year) …
    ("conflicting", [fig("f1", "A", 50e9), fig("f1", "B", 30e9, period=None)]),
    (
        "conflicting",
        [fig("f1", "A", 50e9), fig("f1", "B", 30e9, period=None, reported="2023-02-01")],
    ),
    # … and is only related when its report is years later
    (
        "related",
        [fig("f1", "A", 50e9), fig("f1", "B", 30e9, period=None, reported="2025-06-01")],
    ),
    # different units of one measure are related, not contradictory
    ("related", [fig("f1", "A", 50e9), fig("f1", "B", 4e12, unit="INR")]),
    # no period stated: two values of one measure disagree, whatever the day …
    (
        "conflicting",
        [
            fig("f1", "A", 300, period=None, reported="2024-03-20"),
            fig("f1", "B", 250, period=None, reported="2024-03-20"),
        ],
    ),
    (
        "conflicting",
        [
            fig("f1", "A", 300, period=None, reported="2024-03-20"),
            fig("f1", "B", 250, period=None, reported="2024-03-21"),
        ],
    ),
    ("conflicting", [fig("f1", "A", 300, period=None), fig("f1", "B", 250, period=None)]),
    (
        "corroborated",
        [
            fig("f1", "A", 300, period=None, reported="2024-03-20"),
            fig("f1", "B", 300, period=None, reported="2024-03-22"),
        ],
    ),
    # … unless they are a running total updated over time (a toll): a series
    (
        "series",
        [
            fig("f1", "A", 3, period=None, reported="2024-03-20", claim="cumulative"),
            fig("f1", "B", 40, period=None, reported="2024-03-21", claim="cumulative"),
            fig("f1", "C", 600, period=None, reported="2024-03-23", claim="cumulative"),
        ],
    ),
    # a value that comes back, or an undated report, cannot be placed in time: a conflict
    (
        "conflicting",
        [
            fig("f1", "A", 80, period=None, reported="2024-06-16", claim="cumulative"),
            fig("f1", "B", 84, period=None, reported="2024-06-17", claim="cumulative"),
            fig("f1", "C", 80, period=None, reported="2024-08-30", claim="cumulative"),
        ],
    ),
    (
        "conflicting",
        [
            fig("f1", "A", 3, period=None, reported="2024-03-20", claim="cumulative"),
            fig("f1", "B", 40, period=None, claim="cumulative"),
        ],
    ),
    # a running total and one period's value are different claims
    (
        "related",
        [
            fig("f1", "A", 300, period="2024"),
            fig("f1", "B", 2000, period="2014/..", claim="cumulative"),
        ],
    ),
]


@pytest.mark.parametrize(("status", "figures"), GROUPS)
def test_group_status(status, figures):
    [group] = group_figures(figures)
    assert group.status == status
    for figure in figures:
        assert figure.provenance.doc_id in group.explanation


def test_actual_and_target_explanation():
    figures = [
        fig("f1", "002", 50e9, qualifiers=("over", "record"), claim="record"),
        fig("f1", "004", 30e9, qualifiers=("target",), period="2025"),
        fig("f2", "004", 30e9, qualifiers=("target",), period="2025"),
    ]
    [group] = group_figures(figures)
    assert group.explanation == (
        "related, not a contradiction (different kinds of claim and different periods): "
        "over USD 50 billion (002) for 2022; target: USD 30 billion (004) by 2025"
    )
    assert group.documents == ["002", "004"]
    assert group.figure_ids == ["002:f1", "004:f1", "004:f2"]


def test_conflict_explanation_names_values_and_documents():
    [group] = group_figures([fig("f1", "A", 50e9), fig("f1", "B", 30e9)])
    assert group.explanation == (
        "conflicting: sources disagree on the same measure for 2022: "
        "USD 30 billion (B) vs USD 50 billion (A)"
    )


def test_a_verdict_class_is_a_group_of_its_own_linked_to_the_rest():
    """Two sources agree on 2023; a third gives 2022: the agreement is not hidden in a
    "related" group, and the other year never shares a verdict group with it."""
    figures = [
        fig("f1", "A", 50e9, period="2023"),
        fig("f1", "B", 50.2e9, period="2023"),
        fig("f1", "C", 40e9, period="2022"),
    ]
    groups = {g.id: g for g in group_figures(figures)}
    agreed = groups["fg:trade|india|russia@actual:2023"]
    other = groups["fg:trade|india|russia@other"]
    assert agreed.status == "corroborated" and agreed.documents == ["A", "B"]
    assert other.status == "single-source" and other.documents == ["C"]
    assert agreed.related == [other.id] and other.related == [agreed.id]


def test_copies_of_one_story_are_one_source():
    figures = [fig("f1", "A", 50e9), fig("f1", "A-copy", 50e9)]
    assert group_figures(figures)[0].status == "corroborated"
    assert group_figures(figures, same_source={"A-copy": "A"})[0].status == "single-source"


def test_groups_are_blocked_by_key_and_ordered():
    figures = [
        fig("f1", "A", 40.0, key="share:oil import|india|russia", unit="%", kind="percent"),
        fig("f1", "B", 50e9),
        fig("f2", "A", 51e9),
    ]
    groups = group_figures(figures)
    assert [g.id for g in groups] == ["fg:share:oil import|india|russia", "fg:trade|india|russia"]
    assert [g.status for g in groups] == ["single-source", "corroborated"]


def test_group_label_when_member_phrases_differ():
    figures = [
        fig("f1", "A", 50e9, measure="India–Russia trade turnover"),
        fig(
            "f1",
            "B",
            30e9,
            measure="India–Russia trade volumes",
            period="2025",
            qualifiers=("target",),
        ),
    ]
    assert group_figures(figures)[0].measure == "India–Russia trade"


def test_many_values_in_one_group_cluster_in_one_sweep():
    figures = [fig(f"f{i}", f"D{i}", 100.0 + (i % 2) * 0.5) for i in range(200)]
    figures.append(fig("f1", "X", 500.0))
    [group] = group_figures(figures)
    assert group.status == "conflicting"
    assert group.explanation == (
        "conflicting: sources disagree on the same measure for 2022: "
        "USD 100 / USD 100.5 (D0, D1, D10 +197 more) vs USD 500 (X)"
    )


# ---------------------------------------------------------------- the demo corpus


def sample_figures(parsed_samples) -> dict[str, list[Figure]]:
    return {
        doc_id: extract_figures(document, parsed, [])
        for doc_id, (document, parsed) in parsed_samples.items()
    }


def test_samples_trade_figures(parsed_samples):
    by_doc = sample_figures(parsed_samples)
    [trade_002] = [
        f for d, fs in by_doc.items() if d.startswith("002") for f in fs if f.kind == "money"
    ]
    assert (trade_002.value, trade_002.unit, trade_002.qualifier, trade_002.period) == (
        5e10,
        "USD",
        "over",
        "2022",
    )
    assert trade_002.measure == "India–Russia trade turnover"
    targets = [
        f for d, fs in by_doc.items() if d.startswith("004") for f in fs if f.kind == "money"
    ]
    assert len(targets) == 2  # the body and the FAQ both state it
    for figure in targets:
        assert (figure.value, figure.qualifier, figure.period) == (3e10, "target", "2025")
        assert (figure.claim, figure.horizon) == ("target", True)
        # "their trade volumes": the parties are the context's, not the phrase's own
        assert figure.measure_key == "trade" and {"india", "russia"} <= set(figure.context)
    assert trade_002.measure_key == "trade|india|russia"


def test_samples_oil_share_and_fifth_term(parsed_samples):
    by_doc = sample_figures(parsed_samples)
    [share] = [
        f for d, fs in by_doc.items() if d.startswith("003") for f in fs if f.kind == "percent"
    ]
    assert (share.text, share.value, share.qualifier) == ("over 40%", 40.0, "over")
    assert share.measure == "share of India's oil imports from Russia"
    [term] = [
        f for d, fs in by_doc.items() if d.startswith("001") for f in fs if f.kind == "ordinal"
    ]
    assert (term.value, term.unit) == (5.0, "term")
    assert term.measure == "Putin's terms as president of Russia"


def test_samples_have_no_labels_years_or_dates_as_figures(parsed_samples):
    texts = [f.text for fs in sample_figures(parsed_samples).values() for f in fs]
    for bad in ("400", "Step", "2019", "2022", "27", "28", "29", "2023", "2024"):
        assert not any(bad in t for t in texts), (bad, texts)


def test_samples_trade_group_is_related(parsed_samples):
    figures = [f for fs in sample_figures(parsed_samples).values() for f in fs]
    groups = {g.id: g for g in group_figures(figures)}
    trade = groups["fg:trade|india|russia"]
    assert trade.status == "related"
    assert [d[:3] for d in trade.documents] == ["002", "004"]
    assert trade.explanation.startswith("related, not a contradiction")
    assert "over USD 50 billion (002_" in trade.explanation and "for 2022" in trade.explanation
    assert "target: USD 30 billion (004_" in trade.explanation
    assert trade.explanation.endswith("by 2025")


# ---------------------------------------------------------------- a small hand-labelled check

# Paragraphs written for this check in the style of wire copy on economy, disasters, politics
# and business (not the demo corpus); gold = every claimed figure as (kind, value, unit).
LABELLED = [
    (
        "The central bank raised its policy rate by 50 basis points to 6.5% on Wednesday. "
        "Consumer prices rose 7.4 per cent in July, the highest in 15 months.",
        {("percent", 50.0, "basis point"), ("percent", 6.5, "%"), ("percent", 7.4, "%")},
    ),
    (
        "At least 42 people died and more than 1,000 homes were destroyed when the cyclone hit "
        "the coast on Friday. The two provinces asked for 5,000 tents.",
        {("count", 42.0, "people"), ("count", 1000.0, "home"), ("count", 5000.0, "tent")},
    ),
    (
        "The carmaker will invest €2bn in a new plant and hire 3,000 workers by 2027. "
        "Its shares rose 6% after the announcement.",
        {("money", 2e9, "EUR"), ("count", 3000.0, "worker"), ("percent", 6.0, "%")},
    ),
    (
        "The prime minister began a three-day visit to Japan, his second trip to Asia this "
        "year. Bilateral trade reached $21 billion in 2022.",
        {("duration", 3.0, "day"), ("ordinal", 2.0, "trip"), ("money", 2.1e10, "USD")},
    ),
    (
        "Section 8 of the act, passed in 1998, was cited 12 times. Step 2: file the form. "
        "Call 020 7946 0958 before 5 pm on 3 March.",
        set(),
    ),
    (
        "Remittances of Rs 1.5 lakh crore arrived in FY24, about 12% of the total. "
        "The state has 38 districts.",
        {("money", 1.5e12, "INR"), ("percent", 12.0, "%"), ("count", 38.0, "district")},
    ),
]


# Written after the extractor, before it was run on them; its first run scored P 1.00 R 0.82
# (14/17), missing bare counts ("displaced nearly 400,000", "240 of the 543 seats"), which the
# partitive and bare-object rules now cover. "the 543 seats" stays missed: a definite number
# is read as a reference back.
SECOND_SET = [
    (
        "Floods have killed 120 people and displaced nearly 400,000 in the region since June, "
        "officials said on Sunday.",
        {("count", 120.0, "people"), ("count", 4e5, None)},
    ),
    (
        "The airline ordered 25 new jets worth $3.2 billion, its largest order in a decade.",
        {("count", 25.0, "jet"), ("money", 3.2e9, "USD")},
    ),
    (
        "Turnout was 61.4 percent, down from 66 percent in 2019, the election commission said.",
        {("percent", 61.4, "%"), ("percent", 66.0, "%")},
    ),
    (
        "The minister, 58, will serve a second term after his party won 240 of the 543 seats.",
        {("ordinal", 2.0, "term"), ("count", 240.0, "seat"), ("count", 543.0, "seat")},
    ),
    (
        "Chapter 11 protection was sought on 14 April; the retailer owes creditors about £1.1bn.",
        {("money", 1.1e9, "GBP")},
    ),
    (
        "Tata Steel plans to cut 2,800 jobs over the next two years, or roughly a third of its "
        "workforce.",
        {("count", 2800.0, "job")},
    ),
    (
        "The country's GDP grew 8.2% in the fiscal year ended March, the fastest among major "
        "economies.",
        {("percent", 8.2, "%")},
    ),
    (
        "Rescuers worked for 17 days to free 41 workers trapped in the tunnel.",
        {("duration", 17.0, "day"), ("count", 41.0, "worker")},
    ),
    (
        "India and China agreed to hold a fourth round of talks; 20 soldiers died in the 2020 "
        "clash.",
        {("count", 20.0, "soldier")},
    ),
    (
        "Apple sold 52 million iPhones in the quarter, generating revenue of US$46 billion.",
        {("count", 5.2e7, "iphone"), ("money", 4.6e10, "USD")},
    ),
]


def score(nlp, labelled) -> tuple[float, float]:
    true_pos = predicted = gold_total = 0
    for text, gold in labelled:
        found = {(f.kind, f.value, f.unit) for f in figures_of(nlp, text)}
        true_pos += len(found & gold)
        predicted += len(found)
        gold_total += len(gold)
    return true_pos / predicted, true_pos / gold_total


@pytest.mark.parametrize(
    ("labelled", "min_precision", "min_recall"),
    [
        (LABELLED, 0.9, 0.85),
        (SECOND_SET, 0.9, 0.85),
    ],
)
def test_hand_labelled_precision_and_recall(nlp, labelled, min_precision, min_recall):
    precision, recall = score(nlp, labelled)
    assert precision >= min_precision, precision
    assert recall >= min_recall, recall


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Russian oil keeps flowing to India as US sanctions bite",
            ["russia", "india", "united states"],
        ),
        ("Why U.S. buyers turn to the U.K.", ["united states", "united kingdom"]),
        ("Join us for the annual trade fair", []),
        ("India's exports to the United States of America rise", ["india", "united states"]),
    ],
)
def test_title_parties_names_countries_in_title_order(title: str, expected: list[str]) -> None:
    context = Context(doc=spacy.blank("en")("A sentence without names."), title=title)
    assert [party.key for party in title_parties(context)] == expected


def test_every_group_of_a_measure_has_its_own_id():
    """Two sources agree in dollars and two in rupees on one period's trade: two verdict groups
    with the same claim and period, each its own id (one store row each)."""
    figures = [
        fig("f1", "A", 50e9),
        fig("f1", "B", 50.2e9),
        fig("f2", "A", 4e12, unit="INR"),
        fig("f2", "B", 4.01e12, unit="INR"),
    ]
    groups = group_figures(figures)
    ids = [g.id for g in groups]
    assert len(groups) == 2 and len(set(ids)) == 2
    assert [g.status for g in groups] == ["corroborated", "corroborated"]
    assert ids[0] == "fg:trade|india|russia@actual:2022"
    assert ids[1] == "fg:trade|india|russia@actual:2022#2"
    assert all(g.related == [i for i in ids if i != g.id] for g in groups)
