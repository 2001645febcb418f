"""An act in its report's words (issue 15, ``events.told``): where a label would only gloss the
type ("X coerced Y", "someone fought Y"), the timeline says what the report says was done, and
no plan reads as a fact. Sentences written here, not copied from any gold file."""

from __future__ import annotations

import pytest

from storyline.events.lexicon import settings
from storyline.events.merge import merge_events
from tests.test_events import code, sentence_document

WORDED = [
    # an agentless passive brings its own subject; a named adjective stays as written
    (
        "A Turkish military drone was shot down over northern Syria on Tuesday.",
        "A Turkish military drone was shot down over northern Syria",
    ),
    # an adjective naming a country is no party: "Australian coal" is not "Australia coal"
    (
        "Japan has sharply increased its imports of Australian coal this year.",
        "Japan has increased its imports of Australian coal",
    ),
    # a pronoun that names the target is said by the target's name
    (
        "Prosecutors accused Carlos Mendes of fraud. A court in Lisbon issued an arrest warrant "
        "against him in March.",
        "A court in Lisbon issued an arrest warrant against Carlos Mendes",
    ),
    # a subject that names no one is said as written, not as its head noun
    (
        "A court in Lisbon issued an arrest warrant against the businessman.",
        "A court in Lisbon issued an arrest warrant against the businessman",
    ),
]


@pytest.mark.parametrize(("text", "expected"), WORDED)
def test_a_glossed_act_is_told_in_its_reports_words(nlp, text, expected) -> None:
    labels = [e.label for e in merge_events(code(text, nlp), [], [sentence_document("doc", text)])]
    assert expected in labels, labels


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a passive with its agent: the agent is the source, the gloss stays
        (
            "The rebels were attacked by government troops near the border.",
            "government troops attacked rebels",
        ),
        # a meeting keeps how news words meetings
        (
            "The Kenyan president met the Ugandan president in Nairobi on Monday.",
            "Kenyan president met Ugandan president",
        ),
        # a plan never reads as done, whatever its type
        (
            "Spain will deploy troops to Latvia next year.",
            "Planned: Spain to mobilise against Latvia",
        ),
    ],
)
def test_other_acts_keep_their_templates(nlp, text, expected) -> None:
    labels = [e.label for e in merge_events(code(text, nlp), [], [sentence_document("doc", text)])]
    assert expected in labels, labels


def test_a_pronoun_that_names_no_party_keeps_the_gloss(nlp) -> None:
    """Out of its sentence "against him" names nobody: the words are not used."""
    text = (
        "The former minister fled in 2019. A court issued an arrest warrant against him in March."
    )
    mentions = [m for m in code(text, nlp) if m.type == "COERCE"]
    assert mentions and all(m.wording is None for m in mentions)


def test_every_label_has_a_planned_wording() -> None:
    """A planned event whose type had no [labels_planned] template fell back to the past-tense
    label ("Spain mobilised against Latvia" for "will deploy troops")."""
    labels, planned = settings()["labels"], settings()["labels_planned"]
    assert sorted(set(labels) - set(planned)) == []
    assert all(text.startswith("Planned: ") for pair in planned.values() for text in pair)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a hyphenated word is one word, however the parser splits it
        (
            "Kurdish-led fighters have recaptured a strategic town in northern Syria after "
            "fierce fighting.",
            "Kurdish-led fighters have recaptured a strategic town in northern Syria after "
            "fierce fighting",
        ),
        # a list of names is one party ("Nissan and Renault"), said once
        ("Nissan and Renault were fined in Brussels on Monday.", "Nissan and Renault were fined"),
        # who told it is no part of what was done
        (
            "The union called off a strike at the port, according to officials.",
            "The union called off a strike at the port",
        ),
    ],
)
def test_the_words_are_whole_words_and_whole_lists(nlp, text, expected) -> None:
    labels = [e.label for e in merge_events(code(text, nlp), [], [sentence_document("doc", text)])]
    assert any(label.startswith(expected) for label in labels), labels
    assert not any(label.endswith(("according", " and", " of")) for label in labels), labels


def test_a_relative_clause_keeps_the_gloss(nlp) -> None:
    """ "a curfew that was imposed": the subject is a relative pronoun, which names nothing out
    of its sentence ("That was imposed after clashes")."""
    text = "The ministry lifted a curfew that was imposed after clashes in the city."
    labels = [e.label for e in merge_events(code(text, nlp), [], [sentence_document("doc", text)])]
    assert not any(label.startswith("That ") for label in labels), labels


def test_a_name_after_a_title_is_not_said_twice(nlp) -> None:
    """A title before a name in a list ("Circuit Court Judge Anna Reyes, Tom Pike and ...") is
    no run of names: replacing the one name that is would say the titled one twice."""
    text = (
        "Mark Hale was on trial for fraud. Hale shot and killed Circuit Court Judge Anna Reyes, "
        "Tom Pike and sheriff's Deputy Lee Cole in the courthouse."
    )
    labels = [e.label for e in merge_events(code(text, nlp), [], [sentence_document("doc", text)])]
    assert any("killed" in label or "attacked" in label for label in labels), labels
    assert not any(label.count("Anna Reyes") > 1 for label in labels), labels
