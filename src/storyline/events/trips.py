"""One visit told as its arrival, its talks and its audiences: one real event (``same_trip``);
a leader's visit and his meeting with the leader visited (``met_there``); and the date helpers
merging shares with ``grouping``.

A minister's visit lasts a day or two: "Lavrov arrived in Delhi on Thursday … met Modi …
held talks with Jaishankar on Friday". CAMEO codes the visit itself as one event (042 "make a
visit", 043 "host a visit") whose meetings are its content, and news tells them as one story;
so the reports of the arrival, the talks and the audiences are one real event. The ordinary
rules would split them: they name different people, and one article tells two days apart.
A visit and a meeting merge when they share a person, the meeting (in person, or of no stated
mode: "held talks") is between the visit's two countries (no third country, no place
elsewhere), they come from one story or article, and their days lie within ``trip_days`` of
each other. Calls and acts of other kinds never join this way.

Off by default (``trips`` in events.toml): measured, it joined meetings readers keep apart.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from storyline.events.lexicon import in_person_modes, settings

if TYPE_CHECKING:
    from storyline.events.grouping import Group


def same_trip(a: Group, b: Group) -> bool:
    """Are ``a`` and ``b`` (both dated) the visit and a meeting of one trip?"""
    conf = settings()["merge"]
    if not conf["trips"]:
        return False  # off by default (events.toml [merge] trips says why)
    in_person = in_person_modes()
    if a.status != b.status or not (a.dates and b.dates):
        return False
    if not (a.stories & b.stories or a.documents & b.documents):
        return False
    if not a.modes | b.modes <= in_person or "CONSULT.visit" not in a.modes | b.modes:
        return False  # a visit, and a meeting in person or of no stated mode ("held talks")
    if not (a.types | b.types) <= {"CONSULT", *conf["meeting_acts"]}:
        return False
    if not a.people & b.people:
        return False
    small, large = sorted((a.countries, b.countries), key=len)
    if not small or not small <= large or len(large) != 2:
        return False  # a bilateral visit: the same two countries, no third
    if (a.venues | b.venues) - large:
        return False  # met elsewhere ("they last met in Bali"): no part of this visit
    return _within(a.dates | b.dates, int(conf["trip_days"]))


def _within(days: set[str], span: int) -> bool:
    """Exact days at most ``span`` apart, and each coarser date containing one of them."""
    exact = sorted(d for d in days if len(d) == 10)
    if not exact:
        return len(days) == 1
    if day_span(days) > span:
        return False
    return all(any(e.startswith(d) for e in exact) for d in days if len(d) < 10)


def met_there(a: Group, b: Group) -> bool:
    """In person, between the same two countries and no other people: a leader's visit to a
    country and his meeting with its leader ("Xi's visit to the United States" and "Xi and Biden
    met")."""
    in_person = in_person_modes()
    if not (a.modes and b.modes and a.modes | b.modes <= in_person):
        return False
    small_c, large_c = sorted((a.countries, b.countries), key=len)
    small_p, large_p = sorted((a.people, b.people), key=len)
    # a meeting held elsewhere ("they last met in Bali") was no visit to either country
    elsewhere = (a.venues | b.venues) - (a.countries & b.countries)
    return len(small_c) >= 2 and small_c <= large_c and small_p <= large_p and not elsewhere


def process_at_meeting(a: Group, b: Group) -> bool:
    """An act dated only by its year ("sharply increased its purchases of Russian oil this
    year") is a process, not an act done at a meeting of a given day."""
    for act, meeting in ((a, b), (b, a)):
        exact = any(len(d) == 10 for d in meeting.dates)
        if "CONSULT" not in act.types and exact and all(len(d) == 4 for d in act.dates):
            return True
    return False


def far_apart(days: set[str]) -> bool:
    """Do these dates name different occasions (more than ``occasion_days`` apart: not one trip
    or one summit week)?"""
    known = sorted(d for d in days if len(d) >= 7)
    if len(known) < 2:
        return False
    first = date.fromisoformat(known[0] if len(known[0]) == 10 else known[0] + "-01")
    last = date.fromisoformat(known[-1] if len(known[-1]) == 10 else known[-1] + "-01")
    return (last - first).days > int(settings()["merge"]["occasion_days"])


def day_span(days: set[str]) -> int:
    """Days between the first and the last exact day (0 with fewer than two)."""
    exact = sorted(d for d in days if len(d) == 10)
    if len(exact) < 2:
        return 0
    return (date.fromisoformat(exact[-1]) - date.fromisoformat(exact[0])).days


def told_apart(a: Group, b: Group) -> bool:
    """Does one article state a day for ``a`` and another day for ``b`` (each one the other
    lacks)? Then they are two events. A trip already holding two days an article tells
    (arrival, talks) is not told apart from a report of one of them."""
    told_a: dict[str, set[str]] = defaultdict(set)
    told_b: dict[str, set[str]] = defaultdict(set)
    for doc, day in a.doc_days:
        told_a[doc].add(day)
    for doc, day in b.doc_days:
        told_b[doc].add(day)
    return any(told_a[d] - told_b[d] and told_b[d] - told_a[d] for d in told_a.keys() & told_b)


def date_within(a: str, b: str) -> bool:
    """'2023-12' and '2023-12-27' are compatible; '2023-11' and '2023-12-27' are not."""
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short)
