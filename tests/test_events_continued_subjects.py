"""Who acts when the clause names no one (issue 15): a subject "they" opening a sentence continues
the previous sentence's plural subject ("Xi and Biden met … They agreed to …"), and a
"to"-infinitive the parser hangs on a relative clause shares the subject of the infinitive it is
coordinated with, not the relative clause's ("agreed to restore the flights, which Ankara had
suspended …, and to work together"). Sentences written here, not copied from any gold file."""

from __future__ import annotations

import pytest

from tests.test_events import code, words

MET = "Chancellor Olaf Scholz and President Emmanuel Macron met in Paris on Monday. "

CONTINUED = [
    MET + "They agreed to set up a joint fund for defence.",
    MET + "On Tuesday, they agreed to set up a joint fund for defence.",
]


@pytest.mark.parametrize("text", CONTINUED)
def test_they_continues_the_plural_subject_before(nlp, text):
    agreed = [e for e in code(text, nlp) if e.trigger == "agreed"]
    assert agreed, [(e.trigger, e.explanation) for e in code(text, nlp)]
    source = words(agreed[0].source)
    assert "Scholz" in source and "Macron" in source, agreed[0].explanation


OPEN = [
    # a singular subject is no antecedent of "they"
    "Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Monday. "
    "They agreed to set up a joint fund for defence.",
    # an actor named before the pronoun in its own sentence leaves it open
    MET + "In Berlin, the opposition said they agreed to set up a joint fund.",
]


@pytest.mark.parametrize("text", OPEN)
def test_they_without_a_plural_subject_borrows_nothing(nlp, text):
    for event in (e for e in code(text, nlp) if e.trigger == "agreed"):
        source = words(event.source)
        assert "Scholz" not in source and "Macron" not in source, event.explanation


# the parser hangs the second infinitive on the relative clause's verb ("suspended", "cut")
COORDINATED = [
    (
        "Erdogan and Aliyev agreed to restore direct flights, which Ankara had suspended after "
        "a visit to Yerevan by the Armenian premier, and to work together on trade.",
        ("Erdogan", "Aliyev"),
        "Ankara",
    ),
    (
        "Scholz and Macron agreed to resume high-level energy talks, which Moscow had cut off "
        "after a visit to Kyiv by then German Chancellor Angela Merkel, and to work together "
        "to curb the flow of arms.",
        ("Scholz", "Macron"),
        "Moscow",
    ),
]


@pytest.mark.parametrize(("text", "who", "not_who"), COORDINATED)
def test_a_coordinated_infinitive_skips_the_relative_clause(nlp, text, who, not_who):
    together = [e for e in code(text, nlp) if e.trigger == "work together"]
    assert together, [(e.trigger, e.explanation) for e in code(text, nlp)]
    source = words(together[0].source)
    assert all(name in source for name in who), together[0].explanation
    assert not_who not in source, together[0].explanation
