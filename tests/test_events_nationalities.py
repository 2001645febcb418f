"""A nationality word standing for a party is its country (``events.nationalities``): reports
of one act that name a party "Indian" and "the Indian Navy", or "Somali" and "Somalian", are
one event; a nationality never stands for a person of its country."""

from __future__ import annotations

import pytest

from storyline.entities.actor_affiliation import affiliation, nationality_country
from storyline.events.attach import inherit_dates
from storyline.events.grouping import Group, ParagraphIndex, blocking_keys, unit
from storyline.events.merge import merge_events
from storyline.events.nationalities import party_key, shared_parties, stood_for
from storyline.models import Actor, Entity, EventMention
from tests.event_builders import document, entity, mention, named

DOCS = [document(d) for d in "ABC"]
ONE_STORY = {"A": "s1", "B": "s1", "C": "s1"}
CAPTURE = "petrarch:V:capture"
MEET = "petrarch:V:meet"


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Indian", "India"),
        ("Somali", "Somalia"),
        ("Somalian", "Somalia"),  # PETRARCH2's SOMALIA lists SOMALIAN; the demonyms do not
        ("Somalians", "Somalia"),
        ("Mogadishu", None),  # a city the dictionary lists under its country is no nationality
        ("Muslim", None),
    ],
)
def test_the_country_a_nationality_word_names(word: str, country: str | None) -> None:
    assert nationality_country(word) == country


def test_a_nationality_is_one_key_per_country_and_stands_for_state_bodies_only() -> None:
    somali = Actor(text="Somali", name="Somali", label="NORP", entity_id="e:1", rule="name")
    somalian = Actor(text="Somalian", name="Somalian", label="NORP", entity_id="e:2", rule="name")
    assert party_key(somali) == party_key(somalian) == "nation:Somalia"
    navy = Actor(text="Indian Navy", name="Indian Navy", label="ORG", country="India", sector="MIL")
    league = Actor(text="Indian Premier League", name="Indian Premier League", label="ORG",
                   country="India")  # fmt: skip
    india = Actor(text="India", name="India", label="GPE", country="India")
    lavrov = Actor(text="Lavrov", name="Sergey Lavrov", label="PERSON", country="Russia")
    assert [stood_for(a) for a in (navy, india, league, lavrov)] == ["India", "India", None, None]


def _capture(doc: str, doer: str, doer_at: int, victim: str, victim_at: int) -> EventMention:
    return mention(
        doc, f"The {doer} captured {victim} pirates on Saturday.", CAPTURE,
        [named(doer, doer_at)], [named(victim, victim_at)], type_="COERCE", date="2008-12-13",
    )  # fmt: skip


def test_reports_naming_a_party_by_its_nationality_are_one_event() -> None:
    """ "The Indian navy" (read as the NORP "Indian") beside "the Indian Navy", "Somali" beside
    "Somalian" pirates: one capture on one day, as PLOVER codes "Israeli tanks" as ISR."""
    entities = [
        entity("e:indian", "Indian", "NORP", [("A", 4, "Indian")]),
        entity("e:navy", "Indian Navy", "ORG", [("B", 4, "Indian Navy")]),
        entity("e:somali", "Somali", "NORP", [("A", 24, "Somali")]),
        entity("e:somalian", "Somalian", "NORP", [("B", 30, "Somalian")]),
    ]
    reports = [
        _capture("A", "Indian", 4, "Somali", 24),
        _capture("B", "Indian Navy", 4, "Somalian", 30),
    ]
    (event,) = merge_events(reports, entities, DOCS, affiliation, stories=ONE_STORY)
    assert event.documents == ["A", "B"]
    assert {a.text for a in event.source} <= {"Indian", "Indian Navy"}  # words as written


def test_a_nationality_is_its_country_never_its_people() -> None:
    """ "Russian" meets "Russia", never Sergey Lavrov (a variant that let a nationality stand
    for its people joined Lavrov's visit to Modi's meeting in the India-World pile)."""
    entities = [
        entity("e:modi", "Narendra Modi", "PERSON", [(d, 40, "Modi") for d in "ABC"]),
        entity("e:russian", "Russian", "NORP", [("A", 4, "Russian")]),
        entity("e:russia", "Russia", "GPE", [("B", 4, "Russia")]),
        entity("e:lavrov", "Sergey Lavrov", "PERSON", [("C", 4, "Sergey Lavrov")]),
    ]

    def met(doc: str, party: str) -> EventMention:
        return mention(
            doc, f"The {party} delegation met Modi on Monday.", MEET, [named(party, 4)],
            [named("Modi", 40)], type_="CONSULT", mode="meet", date="2024-07-08",
        )  # fmt: skip

    def parties(found: Entity) -> tuple[str | None, str | None]:
        """People without a country here: the two countries alone join reports (``joinable``)."""
        return (None, None) if found.type == "PERSON" else affiliation(found)

    country = merge_events([met("A", "Russian"), met("B", "Russia")], entities, DOCS, parties,
                           stories=ONE_STORY)  # fmt: skip
    assert [e.documents for e in country] == [["A", "B"]]
    person = merge_events([met("A", "Russian"), met("C", "Sergey Lavrov")], entities, DOCS,
                          parties, stories=ONE_STORY)  # fmt: skip
    assert len(person) == 2


def test_a_nationality_blocks_with_its_country() -> None:
    """The blocks (and so ``events.parts``) hold a nationality where they hold its country,
    also for a spelling only PETRARCH2 knows ("Somalian")."""
    paragraphs = ParagraphIndex(DOCS)
    somalian = Actor(text="Somalian", name="Somalian", label="NORP", entity_id="e:2", rule="name")
    somalia = Actor(text="Somalia", name="Somalia", label="GPE", country="Somalia",
                    entity_id="e:3", rule="name")  # fmt: skip

    def keys(doc: str, party: Actor) -> set[tuple[str, ...]]:
        report = mention(doc, "Pirates attacked ships on Saturday.", CAPTURE, [party], [],
                         type_="ASSAULT", date="2008-12-13")  # fmt: skip
        return blocking_keys(unit(0, report, paragraphs, {}))

    assert ("ASSAULT", "country:Somalia", "month", "2008-12") in keys("A", somalian)
    assert keys("A", somalian) & keys("B", somalia)


def test_an_undated_nationality_report_takes_the_date_of_its_country_told_alongside() -> None:
    """``attach.inherit_dates``: "Indian officials condemned the attack" told in the paragraph
    of "India condemned the attack on Saturday" shares its party, so it takes that date."""
    india = Actor(text="India", name="India", label="GPE", country="India", entity_id="e:india",
                  rule="name")  # fmt: skip
    indian = Actor(text="Indian", name="Indian", label="NORP", country="India",
                   entity_id="e:indian", rule="name")  # fmt: skip
    reports = [
        mention("A", "India condemned the attack on Saturday.", "petrarch:V:condemn", [india], [],
                type_="DISAPPROVE", date="2008-12-13"),
        mention("A", "Indian officials condemned the attack.", "petrarch:V:condemn", [indian], [],
                type_="DISAPPROVE"),
    ]  # fmt: skip
    paragraphs = ParagraphIndex(DOCS)
    groups = [unit(i, m, paragraphs, {}) for i, m in enumerate(reports)]
    inherit_dates(groups, reports)
    assert groups[1].dates == {"2008-12-13"}


def test_a_report_naming_a_body_keeps_its_nationality_to_that_body() -> None:
    """ "The Indian Navy … Indian sailors": the report has said which body it means, so its
    nationality does not stand for the Indian Army of another report; alone, it would."""
    navy = Actor(text="Indian Navy", name="Indian Navy", label="ORG", country="India",
                 sector="MIL", entity_id="e:navy", rule="name")  # fmt: skip
    army = Actor(text="Indian Army", name="Indian Army", label="ORG", country="India",
                 sector="MIL", entity_id="e:army", rule="name")  # fmt: skip
    indian = Actor(text="Indian", name="Indian", label="NORP", country="India",
                   entity_id="e:indian", rule="name")  # fmt: skip
    paragraphs = ParagraphIndex(DOCS)

    def group(doc: str, *parties: Actor) -> Group:
        report = mention(doc, "The navy rescued the crew on Saturday.", CAPTURE, list(parties),
                         [], type_="AID", date="2008-12-13")  # fmt: skip
        return unit(0, report, paragraphs, {})

    assert shared_parties(group("A", indian), group("B", army)) == {"nation:India"}
    assert not shared_parties(group("A", navy, indian), group("B", army))
    assert not shared_parties(group("B", army), group("A", navy, indian))
