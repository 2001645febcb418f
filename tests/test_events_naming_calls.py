"""'call' with a thing as its object names or judges it, it phones no one (issue 15): "called the
comment wrong and irresponsible" is no phone call, even where the parser hangs the judgement on
the object and the small-clause row cannot see it. A party called is still a call. Sentences
written here, not copied from any gold file."""

from __future__ import annotations

import pytest

from tests.test_events import code

JUDGED = [
    "Moscow called the decision wrong and dangerous.",
    "The minister called the remarks baseless and irresponsible.",
    "The spokesman called the vote a farce.",
]


@pytest.mark.parametrize("text", JUDGED)
def test_a_thing_called_is_no_phone_call(nlp, text):
    calls = [(e.type, e.trigger) for e in code(text, nlp) if e.trigger.startswith("called")]
    assert ("CONSULT", "called") not in calls


PHONED = [
    ("President Putin called the White House on Monday.", "White House"),
    ("Prime Minister Narendra Modi called the Russian president on Tuesday.", "president"),
]


@pytest.mark.parametrize(("text", "target"), PHONED)
def test_a_party_called_is_still_a_call(nlp, text, target):
    calls = [e for e in code(text, nlp) if e.trigger == "called"]
    assert calls and calls[0].type == "CONSULT", [(e.trigger, e.type) for e in code(text, nlp)]
    assert target in " ".join(a.text for a in calls[0].target)
