"""A place named before the head noun of a phrase ("Athens police chiefs") says where the
agents serve: ``canonical_actors._place_modifier`` reads the place's mentions inside the phrase
from the index's spans of that one document, whatever the place's mentions elsewhere."""

from __future__ import annotations

import pytest

from storyline.events.canonical_actors import EntityIndex, _place_modifier
from storyline.models import Actor, Entity, Mention, Provenance


def _entity(entity_id: str, type_: str, spans: list[tuple[str, int, int]]) -> Entity:
    mentions = [
        Mention(
            text="x" * (end - start),
            label=type_,
            model_label=type_,
            entity_id=entity_id,
            provenance=Provenance(
                doc_id=doc, start=start, end=end, sentence="…", sentence_start=0, sentence_end=99
            ),
        )
        for doc, start, end in spans
    ]
    return Entity(
        id=entity_id, name=entity_id, type=type_, mentions=mentions,
        documents=sorted({d for d, _, _ in spans}),
    )  # fmt: skip


#: The phrase of document A spans 10–30 ("Athens police chiefs"): the place's own mentions
#: in other documents, at any offsets, say nothing about it.
ELSEWHERE = [("B", 10, 16), ("B", 20, 30), ("C", 24, 30)]


@pytest.mark.parametrize(
    ("spans", "phrase", "expected"),
    [
        ([("A", 10, 16)], (10, 30), True),  # named before the head noun
        ([("A", 10, 16), *ELSEWHERE], (10, 30), True),
        ([("A", 24, 30)], (10, 30), False),  # the phrase's head itself: the place acts
        ([("A", 24, 30), ("B", 10, 16)], (10, 30), False),  # another document's modifier
        ([("A", 10, 16), ("A", 24, 30)], (10, 30), False),  # before the head and the head
        ([("A", 2, 8)], (10, 30), False),  # before the phrase: not inside it
        ([("A", 30, 36)], (10, 30), False),  # just after it
        ([("A", 10, 16), ("A", 40, 46)], (10, 30), True),  # a later mention outside it
        ([("B", 10, 16)], (10, 30), False),  # named in another document only
        ([("A", 12, 18)], (None, 30), False),  # no start: only what starts at its end counts
    ],
)
def test_a_place_modifies_a_phrase_by_its_mentions_in_the_phrase_document(
    spans: list[tuple[str, int, int]], phrase: tuple[int | None, int], expected: bool
) -> None:
    athens = _entity("gpe:athens", "GPE", spans)
    other = _entity("org:police", "ORG", [("A", 17, 30)])  # another entity's span inside it
    index = EntityIndex([athens, other], affiliation=None)
    start, end = phrase
    actor = Actor(text="Athens police chiefs", start=start, end=end, rule="phrase")
    assert _place_modifier(index, "A", actor, athens) is expected


@pytest.mark.parametrize(
    ("rule", "type_"), [("name", "GPE"), ("phrase", "PERSON"), ("phrase", "ORG")]
)
def test_only_a_phrase_and_a_place_are_read(rule: str, type_: str) -> None:
    athens = _entity("gpe:athens", type_, [("A", 10, 16)])
    index = EntityIndex([athens], affiliation=None)
    actor = Actor(text="Athens police chiefs", start=10, end=30, rule=rule)
    assert _place_modifier(index, "A", actor, athens) is False
