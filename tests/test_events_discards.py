"""Sports and entertainment are no political news: PETRARCH2's discard list (events/discards.py)."""

from __future__ import annotations

import pytest

from storyline.evaluation.event_layers import mentions_from_ents, sentence_document
from storyline.events.discards import sentence_discard, story_discard
from storyline.events.extract import extract_event_mentions
from storyline.events.petrarch_tables import discard_rows
from storyline.nlp import parse_one

LIST = """# Story-level discards are indicated with a '+'.
1999
YEARS AGO
CHAMPION
### FULL STORY DISCARDS
+AUSTRALIAN OPEN   # a tournament
DAVIS CUP   # ELH 07 Jul 2009
BIRD_FLU
SECOND WORLD WAR
APRIL 1942
"""


def test_the_list_compiles_to_levels_without_its_history() -> None:
    rows = dict(r.split("\t") for r in discard_rows(LIST))
    assert rows == {"australian open": "story", "davis cup": "sentence", "bird flu": "sentence"}


def test_phrases_match_whole_words_whatever_the_case() -> None:
    assert sentence_discard("Canada beat the US in the DAVIS  Cup final.") == "davis  cup"
    assert story_discard("Djokovic wins the Australian Open") == "australian open"
    assert sentence_discard("The footballer's club said nothing.") is None  # not "football"


def coded(text: str, nlp, title: str | None = None) -> list[str]:
    document = sentence_document("doc", text).model_copy(update={"title": title})
    parsed = parse_one(document.text, nlp)
    events = extract_event_mentions(document, parsed, [], mentions_from_ents(document, parsed))
    return [e.trigger for e in events]


SPORTS = "Russia beat Croatia on Monday. Denis Shapovalov defeated Taylor Fritz in three sets."


@pytest.mark.parametrize(
    ("title", "text", "coded_any"),
    [
        ("Canada edge United States in Davis Cup", SPORTS, False),  # the headline's topic
        ("Russia and Croatia meet again", SPORTS, True),  # no topic named: coded as told
        (
            "Leaders meet in Geneva",
            "Chancellor Olaf Scholz met President Emmanuel Macron in Geneva on Monday. "
            "They discussed energy prices. Trending: Australian Open final tonight.",
            True,  # a teaser below the lead does not make the story sports
        ),
    ],
)
def test_a_story_whose_headline_names_a_sport_codes_no_event(nlp, title, text, coded_any):
    assert bool(coded(text, nlp, title)) == coded_any


def test_a_political_story_naming_a_sport_in_passing_is_coded(nlp) -> None:
    text = (
        "Police arrested 52 members of the separatist group on Monday. "
        "They had gathered at a football field outside the city."
    )
    assert coded(text, nlp, "Police arrest 52 separatists") == ["arrested"]
