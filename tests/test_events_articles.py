"""Timeline labels read as English: names with the article English gives them ("gave aid to
the Philippines", "The United States warned …"), a demonym standing for a party as its country
("cooperated with Russia", not "with Russian": ``events.articles``, from the measured table
``data/definite_names.tsv``), one list of all who took part, plans to host worded as plans.
Actors written here, not copied from the corpora."""

from __future__ import annotations

import pytest

from storyline.events.articles import takes_article
from storyline.events.labels import label
from storyline.models import Actor


@pytest.mark.parametrize(
    ("name", "definite"),
    [
        # measured names: plural, or built on a common noun
        ("United States", True),
        ("Philippines", True),
        ("European Union", True),
        ("United Nations", True),
        # names the dictionaries lack, by the word they are built on
        ("African Union", True),
        ("International Criminal Court", True),
        ("Ministry of External Affairs", True),
        ("Shanghai Cooperation Organization", True),
        # names that take none
        ("India", False),
        ("Moscow", False),
        ("Saudi Arabia", False),
        ("Mexico City", False),
        ("NATO", False),
        ("the Kremlin", False),  # already said
    ],
)
def test_names_take_the_article_news_writes_them_with(name: str, definite: bool) -> None:
    assert takes_article(name) is definite


def actor(name: str, kind: str = "GPE", country: str | None = None) -> Actor:
    return Actor(text=name, name=name, label=kind, country=country)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ("AID", None, [actor("India")], [actor("Philippines")]),
            "India gave aid to the Philippines",
        ),
        (
            ("THREATEN", None, [actor("China")], [actor("United States")]),
            "China threatened the United States",
        ),
        # at the start of a label, and of a plan, the article starts the sentence
        (("SANCTION", None, [actor("United States")], []), "The United States imposed sanctions"),
        (
            (
                "CONSULT",
                "visit",
                [actor("European Union", "ORG")],
                [actor("India")],
                None,
                "planned",
            ),
            "Planned: The European Union to visit India",
        ),
        # people never take one, even with a name built on a noun
        (
            ("CONSULT", "meet", [actor("Narendra Modi", "PERSON")], [actor("Ann Union", "PERSON")]),
            "Narendra Modi met Ann Union",
        ),
        # a demonym standing for a party reads as its country
        (
            ("COOPERATE", None, [actor("India")], [actor("Russian", "NORP", country="Russia")]),
            "India cooperated with Russia",
        ),
        (
            ("SANCTION", None, [actor("American", "NORP", country="United States")], []),
            "The United States imposed sanctions",
        ),
        # all who took part in a gathering are one list, not "A, B and C and D"
        (
            (
                "CONSULT",
                "gathering",
                [actor("Narendra Modi", "PERSON"), actor("Xi Jinping", "PERSON")],
                [actor("Shanghai Cooperation Organization", "ORG")],
                None,
                "planned",
            ),
            "Planned: Narendra Modi, Xi Jinping and the Shanghai Cooperation Organization to take "
            "part in a meeting",
        ),
        # a plan to host reads as a plan
        (
            ("CONSULT", "host", [actor("Brazil")], [], None, "planned"),
            "Planned: Brazil to host a meeting",
        ),
        # a phrase naming no entity is said as written
        (
            ("CONSULT", None, [Actor(text="central banks")], []),
            "central banks held talks",
        ),
    ],
)
def test_labels_say_names_as_english_does(args: tuple, expected: str) -> None:
    assert label(*args) == expected
