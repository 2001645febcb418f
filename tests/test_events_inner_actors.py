"""Who an act is aimed at when the party sits inside its object, and who reports after the
report (issue 15): the persons whose premises are attacked, the owner named in a pattern's own
noun reached through "part of" or "the return of", and the subject of a verb of saying or
protest that the parser read as a participle on a closing apposition. Sentences written in the
style of the PLOVER and TimeBank ones that showed each construction, not copied from them."""

from __future__ import annotations

import pytest

from tests.test_events import code, coded_on, words

PREMISES = [
    # an institution noun that names no person: its "of" persons are who it belongs to
    (
        "Armed settlers set fire to the offices of the Palestinian administrators on Sunday.",
        "set fire",
        "Palestinian administrators",
        "offices",
    ),
    (
        "Rioters attacked the offices of the company accountants on Tuesday.",
        "attacked",
        "company accountants",
        "offices",
    ),
]


@pytest.mark.parametrize(("text", "trigger", "wanted", "unwanted"), PREMISES)
def test_premises_of_persons_are_aimed_at_the_persons(nlp, text, trigger, wanted, unwanted):
    event = coded_on(text, trigger, nlp)[0]
    targets = words(event.target)
    assert wanted in targets, event.explanation
    assert unwanted not in targets, event.explanation


def test_a_person_of_persons_stays_the_person(nlp):
    """ "the father of the suspect" is the father: a noun of persons is who it names."""
    event = coded_on("Gunmen shot the father of the suspect on Monday.", "shot", nlp)[0]
    assert "suspect" not in words(event.target), event.explanation


INSIDE_OF = [
    (
        "Government troops captured part of a Tamil rebel stronghold near the coast on Friday.",
        "captured",
        "Tamil",
    ),
    (
        "Pyongyang said it would allow the return of IAEA nuclear inspectors next month.",
        "allow",
        "IAEA",
    ),
]


@pytest.mark.parametrize(("text", "trigger", "wanted"), INSIDE_OF)
def test_the_owner_inside_a_pattern_noun_under_of_is_the_target(nlp, text, trigger, wanted):
    event = coded_on(text, trigger, nlp)[0]
    assert wanted in words(event.target), event.explanation


POSTPOSED = [
    (
        "Serbian police are failing to uphold the rights of Kosovo Albanian refugees, a human "
        "rights group protested here Thursday.",
        "protested",
        "human rights group",
    ),
    (
        "The new tax is unfair to small farmers, a farmers' union complained on Monday.",
        "complained",
        "farmers' union",
    ),
]


@pytest.mark.parametrize(("text", "trigger", "speaker"), POSTPOSED)
def test_a_report_after_its_content_has_its_speaker_as_source(nlp, text, trigger, speaker):
    event = coded_on(text, trigger, nlp)[0]
    assert speaker in words(event.source), event.explanation
    assert speaker not in words(event.target), event.explanation


def test_a_participle_on_a_closing_apposition_stays_passive(nlp):
    """ "Police arrested Smith, a man wanted for murder": no verb of saying, and "for" marks the
    participle's own argument; a man is arrested, not arresting."""
    event = coded_on("Police detained Smith, a man arrested twice before.", "detained", nlp)[0]
    assert "Police" in words(event.source), event.explanation


def test_a_name_split_at_its_preposition_is_named_whole(nlp):
    """The parser may hang the "for" inside a name on a word outside it; the actor is the name,
    never the preposition."""
    text = (
        "The president finally conceded to demands from National Union for the Total "
        "Independence of Angola (UNITA) to reform the courts."
    )
    event = coded_on(text, "conceded", nlp)[0]
    assert "National Union" in words(event.target), event.explanation


def test_a_past_form_on_a_subject_of_a_later_verb_is_its_own_clause(nlp):
    """The parser may read "negotiated" as a participle on "lawyer" and give "traveled" two
    subjects, "lawyer" and "singer"; a verb has one subject, so the lawyer negotiated and did
    not travel, and was not negotiated with."""
    text = (
        "The singer entered a clinic in Malibu on Friday, according to Radar. com.\n"
        "Her lawyer negotiated with court officials to change the venue of her treatment, and "
        "the singer traveled to nearby Palm Springs to register as a patient."
    )
    events = code(text, nlp)
    negotiated = next(e for e in events if "negotiated" in e.trigger)
    assert "Her lawyer" in words(negotiated.source), negotiated.explanation
    assert "lawyer" not in words(negotiated.target), negotiated.explanation
    for event in events:
        if "traveled" in event.trigger:
            assert "lawyer" not in words(event.source), event.explanation
