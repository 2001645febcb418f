"""One plural rule for the tables that list nouns by their singular (``text.plurals``): the
agent nouns an argument is read by (``lexicon.agent_nouns``) and the sectors a party's noun
gives (``political.agent_sectors``) formed them each their own way, so "envoys" and
"attorneys" had no sector."""

from __future__ import annotations

import pytest

from storyline.events.lexicon import agent_noun_rows, agent_nouns
from storyline.events.political import agent_sectors
from storyline.text.plurals import noun_forms, plural_forms

PLURALS = [
    ("official", {"officials"}),
    ("envoy", {"envoys"}),
    ("attorney", {"attorneys"}),
    ("deputy", {"deputies"}),
    ("boss", {"bosses"}),
    ("branch", {"branches"}),
    ("spokesman", {"spokesmen", "spokesmans"}),
    ("thief", {"thiefs", "thieves"}),
    ("midwife", {"midwifes", "midwives"}),
    ("commando", {"commandos", "commandoes"}),
]


@pytest.mark.parametrize(("noun", "plurals"), PLURALS)
def test_plural_forms(noun, plurals):
    assert plural_forms(noun) == plurals
    assert noun_forms(noun) == plurals | {noun}


@pytest.mark.parametrize("word", ["envoys", "attorneys", "chairmen", "thieves", "officials"])
def test_an_agent_nouns_plural_has_its_sector_and_names_an_actor(word):
    assert word in agent_nouns()
    assert agent_sectors().get(word) is not None


def test_the_two_tables_hold_the_same_forms_of_every_agent_head():
    sectors = agent_sectors()
    for head, *_ in agent_noun_rows():
        assert noun_forms(head) <= set(sectors), head
    assert "envoies" not in sectors and "envoies" not in agent_nouns()
