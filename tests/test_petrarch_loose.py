"""A loose synonym of a PETRARCH2 block codes alone what its own patterns code, not its block's
code, when the dictionary never met it in the block's sense (``events.petrarch_loose``)."""

from __future__ import annotations

from storyline.events.lexicon import default_lexicon
from storyline.events.petrarch_loose import recode_loose_synonyms
from storyline.events.petrarch_tables import verb_rows
from storyline.events.petrarch_verbs import read_verb_dictionary
from tests.test_events import code

# Shaped after CAMEO.2.0.txt's TAKE_CONTROL, PHYSICAL_CONFLICT and SUPPLY-like blocks.
DICTIONARY = """
---  TAKE_CONTROL   [171]  ---
COMMANDEER
OVERTURN
- * CONVICTION                            [081]   # OVERTURN
- * DECISION                              [124]   # OVERTURN
- * RULING                                [124]   # OVERTURN
- * ACQUITTAL                             [1243]  # OVERTURN

---  PHYSICAL_CONFLICT   [190]  ---
CLASH
ATTACK
- * GOVERNMENT                            [111]   # ATTACK
- * POLICY                                [111]   # ATTACK
- * BASE                                  [190]   # ATTACK

---  DESTROY   [190]  ---
DEFEAT
- * GOVERNMENT                            [---]   # DEFEAT
- * MOTION                                [121]   # DEFEAT
- * CHALLENGE                             [121]   # DEFEAT

---  GRANT   [060]  ---
SUPPLY
- * TANK                                  [031]   # SUPPLY
- * FIGHTER                               [0332]  # SUPPLY

---  APPREHEND   [171]  ---
ARREST [173]
CAPTURE
- * TOWN                                  [192]   # CAPTURE
- * BASE                                  [192]   # CAPTURE

---  DISRUPT   [160]  ---
BLOCK
DISRUPT
- * TALKS                                 [140]   # DISRUPT
- * MARCH                                 [140]   # DISRUPT
"""


def rows_of(text: str) -> dict[str, list[str]]:
    patterns = recode_loose_synonyms(read_verb_dictionary(text).patterns)
    return {row.split("\t")[0]: row.split("\t") for row in verb_rows(patterns)}


def test_a_loose_synonym_takes_the_code_its_own_patterns_agree_on():
    rows = rows_of(DICTIONARY)
    # every OVERTURN pattern reverses a decision (08, 12; 12 holds 3 of 4): no seizing
    assert rows["overturn"][2:6] == ["dyad", "REJECT", "-", "124"]
    assert "own patterns 12x" in rows["overturn"][6]
    # the patterns that code as the bare verb now does stay, since they need no dyad
    assert rows["overturn ruling"][2:4] == ["-", "REJECT"]
    assert rows["commandeer"][3] == "COERCE"  # no patterns of its own: the block's code


def test_the_block_code_stands_where_the_dictionary_met_the_verb_in_its_sense():
    rows = rows_of(DICTIONARY)
    assert rows["attack"][3:6] == ["FIGHT", "-", "190"]  # "attack base" is a fight
    assert rows["defeat"][3:6] == ["FIGHT", "-", "190"]  # its "---" lists exceptions
    # intent patterns (CAMEO 03) record a sentence's framing, not what supplying is
    assert rows["supply"][3:6] == ["COOPERATE", "-", "060"]
    # the block's head verb keeps the block's code: the block is named for it
    assert rows["disrupt"][3:6] == ["SANCTION", "-", "160"]
    # ARREST's own 173 confirms APPREHEND's category: CAPTURE is filed as an arrest on purpose
    assert rows["capture"][3:6] == ["COERCE", "confiscate", "171"]


def test_the_compiled_table_codes_reversing_and_blocking_verbs_by_their_own_patterns():
    """CAMEO.2.0.txt files OVERTURN under TAKE_CONTROL (171) and EASE under FACILITATE (060):
    seizing property and cooperating, which none of their patterns code."""

    def bare(verb: str) -> list:
        rows = default_lexicon().lookup("V", verb)
        return [e for e in rows if len(e.slots) == 1 and e.origin == "petrarch" and e.when]

    assert [(e.type, e.cameo) for e in bare("overturn")] == [("REJECT", "124")]
    assert [(e.type, e.cameo) for e in bare("ease")] == [("RETREAT", "087")]
    # five of eight INCREASE patterns are troops: no agreement, the block's code stands
    assert [e.type for e in bare("increase")] == ["COOPERATE"]
    assert [e.type for e in bare("capture")] == ["COERCE"]  # APPREHEND holds ARREST [173]
    assert bare("mull") == []  # mulling a policy is a statement (CAMEO 014): no event


def test_overturning_a_regulation_is_no_seizure(nlp):
    """ECB+ tuning, topic 9: a president reversing a rule coded COERCE/confiscate before."""
    text = (
        "President Obama on Tuesday overturned a last-minute Bush administration regulation "
        "that weakened the Endangered Species Act."
    )
    types = {e.type for e in code(text, nlp) if "overturned" in e.trigger}
    assert types == {"REJECT"}
