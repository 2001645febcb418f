"""Document features for story clustering: what is compared across documents, one row each.

Every feature of a document is computed from that document alone (its text and its own
analysis) with weights that do not depend on the pile, so the score of a pair is the same
whatever else is stored (``scoring``): words (sublinear tf times a background idf,
``background``; title and lead weighted), the calendar dates its time expressions name, the
numbers it states, the people its lead names (by surname), the kind and agent of the first act
its lead tells, the day of the news its lead tells and the days it names as still to come, and
its date (publication date, else the date of its lead event when a time expression gave it).
Canonical entities and merged events (pile-wide) feed only the labels.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from scipy import sparse

from storyline.models import Document, DocumentAnalysis, Entity, EventMention, Mention, Timex
from storyline.models.pile import AnalysisPile
from storyline.stories.background import term_idf
from storyline.text.vectors import Vectors, csr_from_arrays, term_counts, term_of

NO_DAY = np.inf
_DATE_VALUE = re.compile(r"^(?:\d{4}|XXXX)(?:-\d{2}(?:-\d{2})?)?$")
_NAME_WORD = re.compile(r"[^\W\d_]+")
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w]|[.,]\d)")
YEAR_RANGE = (1900, 2100)  # four-digit numbers in this range are years (see date_keys)
LEAD_MIN_WORDS = 8  # a news sentence; furniture lines ("Share | Tweet", bylines) are shorter


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
    terms: Vectors  # words, background idf
    when: Vectors | None  # calendar dates the text mentions (its time expressions)
    numbers: Vectors | None  # numbers the text states
    dated: np.ndarray  # whether each document names a calendar date (any ``date_keys``)
    years: list[frozenset[str]]  # the years each document names
    days_of_year: list[tuple[frozenset[str], frozenset[str]]]  # ("MM-DD" without, with year)
    lead_people: list[frozenset[str]]  # surnames (as terms) of the people its lead names
    lead_agents: list[tuple[str, str, str] | None]  # (type, mode, agent) of its lead's first act
    # the terms of the document (title included) that some document's lead names as a person:
    # all the ``lead_people`` subset test reads, a few per document instead of every term
    named_words: list[frozenset[str]]
    days: np.ndarray  # ordinal day or NO_DAY
    lead_events: list[DocEvent | None]
    lead_ends: list[int]  # where each document's lead ends (offset into its text)
    news_days: np.ndarray  # day of the first act its lead tells as done (``news_day``) or NO_DAY
    days_ahead: list[frozenset[float]]  # days it names after its publication (``days_ahead``)
    entity_rows: list[dict[str, float]]  # canonical entity id -> weighted mentions (labels)


#: The layers of an analysis the features read (``models.pile``).
FEATURE_LAYERS = ("sentences", "timexes", "mentions", "events")


def document_features(
    docs: Sequence[Document],
    analyses: Mapping[str, DocumentAnalysis] | AnalysisPile,
    config: dict[str, Any],
    entities: Sequence[Entity] = (),
) -> Features:
    """The rows compared across documents, each from its own document and analysis only;
    ``entities`` (canonical, pile-wide) give only the entity rows that labels read. Each
    document's rows are made while its analysis is read (a pile streams them: the analyses are
    never held together)."""
    vec = config["vectors"]
    ids = [d.id for d in docs]
    if isinstance(analyses, AnalysisPile):
        own: Iterable[DocumentAnalysis | None] = analyses.of(ids, FEATURE_LAYERS)
    else:
        own = (analyses.get(doc_id) for doc_id in ids)
    trusted = config["dates"]["trusted_factuality"]
    told = config["dates"]["news_factuality"]
    lead_ends: list[int] = []
    term_rows: list[Counter[str]] = []
    date_rows: list[Counter[str]] = []
    number_rows: list[Counter[str]] = []
    lead_events: list[DocEvent | None] = []
    people: list[frozenset[str]] = []
    agents: list[tuple[str, str, str] | None] = []
    news: list[float] = []
    ahead: list[frozenset[float]] = []
    for doc, a in zip(docs, own, strict=True):
        end = lead_offset(doc, a, vec["lead_sentences"])
        lead_ends.append(end)
        term_rows.append(_term_row(doc, end, vec["lead_weight"], vec["name_weight"]))
        date_rows.append(date_keys(a))
        number_rows.append(number_counts(doc.text))
        lead_events.append(lead_event(a.events, trusted) if a else None)
        people.append(lead_people(a.mentions, end) if a else frozenset())
        agents.append(lead_agent(a.events, end) if a else None)
        news.append(news_day(a.events, end, told) if a else NO_DAY)
        ahead.append(days_ahead(a.timexes, day_number(doc.published)) if a else frozenset())
    days = np.array([day_number(d.published) for d in docs], dtype=np.float64)
    for row, lead in enumerate(lead_events):
        if days[row] == NO_DAY and lead is not None and lead.confident:
            days[row] = lead.day
    weights = config["when_weights"]
    named = frozenset[str]().union(*people)
    return Features(
        ids=ids,
        terms=fixed_vectors(term_rows, term_idf),
        when=fixed_vectors(date_rows, lambda key: float(weights[key.split(":", 1)[0]]))
        if any(date_rows)
        else None,
        numbers=fixed_vectors(number_rows, number_idf) if any(number_rows) else None,
        dated=np.array([bool(row) for row in date_rows], dtype=bool),
        years=shared([frozenset(k for k in row if k.startswith("year:")) for row in date_rows]),
        days_of_year=shared(
            [
                (
                    frozenset(k[4:] for k in row if k.startswith("day:")),
                    frozenset(k[-5:] for k in row if k.startswith("date:")),
                )
                for row in date_rows
            ]
        ),
        lead_people=shared(people),
        lead_agents=shared(agents),
        named_words=shared([named.intersection(row) for row in term_rows]),
        days=days,
        lead_events=lead_events,
        lead_ends=lead_ends,
        news_days=np.array(news, dtype=np.float64),
        days_ahead=shared(ahead),
        entity_rows=entity_counts(docs, entities, lead_ends, vec["lead_weight"]),
    )


def shared(values: Iterable[Hashable]) -> list[Any]:
    """``values`` with equal ones as one object: most documents name the same few years, no
    date ahead, one or two lead people, so a pile's rows are mostly repeats, and a row per
    document costs a pointer instead of a set."""
    table: dict[Hashable, Hashable] = {}
    return [table.setdefault(value, value) for value in values]


def _term_row(doc: Document, lead_end: int, lead_weight: float, name_weight: float) -> Counter[str]:
    """The document's term counts, its title counted as lead unless the text already holds
    it; the titled copy of the text lives only while its terms are counted."""
    if doc.title and doc.title not in doc.text:
        text = f"{doc.title}\n{doc.text}"
        return term_counts(text, lead_end + len(doc.title) + 1, lead_weight, name_weight)
    return term_counts(doc.text, lead_end, lead_weight, name_weight)


def fixed_vectors(counts: Iterable[Mapping[str, float]], idf: Callable[[str], float]) -> Vectors:
    """Sublinear-tf vectors times a fixed ``idf`` per feature, L2-normalised: a row depends on
    its own document only (the vocabulary is local, the weights are not)."""
    index: dict[str, int] = {}
    cols, vals, indptr = array("q"), array("d"), array("q", [0])
    for counter in counts:
        for key, value in counter.items():
            if value <= 0:
                continue
            weight = idf(key) * (1.0 + np.log(max(value, 1.0)))
            if weight > 0:
                cols.append(index.setdefault(key, len(index)))
                vals.append(weight)
        indptr.append(len(cols))
    matrix = csr_from_arrays(vals, cols, indptr, len(index))
    matrix.sum_duplicates()
    matrix.sort_indices()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sparse.diags(1.0 / norms).dot(matrix).tocsr()
    vocabulary = [""] * len(index)
    for key, col in index.items():
        vocabulary[col] = key
    df = np.bincount(matrix.indices, minlength=len(index)).astype(np.float64)
    return Vectors(matrix=matrix, vocabulary=vocabulary, df=df)


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


def number_idf(value: str) -> float:
    """Small numbers are everywhere in text and large ones rare (Benford; the frequency of a
    number in running text falls roughly as 1/n): a number weighs ``1 + ln(1 + n)``."""
    return 1.0 + float(np.log1p(max(float(value), 0.0)))


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


def entity_counts(
    docs: Sequence[Document],
    entities: Sequence[Entity],
    lead_ends: list[int],
    lead_weight: float,
) -> list[dict[str, float]]:
    """Per document, its canonical entities' mention counts (lead mentions weigh more)."""
    row_of = {d.id: row for row, d in enumerate(docs)}
    counts: list[dict[str, float]] = [defaultdict(float) for _ in docs]
    for entity in entities:
        for mention in entity.mentions:
            row = row_of.get(mention.provenance.doc_id)
            if row is not None:
                start = mention.provenance.start
                counts[row][entity.id] += lead_weight if start < lead_ends[row] else 1.0
    return counts


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
