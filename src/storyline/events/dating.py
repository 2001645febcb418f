"""When an event mention happened, from the event's own words (``EventDater``).

An event takes, in this order:

1. the temporal expression syntactically attached to its trigger or its clause ("met … on
   Wednesday", "Modi on Friday became the first … to visit Ukraine, holding talks …"), but
   never one that names another time: a bound ("since 2017", "until March", "by 2030"), or one
   that follows an event noun its clause governs ("congratulated him on the landing … on
   August 23": a temporal phrase after a deverbal noun is read as that noun's — late closure,
   the default PP-attachment preference of English parsers and readers);
2. an expression attached to the copula of its sentence ("It was on Friday that …"), the date
   in the phrase of a dated occasion its clause describes ("the 2007 Oscars hosted by
   DeGeneres": ``occasion_dates``), or an offset from its main clause's day ("On Tuesday, Modi
   dialled Putin, a day after he discussed Ukraine with Biden": Monday);
3. the publication date when the sentence says "today" (the reported present);
4. the narrative's reference time (Reichenbach; TimeML news convention): a past-tense event of a
   main clause with no time of its own happened on the story's day — the lede's "on Friday",
   moved on by a later "on Wednesday" — until a main clause moves to a coarser or non-past
   time or a dated pluperfect; a day before it ("Leaders began arriving on Friday evening") is
   background that dates its own sentence and the next, which may go on telling it; a
   pluperfect or present-perfect event is earlier than the story's day and is not carried;
5. the publication date for a past-tense main clause of the lede with no other anchor
   (a dated report's convention);
6. else nothing: undated, never guessed.

Weekdays already resolve to the nearest matching day before the article date for past tense
and after it for future tense (``timex.relative.n_weekday``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from storyline.events.clause_time import (
    ClauseSyntax,
    Offset,
    dating_rules,
    pluperfect,
    simple_past,
    verb_of,
)
from storyline.events.matching import Coded
from storyline.events.occasion_dates import described_occasion, in_noun_phrase
from storyline.events.re_mentions import ReMentionDates
from storyline.models import HAPPENED, Document, Timex
from storyline.models.events import DateBasis
from storyline.nlp import span_ents, span_text

DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PRESENT_VALUES = frozenset({"PRESENT_REF"})
WEEK_VALUE = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")


class EventDate(NamedTuple):
    """An event's date, its end, its basis, the words it came from and why."""

    date: str | None = None
    date_end: str | None = None
    basis: DateBasis = "none"
    text: str | None = None
    note: str | None = None


def calendar_value(value: str | None) -> str | None:
    """A TIMEX value an event can carry (YYYY, YYYY-MM, YYYY-MM-DD; a clock time's day)."""
    day = (value or "").split("T")[0]
    return day if DATE_VALUE.match(day) else None


class EventDater:
    """Dates the events of one document, sentence by sentence, in text order."""

    def __init__(self, document: Document, parsed: Doc, timexes: Sequence[Timex]) -> None:
        self.rules = dating_rules()
        self.syntax = ClauseSyntax(parsed, self.rules)
        self.document = document
        self.parsed = parsed
        self.timexes = sorted(
            (t for t in timexes if t.type in ("DATE", "TIME")), key=lambda t: t.provenance.start
        )
        self.spans = {t.id: self._span(t) for t in self.timexes}
        self.sentences = list(parsed.sents)
        self.body_rank = self._body_ranks()
        self.reference = self._references()
        self.re_mentions = ReMentionDates(
            parsed, self.timexes, self.spans, self.syntax, self._dated
        )

    # --- per document ------------------------------------------------------------------------

    def _span(self, timex: Timex) -> Span | None:
        p = timex.provenance
        return self.parsed.char_span(p.start, p.end, alignment_mode="expand")

    def _body_ranks(self) -> dict[int, int]:
        """Rank of each sentence among the body's prose sentences (headings skipped)."""
        headings = [(b.start, b.end) for b in self.document.blocks if b.kind == "heading"]
        ranks, rank = {}, 0
        for index, sentence in enumerate(self.sentences):
            if any(s <= sentence.start_char < e for s, e in headings) or len(sentence) < 6:
                continue
            ranks[index] = rank
            rank += 1
        return ranks

    def _inside(self, sentence: Span) -> list[Timex]:
        return [
            t for t in self.timexes if sentence.start_char <= t.provenance.start < sentence.end_char
        ]

    def _references(self) -> list[tuple[str, Timex] | None]:
        """The story's reference day in force at the start of each sentence.

        The lede sets it: the day of its main clause, else the first day it states elsewhere
        ("did not endorse the communique adopted on Sunday"): a lede names its news's time
        wherever it puts it. A later main clause dated by a day moves it on only to a later day
        (narrative progression); an earlier day is background that the next sentence may go
        on telling ("was in a wheelchair Nov. 30 when he pulled a gun … The guards … were
        forced to drive"), after which the story returns to its own day (TimeBank/AQUAINT
        TLINKs, tuning part: the sentence right after a flashback sits on the flashback's day
        8 times and on the story's 7, later sentences 9 and 29 times). A dated pluperfect
        ("Peskov had said on Friday …") opens a flashback the next simple-past sentences may
        go on telling, and a main clause dated by anything coarser or non-past moves to another
        time: both end it."""
        published = self.document.published
        current: tuple[str, Timex] | None = None
        background: tuple[str, Timex] | None = None  # an earlier day, for the next sentence
        result: list[tuple[str, Timex] | None] = []
        for index, sentence in enumerate(self.sentences):
            result.append(background or current)
            background = None
            root = sentence.root
            main = self.syntax.main_clause(root)
            flashback = any(pluperfect(self.parsed[i]) for i in main)
            for timex in self._inside(sentence):  # the last main-clause time wins
                if not self._attached(timex, main) or self._other_time(timex):
                    continue
                value = calendar_value(timex.value)
                if value and published and value[: len(published)] > published[: len(value)]:
                    continue  # a time after publication is a plan: the narrative stays put
                if value and DAY_VALUE.match(value) and not flashback:
                    if current is None or value >= current[0]:
                        current, background = (value, timex), None
                    else:
                        background = (value, timex)
                elif value or timex.value in PRESENT_VALUES or self._past_week(timex):
                    current = background = None
            if current is None and self._in_lede(index):
                current = self._lede_day(sentence)
        return result

    def _past_week(self, timex: Timex) -> bool:
        """ "But this week, Attorney General Janet Reno lifted the deadline" (TimeBank tuning),
        "over the weekend": a week or weekend begun by publication is a time coarser than a
        day, so it ends the story's day as a month or a year does (a later one is a plan,
        which leaves the story's day in force)."""
        week = WEEK_VALUE.match(timex.value or "")
        published = self.document.published
        if week is None or not published:
            return False
        first = 6 if week.group(3) else 1  # a weekend begins on Saturday
        try:
            begun = date.fromisocalendar(int(week.group(1)), int(week.group(2)), first)
        except ValueError:  # no such week ("2021-W53", "2024-W00"): no time to end the day by
            return False
        return begun.isoformat() <= published[:10]

    def _in_lede(self, index: int) -> bool:
        return self.body_rank.get(index, self.rules.lede_sentences) < self.rules.lede_sentences

    def _lede_day(self, sentence: Span) -> tuple[str, Timex] | None:
        """The first day a lede sentence states outside its main clause, unless it bounds or
        orders another time or sits in a pluperfect or after/before/since clause."""
        published = self.document.published or "9999"
        for timex in self._inside(sentence):
            value = calendar_value(timex.value)
            if not value or not DAY_VALUE.match(value) or value > published:
                continue
            word = self.syntax.attachment(self.spans.get(timex.id))
            if self._other_time(timex) or word is None or self._background(word):
                continue
            return value, timex
        return None

    def _background(self, word: Token) -> bool:
        """Is the word in a pluperfect clause or one ordered against another time ("a day
        after …", "since …", also where the parser hung "since X sent" on as a conjunct)?"""
        node = word
        for _ in range(10):
            if node.pos_ in ("VERB", "AUX") and pluperfect(node):
                return True
            if node.dep_ == "advcl" and self.syntax.ordered(node):
                return True
            if self.syntax.misparsed_subordinate(node):  # "since Moscow sent …" as a conjunct
                return True
            if node.head is node:
                return False
            node = node.head
        return False

    def _attached(self, timex: Timex, anchors: set[int]) -> bool:
        return self.syntax.attached_to(self.spans.get(timex.id), anchors)

    def _other_time(self, timex: Timex) -> bool:
        """A bound or another event's time: "since 2017", "until March", "for the first time
        since", "as of June", "ahead of Friday's vote"."""
        start = timex.provenance.start
        before = self.document.text[max(0, start - 40) : start].lower().split()
        if before and before[-1] in self.rules.other_time_words:
            return True
        tail = " ".join(before[-4:])
        return any(tail.endswith(phrase) for phrase in self.rules.other_time_phrases)

    # --- per event ---------------------------------------------------------------------------

    def date(self, coded: Coded, sentence: Span, index: int) -> EventDate:
        """The date of one event, with its basis and the reason: its own (``_own_date``), or
        the finer date of a re-mention that nests in it ("two years after Manila signed a
        contract … The contract, signed on January 28, 2022": ``re_mentions``)."""
        own = self._own_date(coded, sentence, index)
        if coded.assessment.factuality not in HAPPENED or own.basis != "timex":
            return own
        finer = self.re_mentions.finer(coded, own.date)
        if finer is None:
            return own
        return EventDate(finer.value, None, "timex", finer.text, finer.note)

    def _dated(self, timex: Timex) -> str | None:
        """The calendar value of a timex that can date an act done: no bound ("since 2017"),
        nothing after publication (a plan: "the deal, to be signed in March")."""
        value = None if self._other_time(timex) else calendar_value(timex.value)
        published = self.document.published
        if value and published and value[: len(published)] > published[: len(value)]:
            return None
        return value

    def _own_date(self, coded: Coded, sentence: Span, index: int) -> EventDate:
        """The date of one event from its own words, with its basis and the reason."""
        # the time of the verb that reports a clause is the event's only for what happened
        # (news puts the day on the attribution: "… met in Beijing, the ministry said on
        # Tuesday"); a plan or a supposition is reported before it happens
        anchors = self.syntax.anchors(coded, coded.assessment.factuality in HAPPENED)
        inside = [t for t in self._inside(sentence) if not self._other_time(t)]
        attached = [t for t in inside if self._attached(t, anchors)]
        attached.sort(key=lambda t: abs(t.provenance.start - coded.start))
        for timex in attached:
            found = self._from_timex(timex, "attached to the event")
            if found is not None:
                return found
        described = self.syntax.described_time(anchors)
        for timex in self._inside(sentence) if described else []:
            span = self.spans.get(timex.id)
            if span is not None and any(word in span for word in described):
                found = self._from_timex(timex, "the time its 'when' clause describes")
                if found is not None:
                    return found
        root = sentence.root
        for timex in inside:
            attachment = self.syntax.attachment(self.spans.get(timex.id))
            if root.pos_ == "AUX" and attachment is root and root.i in anchors:
                found = self._from_timex(timex, "in the event's copular clause")
                if found is not None:
                    return found
        if not attached:
            when = self.syntax.same_time_clauses(anchors)
            for timex in (t for t in inside if self._attached(t, when)):
                found = self._from_timex(timex, "in a 'when' clause of the event's")
                if found is not None:
                    return found
        if not attached:
            host = self.syntax.hosting_clause(coded.head)
            for timex in (t for t in inside if self._attached(t, host)):
                found = self._from_timex(timex, "in the clause whose act the occasion holds")
                if found is not None:
                    return found
        found = self._occasion_date(coded) if not attached else None
        if found is not None:
            return found
        if coded.assessment.factuality not in HAPPENED or any(t.type == "DATE" for t in attached):
            # its own time is no calendar day ("Last week, Hezbollah fighters killed …",
            # "recently"): another time than the story's day, which must not date it
            return EventDate()
        main = root.i in anchors
        offset = None if main else self.syntax.offset(coded.anchor)
        if offset is not None:
            found = self._offset_date(offset[0], sentence, index)
            if found is not None:
                return found
        published = self.document.published
        if published:
            text = span_text(sentence)  # the cached text's slice: ``Span.text`` joins tokens
            for cue in self.rules.present_cues:
                match = cue.search(text)
                if match:
                    note = f"date: '{match.group(0)}' refers to the publication date"
                    return EventDate(published, None, "document-date", match.group(0), note)
        reference = self.reference[index] if index < len(self.reference) else None
        told = main and simple_past(verb_of(coded.anchor)) and not named_before(coded.head)
        if told and reference is not None:
            value, timex = reference
            note = f"date: the story's reference day, set by '{timex.text}' ({timex.id})"
            return EventDate(value, None, "timex", timex.text, note)
        if published and main and self._lede_past(coded, sentence, index, inside):
            note = "date: past-tense lede sentence without another temporal anchor"
            return EventDate(published, None, "document-date", None, note)
        return EventDate()

    def _occasion_date(self, coded: Coded) -> EventDate | None:
        """ "the 2007 Oscars hosted by DeGeneres": a clause describing a dated occasion took
        place at its time (``occasion_dates``); a date after publication is a target, not the
        occasion's ("the 2030 goals set by …")."""
        noun = described_occasion(coded.anchor, coded.mode)
        if noun is None:
            return None
        published = self.document.published or "9999"
        for timex in self.timexes:
            value = calendar_value(timex.value)
            if not value or not in_noun_phrase(self.spans.get(timex.id), noun):
                continue
            if value[: len(published)] > published[: len(value)]:
                continue
            return self._from_timex(timex, f"in the phrase of the occasion '{noun.text}'")
        return None

    def _main_day(self, sentence: Span, index: int) -> tuple[str, str] | None:
        """The day of the sentence's main clause: its own day expression, else the story's
        reference day when the main clause is in the simple past; (day, the words)."""
        root = sentence.root
        main = self.syntax.main_clause(root)
        for timex in self._inside(sentence):
            if self._attached(timex, main) and not self._other_time(timex):
                value = calendar_value(timex.value)
                return (value, timex.text) if value and DAY_VALUE.match(value) else None
        reference = self.reference[index] if index < len(self.reference) else None
        if reference is not None and simple_past(verb_of(root)):
            return reference[0], reference[1].text
        return None

    def _offset_date(self, offset: Offset, sentence: Span, index: int) -> EventDate | None:
        """ "a day after he discussed …": the main clause's day moved back (or on) by the
        offset, at the offset's granularity (days and weeks: a day; months: a month)."""
        main = self._main_day(sentence, index)
        if main is None:
            return None
        day = date.fromisoformat(main[0])
        step = -offset.sign * offset.amount  # the clause lies *before* the main clause's day
        if offset.unit in ("day", "week"):
            moved = day + timedelta(days=step * (7 if offset.unit == "week" else 1))
            value = moved.isoformat()
        else:
            months = step * (12 if offset.unit == "year" else 1)
            index_ = day.year * 12 + day.month - 1 + months
            value = f"{index_ // 12:04d}-{index_ % 12 + 1:02d}"
            value = value[:4] if offset.unit == "year" else value
        note = f"date: '{offset.text}' its main clause's day ('{main[1]}', {main[0]})"
        return EventDate(value, None, "timex", offset.text, note)

    def _lede_past(self, coded: Coded, sentence: Span, index: int, inside: list[Timex]) -> bool:
        anchor = coded.anchor
        past = anchor.tag_ == "VBD" or any(
            c.dep_ == "aux" and c.lower_ in ("has", "have") for c in anchor.children
        )
        other = inside or any(e.label_ in ("DATE", "TIME") for e in span_ents(sentence))
        return past and self._in_lede(index) and not other and self.reference[index] is None

    def _from_timex(self, timex: Timex, how: str) -> EventDate | None:
        value = timex.value
        if value in PRESENT_VALUES and self.document.published:
            note = f"date: '{timex.text}' is the reported present"
            return EventDate(self.document.published, None, "document-date", timex.text, note)
        day = calendar_value(value)
        if day is None:
            return None
        end = calendar_value(timex.range_end) if timex.range_end else None
        note = f"date from '{timex.text}' ({timex.id}), {how}"
        return EventDate(day, end, "timex", timex.text, note)


def named_before(head: Token) -> bool:
    """Is the trigger a definite event noun that a clause is about ("Jaishankar's visit
    underscored …", "The talks delved into …")? A definite description refers to an event the
    reader knows, whose time is its own (a five-day visit is not the day the story tells), so
    the story's day does not date it; a predicate noun ("It was the first visit") does not
    refer and keeps the clause's time."""
    return (
        head.pos_ in ("NOUN", "PROPN")
        and head.dep_ in ("nsubj", "nsubjpass")
        and any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ == "the") for c in head.children)
    )
