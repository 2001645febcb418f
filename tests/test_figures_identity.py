"""What a figure measures, for which period, as which kind of claim, and when two agree: tables
of hard cases written as general news sentences (none is a development-set sentence)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.figures.compare import agree, value_range
from storyline.figures.extract import extract_figures, group_figures
from storyline.figures.period import describe_period, find_periods, fiscal_value, from_timex
from storyline.models import Figure, Provenance
from tests.conftest import make_document

PUBLISHED = "2024-05-01"


def figures_of(nlp, text: str, doc_id: str = "d", published: str | None = PUBLISHED):
    doc = make_document(text, doc_id=doc_id, date_field=published)
    return extract_figures(doc, nlp(doc.text), [])


# ---------------------------------------------------------------- periods


@pytest.mark.parametrize(
    ("text", "value", "horizon"),
    [
        # fiscal years, named by the year they end in
        ("exports in FY2024-25", "FY2025", False),
        ("exports in FY 2024–25", "FY2025", False),
        ("the 2024-25 budget", "FY2025", False),
        ("the 2022–2023 fiscal year", "FY2023", False),
        ("FY25 guidance", "FY2025", False),
        ("fiscal 2024 results", "FY2024", False),
        ("in the financial year 2023-24", "FY2024", False),
        # ranges and parts of a year
        ("sales from April–August 2022", "2022-04/2022-08", False),
        ("between April and August 2022", "2022-04/2022-08", False),
        ("from November to February 2023", "2022-11/2023-02", False),
        ("in the first half of 2023", "2023-H1", False),
        ("in the second quarter of 2022", "2022-Q2", False),
        ("Q3 2022 revenue", "2022-Q3", False),
        ("in the first half", "2024-H1", False),  # the report's own year
        # months, years, horizons and starts
        ("in March 2023", "2023-03", False),
        ("in March", "2024-03", False),  # the last March up to the report
        ("in September", "2023-09", False),
        ("in 2023", "2023", False),
        ("by 2030", "2030", True),
        ("until 2027", "2027", True),
        ("since 2014", "2014/..", False),
        ("last year", "2023", False),
        ("this fiscal year", "FY2025", False),
    ],
)
def test_periods_are_read_and_normalised(text, value, horizon):
    [period] = find_periods(text, PUBLISHED)
    assert (period.value, period.horizon) == (value, horizon)
    assert period.text in text


@pytest.mark.parametrize(
    "text",
    [
        "a 2-1 win",  # a score, not a year
        "call 2024 5555",
        "rose 12% on the year",
        "the 1990s",
        "in 2023-2027",  # five years: not a fiscal year
    ],
)
def test_not_a_period_or_not_a_fiscal_year(text):
    assert all(not p.value.startswith("FY") for p in find_periods(text, PUBLISHED))


@pytest.mark.parametrize(
    ("first", "second", "value"),
    [
        ("2024", "25", "FY2025"),
        ("2099", "00", "FY2100"),
        ("24", None, "FY2024"),
        ("2024", "27", None),
    ],
)
def test_fiscal_year_values(first, second, value):
    assert fiscal_value(first, second) == value


@pytest.mark.parametrize(
    ("timex", "period"),
    [
        ("2023-11-15TMO", "2023-11-15"),
        ("2024", "2024"),
        ("2024-W33", "2024-W33"),
        ("XXXX-WXX-3", None),
        ("XXXX-08-23", None),
        ("PRESENT_REF", None),
        ("P3D", None),
        (None, None),
    ],
)
def test_only_resolved_timex_values_are_periods(timex, period):
    assert from_timex(timex) == period


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("FY2025", "FY2024-25"),
        ("2022-04/2022-08", "Apr 2022–Aug 2022"),
        ("2023-H1", "H1 2023"),
        ("2014/..", "since 2014"),
        ("2023-11-15", "15 Nov 2023"),
        (None, "period not stated"),
    ],
)
def test_periods_in_words(value, words):
    assert describe_period(value) == words


@given(st.text(max_size=300))
def test_period_parsing_never_raises(text):
    for period in find_periods(text, PUBLISHED):
        assert 0 <= period.start < period.end <= len(text)


# ---------------------------------------------------------------- measure keys


@pytest.mark.parametrize(
    ("one", "other"),
    [
        # one quantity in other words: bilateral = two-way = trade turnover between the parties
        (
            "Bilateral trade between India and Russia reached $65 billion in 2023.",
            "Two-way trade between India and Russia stood at $65 billion in 2023.",
        ),
        (
            "India's trade with Russia hit $65 billion in 2023.",
            "The India-Russia trade turnover was $65 billion in 2023.",
        ),
        # global GDP = world output
        (
            "The G20 accounts for about 85 per cent of global GDP.",
            "G20 members account for 80 per cent of world output.",
        ),
        # a count is the act that counts it, active or passive
        ("The treaty was signed by 50 countries.", "Fifty countries signed the treaty."),
        (
            "Thirty countries attended the conference.",
            "Delegates from 30 countries took part in the conference.",
        ),
        ("The plan was backed by 40 states.", "The plan was endorsed by 40 states."),
        # a duration is the event that lasted
        ("The two leaders met for three hours.", "A three-hour meeting ended without a deal."),
        ("The talks lasted three hours.", "The two leaders met for three hours."),
        ("The strike lasted 12 days.", "A 12-day strike shut the port."),
        # every conjunct of the subject owns the target it sets
        (
            "Germany and France have set a target of $20 billion in bilateral trade by 2030.",
            "Bilateral trade between France and Germany should reach $20 billion by 2030.",
        ),
        # the names of the sentence are not the measure's
        (
            "Xi and Biden met for four hours at the Filoli estate in Woodside.",
            "Xi and Biden met for four hours in San Francisco.",
        ),
        # "N years of X": X lasted; ties = relations, whatever the verb of the sentence
        (
            "Chile and Peru are celebrating 50 years of diplomatic ties.",
            "The year marks 50 years of diplomatic relations between Chile and Peru.",
        ),
        # what a country needs of a commodity is the commodity
        (
            "Japan relies on imports for about 90 per cent of its energy needs.",
            "Japan imports about 90 per cent of its energy requirement.",
        ),
    ],
)
def test_same_measure_same_key(nlp, one, other):
    [a] = figures_of(nlp, one)
    [b] = figures_of(nlp, other)
    assert a.measure_key == b.measure_key


@pytest.mark.parametrize(
    ("one", "other"),
    [
        # attending is not endorsing
        ("Thirty countries attended the summit.", "The declaration was endorsed by 30 countries."),
        # a total is not a part
        (
            "India's oil imports rose to $140 billion.",
            "India's oil imports from Russia rose to $50 billion.",
        ),
        # another pair of parties
        (
            "Trade between India and Russia reached $65 billion.",
            "Trade between India and China reached $65 billion.",
        ),
        # a stay is not the journey to it
        ("The minister spent seven hours in Kyiv.", "The journey by train took ten hours."),
    ],
)
def test_different_measures_keep_apart(nlp, one, other):
    [a] = figures_of(nlp, one)
    [b] = figures_of(nlp, other)
    assert a.measure_key != b.measure_key


@pytest.mark.parametrize(
    ("sentence", "claim", "period", "horizon"),
    [
        ("Exports reached a total of $10 billion since 2014.", "cumulative", "2014/..", False),
        ("The death toll has risen to 40 people so far.", "cumulative", None, False),
        ("The company expects revenue of $5 billion in 2025.", "forecast", "2025", False),
        ("India aims to raise exports to $2 trillion by 2030.", "target", "2030", True),
        ("Defence exports rose to Rs 21,083 crore in FY2023-24.", "actual", "FY2024", False),
        ("Sales rose 12% between April and August 2022.", "actual", "2022-04/2022-08", False),
        ("Oil output hit a record 13 million barrels in 2023.", "record", "2023", False),
        ("By 2020, trade had reached $10 billion.", "actual", "2020", False),  # a past deadline
        ("Modi handed over four medical cubes.", "actual", None, False),  # "over": a particle
    ],
)
def test_claim_kind_and_period(nlp, sentence, claim, period, horizon):
    [figure] = figures_of(nlp, sentence)
    assert (figure.claim, figure.period, figure.horizon) == (claim, period, horizon)
    assert "over" not in figure.qualifiers or "handed" not in sentence


# ---------------------------------------------------------------- agreement within rounding


def _fig(text: str, value: float, qualifiers=(), kind="money", unit="USD") -> Figure:
    return Figure(
        id=f"x:{text}",
        kind=kind,
        text=text,
        value=value,
        unit=unit,
        qualifiers=list(qualifiers),
        measure="m",
        measure_key="m",
        provenance=Provenance(
            doc_id="x", start=0, end=1, sentence="…", sentence_start=0, sentence_end=1
        ),
    )


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (_fig("about $68.7bn", 68.7e9, ("about",)), _fig("$68.7 billion", 68.7e9), True),
        (_fig("$65bn", 65e9), _fig("$68.7 billion", 68.7e9), False),
        (_fig("roughly $375 million", 375e6, ("about",)), _fig("$374.96 million", 374.96e6), True),
        (_fig("$50 billion", 50e9), _fig("$49.6 billion", 49.6e9), True),  # rounded
        (
            _fig("85 per cent", 85, kind="percent", unit="%"),
            _fig("80%", 80, kind="percent", unit="%"),
            False,
        ),
        (
            _fig("about 85 per cent", 85, ("about",), "percent", "%"),
            _fig("85%", 85, kind="percent", unit="%"),
            True,
        ),
        (
            _fig("80 countries", 80, kind="count", unit="country"),
            _fig("84 countries", 84, kind="count", unit="country"),
            False,
        ),
        (_fig("over $50 billion", 50e9, ("over",)), _fig("$55 billion", 55e9), True),
        (_fig("over $50 billion", 50e9, ("over",)), _fig("$70 billion", 70e9), False),
        (
            _fig("Rs 21,083 crore", 2.1083e11, unit="INR"),
            _fig("Rs 21,083 crore", 2.1083e11, unit="INR"),
            True,
        ),
        (
            _fig("Rs 21,083 crore", 2.1083e11, unit="INR"),
            _fig("Rs 15,920 crore", 1.592e11, unit="INR"),
            False,
        ),
        (
            _fig("four hours", 4, kind="duration", unit="hour"),
            _fig("240 minutes", 240, kind="duration", unit="minute"),
            True,
        ),
        (
            _fig("two days", 2, kind="duration", unit="day"),
            _fig("four hours", 4, kind="duration", unit="hour"),
            False,
        ),
    ],
)
def test_values_agree_within_the_precision_written(a, b, same):
    assert agree(a, b) == same
    low, high = value_range(a)
    assert low <= high


def test_rising_toll_is_a_series_not_a_conflict(nlp):
    texts = [
        ("t1", "2024-05-01", "The death toll in the floods rose to 3 people so far."),
        ("t2", "2024-05-02", "The death toll in the floods rose to 40 people so far."),
        ("t3", "2024-05-04", "The death toll in the floods rose to 600 people so far."),
    ]
    figures = [f for i, d, t in texts for f in figures_of(nlp, t, doc_id=i, published=d)]
    [group] = group_figures(figures)
    assert group.status == "series"
    assert group.explanation.startswith("series:") and "600" in group.explanation


@pytest.mark.parametrize(
    ("one", "other", "together"),
    [
        # a capital named as a party of a relation stands for its government
        (
            "Trade between Paris and Berlin reached $20 billion in 2023.",
            "French-German trade reached $20 billion in 2023.",
            True,
        ),
        # a measure of one place keeps the city
        (
            "Paris has a population of 2 million.",
            "France has a population of 68 million.",
            False,
        ),
    ],
)
def test_capitals_in_relations_are_their_countries(nlp, one, other, together):
    figures = figures_of(nlp, one, doc_id="a") + figures_of(nlp, other, doc_id="b")
    groups = group_figures(figures)
    assert (len(groups) == 1) == together, [(g.status, g.figure_ids) for g in groups]
