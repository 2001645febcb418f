"""Event dates against gold time links (``evaluation.event_dates``), on hand-made fixtures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from storyline.evaluation import evaluate
from storyline.evaluation.event_dates import (
    GoldDate,
    interval,
    meantime_dates,
    one_to_one,
    timeml_dates,
    verdict,
)
from storyline.evaluation.meantime import read_document
from storyline.models import EventMention, Provenance

# DCT Friday 1998-08-14. "attacked" lies in Tuesday (written from the time's side, INCLUDES),
# and in August (the coarser link loses to the finer); "said" comes BEFORE a time (no date);
# "met" is only linked to the creation time (metadata, not a date of the text).
TML = """<?xml version="1.0" ?>
<TimeML><DOCID>XYZ19980814.0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-14" functionInDocument="CREATION_TIME">\
08/14/1998</TIMEX3></DCT>
<TEXT>Russian troops <EVENT eid="e1" class="OCCURRENCE">attacked</EVENT> Georgia \
on <TIMEX3 tid="t1" type="DATE" value="1998-08-11">Tuesday</TIMEX3>, in \
<TIMEX3 tid="t2" type="DATE" value="1998-08">August</TIMEX3>.

Officials <EVENT eid="e2" class="REPORTING">said</EVENT> the envoys \
<EVENT eid="e3" class="OCCURRENCE">met</EVENT> before \
<TIMEX3 tid="t3" type="DATE" value="1998-08-20">next Thursday</TIMEX3>.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" polarity="POS" />
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" polarity="POS" />
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="PAST" polarity="POS" />
<TLINK lid="l1" relType="INCLUDES" timeID="t1" relatedToEventInstance="ei1" />
<TLINK lid="l2" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t2" />
<TLINK lid="l3" relType="BEFORE" eventInstanceID="ei2" relatedToTime="t3" />
<TLINK lid="l4" relType="IS_INCLUDED" eventInstanceID="ei3" relatedToTime="t0" />
</TimeML>
"""

MEANTIME = """<?xml version="1.0" ?>
<Document doc_id="7" doc_name="7_Boeing_signs" lang="en">
<token number="0" sentence="0" t_id="1">Boeing</token>
<token number="1" sentence="0" t_id="2">signed</token>
<token number="2" sentence="0" t_id="3">the</token>
<token number="3" sentence="0" t_id="4">deal</token>
<token number="4" sentence="0" t_id="5">in</token>
<token number="5" sentence="0" t_id="6">2007</token>
<token number="6" sentence="0" t_id="7">.</token>
<Markables>
<EVENT_MENTION m_id="1" pred="sign" pos="VERB" tense="PAST" aspect="NONE" certainty="CERTAIN"
 polarity="POS" modality="" time="NON_FUTURE" special_cases="NONE">
<token_anchor t_id="2"/></EVENT_MENTION>
<TIMEX3 m_id="2" type="DATE" value="2008-01-02" functionInDocument="CREATION_TIME"/>
<TIMEX3 m_id="3" type="DATE" value="2007" functionInDocument="NONE">
<token_anchor t_id="6"/></TIMEX3>
</Markables>
<Relations>
<TLINK r_id="1" reltype="INCLUDES"><source m_id="3"/><target m_id="1"/></TLINK>
<TLINK r_id="2" reltype="IS_INCLUDED"><source m_id="1"/><target m_id="2"/></TLINK>
</Relations>
</Document>
"""


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("1998-08-11", date(1998, 8, 11), date(1998, 8, 11)),
        ("1998-08-11TEV", date(1998, 8, 11), date(1998, 8, 11)),
        ("1998-02", date(1998, 2, 1), date(1998, 2, 28)),
        ("1998-W33", date(1998, 8, 10), date(1998, 8, 16)),
        ("1998-Q4", date(1998, 10, 1), date(1998, 12, 31)),
        ("1998", date(1998, 1, 1), date(1998, 12, 31)),
        ("199", date(1990, 1, 1), date(1999, 12, 31)),
    ],
)
def test_a_timex_value_covers_its_calendar_interval(value: str, first: date, last: date) -> None:
    assert interval(value) == (first, last)


@pytest.mark.parametrize("value", ["PRESENT_REF", "XXXX-08-11", "P2D", "", "1998-13"])
def test_values_that_name_no_calendar_interval_have_none(value: str) -> None:
    assert interval(value) is None


def test_timeml_links_placing_an_event_in_a_time_of_the_text() -> None:
    dates = timeml_dates(TML)
    assert [(d.text, d.relation, d.value, d.timex) for d in dates] == [
        ("attacked", "IS_INCLUDED", "1998-08-11", "Tuesday")
    ]


def test_meantime_links_are_read_from_either_side(tmp_path: Path) -> None:
    file = tmp_path / "7_Boeing_signs.xml"
    file.write_text(MEANTIME, encoding="utf-8")
    dates = meantime_dates(read_document(file))
    assert [(d.text, d.relation, d.value) for d in dates] == [("signed", "IS_INCLUDED", "2007")]


def _mention(day: str | None, words: str | None = None, end: str | None = None) -> EventMention:
    return EventMention(
        id="m1",
        type="ASSAULT",
        trigger="attacked",
        date=day,
        date_end=end,
        date_text=words,
        rule="test",
        provenance=Provenance(
            doc_id="d", start=15, end=23, sentence="…", sentence_start=0, sentence_end=40
        ),
    )


GOLD = GoldDate(15, 23, "attacked", "IS_INCLUDED", "1998-08", "August")


@pytest.mark.parametrize(
    ("day", "words", "end", "expected"),
    [
        ("1998-08-11", "Tuesday", None, "right"),
        ("1998-08", "August", None, "right"),
        ("1998-08-30", "August 30", "1998-09-02", "wrong"),
        ("1998", "1998", None, "coarser"),
        ("1998-07", "August", None, "other value"),
        ("1998-07-30", "Thursday", None, "wrong"),
        (None, None, None, "undated"),
    ],
)
def test_a_mention_date_is_judged_at_the_gold_granularity(
    day: str | None, words: str | None, end: str | None, expected: str
) -> None:
    assert verdict(_mention(day, words, end), GOLD) == expected


def test_alignment_is_one_to_one_in_gold_order() -> None:
    mention = _mention("1998-08-11")
    assert one_to_one([(15, 23), (16, 20), (40, 44)], [mention]) == [mention, None, None]


def test_eval_factuality_prints_the_event_date_table(tmp_path: Path) -> None:
    folder = tmp_path / "timeml"
    folder.mkdir()
    (folder / "doc.tml").write_text(TML, encoding="utf-8")
    report = evaluate("factuality", tmp_path)
    table = next(t for t in report.tables if t.title.startswith("event dates against gold"))
    row = dict(zip(table.columns, table.rows[0], strict=True))
    assert row["set"] == "timeml" and row["linked"] == 1
    assert row["coded"] == 1 and row["right"] == 1  # "attacked … on Tuesday": 1998-08-11
