"""Dates a page prints about itself, read from its raw text the way news pages lay them out.

A news page opens with a *header zone* — kicker, title, byline, date lines, share widgets — that
ends where the first paragraph of prose begins; it closes with a *footer zone* after the last
paragraph (tags, related links, copyright). Publication dates live in those zones, on lines of
a few recognisable shapes:

* labelled lines, the label first and the date after it with weekday, time and time zone in
  any order: "Published: Thursday, 4 August 2011, 14:02 IST", "Updated 10:42 AM ET, Thu August 4,
  2011", "Last Modified: 17/09/2022"; several on one line when separated by ``|``;
* stamp lines, a date with nothing but a weekday, a time, a zone or a short byline beside it:
  "Sep 10, 2023 18:20 IST", "Wednesday, September 14, 2022", "By A. Writer | 4 Aug 2011";
* the dateline that opens the first paragraph ("LONDON, Aug 4 (Reuters) -"), read by
  ``ingest.header.match_dateline``.

Never read: copyright lines (their year is when the page was rendered), and any line of prose —
dates inside the story describe events, not the page. Numeric dates are read in the page's own
day/month order when it shows one, else by the time zone printed beside them, else day first,
flagged as a guess. Everything here is total: any string in, a list (maybe empty) out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Literal

from storyline.data import read_toml
from storyline.ingest.header import match_dateline
from storyline.models import Dateline
from storyline.text.datewords import WEEKDAYS, NumericDate, find_dates, numeric_dates

Role = Literal["published", "updated", "stamp"]
Zone = Literal["header", "lede", "footer"]

SEGMENT_SPLIT = re.compile(r"\s*[|•·]\s*|\s{3,}")
PROSE_END = re.compile(r"[.!?\"”’)\]]\s*$")
WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_WEEKDAY_WORD = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?"
)
_CLOCK = r"[0-2]?\d[:.][0-5]\d(?::[0-5]\d)?(?:\s*[ap]\.?\s?m\.?)?|[01]?\d\s*[ap]\.?\s?m\.?"
_ZONE = r"(?:UTC|GMT)(?:\s*[+-]\s*\d{1,2}(?::?\d\d)?)?|[A-Z]{2,5}"
#: What may stand between a label and its date, or beside a date on a stamp line.
_FILLER_ITEM = (
    rf"\s|[,:;/()\-–—]|\bon\b|\bat\b|\bthe\b|\b{_WEEKDAY_WORD}(?!\w)|\b(?:{_CLOCK})"
    rf"|\b(?-i:{_ZONE})\b|\bhrs\b"
)
FILLER = re.compile(rf"(?:{_FILLER_ITEM})*", re.IGNORECASE)
FILLER_RUN = re.compile(rf"(?:{_FILLER_ITEM})+", re.IGNORECASE)
#: The signature of an embedded social post ("— Jane Doe (@jdoe) May 3, 2024"): its date is the
#: post's, which bounds the publication date from below but is not it.
POST_SIGNATURE = re.compile(r"\(@\w{1,30}\)|pic\.twitter\.com/|@\w{1,30}\s*[—–-]\s*\S")
BYLINE_START = re.compile(r"^(?:by|written by|reported by|edited by|author)\b", re.IGNORECASE)
ON_WEEKDAY = re.compile(
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?!s)", re.IGNORECASE
)


@dataclass(frozen=True)
class PageDate:
    """A date the page prints about itself, with the line it came from and how it was read."""

    day: date
    role: Role
    zone: Zone
    label: str | None
    line: str
    guessed_order: bool = False  # a numeric date whose day/month order had no evidence


@dataclass(frozen=True)
class PageZones:
    header: list[str]
    lede: list[str]  # the first paragraphs of prose (datelines open them)
    footer: list[str]


@dataclass(frozen=True)
class DateRules:
    published_labels: tuple[str, ...]
    updated_labels: tuple[str, ...]
    label: re.Pattern[str]
    copyright: tuple[str, ...]
    stamp_words: int
    byline_words: int
    prose_words: int
    header_lines: int
    footer_lines: int
    day_first_zones: frozenset[str]
    month_first_zones: frozenset[str]
    default_day_first: bool
    confidence: dict[str, float]


@cache
def date_rules() -> DateRules:
    """The label lists, zone sizes and priors of ``data/dates.toml``, read once."""
    data = read_toml("dates.toml")
    labels = data["labels"]
    words = sorted(labels["published"] + labels["updated"], key=len, reverse=True)
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    lines, numeric = data["lines"], data["numeric"]
    return DateRules(
        published_labels=tuple(labels["published"]),
        updated_labels=tuple(labels["updated"]),
        label=re.compile(rf"^\W{{0,3}}(?P<label>{alternation})\b(?:\s+on\b)?\s*[:\-–—]?\s*", re.I),
        copyright=tuple(m.lower() for m in data["copyright"]["markers"]),
        stamp_words=int(lines["stamp_words"]),
        byline_words=int(lines["byline_words"]),
        prose_words=int(lines["prose_words"]),
        header_lines=int(lines["header_lines"]),
        footer_lines=int(lines["footer_lines"]),
        day_first_zones=frozenset(numeric["day_first_zones"]),
        month_first_zones=frozenset(numeric["month_first_zones"]),
        default_day_first=numeric["default_order"] == "day-first",
        confidence={k: float(v) for k, v in data["confidence"].items()},
    )


def is_copyright(line: str) -> bool:
    low = line.lower()
    return any(marker in low for marker in date_rules().copyright)


def is_prose(line: str) -> bool:
    """A paragraph of the story: enough words and a sentence ending (or very many words)."""
    words = len(line.split())
    need = date_rules().prose_words
    return words >= 2 * need or (words >= need and bool(PROSE_END.search(line)))


def page_zones(raw: str) -> PageZones:
    """The header zone, the first two paragraphs of prose and the footer zone of ``raw``."""
    rules = date_rules()
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    prose = [i for i, line in enumerate(lines) if is_prose(line)]
    if not prose:
        return PageZones(lines[: rules.header_lines], [], [])
    first, last = prose[0], prose[-1]
    return PageZones(
        header=lines[: min(first, rules.header_lines)],
        lede=[lines[i] for i in prose[:2]],
        footer=lines[last + 1 :][-rules.footer_lines :],
    )


def page_order(raw: str) -> bool | None:
    """True when the page writes numeric dates day first, False month first, None unknown —
    judged from its unambiguous numeric dates (a day over 12 fixes the order)."""
    orders = set()
    for found in numeric_dates(raw):
        if found.day_first and not found.month_first:
            orders.add(True)
        elif found.month_first and not found.day_first:
            orders.add(False)
    return orders.pop() if len(orders) == 1 else None


def _resolve(found: NumericDate, context: str, order: bool | None) -> tuple[date | None, bool]:
    """One day for a numeric date, and whether its order was a guess."""
    if not found.ambiguous:
        return found.day_first or found.month_first, False
    if order is not None:
        return (found.day_first if order else found.month_first), False
    rules = date_rules()
    zones = set(re.findall(r"\b[A-Z]{2,5}\b", context))
    if zones & rules.day_first_zones and not zones & rules.month_first_zones:
        return found.day_first, False
    if zones & rules.month_first_zones and not zones & rules.day_first_zones:
        return found.month_first, False
    return (found.day_first if rules.default_day_first else found.month_first), True


def dates_in(text: str, order: bool | None) -> list[tuple[int, int, date, bool]]:
    """Full dates (with a year) written in ``text``: (start, end, day, order guessed)."""
    found: list[tuple[int, int, date, bool]] = []
    for match in find_dates(text):
        day = match.to_date()
        if match.year is not None and day is not None:
            found.append((match.start, match.end, day, False))
    for numeric in numeric_dates(text):
        if any(numeric.start < end and start < numeric.end for start, end, _, _ in found):
            continue
        day, guessed = _resolve(numeric, text, order)
        if day is not None:
            found.append((numeric.start, numeric.end, day, guessed))
    return sorted(found)


def _words(text: str) -> int:
    return len(WORD.findall(FILLER_RUN.sub(" ", text)))


def _role(label: str) -> Role:
    key = " ".join(label.lower().split())
    return "updated" if key in date_rules().updated_labels else "published"


def read_line(line: str, zone: Zone, order: bool | None) -> list[PageDate]:
    """The dates one header or footer line states about the page (none for prose or ©).

    In the lede (a paragraph of prose) only a label opening it, its date right after, counts:
    "date 2024-03-20 In a significant …"; "Released on 4 March, he …" is a story, not a stamp.
    """
    if is_copyright(line) or POST_SIGNATURE.search(line):
        return []
    rules = date_rules()
    found: list[PageDate] = []
    segments = [line] if zone == "lede" else SEGMENT_SPLIT.split(line)
    for segment in segments:
        m = rules.label.match(segment)
        if m is None:
            continue
        dates = dates_in(segment[m.end() : m.end() + 120], order)
        gap = segment[m.end() : m.end() + dates[0][0]] if dates else None
        if gap is None or not (gap.strip() == "" if zone == "lede" else FILLER.fullmatch(gap)):
            continue
        label = " ".join(m.group("label").lower().split())
        found.append(PageDate(dates[0][2], _role(label), zone, label, line[:200], dates[0][3]))
    if found or zone == "lede" or len(line) > 200:
        return found
    dates = dates_in(line, order)
    if len({d for _, _, d, _ in dates}) != 1:
        return []  # none, or a list of different days: not a stamp
    rest = line
    for start, end, _, _ in reversed(dates):
        rest = rest[:start] + " " + rest[end:]
    bylined = bool(BYLINE_START.match(line)) or bool(SEGMENT_SPLIT.search(line))
    if _words(rest) <= (rules.byline_words if bylined else rules.stamp_words):
        return [PageDate(dates[0][2], "stamp", zone, None, line, dates[0][3])]
    return []


def read_page_dates(raw: str) -> list[PageDate]:
    """Every date the header and footer zones (and a label opening the lede) state."""
    zones = page_zones(raw)
    order = page_order(raw)
    found: list[PageDate] = []
    for zone, lines in (
        ("header", zones.header),
        ("lede", zones.lede[:1]),
        ("footer", zones.footer),
    ):
        for line in lines:
            found += read_line(line, zone, order)  # type: ignore[arg-type]
    return found


def read_dateline(raw: str) -> Dateline | None:
    """The dateline opening the first paragraph of prose, if any."""
    for line in page_zones(raw).lede[:1]:
        dateline, _ = match_dateline(line)
        return dateline
    return None


def lede_weekdays(raw: str) -> set[int]:
    """Weekdays the first paragraph names ("China on Thursday rejected …"): in wire copy the
    dateline's own day, so a candidate year whose calendar puts the dateline on one of them is
    the right one."""
    lede = page_zones(raw).lede[:1]
    return {WEEKDAYS[w.lower()] for line in lede for w in ON_WEEKDAY.findall(line)}


def text_without_copyright(raw: str) -> str:
    """``raw`` less its copyright lines, the text whose own dates and years are evidence."""
    return "\n".join(line for line in raw.splitlines() if not is_copyright(line))
