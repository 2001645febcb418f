"""Event dates against gold time links: the table ``storyline eval factuality`` adds.

The product's first complaint on unseen piles was events "undated or with the wrong date". Both
gold corpora say when an event happened where its text says so: a TLINK from an event to a
time expression. The links that *place* the event in that time are the gold dates here
(TimeML 1.2.1 guidelines, section on TLINK; the event seen from the event's side, a link
written from the time's side turned round):

* IS_INCLUDED ("met on Tuesday"), DURING, SIMULTANEOUS: the event lies in the time;
* BEGINS, ENDS: the event is the time's first or last part, so it lies in it too;
* BEGUN_BY, ENDED_BY: the event starts or ends at the time ("began on Monday"), the date a
  timeline gives it.

BEFORE/AFTER (an ordering, not a date), INCLUDES (the event outlasts the time) and IDENTITY
are not gold dates. Only DATE expressions written in the text count (the creation time is
metadata, and the narrative convention that dates an event by it is the tool's own guess).
Where one event has several such links, the finest time is its gold date.

Each linked gold event is aligned, as factuality's coded view aligns (``one_to_one``: a coded
mention whose trigger span overlaps the gold event word, one-to-one in gold order), to a
mention ``extract_event_mentions`` codes on the text with the document's creation time as its
publication date, and the mention's date is judged against the time's calendar value:

* right: the tool's date (with its range end) lies within the gold value at the gold's
  granularity ("2008-01-04" in "2008-01"; "2008-W02" is a week, "2008-Q1" a quarter);
* coarser: the tool's date holds the gold time but is wider ("2008" for "2008-01-04");
* same words, other value: the tool dated it from the gold's own time expression but resolved
  that to another value ("Monday" a week apart: ``eval timex``'s business, not dating's);
* wrong: any other date; undated: none.

An event whose links name no calendar interval (PRESENT_REF, XXXX-…) is left out.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from storyline.evaluation.factuality_gold import GoldText
from storyline.evaluation.meantime import MeantimeDocument
from storyline.evaluation.report import EvalTable
from storyline.models import Document, EventMention

#: A link from the event's side that places the event within the time.
PLACING = frozenset(
    {"IS_INCLUDED", "DURING", "SIMULTANEOUS", "BEGINS", "ENDS", "BEGUN_BY", "ENDED_BY"}
)
#: The same link written from the time's side.
TURNED = {
    "INCLUDES": "IS_INCLUDED",
    "IS_INCLUDED": "INCLUDES",
    "DURING": "DURING_INV",
    "DURING_INV": "DURING",
    "BEGINS": "BEGUN_BY",
    "BEGUN_BY": "BEGINS",
    "ENDS": "ENDED_BY",
    "ENDED_BY": "ENDS",
    "BEFORE": "AFTER",
    "AFTER": "BEFORE",
    "IBEFORE": "IAFTER",
    "IAFTER": "IBEFORE",
}
VERDICTS: tuple[str, ...] = ("right", "coarser", "other value", "wrong", "undated")
SHOWN_FAILURES = 40
TIMEX = re.compile(r"<TIMEX3\b([^>]*)>", re.I)
TLINK = re.compile(r"<TLINK\b([^>]*)>", re.I)
INSTANCE = re.compile(r"<MAKEINSTANCE\b([^>]*)>", re.I)


@dataclass(frozen=True)
class GoldDate:
    """An event word (offsets index the gold text) and the time a link places it in."""

    start: int
    end: int
    text: str
    relation: str
    value: str
    timex: str


# --- calendar intervals ------------------------------------------------------------------------


def interval(value: str | None) -> tuple[date, date] | None:
    """The first and last day a TIMEX3 value covers (day, week, month, quarter, half, year,
    decade, century), or None for anything that is not a calendar interval."""
    value = (value or "").split("T")[0]
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            return _months(int(m[1]), int(m[2]), 1)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
            return _months(int(m[1]), 3 * int(m[2]) - 2, 3)
        if m := re.fullmatch(r"(\d{4})-H([12])", value):
            return _months(int(m[1]), 6 * int(m[2]) - 5, 6)
        if re.fullmatch(r"\d{2,4}", value):
            width = 10 ** (4 - len(value))
            first = int(value) * width
            return date(first, 1, 1), date(first + width - 1, 12, 31)
    except ValueError:
        return None
    return None


def _months(year: int, month: int, count: int) -> tuple[date, date]:
    index = year * 12 + month - 1 + count
    return date(year, month, 1), date(index // 12, index % 12 + 1, 1) - timedelta(days=1)


def verdict(mention: EventMention, gold: GoldDate) -> str:
    """One of ``VERDICTS``: the mention's date against the gold time."""
    found = _placed(mention, gold.value)
    same_words = (mention.date_text or "").strip().lower() == gold.timex.strip().lower()
    return "other value" if found == "wrong" and same_words else found


def _placed(mention: EventMention, gold_value: str) -> str:
    gold = interval(gold_value)
    tool = interval(mention.date)
    if tool is None or gold is None:
        return "undated"
    end = interval(mention.date_end)
    first, last = tool[0], max(tool[1], end[1]) if end else tool[1]
    if gold[0] <= first and last <= gold[1]:
        return "right"
    if first <= gold[0] and gold[1] <= last:
        return "coarser"
    return "wrong"


def _finest(dates: list[GoldDate]) -> GoldDate | None:
    known = [(interval(d.value), d) for d in dates]
    spans = [(span[1] - span[0], d.start, d) for span, d in known if span is not None]
    return min(spans, key=lambda s: (s[0], s[1]))[2] if spans else None


# --- gold links --------------------------------------------------------------------------------


def timeml_dates(source: str) -> list[GoldDate]:
    """The gold dates of a TimeML file's events (offsets index its TEXT as
    ``factuality_gold.read_timeml_events`` strips it)."""
    from storyline.evaluation.timeml import strip_markup, tag_attributes

    body = re.search(r"<TEXT\b[^>]*>(.*?)</TEXT\s*>", source, re.S | re.I)
    fragment = body.group(1) if body else source
    text, events = strip_markup(fragment, "EVENT")
    _, timexes = strip_markup(fragment, "TIMEX3")
    words = {a.get("eid", ""): (s, e) for a, s, e in events}
    times = {
        a.get("tid", ""): (a.get("value", ""), text[s:e].strip())
        for a, s, e in timexes
        if a.get("type", "").upper() == "DATE"
        and e > s
        and a.get("functionInDocument", "NONE") != "CREATION_TIME"
    }
    of_instance = {
        a.get("eiid", ""): a.get("eventID", "")
        for a in (tag_attributes(m.group(1)) for m in INSTANCE.finditer(source))
    }
    by_event: dict[str, list[GoldDate]] = {}
    for link in (tag_attributes(m.group(1)) for m in TLINK.finditer(source)):
        relation = link.get("relType", "")
        if "eventInstanceID" in link and "relatedToTime" in link:
            instance, tid = link["eventInstanceID"], link["relatedToTime"]
        elif "timeID" in link and "relatedToEventInstance" in link:
            instance, tid = link["relatedToEventInstance"], link["timeID"]
            relation = TURNED.get(relation, relation)
        else:
            continue
        eid = of_instance.get(instance, "")
        if relation not in PLACING or tid not in times or eid not in words:
            continue
        start, end = words[eid]
        value, words_of_time = times[tid]
        gold = GoldDate(start, end, text[start:end], relation, value, words_of_time)
        by_event.setdefault(eid, []).append(gold)
    return _kept(by_event)


def meantime_dates(source: MeantimeDocument) -> list[GoldDate]:
    """The gold dates of a MEANTIME document's event mentions."""
    events = {m.m_id: m for m in source.event_mentions}
    times = {
        t.m_id: t
        for t in source.timexes
        if t.type == "DATE" and t.start >= 0 and t.function_in_document != "CREATION_TIME"
    }
    by_event: dict[str, list[GoldDate]] = {}
    for rel in source.relations:
        if rel.kind != "TLINK":
            continue
        relation = rel.attributes.get("reltype", "")
        for first in rel.sources:
            for second in rel.targets:
                if first in events and second in times:
                    event, time, placed = events[first], times[second], relation
                elif first in times and second in events:
                    event, time, placed = events[second], times[first], TURNED.get(relation, "")
                else:
                    continue
                if placed in PLACING:
                    gold = GoldDate(
                        event.start, event.end, event.text, placed, time.value, time.text
                    )
                    by_event.setdefault(event.m_id, []).append(gold)
    return _kept(by_event)


def _kept(by_event: dict[str, list[GoldDate]]) -> list[GoldDate]:
    kept = [_finest(dates) for dates in by_event.values()]
    return sorted((d for d in kept if d is not None), key=lambda d: d.start)


# --- scoring -----------------------------------------------------------------------------------


@dataclass
class DateTally:
    """Verdict counts of one set, gold links no coded mention sits on, and the failures."""

    verdicts: Counter = field(default_factory=Counter)
    not_coded: int = 0
    failures: list[list[str | float | int | None]] = field(default_factory=list)

    def add(
        self, doc_id: str, gold: GoldDate, mention: EventMention | None, keep_all: bool = False
    ) -> None:
        if mention is None:
            self.not_coded += 1
            return
        found = verdict(mention, gold)
        self.verdicts[found] += 1
        if found != "right" and (keep_all or len(self.failures) < SHOWN_FAILURES):
            sentence = " ".join((mention.provenance.sentence or "").split())[:220]
            told = f"{mention.date} ({mention.date_basis}: {mention.date_text})"
            self.failures.append(
                [
                    doc_id,
                    gold.text,
                    found,
                    f"{gold.relation} '{gold.timex}' {gold.value}",
                    told if mention.date else "-",
                    sentence,
                ]
            )


def one_to_one(
    words: list[tuple[int, int]], mentions: list[EventMention]
) -> list[EventMention | None]:
    """The coded mention each gold event word takes: the first unused one whose trigger span
    overlaps it, in gold order (factuality's and this table's alignment)."""
    used: set[int] = set()
    out: list[EventMention | None] = []
    for start, end in words:
        taken = None
        for k, m in enumerate(mentions):
            if k not in used and m.provenance.start < end and start < m.provenance.end:
                used.add(k)
                taken = m
                break
        out.append(taken)
    return out


def date_tables(tallies: list[tuple[str, DateTally]]) -> list[EvalTable]:
    """The verdict table (one row per set) and the first failures of each set."""
    rows: list[list[str | float | int | None]] = []
    failures: list[list[str | float | int | None]] = []
    for name, tally in tallies:
        counts = [tally.verdicts[v] for v in VERDICTS]
        aligned = sum(counts)
        share = round(tally.verdicts["right"] / aligned, 3) if aligned else 0.0
        rows.append([name, aligned + tally.not_coded, tally.not_coded, aligned, *counts, share])
        failures += [[name, *row] for row in tally.failures]
    scores = EvalTable(
        title="event dates against gold time links (event placed in a DATE timex)",
        columns=["set", "linked", "not coded", "coded", *VERDICTS, "right / coded"],
        rows=rows,
    )
    listed = EvalTable(
        title="event dates: first wrong, coarser and undated coded mentions",
        columns=["set", "document", "word", "verdict", "gold", "storyline", "sentence"],
        rows=failures,
    )
    return [scores, listed]


def evaluate_dates(
    meantime_dir: Path | None, timeml_dir: Path | None, part: str, limit: int | None = None
) -> list[tuple[str, DateTally]]:
    """A tally per gold set: each text coded with its creation time as publication date."""
    from storyline.evaluation.event_layers import gold_document
    from storyline.evaluation.factuality_gold import meantime_texts, read_timeml_events
    from storyline.evaluation.timeml import read_tml
    from storyline.text.datewords import parse_iso_prefix

    sets: list[tuple[str, list[tuple[GoldText, Document, list[GoldDate]]]]] = []
    if meantime_dir is not None:
        items = []
        for source, gold in meantime_texts(meantime_dir, part, limit)[0]:
            day = parse_iso_prefix(source.creation_time or "")  # one file has "03-02-2009"
            published = day.isoformat() if day else None
            document = gold_document(gold.doc_id, gold.text, gold.sentences, published)
            items.append((gold, document, meantime_dates(source)))
        items = [item for item in items if item[2]]
        sets.append(("meantime", items))
    if timeml_dir is not None:
        items = []
        for source in timeml_sources(timeml_dir, part)[:limit]:
            gold = read_timeml_events(source)
            dct = read_tml(source, gold.doc_id).dct
            published = dct.isoformat() if dct else None
            document = gold_document(gold.doc_id, gold.text, gold.sentences, published)
            items.append((gold, document, timeml_dates(source)))
        items = [item for item in items if item[2]]
        sets.append(("timeml", items))
    return [(name, tally_dates(items)) for name, items in sets]


def tally_dates(
    items: list[tuple[GoldText, Document, list[GoldDate]]], keep_all: bool = False
) -> DateTally:
    """Code each text (parsed in one batch) and judge the mentions on linked gold events."""
    from storyline.evaluation.event_layers import language_layers
    from storyline.events.extract import extract_event_mentions
    from storyline.nlp import load_model, parse

    timex_fn, mention_fn, _ = language_layers()
    tally = DateTally()
    texts = (gold.text for gold, _, _ in items)
    for (gold, document, dates), parsed in zip(items, parse(texts, load_model()), strict=True):
        mentions = [
            m
            for m in extract_event_mentions(
                document, parsed, timex_fn(document, parsed), mention_fn(document, parsed)
            )
            if m.provenance.start < gold.scored_end
        ]
        words = [(e.start, e.end) for e in gold.events if e.end > e.start]
        taken = dict(zip(words, one_to_one(words, mentions), strict=True))
        for dated in dates:  # a gold word factuality leaves out (GRAMMATICAL, unannotated): out
            if (dated.start, dated.end) in taken and dated.end <= gold.scored_end:
                tally.add(gold.doc_id, dated, taken[(dated.start, dated.end)], keep_all)
    return tally


def timeml_sources(path: Path, part: str) -> list[str]:
    """The source of each ``.tml`` file of one part under ``path``, a repeated document once."""
    from storyline.evaluation.factuality_gold import read_timeml_events
    from storyline.evaluation.splits import in_part

    files = [path] if path.is_file() else sorted(Path(path).rglob("*.tml"))
    seen: set[tuple[str, str]] = set()
    out = []
    for file in files:
        source = file.read_text(encoding="utf-8", errors="replace")
        gold = read_timeml_events(source, file.stem)
        if (gold.doc_id, gold.text) in seen or not in_part(gold.doc_id, part):
            continue
        seen.add((gold.doc_id, gold.text))
        out.append(source)
    return out
