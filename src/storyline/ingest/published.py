"""Publication dates: every candidate the evidence supports, validated, then reconciled.

Candidates, with their priors from ``data/dates.toml`` (how often each kind of evidence names
the *publication* day on news pages; not tuned on any document):

    field           an input record's date field, or a labelled line ("Published: …" 0.95,
                    "Updated: …" 0.85) in the page's header or footer zone
    dateline        a dateline with a full date (0.9); a year-less one ("New Delhi, Aug 28
                    (UNI)") takes its year from the article's own evidence (0.6-0.85)
    html-meta       htmldate reading the page's metadata (0.9) or, failing that, its text (0.6)
    embedded-post   a quoted post's date when the text's "on <weekday>" names that day (0.7)
    in-text         a date-only line or a dated byline in the header (0.85) or footer (0.5)

Never candidates: copyright years, dates inside the story's prose, a quoted post on its own
(a post bounds the publication date from below, it does not set it). Reconciling rather than
first-wins: independent sources naming the same day add up; a "published" date beats an
"updated" one that is not earlier; a candidate before the newest quoted post is refused. Below
``min_confidence`` the article is undated. Like htmldate, every value lies between ``MIN_DATE``
and the clock's today; nothing found means ``None``, never today's date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from storyline.ingest.page_dates import (
    date_rules,
    lede_weekdays,
    read_dateline,
    read_page_dates,
    text_without_copyright,
)
from storyline.models import Dateline, PublicationDate
from storyline.models.document import DateSource
from storyline.text.datewords import (
    MONTH_RE,
    WEEKDAYS,
    find_dates,
    month_number,
    parse_date,
    parse_field_date,
    safe_date,
)

MIN_DATE = date(1990, 1, 1)
MAX_YEAR_SPREAD_DAYS = 400  # full dates this far from a year-less dateline break the link
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

EMBEDDED_POST = re.compile(
    rf"\(@\w{{1,30}}\)\s*(?P<date>{MONTH_RE}\s+[0-3]?\d,\s*(?:19|20)\d\d"
    rf"|[0-3]?\d\s+{MONTH_RE}\s+(?:19|20)\d\d)"
)
ON_WEEKDAY = re.compile(r"\b(?i:on)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
#: A year after these words is not the article's own year: "since 2017" lies before it,
#: "by 2030" / "until 2030" after it (TimeML: anchored to another time).
YEAR_MENTION = re.compile(
    r"(?<![\w$€£₹.,/-])(?P<before>\w+\s+)?(?P<year>(?:19|20)\d\d)(?![\w%/-]|[.,]\d|\s*(?:%|per\s?cent))",
    re.IGNORECASE,
)
NOT_OWN_YEAR = frozenset("since by until till through before ahead from after".split())


@dataclass(frozen=True)
class DateEvidence:
    """What the earlier stages know that bears on the publication date."""

    field_value: str | None = None  # from the input record (JSON "date", feed "published")
    header_field: str | None = None  # from a "Published: …" line the header reader lifted
    header_label: str | None = None
    html_date: str | None = None
    html_date_method: str | None = None  # "metadata" or "text" (htmldate's extensive search)
    dateline: Dateline | None = None
    raw_text: str = ""
    body_text: str = ""


@dataclass(frozen=True)
class Candidate:
    value: date
    source: DateSource
    confidence: float
    evidence: str
    note: str
    role: str = "published"  # "published" or "updated"


def valid(day: date | None, today: date) -> bool:
    return day is not None and MIN_DATE <= day <= today + timedelta(days=1)


def _prior(name: str) -> float:
    return date_rules().confidence[name]


def candidates(evidence: DateEvidence, today: date) -> list[Candidate]:
    """Every validated publication-date candidate the evidence supports."""
    found: list[Candidate] = []

    def add(
        day: date | None, source: DateSource, conf: float, text: str, note: str, role="published"
    ) -> None:
        if day is not None and valid(day, today):
            found.append(Candidate(day, source, round(conf, 2), text.strip()[:200], note, role))

    if evidence.field_value:
        day = parse_field_date(evidence.field_value)
        add(day, "field", _prior("field"), evidence.field_value, "the input's own date field")
    if evidence.header_field:
        label = " ".join((evidence.header_label or "date").lower().split())
        role = "updated" if label in date_rules().updated_labels else "published"
        add(
            parse_field_date(evidence.header_field),
            "field",
            _prior("label_updated" if role == "updated" else "label_published"),
            f"{evidence.header_label} {evidence.header_field}",
            f"a '{label}' line at the top of the text",
            role,
        )
    for line in read_page_dates(evidence.raw_text):
        found += _line_candidate(line, today)
    dateline = read_dateline(evidence.raw_text) or evidence.dateline
    if dateline is not None and dateline.date_text:
        text = evidence.raw_text or evidence.body_text
        day, conf, note = dateline_date(dateline.date_text, text, today)
        add(day, "dateline", conf, dateline.raw, note)
    if evidence.html_date:
        by_text = evidence.html_date_method == "text"
        add(
            parse_field_date(evidence.html_date),
            "html-meta",
            _prior("html_text" if by_text else "html_meta"),
            evidence.html_date,
            "htmldate, from the page's text" if by_text else "htmldate, from the page's metadata",
        )
    post = embedded_post_date(evidence.raw_text)
    if post is not None and weekday_agrees(post[0], evidence.body_text or evidence.raw_text):
        add(
            post[0],
            "embedded-post",
            _prior("embedded_post"),
            post[1],
            f"a quoted post of {post[0]:%A}, the day the text's 'on {post[0]:%A}' names",
        )
    return found


def _line_candidate(line, today: date) -> list[Candidate]:
    if not valid(line.day, today):
        return []
    if line.role == "stamp":
        footer = line.zone == "footer"
        conf = _prior("footer_stamp" if footer else "header_stamp")
        source: DateSource = "in-text"
        note = f"a date line in the page's {'footer' if footer else 'header'}"
    else:
        conf = _prior("label_updated" if line.role == "updated" else "label_published")
        source = "field"
        note = f"a '{line.label}' line in the page's {line.zone}"
    if line.guessed_order:
        conf -= _prior("ambiguous_order")
        note += " (numeric date read day first: the page shows no order)"
    role = "updated" if line.role == "updated" else "published"
    return [Candidate(line.day, source, round(conf, 2), line.line[:200], note, role)]


def choose(found: Sequence[Candidate], lower_bound: date | None = None) -> Candidate | None:
    """Reconcile the candidates: agreement adds up, published beats a later update, nothing
    before the newest quoted post, nothing below the minimum confidence."""
    if lower_bound is not None:
        found = [c for c in found if c.value >= lower_bound]
    if not found:
        return None
    bonus = _prior("agreement")
    scored: list[Candidate] = []
    for c in found:
        others = {o.source + o.evidence for o in found if o.value == c.value} - {
            c.source + c.evidence
        }
        if others:
            c = Candidate(
                c.value,
                c.source,
                round(min(0.99, c.confidence + bonus * len(others)), 2),
                c.evidence,
                f"{c.note}; {len(others)} other source(s) name the same day",
                c.role,
            )
        scored.append(c)
    floor = _prior("min_confidence")
    scored = [c for c in scored if c.confidence >= floor]
    if not scored:
        return None
    best = max(scored, key=lambda c: (c.confidence, c.role == "published"))
    if best.role == "updated":
        first = [c for c in scored if c.role == "published" and c.value <= best.value]
        if first:
            best = max(first, key=lambda c: c.confidence)
    return best


def publication_date(evidence: DateEvidence, today: date) -> PublicationDate | None:
    """The date the article was published, or None when the evidence does not say."""
    post = embedded_post_date(evidence.raw_text)
    best = choose(candidates(evidence, today), post[0] if post else None)
    if best is None:
        return None
    return PublicationDate(
        value=best.value.isoformat(),
        source=best.source,
        confidence=best.confidence,
        evidence=best.evidence,
        note=best.note,
    )


def dateline_date(date_text: str, text: str, today: date) -> tuple[date | None, float, str]:
    """A dateline's date and confidence, and why; a missing year comes from the text's own
    evidence: its full dates, else the one year it names, with the lede's weekday to confirm
    (or choose) — with no evidence the dateline is a month and day, not a guess."""
    full = parse_date(date_text)
    if full is not None:
        return full, _prior("dateline"), "a dateline with a full date"
    month_day = _month_day(date_text)
    if month_day is None:
        return None, 0.0, ""
    month, day = month_day
    own = text_without_copyright(text)
    weekdays = lede_weekdays(text)
    dated = [d for m in find_dates(own) if m.year and (d := m.to_date()) and valid(d, today)]
    near: list[tuple[bool, float, date]] = []  # (weekday agrees, closeness, the day)
    for year in sorted({d.year for d in dated} | {d.year + 1 for d in dated}):
        guess = safe_date(year, month, day)
        if guess is not None and valid(guess, today):
            spread = [abs((d - guess).days) for d in dated]
            if max(spread) <= MAX_YEAR_SPREAD_DAYS:
                near.append((guess.weekday() in weekdays, -median(spread), guess))
    if near:
        agrees, _, found = max(near)
        conf = _prior("dateline_year_from_dates") + (_prior("weekday_agrees") if agrees else 0)
        note = f"dateline without a year; {found.year} from the text's full dates"
        return found, conf, note + _weekday_note(found, agrees)
    named = [
        g for y in own_years(own, today) if (g := safe_date(y, month, day)) and valid(g, today)
    ]
    agreeing = [g for g in named if g.weekday() in weekdays]
    if agreeing:
        found = max(agreeing)
        conf = _prior("dateline_year_from_years") + _prior("weekday_agrees")
        note = f"dateline without a year; {found.year} named in the text"
        return found, conf, note + _weekday_note(found, True)
    if len(named) == 1:
        found = named[0]
        note = f"dateline without a year; {found.year}, the one year the text names"
        return found, _prior("dateline_year_from_years"), note
    return None, 0.0, "dateline without a year, and nothing in the text gives one"


def _weekday_note(day: date, agrees: bool) -> str:
    name = WEEKDAY_NAMES[day.weekday()]
    return f"; the lede's '{name}' is that day's weekday" if agrees else ""


def _month_day(text: str) -> tuple[int, int] | None:
    m = re.match(rf"\s*({MONTH_RE})\s+([0-3]?\d)", text) or re.match(
        rf"\s*([0-3]?\d)\s+({MONTH_RE})", text
    )
    if m is None:
        return None
    first, second = m.groups()
    name, number = (first, second) if first[0].isalpha() else (second, first)
    month = month_number(name)
    if month is None or safe_date(2000, month, int(number)) is None:
        return None
    return month, int(number)


def own_years(text: str, today: date) -> list[int]:
    """Years the text names as a time of its own ("the 2023 summit", "in 2023"), not as a
    bound of another ("since 2017", "by 2030")."""
    years = set()
    for m in YEAR_MENTION.finditer(text):
        before = (m.group("before") or "").strip().lower()
        year = int(m.group("year"))
        if before not in NOT_OWN_YEAR and MIN_DATE.year <= year <= today.year:
            years.add(year)
    return sorted(years)


def embedded_post_date(raw: str) -> tuple[date, str] | None:
    """The latest date stamped on an embedded social post ("— Name (@handle) March 20, 2024")."""
    best: tuple[date, str] | None = None
    for m in EMBEDDED_POST.finditer(raw):
        day = parse_date(m.group("date"))
        if day is not None and (best is None or day > best[0]):
            best = (day, m.group(0).strip())
    return best


def weekday_agrees(day: date, body: str) -> bool:
    """True when the text says "on <weekday>" and that weekday is ``day``'s."""
    named = {WEEKDAYS[w.lower()] for w in ON_WEEKDAY.findall(body)}
    return day.weekday() in named
