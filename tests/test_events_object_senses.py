"""Verb senses picked by what the object is (issue 15): a bare verb row whose political sense
acts on people ("release" captives, "introduce" a person) or takes no object ("demonstrate"
outside parliament) codes nothing when its object is a thing: a product, a work, a figure, a
measure ("Apple released the new iPhone" is no release of captives, "demonstrated the new chip"
no protest). Sentences written in the style of ECB+ and MEANTIME technology, film and politics
reports, not copied from them; each thing case was coded before the rule."""

from __future__ import annotations

import pytest

from tests.test_events import code

THINGS = [
    ("Sony released the new PlayStation console in Japan on Friday.", "released"),
    ("The band released its third album in May, its label said.", "released"),
    ("The film was released in cinemas across Europe last week.", "released"),
    ("The software update, which was released on Tuesday, fixes the bug.", "released"),
    ("It was not released until the following spring, the studio said.", "released"),
    ("The ministry has not released the figures for the second quarter.", "released"),
    ("Intel demonstrated its fastest chip yet at the Computex trade fair.", "demonstrated"),
    ("Engineers demonstrated the new reactor design to investors on Monday.", "demonstrated"),
    ("Microsoft introduced a tablet computer at the show in Las Vegas.", "introduced"),
    ("The government has introduced a series of reforms to open the economy.", "introduced"),
    ("Nintendo unveiled its newest addition to the Wii line, the Wii Fit.", "unveiled"),
    ("Microsoft unveiled its latest version of Windows to Intel engineers.", "unveiled"),
    ("Apple also demonstrated some of the features of its new music service.", "demonstrated"),
    # "new" modifies the object: no "release news" (PETRARCH2's &INFORMATION lists "news")
    ("Nokia released a new range of phones for the Indian market.", "released"),
    # what is left is no destination (obj:some): a place, an office, a gathering
    ("Actor Tom Sizemore left a rehab facility in Pasadena on Friday.", "left"),
    ("Singer Amy Winehouse has left the Priory clinic in London.", "left"),
    ("The governor will leave office in January after two terms.", "leave"),
    ("Delegates left the Winter Meetings without a deal on Thursday.", "left"),
    # a prize ceremony named in the plural is a theme, not a party to host
    ("Comedian Jon Stewart hosted the Academy Awards in 2008.", "hosted"),
]

KEPT = [
    ("The junta released the detained activists on Saturday.", "RETREAT"),
    ("The rebels released the hostages after talks with the Red Cross.", "RETREAT"),
    ("The kidnappers released them near the border on Friday.", "RETREAT"),
    ("Police released five of the suspects without charge.", "RETREAT"),
    # people that no actor list names, from WordNet's nouns of persons and groups of people
    ("Iran released the crew of the seized British tanker on Friday.", "RETREAT"),
    ("Somali pirates released the sailors after a ransom was paid.", "RETREAT"),
    ("The authorities released 300 inmates to ease overcrowding.", "RETREAT"),
    ("Students demonstrated outside parliament against the new tax.", "PROTEST"),
    ("Thousands demonstrated in the capital on Sunday.", "PROTEST"),
    ("India hosted the summit of the regional bloc in New Delhi.", "CONSULT"),
    ("The foreign minister left for Moscow on Monday for consultations.", "CONSULT"),
    # a pattern of the verb still wins over the bare row: a statement released is none, news
    # released is information shared
    ("The agency released new details about the crash to the families.", "COOPERATE"),
]


@pytest.mark.parametrize(("text", "trigger"), THINGS)
def test_a_thing_as_object_codes_no_event(nlp, text, trigger):
    coded = [(e.type, e.trigger) for e in code(text, nlp) if trigger in e.trigger]
    assert coded == []


@pytest.mark.parametrize(("text", "wanted"), KEPT)
def test_people_or_no_object_keep_the_sense(nlp, text, wanted):
    types = {e.type for e in code(text, nlp)}
    assert wanted in types, types


def test_a_relative_pronoun_object_is_its_antecedent(nlp):
    """ "the activists that the junta released" released people, not a thing."""
    text = "The activists that the military junta released were taken to a hospital."
    assert "RETREAT" in {e.type for e in code(text, nlp)}


def test_a_minister_fired_is_no_attack(nlp):
    """Dismissing an official stays what main codes it as (no PLOVER event), never FIGHT."""
    types = {e.type for e in code("The president fired his defence minister on Monday.", nlp)}
    assert "FIGHT" not in types
