"""Verb senses picked by the object, in PETRARCH2's terms (issue 15): a bare verb row codes its
block's act only where the object is of the kind the act needs.

An act done to people (arrest, expel, assault) done to a thing is another sense of the
verb; goods ordered are a purchase, not an order given; rallying someone musters support, and
only the intransitive rally is a protest; a phrasal verb of the dictionary ("+GIVE_IN") is
its verb and particle, not the verb and a preposition heading a circumstance; a bare row of
cooperation (CAMEO 060: "expand", "boost", "step up") done to the subject's own things tells
no cooperation with anyone, nor does one creator founding something. Sentences
written in the style of the sources each rule was found in (the tuning review pile,
TimeBank, MEANTIME business news, the PLOVER file), not copied from them; each "other sense"
case was coded on main."""

from __future__ import annotations

import pytest

from storyline.events.petrarch_tables import verb_rows
from storyline.events.petrarch_verbs import read_verb_dictionary
from tests.test_events import code

OTHER_SENSES = [
    # an act on people done to a thing (events.toml [senses] person_patient_codes)
    ("The central bank is not the agency to arrest the decline of the currency.", "arrest"),
    ("The president decided to remove the powers of the governor of the province.", "remove"),
    ("The board removed the duties of the chairman from Mr. Smith.", "removed"),
    # goods or a sum ordered (plover_lexicon.tsv: order obj:goods)
    ("Qantas has ordered US$4 billion in new airliners from Airbus.", "ordered"),
    # rallying a team or opinion (plover_lexicon.tsv: rally obj:some)
    ("Coach Phil Jackson rallied the Bulls from a 3-12 start.", "rallied"),
    ("Hussein hoped to rally Arab public opinion against the United States.", "rally"),
    # a phrasal verb's word read from a preposition away from the verb (the "particle" rows)
    ("In Havana, the government gave a cautious first response to the ruling.", "gave"),
    ("Ohio tied for second in carrying out executions last year.", "tied"),
    # cooperation with no party: the subject's own things made bigger (events.toml [senses]
    # party_cooperation_codes)
    ("Smith briefly stepped up his cautious tactics when landing a left to Jones's face.", "up"),
    ("The company boosted its quarterly dividend by ten percent on Tuesday.", "boosted"),
    # one creator and what it brings into being (events.toml [senses] creation_blocks)
    ("The Liberal Party was founded in 1988 by a group of lawyers.", "founded"),
    ("The government established a commission to study the border dispute.", "established"),
]

KEPT = [
    ("Police arrested the opposition leader in Lahore on Sunday.", "COERCE"),
    # a hijacking is done to a vehicle (CAMEO 181 "abduct, hijack, or take hostage")
    ("Gunmen hijacked a passenger plane over the gulf on Friday.", "ASSAULT"),
    ("Police arrested 20 on Monday after the march.", "COERCE"),
    ("The government expelled two Russian diplomats on Friday.", "SANCTION"),
    ("The explosion killed one soldier and wounded two others, the army said.", "ASSAULT"),
    ("The judge ordered the general to appear in court on Monday.", "DEMAND"),
    ("The ministry ordered an assessment of the damage to the embassy.", "DEMAND"),
    ("Thousands of people rallied in the capital on Saturday.", "PROTEST"),
    ("Opposition supporters rallied against the government outside parliament.", "PROTEST"),
    ("The government finally gave in to the demands of the strikers.", "CONCEDE"),
    ("Although the House approved the measures, the Senate voted the bill down.", "REJECT"),
    # an act named by the object, or a party reached, keeps the cooperation row
    ("India has sharply increased its purchases of Russian oil this year.", "COOPERATE"),
    ("The government will expand its exports to Vietnam next year.", "COOPERATE"),
    ("France and Germany founded the coal and steel community in 1951.", "COOPERATE"),
]


@pytest.mark.parametrize(("text", "trigger"), OTHER_SENSES)
def test_an_object_of_another_kind_codes_no_event(nlp, text, trigger):
    coded = [(e.type, e.trigger) for e in code(text, nlp) if trigger in e.trigger]
    assert coded == []


@pytest.mark.parametrize(("text", "wanted"), KEPT)
def test_the_object_the_act_needs_keeps_the_row(nlp, text, wanted):
    types = {e.type for e in code(text, nlp)}
    assert wanted in types, types


def test_a_crime_prosecuted_stands_for_its_doers(nlp):
    """ "prosecuting the bombings" names an event the lexicon codes: no thing, the row stays."""
    text = "A team in Nairobi is investigating and prosecuting the bombings of the embassies."
    assert "COERCE" in {e.type for e in code(text, nlp)}


def test_a_gerund_the_lexicon_does_not_code_is_a_thing(nlp):
    """ "global warming" is no act of "warm": arresting it arrests no one."""
    text = "The Wildlife Service is not the agency to arrest global warming, the senator said."
    assert [e.type for e in code(text, nlp) if "arrest" in e.trigger] == []


PHRASAL_DICTIONARY = """
---  YIELD   [080]  ---
YIELD
+GIVE_IN
GIVE [---]
- * (IN RETURN)                            [070]   # GIVE
"""


def test_a_verb_line_of_several_words_is_marked_as_a_particle_row():
    """PETRARCH2's multi-word verb line ("+GIVE_IN") is one verb: its row carries "particle";
    a pattern's preposition ("GIVE * (IN RETURN)") does not."""
    rows = {
        row.split("\t")[0]: row.split("\t")
        for row in verb_rows(read_verb_dictionary(PHRASAL_DICTIONARY).patterns)
    }
    assert rows["give in"][2] == "particle"
    assert "particle" not in rows["give in return"][2]
