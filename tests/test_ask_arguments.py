"""The answer span of who/where questions is the argument of the asked act in the sentence
(``ask.argument``), never another entity of the right type: hard cases written as general
news sentences (passives, relative clauses, control verbs, support verbs, obliques)."""

from __future__ import annotations

import pytest

from storyline.ask.argument import Reading, act_told, read_arguments
from storyline.ask.frame import Frame, read_frame
from storyline.ask.index import AskIndex
from storyline.ask.query import parse_question
from storyline.ask.score import Scored
from storyline.models import Entity
from storyline.store import SentenceHit

ENTITIES = {
    "Anna Berg": "PERSON",
    "Omar Haddad": "PERSON",
    "Lena Ortiz": "PERSON",
    "Paul Novak": "PERSON",
    "Norland": "GPE",
    "Estavia": "GPE",
    "Velhaven": "GPE",
    "Port Ardent": "GPE",
    "Council of Ports": "ORG",
}


def _key(name: str) -> str:
    return name.lower().replace(" ", "-")


def _index(sentence: str) -> AskIndex:
    entities = {
        _key(n): Entity(id=_key(n), name=n, type=t)  # type: ignore[arg-type]
        for n, t in ENTITIES.items()
    }
    index = AskIndex(entities=entities, events=[], quality={}, n_sentences=1)
    index.mentions_at[("d", 0)] = [(sentence.find(n), _key(n)) for n in ENTITIES if n in sentence]
    index.alias_keys = {_key(n): {n.lower(), n.split()[-1].lower()} for n in ENTITIES}
    return index


def _groups(question: str) -> dict[tuple[int, int], set[str]]:
    return {
        (question.find(n), question.find(n) + len(n)): {_key(n)} for n in ENTITIES if n in question
    }


def _top(sentence: str) -> list[Scored]:
    hit = SentenceHit(doc_id="d", index=0, start=0, end=len(sentence), text=sentence, score=1.0)
    return [Scored(hit, 1.0, 1.0, 1.0, 1.0, [], True, [])]


WHO = {"PERSON", "ORG", "GPE"}


def read_asked(question: str, sentence: str) -> tuple[Frame, Reading]:
    """The question's frame and what ``sentence`` fills of it (people and bodies asked)."""
    q = parse_question(question)
    groups = _groups(question)
    named = {i for ids in groups.values() for i in ids}
    frame = read_frame(q, groups.keys())
    core = [groups[s] for s in frame.core if s in groups]
    return frame, read_arguments(frame, _top(sentence), _index(sentence), named, WHO, core)


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        # the by-phrase of a passive is the doer, not the subject of the reporting clause
        (
            "Who would represent Norland at the talks?",
            "Anna Berg said Norland would be represented at the talks by Omar Haddad.",
            "Omar Haddad",
        ),
        # the object of a control verb is the invitee, not the country it is invited to
        (
            "Who did Anna Berg invite to visit Estavia?",
            "Anna Berg invited Lena Ortiz to visit Estavia.",
            "Lena Ortiz",
        ),
        # an active subject, with a title in front
        (
            "Who hosted the talks?",
            "Foreign Minister Paul Novak hosted the talks while Omar Haddad looked on.",
            "Paul Novak",
        ),
        # a country acting through its government is a doer
        (
            "Who hosted the conference?",
            "The conference, hosted by Velhaven and attended by Anna Berg, ended on Friday.",
            "Velhaven",
        ),
        # the object of the asked preposition
        (
            "Who did Anna Berg speak with?",
            "Anna Berg, who arrived from Estavia, spoke with Omar Haddad on Monday.",
            "Omar Haddad",
        ),
    ],
)
def test_who_reads_the_asked_argument(question: str, sentence: str, expected: str) -> None:
    frame, reading = read_asked(question, sentence)
    assert reading.fillers, frame
    assert reading.fillers[0].entity_id == _key(expected)


def test_act_of_someone_else_answers_nothing() -> None:
    """ "Who represented Estavia?" is not answered by whoever represented Norland."""
    question = "Who represented Estavia at the talks?"
    sentence = "Norland, which was represented by Omar Haddad, attended the talks; Estavia did not."
    _, reading = read_asked(question, sentence)
    assert not reading.fillers
    assert reading.act_seen


@pytest.mark.parametrize(
    ("question", "sentence", "told"),
    [
        (
            "When did Lena Ortiz visit Velhaven?",
            "Anna Berg's visit to Estavia on May 3 was brief.",
            False,
        ),
        (
            "When did Anna Berg visit Estavia?",
            "Anna Berg's visit to Estavia on May 3 was brief.",
            True,
        ),
        # a support verb carries the doer of a noun act
        (
            "When did Anna Berg call Omar Haddad?",
            "Anna Berg and Omar Haddad held a call on May 3.",
            True,
        ),
        # the sentence never states the act in words: nothing to judge
        ("When did Anna Berg visit Estavia?", "Anna Berg arrived in Estavia on May 3.", None),
    ],
)
def test_when_needs_the_act_of_the_asked_names(
    question: str, sentence: str, told: bool | None
) -> None:
    q = parse_question(question)
    groups = _groups(question)
    frame = read_frame(q, groups.keys())
    core = [groups[s] for s in frame.core if s in groups]
    assert act_told(frame, _top(sentence), _index(sentence), core) is told


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        (
            "Where did Anna Berg meet Omar Haddad?",
            "Anna Berg met Omar Haddad in Port Ardent on Monday.",
            "Port Ardent",
        ),
        # a support verb's place ("engaged in a meeting … in Velhaven")
        (
            "Where did Anna Berg meet Omar Haddad?",
            "Anna Berg engaged in a long meeting with Omar Haddad in Velhaven on Monday.",
            "Velhaven",
        ),
    ],
)
def test_where_reads_the_acts_place(question: str, sentence: str, expected: str) -> None:
    q = parse_question(question)
    groups = _groups(question)
    named = {i for ids in groups.values() for i in ids}
    frame = read_frame(q, groups.keys())
    core = [groups[s] for s in frame.core if s in groups]
    places = {"GPE", "LOC", "FAC"}
    reading = read_arguments(
        frame, _top(sentence), _index(sentence), named, places, core, where=True
    )
    assert reading.fillers
    assert reading.fillers[0].entity_id == _key(expected)


@pytest.mark.parametrize(
    ("question", "kind", "dropped"),
    [
        ("How long did the talks last?", "how_long", {"long", "last"}),
        ("How long did Anna Berg spend in Estavia?", "how_long", {"long", "spend"}),
        ("How much did the bridge cost?", "how_much", {"cost"}),
    ],
)
def test_dimension_words_are_not_searched(question: str, kind: str, dropped: set[str]) -> None:
    q = parse_question(question)
    assert q.kind == kind
    assert not dropped & {t.text.lower() for t in q.terms}
