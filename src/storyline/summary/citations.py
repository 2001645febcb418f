"""The chosen sentences as the summary tells them: dated and cited.

Each chosen sentence is dated by the event it reports, and cites every document that reports
the same event (the event's merged sources, events of the same occasion: same day, same
participants) or the same sentence; ``best_mentions`` picks, per document, the mention a reader
can check best.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from storyline.models import HAPPENED, Event, EventMention, Provenance, SummarySentence
from storyline.summary.candidates import Candidate, normal, rejects
from storyline.summary.concepts import ConceptIndex


@dataclass
class Chosen:
    candidate: Candidate
    concepts: dict[str, float]


def cited_sentence(
    chosen: Chosen,
    scope: set[str],
    index: ConceptIndex,
    same_text: Mapping[int, list[Candidate]],
    order: Mapping[str, int],
) -> tuple[SummarySentence, tuple]:
    """The chosen sentence, its date and its citations, with the key that orders the summary:
    dated sentences by date, then undated ones in document order."""
    c = chosen.candidate
    evidence: dict[str, Provenance] = {c.doc_id: _provenance(c)}
    words = normal(c.text)
    for other in same_text.get(c.said, ()):  # the same key: compared in full (``text_key``)
        if other.doc_id in scope and other.doc_id not in evidence and normal(other.text) == words:
            evidence[other.doc_id] = _provenance(other)
    reported = [
        index.events[concept.split(":", 1)[1]]
        for concept, degree in chosen.concepts.items()
        if concept.startswith("event:")
    ]
    strong = [
        index.events[concept.split(":", 1)[1]]
        for concept, degree in chosen.concepts.items()
        if concept.startswith("event:") and degree >= index.w["event_named"]
    ]
    for event in strong:
        for event_id in index.occasion.get(event.id, [event.id]):
            if event_id not in index.best:
                index.best[event_id] = best_mentions(index.events[event_id])
            for mention in index.best[event_id]:
                d = mention.provenance.doc_id
                if d in scope and d not in evidence:
                    evidence[d] = mention.provenance
    dated = [e for e in reported if e.date and e.factuality in HAPPENED]
    date: str | None = None
    if dated:
        weights = {e.id: chosen.concepts[f"event:{e.id}"] for e in dated}
        told_at = _told_at(c, index)
        date = max(dated, key=lambda e: (weights[e.id], -told_at.get(e.id, c.end))).date
    others = sorted((d for d in evidence if d != c.doc_id), key=order.__getitem__)
    documents = [c.doc_id, *others]
    sentence = SummarySentence(
        text=c.text,
        documents=documents,
        date=date,
        evidence=[evidence[d] for d in documents],
        event_ids=sorted({e.id for e in reported}),
        trimmed=c.trimmed,
    )
    return sentence, (date is None, date or "", order[c.doc_id], c.index)


def _told_at(c: Candidate, index: ConceptIndex) -> dict[str, int]:
    """Where in the sentence each event it tells is first told (its earliest trigger).

    Between two events a sentence tells equally fully, the first told is the one it reports:
    a news sentence puts its own event in the main clause up front and the background after
    it ("India on Friday delivered the missiles, two years after Manila signed the contract";
    "On Tuesday, Modi dialled Putin, a day after he discussed Ukraine with Biden"), so the
    sentence takes that event's date, not the background's. An event told only through its
    occasion (not in the sentence) comes last."""
    first: dict[str, int] = {}
    for event, mention in index.events_at.get((c.doc_id, c.sentence_start), ()):
        start = mention.provenance.start
        if c.start <= start < c.end and start < first.get(event.id, c.end):
            first[event.id] = start
    return first


def best_mentions(event: Event) -> list[EventMention]:
    """One mention per document, the one a reader can check best: the one that dates the
    event, then the one naming most participants in its own sentence, then a whole sentence
    (not a piece of a quotation), then the first."""

    def named(m: EventMention) -> int:
        p = m.provenance
        return sum(
            a.start is not None
            and p.sentence_start <= a.start < p.sentence_end
            and "→" not in (a.rule or "")
            for a in m.source + m.target
        )

    best: dict[str, EventMention] = {}
    ranked = sorted(
        event.mentions,
        key=lambda m: (
            m.date_basis != "timex",
            -named(m),
            rejects(m.provenance.sentence) is not None,
            m.provenance.start,
        ),
    )
    for mention in ranked:
        best.setdefault(mention.provenance.doc_id, mention)
    return list(best.values())


def _provenance(c: Candidate) -> Provenance:
    return Provenance(
        doc_id=c.doc_id,
        start=c.start,
        end=c.end,
        sentence=c.sentence_text,
        sentence_start=c.sentence_start,
        sentence_end=c.sentence_end,
    )
