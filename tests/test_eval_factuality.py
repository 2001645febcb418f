"""``storyline eval factuality``: gold classes from MEANTIME and TimeML, and the scoring."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluation import evaluate
from storyline.evaluation.factuality_gold import (
    meantime_label,
    read_timeml_events,
    timeml_label,
)

# polarity, certainty, time, under a speech event → class
MEANTIME_CASES = [
    ("POS", "CERTAIN", "NON_FUTURE", False, "asserted"),
    ("POS", "CERTAIN", "NON_FUTURE", True, "reported"),
    ("NEG", "CERTAIN", "NON_FUTURE", True, "negated"),
    ("POS", "POSSIBLE", "FUTURE", False, "hypothetical"),
    ("UNDERSPECIFIED", "CERTAIN", "NON_FUTURE", False, "hypothetical"),
    ("POS", "PROBABLE", "FUTURE", False, "planned"),
    ("POS", "PROBABLE", "NON_FUTURE", False, "hypothetical"),
    ("POS", "CERTAIN", "FUTURE", True, "planned"),
]


@pytest.mark.parametrize(("polarity", "certainty", "time", "speech", "expected"), MEANTIME_CASES)
def test_meantime_attributes_map_to_a_class(
    polarity: str, certainty: str, time: str, speech: bool, expected: str
) -> None:
    assert meantime_label(polarity, certainty, time, speech)[0] == expected


# MAKEINSTANCE attributes, SLINK classes above it → class (precedence as storyline's)
TIMEML_CASES = [
    ({"tense": "PAST", "polarity": "POS"}, [], "asserted"),
    ({"tense": "PAST", "polarity": "NEG"}, [("reported", "SLINK EVIDENTIAL")], "negated"),
    ({"tense": "FUTURE", "polarity": "POS"}, [("reported", "SLINK EVIDENTIAL")], "planned"),
    ({"tense": "NONE", "polarity": "POS", "modality": "would"}, [], "hypothetical"),
    ({"tense": "NONE", "polarity": "POS", "modality": "will"}, [], "planned"),
    ({"tense": "INFINITIVE", "polarity": "POS"}, [("planned", "SLINK MODAL")], "planned"),
    ({"tense": "PAST", "polarity": "POS"}, [("negated", "SLINK COUNTER_FACTIVE")], "negated"),
]


@pytest.mark.parametrize(("instance", "links", "expected"), TIMEML_CASES)
def test_timeml_instances_map_to_a_class(
    instance: dict[str, str], links: list[tuple[str, str]], expected: str
) -> None:
    assert timeml_label(instance, links)[0] == expected


TML = """<?xml version="1.0" ?>
<TimeML><DOCID>XYZ19980101.0001</DOCID>
<TEXT>Officials <EVENT eid="e1" class="REPORTING">said</EVENT> the minister \
<EVENT eid="e2" class="OCCURRENCE">met</EVENT> the envoy and <EVENT eid="e3" \
class="I_ACTION">plans</EVENT> to <EVENT eid="e4" class="OCCURRENCE">visit</EVENT> Moscow.

The army <EVENT eid="e5" class="OCCURRENCE">prevented</EVENT> the \
<EVENT eid="e6" class="OCCURRENCE">attack</EVENT>.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" polarity="POS" />
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" polarity="POS" />
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="PRESENT" polarity="POS" />
<MAKEINSTANCE eventID="e4" eiid="ei4" tense="INFINITIVE" polarity="POS" />
<MAKEINSTANCE eventID="e5" eiid="ei5" tense="PAST" polarity="POS" />
<MAKEINSTANCE eventID="e6" eiid="ei6" tense="NONE" polarity="POS" />
<SLINK lid="l1" relType="EVIDENTIAL" eventInstanceID="ei1" subordinatedEventInstance="ei2" />
<SLINK lid="l2" relType="MODAL" eventInstanceID="ei3" subordinatedEventInstance="ei4" />
<SLINK lid="l3" relType="COUNTER_FACTIVE" eventInstanceID="ei5" subordinatedEventInstance="ei6" />
</TimeML>
"""


def test_timeml_reader_keeps_offsets_and_reads_the_links() -> None:
    gold = read_timeml_events(TML)
    assert gold.doc_id == "XYZ19980101.0001"
    labels = {e.text: e.label for e in gold.events}
    assert all(gold.text[e.start : e.end] == e.text for e in gold.events)
    assert labels == {
        "said": "asserted",
        "met": "reported",
        "plans": "asserted",
        "visit": "planned",
        "prevented": "asserted",
        "attack": "negated",
    }


def test_a_document_marking_nearly_everything_negative_has_its_polarity_inverted() -> None:
    inverted = TML.replace('polarity="POS"', 'polarity="NEG"').replace(
        'eiid="ei2" tense="PAST" polarity="NEG"', 'eiid="ei2" tense="PAST" polarity="POS"'
    )
    labels = {e.text: e.label for e in read_timeml_events(inverted).events}
    assert labels["said"] == "asserted" and labels["visit"] == "planned"
    assert labels["met"] == "negated"


def test_evaluate_scores_classes_and_confusion(tmp_path: Path) -> None:
    folder = tmp_path / "timeml"
    folder.mkdir()
    (folder / "doc.tml").write_text(TML, encoding="utf-8")
    report = evaluate("factuality", tmp_path)
    titles = [t.title for t in report.tables]
    assert "timeml cues: confusion (gold rows, storyline columns)" in titles
    cues = next(t for t in report.tables if t.title == "timeml cues: factuality by class")
    planned = next(r for r in cues.rows if r[0] == "planned")
    assert planned[-1] == 1  # one gold planned event: "plans to visit"
    accuracy = report.headline["timeml.cues.accuracy"]
    assert 0.0 < accuracy <= 1.0
    assert report.documents == 1
