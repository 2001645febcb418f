"""A verb and the noun of its act get one type (issue 15): "negotiated with" and "the
negotiations" are one act; the compiled table gives a verb filed under a generic code the
specific code the dictionary gives its own noun wherever the noun is done."""

from __future__ import annotations

import pytest

from storyline.events.derivations import is_generic, nominalisations
from storyline.events.lexicon import default_lexicon
from storyline.events.petrarch_tables import follow_nominals, verb_rows
from storyline.events.petrarch_verbs import read_verb_dictionary

NEGOTIATION = """
&NEGOTIATION
+NEGOTIATION
+DIALOGUE

---  COMPROMISE   [080]  ---
MEDIATE
NEGOTIATE
- * (WITH)                                [050:050]   # NEGOTIATE

---  ENGAGE   [---]  ---
ENGAGE
- * (IN &NEGOTIATION)                     [046]       # ENGAGE

---  CONFINE   [---]  ---
HOLD
- * &NEGOTIATION                          [046:046]   # HOLD
"""


def rows_of(text: str) -> dict[str, list[str]]:
    rows = verb_rows(read_verb_dictionary(text).patterns)
    return {row.split("\t")[0]: row.split("\t") for row in rows}


def test_a_generic_verb_code_gives_way_to_its_nouns_specific_code():
    rows = rows_of(NEGOTIATION)
    assert rows["negotiate with"][3:6] == ["CONSULT", "-", "046"]  # was SUPPORT 050
    assert rows["negotiate"][2:4] == ["dyad", "CONSULT"]  # still a loose synonym: a dyad
    assert "negotiation" in rows["negotiate with"][6]  # the note names the noun
    assert rows["mediate"][3] == "CONCEDE"  # its noun "mediation" is coded nowhere here


def test_one_light_verb_pattern_is_not_enough():
    """One "engage in N" alone may be a synonym set's reading ("engage in argument|debate");
    two doing light verbs agreeing are the dictionary's own reading of the noun."""
    text = NEGOTIATION.replace("- * &NEGOTIATION                          [046:046]   # HOLD", "")
    assert rows_of(text)["negotiate with"][3:6] == ["SUPPORT", "-", "050"]


def test_specific_codes_and_statements_keep_their_own():
    codes = {
        ("negotiate", (frozenset({"with"}),)): "050",
        ("negotiate", ()): "0831",  # a specific code of its own
        ("talk", ()): "010",  # a statement codes no event and stays so
        ("engage", (frozenset({"in"}), frozenset({"negotiation", "talk"}))): "046",
        ("hold", (frozenset({"negotiation", "talk"}),)): "046",
    }
    assert follow_nominals(codes) == {("negotiate", (frozenset({"with"}),)): ("046", "negotiation")}


def test_a_pattern_kept_under_a_bare_verb_that_needs_a_dyad():
    """The bare verb took its noun's code, so a pattern coding the same is no longer
    redundant: it codes without a dyad where the bare verb needs one."""
    text = NEGOTIATION.replace(
        "- * (WITH)                                [050:050]   # NEGOTIATE",
        "- * (WITH)                                [050:050]   # NEGOTIATE\n"
        "- * (OVER TRUCE)                          [046]       # NEGOTIATE",
    )
    rows = rows_of(text)
    assert rows["negotiate"][2:4] == ["dyad", "CONSULT"]
    assert rows["negotiate over truce"][2:4] == ["-", "CONSULT"]


@pytest.mark.parametrize(
    ("verb", "noun"),
    [("negotiate", "negotiation"), ("invade", "invasion"), ("withdraw", "withdrawal"),
     ("attack", "attack"), ("refuse", "refusal"), ("deny", "denial"), ("bomb", "bombing")],
)  # fmt: skip
def test_nominalisations_of_regular_verbs(verb, noun):
    assert noun in nominalisations(verb)


def test_generic_codes_name_a_cue_category_only():
    assert is_generic("050") and is_generic("140")
    assert not is_generic("046") and not is_generic("0831") and not is_generic(None)


def test_the_compiled_table_codes_negotiating_with_as_its_negotiations():
    """ECB+ tuning topic 1 ("Heller negotiated with the facility" / "the negotiations"), the
    PLOVER gold ("renewed negotiations": CONSULT; "offered to negotiate with": an intent to
    consult) and MEANTIME ("Aeroflot negotiates purchase"): one act, one type."""
    lexicon = default_lexicon()
    with_ = next(e for e in lexicon.candidates("V", "negotiate") if len(e.slots) == 2)
    noun = lexicon.candidates("N", "negotiation")[0]
    assert with_.key == "V:negotiate+with"
    assert (with_.type, with_.cameo) == ("CONSULT", "046") == (noun.type, noun.cameo)


def test_negotiating_with_and_holding_negotiations_are_coded_alike(nlp):
    from tests.test_events import code

    verb = code("Israel negotiated with Lebanon on Tuesday.", nlp)
    noun = code("Israel and Lebanon held negotiations on Tuesday.", nlp)
    assert [e.type for e in verb] == [e.type for e in noun] == ["CONSULT"]


def test_talking_over_is_talks_not_a_concession(nlp):
    """PETRARCH2 files +TALK_OVER under COMPROMISE (080, yield); its own "hold talks" is 046:
    "talked over the phone" was a concession before."""
    from tests.test_events import code

    coded = code("Modi and Putin talked over the phone on Tuesday.", nlp)
    assert [(e.type, e.mode) for e in coded] == [("CONSULT", "phone")]
