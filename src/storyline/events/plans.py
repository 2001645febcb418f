"""A plan and its happening: news tells one act before it happens and again once it has.

An announcement ("Ellen DeGeneres will host the Oscars", "Modi is expected to visit Moscow"), a
schedule or an expectation is the same real event as the later report of it, and ECB+ annotates
them as one ("will be hosting the Oscars this year" with "It's official: I'm hosting the
#Oscars!"); so does the briefing's gold, whose planned sentences belong to the event they announce.
A planned group therefore joins a group told as happened (``grouping``) under the same conditions
as any two reports (compatible parties and modes: ``compatibility``), when the report is of the
plan's own type, and the plan came first. Its time is the latest of its stated date (the start of
"next year") and the day it was told (a plan is told before it happens: TimeML anchors an undated
future event after the document's creation time), and it must not fall after the report's date
(stated, or else the day its article was published), nor more than ``[merge] plan_window_days``
before it. So a plan told after a report of an earlier occurrence (the 2007 hosting recalled beside
the announced 2014 one) never joins it, and a plan that never came true stays planned. Hypothetical
and conditional mentions ("would", "if", "could") keep their own status and stay apart.

Once joined, the event is told by its reports, not by what the plan intended (``absorbed``): its
date, parties and mode are the reports', so the timeline places the act where it happened and
shows an event whose mentions are all plans nowhere (``timeline``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from storyline.events.lexicon import settings

if TYPE_CHECKING:
    from storyline.events.grouping import Group

PLANNED = "planned"
HAPPENED_STATUS = "happened"


def plan_and_report(a: Group, b: Group) -> tuple[Group, Group] | None:
    """(the plan, the report) when one group is a plan and the other told as happened; None
    otherwise (the same status, a hypothetical or negated one, a habit: ``grouping.unit``)."""
    if a.status == PLANNED and b.status == HAPPENED_STATUS:
        return a, b
    if b.status == PLANNED and a.status == HAPPENED_STATUS:
        return b, a
    return None


def fulfils(plan: Group, report: Group) -> bool:
    """Could ``report`` tell ``plan`` come true: an act of the plan's own type (a plan to
    cooperate agreed during a call is not the call: "congratulated Putin … and agreed to work
    together", demo corpus 001, where ``compatibility.types_fit`` would join an act done at a
    meeting to it), told in another sentence, for a time at or before the report's
    (``plan_came_first``)? One sentence does not tell one act both as to come and as done: a
    report beside a plan in its sentence is the plan's purpose read as done ("agreed to work
    together to deepen the partnership", demo corpus 001; "has agreed to set up an energy
    research center in Tokyo to further develop its regional energy projections", PLOVER gold)
    or another occurrence."""
    if plan.sentences & report.sentences or not plan.types <= report.types:
        return False
    return plan_came_first(plan, report)


def plan_came_first(plan: Group, report: Group) -> bool:
    """Was ``plan`` told for a time at or before ``report``'s date, within the window (module
    doc)? Where either time is unknown (an article without a publication date, no date stated)
    nothing says the plan came first, and it stays apart."""
    start = _plan_time(plan)
    span = _report_span(report)
    if start is None or span is None:
        return False
    first, last = span
    if start > last:
        return False  # planned for later: another occurrence, or not yet happened
    return (first - start).days <= int(settings()["merge"]["plan_window_days"])


def absorbed(a: Group, b: Group) -> tuple[Group, Group]:
    """``a`` and ``b`` ready to be joined (``grouping.union``): a plan joining its report adds
    its mentions and documents, never what describes the occurrence (its intended date, parties,
    mode, place, article days): the event happened when, where and between whom its reports
    say, and a plan naming several acts in one ("will hold bilateral meetings with A and B")
    must not join two of them through the one it joined first."""
    pair = plan_and_report(a, b)
    if pair is None:
        return a, b
    plan, report = pair
    bare = replace(
        plan, status=report.status, type=report.type, types=set(report.types),
        participants=set(), countries=set(), sources=set(), targets=set(), people=set(),
        modes=set(), dates=set(), day_votes={}, doc_days=set(), venues=set(), towns=set(),
        news_days=set(), bodies={}, timeless=report.timeless,
    )  # fmt: skip
    return (bare, report) if a is plan else (report, bare)


def _plan_time(plan: Group) -> date | None:
    """The earliest time the plan can be for: not before the day it was told, nor before its
    stated date's start; None when the day it was told is unknown (nothing then says it came
    before the report rather than after it)."""
    if not plan.news_days:
        return None
    told = date.fromisoformat(min(plan.news_days))
    if plan.dates:
        return max(told, min(period(d)[0] for d in plan.dates))
    return told


def _report_span(report: Group) -> tuple[date, date] | None:
    """The days the report's act may fall on: its date's period, or else its article's day."""
    if report.date:
        return period(report.date)
    if report.news_days:
        day = date.fromisoformat(min(report.news_days))
        return day, day
    return None


def period(day: str) -> tuple[date, date]:
    """The first and last day of an ISO date, month or year (also ``compatibility``'s)."""
    if len(day) == 10:
        one = date.fromisoformat(day)
        return one, one
    year = int(day[:4])
    if len(day) == 7:
        month = int(day[5:7])
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return date(year, month, 1), last
    return date(year, 1, 1), date(year, 12, 31)
