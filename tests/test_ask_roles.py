"""The asked act's arguments, checked and not only matched as words: phrasal verbs, the roles
of the question's names (doer, undergoer, scene), ordinals, modal sentences and the direction
of an event (``ask.frame``, ``ask.events``, ``ask.score``, ``ask.argument``). Invented names in
general news wording; no sentence of a development set."""

from __future__ import annotations

import pytest

from storyline.ask.acts import Wording, stated, wordings
from storyline.ask.answer import event_roles
from storyline.ask.argument import read_arguments
from storyline.ask.events import Roles, event_fit
from storyline.ask.frame import read_frame
from storyline.ask.index import AskIndex
from storyline.ask.query import parse_question
from storyline.ask.score import _numbers, ordinals
from storyline.models import Actor, Entity, Event
from tests.test_ask_arguments import ENTITIES, _groups, _index, _key, _top, read_asked

PLACES = {"GPE", "LOC", "FAC"}


def _span(question: str, name: str) -> tuple[int, int]:
    return question.find(name), question.find(name) + len(name)


def _filler(question: str, sentence: str) -> str | None:
    """The entity that fills the question's asked role in ``sentence`` (None: none)."""
    _, reading = read_asked(question, sentence)
    return reading.fillers[0].entity_id if reading.fillers else None


@pytest.mark.parametrize(
    ("question", "acts", "roles", "scene"),
    [
        # a light verb with its particle is a phrasal verb: an act of its own
        ("Who took over the chairmanship from Norland?", ("take over",), {}, []),
        ("Who gave up the post in Estavia?", ("give up",), {}, ["Estavia"]),
        # subject and object of the act; the place phrase only sets the scene
        (
            "When did Anna Berg meet Omar Haddad at the summit in Velhaven?",
            ("meet",),
            {"Anna Berg": "agent", "Omar Haddad": "patient"},
            ["Velhaven"],
        ),
        (
            "When did Lena Ortiz visit Estavia?",
            ("visit",),
            {"Lena Ortiz": "agent", "Estavia": "patient"},
            [],
        ),
        # a passive's subject undergoes the act; its by-phrase does it
        (
            "When was Omar Haddad received by Anna Berg?",
            ("receive",),
            {"Omar Haddad": "patient", "Anna Berg": "agent"},
            [],
        ),
        # a name modifying a common noun is no argument ("the Norland chairmanship"): scene
        (
            "When did Estavia take over the Norland chairmanship?",
            ("take over",),
            {"Estavia": "agent"},
            ["Norland"],
        ),
        # a topic sets the scene; a beneficiary ("for …") is a party to the act
        (
            "When did Anna Berg call Omar Haddad about the Norland elections?",
            ("call",),
            {"Anna Berg": "agent", "Omar Haddad": "patient"},
            ["Norland"],
        ),
        (
            "When did Anna Berg arrive in Velhaven for the Norland talks?",
            ("arrive",),
            {"Anna Berg": "agent"},
            ["Velhaven"],
        ),
        # a name that only says which summit is meant sets the scene, under no preposition
        # too; under a party preposition it stays a participant
        (
            "When did Anna Berg call Omar Haddad to say she would skip the Norland summit?",
            (),
            {"Anna Berg": "agent", "Omar Haddad": "patient"},
            ["Norland"],
        ),
        (
            "When did Anna Berg arrive for the Norland talks?",
            ("arrive",),
            {"Anna Berg": "agent"},
            [],
        ),
        # a comitative oblique is a participant, not the scene
        ("When did Anna Berg hold talks with Paul Novak?", (), {"Anna Berg": "agent"}, []),
    ],
)
def test_frame_reads_acts_and_roles(
    question: str, acts: tuple[str, ...], roles: dict[str, str], scene: list[str]
) -> None:
    q = parse_question(question)
    frame = read_frame(q, _groups(question).keys())
    assert frame.acts[: len(acts)] == acts
    assert dict(frame.core_roles) == {_span(question, n): r for n, r in roles.items()}
    assert list(frame.scene) == [_span(question, n) for n in scene]


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        # the doer of the phrasal act
        (
            "Who took over the chairmanship from Norland?",
            "Estavia took over the chairmanship from Norland at the end of the meeting.",
            "Estavia",
        ),
        # the bare verb without its particle is another act: nothing is read
        (
            "Who took over the chairmanship from Norland?",
            "Anna Berg praised the steps taken under the chairmanship of Norland.",
            None,
        ),
    ],
)
def test_phrasal_act_needs_its_particle(question: str, sentence: str, expected: str | None) -> None:
    assert _filler(question, sentence) == (_key(expected) if expected else None)


@pytest.mark.parametrize(
    ("sentence", "place", "unreal"),
    [
        ("The second round of talks was held in Velhaven on Monday.", "Velhaven", False),
        # told as possible or to come: the act has no place yet
        ("Omar Haddad said a second round of talks could be held in Port Ardent.", None, True),
        ("A second round of talks will be held in Port Ardent next year.", None, True),
    ],
)
def test_modal_sentence_gives_no_place(sentence: str, place: str | None, unreal: bool) -> None:
    question = "Where was the second round of talks held?"
    q = parse_question(question)
    frame = read_frame(q, [])
    reading = read_arguments(frame, _top(sentence), _index(sentence), set(), PLACES, [], where=True)
    found = reading.fillers[0].entity_id if reading.fillers else None
    assert found == (_key(place) if place else None)
    assert reading.unreal is unreal


def test_a_modal_question_reads_modal_sentences() -> None:
    question = "Who would represent Norland at the talks?"
    sentence = "Norland would be represented at the talks by Omar Haddad."
    frame, reading = read_asked(question, sentence)
    assert frame.modal
    assert reading.fillers and reading.fillers[0].entity_id == _key("Omar Haddad")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Where was the second peace conference held?", (("second", "conference"),)),
        ("When did the 3rd round of talks begin?", (("3rd", "round"),)),
        ("Where was the peace conference held?", ()),
        ("When did Anna Berg first visit Estavia?", ()),  # an adverb numbers no noun
    ],
)
def test_ordinals_of_a_question(question: str, expected: tuple[tuple[str, str], ...]) -> None:
    assert ordinals(question) == expected


@pytest.mark.parametrize(
    ("sentence", "held"),
    [
        ("Officials said a second conference could follow in the autumn.", True),
        ("The second peace conference opened on Monday.", True),
        ("The conference opened on Monday, the second day of the visit.", False),
        ("Veterans of the Second World War attended the peace conference.", False),
    ],
)
def test_ordinal_numbers_the_same_noun(sentence: str, held: bool) -> None:
    assert _numbers(sentence, "second", "conference") is held


def _event(source: list[str], target: list[str], location: str | None = None) -> Event:
    return Event(
        id="ev",
        type="CONSULT",
        mode="visit",
        label="visit",
        source=[Actor(text=n, entity_id=_key(n)) for n in source],
        target=[Actor(text=n, entity_id=_key(n)) for n in target],
        location=location,
        documents=["d"],
    )


def _event_index() -> AskIndex:
    entities = {
        _key(n): Entity(id=_key(n), name=n, type=t)  # type: ignore[arg-type]
        for n, t in ENTITIES.items()
    }
    index = AskIndex(entities=entities, events=[], quality={}, n_sentences=1)
    index.aliases = {n.lower(): {_key(n)} for n in ENTITIES}
    index.in_documents = {_key(n): {"d"} for n in ENTITIES}
    return index


@pytest.mark.parametrize(
    ("question", "event", "fits"),
    [
        # the asked visitor is the event's visitor
        ("When did Lena Ortiz visit Estavia?", _event(["Lena Ortiz"], ["Estavia"]), True),
        # the other way round: the host's leader met the asked name, who visited nothing
        (
            "When did Lena Ortiz visit Estavia?",
            _event(["Estavia", "Anna Berg"], ["Lena Ortiz"]),
            False,
        ),
        # a reciprocal act may be coded from either side
        ("When did Lena Ortiz meet Anna Berg?", _event(["Anna Berg"], ["Lena Ortiz"]), True),
        # a joint act codes both as its doers
        ("When did Anna Berg call Omar Haddad?", _event(["Anna Berg", "Omar Haddad"], []), True),
        # ... but a joint act held elsewhere was not done to the asked place
        (
            "When did Lena Ortiz visit Estavia?",
            _event(["Lena Ortiz", "Estavia"], [], location="Velhaven"),
            False,
        ),
        (
            "When did Lena Ortiz visit Estavia?",
            _event(["Lena Ortiz", "Estavia"], [], location="Estavia"),
            True,
        ),
        # a scene name that a report names fits; a scene place other than the event's does not
        (
            "When did Anna Berg meet Omar Haddad in Velhaven?",
            _event(["Anna Berg", "Omar Haddad"], []),
            True,
        ),
        (
            "When did Anna Berg meet Omar Haddad in Velhaven?",
            _event(["Anna Berg", "Omar Haddad"], [], location="Port Ardent"),
            False,
        ),
    ],
)
def test_event_holds_the_asked_roles(question: str, event: Event, fits: bool) -> None:
    q = parse_question(question)
    groups = _groups(question)
    frame = read_frame(q, groups.keys())
    types = {"visit": {("CONSULT", "visit")}}  # the act is one the event lexicon codes
    roles = event_roles(frame, groups, True)
    assert (event_fit(event, groups, types, _event_index(), roles) is not None) is fits


SUMMIT_QUESTION = "When did Anna Berg meet Omar Haddad at the Council of Ports summit in Velhaven?"


@pytest.mark.parametrize(
    ("told_in", "fits"),
    [
        # one report seldom names every setting: one named setting ties the event
        ({"Council of Ports": {"d"}, "Velhaven": {"other"}}, True),
        ({"Council of Ports": {"other"}, "Velhaven": {"d"}}, True),
        # a setting no report of the event names leaves it unrelated
        ({"Council of Ports": {"other"}, "Velhaven": {"other"}}, False),
    ],
)
def test_one_named_setting_ties_the_event(told_in: dict[str, set[str]], fits: bool) -> None:
    groups = _groups(SUMMIT_QUESTION)
    frame = read_frame(parse_question(SUMMIT_QUESTION), groups.keys())
    index = _event_index()
    for name, docs in told_in.items():
        index.in_documents[_key(name)] = docs
    event = _event(["Anna Berg", "Omar Haddad"], [])
    types = {"meet": {("CONSULT", "meet")}}
    roles = event_roles(frame, groups, True)
    assert (event_fit(event, groups, types, index, roles) is not None) is fits


@pytest.mark.parametrize(("mode", "fits"), [("meet", True), ("phone", False), (None, True)])
def test_a_setting_noun_does_not_widen_the_act(mode: str | None, fits: bool) -> None:
    """ "meet … at the summit": the summit (any consultation) must not let a phone call in."""
    groups = _groups(SUMMIT_QUESTION)
    frame = read_frame(parse_question(SUMMIT_QUESTION), groups.keys())
    event = _event(["Anna Berg", "Omar Haddad"], []).model_copy(update={"mode": mode})
    types = {"meet": {("CONSULT", "meet")}, "summit": {("CONSULT", None)}}
    roles = event_roles(frame, groups, True)
    assert (event_fit(event, groups, types, _event_index(), roles) is not None) is fits


def test_no_roles_without_arguments() -> None:
    """A question whose parse finds no argument of the act keeps every name required."""
    frame = read_frame(parse_question("What happened?"), [])
    assert event_roles(frame, {}, True) == Roles()


@pytest.mark.parametrize(
    ("act", "same", "converse"),
    [
        ("take over", {"assume"}, {"hand over", "cede"}),
        ("sell", set(), {"buy", "purchase"}),
        ("visit", set(), set()),
    ],
)
def test_wordings_of_an_act(act: str, same: set[str], converse: set[str]) -> None:
    found = wordings(act)
    assert found[0] == Wording(act, False)
    assert same <= {w.act for w in found if not w.converse}
    assert converse <= {w.act for w in found if w.converse}
    if not converse:
        assert not any(w.converse for w in found)


@pytest.mark.parametrize(
    ("sentence", "act", "told"),
    [
        ("Estavia took over the chairmanship in May.", "take over", True),
        ("Estavia took the chairmanship over in May.", "take over", True),
        ("Steps taken under the chairmanship of Norland.", "take over", False),
        ("Estavia assumed the chairmanship in May.", "assume", True),
        ("Norland handed the gavel to Estavia.", "hand over", False),
    ],
)
def test_stated_needs_the_particle(sentence: str, act: str, told: bool) -> None:
    assert stated(sentence, act) is told


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        # a synonym keeps the roles
        (
            "Who took over the chairmanship from Norland?",
            "Estavia assumed the chairmanship on Monday.",
            "Estavia",
        ),
        # a converse swaps them: the getter is the give verb's to-object
        (
            "Who took over the chairmanship from Norland?",
            "Norland handed over the chairmanship to Estavia on Monday.",
            "Estavia",
        ),
        # and the giver is the get verb's from-object
        (
            "Who sold the frigates to Norland?",
            "Norland bought the frigates from Velhaven last year.",
            "Velhaven",
        ),
        # told only as to come, the converse fills nothing
        (
            "Who took over the chairmanship from Norland?",
            "Norland will hand over the chairmanship to Estavia on Monday.",
            None,
        ),
    ],
)
def test_other_wordings_fill_the_asked_role(
    question: str, sentence: str, expected: str | None
) -> None:
    assert _filler(question, sentence) == (_key(expected) if expected else None)


@pytest.mark.parametrize(
    ("mode", "word", "told"),
    [
        ("phone", "called", True),  # the very kind of event the word names
        (None, "called", False),  # a consultation of no known kind: hosting? briefing?
        ("visit", "hosted", False),  # another kind of the same broad type
    ],
)
def test_an_act_is_told_by_its_own_kind_of_event(mode: str | None, word: str, told: bool) -> None:
    from storyline.ask.events import EventMatch
    from storyline.ask.query import Token
    from storyline.ask.score import _told

    event = _event(["Anna Berg"], ["Omar Haddad"])
    event = event.model_copy(update={"mode": mode})
    types = {"called": {("CONSULT", "phone")}, "hosted": {("CONSULT", "host")}}
    act = Token(word, 0, len(word))
    assert _told(act, {"talk"}, types, [EventMatch(event, [], 1.0)]) is told
    assert _told(act, {word[:-2] if word.endswith("ed") else word}, types, []) is True


def test_where_answers_the_narrowest_place() -> None:
    """One report puts the talks in a country, another at a town in it: the town answers."""
    from storyline.ask.people import where
    from storyline.store import SentenceHit
    from tests.test_ask_arguments import Scored

    first = "The peace talks in Norland ended on Monday."
    second = "The peace talks at Port Ardent in Norland ended with a joint statement."
    index = _index(first)
    index.mentions_at[("e", 0)] = [(second.find(n), _key(n)) for n in ENTITIES if n in second]
    top = [
        Scored(SentenceHit("d", 0, 0, len(first), first, 1.0), 1.0, 1.0, 1.0, 1.0, [], True, []),
        Scored(SentenceHit("e", 0, 0, len(second), second, 1.0), 0.9, 1.0, 1.0, 1.0, [], True, []),
    ]
    question = "Where were the peace talks held?"
    q = parse_question(question)
    frame = read_frame(q, [])
    value = where(q, frame, {}, [], top, set(), index)
    assert value is not None and value.value == _key("Port Ardent")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Anna Berg travelled to Velhaven from Estavia on Monday.", "Estavia"),
        # the act's place or destination is not where it started
        ("Anna Berg arrived in Velhaven on Monday, Estavia said.", None),
    ],
)
def test_where_from_asks_for_the_source(sentence: str, expected: str | None) -> None:
    from storyline.ask.people import where

    question = "Where did Anna Berg travel to Velhaven from?"
    q = parse_question(question)
    groups = _groups(question)
    named = {i for ids in groups.values() for i in ids}
    frame = read_frame(q, groups.keys())
    value = where(q, frame, groups, [], _top(sentence), named, _index(sentence))
    assert (value.value if value else None) == (_key(expected) if expected else None)
