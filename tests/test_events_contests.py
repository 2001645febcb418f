"""Events the ontology does not cover are dropped, not forced into the nearest type (issue 15,
third round: ``benchmarks/event_review_tuning_17_*.tsv``): a contest for a prize is no political
act (``senses.contests_prize``). Sentences written in the style of the judged ones (ECB+ topics
2 and 7, the briefing set's article 204), not copied from them; each "not coded" case was coded
before."""

from __future__ import annotations

import pytest

from storyline.events.lexicon import prize_nouns
from tests.test_events import assert_not_coded, coded_on

# a bare verb row whose object (or its purpose clause's object) is a prize or a title
CONTESTS = [
    ("Manny Pacquiao will defend his WBO title against Timothy Bradley in Las Vegas.", "defend"),
    (
        "Whoopi Goldberg will host the Oscars for a fourth time next year, the Academy "
        "announced Tuesday.",
        "host",
    ),
    ("Billy Crystal previously hosted the 72nd Oscars in 2000.", "hosted"),
    ('"I am thrilled to be hosting the Oscars again," Crystal said.', "hosting"),
    # two countries' teams: PETRARCH2's "beat" is an assault whoever the parties are
    ("Chile beat Peru to claim the trophy on Sunday.", "beat"),
]


@pytest.mark.parametrize(("text", "trigger"), CONTESTS)
def test_a_contest_for_a_prize_codes_nothing(nlp, text, trigger):
    assert_not_coded(text, trigger, nlp)


# a prize given to a recipient, and the objects the block's own patterns name, still code
GIVEN = [
    ("President Vladimir Putin awarded Narendra Modi the Order of St Andrew.", "awarded"),
    (
        "Chancellor Olaf Scholz, who was awarded the Order of Merit in 2019, met President "
        "Emmanuel Macron.",
        "awarded",
    ),
    ("Italy defended the decision to expel the diplomats.", "defended"),
    ("India hosted the G20 summit in New Delhi in September.", "hosted"),
]


@pytest.mark.parametrize(("text", "trigger"), GIVEN)
def test_a_prize_given_or_a_pattern_object_still_codes(nlp, text, trigger):
    coded_on(text, trigger, nlp)


def test_prize_nouns_come_from_wordnet_without_academic_degrees():
    nouns = prize_nouns()
    assert {"title", "oscar", "trophy", "medal", "championship", "prize"} <= nouns
    # "award" is first the act of awarding: "Boeing challenged the award" protests a decision
    assert not {"award", "degree", "mba", "doctorate", "contract", "order"} & nouns
