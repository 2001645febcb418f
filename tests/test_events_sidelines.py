"""A gathering named as the occasion of an act ("met on the sidelines of the G20 summit") is
placed by that act (``events.sidelines``): it joins its gathering's event when the act is dated
on its days, else the act's event; the act stays its own event."""

from __future__ import annotations

from storyline.events.merge import merge_events
from storyline.models import EventMention
from tests.event_builders import entity
from tests.test_events_gatherings import DOCS, ENTITIES, OSAKA, STORIES, _holding, actor, mention

BUENOS_AIRES = "Merkel and Abe last met in November 2018, on the sidelines of the G20 summit there."
ON_FRIDAY = "Merkel and Abe met on Friday on the sidelines of the G20 summit."


def _met(sentence: str, date: str) -> EventMention:
    people = [actor("Merkel", 0, "PERSON"), actor("Shinzo Abe", 10, "PERSON")]
    return mention("B", sentence, "met", people, mode="meet", date=date)


def _summit(sentence: str) -> EventMention:
    return mention("B", sentence, "summit", [actor("G20", 40, "ORG")])


def test_a_summit_named_as_a_meeting_s_occasion_joins_that_meeting_not_a_later_summit() -> None:
    """An article on the Osaka summit recalls an older meeting "on the sidelines of the G20
    summit there" (briefing tuning 214: Bali 2022 in an article on 2023): the older summit is
    no part of Osaka's; it is where the meeting was held."""
    met, summit = _met(BUENOS_AIRES, "2018-11"), _summit(BUENOS_AIRES)
    events = merge_events([*OSAKA, met, summit], ENTITIES, DOCS, stories=STORIES)
    assert _holding(events, "B:met") == {"B:met", "B:summit"}
    (meeting,) = [e for e in events if "B:met" in {m.id for m in e.mentions}]
    assert "G20" not in {a.name or a.text for a in (*meeting.source, *meeting.target)}
    assert "B:summit" not in _holding(events, "A:attended the G20 summit")


def test_a_summit_named_as_an_act_s_occasion_on_its_days_joins_the_summit() -> None:
    """The meeting on the sidelines is dated on the summit's days: the nominal summit is a report
    of that summit; the bilateral meeting stays its own event."""
    met, summit = _met(ON_FRIDAY, "2019-06-28"), _summit(ON_FRIDAY)
    events = merge_events([*OSAKA, met, summit], ENTITIES, DOCS, stories=STORIES)
    held = _holding(events, "A:attended the G20 summit")
    assert "B:summit" in held and "B:met" not in held
    assert _holding(events, "B:met") == {"B:met"}


def test_a_summit_not_named_as_the_occasion_stays_apart() -> None:
    """ "After the G20 summit" tells when, not where: the summit is no occasion of the act."""
    after = "Merkel and Abe met in November 2018, after the G20 summit there."
    met, summit = _met(after, "2018-11"), _summit(after)
    events = merge_events([*OSAKA, met, summit], ENTITIES, DOCS, stories=STORIES)
    assert _holding(events, "B:met") == {"B:met"}


def test_a_conference_an_act_was_done_at_joins_that_act() -> None:
    """ "Speaking at a security conference in Bahrain" (ECB+ 12_9ecb): "at" names the occasion,
    whoever organised it."""
    at = "Abe, speaking at the IISS security conference in Bahrain, praised the navies."
    praised = mention(
        "B", at, "praised", [actor("Shinzo Abe", 10, "PERSON")], type_="SUPPORT", mode="praise"
    )
    conference = mention("B", at, "conference", [actor("IISS", 40, "ORG")])
    iiss = entity(
        "e:iiss", "International Institute for Strategic Studies", "ORG", [("B", 40, "IISS")]
    )
    events = merge_events([praised, conference], [*ENTITIES, iiss], DOCS, stories=STORIES)
    assert _holding(events, "B:praised") == {"B:praised", "B:conference"}


def test_a_summit_named_beside_two_acts_stays_apart() -> None:
    """Two acts in the sentence: which one the phrase places is not told by the words alone."""
    two = "Merkel and Abe met in November 2018, and Trump praised Macron, on the sidelines of the "
    two += "G20 summit there."
    praised = mention(
        "B", two, "praised", [actor("Trump", 50, "PERSON")], [actor("Macron", 70, "PERSON")],
        type_="SUPPORT", mode="praise", date="2018-11",
    )  # fmt: skip
    events = merge_events(
        [_met(two, "2018-11"), _summit(two), praised], ENTITIES, DOCS, stories=STORIES
    )
    assert _holding(events, "B:summit") == {"B:summit"}
