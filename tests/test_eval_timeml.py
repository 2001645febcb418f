"""TimeML reader and TempEval-3 style scoring."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from storyline.evaluation.splits import part_of
from storyline.evaluation.timeml import (
    GoldTimex,
    SystemTimex,
    Tally,
    evaluate,
    match_relaxed,
    read_corpus,
    read_tml,
    report,
    score_document,
)

TINY = """<?xml version="1.0" ?>
<TimeML>
<DOCID>APW19980820.0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-20" temporalFunction="false"
  functionInDocument="CREATION_TIME">08/20/1998</TIMEX3></DCT>
<TITLE>Talks &amp; more</TITLE>
<TEXT>
AT&amp;T <EVENT eid="e1" class="REPORTING">said</EVENT> on <TIMEX3 tid="t1" type="DATE"
value="1998-08-14" temporalFunction="true" functionInDocument="NONE">Friday</TIMEX3> that
talks <EVENT eid="e2" class="OCCURRENCE">lasted</EVENT> <TIMEX3 tid="t2" type="DURATION"
value="P3D">three days</TIMEX3>.<TIMEX3 tid="t3" type="DURATION" value="P1W" /> Filed
<TIMEX3 tid="t9" type="DATE" value="1998-08-20" functionInDocument="CREATION_TIME">Aug. 20</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_reads_text_offsets_and_dct():
    doc = read_tml(TINY)
    assert doc.doc_id == "APW19980820.0001"
    assert doc.dct == date(1998, 8, 20)
    assert doc.text.strip().startswith("AT&T said on Friday that")
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Friday", "DATE", "1998-08-14"),
        ("three days", "DURATION", "P3D"),
    ]
    for timex in doc.timexes:
        assert doc.text[timex.start : timex.end] == timex.text
    # the creation time inside TEXT is metadata (excluded); the empty TIMEX3 has no extent
    assert doc.dct_in_text == 1


@pytest.mark.parametrize(
    ("source", "dct"),
    [
        ("<DOCID>NYT19981120.0362</DOCID><TEXT>Nothing.</TEXT>", date(1998, 11, 20)),
        ("<DOCID>AP900815-0044</DOCID><TEXT>Nothing.</TEXT>", date(1990, 8, 15)),
        ("<DOCID>wsj_0006</DOCID><TEXT>Nothing.</TEXT>", None),
    ],
)
def test_dct_falls_back_to_the_docid(source, dct):
    assert read_tml(source).dct == dct


def test_tolerates_bad_markup():
    doc = read_tml(
        "<TEXT>A & B <TIMEX3 tid='t1' type='DATE' value='2000'>2000</TIMEX3> <b>x</TEXT>"
    )
    assert [t.text for t in doc.timexes] == ["2000"]
    assert doc.dct is None


def test_corpus_keeps_a_copied_file_once(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "doc.tml").write_text(TINY)
    (tmp_path / "b" / "doc.tml").write_text(TINY)
    assert len(read_corpus(tmp_path)) == 1


def gold(start: int, end: int, value: str, kind: str = "DATE") -> GoldTimex:
    return GoldTimex("t", start, end, "x" * (end - start), kind, value)


def system(start: int, end: int, value: str | None, kind: str = "DATE") -> SystemTimex:
    return SystemTimex(start, end, "x" * (end - start), kind, value)


def test_relaxed_matching_is_one_to_one_and_prefers_exact_spans():
    g = [gold(0, 10, "1998")]
    s = [system(5, 12, "1998"), system(0, 10, "1998")]
    pairs = match_relaxed(g, s)
    assert [(p[1].start, p[1].end) for p in pairs] == [(0, 10)]


def test_tempeval_scores():
    tally = Tally()
    golds = [gold(0, 6, "1998-08-14"), gold(10, 20, "P3D", "DURATION"), gold(30, 35, "1998")]
    systems = [
        system(0, 6, "1998-08-14"),  # strict, right value
        system(10, 15, "P3D", "DATE"),  # relaxed only, right value, wrong type
        system(40, 45, "1999"),  # spurious
    ]
    score_document("d", golds, systems, tally)
    result = report(tally, "x", 1, [])
    assert result.headline == {
        "strict_f1": pytest.approx(1 / 3, abs=1e-4),
        "relaxed_f1": pytest.approx(2 / 3, abs=1e-4),
        "type_accuracy": pytest.approx(0.5),
        "value_f1": pytest.approx(2 / 3, abs=1e-4),
    }


def test_evaluate_end_to_end(tmp_path: Path):
    (tmp_path / "doc.tml").write_text(TINY)
    result = evaluate(tmp_path)
    assert result.documents == 1
    assert result.headline["value_f1"] == pytest.approx(1.0)
    assert any("CREATION_TIME" in note for note in result.notes)


def test_reads_a_real_tempeval_file(eval_dir: Path):
    files = sorted((eval_dir / "timeml").rglob("*.tml"))
    assert files, f"no TimeML files under {eval_dir / 'timeml'}"
    doc = read_tml(files[0].read_text(encoding="utf-8"), doc_id=files[0].stem)
    assert doc.dct is not None
    assert doc.timexes
    for timex in doc.timexes:
        assert doc.text[timex.start : timex.end] == timex.text
        assert timex.type in ("DATE", "TIME", "DURATION", "SET")


def test_parts_split_documents_by_docid(tmp_path: Path):
    ids = [f"APW19980820.{n:04d}" for n in range(6)]
    for doc_id in ids:
        (tmp_path / f"{doc_id}.tml").write_text(TINY.replace("APW19980820.0001", doc_id))
    reports = {part: evaluate(tmp_path, part=part) for part in ("tuning", "check", "all")}
    tuning = [i for i in ids if part_of(i) == "tuning"]
    assert 0 < len(tuning) < len(ids)  # the rule splits these ids, so both parts are tested
    assert reports["tuning"].documents == len(tuning)
    assert reports["check"].documents == len(ids) - len(tuning)
    assert reports["all"].documents == len(ids)
    assert any(f"part: tuning ({len(tuning)} of 6" in n for n in reports["tuning"].notes)
    limited = evaluate(tmp_path, part="check", limit=1)
    assert limited.documents == 1


def test_unknown_part_is_an_error(tmp_path: Path):
    (tmp_path / "doc.tml").write_text(TINY)
    with pytest.raises(ValueError, match="unknown part"):
        evaluate(tmp_path, part="dev")
