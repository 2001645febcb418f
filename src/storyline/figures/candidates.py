"""Which numbers in a document are claimed figures, and of what kind.

A number is kept only where it is a claim: not a year, a date, a clock time, a phone number, a
label ("Step 1", "Section 144"), list numbering, a product code ("S-400", "Boeing 737") or a
number inside a timex; a count needs a counted noun and no definite determiner ("the two
leaders" refers back, "300 people" claims). Words are data (``data/figures.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from storyline.figures.numbers import Quantity, lexicon
from storyline.figures.syntax import Context
from storyline.models.language import FigureKind

DIGIT_GROUPS = re.compile(r"\d[ \t]$")
DIGIT_GROUPS_AFTER = re.compile(r"[ \t]\d")
BARE_COUNT_MIN = 10  # a bare object number below this is too often a score, a rank or a label
BARE_COUNT_ROLES = ("dobj", "nsubj", "nsubjpass")
QUALIFIER_LOOKBACK = 24  # characters before a number searched for "more than", "an estimated"
LIST_MARKER = re.compile(r"(?:^|\n)[ \t>#*_-]*$")


@dataclass(frozen=True)
class Rules:
    """The figures word lists, read once into sets and maps."""

    months: dict[str, int]
    time_after: frozenset[str]
    year_min: int
    year_max: int
    year_preps: frozenset[str]
    relative_years: dict[str, int]
    duration_units: dict[str, str]
    relative_after: tuple[str, ...]
    relative_before: frozenset[str]
    window_nouns: frozenset[str]
    hedges: frozenset[str]
    percent_words: frozenset[str]
    anaphoric: frozenset[str]
    ignored_words: frozenset[str]
    uncounted: frozenset[str]
    labels: frozenset[str]
    ordinal_uncounted: frozenset[str]
    before: tuple[tuple[str, str], ...]  # (phrase, qualifier), longest first
    verbs: dict[str, str]
    nouns: dict[str, str]
    record: frozenset[str]
    precedence: tuple[str, ...]
    deadline_preps: frozenset[str]


@cache
def load_rules() -> Rules:
    """The rules from ``data/figures.toml`` (read once per process)."""
    lex: dict[str, Any] = lexicon()
    q = lex["qualifiers"]
    names = [k for k, v in q.items() if isinstance(v, dict)]
    before = [(phrase, name) for name in names for phrase in q[name].get("before", [])]
    return Rules(
        months=dict(lex["dates"]["months"]),
        time_after=frozenset(lex["dates"]["time_after"]),
        year_min=int(lex["dates"]["year_min"]),
        year_max=int(lex["dates"]["year_max"]),
        year_preps=frozenset(lex["dates"]["year_prepositions"]),
        relative_years=dict(lex["dates"]["relative_years"]),
        duration_units=dict(lex["durations"]["units"]),
        relative_after=tuple(lex["durations"]["relative_after"]),
        relative_before=frozenset(lex["durations"]["relative_before"]),
        window_nouns=frozenset(lex["durations"]["window_nouns"]),
        hedges=frozenset(lex["durations"]["hedges"]),
        percent_words=frozenset(w.split()[-1] for w in lex["percent"]["percent"]),
        anaphoric=frozenset(lex["counts"]["anaphoric_before"]),
        ignored_words=frozenset(lex["counts"]["ignored_words"]),
        uncounted=frozenset(lex["counts"]["uncounted"]),
        labels=frozenset(lex["counts"]["label_before"]),
        ordinal_uncounted=frozenset(lex["ordinals"]["uncounted"]),
        before=tuple(sorted(before, key=lambda pair: -len(pair[0]))),
        verbs={v: name for name in names for v in q[name].get("verbs", [])},
        nouns={n: name for name in names for n in q[name].get("nouns", [])},
        record=frozenset(q["record"]["words"]),
        precedence=tuple(q["precedence"]),
        deadline_preps=frozenset(q["deadline_prepositions"]),
    )


@dataclass
class Candidate:
    """A number kept as a claimed figure: its kind, unit, span and the tokens it hangs on."""

    quantity: Quantity
    kind: FigureKind
    start: int
    end: int
    unit: str | None
    anchor: Token  # the number's syntactic head
    noun: Token | None = None  # counted / modified noun (count, ordinal, duration)
    before: str | None = None  # qualifier read from the words just before
    avoid_noun: bool = False  # the anchor is the figure's own sign ("1.5 and 3 percent")


def _words_before(text: str, start: int, n: int = 2) -> list[str]:
    return re.findall(r"[\w.'’]+|[$€£%]", text[max(0, start - 60) : start].lower())[-n:]


def _word_after(text: str, end: int) -> str:
    match = re.match(r"[\s-]*([\w.'’]+)", text[end : end + 40])
    return match.group(1).lower() if match else ""


def candidate(
    q: Quantity, text: str, parsed: Doc, ctx: Context, timexes: Sequence[tuple[int, int, str]]
) -> Candidate | None:
    """The figure ``q`` claims, or None for years, dates, labels, codes and references back.

    ``timexes`` are (start, end, type) spans: a number inside a DATE/TIME/SET timex is not a
    figure; inside a DURATION timex it can still be a duration ("22-month-long").
    """
    rules = load_rules()
    in_timex = [kind for s, e, kind in timexes if s < q.num_end and q.num_start < e]
    if any(kind != "DURATION" for kind in in_timex):
        return None
    span = parsed.char_span(q.num_start, q.num_end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    anchor = _span_root(parsed.char_span(q.start, q.end, alignment_mode="expand") or span)
    before = _words_before(text, q.start)
    after = _word_after(text, q.end)
    if q.currency or q.percent:
        kind: FigureKind = "money" if q.currency else "percent"
        unit = q.currency or q.percent
        return _with_prefix(Candidate(q, kind, q.start, q.end, unit, anchor), text)
    if _is_label_or_date(q, text, before, after, rules):
        return None
    if q.ordinal:
        return _ordinal(q, span, ctx)
    unit_match = re.match(r"(\s*-?\s*)([A-Za-z]+)", text[q.end : q.end + 30])
    if unit_match and unit_match.group(2).lower() in rules.duration_units:
        return _duration(q, text, parsed, unit_match, before, in_timex)
    if in_timex or any(t.ent_type_ in ("DATE", "TIME") for t in span):
        return None
    return _count(q, text, parsed, span, before, ctx)


def _span_root(span: Span) -> Token:
    roots = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head == t]
    return roots[-1] if roots else span[-1]


def _is_label_or_date(q: Quantity, text: str, before: list[str], after: str, rules: Rules) -> bool:
    number = text[q.num_start : q.num_end]
    if re.fullmatch(r"\d{4}", number) and rules.year_min <= q.value <= rules.year_max:
        return True  # a year
    if re.fullmatch(r"0\d+", number) or digit_group_before(text, q.num_start):
        return True  # "020 7946 0958": phone numbers, codes, zero-padded identifiers
    if DIGIT_GROUPS_AFTER.match(text[q.end : q.end + 3]):
        return True
    if before and (before[-1].rstrip(".") in rules.months or before[-1] in rules.labels):
        return True  # "December 27", "Step 1", "No. 5"
    if len(before) == 2 and " ".join(before) in rules.labels:
        return True  # "World War 2"
    if after.rstrip(",") in rules.months or after in rules.time_after:
        return True  # "27 December", "10 am"
    if after in ("th", "st", "nd", "rd") and number.isdigit():
        return True
    following = text[q.end : q.end + 2]
    return not q.spelled and list_marker_before(text, q.start) and following[:1] in ".):"


def digit_group_before(text: str, at: int) -> bool:
    """``DIGIT_GROUPS.search(text[:at])`` on the last three characters only (a match is two
    characters long, before the end or a final newline): a figure's prefix is the whole text
    before it, and scanning it for each number of the document made the test quadratic."""
    return DIGIT_GROUPS.search(text[max(0, at - 3) : at]) is not None


def list_marker_before(text: str, at: int) -> bool:
    """``LIST_MARKER.search(text[:at])`` from the second-to-last line break before ``at``:
    no match starts earlier (the marker characters hold no line break, and ``$`` stands at
    the end or before a final newline). ``^`` still means the start of the text only."""
    last = text.rfind("\n", 0, at)
    start = max(text.rfind("\n", 0, last), 0) if last > 0 else 0
    return LIST_MARKER.search(text, start, at) is not None


def _is_designator(number: Token, noun: Token, q: Quantity, text: str) -> bool:
    """ "Boeing 737 aircraft", "five new 737 aircraft": a model number, not a count."""
    doc = number.doc
    first = doc.char_span(q.start, q.end, alignment_mode="expand")
    before = doc[first.start - 1] if first is not None and first.start > 0 else None
    if (
        before is not None
        and before.pos_ == "PROPN"
        and not q.scaled
        and "," not in text[q.start : q.end]
    ):
        return True
    return any(
        c.dep_ == "nummod" and c.i < number.i and c.i != number.i for c in noun.children
    ) or any(t.like_num for t in doc[max(number.i - 3, 0) : number.i] if t.head == noun)


def _with_prefix(c: Candidate, text: str) -> Candidate:
    """Take in a bounding phrase right before the number ("over 40%", "more than 300 people")."""
    window = text[max(0, c.start - QUALIFIER_LOOKBACK) : c.start]
    lowered = window.lower()
    for phrase, name in load_rules().before:
        if phrase in lowered and _bound_before(phrase).search(lowered):
            stripped = lowered.rstrip()
            start = c.start - (len(window) - len(stripped) + len(phrase))
            if _is_particle(c.anchor.doc, start):
                break  # "handed over four cubes": the verb's particle, not a bound
            c.start = start
            c.before = name
            break
    return c


@cache
def _bound_before(phrase: str) -> re.Pattern[str]:
    """A bounding phrase ending the text before a number, compiled once per phrase (each
    number tries every listed phrase; a phrase missing from the window is not searched)."""
    return re.compile(rf"(?:^|[^\w]){re.escape(phrase)}\s+$")


@cache
def _relative_after(word: str) -> re.Pattern[str]:
    """A word right after a duration ("ago", "old"), compiled once per word."""
    return re.compile(rf"[\s-]*{re.escape(word)}\b")


def _is_particle(doc: Doc, start: int) -> bool:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span is not None and len(span) > 0 and span[0].dep_ == "prt"


def _ordinal(q: Quantity, span: Span, ctx: Context) -> Candidate | None:
    token = span[-1]
    noun = token.head
    if token.ent_type_ in ("DATE", "TIME") or token.pos_ not in ("ADJ", "NUM", "NOUN"):
        return None
    if noun == token or noun.pos_ != "NOUN" or noun.i < token.i or noun.i - token.i > 3:
        return None
    if token.dep_ not in ("amod", "nummod", "compound"):
        return None
    if any(t.like_num or t.i in ctx.numbers for t in span.doc[token.i + 1 : noun.i]):
        return None  # "the first four aircraft": the count is the claim
    if noun.lemma_.lower() in load_rules().ordinal_uncounted or noun.ent_type_ in ("DATE", "TIME"):
        return None
    unit = noun.lemma_.lower()
    return Candidate(q, "ordinal", q.start, noun.idx + len(noun.text), unit, noun, noun)


def _duration(
    q: Quantity,
    text: str,
    parsed: Doc,
    unit_match: re.Match[str],
    before: list[str],
    in_timex: list[str],
) -> Candidate | None:
    rules = load_rules()
    unit = rules.duration_units[unit_match.group(2).lower()]
    end = q.end + unit_match.end()
    long_match = re.match(r"-long\b", text[end : end + 6])
    if long_match:
        end += long_match.end()
    rest = text[end : end + 20].lower()
    if any(w in rest and _relative_after(w).match(rest) for w in rules.relative_after):
        return None  # "three years ago", "a 45-year-old"
    if before and before[-1] in rules.hedges:
        before = _words_before(text, q.start, 3)[:-1]
    if before and before[-1] in rules.relative_before and not in_timex:
        return None  # "the past three years", "in two weeks"
    if before and before[-1] in rules.anaphoric and not in_timex:
        return None
    span = parsed.char_span(q.start, end, alignment_mode="expand")
    if span is None:
        return None
    unit_token = next((t for t in reversed(span) if t.lower_.startswith(unit[:3])), span[-1])
    noun = _modified_noun(unit_token, span)
    if noun is not None and noun.lemma_.lower() in rules.window_nouns:
        return None  # "a five-year high": a comparison window
    return _with_prefix(Candidate(q, "duration", q.start, end, unit, _span_root(span), noun), text)


def _modified_noun(unit_token: Token, span: Span) -> Token | None:
    """ "two-day visit" → visit; "22-month-long conflict" → conflict; "for two years" → None."""
    current = unit_token
    for _ in range(4):
        head = current.head
        if head == current:
            return None
        if head.i >= span.end and head.pos_ in ("NOUN", "PROPN"):
            return head
        if head.pos_ not in ("ADJ", "NUM", "NOUN", "PUNCT") or head.i < current.i:
            return None
        current = head
    return None


def _count(
    q: Quantity, text: str, parsed: Doc, span: Span, before: list[str], ctx: Context
) -> Candidate | None:
    rules = load_rules()
    number = text[q.num_start : q.num_end].lower()
    if q.spelled and number in rules.ignored_words:
        return None
    whole = parsed.char_span(q.start, q.end, alignment_mode="expand") or span
    token = _span_root(whole)
    noun = token.head
    if before and before[-1] in rules.anaphoric and not _compound_modifier(token, noun):
        return None  # "the two leaders": a reference back, not a claim
    counted = (
        noun != token
        and noun.i > token.i
        and _words_between(token, noun) <= 2
        and (noun.pos_ == "NOUN" or noun.ent_type_ == "NORP")
        and noun.text.isalpha()
        and token.dep_ in ("nummod", "compound", "amod", "quantmod", "npadvmod")
    )
    if counted and _is_designator(token, noun, q, text):
        return None
    if counted:
        if noun.lower_ in rules.percent_words:  # "1.5 and 3 percent": the first shares the sign
            c = Candidate(q, "percent", q.start, q.end, "%", noun, avoid_noun=True)
            return _with_prefix(c, text)
        if noun.lemma_.lower() in rules.uncounted or noun.lower_ in rules.uncounted:
            return None
        end = noun.idx + len(noun.text)
        c = Candidate(q, "count", q.start, end, noun.lemma_.lower(), noun, noun)
        return _with_prefix(c, text)
    partitive = _partitive_noun(token)
    if partitive is not None and partitive.lemma_.lower() not in rules.uncounted:
        # "240 of the 543 seats": a count of the "of" noun
        return _with_prefix(
            Candidate(q, "count", q.start, q.end, partitive.lemma_.lower(), token), text
        )
    if q.scaled:  # "a population of 1.4 billion": a claimed quantity even without a noun
        return _with_prefix(Candidate(q, "count", q.start, q.end, None, token), text)
    if not q.spelled and q.value >= BARE_COUNT_MIN and token.dep_ in BARE_COUNT_ROLES:
        # "displaced nearly 400,000", "the firm employs 4,500": the verb's object is a count
        return _with_prefix(Candidate(q, "count", q.start, q.end, None, token), text)
    return None


def _words_between(first: Token, last: Token) -> int:
    """Words between two tokens, a hyphenated compound counted once: in "three shore-based
    batteries" one word ("shore-based") stands between the number and its noun. A number
    hyphenated onto the first ("30-to-60-day") makes a range, not a modifier: never close."""
    doc = first.doc
    words = 0
    for t in doc[first.i + 1 : last.i]:
        previous = doc[t.i - 1]
        joined = t.tag_ == "HYPH" or (previous.tag_ == "HYPH" and not previous.whitespace_)
        if joined and any(ch.isdigit() for ch in t.text):
            return last.i - first.i + 3
        words += 0 if joined else 1
    return words


def _compound_modifier(number: Token, noun: Token) -> bool:
    """ "the eight-member grouping", "a 27-nation bloc": number and noun joined by a hyphen
    modify another noun. The determiner is that noun's, so "the" does not make the count a
    reference back; the count is a property the sentence states."""
    between = number.doc[number.i + 1 : noun.i]
    return (
        noun.dep_ in ("compound", "amod")
        and noun.head.i > noun.i
        and len(between) == 1
        and between[0].tag_ == "HYPH"
    )


def _partitive_noun(number: Token) -> Token | None:
    for child in number.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ == "NOUN" and obj.tag_ == "NNS":
                    return obj
    return None
