"""One measure in other words: counts inside compounds, "N years of X", owner-less world shares,
and the join of a precise value restated under another name (``figures.join``). Tables of
general news sentences written for these tests (none is a development-set sentence)."""

from __future__ import annotations

import pytest

from storyline.figures.extract import extract_figures, group_figures
from storyline.figures.group import measures
from storyline.figures.join import significant_digits
from storyline.models import Figure, Provenance
from tests.conftest import make_document

PUBLISHED = "2024-05-01"


def figures_of(nlp, text: str, doc_id: str = "d") -> list[Figure]:
    doc = make_document(text, doc_id=doc_id, date_field=PUBLISHED)
    return extract_figures(doc, nlp(doc.text), [])


def grouped(nlp, *sentences: str, story: str | None = "s1") -> list[list[str]]:
    """The groups of the sentences' figures, each sentence its own source (d0, d1, …), all
    of one story unless ``story`` is None; each group as its sorted figure ids + status."""
    figures = [f for i, s in enumerate(sentences) for f in figures_of(nlp, s, f"d{i}")]
    stories = {f"d{i}": story for i in range(len(sentences))} if story else None
    groups = group_figures(figures, stories=stories)
    return [[*sorted(g.figure_ids), g.status or ""] for g in groups]


# ---------------------------------------------------------------- counts inside compounds


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("The 27-member bloc agreed on new sanctions.", 27, "member"),
        ("The six-nation group met in Oslo.", 6, "nation"),
        ("Rescuers reached three flood-hit villages.", 3, "village"),
        ("Manila ordered two ship-based radars.", 2, "radar"),
        # a number between two numbers and their noun is a coordination, still a count
        ("The ferry carries between 200 and 350 passengers.", 200, "passenger"),
    ],
)
def test_counts_inside_hyphenated_compounds(nlp, sentence, value, unit):
    figure = figures_of(nlp, sentence)[0]
    assert (figure.kind, figure.value, figure.unit) == ("count", value, unit)


@pytest.mark.parametrize(
    "sentence",
    [
        "The two leaders met in Paris.",  # a reference back, not a claim
        "The three ministers signed the text.",
        "Officials expect a short, 30-to-60-day bankruptcy process.",  # a range, not a count
    ],
)
def test_a_determiner_or_a_range_is_not_a_count(nlp, sentence):
    assert [f for f in figures_of(nlp, sentence) if f.kind == "count"] == []


# ---------------------------------------------------------------- measure keys


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        # an organisation's size is its members, however the count is written
        ("Mercosur, a bloc of five member states, met in Asuncion.", "member"),
        ("OPEC comprises 13 countries.", "member|opec"),
        ("ASEAN, which brings together ten countries, met in Jakarta.", "member|asean"),
        ("The Arab League, which represents 22 countries, met in Cairo.", "member|arab league"),
        ("NATO's 32 members met in Washington.", "member|nato"),
        # not members: countries that act, clients a lawyer represents
        ("Thirty countries attended the summit.", "country:go_somewhere"),
        ("The lawyer represents 55 clients.", "client:portray"),
    ],
)
def test_membership_counts(nlp, sentence, key):
    [figure] = [f for f in figures_of(nlp, sentence) if f.kind == "count"]
    assert figure.measure_key == key
    assert (figure.unit == "member") == key.startswith("member")


def test_years_of_war_is_not_years_of_relations(nlp):
    [a] = figures_of(nlp, "Chile and Peru mark 50 years of diplomatic relations.")
    [b] = figures_of(nlp, "Chile and Peru mark 50 years of war.")
    assert a.measure_key != b.measure_key


# ---------------------------------------------------------------- grouping


def test_an_owner_less_world_share_joins_the_world_measure_it_speaks_of(nlp):
    groups = grouped(
        nlp,
        "The G7 countries account for about 45 per cent of global GDP.",
        "G7 members account for about 40 per cent of world GDP.",
        "Together, the members produce about 45 per cent of world output.",
    )
    assert groups == [["d0:f1", "d1:f1", "d2:f1", "conflicting"]]


def test_an_owner_less_world_share_stays_out_of_a_national_measure(nlp):
    groups = grouped(
        nlp,
        "India accounts for 8 per cent of oil demand.",
        "The region produces 8 per cent of world oil demand.",
    )
    assert len(groups) == 2


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        # a precise value restated under another name in one story: one figure
        (
            (
                "Kenya signed a $412.35 million contract for coastal radars.",
                "Kenya signed the roughly $412 million deal in March 2022.",
            ),
            [["d0:f1", "d1:f1", "corroborated"]],
        ),
        # round values say too little: a loan and a grant of $30 million stay two measures
        (
            ("Kenya took a $30 million loan.", "Kenya received a $30 million grant."),
            [["d0:f1", "single-source"], ["d1:f1", "single-source"]],
        ),
        # another party: not the same figure
        (
            (
                "Kenya signed a $412.35 million contract for coastal radars.",
                "Ghana signed the roughly $412 million deal.",
            ),
            [["d0:f1", "single-source"], ["d1:f1", "single-source"]],
        ),
        # values that disagree are not joined into a conflict
        (
            (
                "Kenya signed a $412.35 million contract for coastal radars.",
                "Kenya signed the roughly $380 million deal.",
            ),
            [["d0:f1", "single-source"], ["d1:f1", "single-source"]],
        ),
    ],
)
def test_restated_precise_values_join(nlp, sentences, expected):
    assert sorted(grouped(nlp, *sentences)) == expected


def test_restatements_join_only_within_a_story(nlp):
    groups = grouped(
        nlp,
        "Kenya signed a $412.35 million contract for coastal radars.",
        "Kenya signed the roughly $412 million deal.",
        story=None,
    )
    assert len(groups) == 2


def test_one_source_stating_both_keeps_two_measures(nlp):
    text = (
        "Kenya signed a $412.35 million contract for radars. "
        "Its roughly $412 million deal for ships followed."
    )
    figures = figures_of(nlp, text, "d0") + figures_of(nlp, "Kenya signed a $500 loan.", "d1")
    groups = group_figures(figures, stories={"d0": "s1", "d1": "s1"})
    assert not any(len(g.figure_ids) > 1 for g in groups)


def test_a_bare_figure_needs_more_than_one_shared_name_to_join(nlp):
    groups = grouped(
        nlp,
        "India and Russia mark 75 years of diplomatic relations.",
        "It was the first visit by an Indian leader in three decades of diplomatic ties.",
        story=None,
    )
    assert len(groups) == 2


@pytest.mark.parametrize(
    ("text", "digits"),
    [("$374.96 million", 5), ("roughly $375 million", 3), ("Rs 21,083 crore", 5), ("four", 1)],
)
def test_significant_digits_as_written(text, digits):
    figure = Figure.model_construct(text=text)
    assert significant_digits(figure) == digits


def test_a_pass_reads_each_figure_s_value_once(nlp, monkeypatch):
    """A group's span is asked for at every comparison it takes part in; each figure's value
    range (its text parsed again) is worked out once per pass, and the groups are the same."""
    from storyline.figures import join

    sentences = (
        "Kenya signed a $412.35 million contract for coastal radars.",
        "Kenya signed the roughly $412 million deal in March 2022.",
        "Kenya's $412.3 million radar order was approved.",
    )
    expected = grouped(nlp, *sentences)
    ranged: list[str] = []
    real = join.value_range
    monkeypatch.setattr(join, "value_range", lambda f: ranged.append(f.id) or real(f))
    assert grouped(nlp, *sentences) == expected
    assert ranged and len(ranged) == len(set(ranged))


@pytest.mark.parametrize(
    "sentences",
    [
        (
            "Kenya signed a $412.35 million contract for coastal radars.",
            "Kenya signed the roughly $412 million deal in March 2022.",
            "Kenya took a $30 million loan.",
            "Kenya received a $30 million grant.",
        ),
        (
            "Kenya signed a $412.35 million contract for coastal radars.",
            "Ghana signed the roughly $412 million deal.",
            "Kenya signed the roughly $380 million deal.",
        ),
        (
            "Kenya signed a $412.35 million contract for radars. "
            "Its roughly $412 million deal for ships followed.",
            "Kenya signed a $500 loan.",
        ),
    ],
)
def test_the_kept_pass_joins_what_the_pass_over_every_figure_joins(nlp, sentences):
    """From each head's kept blocks and ranges (``figure_part``) the pass reads as figures only
    the groups of the pairs it compares (``test_figures_kept``: what it leaves unread), and
    joins what the pass over every figure joins."""
    from storyline.figures.group import head_blocks
    from storyline.figures.join import join_kept_restatements, join_restatements
    from storyline.pipeline.corpus_parts import figure_part

    figures = [f for i, s in enumerate(sentences) for f in figures_of(nlp, s, f"d{i}")]
    stories = {f"d{i}": "s1" for i in range(len(sentences))}
    heads = figure_part((head_blocks(figures), {}, {}, stories))
    asked: set[str] = set()

    def read(ids: set[str]) -> dict[str, Figure]:
        asked.update(ids)
        return {f.id: f for f in figures if f.id in ids}

    kept = join_kept_restatements(
        [g for h in heads for g in h.groups],
        [b for h in heads for b in h.blocks],
        {f: r for h in heads for f, r in h.ranges.items()},
        read,
    )
    made = figure_part((head_blocks(figures), {}, {}, stories))
    every = join_restatements([g for h in made for g in h.groups], figures, {}, stories)
    assert kept == every == group_figures(figures, stories=stories)
    assert asked <= {f.id for f in figures}


def _trade_figure(fid: str, parties: str, context: list[str]) -> Figure:
    return Figure(
        id=fid, kind="money", text="$1 billion", value=1e9, unit="USD", measure="trade",
        measure_key=f"trade|{parties}", context=context,
        provenance=Provenance(
            doc_id=fid, start=0, end=10, sentence="…", sentence_start=0, sentence_end=10
        ),
    )  # fmt: skip


def test_a_bare_figure_that_joined_a_measure_brings_its_context_to_the_next() -> None:
    """``measures``: a measure's near (what its members name) grows with each bare figure that
    joins it, so a later bare figure is weighed against it. b2 names China, India, Russia and
    the Kremlin: China–Russia trade shares two of them; India–Russia trade, which b1 (naming
    the Kremlin) joined, shares three, and wins."""
    block = [
        _trade_figure("n1", "china|russia", []),
        _trade_figure("n2", "india|russia", []),
        _trade_figure("b1", "", ["india", "kremlin", "russia"]),
        _trade_figure("b2", "", ["china", "india", "kremlin", "russia"]),
    ]
    found = [[f.id for f in measure] for measure in measures(block)]
    assert found == [["n1"], ["n2", "b1", "b2"]]
    # without b1, b2 shares two names with each and stays with the first
    found = [[f.id for f in measure] for measure in measures([block[0], block[1], block[3]])]
    assert found == [["n1", "b2"], ["n2"]]
