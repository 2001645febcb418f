"""An undated report of a dated article tells its news, not an occasion the article recalls
with a date (``compatibility.recalled``)."""

from __future__ import annotations

from storyline.events.merge import merge_events
from storyline.models import EventMention
from tests.event_builders import document, entity, mention, named
from tests.test_events_towns import ONE_STORY


def test_an_undated_report_never_takes_an_occasion_its_article_recalls() -> None:
    """ "had beaten Thompson back in 2008" is not the fight a July 2012 article reports undated
    ("twice wrestled Thompson to the floor"); a report from the article's own week still is."""
    docs = [document(d).model_copy(update={"published": "2012-07-07"}) for d in "AB"]
    entities = [
        entity("e:wk", "Wladimir Klitschko", "PERSON", [(d, 0, "Klitschko") for d in "AB"]),
        entity("e:tt", "Tony Thompson", "PERSON", [(d, 30, "Thompson") for d in "AB"]),
    ]
    parties = ([named("Klitschko", 0)], [named("Thompson", 30)])

    def beat(doc: str, date: str | None) -> EventMention:
        return mention(
            doc, "Klitschko beat Thompson, knocking him out.", "V:beat", *parties,
            type_="ASSAULT", date=date,
        )  # fmt: skip

    undated = beat("A", None)
    for recalled_day, events in (("2008", 2), ("2012-03", 2), ("2012-07-07", 1), ("2012-07-01", 1)):
        pair = [undated, beat("B", recalled_day)]
        assert len(merge_events(pair, entities, docs, stories=ONE_STORY)) == events, recalled_day
    # an article with no publication date says nothing of when its news is
    pair = [undated, beat("B", "2008")]
    assert len(merge_events(pair, entities, [document(d) for d in "AB"], stories=ONE_STORY)) == 1
