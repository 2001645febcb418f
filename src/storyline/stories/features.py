"""Document features for story clustering: what is compared across documents, one row each.

Evidence, per document: its words (tf-idf with BM25 idf, title and lead weighted), the canonical
entities it mentions (``Entity.mentions``), the merged events it reports (``Event.documents``),
the calendar dates its time expressions name, and its date (publication date, else the date of
its lead event when a time expression gave it). Each works alone: with no entities, events or
analyses the clustering runs on words and publication dates.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from storyline.models import Document, DocumentAnalysis, Entity, Event, Mention
from storyline.text.vectors import Vectors, term_counts, weighted_vectors

NO_DAY = np.inf
_DATE_VALUE = re.compile(r"^(?:\d{4}|XXXX)(?:-\d{2}(?:-\d{2})?)?$")


@dataclass
class DocEvent:
    """What the clustering needs of one event a document reports."""

    event_id: str
    type: str
    day: float  # proleptic ordinal, or NO_DAY
    position: int  # where its first mention starts in the document (lead = small)
    confident: bool = False  # dated by a time expression, and asserted as having happened


@dataclass
class Features:
    """Everything compared across documents, one row per document (sorted by id)."""

    ids: list[str]
    terms: Vectors  # BM25 idf: what is distinctive
    topics: Vectors  # smoothed idf: what the document is about
    entities: Vectors | None
    events: Vectors | None
    when: Vectors | None  # calendar dates the text mentions (its time expressions)
    days: np.ndarray  # ordinal day or NO_DAY
    lead_events: list[DocEvent | None]
    entity_rows: list[dict[str, float]]  # canonical entity id -> weighted mentions, per document


def document_features(
    docs: Sequence[Document],
    analyses: dict[str, DocumentAnalysis],
    events: Sequence[Event],
    config: dict[str, Any],
    entities: Sequence[Entity] = (),
) -> Features:
    """The rows compared across documents. Entity ids come from the canonical entities'
    mentions (``analyses`` keep the mentions as the extractor wrote them, without ids), else
    from any ``entity_id`` already set on an analysis' mentions."""
    vec = config["vectors"]
    lead_ends = [lead_offset(d, analyses.get(d.id), vec["lead_sentences"]) for d in docs]

    def term_rows() -> Iterator[Counter[str]]:
        for doc, lead_end in zip(docs, lead_ends, strict=True):
            text = doc.text
            if doc.title and doc.title not in text:
                text = f"{doc.title}\n{text}"
            shift = len(text) - len(doc.text)
            yield term_counts(text, lead_end + shift, vec["lead_weight"], vec["name_weight"])

    entity_rows = entity_counts(docs, analyses, entities, lead_ends, vec["lead_weight"])
    when_rows = [date_keys(analyses.get(d.id)) for d in docs]
    lead_events, event_rows = document_events(
        docs, events, lead_ends, vec["lead_weight"], config["dates"]["trusted_factuality"]
    )
    days = np.array([day_number(d.published) for d in docs], dtype=np.float64)
    for row, lead in enumerate(lead_events):
        if days[row] == NO_DAY and lead is not None and lead.confident:
            days[row] = lead.day
    terms, topics = weighted_vectors(term_rows())
    return Features(
        ids=[d.id for d in docs],
        terms=terms,
        topics=topics,
        entities=weighted_vectors(entity_rows)[0] if any(entity_rows) else None,
        events=weighted_vectors(event_rows)[0] if any(event_rows) else None,
        when=weighted_vectors(when_rows)[0] if any(when_rows) else None,
        days=days,
        lead_events=lead_events,
        entity_rows=entity_rows,
    )


def lead_offset(doc: Document, analysis: DocumentAnalysis | None, sentences: int) -> int:
    """End offset of the lead: the first ``sentences`` sentences (lines when not analysed)."""
    if analysis and analysis.sentences:
        return analysis.sentences[min(sentences, len(analysis.sentences)) - 1].end
    end = 0
    for _ in range(sentences):
        found = doc.text.find("\n", end + 1)
        if found < 0:
            return len(doc.text)
        end = found
    return end


def entity_counts(
    docs: Sequence[Document],
    analyses: dict[str, DocumentAnalysis],
    entities: Sequence[Entity],
    lead_ends: list[int],
    lead_weight: float,
) -> list[dict[str, float]]:
    """Per document, its canonical entities' mention counts (lead mentions weigh more)."""
    row_of = {d.id: row for row, d in enumerate(docs)}
    counts: list[dict[str, float]] = [defaultdict(float) for _ in docs]

    def add(entity_id: str, mention: Mention) -> None:
        row = row_of.get(mention.provenance.doc_id)
        if row is not None:
            start = mention.provenance.start
            counts[row][entity_id] += lead_weight if start < lead_ends[row] else 1.0

    for entity in entities:
        for mention in entity.mentions:
            add(entity.id, mention)
    if not entities:
        for analysis in analyses.values():
            for mention in analysis.mentions:
                if mention.entity_id:
                    add(mention.entity_id, mention)
    return counts


def date_keys(analysis: DocumentAnalysis | None) -> Counter[str]:
    """The calendar dates a document mentions, as keys at each granularity it states: day of
    the year ("11-19", also from "November 19" with the year unknown), month ("2011-11") and
    year ("2011"). Reports of one event name the same days; reports of another occurrence of
    the same kind name others."""
    counts: Counter[str] = Counter()
    for timex in analysis.timexes if analysis else ():
        value = timex.value or ""
        if timex.type != "DATE" or not _DATE_VALUE.match(value):
            continue
        year, month, day = [*value.split("-"), "", ""][:3]
        if day[:2].isdigit() and month.isdigit():
            counts[f"day:{month}-{day[:2]}"] += 1
        if year.isdigit():
            counts[f"year:{year}"] += 1
            if month.isdigit():
                counts[f"month:{year}-{month}"] += 1
    return counts


def document_events(
    docs: Sequence[Document],
    events: Sequence[Event],
    lead_ends: list[int],
    lead_weight: float,
    trusted: Collection[str] = ("asserted",),
) -> tuple[list[DocEvent | None], list[dict[str, float]]]:
    """Per document: its lead event (earliest mention) and its weighted event-id counts.

    An event's date is trusted (``DocEvent.confident``) only when a time expression gave it
    and the text states the event as fact (factuality in ``trusted``, not a habit): dates
    inherited from the document, or of planned and hypothetical events, say little about
    which occurrence a document reports."""
    row_of = {d.id: row for row, d in enumerate(docs)}
    counts: list[dict[str, float]] = [defaultdict(float) for _ in docs]
    leads: list[DocEvent | None] = [None] * len(docs)
    for event in sorted(events, key=lambda e: e.id):
        day = day_number(event.date)
        confident = (
            day != NO_DAY
            and event.date_basis == "timex"
            and event.factuality in trusted
            and not event.generic
        )
        positions: dict[int, int] = {}
        for mention in event.mentions:
            row = row_of.get(mention.provenance.doc_id)
            if row is not None:
                start = mention.provenance.start
                positions[row] = min(positions.get(row, start), start)
                counts[row][event.id] += lead_weight if start < lead_ends[row] else 1.0
        for doc_id in event.documents:
            row = row_of.get(doc_id)
            if row is not None and row not in positions:
                positions[row] = 1 << 30
                counts[row][event.id] += 1.0
        for row, position in positions.items():
            lead = leads[row]
            if lead is None or (position, event.id) < (lead.position, lead.event_id):
                leads[row] = DocEvent(event.id, event.type, day, position, confident)
    return leads, counts


def day_number(value: str | None) -> float:
    """Proleptic ordinal of an ISO date (YYYY-MM-DD…); NO_DAY for partial or missing dates."""
    if not value or len(value) < 10:
        return NO_DAY
    try:
        return float(date.fromisoformat(value[:10]).toordinal())
    except ValueError:
        return NO_DAY
