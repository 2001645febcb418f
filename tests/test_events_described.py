"""A report that describes its parties instead of naming them ("a retired schoolteacher stabbed
two guards") joins the one named event of its story told in its words
(``events.attach.attach_described``)."""

from __future__ import annotations

from storyline.events.merge import merge_events
from storyline.models import Actor, EventMention
from tests.event_builders import document, entity, provenance

DOCS = [document(d) for d in "ABC"]
ONE_STORY = {"A": "s1", "B": "s1", "C": "s1"}
ENTITIES = [
    entity("e:brenner", "Karl Brenner", "PERSON", [("B", 10, "Brenner")]),
    entity("e:weiss", "Otto Weiss", "PERSON", [("C", 10, "Weiss")]),
]


def actor(text: str, start: int, rule: str = "phrase") -> Actor:
    return Actor(text=text, start=start, end=start + len(text), rule=rule)


def stabbed(doc_id: str, source: Actor, target: str = "two guards") -> EventMention:
    sentence = f"{source.text} stabbed {target} at the prison gate, the prison service said."
    return EventMention(
        id=f"{doc_id}:{source.text}", type="ASSAULT", trigger="stabbed", source=[source],
        target=[actor(target, 40)], rule="V:stab", provenance=provenance(doc_id, 5, sentence),
    )  # fmt: skip


DESCRIBED = stabbed("A", actor("A retired schoolteacher", 10))
NAMED = stabbed("B", actor("Brenner", 10, rule="name"))


def test_a_report_describing_the_attacker_joins_the_named_report_of_its_story() -> None:
    (event,) = merge_events([DESCRIBED, NAMED], ENTITIES, DOCS, stories=ONE_STORY)
    assert event.documents == ["A", "B"]
    assert [a.name for a in event.source] == ["Karl Brenner"]
    assert "describing its parties in its words" in event.explanation


def test_a_description_joins_nothing_it_does_not_tell_in_its_words() -> None:
    # another story, another word, or no phrase shared ("a nurse" is not "two guards")
    assert len(merge_events([DESCRIBED, NAMED], ENTITIES, DOCS)) == 2
    other_word = NAMED.model_copy(update={"rule": "V:knife"})
    assert len(merge_events([DESCRIBED, other_word], ENTITIES, DOCS, stories=ONE_STORY)) == 2
    nurse = stabbed("B", actor("Brenner", 10, rule="name"), target="a nurse")
    assert len(merge_events([DESCRIBED, nurse], ENTITIES, DOCS, stories=ONE_STORY)) == 2


def test_a_description_two_named_reports_could_tell_joins_neither() -> None:
    weiss = stabbed("C", actor("Weiss", 10, rule="name"))
    found = merge_events([DESCRIBED, NAMED, weiss], ENTITIES, DOCS, stories=ONE_STORY)
    assert len(found) == 3
