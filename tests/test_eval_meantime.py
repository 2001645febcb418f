"""MEANTIME XML reader and the ``entities`` evaluation task."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluation import evaluate
from storyline.evaluation.meantime import annotated_end, read_corpus, read_document

# Two sentences; quirks on purpose: tokens out of order in the file, an anchor to a missing
# token, a mention referred twice, an ENTITY with no instance_id, a token-less timex.
DOC_A = """<?xml version="1.0" ?>
<Document doc_id="1" doc_name="1_Obama_visits_France" lang="en" url="http://example.org/1">
<token number="0" sentence="0" t_id="1">Obama</token>
<token number="1" sentence="0" t_id="2">visits</token>
<token number="2" sentence="0" t_id="3">France</token>
<token number="4" sentence="1" t_id="5">Barack</token>
<token number="3" sentence="1" t_id="4">US</token>
<token number="5" sentence="1" t_id="6">Obama</token>
<token number="6" sentence="1" t_id="7">arrived</token>
<token number="7" sentence="1" t_id="8">in</token>
<token number="8" sentence="1" t_id="9">Paris</token>
<token number="9" sentence="1" t_id="10">(</token>
<token number="10" sentence="1" t_id="11">France</token>
<token number="11" sentence="1" t_id="12">)</token>
<token number="12" sentence="1" t_id="13">on</token>
<token number="13" sentence="1" t_id="14">Monday</token>
<token number="14" sentence="1" t_id="15">.</token>
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NAM"><token_anchor t_id="3"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="NAM">
<token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
<token_anchor t_id="999"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="4" syntactic_type="NAM"><token_anchor t_id="9"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="5" syntactic_type="NAM"><token_anchor t_id="11"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="6" syntactic_type="PRO"><token_anchor t_id="998"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="10" syntactic_type="PRE.NAM"><token_anchor t_id="4"/></ENTITY_MENTION>
<EVENT_MENTION m_id="7" pred="arrive" pos="VERB" tense="PAST" aspect="NONE" certainty="CERTAIN"
 polarity="POS" modality="" time="NON_FUTURE" special_cases="NONE">
<token_anchor t_id="7"/></EVENT_MENTION>
<TIMEX3 m_id="8" type="DATE" value="2009-06-08" functionInDocument="CREATION_TIME" anchorTimeID=""/>
<TIMEX3 m_id="9" type="DATE" value="2009-06-08" functionInDocument="NONE" anchorTimeID="8">
<token_anchor t_id="14"/></TIMEX3>
<ENTITY m_id="20" ent_type="PER" instance_id="PER1" external_ref="http://dbpedia.org/resource/Barack_Obama"/>
<ENTITY m_id="21" ent_type="LOC" instance_id="LOC1"/>
<ENTITY m_id="22" ent_type="LOC"/>
<ENTITY m_id="24" ent_type="LOC" instance_id="LOC2"/>
<EVENT m_id="23" class="OTHER" instance_id="EV1"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><source m_id="3"/><target m_id="20"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="2"/><source m_id="5"/><target m_id="21"/></REFERS_TO>
<REFERS_TO r_id="3"><source m_id="4"/><target m_id="22"/></REFERS_TO>
<REFERS_TO r_id="4"><source m_id="1"/><target m_id="21"/></REFERS_TO>
<REFERS_TO r_id="5"><source m_id="7"/><target m_id="23"/></REFERS_TO>
<REFERS_TO r_id="8"><source m_id="10"/><target m_id="24"/></REFERS_TO>
<HAS_PARTICIPANT r_id="6" sem_role="Arg0"><source m_id="7"/><target m_id="3"/></HAS_PARTICIPANT>
<TLINK r_id="7" reltype="IS_INCLUDED"><source m_id="7"/><target m_id="9"/></TLINK>
</Relations>
</Document>
"""

DOC_B = """<?xml version="1.0" ?>
<Document doc_id="2" doc_name="2_Obama_leaves" lang="en">
<token number="0" sentence="0" t_id="1">Obama</token>
<token number="1" sentence="0" t_id="2">leaves</token>
<token number="2" sentence="0" t_id="3">France</token>
<token number="3" sentence="1" t_id="4">President</token>
<token number="4" sentence="1" t_id="5">Obama</token>
<token number="5" sentence="1" t_id="6">left</token>
<token number="6" sentence="1" t_id="7">France</token>
<token number="7" sentence="1" t_id="8">'s</token>
<token number="8" sentence="1" t_id="9">capital</token>
<token number="9" sentence="1" t_id="10">.</token>
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NAM"><token_anchor t_id="3"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="NAM">
<token_anchor t_id="4"/><token_anchor t_id="5"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="4" syntactic_type="NAM"><token_anchor t_id="7"/></ENTITY_MENTION>
<ENTITY m_id="20" ent_type="PER" instance_id="PER1"/>
<ENTITY m_id="21" ent_type="LOC" instance_id="LOC1"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><source m_id="3"/><target m_id="20"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="2"/><source m_id="4"/><target m_id="21"/></REFERS_TO>
</Relations>
</Document>
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "corpus_x").mkdir()
    (tmp_path / "corpus_x" / "1_a.xml").write_text(DOC_A, encoding="utf-8")
    (tmp_path / "corpus_x" / "2_b.xml").write_text(DOC_B, encoding="utf-8")
    return tmp_path


def test_reader_rebuilds_text_and_offsets(corpus: Path) -> None:
    doc = read_document(corpus / "corpus_x" / "1_a.xml")
    assert (doc.doc_id, doc.name, doc.url) == ("1", "1_Obama_visits_France", "http://example.org/1")
    assert doc.text == "Obama visits France\nUS Barack Obama arrived in Paris (France) on Monday."
    assert [doc.text[s:e] for s, e in doc.sentences] == [
        "Obama visits France",
        "US Barack Obama arrived in Paris (France) on Monday.",
    ]
    for token in doc.tokens:
        assert doc.text[token.start : token.end] == token.text


def test_reader_entity_mentions_types_and_instances(corpus: Path) -> None:
    doc = read_document(corpus / "corpus_x" / "1_a.xml")
    mentions = {m.m_id: m for m in doc.entity_mentions}
    assert "6" not in mentions  # every anchor points at a missing token
    assert mentions["3"].text == "US Barack Obama"  # the anchor to a missing token is dropped
    assert mentions["3"].token_ids == ("4", "5", "6")
    assert (mentions["3"].ent_type, mentions["3"].instance) == ("PER", "PER1")
    assert mentions["3"].external_ref == "http://dbpedia.org/resource/Barack_Obama"
    assert mentions["1"].instance == "PER1"  # referred twice: the first relation wins
    assert (mentions["4"].ent_type, mentions["4"].instance) == ("LOC", "1#22")  # local entity
    assert mentions["5"].syntactic_type == "NAM"


def test_reader_events_timexes_and_relations(corpus: Path) -> None:
    doc = read_document(corpus / "corpus_x" / "1_a.xml")
    (event,) = doc.event_mentions
    assert (event.text, event.pred, event.tense, event.event_class, event.instance) == (
        "arrived",
        "arrive",
        "PAST",
        "OTHER",
        "EV1",
    )
    assert doc.creation_time == "2009-06-08"
    timexes = {t.m_id: t for t in doc.timexes}
    assert (timexes["8"].start, timexes["8"].text) == (-1, "")
    assert (timexes["9"].text, timexes["9"].value, timexes["9"].anchor_time_id) == (
        "Monday",
        "2009-06-08",
        "8",
    )
    assert doc.participants() == [("7", "3", "Arg0")]
    assert {r.kind for r in doc.relations} == {"REFERS_TO", "HAS_PARTICIPANT", "TLINK"}
    tlink = next(r for r in doc.relations if r.kind == "TLINK")
    assert tlink.attributes["reltype"] == "IS_INCLUDED"


def test_read_corpus_reports_bad_files_and_honours_limit(corpus: Path) -> None:
    (corpus / "corpus_x" / "0_broken.xml").write_text("<Document><token", encoding="utf-8")
    documents, problems = read_corpus(corpus)
    assert [d.doc_id for d in documents] == ["1", "2"]
    assert len(problems) == 1 and "0_broken.xml" in problems[0]
    documents, _ = read_corpus(corpus, limit=1)
    assert [d.doc_id for d in documents] == ["1"]


def test_annotated_end_stops_after_the_last_typed_mention(tmp_path: Path) -> None:
    xml = DOC_B.replace(
        '<ENTITY_MENTION m_id="3" syntactic_type="NAM">',
        '<ENTITY_MENTION m_id="3" syntactic_type="">',
    )
    xml = xml.replace(
        '<ENTITY_MENTION m_id="4" syntactic_type="NAM">',
        '<ENTITY_MENTION m_id="4" syntactic_type="">',
    )
    path = tmp_path / "b.xml"
    path.write_text(xml, encoding="utf-8")
    doc = read_document(path)
    assert doc.text[: annotated_end(doc)] == "Obama leaves France"


def test_evaluate_scores_spans_and_cross_document_coreference(corpus: Path) -> None:
    report = evaluate("entities", corpus)
    assert report.task == "entities" and report.documents == 2
    assert set(report.headline) >= {"typed_f1_head", "untyped_f1_head", "bcubed_f1"}
    # Obama ×4, France ×4, Paris, US (a pre-modifier inside "US Barack Obama"): every name is
    # found with its type, and Obama and France are one entity each across both documents.
    assert report.headline["untyped_f1_head"] == 1.0
    assert report.headline["typed_f1_head"] == 1.0
    assert report.headline["bcubed_f1"] == 1.0


def _rows(report) -> dict[str, list]:
    table = next(t for t in report.tables if "B-cubed" in t.title)
    return {row[0]: row[1:] for row in table.rows}


def test_bcubed_counts_a_missed_gold_mention_as_a_singleton(corpus: Path) -> None:
    # A named gold mention of Obama on a word no name finder takes ("left"): the standard
    # B-cubed keeps it, as a singleton; dropping it would leave a perfect score.
    xml = DOC_B.replace(
        '<ENTITY m_id="20"',
        '<ENTITY_MENTION m_id="5" syntactic_type="NAM"><token_anchor t_id="6"/></ENTITY_MENTION>'
        '\n<ENTITY m_id="20"',
    ).replace(
        '<REFERS_TO r_id="1"><source m_id="1"/><source m_id="3"/>',
        '<REFERS_TO r_id="1"><source m_id="1"/><source m_id="3"/><source m_id="5"/>',
    )
    (corpus / "corpus_x" / "2_b.xml").write_text(xml, encoding="utf-8")
    report = evaluate("entities", corpus)
    rows = _rows(report)
    # key: Obama x5 (one missed), France x4, Paris, US = 11 named mentions. Recall: the four
    # found Obamas 4/5 each, the missed one 1/5, the six others 1 → 9.4/11; precision 1.
    assert rows["canonical entities"][:3] == [11, 1.0, round(9.4 / 11, 3)]
    assert report.headline["bcubed_f1"] == pytest.approx(0.922, abs=1e-3)
    assert rows["canonical entities, found mentions only (not standard)"][1:] == [1.0, 1.0, 1.0]
    # the failures table lists the missed mention with its type and its sentence
    failures = report.tables[-1]
    assert failures.title == "failures"
    assert [row[0] for row in failures.rows] == ["missed"]
    assert failures.rows[0][2] == "PER" and "[left]" in failures.rows[0][1]


def test_a_perfect_score_lists_no_failures(corpus: Path) -> None:
    report = evaluate("entities", corpus)
    assert report.tables[-1].title == "failures" and report.tables[-1].rows == []


def test_the_bare_model_is_scored_on_exact_spans_too(corpus: Path) -> None:
    # the layer's exact F1 was printed beside the model's head-match F1 only
    report = evaluate("entities", corpus)
    assert "spacy_typed_f1_exact" in report.headline
    assert report.tables[0].columns[-2:] == ["spaCy F1", "spaCy exact F1"]
    titles = [t.title for t in report.tables]
    assert "Exact-span disagreements with the bare model" in titles


def test_parts_split_documents_by_doc_id(corpus: Path) -> None:
    # doc ids 1 and 2 fall in the tuning part, 4 in the check part (splits.part_of)
    (corpus / "corpus_x" / "4_c.xml").write_text(
        DOC_B.replace('doc_id="2" doc_name="2_Obama_leaves"', 'doc_id="4" doc_name="4_c"'),
        encoding="utf-8",
    )
    tuning = evaluate("entities", corpus, part="tuning")
    check = evaluate("entities", corpus, part="check")
    assert (tuning.documents, check.documents) == (2, 1)
    assert (tuning.part, check.part) == ("tuning", "check")
    assert any("part: check (1 of 3 documents" in note for note in check.notes)
    assert check.headline["typed_f1_head"] == 1.0
