"""A document that tells news of its own and names the days of another's news as still to come
reports something else (``scoring.anticipated_news``): the news of a day, the days ahead, and
the stories they part, on hand-made events and on real wire text read by the whole pipeline."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.evaluation.timeml import read_tml
from storyline.models import DocumentAnalysis, EventMention, Provenance, Timex
from storyline.pipeline.analyse import analyse_documents
from storyline.stories.blocking import Candidates
from storyline.stories.cluster import cluster_stories, load_config
from storyline.stories.features import NO_DAY, day_number, days_ahead, document_features, news_day
from storyline.stories.scoring import anticipated_news, pair_probabilities
from tests.conftest import EVAL, make_document

CALL = (
    "President Ivan Petrov telephoned Prime Minister Asha Rao on Monday and told her he would "
    "not travel to Tarsa for the regional summit, the prime minister's office said. Petrov "
    "said his foreign minister would lead the delegation at the summit in Tarsa."
)
SUMMIT = (
    "Leaders at the regional summit in Tarsa adopted a joint declaration on Saturday, and Prime "
    "Minister Asha Rao said the summit showed the region could agree. President Ivan Petrov's "
    "foreign minister led the delegation at the summit in Tarsa."
)


def _provenance(doc_id: str, start: int) -> Provenance:
    return Provenance(
        doc_id=doc_id, start=start, end=start + 5, sentence="x", sentence_start=0, sentence_end=9
    )


def _act(
    doc_id: str,
    day: str | None,
    start: int = 0,
    factuality: str = "asserted",
    basis: str = "timex",
    generic: bool = False,
) -> EventMention:
    return EventMention(
        id=f"{doc_id}-{start}",
        type="CONSULT",
        trigger="met",
        date=day,
        date_basis=basis,
        factuality=factuality,
        generic=generic,
        rule="test",
        provenance=_provenance(doc_id, start),
    )


def _timex(doc_id: str, value: str, type_: str = "DATE") -> Timex:
    return Timex(
        id="t", text=value, type=type_, value=value, rule="test", provenance=_provenance(doc_id, 0)
    )


def test_news_day_is_the_first_act_the_lead_tells_as_done():
    acts = [
        _act("d", "2024-09-20", start=5, factuality="planned"),  # a plan is not news
        _act("d", "2024-08-01", start=8, generic=True),  # nor a habit
        _act("d", "2024-08-27", start=20, factuality="reported"),  # "…, officials said"
        _act("d", "2024-08-26", start=40),
        _act("d", "2024-08-02", start=500),  # after the lead
    ]
    assert news_day(acts, lead_end=300) == day_number("2024-08-27")
    inherited = [_act("d", "2024-08-28", basis="document-date"), _act("d", None, start=3)]
    assert news_day(inherited, lead_end=300) == day_number("2024-08-28")
    undated = [
        _act("d", None),
        _act("d", "2024-08", start=4),
        _act("d", "2024-08-01", basis="none"),
    ]
    assert news_day(undated, lead_end=300) == NO_DAY
    assert news_day([_act("d", "2024-08-27", factuality="negated")], lead_end=300) == NO_DAY


def test_days_ahead_are_the_days_named_after_publication():
    timexes = [
        _timex("d", "2023-08-28"),  # the day itself: news, not a plan
        _timex("d", "2023-09-09"),
        _timex("d", "2023-09-10"),
        _timex("d", "2023-09"),  # a month names no day
        _timex("d", "2023-09-12T10:00", type_="TIME"),
        _timex("d", "2023-08-25"),
    ]
    published = day_number("2023-08-28")
    assert days_ahead(timexes, published) == {day_number("2023-09-09"), day_number("2023-09-10")}
    assert days_ahead(timexes, NO_DAY) == frozenset()  # undated: nothing is known to be ahead


def _analysis(doc_id, acts, timexes=()):
    return DocumentAnalysis(doc_id=doc_id, version="t", events=list(acts), timexes=list(timexes))


@pytest.mark.parametrize(
    ("call_date", "call_act", "call_factuality", "summit_act", "together"),
    [
        # the call of 28 August names the summit of 9 September as ahead: two stories
        ("2023-08-28", "2023-08-28", "reported", "2023-09-09", False),
        ("2023-08-28", "2023-08-28", "reported", "2023-09-10", False),  # the summit's day two
        # undated, the call names no day as ahead: the words decide (one story)
        (None, "2023-08-28", "reported", "2023-09-09", True),
        # a preview tells no news of its own (only the plan): it joins the summit
        ("2023-08-28", "2023-08-28", "planned", "2023-09-09", True),
        # news of the day before an event it names (arrival, then the summit): one event's span
        ("2023-09-08", "2023-09-08", "asserted", "2023-09-09", True),
        # the other's news is weeks after the anticipated day: not the anticipated event
        ("2023-08-28", "2023-08-28", "reported", "2023-09-25", True),
    ],
)
def test_news_before_a_day_it_anticipates_is_another_story(
    call_date, call_act, call_factuality, summit_act, together
):
    docs = [
        make_document(CALL, "call", date_field=call_date),
        make_document(SUMMIT, "summit", date_field="2023-09-10"),
        make_document("The central bank left its main interest rate unchanged at 4.5%.", "u"),
    ]
    analyses = [
        _analysis(
            "call",
            [_act("call", call_act, factuality=call_factuality)],
            [_timex("call", "2023-09-09")],
        ),
        _analysis("summit", [_act("summit", summit_act)]),
    ]
    words_only = {frozenset(s.documents) for s in cluster_stories(docs, [])}
    assert frozenset({"call", "summit"}) in words_only  # the control: the words join them
    found = {frozenset(s.documents) for s in cluster_stories(docs, analyses)}
    assert (frozenset({"call", "summit"}) in found) is together


def test_the_rule_reads_both_orders_of_a_pair():
    docs = [make_document(CALL, "a", date_field="2023-08-28")]
    docs.append(make_document(SUMMIT, "b", date_field="2023-09-10"))
    analyses = {
        "a": _analysis("a", [_act("a", "2023-08-28")], [_timex("a", "2023-09-09")]),
        "b": _analysis("b", [_act("b", "2023-09-09")]),
    }
    features = document_features(docs, analyses, load_config())
    span = load_config()["dates"]["event_span_days"]
    forward = anticipated_news(features, np.array([0]), np.array([1]), span)
    backward = anticipated_news(features, np.array([1]), np.array([0]), span)
    assert forward.tolist() == backward.tolist() == [True]
    pair = Candidates(np.array([0]), np.array([1]), 1)
    assert anticipated_news(features, pair.left, pair.right, 0).tolist() == [True]
    assert anticipated_news(features, pair.left, pair.right, 12).tolist() == [False]


def _wire(name: str, dated: bool = True):
    """An AQUAINT (TimeBank) wire story from the shared eval data, dated by its creation time."""
    gold = read_tml((EVAL / "timeml" / "AQUAINT" / f"{name}.tml").read_text("utf-8"), name)
    published = gold.dct.isoformat() if dated and gold.dct else None
    return make_document(gold.text.strip(), name, date_field=published)


def test_a_signing_that_names_the_accession_day_is_not_the_accession():
    """Real wire text, unrelated to the development sets (TimeBank/AQUAINT): Xinhua's report of
    the 26 February 1999 signing of NATO accession papers says the three countries "will
    officially join NATO on March 12"; AP's report of that accession ("today became full-fledged
    members of NATO") is another event, though words and dates make the pair one story."""
    signing, accession = _wire("XIE19990227.0171"), _wire("APW19990312.0251")
    filler = make_document("The central bank left its main interest rate unchanged at 4.5%.", "u")
    docs = sorted([signing, accession, filler], key=lambda d: d.id)
    analyses = {a.doc_id: a for a in analyse_documents(docs)}
    config = load_config()
    features = document_features(docs, analyses, config)
    pair = Candidates(np.array([docs.index(accession)]), np.array([docs.index(signing)]), 1)
    assert features.news_days[docs.index(signing)] == day_number("1999-02-27")  # "have signed"
    assert day_number("1999-03-12") in features.days_ahead[docs.index(signing)]
    assert features.news_days[docs.index(accession)] == day_number("1999-03-12")
    no_rule = {**config, "dates": {**config["dates"], "event_span_days": 10_000}}
    assert pair_probabilities(features, pair, no_rule)[0] > 0.5  # the words say one story
    assert pair_probabilities(features, pair, config)[0] == 0.0
    found = {frozenset(s.documents) for s in cluster_stories(docs, list(analyses.values()))}
    assert frozenset({signing.id}) in found and frozenset({accession.id}) in found
