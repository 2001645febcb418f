"""Text, date and number comparison exactly as FORMAT.md defines them, in one place.

Every "contains" and "equals" of the contract goes through ``norm``: whitespace runs collapse to
one space, the ends are stripped, case is ignored, typographic apostrophes fold to ``'`` and
en/em dashes to ``-``. ``NormText`` keeps the map back to the original offsets, because entity
occurrences found in normalised text must be compared with mention spans of the clean text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "–": "-", "—": "-"})
Precision = Literal["year", "month", "day"]
ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?")


def norm(text: str | None) -> str:
    """The contract's normal form: folded, whitespace collapsed, stripped, lower case."""
    return " ".join((text or "").translate(FOLD).split()).lower()


def contains(haystack: str | None, needle: str | None) -> bool:
    """``needle`` occurs in ``haystack`` after normalisation (an empty needle never does)."""
    wanted = norm(needle)
    return bool(wanted) and wanted in norm(haystack)


def equals(a: str | None, b: str | None) -> bool:
    return norm(a) == norm(b)


def words(text: str) -> list[str]:
    """Lower-case words of ``text``: plain runs of letters/digits and hyphenated compounds, so a
    stem matches 'face-to-face' as well as 'face'."""
    folded = norm(text)
    return list(dict.fromkeys(re.findall(r"\w+", folded) + re.findall(r"\w[\w'-]*\w|\w", folded)))


def stem_hits(trigger: str, stems: list[str]) -> int:
    """How many of ``stems`` start some word of ``trigger`` (FORMAT.md, anchors)."""
    trigger_words = words(trigger)
    return sum(
        1 for s in {norm(s) for s in stems if s} if any(w.startswith(s) for w in trigger_words)
    )


def has_whole_word(haystack: str, needle: str) -> bool:
    """``needle`` occurs in ``haystack`` not inside a longer word (normalised)."""
    wanted = norm(needle)
    if not wanted:
        return False
    return re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", norm(haystack)) is not None


ACRONYM = re.compile(r"[A-Z0-9.&-]*[A-Z][A-Z0-9.&-]*[A-Z][A-Z0-9.&-]*")


def is_acronym(variant: str) -> bool:
    """``US``, ``AU``, ``U.S.``, ``G20``? Two capitals or more and no lower-case letter."""
    return ACRONYM.fullmatch(variant.strip()) is not None


@dataclass(frozen=True)
class NormText:
    """A text in normal form with, for each of its characters, the offset it came from;
    ``cased`` is the same text before lower-casing (same length, same offsets)."""

    text: str
    cased: str
    offsets: tuple[int, ...]
    length: int

    @classmethod
    def of(cls, raw: str) -> NormText:
        chars: list[str] = []
        cased: list[str] = []
        offsets: list[int] = []
        pending_space: int | None = None
        for i, char in enumerate(raw):
            if char.isspace():
                if chars and pending_space is None:
                    pending_space = i
                continue
            if pending_space is not None:
                chars.append(" ")
                cased.append(" ")
                offsets.append(pending_space)
                pending_space = None
            folded = char.translate(FOLD)
            lowered = folded.lower()
            chars.extend(lowered)
            cased.extend(folded if len(folded) == len(lowered) else lowered)
            offsets.extend([i] * len(lowered))
        return cls("".join(chars), "".join(cased), tuple(offsets), len(raw))

    def spans(self, pattern: str, *, cased: bool = False) -> list[tuple[int, int]]:
        """Original ``(start, end)`` of every match of the regex ``pattern`` in the normal form
        (in the not lower-cased form when ``cased``)."""
        found = []
        for match in re.finditer(pattern, self.cased if cased else self.text):
            if match.end() > match.start():
                start = self.offsets[match.start()]
                end = self.offsets[match.end() - 1] + 1
                found.append((start, end))
        return found

    def occurrences(self, variant: str) -> list[tuple[int, int]]:
        """Whole-word occurrences of ``variant``: not inside a longer hyphenated or alphanumeric
        token (FORMAT.md, entities). Case is ignored, except for an acronym: "US" is not "us"."""
        if is_acronym(variant):
            wanted = " ".join(variant.translate(FOLD).split())
            return self.spans(rf"(?<![\w-]){re.escape(wanted)}(?![\w-])", cased=True)
        wanted = norm(variant)
        if not wanted:
            return []
        return self.spans(rf"(?<![\w-]){re.escape(wanted)}(?![\w-])")


# ---------------------------------------------------------------------------- dates


@dataclass(frozen=True)
class Interval:
    """The days a date (plus an optional end date) denotes, and the precision it was given at."""

    lo: date
    hi: date
    precision: Precision


def parse_date(value: str | None) -> Interval | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a trailing ``T…`` time is ignored) as the interval
    of days it covers; None for anything else (``2024-W34``, ``PRESENT_REF``, a bad day)."""
    match = ISO.fullmatch((value or "").strip())
    if not match:
        return None
    year, month, day = match.groups()
    try:
        if day:
            d = date(int(year), int(month), int(day))
            return Interval(d, d, "day")
        if month:
            first = date(int(year), int(month), 1)
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return Interval(first, following - timedelta(days=1), "month")
        return Interval(date(int(year), 1, 1), date(int(year), 12, 31), "year")
    except ValueError:
        return None


def gold_interval(start: str | None, end: str | None = None) -> Interval | None:
    """From the first day of ``start`` to the last day of ``end`` (or of ``start``)."""
    first = parse_date(start)
    if first is None:
        return None
    last = parse_date(end) if end else None
    hi = last.hi if last is not None and last.hi >= first.lo else first.hi
    return Interval(first.lo, hi, first.precision)


def date_matches(system: str | None, gold: Interval | None, *, lenient: bool = False) -> bool:
    """FORMAT.md's date rule for a system date (a range is judged by its start) against a gold
    interval: a day inside it; a month only when the whole interval lies in that month; a year
    only a year-precision gold date of that year. A gold event without a date accepts any date,
    and no date too (nothing can be known); an undated system item matches only when
    ``lenient``; an unreadable system date never matches."""
    if gold is None:
        return True
    if system is None or not system.strip():
        return lenient
    mine = parse_date(system)
    if mine is None:
        return False
    if mine.precision == "day":
        return gold.lo <= mine.lo <= gold.hi
    if mine.precision == "month":
        return mine.lo <= gold.lo and gold.hi <= mine.hi
    return gold.precision == "year" and gold.lo.year == mine.lo.year == gold.hi.year


def overlaps(a: Interval | None, b: Interval | None) -> bool:
    """Intervals share a day; an unknown interval is taken to overlap anything."""
    return a is None or b is None or (a.lo <= b.hi and b.lo <= a.hi)


def span_of(intervals: list[Interval | None]) -> Interval | None:
    """The smallest interval holding every known one (None when none is known)."""
    known = [i for i in intervals if i is not None]
    if not known:
        return None
    first = min(known, key=lambda i: i.lo)
    return Interval(first.lo, max(i.hi for i in known), first.precision)


# ---------------------------------------------------------------------------- numbers


def number_pattern(num: str) -> str:
    """Regex for ``num`` as a whole number: not preceded by a digit or '.', not followed by a
    digit; a number written in words (``four``, ``18th``) must also not touch other letters."""
    wanted = norm(num)
    before = r"(?<![\d.a-z])" if wanted[:1].isalpha() else r"(?<![\d.])"
    after = r"(?![\da-z])" if wanted[-1:].isalpha() else r"(?!\d)"
    return before + re.escape(wanted) + after


def contains_number(text: str, num: str) -> bool:
    return bool(norm(num)) and re.search(number_pattern(num), norm(text)) is not None


def _scale(value: float) -> float:
    """The unit of the last written digit: 0.01 for 374.96, 1e6 for 375000000 ("375 million").
    Below 1,000 a whole number is written to the unit (80 per cent is not "about 100"), so
    trailing zeros count as rounding only from the thousands up, where scale words hide them."""
    if value != int(value):
        text = f"{value:.6f}".rstrip("0")
        return 10.0 ** -len(text.split(".")[1])
    whole, scale = abs(int(value)), 1.0
    if whole < 1000:
        return scale
    while whole % 10 == 0:
        whole //= 10
        scale *= 10
    return scale


def _rounds_to(precise: float, rounded: float) -> bool:
    """``rounded`` is ``precise`` rounded half-up to the precision ``rounded`` is written at."""
    scale = _scale(rounded)
    nearest = math.floor(abs(precise) / scale + 0.5) * scale
    return abs(nearest - abs(rounded)) <= 1e-9 * max(1.0, abs(rounded)) and (precise >= 0) == (
        rounded >= 0
    )


def values_agree(a: float, b: float) -> bool:
    """Values that differ only by rounding agree: within 1 % of each other, or one being the
    other rounded to the precision it is written at ($374.96 million ~ $375 million)."""
    if a == b:
        return True
    if abs(a - b) <= 0.01 * max(abs(a), abs(b)):
        return True
    return _rounds_to(a, b) or _rounds_to(b, a)
