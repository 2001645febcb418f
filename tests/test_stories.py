"""Story clustering: same event merges, same kind on other dates stays apart, never all pairs,
and a pair's score depends on the two documents only."""

from __future__ import annotations

import random

import numpy as np
import pytest

from storyline.models import (
    Actor,
    DocumentAnalysis,
    Entity,
    Event,
    EventMention,
    Mention,
    Provenance,
    Story,
    Timex,
)
from storyline.pipeline.analyse import analyse
from storyline.stories.assemble import with_final_events
from storyline.stories.blocking import Candidates, candidate_pairs, collapse_copies
from storyline.stories.cluster import cluster_stories, load_config
from storyline.stories.features import date_keys, document_features
from storyline.stories.scoring import pair_probabilities
from storyline.text.vectors import stem, term_counts
from tests.conftest import make_document

# Three unrelated events, each reported twice in different words, plus filler coverage.
QUAKE_1 = (
    "A magnitude 6.4 earthquake struck the coastal town of Puerto Saavedra on Tuesday, killing "
    "at least twelve people. Rescue teams searched the ruins of the old market hall near the "
    "harbour. Regional governor Ana Morales declared three days of mourning."
)
QUAKE_2 = (
    "Twelve people died when a strong quake hit Puerto Saavedra. The market hall by the harbour "
    "collapsed, and governor Ana Morales ordered three days of mourning while rescuers dug "
    "through the rubble for survivors of the earthquake."
)
MERGER_1 = (
    "Orion Foods agreed to buy the Baltic Dairy group for 2.1 billion euros, the companies said. "
    "Orion chief executive Lars Vehko said the deal would give the cheese maker a foothold in "
    "Poland and Lithuania. Regulators in Brussels must approve the acquisition."
)
MERGER_2 = (
    "Baltic Dairy will be taken over by Orion Foods in a 2.1 billion euro deal. Lars Vehko, who "
    "runs Orion, told analysts the acquisition of the dairy group opens Lithuania and Poland to "
    "its cheese brands, pending approval by competition regulators in Brussels."
)
COACH_1 = (
    "Harbor City FC sacked head coach Marta Lindqvist after a run of seven defeats left the club "
    "bottom of the league. Her assistant Tomas Berg takes charge until the winter break."
)
COACH_2 = (
    "Marta Lindqvist has been dismissed by Harbor City FC. Seven straight defeats sank the club "
    "to last place, and assistant Tomas Berg will lead the team until the winter break."
)
UNRELATED = [
    "The city council approved a new bicycle lane along the river promenade after residents "
    "complained about traffic.",
    "Scientists at the northern observatory catalogued a comet that will pass close to Jupiter "
    "next spring.",
    "The national orchestra opened its season with a symphony by a young composer from Tartu.",
]


def _stories(docs, events=(), entities=()):
    return {
        frozenset(s.documents) for s in cluster_stories(docs, [], entities=entities, events=events)
    }


def test_same_event_in_different_words_merges():
    texts = {
        "q1": QUAKE_1,
        "q2": QUAKE_2,
        "m1": MERGER_1,
        "m2": MERGER_2,
        "c1": COACH_1,
        "c2": COACH_2,
        **{f"u{i}": t for i, t in enumerate(UNRELATED)},
    }
    docs = [make_document(t, i) for i, t in texts.items()]
    expected = {frozenset({"q1", "q2"}), frozenset({"m1", "m2"}), frozenset({"c1", "c2"})}
    expected |= {frozenset({f"u{i}"}) for i in range(len(UNRELATED))}
    assert _stories(docs) == expected


@pytest.mark.parametrize(
    ("date_a", "date_b", "together"),
    [
        ("2021-03-04", "2021-03-04", True),  # same day: one story (the control)
        ("2021-03-04", "2021-03-05", True),  # next-day coverage
        ("2021-03-04", "2022-07-19", False),  # same kind of event a year later
        ("2021-03-04", "2021-05-30", False),
    ],
)
def test_same_kind_of_event_on_other_dates_stays_apart(date_a, date_b, together):
    docs = [
        make_document(QUAKE_1, "a", date_field=date_a),
        make_document(QUAKE_2, "b", date_field=date_b),
        make_document(MERGER_1, "m1"),
        make_document(MERGER_2, "m2"),
        make_document(COACH_1, "c1"),
    ]
    stories = _stories(docs)
    assert (frozenset({"a", "b"}) in stories) is together


def _event(
    event_id, doc_ids, type_, mode, date, source, target, basis="timex", factuality="asserted"
):
    mentions = [
        EventMention(
            id=f"{event_id}-{d}",
            type=type_,
            mode=mode,
            trigger="called",
            source=[Actor(text=source, name=source, entity_id=source.lower())],
            target=[Actor(text=target, name=target, entity_id=target.lower())],
            date=date,
            date_basis=basis,
            factuality=factuality,
            rule="test",
            provenance=Provenance(
                doc_id=d, start=0, end=5, sentence="x", sentence_start=0, sentence_end=5
            ),
        )
        for d in doc_ids
    ]
    return Event(
        id=event_id,
        type=type_,
        mode=mode,
        label=f"{source} {mode} {target}",
        source=mentions[0].source,
        target=mentions[0].target,
        date=date,
        date_basis=basis,
        factuality=factuality,
        documents=list(doc_ids),
        mentions=mentions,
    )


PEOPLE = [
    Entity(id="asha rao", name="Asha Rao", type="PERSON"),
    Entity(id="ivan petrov", name="Ivan Petrov", type="PERSON"),
]
CALL_1 = (
    "Prime Minister Asha Rao spoke with President Ivan Petrov and discussed energy supplies and "
    "the security of shipping lanes in a friendly conversation."
)
CALL_2 = (
    "Officials said the leaders reviewed cooperation in trade, fertilisers and space research, "
    "and agreed to stay in touch in the coming months."
)


def _analysis(doc_id, events=(), timexes=()):
    return DocumentAnalysis(doc_id=doc_id, version="t", events=list(events), timexes=list(timexes))


def test_the_main_event_labels_the_story():
    docs = [make_document(CALL_1, "x"), make_document(CALL_1 + " Both sides agreed.", "y")]
    docs.append(make_document(COACH_1, "z"))
    event = _event("e1", ["x", "y"], "CONSULT", "phone", "2024-03-20", "Asha Rao", "Ivan Petrov")
    stories = cluster_stories(docs, [], entities=PEOPLE, events=[event])
    story = next(s for s in stories if "x" in s.documents)
    assert story.documents == ["x", "y"]
    assert story.event_ids == ["e1"]
    assert story.label == "Rao–Petrov phone call, 20 Mar 2024"


@pytest.mark.parametrize(
    ("reported_by", "labelled"),
    [(["x", "y"], True), (["x"], False)],  # half of the four report it, or one leads with it
)
def test_an_event_labels_a_story_only_when_enough_of_it_reports_it(reported_by, labelled):
    endings = ["", " Both sides agreed.", " The talk was cordial.", " Aides briefed reporters."]
    docs = [make_document(CALL_1 + end, name) for end, name in zip(endings, "xywv", strict=True)]
    docs.append(make_document(COACH_1, "z"))
    event = _event("e1", reported_by, "CONSULT", "phone", "2024-03-20", "Asha Rao", "Ivan Petrov")
    analyses = [_analysis("x", [m for m in event.mentions if m.provenance.doc_id == "x"])]
    stories = cluster_stories(docs, analyses, entities=PEOPLE, events=[event])
    story = next(s for s in stories if "x" in s.documents)
    assert sorted(story.documents) == ["v", "w", "x", "y"]
    assert ("phone call" in story.label) is labelled


@pytest.mark.parametrize(
    ("late_date", "basis", "factuality", "together"),
    [
        ("2024-09-02", "timex", "asserted", False),  # both dated by the text, months apart
        ("2024-03-22", "timex", "asserted", True),  # within the conflict window: one story
        ("2024-09-02", "document-date", "asserted", True),  # date only inherited: no veto
        ("2024-09-02", "none", "asserted", True),
        ("2024-09-02", "timex", "planned", True),  # a plan's date is not when it happened
        ("2024-09-02", "timex", "hypothetical", True),
    ],
)
def test_lead_events_of_one_kind_on_different_dates_stay_apart(
    late_date, basis, factuality, together
):
    docs = [make_document(CALL_1, "x"), make_document(CALL_1 + " Both sides agreed.", "y")]
    docs += [make_document(t, f"u{i}") for i, t in enumerate([COACH_1, MERGER_1, QUAKE_1])]
    early = _event("e1", ["x"], "CONSULT", "phone", "2024-03-20", "Asha Rao", "Ivan Petrov")
    late = _event(
        "e2", ["y"], "CONSULT", "phone", late_date, "Asha Rao", "Ivan Petrov", basis, factuality
    )
    assert frozenset({"x", "y"}) in _stories(docs)  # the control: same words, no events
    analyses = [_analysis("x", early.mentions), _analysis("y", late.mentions)]
    found = {frozenset(s.documents) for s in cluster_stories(docs, analyses)}
    assert (frozenset({"x", "y"}) in found) is together


def _provenance(doc_id, start=0, end=5):
    return Provenance(
        doc_id=doc_id, start=start, end=end, sentence="x", sentence_start=0, sentence_end=end
    )


def _logit(p):
    return float(np.log(p / (1 - p)))


def _pair_score(docs, analyses=()):
    """P(one event) of the pair of the first two documents (rows sorted by id)."""
    config = load_config()
    ordered = sorted(docs, key=lambda d: d.id)
    by_id = {a.doc_id: a for a in analyses}
    features = document_features(ordered, by_id, config)
    pair = Candidates(np.array([0]), np.array([1]), 1)
    return float(pair_probabilities(features, pair, config)[0])


def test_a_pair_scores_the_same_whatever_else_is_in_the_pile():
    """Background weights, not the pile's: adding documents (about the same quake, or about
    anything) leaves the score of two documents exactly as it was."""
    pair = [make_document(QUAKE_1, "a"), make_document(QUAKE_2, "b")]
    alone = _pair_score(pair)
    same_topic = [make_document(QUAKE_1.replace("twelve", "fourteen"), f"c{i}") for i in range(5)]
    other = [make_document(t, f"u{i}") for i, t in enumerate([*UNRELATED, MERGER_1, COACH_2])]
    assert _pair_score(pair + same_topic) == alone
    assert _pair_score(pair + other) == alone
    assert 0.5 < alone <= 1.0  # a probability, and these two report one event


def _timex(doc_id, value, type_="DATE"):
    return Timex(
        id="t", text=value, type=type_, value=value, rule="test", provenance=_provenance(doc_id)
    )


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["2011-11-10"], {"date:2011-11-10", "month:2011-11", "year:2011"}),
        (["XXXX-11-19"], {"day:11-19"}),  # "November 19" in an undated text
        (["2006-04"], {"month:2006-04", "year:2006"}),
        (["2008"], {"year:2008"}),
        (["XXXX-WXX-6", "PRESENT_REF", "PAST_REF", "XXXX-09"], set()),
        ([], set()),
    ],
)
def test_date_keys(values, expected):
    analysis = DocumentAnalysis(doc_id="d", version="t", timexes=[_timex("d", v) for v in values])
    assert set(date_keys(analysis)) == expected


def test_date_keys_read_only_dates():
    analysis = DocumentAnalysis(
        doc_id="d",
        version="t",
        timexes=[_timex("d", "P3D", "DURATION"), _timex("d", "2011", "SET")],
    )
    assert not date_keys(analysis)


def _dated(doc_dates):
    return [
        DocumentAnalysis(doc_id=d, version="t", timexes=[_timex(d, v) for v in values])
        for d, values in doc_dates.items()
    ]


@pytest.mark.parametrize(
    ("a_dates", "b_dates", "order"),
    [
        (["2021-03-04"], ["2021-03-04"], "higher"),  # both name the day of the quake
        (["XXXX-03-04"], ["XXXX-03-04"], "higher"),  # both without the year: the same day
        # a day of an unknown year is not a day of a known one (the same day a year later is
        # another day: the trap of two calls a year and a day apart)
        (["2021-03-04"], ["XXXX-03-04"], "same"),
        ([], ["2021-03-04"], "same"),  # one names no date: nothing to compare
        (["2019-06-01"], ["2023-02-11"], "lower"),  # other days, other years: a hint apart
    ],
)
def test_mentioned_dates_support_a_pair(a_dates, b_dates, order):
    docs = [make_document(QUAKE_1, "a"), make_document(QUAKE_2, "b")]
    docs.append(make_document(COACH_1, "c"))
    plain = _logit(_pair_score(docs))
    score = _logit(_pair_score(docs, analyses=_dated({"a": a_dates, "b": b_dates})))
    if order == "higher":
        assert score > plain + 0.5
    elif order == "same":
        assert score == pytest.approx(plain)
    else:
        assert score < plain - 0.5


def test_disjoint_mentioned_dates_are_a_hint_not_a_veto():
    docs = [make_document(COACH_1, "a"), make_document(COACH_2, "b")]
    docs.append(make_document(MERGER_1, "c"))
    analyses = _dated({"a": ["2019-06-01"], "b": ["2023-02-11"]})
    stories = {frozenset(s.documents) for s in cluster_stories(docs, analyses)}
    assert frozenset({"a", "b"}) in stories


def test_entities_are_read_from_canonical_entities():
    """Analyses keep the mentions without ids; the canonical entities carry them."""
    docs = [make_document(MERGER_1, "m1"), make_document(MERGER_2, "m2")]
    docs.append(make_document(COACH_1, "c1"))

    def mention(doc_id, text, start):
        return Mention(
            text=text,
            label="ORG",
            model_label="ORG",
            provenance=_provenance(doc_id, start, start + len(text)),
        )

    orion = Entity(
        id="org:orion-foods",
        name="Orion Foods",
        type="ORG",
        mentions=[mention("m1", "Orion Foods", 0), mention("m2", "Orion Foods", 40)],
    )
    dairy = Entity(
        id="org:baltic-dairy",
        name="Baltic Dairy",
        type="ORG",
        mentions=[mention("m1", "Baltic Dairy", 30), mention("m2", "Baltic Dairy", 0)],
    )
    config = load_config()
    features = document_features(docs, {}, config, [orion, dairy])
    rows = dict(zip(features.ids, features.entity_rows, strict=True))
    lead = config["vectors"]["lead_weight"]
    assert rows["m1"] == {"org:orion-foods": lead, "org:baltic-dairy": lead}
    assert rows["c1"] == {}
    stories = cluster_stories(docs, [], entities=[orion, dairy])
    merger = next(s for s in stories if "m1" in s.documents)
    assert merger.documents == ["m1", "m2"]
    assert sorted(merger.entity_ids) == ["org:baltic-dairy", "org:orion-foods"]


def test_stories_are_deterministic_and_complete():
    docs = [make_document(t, i) for i, t in (("b", COACH_2), ("a", COACH_1), ("c", MERGER_1))]
    first = cluster_stories(docs, [])
    again = cluster_stories(list(reversed(docs)), [])
    assert [s.model_dump() for s in first] == [s.model_dump() for s in again]
    assert sorted(d for s in first for d in s.documents) == ["a", "b", "c"]
    assert len({s.id for s in first}) == len(first)
    assert cluster_stories([], []) == []


def test_story_dates_and_word_labels():
    docs = [
        make_document(MERGER_1, "m1", date_field="2022-02-01"),
        make_document(MERGER_2, "m2", date_field="2022-02-02"),
        make_document(COACH_1, "c1"),
    ]
    stories = {tuple(s.documents): s for s in cluster_stories(docs, [])}
    merger = stories[("m1", "m2")]
    assert (merger.first_date, merger.last_date) == ("2022-02-01", "2022-02-02")
    assert merger.label.endswith(", 1–2 Feb 2022")
    assert "Orion" in merger.label
    assert "undated" not in stories[("c1",)].label and "Lindqvist" in stories[("c1",)].label


def test_samples_form_the_expected_stories(parsed_samples):
    docs = [doc for doc, _ in parsed_samples.values()]
    analyses = [analyse(doc, parsed) for doc, parsed in parsed_samples.values()]
    got = {frozenset(d[:3] for d in s.documents) for s in cluster_stories(docs, analyses)}
    assert got == {
        frozenset({"000", "001"}),
        frozenset({"002"}),
        frozenset({"003"}),
        frozenset({"004"}),
    }


def _random_corpus(n, seed=7, date_field=None):
    """Unrelated documents of random English words, drawn with Zipf frequencies (a few very
    common words, most rare) from the background table's 4,000 most frequent terms."""
    from storyline.stories.background import zipf_table

    rng = random.Random(seed)
    table = zipf_table()
    vocabulary = sorted(table, key=lambda t: (-table[t], t))[:4000]
    weights = [1.0 / rank for rank in range(1, len(vocabulary) + 1)]
    return [
        make_document(
            " ".join(rng.choices(vocabulary, weights, k=120)) + ".",
            f"d{i:04d}",
            date_field=date_field,
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("date_field", [None, "2024-05-06"])
def test_candidates_are_never_all_pairs(date_field):
    """Unrelated documents; dated, they all share one day, a posting list as long as the corpus:
    its pairs are limited to a window of neighbours."""
    docs = _random_corpus(600, date_field=date_field)
    config = load_config()
    features = document_features(docs, {}, config)
    candidates = candidate_pairs(features.terms, features.days, config["blocking"])
    all_pairs = len(docs) * (len(docs) - 1) // 2
    block = config["blocking"]
    assert candidates.compared <= len(docs) * (block["top_terms"] + 1) * block["window"]
    assert len(candidates.left) < all_pairs // 5
    assert (candidates.left < candidates.right).all()
    if date_field is None:  # undated, nothing but their words could join them: nothing does
        assert all(len(s.documents) == 1 for s in cluster_stories(docs, []))


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("visits", "visit"),
        ("ponies", "pony"),
        ("horses", "horse"),
        ("status", "status"),
        ("putin's", "putin"),
        ("bus", "bus"),
        ("shoes", "shoe"),
    ],
)
def test_stem(word, expected):
    assert stem(word) == expected


def test_term_counts_weight_lead_and_names():
    counts = term_counts(
        "Talks began. Officials met Lavrov in talks.", lead_end=12, lead_weight=2.0, name_weight=3.0
    )
    # "talks" once in the lead (x2) and once after (x1); "Talks" opens a sentence: not a name
    assert counts["talk"] == 3.0
    assert counts["lavrov"] == 3.0  # capitalised inside a sentence
    assert counts["official"] == 1.0  # sentence-initial capital is no name
    assert "in" not in counts


def test_near_duplicates_join_their_canonical_copy_story():
    """Many copies of two reports of one event: without the copy links, blocking scores only a
    window of neighbours and average link (unscored pairs count as 0) splits the copies."""
    rng = random.Random(3)
    docs, copy_of = [], {}
    for base, text in (("q1", QUAKE_1), ("q2", QUAKE_2)):
        docs.append(make_document(text, base, date_field="2023-05-02"))
        for n in range(60):
            words = text.split()
            words.insert(rng.randrange(len(words)), rng.choice(["also", "now", "very"]))
            doc_id = f"{base}-copy{n:02d}"
            docs.append(make_document(" ".join(words), doc_id, date_field="2023-05-02"))
            copy_of[doc_id] = base
    docs.append(make_document(MERGER_1, "m1", date_field="2023-05-02"))
    stories = cluster_stories(docs, [], copy_of=copy_of)
    assert sorted(len(s.documents) for s in stories) == [1, 122]
    (quake,) = (s for s in stories if len(s.documents) == 122)
    assert {"q1", "q2", "q1-copy00", "q2-copy59"} <= set(quake.documents)


def test_collapse_copies_keeps_one_pair_per_pair_of_canonical_copies():
    canonical = np.array([0, 0, 2, 2, 4])
    found = Candidates(np.array([0, 1, 1, 0, 2]), np.array([1, 2, 3, 4, 4]), 5)
    pairs = collapse_copies(canonical, found)
    assert list(zip(pairs.left.tolist(), pairs.right.tolist(), strict=True)) == [
        (0, 2),
        (0, 4),
        (2, 4),
    ]
    assert pairs.compared == 5


def test_stories_point_at_the_events_the_briefing_holds():
    story = Story(id="s", label="x", documents=["a", "b"], event_ids=["old-1", "old-2"])

    def event(event_id: str, documents: list[str]) -> Event:
        return Event(id=event_id, type="CONSULT", label=event_id, documents=documents)

    events = [event("e1", ["b"]), event("e2", ["a", "b"]), event("e3", ["c"])]
    (refreshed,) = with_final_events([story], events)
    assert refreshed.event_ids == ["e2", "e1"]
