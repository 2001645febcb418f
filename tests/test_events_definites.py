"""A bare definite "the country" refers back to the nearest country named before it (issue 15):
a subject "the country" left alone coded an event with no actor ("someone mobilised against
Ukraine"). Sentences in the style of wire reports, not copied from any gold."""

from __future__ import annotations

import pytest

from tests.test_events import code


def _sources(text: str, nlp, trigger: str) -> list[list[str]]:
    return [[a.text for a in e.source] for e in code(text, nlp) if e.trigger.startswith(trigger)]


REFERS_BACK = [
    # the nearest country of the sentence, past a city and an earlier country
    (
        "Prime Minister Anthony Albanese flew to Tokyo on his first trip to Japan since the "
        "country imposed sanctions on China.",
        "imposed",
        "Japan",
    ),
    # an earlier sentence, through a possessive and past a capital that is a city here
    (
        "Iran's foreign minister arrived in Beijing on Monday. The country has signed a trade "
        "deal with China.",
        "signed",
        "Iran",
    ),
    (
        "Russia moved more troops to the border. The nation also accused Kyiv of shelling.",
        "accused",
        "Russia",
    ),
]


@pytest.mark.parametrize(("text", "trigger", "country"), REFERS_BACK)
def test_the_country_names_the_nearest_country_before_it(nlp, text, trigger, country):
    assert _sources(text, nlp, trigger) == [[country]]


DESCRIBES = [
    # a modifier or a restricting clause makes a description of its own, not a reference back
    "After talks with Germany, officials said the host country would impose sanctions on Iran.",
    "Germany said the country that joined NATO last would impose sanctions on Iran.",
]


@pytest.mark.parametrize("text", DESCRIBES)
def test_a_described_country_is_not_a_reference_back(nlp, text):
    sources = _sources(text, nlp, "impose")
    assert sources and all("Germany" not in s for s in sources), sources


def test_no_country_named_before_leaves_the_phrase(nlp):
    # Jakarta, named after it, is a city: nothing before "the country" to refer back to
    sources = _sources(
        "The country imposed sanctions on Iran, officials in Jakarta said.", nlp, "imposed"
    )
    assert sources == [["country"]]
