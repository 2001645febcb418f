"""What kind of claim a figure is and for which period: the words around the number.

Qualifiers come from the figure's own words and the verbs it hangs on (data:
``data/figures.toml`` [qualifiers]): over / about / under bound the value; target and forecast
say it is not (yet) a fact; record says it is the highest or lowest; cumulative cues ("so far",
"in total", "since 2014") say it is a running total. The claim kind is one of actual, target,
forecast, cumulative, record, by that precedence (a "record target" is a target).

The period is the one expression tied to the figure's clause: the timex layer's value where it
is resolved, else what ``period.find_periods`` reads ("FY2024-25", "April–August 2022", "in the
first half"); "by 2030" on a future year, or on a verb not in the past, is a horizon: the figure
is a target for that year.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from storyline.figures.candidates import Candidate, load_rules
from storyline.figures.numbers import lexicon
from storyline.figures.period import Period, find_periods, from_timex
from storyline.figures.syntax import Context, clause_head
from storyline.models import Timex
from storyline.nlp import doc_text, span_text

CLAIM_ORDER = ("target", "forecast", "cumulative", "record")


@dataclass(frozen=True)
class Claim:
    """How a figure is claimed: its qualifiers, kind of claim and period."""

    qualifiers: list[str]
    kind: str  # actual | target | forecast | cumulative | record
    period: Period | None


def read_claim(
    c: Candidate, timexes: Sequence[Timex], ctx: Context, published: str | None
) -> Claim:
    period = figure_period(c, timexes, ctx, published)
    deadline = period is not None and period.horizon
    qualifiers = qualifiers_of(c, deadline)
    if _cumulative(c, period) and "cumulative" not in qualifiers:
        qualifiers.append("cumulative")
    kind = next((k for k in CLAIM_ORDER if k in qualifiers), "actual")
    return Claim(qualifiers, kind, period)


def qualifiers_of(c: Candidate, deadline: bool) -> list[str]:
    """Every qualifier of the figure, by precedence: target, forecast, over/about/under, record."""
    rules = load_rules()
    found: list[str] = []
    if c.before:
        found.append(c.before)
    anchor = c.anchor
    path = [anchor, *_ancestors_in_clause(anchor)]
    verb = next((t for t in path if t.pos_ in ("VERB", "AUX")), None)
    verbs: list[Token] = []
    while verb is not None:
        verbs.append(verb)
        verb = verb.head if verb.dep_ == "xcomp" and verb.head != verb else None
    for v in verbs:
        name = rules.verbs.get(v.lemma_.lower())
        if name and not (name == "over" and _is_particle_over(v, c)):
            found.append(name)
    for t in path:
        if t.pos_ == "NOUN" and t.lemma_.lower() in rules.nouns:
            found.append(rules.nouns[t.lemma_.lower()])
    if deadline:
        found.append("target")
    if _has_record_cue(c, verbs[0] if verbs else None):
        found.append("record")
    order = [*rules.precedence, "cumulative"]
    return [name for name in order if name in found]


def _is_particle_over(verb: Token, c: Candidate) -> bool:
    """ "handed over four cubes": "over" is the verb's particle, not a bound on the number."""
    return any(ch.dep_ == "prt" and ch.lower_ == "over" for ch in verb.children)


def _ancestors_in_clause(token: Token) -> list[Token]:
    out = []
    for ancestor in token.ancestors:
        out.append(ancestor)
        if ancestor.dep_ in ("ROOT", "ccomp", "advcl", "relcl", "conj", "parataxis"):
            break
    return out


def _has_record_cue(c: Candidate, verb: Token | None) -> bool:
    rules = load_rules()
    doc = c.anchor.doc

    def cue(token: Token) -> bool:
        return token.lower_ in rules.record and token.pos_ != "VERB"

    near = [*c.anchor.subtree, *(c.noun.lefts if c.noun is not None else [])]
    start = doc.char_span(c.start, c.end, alignment_mode="expand")
    if start is not None:
        near.extend(doc[max(start.start - 3, start.sent.start) : start.start])
    if any(cue(t) for t in near):
        return True
    if verb is None:
        return False
    for child in verb.children:
        if child.dep_ in ("advcl", "xcomp") and child.i > c.anchor.i:
            objects = [g for g in child.children if g.dep_ in ("dobj", "attr", "acomp")]
            if any(cue(t) for obj in objects for t in obj.subtree):
                return True
    return False


def _cumulative(c: Candidate, period: Period | None) -> bool:
    """A running total: "since 2014", "so far", "in total", "a total of", "to date"."""
    if period is not None and period.since:
        return True
    cues = lexicon()["qualifiers"]["cumulative"]
    sentence = c.anchor.sent
    head = clause_head(c.anchor)
    text = span_text(sentence).lower()
    offset = sentence.start_char
    for phrase in cues["words"]:
        if phrase not in text:
            continue  # the pattern's literal: no match without it
        for m in _whole_phrase(phrase).finditer(text):
            span = c.anchor.doc.char_span(offset + m.start(), offset + m.end(), "expand")
            if span is not None and clause_head(span.root) == head:
                return True
    before = doc_text(c.anchor.doc)[max(0, c.start - 24) : c.start].lower()
    return any(p in before and _ends_with(p).search(before) for p in cues["before"])


@cache
def _whole_phrase(phrase: str) -> re.Pattern[str]:
    """A cumulative cue as a whole phrase ("so far"), compiled once per phrase."""
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


@cache
def _ends_with(phrase: str) -> re.Pattern[str]:
    """A cumulative cue ending the text before a number ("a total of"), compiled once."""
    return re.compile(rf"(?<!\w){re.escape(phrase)}\s*$")


# ---------------------------------------------------------------- the period


def figure_period(
    c: Candidate, timexes: Sequence[Timex], ctx: Context, published: str | None
) -> Period | None:
    """The period tied to the figure's clause (nearest first); None when none is."""
    doc = ctx.doc
    sentence = c.anchor.sent
    head = clause_head(c.anchor)
    options: list[tuple[int, Period, Token]] = []
    written = [
        Period(p.value, p.text, p.start + sentence.start_char, p.end + sentence.start_char,
               p.horizon, p.since)
        for p in find_periods(span_text(sentence), published)
    ]  # fmt: skip
    for timex in timexes:
        start, end = timex.provenance.start, timex.provenance.end
        value = from_timex(timex.value) if timex.type in ("DATE", "TIME") else None
        if value is None or not (sentence.start_char <= start < sentence.end_char):
            continue
        if any(p.start < end and start < p.end for p in written):
            continue  # "FY2024-25" read whole beats the timex layer's "2024"
        written.append(Period(value, timex.text, start, end))
    for period in written:
        if period.start < c.end and c.start < period.end:
            continue
        span = doc.char_span(period.start, period.end, alignment_mode="expand")
        if span is None or not len(span) or not _tied(span, head, c):
            continue
        options.append((abs(span.root.i - c.anchor.i), period, span.root))
    if not options:
        return None
    _, period, root = min(options, key=lambda o: o[0])
    if period.horizon:
        year = int(period.value[:4]) if period.value[:4].isdigit() else None
        published_year = int(published[:4]) if published else None
        if not _is_deadline(root, year, head, published_year):
            period = Period(period.value, period.text, period.start, period.end)
    return period


def _tied(span: Span, head: Token, c: Candidate) -> bool:
    """A period belongs to the figure when it sits in the figure's clause; a bare year must also
    hang on a preposition or modify the clause ("exports of 2023", "in 2023", "2023 exports")."""
    root = span.root
    if clause_head(root) != head:
        return False
    if len(span) == 1 and re.fullmatch(r"\d{4}", root.text):
        noun = c.noun if c.noun is not None else c.anchor
        return root.dep_ in ("pobj", "npadvmod") or root.head == noun or root.head.dep_ == "prep"
    return True


def _is_deadline(token: Token, year: int | None, head: Token, published_year: int | None) -> bool:
    """ "by 2025" on a future year, or on a verb not in the past tense, is a deadline."""
    if year is not None and published_year is not None:
        return year > published_year
    return head.tag_ not in ("VBD", "VBN") or any(
        a.lower_ in ("will", "would", "to", "shall") for a in head.lefts
    )


__all__ = ["Claim", "figure_period", "qualifiers_of", "read_claim"]
