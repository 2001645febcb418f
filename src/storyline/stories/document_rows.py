"""One document's story-clustering row: what the clustering compares of it, from that document
alone (its text and its own analysis), before any pile-wide weighting (``features``).

A row holds the document's raw term, date and number counts, where its lead ends, its lead
event, the people and the agent its lead names, the day of the news its lead tells and the days
it names as still to come. Nothing in it depends on what else is stored, so a row is kept in
the store between builds (``stories.kept``) and a re-build makes only those of new or changed
documents.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from storyline.models import Document, DocumentAnalysis, EventMention, Mention, Timex
from storyline.text.vectors import term_counts, term_of

NO_DAY = np.inf
_DATE_VALUE = re.compile(r"^(?:\d{4}|XXXX)(?:-\d{2}(?:-\d{2})?)?$")
_NAME_WORD = re.compile(r"[^\W\d_]+")
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w]|[.,]\d)")
YEAR_RANGE = (1900, 2100)  # four-digit numbers in this range are years (see date_keys)
LEAD_MIN_WORDS = 8  # a news sentence; furniture lines ("Share | Tweet", bylines) are shorter


@dataclass(slots=True)
class DocEvent:
    """What the clustering needs of one event a document reports (one per document is held
    to the end of the stories: slots, not a dict of attributes)."""

    event_id: str
    type: str
    day: float  # proleptic ordinal, or NO_DAY
    position: int  # where its first mention starts in the document (lead = small)
    confident: bool = False  # dated by a time expression, and asserted as having happened


@dataclass(slots=True)
class DocumentRow:
    """What the clustering compares of one document, made from it alone (``document_row``);
    slots, not a dict of attributes (a rebuild holds every kept row, ``stories.kept``)."""

    lead_end: int  # where its lead ends (offset into its text)
    terms: Counter[str]  # weighted term counts, title and lead weighted (``_term_row``)
    dates: Counter[str]  # the calendar dates it names (``date_keys``)
    numbers: Counter[str]  # the numbers it states (``number_counts``)
    lead_event: DocEvent | None
    people: frozenset[str]  # surnames of the people its lead names (``lead_people``)
    agent: tuple[str, str, str] | None  # its lead's first act (``lead_agent``)
    news: float  # the day of the news its lead tells (``news_day``), or NO_DAY
    ahead: frozenset[float]  # days it names after its publication (``days_ahead``)
    # its heaviest terms, where kept with it (``stories.kept.keep_made_rows``)
    top: tuple[str, ...] | None = None


def document_row(
    doc: Document, analysis: DocumentAnalysis | None, config: dict[str, Any]
) -> DocumentRow:
    """``doc``'s row, from its text and its own analysis (None: not analysed yet)."""
    vec, dates = config["vectors"], config["dates"]
    end = lead_offset(doc, analysis, vec["lead_sentences"])
    a = analysis
    return DocumentRow(
        lead_end=end,
        terms=_term_row(doc, end, vec["lead_weight"], vec["name_weight"]),
        dates=date_keys(a),
        numbers=number_counts(doc.text),
        lead_event=lead_event(a.events, dates["trusted_factuality"]) if a else None,
        people=lead_people(a.mentions, end) if a else frozenset(),
        agent=lead_agent(a.events, end) if a else None,
        news=news_day(a.events, end, dates["news_factuality"]) if a else NO_DAY,
        ahead=days_ahead(a.timexes, day_number(doc.published)) if a else frozenset(),
    )


def _term_row(doc: Document, lead_end: int, lead_weight: float, name_weight: float) -> Counter[str]:
    """The document's term counts, its title counted as lead unless the text already holds
    it; the titled copy of the text lives only while its terms are counted."""
    if doc.title and doc.title not in doc.text:
        text = f"{doc.title}\n{doc.text}"
        return term_counts(text, lead_end + len(doc.title) + 1, lead_weight, name_weight)
    return term_counts(doc.text, lead_end, lead_weight, name_weight)


def name_key(text: str, label: str | None) -> str:
    """How a name is compared across documents: a person by surname ("Narendra Modi",
    "PM Modi" and "Modi" are all "modi"), anything else by its words ("the Kremlin" →
    "kremlin"); "" when nothing is left."""
    words = [w for w in _NAME_WORD.findall(text.lower()) if term_of(w)]
    if not words:
        return ""
    return words[-1] if label == "PERSON" else " ".join(words)


def lead_people(mentions: Sequence[Mention], lead_end: int) -> frozenset[str]:
    """The people a document's lead names, by surname as a term ("Hasim Rahman" → "rahman")."""
    return frozenset(
        term_of(key)
        for m in mentions
        if m.label == "PERSON" and m.provenance.start < lead_end
        for key in [name_key(m.text, m.label)]
        if key and term_of(key)
    )


def lead_agent(events: Sequence[EventMention], lead_end: int) -> tuple[str, str, str] | None:
    """The kind and the agent of the first act the lead tells as having happened, when a
    person did it: (event type, mode or "", the person's surname as a term)."""
    told = [
        e
        for e in events
        if e.provenance.start < lead_end
        and e.factuality in ("asserted", "reported")
        and not e.generic
    ]
    for event in sorted(told, key=lambda e: (e.provenance.start, e.id)):
        people = [a for a in event.source if a.label == "PERSON"]
        if people:
            agent = term_of(name_key(people[0].name or people[0].text, "PERSON"))
            return (event.type, event.mode or "", agent) if agent else None
    return None


def number_counts(text: str) -> Counter[str]:
    """The numbers a text states ("23", "6.4", "35,000" as "35000"), years left to the
    calendar dates."""
    counts: Counter[str] = Counter()
    for match in _NUMBER.finditer(text):
        value = match.group(1).replace(",", "")
        if "." not in value and YEAR_RANGE[0] <= int(value) <= YEAR_RANGE[1]:
            continue
        counts[value] += 1
    return counts


def lead_offset(doc: Document, analysis: DocumentAnalysis | None, sentences: int) -> int:
    """End offset of the lead: the first ``sentences`` full sentences (``LEAD_MIN_WORDS`` words
    or more: a scrape's site name, byline, date line and share buttons before the body are not
    the lead); lines when not analysed."""
    if analysis and analysis.sentences:
        seen = 0
        for sentence in analysis.sentences:
            if len(doc.text[sentence.start : sentence.end].split()) >= LEAD_MIN_WORDS:
                seen += 1
                if seen == sentences:
                    return sentence.end
        return analysis.sentences[-1].end
    end = 0
    for _ in range(sentences):
        found = doc.text.find("\n", end + 1)
        if found < 0:
            return len(doc.text)
        end = found
    return end


def date_keys(analysis: DocumentAnalysis | None) -> Counter[str]:
    """The calendar dates a document mentions, as keys at each granularity it states: the
    day ("2011-11-19"; "11-19" when the year is unknown, as in "November 19" in an undated
    text), the month ("2011-11") and the year ("2011"). Reports of one event name the same
    days; reports of another occurrence of the same kind name others (the same day of another
    year is another day)."""
    counts: Counter[str] = Counter()
    for timex in analysis.timexes if analysis else ():
        value = timex.value or ""
        if timex.type != "DATE" or not _DATE_VALUE.match(value):
            continue
        year, month, day = [*value.split("-"), "", ""][:3]
        if day[:2].isdigit() and month.isdigit():
            counts[
                f"date:{year}-{month}-{day[:2]}" if year.isdigit() else f"day:{month}-{day[:2]}"
            ] += 1
        if year.isdigit():
            counts[f"year:{year}"] += 1
            if month.isdigit():
                counts[f"month:{year}-{month}"] += 1
    return counts


def lead_event(
    events: Sequence[EventMention], trusted: Collection[str] = ("asserted",)
) -> DocEvent | None:
    """A document's lead event: its earliest coded event mention.

    Its date is trusted (``DocEvent.confident``) only when a time expression gave it and the
    text states the event as fact (factuality in ``trusted``, not a habit): dates inherited
    from the document, or of planned and hypothetical events, say little about which
    occurrence a document reports."""
    if not events:
        return None
    first = min(events, key=lambda e: (e.provenance.start, e.id))
    day = day_number(first.date)
    confident = (
        day != NO_DAY
        and first.date_basis == "timex"
        and first.factuality in trusted
        and not first.generic
    )
    return DocEvent(first.id, first.type, day, first.provenance.start, confident)


def news_day(
    events: Sequence[EventMention], lead_end: int, told: Collection[str] = ("asserted", "reported")
) -> float:
    """The day of the news a document's lead tells: the first act of its lead told as done
    (factuality in ``told``: stated, or attributed as wire leads are, "…, officials said"; not
    a plan, a habit or a denial) dated to a day, by a time expression or, told with none ("the
    presidents have signed"), by the publication day it inherits; NO_DAY when none."""
    told_acts = [
        e
        for e in events
        if e.provenance.start < lead_end
        and e.factuality in told
        and not e.generic
        and e.date_basis in ("timex", "document-date")
        and day_number(e.date) != NO_DAY
    ]
    if not told_acts:
        return NO_DAY
    return day_number(min(told_acts, key=lambda e: (e.provenance.start, e.id)).date)


def days_ahead(timexes: Sequence[Timex], published: float) -> frozenset[float]:
    """The days a document names after the day it was published: what it expects to come (a
    summit "on September 9 and 10", a ceremony "on March 12"), never what it reports as done.
    Empty when the document is undated (nothing tells which days were still ahead)."""
    if published == NO_DAY:
        return frozenset()
    return frozenset(
        day
        for timex in timexes
        if timex.type == "DATE"
        for day in [day_number(timex.value)]
        if day != NO_DAY and day > published
    )


def day_number(value: str | None) -> float:
    """Proleptic ordinal of an ISO date (YYYY-MM-DD…); NO_DAY for partial or missing dates."""
    if not value or len(value) < 10:
        return NO_DAY
    try:
        return float(date.fromisoformat(value[:10]).toordinal())
    except ValueError:
        return NO_DAY
