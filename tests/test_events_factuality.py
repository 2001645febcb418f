"""Factuality of coded events: negated, hypothetical, planned and reported speech vs facts."""

from __future__ import annotations

import pytest

from storyline.events.factuality import assess
from tests.test_events import code

# sentence, trigger word of the event under test, factuality, a word of the cue (or None)
CASES = [
    ("Chancellor Scholz met President Macron in Paris.", "met", "asserted", None),
    ("Chancellor Scholz did not meet President Macron in Paris.", "meet", "negated", "not"),
    ("Chancellor Scholz never met President Macron.", "met", "negated", "never"),
    ("Israel and Hamas failed to reach an agreement.", "reach", "negated", "failed"),
    (
        "Prime Minister Modi refrained from criticising Russia.",
        "criticising",
        "negated",
        "refrained",
    ),
    ("President Biden could meet President Xi in November.", "meet", "hypothetical", "could"),
    ("Germany would impose sanctions on Russia.", "impose", "hypothetical", "would"),
    (
        "Brazil will cut ties with Israel if the offensive continues.",
        "cut",
        "hypothetical",
        "if",
    ),
    ("Did President Putin visit India?", "visit", "hypothetical", "question"),
    ("The German foreign minister will visit China.", "visit", "planned", "will"),
    (
        "The two ministers are expected to discuss trade with their counterparts.",
        "discuss",
        "planned",
        "expected",
    ),
    ("President Ruto plans to visit Washington.", "visit", "planned", "plans"),
    ("Prime Minister Albanese is set to meet President Xi.", "meet", "planned", "set"),
    ("Prime Minister Albanese is due to meet President Xi.", "meet", "planned", "due"),
    ("President Lula's upcoming visit to Beijing was announced.", "visit", "planned", "upcoming"),
    (
        "Officials said President Ruto met Chancellor Scholz in Berlin.",
        "met",
        "reported",
        "said",
    ),
    (
        "According to the ministry, President Ruto met Chancellor Scholz.",
        "met",
        "reported",
        "according to",
    ),
    ("Hungary said it will support the resolution.", "support", "planned", "will"),
    # issue 15: what is looked ahead to, the purpose of a plan, a plan given up
    ("President Lula said he is excited to be visiting Beijing.", "visiting", "planned", "excited"),
    ("Chancellor Scholz was quick to condemn the attack.", "condemn", "asserted", None),
    (
        "President Ruto is looking forward to visiting Washington.",
        "visiting",
        "planned",
        "looking",
    ),
    (
        "Prime Minister Albanese is set to travel to Beijing to meet President Xi.",
        "meet",
        "planned",
        "set",
    ),
    (
        "Prime Minister Albanese travelled to Beijing to meet President Xi.",
        "meet",
        "asserted",
        None,
    ),
    (
        "The rebels abandoned their plans to attack the capital.",
        "attack",
        "negated",
        "abandoned",
    ),
]


@pytest.mark.parametrize(("text", "trigger", "factuality", "cue"), CASES)
def test_factuality(nlp, text, trigger, factuality, cue):
    events = [e for e in code(text, nlp) if trigger in e.trigger]
    assert events, f"no event on {trigger!r} in {text!r}"
    event = events[0]
    assert event.factuality == factuality, event.explanation
    if cue is None:
        assert event.factuality_cue is None
    else:
        assert cue in (event.factuality_cue or "").lower(), event.explanation


def test_the_event_a_nominal_subject_names_is_not_made_hypothetical(nlp):
    (event,) = code("Prime Minister Modi's visit could help President Putin.", nlp)
    assert event.mode == "visit"
    assert event.factuality == "asserted"


def test_present_tense_habit_is_generic_not_an_episode(nlp):
    (generic,) = code("India and Russia cooperate on defence projects.", nlp)
    assert generic.generic is True
    (episode,) = code("India and Russia cooperated on the missile project.", nlp)
    assert episode.generic is False


# sentence, the word under test, its factuality: the parse alone, whether or not it is coded
CLAUSE_CASES = [
    ("Airbus signed a contract to supply 14 tankers to the Air Force.", "supply", "planned"),
    ("The banks announced a joint effort to pump money into the markets.", "pump", "planned"),
    ("Modi was the first leader to visit Kyiv since the war began.", "visit", "asserted"),
    ("It is too early to see a trend in the figures.", "see", "asserted"),
    ("She dumped her manager in an attempt to clean up her image.", "clean", "asserted"),
    ("The pirates abandoned their plans to hijack the vessel.", "hijack", "negated"),
    ("Ukraine dropped its plan to join NATO.", "join", "negated"),
    ("I am so excited to be hosting the Oscars for the second time.", "hosting", "planned"),
    ("She was proud to have hosted the Oscars.", "hosted", "asserted"),
    (
        "Ross is set to meet with Lionsgate officials on Monday to resume talks.",
        "resume",
        "planned",
    ),
    # issue 15: a negative quantifier as subject or object denies the act
    ("So far, no club has offered him a longer contract.", "offered", "negated"),
    ("None of the hostages were killed in the raid.", "killed", "negated"),
    ("Nobody claimed responsibility for the blast.", "claimed", "negated"),
    ("Neither Ankara nor Athens signed the declaration.", "signed", "negated"),
    ("Neither of the companies would reveal the price.", "reveal", "negated"),
    ("The two sides reached no agreement on the border.", "reached", "negated"),
    ("No fewer than 20 people were killed in the attack.", "killed", "asserted"),
    ("The ministry has no comment on the report.", "has", "asserted"),
    ("Talks went on but the envoy made no secret of his doubts.", "made", "asserted"),
    # the goal of a failed attempt did not happen; an attempt alone tells nothing
    ("He led a failed bid last year to change the law.", "change", "negated"),
    ("They died in an unsuccessful attempt to cross the border.", "cross", "negated"),
    ("He led a bid last year to change the law.", "change", "asserted"),
    # what is only required or demanded has not happened
    ("This is proof of the need for a treaty, ratified by parliament.", "ratified", "hypothetical"),
    ("The rules drop a requirement that agencies consult scientists.", "consult", "hypothetical"),
    ("The council rejected a call for its troops to be deployed.", "deployed", "planned"),
    (
        "The two presidents called for the swift ratification of the treaty.",
        "ratification",
        "planned",
    ),
    ("The court heard an appeal filed by the company.", "filed", "asserted"),
    ("The treaty was ratified by parliament.", "ratified", "asserted"),
    # "as long as" with a present-tense clause is a condition; with a past one a duration
    ("Drilling is allowed as long as the companies comply with the law.", "comply", "hypothetical"),
    ("Inmates get more calls as long as they are free of violations.", "get", "hypothetical"),
    ("He stayed in Moscow as long as he could.", "stayed", "asserted"),
    # the future "is to", and a passive infinitive on a noun
    ("She is to return as host of the ceremony.", "return", "planned"),
    ("The summit is to be held in Kazan.", "held", "planned"),
    ("Apple announced another special event to be held on October 12.", "held", "planned"),
    ("The purpose of the visit was to engage in talks.", "engage", "asserted"),
    ("It was the first poll to be held under the new president.", "held", "asserted"),
    ("He was the 456th person to be placed on the list.", "placed", "asserted"),
    # the content of a possibility, hope or fear may or may not come about
    (
        "Officials raised the possibility of a meeting between the two ministers.",
        "meeting",
        "hypothetical",
    ),
    ("Markets fell on fears of a recession in the United States.", "recession", "hypothetical"),
    ("She faces the prospect of arrest for violating her probation.", "arrest", "hypothetical"),
    ("The arrest of the suspect was confirmed.", "arrest", "asserted"),
    # chosen for an act is not the act; choosing to act is
    ("Two directors were named to join the board.", "join", "planned"),
    ("Comedian Ellen DeGeneres picked to host 2014 Oscars", "host", "planned"),
    ("Steve Jobs has chosen to step down from his post.", "step", "asserted"),
    (
        "The militant once named H. Rap Brown, convicted in Georgia of murder.",
        "convicted",
        "asserted",
    ),
    ("It is more difficult to trade many stocks.", "trade", "asserted"),
]


@pytest.mark.parametrize(("text", "word", "factuality"), CLAUSE_CASES)
def test_factuality_of_a_clause(nlp, text, word, factuality):
    (token,) = [t for t in nlp(text) if t.text == word]
    assert assess(token, token).factuality == factuality
