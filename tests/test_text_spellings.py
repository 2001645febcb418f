"""An agent noun in its other spellings (``text.spellings``): PETRARCH2's agents file and
WordNet list "protester" and "licenser", news writes "protestors" (ECB+ topic 8, the date test
set) and "licensor" (MEANTIME), so a party so spelled lost its actor reading
(``events.parties``) and its sector (``political.agent_sectors``). Sentences written here, not
copied from any gold file."""

from __future__ import annotations

import pytest

from storyline.events.lexicon import agent_nouns, people_sense_nouns
from storyline.events.political import agent_sectors
from storyline.text.spellings import spelling_variants, written_forms
from tests.test_events_parties import on
from tests.test_events_things import code_with_entities, texts

VARIANTS = [
    # the agent suffix "-er"/"-or" after "t" or "s"
    ("protester", {"protestor"}),
    ("adviser", {"advisor"}),
    ("licenser", {"licensor"}),
    ("supervisor", {"superviser"}),
    # British "-ise"/"-iser", American "-ize"/"-izer"
    ("organiser", {"organizer"}),
    ("sympathizer", {"sympathiser"}),
    # British "-our", American "-or"
    ("labour", {"labor"}),
    ("neighbor", {"neighbour"}),
    # none: no agent suffix after a doubled consonant, no "-our" after a vowel
    ("better", set()),
    ("setter", set()),
    ("minister", {"ministor"}),
    ("official", set()),
    ("floor", set()),
]


@pytest.mark.parametrize(("noun", "variants"), VARIANTS)
def test_spelling_variants(noun, variants):
    assert spelling_variants(noun) == variants


def test_written_forms_are_the_spellings_with_their_plurals():
    assert written_forms("protester") == {"protester", "protesters", "protestor", "protestors"}


def test_an_agent_noun_in_its_other_spelling_is_an_agent_noun_with_its_sector():
    assert {"protestor", "protestors"} <= agent_nouns()
    assert agent_sectors()["protestors"] == agent_sectors()["protesters"] == "OPP"
    assert "licensor" in people_sense_nouns()


def test_a_form_the_agents_file_lists_keeps_its_own_sector():
    """ "counselor" (JUD) is listed itself; no variant of another head takes its code."""
    assert agent_sectors()["counselor"] == "JUD"


@pytest.mark.parametrize(
    ("text", "trigger", "source"),
    [
        ("Protestors stormed the embassy in Cairo on Friday.", "stormed", "Protestors"),
        ("One protestor threw stones at the police in Athens.", "threw", "protestor"),
    ],
)
def test_a_party_in_the_other_spelling_reads_as_an_actor(nlp, text, trigger, source):
    events = on(code_with_entities(text, nlp), trigger)
    assert events, text
    assert any(source in s for e in events for s in texts(e.source)), events
