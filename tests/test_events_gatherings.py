"""Reports of one multilateral gathering join as one event whoever each names
(``events.gatherings``): what it is, where and when, not who attended."""

from __future__ import annotations

from storyline.events.gatherings import gathering_of
from storyline.events.merge import merge_events
from storyline.models import Actor, Entity, EventMention
from tests.event_builders import document, entity, provenance

DOCS = [document(d) for d in "ABCD"]
STORIES = {"A": "osaka", "B": "osaka", "C": "osaka", "D": "biarritz"}


def actor(text: str, start: int, label: str | None = None) -> Actor:
    return Actor(text=text, start=start, end=start + len(text), label=label, rule="name")


def mention(
    doc_id: str,
    sentence: str,
    trigger: str,
    source: list[Actor],
    target: list[Actor] | None = None,
    type_: str = "CONSULT",
    mode: str | None = None,
    date: str | None = None,
    location: str | None = None,
) -> EventMention:
    return EventMention(
        id=f"{doc_id}:{trigger}",
        type=type_,
        mode=mode,
        trigger=trigger,
        source=source,
        target=target or [],
        date=date,
        date_basis="timex" if date else "none",
        location=location,
        rule=trigger,
        provenance=provenance(doc_id, 5, sentence),
    )


ENTITIES = [
    entity("e:merkel", "Angela Merkel", "PERSON", [("A", 10, "Merkel")]),
    entity("e:abe", "Shinzo Abe", "PERSON", [("B", 10, "Shinzo Abe")]),
    entity("e:trump", "Donald Trump", "PERSON", [("C", 10, "Trump"), ("D", 10, "Trump")]),
    entity("e:macron", "Emmanuel Macron", "PERSON", [("D", 30, "Macron")]),
]

ATTENDED = "Trump, who attended the summit, praised the hosts for a smooth meeting."
OSAKA = [
    mention(
        "A",
        "German Chancellor Angela Merkel attended the G20 summit in Osaka on Friday.",
        "attended the G20 summit",
        [actor("Merkel", 10, "PERSON")],
        date="2019-06-28",
    ),
    mention(
        "B",
        "The summit was hosted by Japanese Prime Minister Shinzo Abe.",
        "hosted",
        [actor("Shinzo Abe", 10, "PERSON")],
        [actor("summit", 60)],
        mode="host",
        date="2019-06-29",
    ),
    mention("C", ATTENDED, "attended the summit", [actor("Trump", 10, "PERSON")]),
    mention(
        "C",
        ATTENDED,
        "praised",
        [actor("Trump", 10, "PERSON")],
        type_="SUPPORT",
        mode="praise",
        date="2019-06-29",
    ),
]
# another occasion the same month, in another story: Trump and Macron met in France
ELSEWHERE = mention(
    "D", "Trump had met Macron in France in June.", "met",
    [actor("Trump", 10, "PERSON"), actor("Macron", 30, "PERSON")], mode="meet", date="2019-06",
    location="France",
)  # fmt: skip


def _holding(events: list, mention_id: str) -> set[str]:
    event = next(e for e in events if mention_id in {m.id for m in e.mentions})
    return {m.id for m in event.mentions}


def test_reports_naming_different_attendees_are_one_gathering() -> None:
    events = merge_events(OSAKA, ENTITIES, DOCS, stories=STORIES)
    assert _holding(events, "A:attended the G20 summit") == {m.id for m in OSAKA}


def test_an_attendee_report_stays_off_a_meeting_held_elsewhere() -> None:
    events = merge_events([*OSAKA, ELSEWHERE], ENTITIES, DOCS, stories=STORIES)
    held = _holding(events, "C:attended the summit")
    assert "C:praised" in held and "D:met" not in held
    assert _holding(events, "D:met") == {"D:met"}


def test_the_gathering_is_named_by_its_noun_and_the_words_before_it() -> None:
    found = gathering_of(OSAKA[0])
    assert found is not None and found.noun == "summit" and found.names == {"g20"}
    hosted = gathering_of(OSAKA[1])
    assert hosted is not None and hosted.names == set()


def test_a_gathering_under_a_preposition_of_topic_is_not_the_act() -> None:
    talks = mention(
        "A", "The two leaders also discussed the results of the NATO summit in Brussels.",
        "discussed", [actor("Merkel", 10, "PERSON")], [actor("the results of the NATO summit", 40)],
    )  # fmt: skip
    assert gathering_of(talks) is None


def test_calls_and_two_people_meeting_are_no_report_of_a_gathering() -> None:
    assert gathering_of(ELSEWHERE) is None
    call = OSAKA[0].model_copy(update={"mode": "phone"})
    assert gathering_of(call) is None


def test_two_differently_named_gatherings_stay_apart() -> None:
    nato = mention(
        "B", "Abe attended the NATO summit in Brussels.", "attended the NATO summit",
        [actor("Shinzo Abe", 10, "PERSON")], date="2019-06-29", location="Brussels",
    )  # fmt: skip
    events = merge_events([OSAKA[0], nato], ENTITIES, DOCS, stories=STORIES)
    assert _holding(events, "A:attended the G20 summit") == {"A:attended the G20 summit"}


def _took_part_and_a_pledge() -> tuple[EventMention, EventMention, Entity]:
    """Article A's "took part" with its object left out, beside another act of that day."""
    took_part = mention(
        "A", "Delegations from 19 countries and the European Union took part.", "took part",
        [Actor(text="Delegations", start=100, end=111, rule="phrase")], type_="AGREE",
        date="2019-06-28",
    )  # fmt: skip
    other = mention(
        "A", "The World Bank later pledged new aid for Africa.", "pledged",
        [actor("World Bank", 60, "ORG")], type_="AGREE", date="2019-06-28",
    )  # fmt: skip
    return took_part, other, entity("e:bank", "World Bank", "ORG", [("A", 60, "World Bank")])


def test_taking_part_with_the_object_left_out_attends_the_article_s_gathering() -> None:
    took_part, other, bank = _took_part_and_a_pledge()
    events = merge_events([*OSAKA, took_part, other], [*ENTITIES, bank], DOCS, stories=STORIES)
    assert "A:took part" in _holding(events, "A:attended the G20 summit")


def test_two_editions_of_one_gathering_stay_apart() -> None:
    """'The 79th Academy Awards' and 'the 81st Academy Awards' share their name, not their
    edition; an edition on one side only says nothing against."""
    hosting = [
        mention(
            doc,
            f"Ellen DeGeneres hosted the {edition} Academy Awards in Hollywood.",
            "hosted",
            [actor("Merkel", 10, "PERSON")],
            [actor(f"{edition} Academy Awards", 40)],
            mode="host",
        )
        for doc, edition in (("A", "79th"), ("B", "81st"))
    ]
    found = [gathering_of(m) for m in hosting]
    assert [f.names if f else None for f in found] == [
        {"#79th", "academy"},
        {"#81st", "academy"},
    ]
    from storyline.events.gatherings import gathering_fits
    from storyline.events.grouping import ParagraphIndex, unit

    groups = [unit(i, m, ParagraphIndex(DOCS), STORIES) for i, m in enumerate(hosting)]
    assert not gathering_fits(groups[0], found[0].names, groups[1], found[1].names)  # type: ignore[union-attr]
    assert gathering_fits(groups[0], found[0].names, groups[1], {"academy"})  # type: ignore[union-attr]


def test_a_gathering_reads_as_who_took_part_not_as_one_report_s_hosting() -> None:
    """One report says Abe hosted the summit; the others that Merkel and Trump attended it:
    the event is everyone taking part, not three hosts of "a visit"."""
    events = merge_events(OSAKA, ENTITIES, DOCS, stories=STORIES)
    (summit,) = [e for e in events if "A:attended the G20 summit" in {m.id for m in e.mentions}]
    assert summit.label.endswith("took part in a summit"), summit.label
    assert {"Angela Merkel", "Shinzo Abe", "Donald Trump"} <= {
        a.name for a in (*summit.source, *summit.target)
    }
    assert "hosted" not in summit.label


def test_a_hosting_with_no_guest_named_reads_as_hosting_a_meeting() -> None:
    hosting = OSAKA[1].model_copy(update={"target": []})  # "Abe hosted on Saturday"
    (alone,) = merge_events([hosting], ENTITIES, DOCS, stories=STORIES)
    assert alone.label == "Shinzo Abe hosted a meeting"


def test_a_gathering_named_only_by_an_actor_from_another_sentence_is_read_without_names() -> None:
    """An actor resolved from an earlier sentence ("It was hosted by Abe": "it" is the summit)
    carries words the mention's own sentence lacks; the gathering is read, unnamed, and nothing
    breaks."""
    told = mention(
        "B", "It was hosted by Japanese Prime Minister Shinzo Abe.", "hosted",
        [actor("Shinzo Abe", 10, "PERSON")], [actor("the G20 summit", 60)], mode="host",
    )  # fmt: skip
    found = gathering_of(told)
    assert found is not None and found.noun == "summit" and not found.names


def _unnamed(text: str, start: int) -> Actor:
    return Actor(text=text, start=start, end=start + len(text), rule="phrase")


def test_a_report_naming_no_one_in_a_sentence_about_the_gathering_joins_it() -> None:
    """What the gathering's document said, its doers unnamed, is told in the sentence about the
    gathering ("The two-day Summit on Peace in Ukraine ended ... with a joint communique ...,
    which said ..."): whatever its type, it is part of the gathering."""
    said = mention(
        "A", "The two-day G20 summit ended in Osaka with a declaration backed by all members, "
        "which said trade must stay free.", "said trade must",
        [_unnamed("members", 80)], [_unnamed("trade", 100)], type_="DEMAND",
    )  # fmt: skip
    events = merge_events([*OSAKA, said], ENTITIES, DOCS, stories=STORIES)
    assert "A:said trade must" in _holding(events, "A:attended the G20 summit")


def test_a_report_naming_no_one_the_day_before_the_gathering_stays_off_it() -> None:
    arriving = mention(
        "A", "Leaders began arriving in Osaka on Thursday evening, and the summit opened the "
        "following day.", "arriving", [_unnamed("Leaders", 0)], date="2019-06-27",
    )  # fmt: skip
    events = merge_events([*OSAKA, arriving], ENTITIES, DOCS, stories=STORIES)
    assert _holding(events, "A:arriving") == {"A:arriving"}


def test_a_report_naming_no_one_about_a_gathering_under_a_topic_word_stays_off_it() -> None:
    demanded = mention(
        "A", "Protesters later demanded a recount of the votes of the summit.", "demanded",
        [_unnamed("Protesters", 0)], type_="DEMAND",
    )  # fmt: skip
    events = merge_events([*OSAKA, demanded], ENTITIES, DOCS, stories=STORIES)
    assert _holding(events, "A:demanded") == {"A:demanded"}


def test_taking_part_attends_the_one_gathering_a_pile_reports() -> None:
    """A pile with one report of a gathering still places what was done at it: whether another
    article of the pile reports a gathering too decides nothing (``events.parts`` merges the
    pile in parts that cannot meet, and must get the events the whole pile gets)."""
    took_part, other, bank = _took_part_and_a_pledge()
    events = merge_events([OSAKA[0], took_part, other], [*ENTITIES, bank], DOCS, stories=STORIES)
    assert "A:took part" in _holding(events, "A:attended the G20 summit")
