"""PETRARCH2's dictionaries compiled into storyline's tables: the reader, the CAMEO→PLOVER map, the
compiled table against its source, and the layering of the hand overrides over it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.events.cameo import extension_mode, plover_of
from storyline.events.lexicon import default_lexicon
from storyline.events.petrarch_tables import agent_rows, verb_rows
from storyline.events.petrarch_verbs import read_verb_dictionary

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "lexicons" / "petrarch2"

DICTIONARY = """
&TREATY
+TREATY
+ACCORD
+PEACE_AGREEMENT

####### VERB PATTERNS #######

---  CALL   [041:041]  ---
CALL
PHONE
- * (FOR)                                 [020]   # CALL
- * DICTATOR                              [111]   # CALL
- * {CABINET MEETING}                     [---]   # CALL
- * TRIAL                                 [:173]  # FACE

---  SIGN   [---]  ---
SIGN
INK  [057]
- * &TREATY                               [057]   # SIGN
- MEDIATORS *                             [045]   # SIGN

~ a (a b ATTACK) SAY = a b 015
"""


def rows_of(text: str) -> dict[str, list[str]]:
    rows = verb_rows(read_verb_dictionary(text).patterns)
    return {row.split("\t")[0]: row.split("\t") for row in rows}


def test_reader_reads_verbs_patterns_synonym_sets_and_codes():
    rows = rows_of(DICTIONARY)
    assert rows["call"][2:6] == ["-", "CONSULT", "phone", "041"]
    assert rows["call for"][3] == "NONE"  # an appeal (CAMEO 02) is no PLOVER event
    assert rows["call dictator"][3:6] == ["DISAPPROVE", "-", "111"]
    assert rows["call cabinet meeting"][3] == "NONE"  # PETRARCH's '---' blocks the default
    # a synonym set becomes the alternatives of one slot; the pattern names SIGN, not INK
    assert rows["sign accord|agreement|treaty"][3:6] == ["SUPPORT", "sign", "057"]
    assert "ink accord|agreement|treaty" not in rows
    assert "sign mediators" not in rows  # pre-verb nouns constrain the subject: not read
    assert "sign" not in rows  # no code of its own and nothing to block: left out


def test_patterns_found_with_other_verbs_of_a_block_are_not_applied():
    rows = rows_of(DICTIONARY)
    assert "phone dictator" not in rows  # written for CALL ("# CALL")
    # a pattern naming no verb of its block applies to the block's verbs without a code of their
    # own, as in PETRARCH ("faced trial" is read in "called/phoned to trial" too)
    assert rows["call trial"][2:4] == ["reverse", "COERCE"] and "phone trial" in rows
    assert "ink trial" not in rows  # INK has its own code


def test_bare_synonyms_of_a_block_need_a_dyad():
    rows = rows_of(DICTIONARY)
    assert rows["phone"][2] == "dyad"  # borrows CALL's code: PETRARCH's require_dyad
    assert rows["call"][2] == "-"  # the verb the block is named after


INTENT_DICTIONARY = """
---  SEARCH   [---]  ---
SEARCH [090]
SEEK [030]
- * MEETING                               [040]   # SEEK

---  PROMISE   [030]  ---
PROMISE [030]
PLEDGE [030]
"""


def test_a_loose_synonym_coded_as_bare_intent_needs_a_dyad():
    """ "seek" files under SEARCH with CAMEO's unspecified intent (030) as its own code: alone it
    is a search or a wish, an intent only toward a party; the verb a block is named after keeps
    coding alone, and a pattern or another code keeps its own rule."""
    rows = rows_of(INTENT_DICTIONARY)
    assert rows["seek"][2:4] == ["dyad", "AGREE"]
    assert rows["seek meeting"][2:4] == ["-", "CONSULT"]
    assert rows["promise"][2] == "-"  # the verb the block is named after
    assert rows["pledge"][2] == "dyad"  # as a synonym borrowing the block's code would
    assert rows["search"][2:4] == ["-", "INVESTIGATE"]  # a code of its own, not the intent


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_reader_never_raises_on_arbitrary_text(text):
    dictionary = read_verb_dictionary(text)
    verb_rows(dictionary.patterns)
    agent_rows(text, lambda head: True)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("036", ("AGREE", None)),
        ("041", ("CONSULT", "phone")),
        ("057", ("SUPPORT", None)),
        ("0841", ("RETREAT", None)),
        ("0813", ("RETREAT", None)),
        ("081", ("CONCEDE", None)),
        ("1122", ("DISAPPROVE", None)),
        ("173", ("COERCE", "arrest")),
        ("193", ("FIGHT", "firearms")),
        ("202", ("FIGHT", None)),
        ("010", (None, None)),  # statements are not PLOVER events
        ("023", (None, None)),  # nor appeals
        ("---", (None, None)),
    ],
)
def test_cameo_codes_map_to_plover_as_plover_maps_them(code, expected):
    assert plover_of(code) == expected


def test_extension_modes_name_praise_and_signing():
    assert extension_mode("051") == "praise" and extension_mode("0571") == "sign"
    assert extension_mode("040") is None


def test_agent_heads_come_with_their_sector():
    text = "!PERSON! = MAN, WOMAN\nSPOKES!PERSON! [~MED]\n!MINIST! OF_DEFENCE [~GOVMIL]\n"
    text = "!MINIST! = MINISTER, MINISTRY\n" + text
    text += "TENANT_FARMER [~AGR]\nAD!MINIST!RATION [~GOV]\n"
    text += "TRADE_AND_COMMERCE_!MINIST! [~GOV]\nMINISTER_OF_HEALTH_AND_WATER [~GOV]\n"
    rows = {r.split("\t")[0]: r.split("\t")[1] for r in agent_rows(text, lambda head: True)}
    assert rows["spokesman"] == "MED" and rows["spokeswoman"] == "MED"
    assert rows["minister"] == "GOV" and rows["farmer"] == "AGR"
    # "and" joins modifiers of one head: a trade minister is a minister, trade is no actor
    assert not {"trade", "commerce", "health", "water"} & set(rows)
    assert not any(head.startswith("admin") for head in rows)  # a marker run into a word


@pytest.mark.skipif(not SOURCE.is_dir(), reason="needs ../shared/lexicons/petrarch2")
def test_the_compiled_tables_are_current():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "compile_petrarch.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_compiled_tables_keep_the_licence():
    from importlib import resources

    data = resources.files("storyline.data")
    for name in ("cameo_verbs.tsv", "petrarch_agents.tsv"):
        head = data.joinpath(name).read_text("utf-8")[:3000]
        assert "The MIT License" in head and "Copyright (c)" in head and "Open Event Data" in head


def test_every_hand_row_says_why_it_overrides():
    from importlib import resources

    text = resources.files("storyline.data").joinpath("plover_lexicon.tsv").read_text("utf-8")
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert rows
    for row in rows:
        assert "[" in row.split("\t")[6] and "]" in row, row


@pytest.mark.parametrize(
    ("words", "type_"),
    [
        (("refuse",), "REJECT"),  # PETRARCH2 codes it only in verb combinations
        (("kill",), "ASSAULT"),  # the instrument decides; not PETRARCH's 190
        (("agree",), "AGREE"),  # PLOVER's AGREE, not PETRARCH's 050
        (("condemn",), "DISAPPROVE"),  # straight from the compiled table
        (("impose", "sanction"), "SANCTION"),
    ],
)
def test_layers_give_the_plover_reading(words, type_):
    lexicon = default_lexicon()
    best = next(e for e in lexicon.candidates("V", words[0]) if len(e.slots) == len(words))
    assert best.type == type_
