"""A vehicle or a weapon is never an actor; its operator named in front of it may be
(``events.things``), and a journey verb that moves a thing is no journey (``senses``). Sentences
written here, not copied from any gold file."""

from __future__ import annotations

import pytest

from storyline.entities.extract import extract_mentions
from storyline.evaluation.event_layers import sentence_document
from storyline.events.extract import extract_event_mentions
from storyline.events.lexicon import thing_nouns
from storyline.models import EventMention
from storyline.nlp import parse_one
from tests.test_events import assert_not_coded, code, coded_on


def texts(actors) -> list[str]:
    return [a.text for a in actors]


def code_with_entities(text: str, nlp) -> list[EventMention]:
    """Events coded over the project's entity layer (which types a designation as a product)."""
    document = sentence_document("doc", text)
    parsed = parse_one(document.text, nlp)
    return extract_event_mentions(document, parsed, [], extract_mentions(document, parsed))


# sentence, trigger, the operator who acts, the thing that does not
OPERATED_THINGS = [
    ("Syrian helicopters bombed the rebel town of Kafr Nabl overnight.", "bombed", "Syrian"),
    ("Turkish army tanks shelled Kurdish positions near the border.", "shelled", "army"),
]


@pytest.mark.parametrize(("text", "trigger", "operator"), OPERATED_THINGS)
def test_a_thing_acts_through_its_operator(nlp, text, trigger, operator):
    event = coded_on(text, trigger, nlp)[0]
    sources = texts(event.source)
    assert sources and all(operator in s for s in sources), event.explanation
    assert not any(w in s for s in sources for w in ("helicopters", "tanks")), event.explanation


def test_a_named_craft_acts_through_the_force_named_before_it(nlp):
    """The entity layer types "C-17 Globemaster III" as a product; the air force before it acts,
    however the parser hangs it on the name."""
    events = code_with_entities("A Royal Air Force C-17 Globemaster III fired on the rebels.", nlp)
    fired = [e for e in events if "fired" in e.trigger]
    assert fired, [e.trigger for e in events]
    assert texts(fired[0].source) == ["Royal Air Force"], fired[0].explanation


# a journey verb ("fly to", "rush to") with a thing for its object moves the thing
THINGS_MOVED = [
    ("Canada flew the vaccines to Haiti on Friday.", "flew"),
    ("After the test the prototype was flown to Seattle.", "flown"),
    ("Japan rushed the generators to Manila.", "rushed"),
]


@pytest.mark.parametrize(("text", "trigger"), THINGS_MOVED)
def test_a_journey_verb_moving_a_thing_is_no_journey(nlp, text, trigger):
    for event in code(text, nlp):
        if trigger in event.trigger:
            assert event.type not in ("CONSULT", "AGREE"), event.explanation


def test_a_journey_verb_moving_a_listed_thing_keeps_the_blocks_own_pattern(nlp):
    """PETRARCH2's RUSH block lists aid ("RUSH * AID", 070): still provided aid."""
    event = coded_on("Kenya rushed food aid to Somalia.", "rushed", nlp)[0]
    assert event.type == "AID", event.explanation


def test_a_journey_is_still_a_journey(nlp):
    event = coded_on("The Kenyan president flew to Addis Ababa on Monday.", "flew", nlp)[0]
    assert event.type in ("CONSULT", "AGREE"), event.explanation
    assert_not_coded("Canada flew the vaccines to Haiti on Friday.", "flew the vaccines to", nlp)


def test_the_thing_nouns_come_from_petrarchs_vehicle_and_weapon_sets():
    nouns = thing_nouns()
    assert {"tank", "helicopter", "missile", "drone", "warplane"} <= nouns
    assert not {"minister", "army", "government"} & nouns


# an organisation named in front of an agent noun acts through it (``collectives``)
ORGANISATIONS_ACT = [
    ("Hamas militants fired rockets at Sderot on Tuesday.", "fired", "Hamas"),
    ("NATO officials met Ukrainian envoys in Brussels.", "met", "NATO"),
]


@pytest.mark.parametrize(("text", "trigger", "organisation"), ORGANISATIONS_ACT)
def test_an_organisation_acts_through_the_people_it_names(nlp, text, trigger, organisation):
    event = coded_on(text, trigger, nlp)[0]
    assert texts(event.source) == [organisation], event.explanation


def test_a_nationality_in_front_of_an_agent_noun_stays_in_the_phrase(nlp):
    """ "Israeli soldiers": which of the country's people act, not the country."""
    event = coded_on("Israeli soldiers shot two protesters near Nablus.", "shot", nlp)[0]
    assert texts(event.source) == ["Israeli soldiers"], event.explanation


# a participle the lexicon lists as an adjective, after "be" and with no agent, is a stance its
# subject holds (``senses.stative``)
STANCES = [
    (
        "Poland is opposed to German mediation in the talks with Minsk, an aide to the president "
        "said.",
        "opposed",
        "Poland",
    ),
    ("Ghana is committed to opening up the economy but will not be rushed.", "committed", "Ghana"),
]


@pytest.mark.parametrize(("text", "trigger", "holder"), STANCES)
def test_the_subject_of_a_stance_holds_it(nlp, text, trigger, holder):
    event = coded_on(text, trigger, nlp)[0]
    assert texts(event.source) == [holder], event.explanation
    assert holder not in texts(event.target), event.explanation


def test_a_passive_with_an_agent_is_still_a_passive(nlp):
    event = coded_on("The plan was opposed by Germany.", "opposed", nlp)[0]
    assert texts(event.source) == ["Germany"], event.explanation


def test_a_name_described_by_its_apposition_is_no_dateline(nlp):
    """ "Ukraine, a close NATO partner, has refused": the apposition describes the subject; a
    dateline ("Moscow, Aug 28 (UNI) …") is never written with an article."""
    event = coded_on(
        "Ukraine, a close NATO partner, has refused to sign the grain deal.", "refused", nlp
    )[0]
    assert texts(event.source) == ["Ukraine"], event.explanation


def test_an_organisation_the_actor_dictionary_lists_is_no_honour(nlp):
    """ "Red Cross" ends in an honour's word ("the George Cross"), but PETRARCH2's actor
    dictionary lists it as an organisation (NGOHLHIRC): it acts."""
    event = coded_on(
        "Red Cross officials suspended visits to the prison in Kabul.", "suspended", nlp
    )[0]
    assert texts(event.source) == ["Red Cross"], event.explanation


def test_a_document_is_no_actor(nlp):
    """ "The Treaty of Friendship binds Russia": the treaty is what binds, no one who acts."""
    for event in code_with_entities("The Treaty of Friendship binds Russia to defend India.", nlp):
        assert "Treaty" not in " ".join(texts(event.source)), event.explanation


def test_documents_and_honours_are_things_unless_wordnet_names_people_by_them():
    nouns = thing_nouns()
    assert {"treaty", "accord", "proposal", "award", "prize", "truck"} <= nouns
    assert not {"star", "convention"} & nouns  # a film star, a party convention: people


def test_a_group_of_people_is_those_people(nlp):
    """ "A group of Kenyan lawmakers": the head counts them; the lawmakers act."""
    event = coded_on(
        "A group of Kenyan lawmakers accused the government of corruption on Monday.",
        "accused",
        nlp,
    )[0]
    assert texts(event.source) == ["Kenyan lawmakers"], event.explanation


def test_family_members_of_victims_are_not_the_victims(nlp):
    event = coded_on(
        "Family members of the four victims criticised the judge on Friday.", "criticised", nlp
    )[0]
    assert "victims" not in " ".join(texts(event.source)), event.explanation


def test_a_stance_in_a_reason_clause_is_its_subjects(nlp):
    """The participle as the adjective in a "because" clause (advcl) too."""
    text = (
        "Paris let it be known that the envoy was recalled, in part, because France is committed"
        " to Morocco."
    )
    event = coded_on(text, "committed", nlp)[0]
    assert texts(event.source) == ["France"], event.explanation


def test_whoever_is_required_to_act_acts(nlp):
    """ "require X to V" lends its object to the infinitive, as "order" and "urge" do."""
    text = "The court required the ministry to consult the tribal council before the sale."
    event = coded_on(text, "consult", nlp)[0]
    assert texts(event.source) == ["ministry"], event.explanation
