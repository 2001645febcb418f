"""The demo corpus: the events and the timeline issue 4 expects, from the samples.

The timex and entity layers are built by hand here (temporal expressions with their values,
spaCy's entity mentions grouped by surname), so these tests check the event stage alone.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from storyline.evaluation.event_layers import mentions_from_ents
from storyline.events.extract import build_timeline, extract_event_mentions, merge_events
from storyline.models import Entity, Provenance, Timex

# document → (words in the text, TIMEX3 value, range end)
TIMEXES = {
    "000_577aad08247b98bb": [("today", "2024-03-20", None)],
    "001_029f77a4b5c96316": [("Wednesday", "2024-03-20", None), ("Monday", "2024-03-18", None)],
    "002_66bc5cd5d1c12ee4": [
        ("Wednesday", "2023-12-27", None),
        ("December 27", "2023-12-27", None),
        ("December 25 to 29, 2023", "2023-12-25", "2023-12-29"),
    ],
}


def hand_timexes(document) -> list[Timex]:
    found = []
    for i, (words, value, end) in enumerate(TIMEXES.get(document.id, [])):
        start = document.text.index(words)
        found.append(
            Timex(
                id=f"t{i}",
                text=words,
                type="DATE",
                value=value,
                range_end=end,
                rule="test",
                provenance=Provenance(
                    doc_id=document.id,
                    start=start,
                    end=start + len(words),
                    sentence=words,
                    sentence_start=start,
                    sentence_end=start + len(words),
                ),
            )
        )
    return found


def surname_entities(mentions) -> list[Entity]:
    """Mentions grouped by their last word: a stand-in for the entity layer."""
    groups = defaultdict(list)
    for mention in mentions:
        key = mention.text.replace("’s", "").split()[-1].lower()
        groups[key].append(mention)
    entities = []
    for key, members in sorted(groups.items()):
        name = max((m.text for m in members), key=len)
        labels = [m.label for m in members]
        entities.append(
            Entity(
                id=f"e:{key}",
                name=name,
                type=max(set(labels), key=labels.count),
                mentions=[m.model_copy(update={"entity_id": f"e:{key}"}) for m in members],
                documents=sorted({m.provenance.doc_id for m in members}),
            )
        )
    return entities


@pytest.fixture(scope="module")
def coded(parsed_samples):
    mentions_by_doc, events_by_doc = {}, {}
    for doc_id, (document, parsed) in parsed_samples.items():
        mentions = mentions_from_ents(document, parsed)
        mentions_by_doc[doc_id] = mentions
        events_by_doc[doc_id] = extract_event_mentions(
            document, parsed, hand_timexes(document), mentions
        )
    entities = surname_entities([m for ms in mentions_by_doc.values() for m in ms])
    documents = [document for document, _ in parsed_samples.values()]
    all_mentions = [e for events in events_by_doc.values() for e in events]
    events = merge_events(all_mentions, entities, documents)
    return events_by_doc, events, build_timeline(events)


def names(actors) -> str:
    return " | ".join(a.name or a.text for a in actors)


def find(events, doc_prefix, type_, mode=None, **text):
    hits = [
        e
        for e in events
        if e.provenance.doc_id.startswith(doc_prefix)
        and e.type == type_
        and (mode is None or e.mode == mode)
        and all(word in names(getattr(e, role)) for role, word in text.items())
    ]
    assert hits, f"no {type_}/{mode} {text} in {doc_prefix}"
    return hits[0]


def test_002_jaishankar_meets_putin_at_the_kremlin_on_december_27(coded):
    by_doc, _, _ = coded
    meeting = find(by_doc["002_66bc5cd5d1c12ee4"], "002", "CONSULT", "meet", source="Jaishankar")
    assert "Putin" in names(meeting.target)
    assert meeting.location == "Kremlin, Moscow"
    assert (meeting.date, meeting.date_basis) == ("2023-12-27", "timex")
    lavrov = find(by_doc["002_66bc5cd5d1c12ee4"], "002", "CONSULT", target="Lavrov")
    assert lavrov.date == "2023-12-27"
    letter = find(by_doc["002_66bc5cd5d1c12ee4"], "002", "CONSULT", "letter", source="Modi")
    assert "Putin" in names(letter.target)


def test_001_modi_congratulates_putin(coded):
    by_doc, _, _ = coded
    praise = find(by_doc["001_029f77a4b5c96316"], "001", "SUPPORT", "praise", source="Modi")
    assert "Putin" in names(praise.target)
    assert praise.date == "2024-03-20"


def test_000_and_001_phone_call_is_one_event_with_two_sources(coded):
    _, events, _ = coded
    calls = [e for e in events if e.type == "CONSULT" and e.mode == "phone"]
    (call,) = [e for e in calls if e.date == "2024-03-20"]
    assert call.documents == ["000_577aad08247b98bb", "001_029f77a4b5c96316"]
    assert "Modi" in names(call.source) and "Putin" in names(call.source + call.target)


def test_visits_of_003_and_004_are_undated(coded):
    by_doc, _, _ = coded
    modi = find(by_doc["003_7c02b6df5ba18665"], "003", "CONSULT", "visit", source="Modi")
    assert "Moscow" in names(modi.target) and modi.date is None
    putin = find(by_doc["004_4891033d3364a37d"], "004", "CONSULT", "visit", source="Putin")
    assert "India" in names(putin.target) and putin.date is None


@pytest.mark.parametrize("doc_id", ["003_7c02b6df5ba18665", "004_4891033d3364a37d"])
def test_expected_to_discuss_is_a_plan(coded, doc_id):
    by_doc, _, _ = coded
    planned = [e for e in by_doc[doc_id] if e.factuality_cue == "expected"]
    assert planned and all(e.factuality == "planned" for e in planned)
    assert all(e.type == "CONSULT" for e in planned)


def test_timeline_order_and_content(coded):
    _, events, timeline = coded
    dated = [(t.date, t.type, t.mode) for t in timeline if t.date]
    assert dated == sorted(dated, key=lambda x: x[0])
    assert ("2023-12-27", "CONSULT", "meet") in dated
    assert ("2024-03-18", "ELECT", "win") in dated
    assert ("2024-03-20", "CONSULT", "phone") in dated
    # Modi congratulated Putin during that call: one real event (events.toml [merge] meeting_acts)
    (call,) = [e for e in events if e.date == "2024-03-20" and e.mode == "phone"]
    assert any(m.type == "SUPPORT" and m.mode == "praise" for m in call.mentions)
    undated = [t for t in timeline if t.date is None]
    assert timeline[-len(undated) :] == undated
    assert any(t.mode == "visit" and t.documents == ["003_7c02b6df5ba18665"] for t in undated)
    assert any(t.mode == "visit" and t.documents == ["004_4891033d3364a37d"] for t in undated)
    shown = {t.event_id for t in timeline}
    assert not [e for e in events if e.id in shown and e.factuality == "planned"]
    for entry in timeline:
        assert entry.evidence and all(p.sentence for p in entry.evidence)
