"""Who did what to whom in the constructions news uses (issue 15): general cases, written here,
not copied from any gold file."""

from __future__ import annotations

import pytest

from storyline.events.slots import verb_forms
from storyline.nlp import parse_one
from tests.test_events import assert_not_coded, code, coded_on, words

# sentence, trigger word, (type, source word or "", target word or "") of that event
ROLES = [
    # a passive clause under a reporting verb: the sayers are no actors
    (
        "The bridge in Mosul was bombed on Thursday, officials and witnesses said.",
        "bombed",
        ("FIGHT", "", "bridge"),
    ),
    # the phrase right after the act names its target, not one told further on
    (
        "The European Union imposed new sanctions on Iran over its drone supplies to Russia.",
        "imposed",
        ("SANCTION", "Union", "Iran"),
    ),
    # victims and casualty counts are patients
    ("Two soldiers died in the clashes on Monday.", "died", ("FIGHT", "", "soldiers")),
    ("Police said 40 people were wounded in the attack.", "wounded", ("FIGHT", "", "people")),
    # the passive agent is the source, the passive subject the target
    ("The envoy was expelled by Ruritania on Monday.", "expelled", ("SANCTION", "Ruritania", "")),
    # a dateline is where the report was filed, not who acts
    (
        "Paris, June 3 (UNI) French President Emmanuel Macron on Tuesday telephoned "
        "Chancellor Olaf Scholz.",
        "telephoned",
        ("CONSULT", "Macron", "Scholz"),
    ),
    # the subject of "became the first … to" is who did it
    (
        "Chancellor Olaf Scholz became the first German leader to visit Kyiv.",
        "visit",
        ("CONSULT", "Scholz", "Kyiv"),
    ),
    # a possessive pronoun names the subject of its clause
    (
        "Chancellor Olaf Scholz called President Emmanuel Macron and briefed him on his visit "
        "to Kyiv.",
        "visit",
        ("CONSULT", "Scholz", "Kyiv"),
    ),
    # coordination: every conjunct takes part
    ("France and Germany condemned the coup in Niger.", "condemned", ("DISAPPROVE", "France", "")),
    # nominal events
    (
        "The talks between Chancellor Olaf Scholz and President Emmanuel Macron lasted two hours.",
        "talks",
        ("CONSULT", "Scholz", ""),
    ),
    # a passive "was held" with no agent: the summit's own words name who met
    (
        "The annual summit of the Shanghai Cooperation Organisation was held in Astana.",
        "held",
        ("CONSULT", "Shanghai", ""),
    ),
    # "whose" stands for the head of its relative clause
    (
        "Chancellor Olaf Scholz, whose trip to Warsaw followed a stop in Prague, praised the "
        "Polish government.",
        "trip",
        ("CONSULT", "Scholz", "Warsaw"),
    ),
    (
        "Chancellor Olaf Scholz's visit to Warsaw was announced.",
        "visit",
        ("CONSULT", "Scholz", "Warsaw"),
    ),
    # a medium makes a consultation a phone call
    (
        "Chancellor Olaf Scholz spoke to President Emmanuel Macron over the phone.",
        "spoke",
        ("CONSULT", "Scholz", "Macron"),
    ),
    # convictions and sentences are coded
    (
        "A court in Paris convicted the former mayor and sentenced him to five years.",
        "convicted",
        ("COERCE", "court", "mayor"),
    ),
    # an honour conferred is praise, not talks with the honour
    (
        "King Charles conferred the Order of the Garter on the prime minister.",
        "conferred",
        ("SUPPORT", "Charles", ""),
    ),
]


# the target named only inside the phrase the act governs (events.pointed): written here, all
# but the rioting students failed before the rule they test
POINTED = [
    # an actor modifying a non-actor object of "to"/"against"
    ("Germany agreed to Norwegian mediation in the border dispute.", "agreed", "Norwegian"),
    ("Thousands of students rioted against French labour reforms.", "rioted", "French"),
    ("Palestinian riots against Israeli settlement policies continued.", "riots", "Israeli"),
    # who did the deed an investigation is into
    ("Police launched an inquiry into killings carried out by the militia.", "launched", "militia"),
    # the parties of an event "between" them
    ("Norway offered to host a meeting between Colombia and the FARC.", "host", "Colombia"),
    ("Norway offered to host a meeting between Colombia and the FARC.", "host", "FARC"),
    # the subject's own troops are not what a withdrawal acts on
    ("Syria said it is willing to move its troops from Lebanon.", "willing", "Lebanon"),
    # a name the parse heads on its first hyphen-joined part is kept whole
    ("Police arrested opposition leader Maulana Sami-ul-Haq on Friday.", "arrested", "Sami-ul-Haq"),
]


@pytest.mark.parametrize(("text", "trigger", "target"), POINTED)
def test_target_named_inside_the_governed_phrase(nlp, text, trigger, target):
    events = coded_on(text, trigger, nlp)
    assert target in words(events[0].target), events[0].explanation


# and where the phrase does not point to the target
NOT_POINTED = [
    # soldiers trained by the US are the soldiers: a participle's agent is no target of an actor
    ("The rebels attacked soldiers trained by the United States.", "attacked", "United States"),
    # what talks are about is no party to them
    ("Israel and Lebanon resumed talks on a French proposal.", "talks", "French"),
]


@pytest.mark.parametrize(("text", "trigger", "absent"), NOT_POINTED)
def test_phrase_that_names_no_target(nlp, text, trigger, absent):
    for event in (e for e in code(text, nlp) if trigger in e.trigger):
        assert absent not in words(event.target), event.explanation


@pytest.mark.parametrize(("text", "trigger", "expected"), ROLES)
def test_roles_in_news_constructions(nlp, text, trigger, expected):
    events = [e for e in code(text, nlp) if trigger in e.trigger]
    assert events, f"no event on {trigger!r}: {[e.trigger for e in code(text, nlp)]}"
    event = events[0]
    type_, source, target = expected
    assert event.type == type_, event.explanation
    if source:
        assert source in words(event.source), event.explanation
    else:
        assert not any(w in words(event.source) for w in ("officials", "witnesses", "Police"))
    if target:
        assert target in words(event.target), event.explanation


# a relative clause in the passive describes who underwent the act, never who did it
PASSIVE_RELATIVES = [
    (
        "The suspect, who was arrested by police in Lyon on Monday, appeared in court.",
        "arrested",
        "police",
        "suspect",
    ),
    (
        "The governor, who was detained in a raid on Monday, denied the charges.",
        "detained",
        "",
        "governor",
    ),
    (
        "Chancellor Olaf Scholz, who was awarded the Order of Merit in 2019, met President "
        "Emmanuel Macron.",
        "awarded",
        "",
        "Scholz",
    ),
]


@pytest.mark.parametrize(("text", "trigger", "source", "target"), PASSIVE_RELATIVES)
def test_a_passive_relative_clause_names_the_patient(nlp, text, trigger, source, target):
    (event,) = [e for e in code(text, nlp) if trigger in e.trigger]
    assert words(event.source) == source, event.explanation
    assert target in words(event.target), event.explanation


# a gerund completing a verb about its object: the object does it, and an accusation is a claim
CONTROLLED = [
    ("Ukraine accused Russia of shelling the nuclear plant.", "shelling", "Russia", "reported"),
    ("Prosecutors charged the man with killing two police officers.", "killing", "man", "reported"),
    (
        "Chancellor Olaf Scholz thanked Poland for hosting the summit.",
        "hosting",
        "Poland",
        "asserted",
    ),
    ("Russia retaliated by shelling Kharkiv on Monday.", "shelling", "Russia", "asserted"),
]


@pytest.mark.parametrize(("text", "trigger", "source", "factuality"), CONTROLLED)
def test_the_object_of_accused_of_does_the_act(nlp, text, trigger, source, factuality):
    (event,) = [e for e in code(text, nlp) if trigger in e.trigger]
    assert words(event.source) == source, event.explanation
    assert event.factuality == factuality


def test_the_subject_of_a_trailing_time_clause_is_the_main_subject(nlp):
    """Subjects are the likeliest antecedents: "he" is Scholz, not the nearer Macron, and the
    parser's "a day after" hung on the noun does not hide the clause."""
    text = (
        "Chancellor Olaf Scholz called President Emmanuel Macron on Tuesday, a day after he "
        "discussed Ukraine with Prime Minister Giorgia Meloni."
    )
    (event,) = [e for e in code(text, nlp) if e.trigger == "discussed"]
    assert "Scholz" in words(event.source), event.explanation
    assert "Macron" not in words(event.source), event.explanation
    assert "Meloni" in words(event.target), event.explanation


NOT_EVENTS = [
    ("The minister called the reports smoke screens.", "called"),  # naming, not a phone call
    ("The company hopes to secure the best terms for the merger.", "secure"),  # no election
    ("Kazan held talks with the visiting delegation.", None),  # a city is no actor
    ("Economic collaboration took centre stage at the forum.", "took"),  # no actors: no event
    ("The minister plans to visit.", "plans"),  # a governor is no event of its own
    ("The former president died in hospital on Sunday.", "died"),  # a death is no act
]


@pytest.mark.parametrize(("text", "trigger"), NOT_EVENTS)
def test_what_is_not_an_event_of_its_own(nlp, text, trigger):
    if trigger is None:
        assert not any("Kazan" in words(e.source) for e in code(text, nlp))
    else:
        assert_not_coded(text, trigger, nlp)


PLANS = [
    ("President Ruto invited Chancellor Scholz to visit Nairobi.", "visit", "planned"),
    ("The two governments agreed to hold talks on energy.", "talks", "planned"),
    ("Foreign Minister Baerbock is expected to travel to Beijing next week.", "travel", "planned"),
    ("Germany will continue to engage with all parties.", "engage", "planned"),
    # coordinated verbs share their modal
    ("The two presidents could pick up the phone and call each other.", "call", "hypothetical"),
    # but a coordinated governor lends no plan to a nominal below its partner
    (
        "Chancellor Olaf Scholz called President Emmanuel Macron and briefed him on his visit to "
        "Kyiv.",
        "visit",
        "asserted",
    ),
]


@pytest.mark.parametrize(("text", "trigger", "factuality"), PLANS)
def test_plans_are_coded_as_plans(nlp, text, trigger, factuality):
    events = coded_on(text, trigger, nlp)
    assert events[0].factuality == factuality


# a passive predicate lends no subject: the noun it borrows is what the act was done to
# (ECB+ tuning texts: "the fifth coach to be fired", "who was fired March 2", "before being
# promoted"; MEANTIME: "if Boeing is indicted or convicted" lent the main clause's subject)
PASSIVE_PATIENTS = [
    # sentence, trigger, the patient (a target, never the source)
    (
        "The minister, who was arrested by police on Monday, denied the charges.",
        "arrested",
        "minister",
    ),
    ("Ahmed Khan is the third governor to be arrested this year.", "arrested", "Khan"),
    (
        "Ahmed Khan served two terms in the senate before being arrested in 2019.",
        "arrested",
        "Khan",
    ),
    ("The treaty lapses if Ahmed Khan is indicted or convicted.", "convicted", "Khan"),
]


@pytest.mark.parametrize(("text", "trigger", "patient"), PASSIVE_PATIENTS)
def test_passive_patient_is_never_the_source(nlp, text, trigger, patient):
    events = coded_on(text, trigger, nlp)
    for event in events:
        assert patient not in words(event.source), event.explanation
        assert "treaty" not in words(event.source), event.explanation
    assert any(patient in words(e.target) for e in events), [e.explanation for e in events]


def test_active_conjunct_of_a_passive_is_done_by_its_subject(nlp):
    # "was arrested and fled": the one arrested is who fled, not the arrest's doer
    events = code("Rebel commander Ahmed Khan was arrested and later escaped from jail.", nlp)
    arrested = [e for e in events if "arrested" in e.trigger]
    assert arrested and "Khan" in words(arrested[0].target), [e.explanation for e in events]
    assert not words(arrested[0].source)


# a shared object hangs on the last conjunct only ("shot and killed the judge", "arrested and
# charged two men"): the first verb acts on it too, not on a name inside it
SHARED_OBJECTS = [
    ("Gunmen shot and killed Supreme Court Justice Maria Lopez outside her home.", "shot", "Lopez"),
    (
        "Police arrested and charged opposition leader Maulana Rahman on Friday.",
        "arrested",
        "Rahman",
    ),
]


@pytest.mark.parametrize(("text", "trigger", "target"), SHARED_OBJECTS)
def test_coordinated_verbs_share_their_object(nlp, text, trigger, target):
    events = coded_on(text, trigger, nlp)
    assert target in words(events[0].target), events[0].explanation


# running one's own body is a role, not cooperation (ECB+ tuning texts: "who directs the Fish and
# Wildlife Service", "the third woman to head the Academy", "ruled Turkmenistan for two
# decades"); PETRARCH2's patterns of the same verbs still code ("lead a delegation")
ROLE_VERBS = [
    (
        "Maria Lopez, who directs the National Weather Service, said the storm had weakened.",
        "directs",
    ),
    ("Ahmed Khan became the first woman to head the central bank in its history.", "head"),
    ("The general succeeded Suharto, who ruled Indonesia for three decades.", "ruled"),
]


@pytest.mark.parametrize(("text", "trigger"), ROLE_VERBS)
def test_holding_an_office_is_no_event(nlp, text, trigger):
    assert_not_coded(text, trigger, nlp)


def test_a_delegation_led_is_still_coded(nlp):
    events = code("Foreign Minister Sergei Lavrov will lead the Russian delegation to Geneva.", nlp)
    assert [e for e in events if "lead" in e.trigger], [e.explanation for e in events]


# hosting is diplomatic when a visitor or a meeting is hosted; a programme or a ceremony presented
# is not (ECB+ tuning texts: "hosted the short-lived show", "an Australian hosted the show")
HOSTING = [
    ('Singer Dolly Parton also hosted the short-lived variety show "Dolly" on ABC.', False),
    ("The actor will host the awards ceremony for the first time next year.", False),
    ("India hosted the G20 summit in New Delhi in September.", True),
    ("Prime Minister Narendra Modi hosted President Joe Biden at his residence.", True),
]


@pytest.mark.parametrize(("text", "coded"), HOSTING)
def test_hosting_needs_a_visitor_or_a_meeting(nlp, text, coded):
    events = [e for e in code(text, nlp) if "host" in e.trigger]
    assert bool(events) == coded, [e.explanation for e in code(text, nlp)]


def test_an_irregular_past_is_its_own_verb_not_a_homograph(nlp):
    # "was found guilty" is "find", not "found" (establish), which PETRARCH2 codes as
    # cooperation; "founded" still is "found"
    found = code("The former mayor of Lagos was found guilty of fraud on Tuesday.", nlp)
    assert not [e for e in found if e.trigger == "found"], [e.explanation for e in found]
    parsed = parse_one("The party was founded in 2012 and later found itself in court.", nlp)
    assert "found" in verb_forms(parsed[3])
    assert "found" not in verb_forms(parsed[8]) and "find" in verb_forms(parsed[8])


# a constraint on the object reads a passive's subject, which stands where the object would
# ("X was charged" is "charged X"; "the president was received by Modi" is "Modi received him")
PASSIVE_OBJECTS = [
    ("Opposition leader Ahmed Khan was charged with treason on Monday.", "charged", "COERCE"),
    (
        "The visiting president was received by Prime Minister Narendra Modi at the airport.",
        "received",
        "CONSULT",
    ),
]


@pytest.mark.parametrize(("text", "trigger", "type_"), PASSIVE_OBJECTS)
def test_object_constraints_read_the_passive_subject(nlp, text, trigger, type_):
    events = [e for e in code(text, nlp) if trigger in e.trigger]
    assert events and events[0].type == type_, [e.explanation for e in code(text, nlp)]


# a person fired is dismissed (WordNet fire.v.04), no attack; weapons fired stay FIGHT
FIRING = [
    ("The Chicago Bulls fired head coach Scott Skiles on Tuesday.", False),
    ("Scott Skiles was fired on Tuesday as coach of the Chicago Bulls.", False),
    ("Militants fired rockets at Israeli towns on Sunday.", True),
    ("Soldiers fired on the crowd in the main square.", True),
]


@pytest.mark.parametrize(("text", "attack"), FIRING)
def test_a_person_fired_is_dismissed_not_attacked(nlp, text, attack):
    events = [e for e in code(text, nlp) if "fire" in e.trigger]
    assert bool([e for e in events if e.type == "FIGHT"]) == attack, [e.explanation for e in events]


# "check with" someone is asking them, "check out of" a place is leaving it; "check on" stays an
# inspection (ECB+ tuning topics 1, 5 and 9)
CHECKING = [
    ("The minister then checked with President Ruto to see if he would attend.", "CONSULT"),
    ("Senator Ahmed Khan checked out of the Mayo Clinic on Thursday.", None),
]


@pytest.mark.parametrize(("text", "type_"), CHECKING)
def test_checking_with_and_out_of(nlp, text, type_):
    events = [e for e in code(text, nlp) if "check" in e.trigger]
    assert [e.type for e in events][:1] == ([type_] if type_ else []), [
        e.explanation for e in events
    ]


# who is sent is the sender's envoy; the target is who receives (PropBank send.01: Arg1 the
# entity sent, Arg2 the recipient)
SENDING = [
    ("Washington sent Ambassador Linda Thomas-Greenfield to the meeting.", "sent", ""),
    ("Pakistan sent a senior diplomat, Asim Iftikhar, rather than a minister.", "sent", ""),
    ("Joe Biden sent Xi Jinping a message last week.", "sent", "Xi Jinping"),
    ("Vladimir Putin sent a letter to Narendra Modi on Tuesday.", "sent", "Modi"),
    ("China sent a delegation to North Korea on Monday.", "sent", "North Korea"),
]


@pytest.mark.parametrize(("text", "trigger", "target"), SENDING)
def test_who_is_sent_is_no_target_the_recipient_is(nlp, text, trigger, target):
    (event,) = [e for e in code(text, nlp) if trigger in e.trigger]
    if target:
        assert target in words(event.target), event.explanation
    else:
        assert event.target == [], event.explanation


def test_the_before_a_restricting_clause_is_no_anaphor(nlp):
    """ "the countries that joined" are defined by the clause (a cataphoric "the"), not the two
    countries of the sentence before; "the two countries" still are."""
    before = "Germany and France signed the accord on Monday. "
    praising = before + "The ministers praised the countries that had backed the plan."
    (praised,) = [e for e in code(praising, nlp) if "praised" in e.trigger]
    assert "Germany" not in words(praised.target), praised.explanation
    (agreed,) = [
        e
        for e in code(before + "The two countries also agreed to hold talks.", nlp)
        if e.trigger == "agreed"
    ]
    assert words(agreed.source) == "Germany | France", agreed.explanation


# where an act happened: a place the model did not tag but the gazetteer knows, and the
# place of the occasion an act was done "on the sidelines of"
LOCATIONS = [
    (
        "Chancellor Olaf Scholz briefed Emmanuel Macron on his talks in Kyiv with President "
        "Volodymyr Zelenskyy.",
        "talks",
        "Kyiv",
    ),
    (
        "Chinese President Xi Jinping met Joe Biden on the margins of the APEC summit in San "
        "Francisco.",
        "met",
        "San Francisco",
    ),
    (
        "Prime Minister Narendra Modi met President Volodymyr Zelenskyy on the sidelines of the "
        "G7 summit in Italy in June 2024.",
        "met",
        "Italy",
    ),
]


@pytest.mark.parametrize(("text", "trigger", "place"), LOCATIONS)
def test_where_the_act_happened(nlp, text, trigger, place):
    (event,) = [e for e in code(text, nlp) if e.trigger == trigger]
    assert event.location == place, event.explanation
