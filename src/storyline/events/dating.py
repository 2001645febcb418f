"""When an event mention happened, from the event's own words (``EventDater``).

An event takes, in this order:

1. the temporal expression syntactically attached to its trigger or its clause ("met … on
   Wednesday", "Modi on Friday became the first … to visit Ukraine, holding talks …"), but
   never one that names another time: a bound ("since 2017", "until March", "by 2030"), or one
   that follows an event noun its clause governs ("congratulated him on the landing … on
   August 23": a temporal phrase after a deverbal noun is read as that noun's — late closure,
   the default PP-attachment preference of English parsers and readers);
2. an expression attached to the copula of its sentence ("It was on Friday that …");
3. the publication date when the sentence says "today" (the reported present);
4. the narrative's reference time (Reichenbach; TimeML news convention): a past-tense event of a
   main clause with no time of its own happened on the day the story last set — the lede's "on
   Friday", a later "on Wednesday" — until a main clause moves to another time; a pluperfect
   ("had said") or present-perfect event is earlier than it and is not carried;
5. the publication date for a past-tense main clause of the lede with no other anchor
   (a dated report's convention);
6. else nothing: undated, never guessed.

Weekdays already resolve to the nearest matching day before the article date for past tense
and after it for future tense (``timex.relative.n_weekday``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from storyline.data import read_toml
from storyline.events.matching import Coded
from storyline.models import HAPPENED, Document, Timex
from storyline.models.events import DateBasis
from storyline.nlp import span_ents

DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PRESENT_VALUES = frozenset({"PRESENT_REF"})
#: Dependencies through which a clause shares the time of the clause above it.
SHARED_TIME = frozenset({"conj", "xcomp", "advcl"})


class EventDate(NamedTuple):
    """An event's date, its end, its basis, the words it came from and why."""

    date: str | None = None
    date_end: str | None = None
    basis: DateBasis = "none"
    text: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class DatingRules:
    present_cues: tuple[re.Pattern[str], ...]
    lede_sentences: int
    other_time_words: frozenset[str]
    other_time_phrases: tuple[str, ...]
    event_noun_suffixes: tuple[str, ...]
    ordering_marks: frozenset[str]
    attribution_verbs: frozenset[str]
    time_nouns: frozenset[str]


@cache
def dating_rules() -> DatingRules:
    conf = read_toml("dates.toml")["event_dating"]
    return DatingRules(
        present_cues=tuple(
            re.compile(rf"\b{re.escape(c)}\b", re.IGNORECASE) for c in conf["present_cues"]
        ),
        lede_sentences=int(conf["lede_sentences"]),
        other_time_words=frozenset(conf["other_time_words"]),
        other_time_phrases=tuple(conf["other_time_phrases"]),
        event_noun_suffixes=tuple(conf["event_noun_suffixes"]),
        ordering_marks=frozenset(conf["ordering_marks"]),
        attribution_verbs=frozenset(conf["attribution_verbs"]),
        time_nouns=frozenset(conf["time_nouns"]),
    )


def calendar_value(value: str | None) -> str | None:
    """A TIMEX value an event can carry (YYYY, YYYY-MM, YYYY-MM-DD; a clock time's day)."""
    day = (value or "").split("T")[0]
    return day if DATE_VALUE.match(day) else None


class EventDater:
    """Dates the events of one document, sentence by sentence, in text order."""

    def __init__(self, document: Document, parsed: Doc, timexes: Sequence[Timex]) -> None:
        self.rules = dating_rules()
        self.document = document
        self.parsed = parsed
        self.timexes = sorted(
            (t for t in timexes if t.type in ("DATE", "TIME")), key=lambda t: t.provenance.start
        )
        self.spans = {t.id: self._span(t) for t in self.timexes}
        self.sentences = list(parsed.sents)
        self.body_rank = self._body_ranks()
        self.reference = self._references()

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
        """The reference day in force at the start of each sentence: set by a main clause
        dated by a day, ended by a main clause dated by anything coarser or non-past."""
        published = self.document.published
        current: tuple[str, Timex] | None = None
        result: list[tuple[str, Timex] | None] = []
        for sentence in self.sentences:
            result.append(current)
            root = sentence.root
            main = self._main_clause(root)
            flashback = any(_pluperfect(self.parsed[i]) for i in main)
            for timex in self._inside(sentence):  # the last main-clause time wins
                if not self._attached_to(timex, main, root) or self._other_time(timex):
                    continue
                value = calendar_value(timex.value)
                if value and published and value[: len(published)] > published[: len(value)]:
                    continue  # a time after publication is a plan: the narrative stays put
                if value and DAY_VALUE.match(value) and not flashback:
                    current = (value, timex)
                elif value or timex.value in PRESENT_VALUES:
                    current = None
        return result

    # --- syntax ------------------------------------------------------------------------------

    def _main_clause(self, root: Token) -> set[int]:
        """The sentence's root, the clauses coordinated with it or controlled by it, and the
        clause a trailing attribution reports ("X met Y on Monday, the office said")."""
        found, stack = {root.i}, [root]
        while stack:
            node = stack.pop()
            for child in node.children:
                shared = child.dep_ in ("conj", "xcomp") and child.pos_ in ("VERB", "AUX")
                reported = (
                    child.dep_ == "ccomp"
                    and child.i < node.i
                    and node.lemma_.lower() in self.rules.attribution_verbs
                )
                if shared or reported:
                    found.add(child.i)
                    stack.append(child)
        return found

    def _chain(self, anchor: Token) -> set[int]:
        """The anchor and the clauses whose time it shares: up through coordination, control
        and adverbial clauses (not "after/before/since/until" ones, which order two times), and
        out of a clause its attribution follows ("X thanked Y, the statement said")."""
        chain = {anchor.i}
        node = anchor
        for _ in range(8):
            if node.head is node:
                break
            attribution = (
                node.dep_ == "ccomp"
                and node.i < node.head.i
                and node.head.lemma_.lower() in self.rules.attribution_verbs
            )
            if node.dep_ not in SHARED_TIME and not attribution:
                break
            if node.dep_ == "advcl" and any(
                c.dep_ in ("mark", "prep") and c.lower_ in self.rules.ordering_marks
                for c in node.children
            ):
                break
            node = node.head
            chain.add(node.i)
        return chain

    def _anchors(self, coded: Coded) -> set[int]:
        """Tokens whose temporal modifiers date the event: its clause word and the clauses
        sharing its time, its trigger, clauses describing a nominal trigger, and the verb a
        nominal trigger is the subject or object of ("the meeting was held on …")."""
        anchors = self._chain(coded.anchor) | {coded.head.i} | {t.i for t in coded.tokens}
        anchors |= {c.i for c in coded.head.children if c.dep_ in ("acl", "relcl")}
        head = coded.head
        if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("nsubj", "nsubjpass", "dobj", "attr"):
            anchors |= self._chain(head.head)
        when = coded.anchor.head
        if coded.anchor.dep_ == "relcl" and when.lemma_.lower() in self.rules.time_nouns:
            # "The last time the leaders met was in November 2022": the time noun's copula
            # says when
            if when.dep_ in ("nsubj", "attr") and when.head.lemma_.lower() == "be":
                anchors |= self._chain(when.head)
        return anchors

    def _attachment(self, timex: Timex) -> Token | None:
        """The word the temporal expression modifies: out of its own phrase and preposition."""
        span = self.spans.get(timex.id)
        if span is None or not len(span):
            return None
        node = span.root
        for _ in range(4):
            head = node.head
            if head is node:
                return node
            if span.start <= head.i < span.end or head.pos_ == "ADP" or head.dep_ == "prep":
                node = head
                continue
            return head
        return node.head

    def _attached_to(self, timex: Timex, anchors: set[int], root: Token) -> bool:
        """Does the expression modify the event? From the word it hangs on, up through place
        and thing nouns (a parser often hangs "on Wednesday" on "the Kremlin") to the first
        verb or event noun: the event's own, or another's."""
        node = self._attachment(timex)
        for _ in range(10):
            if node is None:
                return False
            if node.i in anchors:
                return not self._after_event_noun(timex, node, anchors)
            if node.pos_ in ("VERB", "AUX") or node.head is node or self._event_noun(node):
                return False
            node = node.head
        return False

    def _event_noun(self, token: Token) -> bool:
        return (
            token.tag_ in ("NN", "NNS")
            and len(token) > 5
            and token.lower_.rstrip("s").endswith(self.rules.event_noun_suffixes)
        )

    def _after_event_noun(self, timex: Timex, verb: Token, anchors: set[int]) -> bool:
        """Does the expression follow another event noun in the verb's own phrase
        ("congratulated him on the landing of the probe on August 23")? Then it is that
        noun's time (late closure)."""
        span = self.spans.get(timex.id)
        if span is None or verb.i > span.start:
            return False
        for token in self.parsed[verb.i + 1 : span.start]:
            if token.i in anchors or not self._event_noun(token):
                continue
            node = token
            for _ in range(6):  # the noun hangs (through prepositions) from this verb
                if node.head is node or node.head.i == verb.i:
                    break
                node = node.head
            if node.head.i == verb.i:
                return True
        return False

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
        """The date of one event, with its basis and the reason."""
        anchors = self._anchors(coded)
        inside = [t for t in self._inside(sentence) if not self._other_time(t)]
        attached = [t for t in inside if self._attached_to(t, anchors, sentence.root)]
        attached.sort(key=lambda t: abs(t.provenance.start - coded.start))
        for timex in attached:
            found = self._from_timex(timex, "attached to the event")
            if found is not None:
                return found
        root = sentence.root
        for timex in inside:
            if root.pos_ == "AUX" and self._attachment(timex) is root and root.i in anchors:
                found = self._from_timex(timex, "in the event's copular clause")
                if found is not None:
                    return found
        happened = coded.assessment.factuality in HAPPENED
        published = self.document.published
        if not happened:
            return EventDate()
        if published:
            for cue in self.rules.present_cues:
                match = cue.search(sentence.text)
                if match:
                    note = f"date: '{match.group(0)}' refers to the publication date"
                    return EventDate(published, None, "document-date", match.group(0), note)
        main = root.i in self._chain(coded.anchor) or root.i in anchors
        reference = self.reference[index] if index < len(self.reference) else None
        if main and reference is not None and _simple_past(_verb_of(coded.anchor)):
            value, timex = reference
            note = f"date: the story's reference day, set by '{timex.text}' ({timex.id})"
            return EventDate(value, None, "timex", timex.text, note)
        if published and main and self._lede_past(coded, sentence, index, inside):
            note = "date: past-tense lede sentence without another temporal anchor"
            return EventDate(published, None, "document-date", None, note)
        return EventDate()

    def _lede_past(self, coded: Coded, sentence: Span, index: int, inside: list[Timex]) -> bool:
        anchor = coded.anchor
        past = anchor.tag_ == "VBD" or any(
            c.dep_ == "aux" and c.lower_ in ("has", "have") for c in anchor.children
        )
        other = inside or any(e.label_ in ("DATE", "TIME") for e in span_ents(sentence))
        lede = self.body_rank.get(index, self.rules.lede_sentences) < self.rules.lede_sentences
        return past and lede and not other and self.reference[index] is None

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


def _simple_past(anchor: Token) -> bool:
    """Simple past ("met", "was held"), not pluperfect ("had met") or present perfect."""
    auxiliaries = [c for c in anchor.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("had", "has", "have", "'d", "will", "would", "shall") for a in auxiliaries):
        return False
    return anchor.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries)


def _pluperfect(token: Token) -> bool:
    """ "had said", "had been asked": a time before the narrative's reference time."""
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d") for c in token.children)


def _verb_of(token: Token) -> Token:
    """The finite verb that carries the event's tense: the token itself, the verb a nominal
    trigger hangs from ("the meeting was …"), or the verb an infinitive or participle
    complements ("agreed to work together", "became … holding talks")."""
    node = token
    for _ in range(8):
        if node.head is node:
            return node
        finite = node.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ != "TO" for c in node.children
        )
        if node.pos_ in ("VERB", "AUX") and (finite or node.dep_ not in ("xcomp", "conj", "advcl")):
            return node
        node = node.head
    return token
