"""Publication dates: a cascade of candidates, each validated, the most trusted one kept.

Sources, by default confidence (the numbers are priors set by how often each kind of evidence
names the *publication* day in news text, not tuned on any document):

    field          0.95  an explicit record field or a "Published: …" / "date …" line
    dateline       0.90  a dateline with a full date; 0.75 when its year comes from the text
    html-meta      0.85  htmldate's original-date reading of the page
    embedded-post  0.60  an embedded social post's date (0.75 when the text's weekday agrees)
    in-text        0.50  a standalone date line at the top or bottom of the text

Like htmldate, every candidate must fall between ``MIN_DATE`` and the clock's today;
nothing found means ``None`` — "undated" — never today's date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import cast

from storyline.models import Dateline, PublicationDate
from storyline.models.document import DateSource
from storyline.text.datewords import (
    MONTH_RE,
    WEEKDAYS,
    find_dates,
    month_number,
    parse_date,
    parse_field_date,
)

MIN_DATE = date(1990, 1, 1)
AGREEMENT_BONUS = 0.04  # a second, independent source naming the same day
MAX_YEAR_SPREAD_DAYS = 400  # in-text dates this far from a year-less dateline break the link

EMBEDDED_POST = re.compile(
    rf"\(@\w{{1,30}}\)\s*(?P<date>{MONTH_RE}\s+[0-3]?\d,\s*(?:19|20)\d\d"
    rf"|[0-3]?\d\s+{MONTH_RE}\s+(?:19|20)\d\d)"
)
STANDALONE_DATE = re.compile(
    rf"^\s*(?:\w+day,\s*)?(?:{MONTH_RE}\s+[0-3]?\d,?\s+(?:19|20)\d\d|[0-3]?\d\s+{MONTH_RE},?\s+"
    rf"(?:19|20)\d\d|(?:19|20)\d\d-[01]\d-[0-3]\d)(?:\s*[,|]?\s*[0-2]?\d[:.][0-5]\d.*)?\s*$",
    re.IGNORECASE,
)
ON_WEEKDAY = re.compile(r"\bon\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


@dataclass(frozen=True)
class DateEvidence:
    """What the earlier stages know that bears on the publication date."""

    field_value: str | None = None  # from the input record (JSON "date", feed "published")
    header_field: str | None = None  # from a "Published: …" line in the text
    header_label: str | None = None
    html_date: str | None = None
    dateline: Dateline | None = None
    raw_text: str = ""
    body_text: str = ""


def valid(day: date | None, today: date) -> bool:
    return day is not None and MIN_DATE <= day <= today + timedelta(days=1)


def candidates(evidence: DateEvidence, today: date) -> list[PublicationDate]:
    """Every validated publication-date candidate the evidence supports."""
    found: list[PublicationDate] = []

    def add(day: date | None, source: DateSource, confidence: float, text: str) -> None:
        if day is not None and valid(day, today):
            found.append(
                PublicationDate(
                    value=day.isoformat(),
                    source=source,
                    confidence=round(confidence, 2),
                    evidence=text,
                )
            )

    if evidence.field_value:
        add(parse_field_date(evidence.field_value), "field", 0.95, evidence.field_value)
    if evidence.header_field:
        updated = (evidence.header_label or "").endswith(("updated", "updated on"))
        add(
            parse_field_date(evidence.header_field),
            "field",
            0.8 if updated else 0.95,
            f"{evidence.header_label} {evidence.header_field}",
        )
    if evidence.dateline and evidence.dateline.date_text:
        day, confidence = dateline_date(evidence.dateline.date_text, evidence.body_text)
        add(day, "dateline", confidence, evidence.dateline.raw)
    if evidence.html_date:
        add(parse_field_date(evidence.html_date), "html-meta", 0.85, evidence.html_date)
    post = embedded_post_date(evidence.raw_text)
    if post is not None:
        day, text = post
        agrees = weekday_agrees(day, evidence.body_text)
        add(day, "embedded-post", 0.75 if agrees else 0.6, text)
    standalone = standalone_date(evidence.raw_text)
    if standalone is not None:
        add(standalone[0], "in-text", 0.5, standalone[1])
    return found


def choose(found: Sequence[PublicationDate]) -> PublicationDate | None:
    """The most confident candidate; another source naming the same day adds a little."""
    if not found:
        return None
    best = max(found, key=lambda c: c.confidence)
    agreeing = {c.source for c in found if c.value == best.value} - {best.source}
    if agreeing:
        bonus = AGREEMENT_BONUS * len(agreeing)
        best = best.model_copy(update={"confidence": round(min(0.99, best.confidence + bonus), 2)})
    return best


def publication_date(evidence: DateEvidence, today: date) -> PublicationDate | None:
    """The date the article was published, or None when the evidence does not say."""
    return choose(candidates(evidence, today))


def dateline_date(date_text: str, body: str) -> tuple[date | None, float]:
    """A dateline's date; a missing year is taken from the body's explicit dates if consistent."""
    full = parse_date(date_text)
    if full is not None:
        return full, 0.9
    m = re.match(rf"({MONTH_RE})\s+([0-3]?\d)", date_text)
    if not m:
        return None, 0.0
    month, day = month_number(m.group(1)), int(m.group(2))
    maybe_dated = [d.to_date() for d in find_dates(body) if d.year is not None]
    dated = [d for d in maybe_dated if d is not None]
    if not dated:
        return None, 0.0
    for year in sorted({d.year for d in dated}, reverse=True):
        try:
            # cast: month is None when MONTH_RE matches a name MONTHS lacks ("Sepember");
            # date() then raises TypeError, as it always has (reported, not changed here).
            guess = date(year, cast(int, month), day)
        except ValueError:
            continue
        if all(abs((d - guess).days) <= MAX_YEAR_SPREAD_DAYS for d in dated):
            return guess, 0.75
    return None, 0.0


def embedded_post_date(raw: str) -> tuple[date, str] | None:
    """The latest date stamped on an embedded social post ("— Name (@handle) March 20, 2024")."""
    best: tuple[date, str] | None = None
    for m in EMBEDDED_POST.finditer(raw):
        text = m.group("date")
        day = parse_date(text)
        if day is not None and (best is None or day > best[0]):
            best = (day, m.group(0).strip())
    return best


def weekday_agrees(day: date, body: str) -> bool:
    """True when the text says "on <weekday>" and that weekday is ``day``'s."""
    named = {WEEKDAYS[w.lower()] for w in ON_WEEKDAY.findall(body)}
    return day.weekday() in named


def standalone_date(raw: str) -> tuple[date, str] | None:
    """A line that is only a date, among the first or last three lines (a scraped stamp)."""
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    for line in lines[:3] + lines[-3:]:
        if len(line) <= 60 and STANDALONE_DATE.match(line):
            day = parse_date(line)
            if day is not None:
                return day, line
    return None
