"""The PLOVER lexicon table: well-formed, complete, extensible; the PLOVER 0.5b1 coding rules."""

from __future__ import annotations

import pytest

from storyline.events.lexicon import (
    PLOVER_TYPES,
    LexiconError,
    default_lexicon,
    load_lexicon,
    parse_rows,
    plover_coding,
)
from tests.test_events import code, main_event

PLOVER_018 = (
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT INVESTIGATE DEMAND DISAPPROVE REJECT "
    "THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT FIGHT"
)


def test_every_plover_type_has_triggers():
    lexicon = default_lexicon()
    covered = {entry.type for entry in lexicon.entries}
    assert set(PLOVER_018.split()) == PLOVER_TYPES
    assert covered >= PLOVER_TYPES


def test_consult_modes_are_the_codebook_ones_plus_documented_extensions():
    modes = {e.mode for e in default_lexicon().entries if e.type == "CONSULT"}
    assert modes == {None, "meet", "visit", "host", "phone", "third-party", "letter"}


@pytest.mark.parametrize(
    ("pos", "lemma", "type_", "mode", "cameo"),
    [
        ("V", "telephone", "CONSULT", "phone", "041"),
        ("V", "visit", "CONSULT", "visit", "042"),
        ("V", "host", "CONSULT", "host", "043"),
        ("V", "congratulate", "SUPPORT", "praise", "051"),
        ("V", "sign", "SUPPORT", "sign", "057"),
        ("V", "demand", "DEMAND", None, "100"),
        ("N", "meeting", "CONSULT", "meet", "040"),
        ("N", "visit", "CONSULT", "visit", "042"),
    ],
)
def test_single_word_rows(pos, lemma, type_, mode, cameo):
    rows = [e for e in default_lexicon().candidates(pos, lemma) if len(e.slots) == 1]
    assert (rows[-1].type, rows[-1].mode, rows[-1].cameo) == (type_, mode, cameo)


def test_multiword_rows_rank_before_single_words():
    rows = default_lexicon().candidates("N", "conversation")
    assert rows[0].key == "N:phone|telephone|telephonic+conversation"
    assert rows[-1].key == "N:conversation"


BAD_ROWS = [
    ("meet\tX\t-\tCONSULT\tmeet\t040\tnote", "pos must be"),
    ("meet\tV\t-\tGREET\tmeet\t040\tnote", "unknown event type"),
    ("meet\tV\tobj:widget\tCONSULT\tmeet\t040\tnote", "unknown constraint"),
    ("meet\tV\tCONSULT", "expected 7"),
]


@pytest.mark.parametrize(("row", "message"), BAD_ROWS)
def test_malformed_rows_are_reported_with_their_line(row, message):
    with pytest.raises(LexiconError, match=message) as error:
        parse_rows("# header\n" + row + "\n", "mine.tsv")
    assert "mine.tsv:2" in str(error.value)


def test_user_table_replaces_and_adds_rows(tmp_path):
    extra = tmp_path / "mine.tsv"
    extra.write_text(
        "# my newsroom's wording\n"
        "stonewall\tV\t-\tREJECT\t-\t120\tstonewall a request\n"
        "meet\tV\t-\tCONSULT\t-\t040\tno meet mode for us\n",
        "utf-8",
    )
    lexicon = load_lexicon(extra)
    assert len(lexicon) == len(default_lexicon()) + 1
    (meet,) = [e for e in lexicon.candidates("V", "meet") if len(e.slots) == 1]
    assert meet.mode is None and meet.origin == str(extra)
    assert lexicon.candidates("V", "stonewall")[0].type == "REJECT"


def test_user_rows_reach_the_coder(tmp_path, nlp):
    from storyline.evaluation.event_layers import mentions_from_ents, sentence_document
    from storyline.events.extract import extract_event_mentions
    from storyline.nlp import parse_one

    extra = tmp_path / "mine.tsv"
    extra.write_text("stonewall\tV\t-\tREJECT\t-\t120\tstonewall\n", "utf-8")
    text = "President Milei stonewalled President Lula."
    assert code(text, nlp) == []
    document = sentence_document("doc", text)
    parsed = parse_one(text, nlp)
    (event,) = extract_event_mentions(
        document, parsed, [], mentions_from_ents(document, parsed), load_lexicon(extra)
    )
    assert event.type == "REJECT"
    assert event.rule.startswith("user:V:stonewall")


@pytest.mark.parametrize(
    ("type_", "mode", "factuality", "conditional", "expected"),
    [
        ("CONSULT", "meet", "asserted", False, ("CONSULT", None)),
        ("CONSULT", "letter", "asserted", False, ("CONSULT", "phone")),
        ("SUPPORT", "praise", "reported", False, ("SUPPORT", None)),
        ("CONSULT", "visit", "planned", False, ("AGREE", None)),
        ("AID", None, "hypothetical", False, ("AGREE", None)),
        ("SANCTION", None, "planned", False, ("THREATEN", "relations")),
        ("COERCE", "curfew", "planned", False, ("THREATEN", "restrict")),
        ("ASSAULT", None, "planned", False, ("THREATEN", "violence")),
        ("RETREAT", None, "planned", True, ("THREATEN", "relations")),
        ("AGREE", None, "negated", False, ("REJECT", None)),
        ("CONSULT", "meet", "negated", False, ("REJECT", None)),
        ("ASSAULT", None, "negated", False, (None, None)),
        ("ELECT", "win", "asserted", False, (None, None)),
    ],
)
def test_plover_coding(type_, mode, factuality, conditional, expected):
    assert plover_coding(type_, mode, factuality, conditional) == expected


def test_light_verb_constructions(nlp):
    for text, mode in [
        ("President Lula engaged in a meeting with Chancellor Scholz.", "meet"),
        ("President Lula had a phone conversation with Chancellor Scholz.", "phone"),
        ("President Lula paid a visit to Chancellor Scholz.", "visit"),
        ("President Lula held talks with Chancellor Scholz.", None),
    ]:
        event = main_event(code(text, nlp), text, nlp)
        assert (event.type, event.mode) == ("CONSULT", mode), text
        assert "Lula" in event.source[0].text
