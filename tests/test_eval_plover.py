"""The PLOVER gold-record reader, actor matching, and the ``events`` eval task."""

from __future__ import annotations

import pytest

from storyline.evaluation import evaluate
from storyline.evaluation.plover_actors import actors_match, content_words
from storyline.evaluation.plover_gsr import read_gsr

GSR = (
    "[\n"
    '{"id": "X-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "header", "version": "0.5b1"},\n'
    '{"id": "X-CONSULT-0001", "date": "2000-01-01",\n'
    ' "source": [{"actorText": "U.S. Secretary of State Warren Christopher", "code": "USA"},\n'
    '            {"actorText": "Russian Foreign Minister Andrei Kozyrev", "code": "RUS"}],\n'
    ' "target": "", "event": "CONSULT", "mode": "phone", "eventText": "telephoned",\n'
    ' "text": "U.S. Secretary of State Warren Christopher telephoned Russian Foreign Minister '
    'Andrei Kozyrev on Tuesday.",\n'
    ' "textInfo": {"markup": "(SRC/TAR: U.S. Secretary of State Warren Christopher) (EVT: '
    'telephoned) (SRC/TAR: Russian Foreign Minister Andrei Kozyrev) on Tuesday."}},\n'
    '{"id": "X-DEMAND-0001", "source": {"actorText": "Greece"},\n'
    ' "target": [{"actorText": "European Community"}],\n'
    ' "event": "DEMAND", "mode": "", "eventText": "demanded",\n'
    ' "text": "{Greece demanded that the European Community refuse to recognize Macedonia.}",\n'
    ' "textInfo": "(SRC: Greece) (EVT: demanded) ..."},\n'
    '{"id": "X-AGREE-0001", "source": [{"actorText": "Turkish"}], "target": "diplomatic",\n'
    ' "event": "AGREE", "eventText": "agreed",\n'
    ' "text": "Turkish officials agreed to share information with Cyprus.",\n'
    ' "eventLoc": {"name": "Nicosia"}},\n'
    '{"id": "X-BROKEN", "event": "PROTEST"},\n'
    "]\n"
)


def test_reader_normalises_the_format_quirks(tmp_path):
    path = tmp_path / "gsr.txt"
    path.write_text(GSR, "utf-8")  # trailing comma before "]" is not JSON
    records = read_gsr(path)
    assert [r.id for r in records] == ["X-CONSULT-0001", "X-DEMAND-0001", "X-AGREE-0001"]
    consult, demand, agree = records
    assert consult.reciprocal and consult.targets == () and consult.mode == "phone"
    assert len(consult.sources) == 2
    assert demand.sources == ("Greece",) and demand.targets == ("European Community",)
    assert demand.mode is None and not demand.text.startswith("{")
    assert agree.targets == ()  # a context word misfiled as the target is not an actor
    assert agree.location == "Nicosia"


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        (["Russian Foreign Minister Andrei Kozyrev"], ["Andrei Kozyrev"], True),
        (["U.S."], ["U.S. mediator Diego Cordovez"], True),
        (["Moroccan diplomats"], ["President Obama"], False),
        (["the Palestinians"], ["the Israelis"], False),
        (["Tokyo"], [], False),
    ],
)
def test_actor_match_is_content_word_overlap(gold, predicted, expected):
    assert actors_match(gold, predicted) is expected


def test_content_words_drop_stop_words_and_punctuation():
    assert content_words("The Secretary of State's office") == {"secretary", "state", "office"}


def test_events_task_scores_a_plover_file(tmp_path):
    path = tmp_path / "PLOVER_GSR_CAMEO.txt"
    path.write_text(GSR, "utf-8")
    report = evaluate("events", path)
    assert report.task == "events" and report.documents == 3
    headline = report.headline
    assert set(headline) >= {"type_accuracy", "mode_accuracy", "source_match", "target_match"}
    assert 0.0 <= headline["type_accuracy"] <= 1.0
    # the phone call and the demand are coded right; both their actors are found
    assert headline["type_accuracy"] >= 2 / 3
    assert headline["source_match"] >= 2 / 3
    assert any("UniversalPetrarch" in note for note in report.notes)


MEANTIME = """<?xml version="1.0" ?><Document doc_id="1" doc_name="1_test" lang="en" url="http://x">
<token number="0" sentence="0" t_id="1">Airbus</token>
<token number="1" sentence="0" t_id="2">wins</token>
<token number="2" sentence="0" t_id="3">order</token>
<token number="3" sentence="1" t_id="4">Ryanair</token>
<token number="4" sentence="1" t_id="5">has</token>
<token number="5" sentence="1" t_id="6">announced</token>
<token number="6" sentence="1" t_id="7">a</token>
<token number="7" sentence="1" t_id="8">new</token>
<token number="8" sentence="1" t_id="9">purchase</token>
<token number="9" sentence="1" t_id="10">.</token>
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NAM"><token_anchor t_id="4"/></ENTITY_MENTION>
<EVENT_MENTION m_id="3" pred="win" pos="VERB"><token_anchor t_id="2"/></EVENT_MENTION>
<EVENT_MENTION m_id="4" pred="order" pos="NOUN"><token_anchor t_id="3"/></EVENT_MENTION>
<EVENT_MENTION m_id="5" pred="have" pos="VERB"><token_anchor t_id="5"/></EVENT_MENTION>
<EVENT_MENTION m_id="6" pred="announce" pos="VERB"><token_anchor t_id="6"/></EVENT_MENTION>
<EVENT_MENTION m_id="7" pred="purchase" pos="NOUN"><token_anchor t_id="9"/></EVENT_MENTION>
<EVENT class="OTHER" m_id="20"/>
<EVENT class="GRAMMATICAL" m_id="21"/>
<EVENT class="SPEECH_COGNITIVE" m_id="22"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="3"/><source m_id="4"/><source m_id="7"/>
<target m_id="20"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="5"/><target m_id="21"/></REFERS_TO>
<REFERS_TO r_id="3"><source m_id="6"/><target m_id="22"/></REFERS_TO>
</Relations>
</Document>
"""


def test_events_task_scores_meantime_triggers(tmp_path):
    folder = tmp_path / "meantime" / "corpus_test"
    folder.mkdir(parents=True)
    (folder / "1_test.xml").write_text(MEANTIME, "utf-8")
    report = evaluate("events", tmp_path / "meantime")
    triggers = report.tables[0].rows[0]
    assert triggers[0] == "event triggers"
    assert triggers[-1] == 4  # the GRAMMATICAL "has" is not counted
    assert report.headline["triggers_recall"] == 1.0
    assert report.headline["triggers_precision"] == 1.0


def test_a_folder_with_both_gives_both_reports(tmp_path):
    (tmp_path / "plover").mkdir()
    (tmp_path / "plover" / "PLOVER_GSR_CAMEO.txt").write_text(GSR, "utf-8")
    folder = tmp_path / "meantime" / "corpus_test"
    folder.mkdir(parents=True)
    (folder / "1_test.xml").write_text(MEANTIME, "utf-8")
    report = evaluate("events", tmp_path)
    assert "plover.type_accuracy" in report.headline
    assert "meantime.triggers_f1" in report.headline
    assert report.documents == 4


def test_a_path_with_neither_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="neither a PLOVER GSR file nor a MEANTIME folder"):
        evaluate("events", tmp_path)


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        (["Russian Foreign Minister Andrei Kozyrev"], ["Andrei Kozyrev"], True),
        (["Hungarian"], ["Hungarian", "Romanian"], False),  # an extra actor is wrong
        (["Israeli army"], ["Israeli"], True),  # the gold phrase holds the predicted head
        (["Israel"], ["Israeli army"], False),  # "army" names no gold actor
        (["the European Community"], ["European Community"], True),
        (["U.S."], ["U.S. mediator Diego Cordovez"], False),  # strict: the head is Cordovez
        (["Tokyo"], [], False),
    ],
)
def test_strict_actor_match_is_a_head_word_match(gold, predicted, expected):
    from storyline.evaluation.plover_actors import actors_match_strict

    assert actors_match_strict(gold, predicted) is expected


def test_records_are_split_into_tuning_and_check_parts(tmp_path):
    from storyline.evaluation.splits import part_of

    path = tmp_path / "PLOVER_GSR_CAMEO.txt"
    path.write_text(GSR, "utf-8")
    parts = {part: evaluate("events", path, part=part).documents for part in ("tuning", "check")}
    ids = ["X-CONSULT-0001", "X-DEMAND-0001", "X-AGREE-0001"]
    assert parts["tuning"] == sum(part_of(i) == "tuning" for i in ids)
    assert parts["tuning"] + parts["check"] == 3
    with pytest.raises(ValueError, match="unknown part"):
        evaluate("events", path, part="train")


UNIT_TESTS = """<Validation><Sentences>
<!-- a comment <Sentence id="X"> inside a comment is ignored -->
<Sentence date="19950101" id="T-01" category="DEMO" sentence="true">
<EventCoding sourcecode="ARNGOV" targetcode="GON" eventcode="041"></EventCoding>
<Text>
Arnor's prime minister telephoned the president of Gondor on Monday.
</Text>
</Sentence>
<Sentence date="19950101" id="T-02" category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>The weather in Arnor was fine on Sunday.</Text>
</Sentence>
<Sentence date="19950101" id="T-03" category="DEMO" sentence="false">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>Arnor beat Gondor 3-1 in the football final.</Text>
</Sentence>
</Sentences></Validation>
"""


def test_petrarch_unit_tests_are_read_and_scored(tmp_path):
    from storyline.evaluation.plover_petrarch import codes_match, read_unit_tests

    path = tmp_path / "PETR.UnitTest.records.xml"
    path.write_text(UNIT_TESTS, "utf-8")
    records = read_unit_tests(path)
    assert [r.id for r in records] == ["T-01", "T-02", "T-03"]
    assert records[0].codings[0].source == "ARNGOV" and records[0].expects_event
    assert not records[1].expects_event and records[2].discard
    assert codes_match(["ARNGOV"], ["Arnor's prime minister"])
    assert not codes_match(["ARNGOV"], ["the president of Gondor"])
    report = evaluate("events", path)
    expected = {"events_found", "no_event_right", "source_match", "target_match"}
    assert set(report.headline) == expected
    assert report.headline["no_event_right"] == 1.0


def _wrong_target_record(tmp_path):
    """A one-record gold file whose target ("Atlantis") the sentence never names, so its target
    match fails and its failure is listed."""
    gsr = (
        '[{"id": "X-DEMAND-0002", "source": {"actorText": "Greece"},\n'
        ' "target": [{"actorText": "Atlantis"}], "event": "DEMAND", "eventText": "demanded",\n'
        ' "text": "Greece demanded that the European Community refuse to recognize Macedonia."}]'
    )
    path = tmp_path / "PLOVER_GSR_CAMEO.txt"
    path.write_text(gsr, "utf-8")
    return path


def test_failing_records_are_listed_with_what_was_coded(tmp_path):
    """The report ends with the records whose actors fail, one line each in the CLI, so the
    causes can be read and grouped ("[target] ID sentence: expected … | got TYPE 'trigger': …")."""
    report = evaluate("events", _wrong_target_record(tmp_path))
    failures = report.tables[-1]
    assert failures.title == "failures"
    assert failures.columns == ["area", "item", "expected", "got"]
    assert report.headline["target_match"] == 0.0
    [row] = [r for r in failures.rows if r[0] == "target"]
    assert str(row[1]).startswith("X-DEMAND-0002 Greece demanded")
    assert row[2] == "Atlantis"
    assert str(row[3]).startswith("DEMAND 'demanded'") and "Community" in str(row[3])


@pytest.mark.parametrize(
    ("codes", "predicted", "expected"),
    [
        (["LBY"], ["Libya"], True),  # a real state: its code is not its first letters
        (["KOR"], ["Seoul"], True),  # the dictionary's place of a country
        (["IMGMOSALQ"], ["Al-Qaeda"], True),  # an organisation, by its code's letters
        (["GON"], ["Gondor"], True),  # an invented state, by its first letters
        (["LBY"], ["Egypt"], False),
        (["LBY"], ["Libya", "Egypt"], False),  # every predicted actor must be expected
    ],
)
def test_unit_test_codes_of_real_states_match_through_the_actor_dictionary(
    codes, predicted, expected
):
    from storyline.evaluation.plover_petrarch import codes_match

    assert codes_match(codes, predicted) is expected


def test_actor_failures_are_counted_by_cause(tmp_path):
    """Before the listing, a table counts the failures by a coarse cause (issue 15's error
    analysis): an actor named in the gold only by the modifier of the coded phrase is told apart
    from another actor altogether."""
    from storyline.evaluation.plover_actors import FAILURE_CAUSES, failure_cause

    report = evaluate("events", _wrong_target_record(tmp_path))
    causes = report.tables[-2]
    assert causes.title == "actor failures by cause"
    assert [row[0] for row in causes.rows] == list(FAILURE_CAUSES)
    assert {row[0]: row[2] for row in causes.rows}["another actor"] == 1
    assert failure_cause(["Red Cross"], ["Red Cross officials"], True) == FAILURE_CAUSES[3]
    assert failure_cause(["Israel"], ["Israel", "Syria"], True) == FAILURE_CAUSES[2]
    assert failure_cause(["Israel"], [], True) == FAILURE_CAUSES[1]
    assert failure_cause(["Israel"], [], False) == FAILURE_CAUSES[0]
