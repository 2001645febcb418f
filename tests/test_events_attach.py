"""One real event, one event (issue 15): mentions that name no one, two days one article tells
apart, a visit and the meeting it was for, and what an undated report may put on the timeline.
General cases written here, not copies of gold sentences."""

from __future__ import annotations

import pytest

from storyline.events.merge import merge_events
from storyline.events.timeline import build_timeline
from storyline.models import Actor, EventMention
from tests.test_events_merge import DOCS, ENTITIES, mention, provenance


def anonymous(
    mention_id: str,
    doc_id: str,
    type_: str = "CONSULT",
    date: str | None = "2024-03-20",
    start: int = 60,
    words: str = "the two leaders",
) -> EventMention:
    """ "The two leaders also exchanged views": a bare phrase, resolved to no one."""
    return EventMention(
        id=mention_id, type=type_, mode=None, trigger="exchanged views",
        source=[Actor(text=words, start=start, end=start + len(words), rule="phrase")],
        date=date, date_basis="timex" if date else "none", factuality="asserted",
        rule="test", provenance=provenance(doc_id, start),
    )  # fmt: skip


ANONYMOUS = [
    # (why, the anonymous mention, the events expected: mentions per event)
    ("joins the call its article tells, the same day", anonymous("A:2", "A"), [2]),
    ("undated, joins the one call of its article", anonymous("A:2", "A", date=None), [2]),
    ("an act at the call joins it", anonymous("A:2", "A", type_="AGREE"), [2]),
    ("another article's leaders are not these", anonymous("C:2", "C"), [1, 1]),
    ("another day is another occasion", anonymous("A:2", "A", date="2024-05-02"), [1, 1]),
    ("another kind of act is no part of a call", anonymous("A:2", "A", type_="FIGHT"), [1, 1]),
]


@pytest.mark.parametrize(("why", "extra", "sizes"), ANONYMOUS)
def test_a_mention_naming_no_one_joins_the_one_event_of_its_article(why, extra, sizes):
    events = merge_events([mention("A:1", "A"), extra], ENTITIES, DOCS)
    assert sorted(len(e.mentions) for e in events) == sizes, why
    call = next(e for e in events if any(m.id == "A:1" for m in e.mentions))
    assert call.label == "Narendra Modi held a phone call with Vladimir Putin"  # no "leaders"


def _material(mention_id: str, rule: str, date: str | None, words: str = "") -> EventMention:
    """An ASSAULT of article A: Modi's (named) when ``words`` is empty, else a described doer's."""
    if words:
        base = anonymous(mention_id, "A", type_="ASSAULT", date=date, start=200, words=words)
    else:
        base = mention(mention_id, "A", type_="ASSAULT", mode=None, date=date)
    return base.model_copy(update={"rule": rule, "trigger": rule.split(":")[-1]})


MATERIAL = [
    # (why, the described act, the events expected: mentions per event)
    ("another verb, undated: another act of the article (\"held them hostage\" / \"injured\")",
     _material("A:2", "V:hold+hostage", None, "a convicted sex offender"), [1, 1]),
    ("another verb, another day: another act", _material("A:2", "V:bomb", "2024-03-01", "a man"),
     [1, 1]),
    ("the same verb: a retelling (\"sentenced the man\" / \"sentenced Nichols\")",
     _material("A:2", "V:injure", None, "a convicted sex offender"), [2]),
    ("the same stated day: the delayed identification (\"captured Monday\" / \"caught\")",
     _material("A:2", "V:capture", "2024-03-20", "a convicted sex offender"), [2]),
    ("coordinated with it: \"killed a soldier and wounded two others\" (PLOVER: one event)",
     _material("A:2", "V:wound", None, "two others").model_copy(update={"cotemporal": ["A:1"]}),
     [2]),
]  # fmt: skip


@pytest.mark.parametrize(("why", "described", "sizes"), MATERIAL)
def test_a_material_act_naming_no_one_joins_its_articles_act_only_in_its_word_or_day(
    why, described, sizes
):
    """An article tells several acts of one material kind, naming the parties of one: a
    described act is that one only told in the same word or on the same stated day."""
    named = _material("A:1", "V:injure", "2024-03-20")
    if described.date is None:
        named = named.model_copy(update={"date": None, "date_basis": "none"})
    events = merge_events([named, described], ENTITIES, DOCS)
    assert sorted(len(e.mentions) for e in events) == sizes, why


def test_a_mention_naming_no_one_joins_neither_of_two_candidates():
    call = mention("A:1", "A")
    meeting = mention("A:3", "A", mode="meet", date="2024-04-02", start=100)
    later = anonymous("A:2", "A", date=None, start=250)  # another paragraph than both
    events = merge_events([call, meeting, later], ENTITIES, DOCS)
    assert sorted(len(e.mentions) for e in events) == [1, 1, 1]


def test_bare_phrases_of_two_articles_never_merge_on_their_words():
    events = merge_events([anonymous("A:2", "A"), anonymous("B:2", "B")], ENTITIES, DOCS)
    assert len(events) == 2


def test_two_days_one_article_tells_apart_stay_two_events_within_the_story_window():
    talks = mention("A:1", "A", mode=None, date="2024-08-22")
    next_day = mention("A:2", "A", mode=None, date="2024-08-23", start=250)
    stories = {"A": "s", "B": "s"}
    assert len(merge_events([talks, next_day], ENTITIES, DOCS, stories=stories)) == 2
    # two articles a day apart (a time zone, a next-morning copy) still tell one event
    other = mention("B:1", "B", mode=None, date="2024-08-23")
    assert len(merge_events([talks, other], ENTITIES, DOCS, stories=stories)) == 1


def test_a_visit_to_the_country_of_the_leader_met_joins_the_meeting():
    def affiliation(entity):
        return {"e:modi": ("India", "GOV"), "e:putin": ("Russia", "GOV")}.get(
            entity.id, (None, None)
        )

    meeting = mention("A:1", "A", mode="meet", date="2024-07-09")
    visit = mention("A:2", "A", mode="visit", target=None, date=None, start=250)
    russia = Actor(text="Russia", name="Russia", start=300, end=306, rule="name", label="GPE")
    visit.target.append(russia)
    (event,) = merge_events([meeting, visit], ENTITIES, DOCS, affiliation=affiliation)
    assert event.date == "2024-07-09"
    # a meeting held elsewhere months before is another occasion: the visit stays apart
    bali = mention("A:3", "A", mode="meet", date="2023-11", start=350)
    bali = bali.model_copy(update={"location": "Bali"})
    events = merge_events([meeting, visit, bali], ENTITIES, DOCS, affiliation=affiliation)
    assert any(len(e.mentions) == 2 for e in events)


def test_one_type_without_mode_joins_undated_only_within_its_article():
    dated = mention("A:1", "A", type_="REJECT", mode=None, target=None)
    undated = mention("A:2", "A", type_="REJECT", mode=None, target=None, date=None, start=250)
    assert len(merge_events([dated, undated], ENTITIES, DOCS)) == 1
    elsewhere = mention("B:2", "B", type_="REJECT", mode=None, target=None, date=None)
    stories = {"A": "s", "B": "s"}
    assert len(merge_events([dated, elsewhere], ENTITIES, DOCS, stories=stories)) == 2


def test_an_undated_event_of_dated_articles_stays_off_the_timeline():
    undated = merge_events([mention("A:1", "A", date=None)], ENTITIES, DOCS)
    assert build_timeline(undated)  # nothing said about the documents: shown, as before
    assert not build_timeline(undated, dated_documents={"A"})
    assert build_timeline(undated, dated_documents={"B"})  # an undated page: shown as undated
    dated = merge_events([mention("A:1", "A")], ENTITIES, DOCS)
    assert build_timeline(dated, dated_documents={"A"})


# sentence, trigger, (role, a word that must name an actor of it, a word that must not, location)
VENUES_AND_OWNERS = [
    # a place naming a meeting is where it was held, not who met
    (
        "The Geneva meeting between Iran and the United States ended without a deal.",
        "meeting",
        ("source", "Iran", "Geneva", "Geneva"),
    ),
    (
        "The Helsinki summit between Donald Trump and Vladimir Putin lasted four hours.",
        "summit",
        ("source", "Trump", "Helsinki", "Helsinki"),
    ),
    ("Putin and Biden held the Geneva summit in June.", "summit", ("target", "", "Geneva", None)),
    # a country naming talks takes part in them
    ("The Iran talks resumed in Vienna on Monday.", "talks", ("source", "Iran", "Vienna", None)),
    # who is acted on is the owner of the thing named first
    (
        "Government troops shelled positions of the rebel militia near the border.",
        "shelled",
        ("target", "militia", "positions", None),
    ),
]


@pytest.mark.parametrize(("text", "trigger", "expected"), VENUES_AND_OWNERS)
def test_venues_are_no_participants_and_targets_are_owners(nlp, text, trigger, expected):
    from tests.test_events import coded_on, words

    events = coded_on(text, trigger, nlp)
    role, named, not_named, location = expected
    event = events[0]
    actors = words(event.source if role == "source" else event.target)
    assert not_named not in actors, event.explanation
    if named:
        assert named in actors, event.explanation
    if location:
        assert event.location and location in event.location, event.explanation


def test_a_name_inside_a_monument_is_not_one_of_the_two_sides(nlp):
    from tests.test_events import code, words

    text = (
        "In Kyiv, he held talks with President Volodymyr Zelensky and laid flowers at a statue "
        "of Mahatma Gandhi. The two sides signed four agreements."
    )
    (signed,) = [e for e in code(text, nlp) if "signed" in e.trigger]
    assert "Gandhi" not in words(signed.source), signed.explanation
