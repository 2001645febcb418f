"""The header of a news text: byline, date field and dateline, lifted out as metadata.

News text opens in a conventional order — a headline, maybe a byline, maybe a "Published:"
line, then the first paragraph starting with a dateline ("New Delhi, Dec 28: …",
"WASHINGTON (Reuters) — …"). Each recogniser here looks only where that convention puts it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.data import read_toml
from storyline.models import Dateline, Removal
from storyline.text.datewords import MONTH_RE
from storyline.text.lines import Line, normalise_line

BYLINE_SEARCH_LINES = 3
DATE_FIELD_SEARCH_LINES = 3

_DATE_VALUE = (
    rf"(?:(?:19|20)\d\d-[01]\d-[0-3]\d(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?"
    rf"|{MONTH_RE}\s+[0-3]?\d(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
    rf"|[0-3]?\d\s+{MONTH_RE},?\s+(?:19|20)\d\d"
    rf"|[0-3]?\d[/.][0-3]?\d[/.](?:19|20)\d\d)"
)
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?"
_CLOCK = r"(?:at\s+)?[0-2]?\d[:.][0-5]\d(?:\s*[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,4}\)?)?"
_TIME = rf"(?:,?\s*{_CLOCK})?"


#: Labels that may open a line of prose-looking text ("date 2024-03-20 In a significant …");
#: any other label lifts a date only with a colon or as the whole line ("Released on 4 March
#: 2021, the prisoner …" is a sentence).
PREFIX_LABELS = ("date", "dated", "published", "posted", "first published", "updated",
                 "last updated")  # fmt: skip


def _labels() -> str:
    """The date labels of ``data/dates.toml`` (Published, Updated, Last Modified, Posted …)."""
    labels = read_toml("dates.toml")["labels"]
    words = sorted(labels["published"] + labels["updated"], key=len, reverse=True)

    def pattern(group: list[str] | tuple[str, ...]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in group)

    others = [w for w in words if w not in PREFIX_LABELS]
    prefix = sorted(PREFIX_LABELS, key=len, reverse=True)
    return rf"(?P<prefix>{pattern(prefix)})\b|(?:{pattern(others)})\b"


#: A date line or prefix: a label, then the date with weekday, time and zone around it in any
#: order ("Updated 10:42 AM ET, Thu August 4, 2011", "Published: Thursday, 4 August 2011, 14:02
#: IST", "date 2024-03-20 …"). ``ingest.page_dates`` reads the same lines for the date itself.
DATE_FIELD = re.compile(
    rf"^(?P<label>{_labels()})(?:\s+on)?(?P<colon>\s*:)?\s*[\-–]?\s*"
    rf"(?:(?:{_WEEKDAY}|{_CLOCK}),?\s*){{0,2}}"
    rf"(?P<value>{_DATE_VALUE}){_TIME}\s*(?:[|\-–—:]\s*)?(?(colon)|(?(prefix)|$))",
    re.IGNORECASE,
)
BYLINE = re.compile(
    r"^(?i:by|written by|reported by|author:?)\s+"
    r"(?P<names>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})*)"
    r"\s*(?:[|,\-–—]\s*.{0,60})?$"
)
_PLACE_WORD = r"[A-Z][A-Za-z.'’\-]*"
#: A dateline's date: "Aug 4", "Aug. 4, 2011", "4 August", "4 August 2011".
_DATELINE_DATE = (
    rf"(?:{MONTH_RE}\s+[0-3]?\d(?:,\s*(?:19|20)\d\d)?|[0-3]?\d\s+{MONTH_RE}(?:,?\s*(?:19|20)\d\d)?)"
)
#: Wire datelines (Reuters, AP, AFP, PTI, IANS, UNI style books): PLACE[, REGION][, DATE]
#: [(AGENCY)] then a separator — or, after an agency credit, none at all ("New Delhi, Aug 28
#: (UNI) Russian President …"); AP's "SPRINGFIELD, Ill. (AP) — Aug. 4, 2011 — " puts the date
#: after the credit.
DATELINE = re.compile(
    rf"^(?P<place>{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,3}})"
    rf"(?:,\s*(?P<region>{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,2}}))??"
    rf"(?:,?\s*(?P<date>{_DATELINE_DATE}))?"
    rf"\s*(?:\((?P<agency>[A-Za-z][A-Za-z .&]{{1,30}})\))?"
    rf"(?:\s*(?:–|—|--?)\s*(?P<date2>{_DATELINE_DATE})(?=\s*(?::|–|—|--?)\s))?"
    rf"\s*(?P<sep>:|–|—|--?)?\s+(?=[A-Z0-9“\"‘'])"
)
#: Words that open a paragraph like a dateline but are labels, not places.
NOT_PLACES = frozenset(
    (
        "breaking update updated exclusive watch analysis opinion note editor's editors live "
        "explainer photos video read also comment summary background context q a warning "
        "disclaimer correction fact check"
    ).split()
)


@dataclass
class Header:
    title: str | None = None
    byline: str | None = None
    dateline: Dateline | None = None
    date_field: str | None = None  # the date text of a "Published: …" line or prefix
    date_field_label: str | None = None
    notes: list[str] = field(default_factory=list)


def _lifted(line: Line, length: int, rule: str) -> Removal:
    return Removal(
        text=line.text[:length].rstrip(),
        kind="metadata",
        rule=rule,
        start=line.start,
        end=line.start + len(line.text[:length].rstrip()),
    )


def read_header(
    lines: list[Line], *, known_title: str | None = None
) -> tuple[Header, list[Line], list[Removal]]:
    """Lift a date field, byline and dateline off the top of ``lines`` (the header zone is
    already read by the line model, ``furniture``: the headline arrives as ``known_title``)."""
    header = Header(title=known_title)
    lines = list(lines)
    removed: list[Removal] = []

    for i, line in enumerate(lines[:DATE_FIELD_SEARCH_LINES]):
        m = DATE_FIELD.match(line.text)
        if m:
            header.date_field = m.group("value")
            header.date_field_label = m.group("label").lower()
            removed.append(_lifted(line, m.end(), "date-field"))
            rest = line.trim_prefix(m.end())
            lines[i : i + 1] = [rest] if rest.text else []
            break

    for i, line in enumerate(lines[:BYLINE_SEARCH_LINES]):
        m = BYLINE.match(normalise_line(line.text))
        if m and len(line.text) <= 120:
            header.byline = m.group("names").strip()
            removed.append(_lifted(line, len(line.text), "byline"))
            lines.pop(i)
            break

    for i, line in enumerate(lines[:3]):
        if len(line.text.split()) < 8:
            continue  # the dateline opens the first real paragraph
        dateline, length = match_dateline(line.text)
        if dateline is not None:
            header.dateline = dateline
            removed.append(_lifted(line, length, "dateline"))
            lines[i] = line.trim_prefix(length)
        break
    return header, lines, removed


def match_dateline(text: str) -> tuple[Dateline | None, int]:
    """A dateline at the start of a paragraph, and how many characters it spans."""
    m = DATELINE.match(text)
    if not m:
        return None, 0
    place = m.group("place")
    date_text = m.group("date") or m.group("date2")
    strong = any(m.group(g) for g in ("region", "agency")) or bool(date_text) or place.isupper()
    if place.split()[0].lower().strip(".'’") in NOT_PLACES:
        return None, 0
    if m.group("sep") is None:
        # no separator: only an agency credit ends a dateline ("New Delhi, Aug 28 (UNI) The …")
        if not m.group("agency") or not (date_text or place.isupper() or m.group("region")):
            return None, 0
    elif not strong and m.group("sep") not in (":", "–", "—"):
        return None, 0
    if place.isupper():
        place = place.title()
    raw = text[: m.end()].rstrip()
    return (
        Dateline(raw=raw, place=place, region=m.group("region"), date_text=date_text),
        m.end(),
    )
