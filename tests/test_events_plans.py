"""A plan and the report of its happening are one event; the report dates it (``events.plans``).

The sentences follow ECB+ topic 2 (the announced Oscars hosting, told as planned in August and
as done at the ceremony; "first hosted the Oscars in 2007" recalled beside it) and the
india-world briefing's planned sentences ("is expected to visit", then the visit)."""

from __future__ import annotations

from storyline.events.merge import merge_events
from storyline.events.timeline import build_timeline
from storyline.models import Document, Event, EventMention
from tests.event_builders import document, entity, mention, named
from tests.test_events_towns import ONE_STORY

ENTITIES = [
    entity("e:ed", "Ellen DeGeneres", "PERSON", [(d, 0, "DeGeneres") for d in "AB"]),
    entity("e:os", "Oscars", "EVENT", [(d, 30, "Oscars") for d in "AB"]),
]


def _docs(plan_day: str, report_day: str) -> list[Document]:
    days = {"A": plan_day, "B": report_day}
    return [document(d).model_copy(update={"published": days[d]}) for d in "AB"]


def _merged(mentions: list[EventMention], plan_day: str, report_day: str) -> list[Event]:
    """The events of ``mentions``, the plan's article (A) and the report's (B) of one story."""
    return merge_events(mentions, ENTITIES, _docs(plan_day, report_day), stories=ONE_STORY)


def _hosting(doc: str, factuality: str, date: str | None) -> EventMention:
    coded = mention(
        doc, "DeGeneres hosted the Oscars.", "V:host", [named("DeGeneres", 0)],
        [named("Oscars", 30)], type_="CONSULT", mode="host", date=date,
    )  # fmt: skip
    return coded.model_copy(update={"factuality": factuality, "id": f"{doc}:{factuality}"})


def test_an_announced_act_joins_the_report_of_its_happening_dated_by_the_report() -> None:
    """ "will host the Oscars on March 1" (told in August) and "hosted the Oscars" on the night,
    a day later than planned, are one event: asserted, dated by the report (not the plan), with
    the announcement among its mentions."""
    plan, report = _hosting("A", "planned", "2014-03-01"), _hosting("B", "asserted", "2014-03-02")
    events = _merged([plan, report], "2013-08-02", "2014-03-03")
    assert len(events) == 1
    (event,) = events
    assert event.factuality == "asserted" and event.date == "2014-03-02"
    assert {m.id for m in event.mentions} == {plan.id, report.id}
    (entry,) = build_timeline(events, dated_documents={"A", "B"})
    assert entry.date == "2014-03-02" and entry.factuality == "asserted"


def test_a_plan_told_after_an_earlier_occurrence_stays_apart_and_off_the_timeline() -> None:
    """The 2007 hosting recalled in 2013 is not the hosting announced in 2013, nor is a plan
    for a date after the report ("next year" beside this year's report)."""
    for plan, report in (
        (_hosting("A", "planned", None), _hosting("B", "asserted", "2007-02-25")),
        (_hosting("A", "planned", "2014"), _hosting("B", "asserted", None)),
    ):
        events = _merged([plan, report], "2013-08-02", "2013-08-02")
        assert sorted(e.factuality for e in events) == ["asserted", "planned"], report.date
        shown = build_timeline(events, dated_documents={"A", "B"})
        assert all(e.factuality == "asserted" for e in shown)


def test_a_plan_within_the_window_joins_one_told_long_before_does_not() -> None:
    """A plan told a year and more before a report of the same act is another occasion."""
    plan, report = _hosting("A", "planned", None), _hosting("B", "asserted", "2014-03-02")
    near = _merged([plan, report], "2013-08-02", "2014-03-03")
    far = _merged([plan, report], "2011-08-02", "2014-03-03")
    assert (len(near), len(far)) == (1, 2)


def test_a_hypothetical_act_stays_apart_from_the_report() -> None:
    """ "would host the Oscars if asked" is no announcement: it keeps its own event."""
    maybe, report = _hosting("A", "hypothetical", None), _hosting("B", "asserted", "2014-03-02")
    events = _merged([maybe, report], "2013-08-02", "2014-03-03")
    assert sorted(e.factuality for e in events) == ["asserted", "hypothetical"]


def test_a_plan_of_several_meetings_joins_one_of_them_never_both() -> None:
    """ "Modi will hold bilateral meetings with Putin and Mirziyoyev" (told the day before)
    joins one meeting; it does not bring its other party into it, so the two meetings reported
    the next day stay two events (the plan adds no party: ``plans.absorbed``)."""
    people = [("Modi", 0), ("Putin", 10), ("Mirziyoyev", 20)]
    entities = [
        entity(f"e:{n}", n, "PERSON", [(d, at, n) for d in "AB"]) for n, at in people
    ]  # fmt: skip
    modi, putin, mirziyoyev = (named(n, at) for n, at in people)

    def meeting(
        doc: str, rule: str, targets: list, factuality: str, day: str | None
    ) -> EventMention:
        coded = mention(
            doc, "Modi met Putin Mirziyoyev.", rule, [modi], targets, type_="CONSULT",
            mode="meet", date=day,
        )  # fmt: skip
        return coded.model_copy(update={"factuality": factuality})

    plan = meeting("A", "V:meet", [putin, mirziyoyev], "planned", None)
    with_putin = meeting("B", "V:meet", [putin], "asserted", "2022-09-16")
    with_mirziyoyev = meeting("B", "V:hold_talks", [mirziyoyev], "asserted", "2022-09-16")
    docs = _docs("2022-09-15", "2022-09-16")
    events = merge_events([plan, with_putin, with_mirziyoyev], entities, docs, stories=ONE_STORY)
    assert sorted(len(e.mentions) for e in events) == [1, 2]
    assert all(e.factuality == "asserted" for e in events)
    joined = next(e for e in events if len(e.mentions) == 2)
    assert plan.id in {m.id for m in joined.mentions}
    assert len(joined.target) == 1  # its reports say whom Modi met, not the plan


def test_a_plan_and_a_report_told_in_one_sentence_stay_two_acts() -> None:
    """ "agreed to work together to deepen the partnership" (demo corpus 001): the purpose read
    as done is not the plan come true; in the next sentence the same report would be."""
    parties = [("Modi", 0), ("Putin", 10)]
    entities = [entity(f"e:{n}", n, "PERSON", [("A", at, n)]) for n, at in parties]
    modi, putin = (named(n, at) for n, at in parties)
    sentence = "Modi agreed to work together with Putin to deepen ties."

    def cooperation(rule: str, factuality: str, sentence_start: int) -> EventMention:
        coded = mention("A", sentence, rule, [modi], [putin], type_="COOPERATE")
        where = coded.provenance.model_copy(update={"sentence_start": sentence_start})
        return coded.model_copy(update={"factuality": factuality, "provenance": where})

    docs = [document("A").model_copy(update={"published": "2024-03-20"})]
    plan = cooperation("V:work_together", "planned", 0)
    for start, events in ((0, 2), (60, 1)):
        report = cooperation("V:deepen", "asserted", start)
        assert len(merge_events([plan, report], entities, docs)) == events, start
