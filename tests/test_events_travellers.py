"""Who made a visit (events/travellers.py): the subjects of its journey, not of its talks."""

from __future__ import annotations

import pytest

from storyline.events.merge import merge_events
from storyline.events.travellers import travellers, visitors_and_met
from storyline.models import Actor, Block, Document, Entity, EventMention, Mention, Provenance

TEXT = "x" * 400
#: where each name stands in every document
SPANS = {"Lavrov": 50, "Jaishankar": 70, "Ryabkov": 110, "India": 90, "Museum": 130, "Modi": 10}
NAMES = {
    "Lavrov": "Sergey Lavrov",
    "Jaishankar": "S. Jaishankar",
    "Ryabkov": "Sergei Ryabkov",
    "Modi": "Narendra Modi",
}
#: Lavrov and Ryabkov are introduced as Russian, Modi as Indian; India's foreign minister by
#: his title alone
COUNTRIES = {"Lavrov": "Russia", "Ryabkov": "Russia", "Modi": "India", "India": "India"}
LABELS = {"India": "GPE", "Museum": "FAC"}


def document(doc_id: str) -> Document:
    blocks = [
        Block(kind="paragraph", start=0, end=200),
        Block(kind="paragraph", start=200, end=400),
    ]
    return Document(
        id=doc_id, source=f"{doc_id}.txt", source_kind="txt", raw_text=TEXT, text=TEXT,
        blocks=blocks, content_hash=doc_id,
    )  # fmt: skip


def entity(text: str) -> Entity:
    label = LABELS.get(text, "PERSON")
    entity_id = f"e:{text.lower()}"
    mentions = [
        Mention(
            text=text, label=label, model_label=label, entity_id=entity_id,
            provenance=Provenance(doc_id=d, start=SPANS[text], end=SPANS[text] + len(text),
                                  sentence="…", sentence_start=0, sentence_end=100),
        )
        for d in "ABC"
    ]  # fmt: skip
    return Entity(id=entity_id, name=NAMES.get(text, text), type=label, mentions=mentions,
                  documents=list("ABC"))  # fmt: skip


DOCS = [document(d) for d in "ABC"]
ENTITIES = [entity(name) for name in ("Lavrov", "Jaishankar", "Ryabkov", "India")]
STORIES = {"A": "s", "B": "s", "C": "s"}


def affiliation(found: Entity) -> tuple[str | None, str | None]:
    return COUNTRIES.get(found.mentions[0].text), None


def actor(text: str, resolved: bool = False) -> Actor:
    """An actor as a report names it, or (``resolved``) as merging reads it."""
    start = SPANS[text]
    named = Actor(text=text, start=start, end=start + len(text), rule="name",
                  label=LABELS.get(text, "PERSON"))  # fmt: skip
    if not resolved:
        return named
    return named.model_copy(
        update={
            "entity_id": f"e:{text.lower()}",
            "name": NAMES.get(text, text),
            "country": COUNTRIES.get(text),
        }
    )


def told(
    mention_id: str,
    mode: str | None,
    source: tuple[str, ...],
    target: tuple[str, ...] = (),
    resolved: bool = False,
) -> EventMention:
    doc_id, number = mention_id.split(":")
    start = 5 + 20 * int(number)
    return EventMention(
        id=mention_id, type="CONSULT", mode=mode, trigger="…",
        source=[actor(s, resolved) for s in source],
        target=[actor(t, resolved) for t in target],
        date="2022-04-01", date_basis="timex", factuality="asserted", rule="test",
        provenance=Provenance(doc_id=doc_id, start=start, end=start + 5, sentence="…",
                              sentence_start=start, sentence_end=start + 50),
    )  # fmt: skip


def test_the_host_who_held_talks_is_met_not_a_visitor() -> None:
    """Briefing check part, Lavrov's visit to New Delhi: "Lavrov's trip to India", "Lavrov held
    talks with Jaishankar", "Jaishankar held talks with visiting Lavrov" (read as his visit to
    Lavrov). Only Lavrov travelled; India's own minister is whom he met there, not a visitor
    ("Sergey Lavrov and S. Jaishankar visited India" before)."""
    reports = [
        told("A:1", "visit", ("Lavrov",), ("India",)),
        told("A:2", None, ("Lavrov",), ("Jaishankar",)),
        told("B:1", None, ("Jaishankar",)),
        told("B:2", "visit", ("Jaishankar",), ("Lavrov",)),
        told("C:1", "visit", ("Lavrov",), ("India",)),
        told("C:2", None, ("Jaishankar",), ("Lavrov",)),
    ]
    (event,) = merge_events(reports, ENTITIES, DOCS, affiliation=affiliation, stories=STORIES)
    assert [a.name for a in event.source] == ["Sergey Lavrov"]
    assert [a.name for a in event.target] == ["India", "S. Jaishankar"]
    assert event.label == "Sergey Lavrov visited India and met S. Jaishankar"


def test_the_traveller_most_reports_receive_is_still_the_visitor() -> None:
    """ "Jaishankar held talks with visiting Lavrov" twice and "Lavrov's trip to India" once: the
    reports' roles would make Jaishankar the visitor; the trip says who travelled."""
    reports = [
        told("A:1", "visit", ("Lavrov",), ("India",)),
        told("B:1", "visit", ("Jaishankar",), ("Lavrov",)),
        told("C:1", "visit", ("Jaishankar",), ("Lavrov",)),
    ]
    (event,) = merge_events(reports, ENTITIES, DOCS, affiliation=affiliation, stories=STORIES)
    assert event.label == "Sergey Lavrov visited India and met S. Jaishankar"


EVERYONE = [actor(n, resolved=True) for n in ("Lavrov", "Jaishankar", "Ryabkov")]
INDIA = actor("India", resolved=True)
TRIP = told("A:1", "visit", ("Lavrov",), ("India",), resolved=True)
TALKS = told("A:2", None, ("Jaishankar", "Ryabkov"), resolved=True)


@pytest.mark.parametrize(
    ("reason", "reports", "sources", "targets"),
    [
        ("a host with no country known is met; the visitor's compatriot travels with him",
         [TRIP, TALKS], ["Sergey Lavrov", "Sergei Ryabkov"], ["India", "S. Jaishankar"]),
        ("no report tells a journey of anyone named: the roles stay as the reports give them",
         [told("A:1", "visit", ("Jaishankar",), ("Lavrov",), resolved=True), TALKS],
         ["Sergey Lavrov", "S. Jaishankar", "Sergei Ryabkov"], ["India"]),
        ("a visit to a site of no country known tells no journey to the country visited",
         [told("A:1", "visit", ("Lavrov", "Jaishankar"), ("Museum",), resolved=True)],
         ["Sergey Lavrov", "S. Jaishankar", "Sergei Ryabkov"], ["India"]),
        ("a planned journey of another type is no journey of this visit",
         [TRIP.model_copy(update={"type": "AID"})],
         ["Sergey Lavrov", "S. Jaishankar", "Sergei Ryabkov"], ["India"]),
    ],
)  # fmt: skip
def test_visitors_are_who_travelled(reason, reports, sources, targets) -> None:
    found_sources, found_targets = visitors_and_met(EVERYONE, [INDIA], reports, "CONSULT",
                                                    {"India"})  # fmt: skip
    assert [a.name for a in found_sources] == sources, reason
    assert [a.name for a in found_targets] == targets, reason


def test_a_traveller_is_a_named_subject_of_a_journey_to_the_place_visited() -> None:
    """ "the minister arrived in New Delhi" names no one; a journey elsewhere is another trip."""
    unnamed = TRIP.model_copy(
        update={"source": [Actor(text="the minister", start=0, end=12, rule="phrase")]}
    )
    elsewhere = told("A:1", "visit", ("Jaishankar",), ("India",), resolved=True)
    assert travellers([TRIP, unnamed], "CONSULT", {"India"}) == {"e:lavrov"}
    assert travellers([elsewhere], "CONSULT", {"Russia"}) == set()


def test_no_one_journeys_to_their_own_country() -> None:
    """ "Modi received Lavrov", read as a visit of Modi's to India, is the host's act: Modi is
    met, Lavrov travelled."""
    received = told("A:2", "visit", ("Modi",), ("Lavrov", "India"), resolved=True)
    modi = actor("Modi", resolved=True)
    sources, targets = visitors_and_met(
        [actor("Lavrov", resolved=True), modi], [INDIA], [TRIP, received], "CONSULT", {"India"}
    )
    assert [a.name for a in sources] == ["Sergey Lavrov"]
    assert [a.name for a in targets] == ["India", "Narendra Modi"]
