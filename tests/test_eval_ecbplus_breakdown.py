"""The ECB+ coreference breakdown: the system beside the lemma baseline per topic, and what
differs between two mentions of one gold event that the merging kept apart."""

from __future__ import annotations

from storyline.evaluation.ecbplus_breakdown import NOTHING, differences, split_rows, topic_rows
from storyline.evaluation.ecbplus_coref import Pair, Placed, SystemMention
from storyline.evaluation.ecbplus_gold import GoldMention
from storyline.models import Actor, EventMention, Provenance


def _mention(doc_id: str, trigger: str, **fields: object) -> EventMention:
    where = Provenance(
        doc_id=doc_id, start=0, end=len(trigger), sentence=trigger, sentence_start=0,
        sentence_end=len(trigger),
    )  # fmt: skip
    values: dict = {"type": "COERCE", "rule": f"V:{trigger}", **fields}
    return EventMention(id=f"{doc_id}-{trigger}", trigger=trigger, provenance=where, **values)


def _pair(topic: str, doc: str, chain: str, event: str, lemma: str, **fields: object) -> Pair:
    gold = GoldMention(doc_id=doc, m_id="1", tag="ACTION_OCCURRENCE", topic=topic, chain=chain,
                       spans=((0, 1),), label=chain)  # fmt: skip
    mention = _mention(doc, lemma, **fields)
    system = SystemMention(doc, 0, 1, event, lemma, event, mention)
    return Pair(Placed(gold, gold.spans), system, lemma)


NAVY = Actor(text="the Indian Navy", entity_id="navy", name="Indian Navy", label="ORG")
PIRATES = Actor(text="pirates", rule="phrase")
INDIAN = Actor(text="Indian", entity_id="indian", name="Indian", label="NORP")


def test_topic_rows_put_the_system_beside_the_lemma_baseline() -> None:
    """Topic 12: one capture told as "captured" twice and "arrested" once; the system splits
    the "arrested" report off, the lemma baseline too. Topic 3: two convictions, the system
    joins them (wrong), the lemma baseline as well."""
    pairs = [
        _pair("12", "12_1ecb", "capture", "e1", "capture"),
        _pair("12", "12_2ecb", "capture", "e1", "capture"),
        _pair("12", "12_3ecb", "capture", "e2", "arrest"),
        _pair("3", "3_1ecb", "convicted_98", "e3", "convict"),
        _pair("3", "3_2ecb", "convicted_99", "e3", "convict"),
    ]
    rows = {row[0]: row for row in topic_rows(pairs)}
    assert list(rows) == ["3", "12"]  # topics in numeric order
    _topic, mentions, gold, system, *_, muc_recall, b3_precision = rows["12"]
    assert (mentions, gold, system) == (3, 1, 2)
    assert muc_recall == 0.5  # one of the chain's two links
    assert b3_precision == 1.0
    assert rows["3"][7] == 0.5  # the convictions joined: half the B3 precision
    assert rows["3"][4] == rows["3"][5]  # the system did what the lemma baseline did


def test_split_rows_count_what_keeps_one_gold_event_apart() -> None:
    """One capture in three reports: the Indian Navy "captured" pirates (dated), "Indian"
    captured pirates (undated: a nationality for the navy), and someone "arrested" them in an
    article of another story; each pair is counted under what differs, and "only this" where
    one criterion alone differs."""
    pairs = [
        _pair("12", "a", "capture", "e1", "captured", mode="confiscate",
              source=[NAVY], target=[PIRATES], date="2008-12-13"),
        _pair("12", "b", "capture", "e2", "captured", mode="confiscate",
              source=[INDIAN], target=[PIRATES], date="2008-12-13"),
        _pair("12", "c", "capture", "e3", "arrested", mode="arrest",
              source=[NAVY], target=[PIRATES]),
    ]  # fmt: skip
    stories = {"a": "s1", "b": "s1", "c": "s2"}
    rows = {row[0]: row[1:] for row in split_rows(pairs, stories)}
    assert rows["(pairs of one gold event in two events)"] == [3, 3]
    assert rows["named parties disjoint"] == [2, 1]  # a–b alone; b–c with more
    assert rows["mode"] == [2, 0]
    assert rows["one dated, one undated"] == [2, 0]
    assert rows["two stories"] == [2, 0]


def test_differences_name_each_criterion_and_nothing_when_all_agree() -> None:
    told = _mention("a", "captured", source=[NAVY], target=[PIRATES])
    again = _mention("b", "captured", source=[NAVY], target=[PIRATES])
    assert differences(told, again, {"a": "s", "b": "s"}) == []
    planned = _mention("b", "capture", factuality="planned", type="ASSAULT", source=[PIRATES])
    assert differences(told, planned, {"a": "s1", "b": "s2"}) == [
        "type", "factuality", "one side names no one", "two stories",
    ]  # fmt: skip
    rows = split_rows(
        [
            _pair("12", "a", "c", "e1", "captured", source=[NAVY]),
            _pair("12", "a", "c", "e2", "captured", source=[NAVY]),
        ],
        {},
    )
    assert rows[1] == [NOTHING, 1, 1]  # the same in every respect, yet apart
