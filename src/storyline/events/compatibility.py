"""Whether two groups of mentions could tell one event: the same kind of event, the same
participants, compatible modes and dates (``grouping`` compares groups inside its blocks with
these; ``attach`` and ``gatherings`` reuse them).

Kept apart from ``grouping``, which blocks, scores and agglomerates: this module only answers
"could these two be one?", one predicate per criterion, so a new criterion lands here.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from storyline.events.lexicon import in_person_modes, settings
from storyline.events.nationalities import parties_within, shared_parties
from storyline.events.plans import period
from storyline.events.trips import date_within, day_span, met_there, told_apart
from storyline.events.wording import material_conflict_types, same_mode, same_words

if TYPE_CHECKING:
    from storyline.events.grouping import Group


def undated_fit(a: Group, b: Group) -> bool:
    """Without a date to go by, the same story is not enough: one actor in common joins only a
    report of the same mode where it names the occasion ("Modi arrived in Kyiv" joins the visit,
    not every event Modi is in: ``wording.same_mode``), or within one article a modeless type
    that is no material conflict ("China rejected …", "China refused …": one statement; an
    article tells several material acts of one party, ECB+'s escapee who "forced" the guards to
    drive and "restrained" the officers, TimeBank's suspect in "three non-fatal sniper attacks …
    and one near Rochester"), or, both undated, of the same type told in the same word
    (``wording``); a directed act with the roles reversed is another act
    ("Putin called Modi" a year before "Modi called Putin")."""
    same_kind = same_mode(a, b) or (
        len(a.types) == 1
        and a.types == b.types
        and not a.modes
        and not b.modes
        and bool(a.documents & b.documents)
        and not a.types & material_conflict_types()
    )  # one article, one type, no mode: "China rejected …" and, later, "China refused …";
    # not a material act, of which one article tells several (``material_conflict_types``)
    # two undated reports in the same words: "X checked into …" in each report (``wording``)
    one_type = not (a.dates or b.dates) and len(a.types) == 1 and a.types == b.types
    same_kind = same_kind or (one_type and bool(a.words & b.words))
    if len(shared_parties(a, b)) < 2 and not same_kind and not met_there(a, b):
        return False
    return not (
        a.sources and a.targets and b.sources and b.targets
        and a.sources <= b.targets and a.targets <= b.sources
        and not (a.sources & b.sources)
    )  # fmt: skip


def joinable(a: Group, b: Group, plan_and_report: bool = False) -> bool:
    """Same kind of event, the same participants, compatible modes (dates aside); the same
    status too, unless ``plan_and_report`` (a plan and the report of its happening: ``plans``)."""
    if a.status != b.status and not plan_and_report:
        return False
    if not types_fit(a, b) or not senders_fit(a, b):
        return False
    if not a.participants and not b.participants:  # told in one story, in the same words
        together = a.documents & b.documents or a.stories & b.stories
        return bool(together) and same_words(a, b) and modes_fit(a, b)
    if not a.participants or not b.participants:
        return False
    if a.venues and b.venues and not a.venues & b.venues:
        return False  # one act, one place (ECB+'s criterion): met in Italy is not the Swiss summit
    if a.towns and b.towns and not a.towns & b.towns:
        return False  # shelling one town is not shelling another (``grouping.is_town``)
    # a nationality is its country and the country's state bodies (``nationalities``)
    small, large = sorted((a, b), key=lambda g: len(g.participants))
    same_people = parties_within(small, large) or len(shared_parties(small, large)) >= 2
    small_c, large_c = sorted((a.countries, b.countries), key=len)
    small_p, large_p = sorted((a.people, b.people), key=len)
    # countries stand in for people only where a report names no one, or the same people
    people_fit = not small_p or small_p <= large_p
    same_countries = len(small_c) >= 2 and small_c <= large_c and people_fit
    if not (same_people or same_countries):
        return False
    return modes_fit(a, b)


def modes_fit(a: Group, b: Group) -> bool:
    """A phone call is not a meeting (praise and a signing may join either); the in-person modes
    (meet, visit, host) fit one another."""
    in_person = in_person_modes()
    for type_ in {m.split(".", 1)[0] for m in a.modes | b.modes}:
        modes = {m for m in a.modes | b.modes if m.startswith(type_ + ".")}
        if len(modes) > 1 and not modes <= in_person:
            return False
    return True


def types_fit(a: Group, b: Group) -> bool:
    """The same type, or an act done at a meeting joining the meeting (events.toml [merge])."""
    if a.type == b.type:
        return True
    acts = set(settings()["merge"]["meeting_acts"])
    kinds = a.types | b.types
    return "CONSULT" in kinds and kinds <= acts | {"CONSULT"}


def senders_fit(a: Group, b: Group) -> bool:
    """An act joins a message one side sends (a letter, ``[merge] message_modes``) only where
    the message's sender does it: "Iraq said in a letter …" is the letter; its recipient's act
    ("Russia invited Modi" beside Modi's letter to Putin) answers it, another time."""
    messages = {f"CONSULT.{m}" for m in settings()["merge"]["message_modes"]}
    return not any(
        message.modes & messages and "CONSULT" not in act.types
        and not act.sources <= message.sources
        for message, act in ((a, b), (b, a))
    )  # fmt: skip


def dates_agree(a: Group, b: Group) -> bool:
    """Same day (a day apart within one story, never two days one article tells apart), or a
    coarser date containing the other."""
    days = a.dates | b.dates
    if told_apart(a, b):
        return False
    # each coarser date holds one of the finer ones ("April 2022" and a visit of 31 Mar–1 Apr)
    if any(not any(date_within(d, e) for e in days if len(e) > len(d)) for d in days
           if len(d) < 10 and any(len(e) > len(d) for e in days)):  # fmt: skip
        return False
    if any(len({d for d in days if len(d) == n}) > 1 for n in (4, 7)):
        return False
    exact = sorted({d for d in days if len(d) == 10})
    if len(exact) <= 1:
        return True
    window = int(settings()["merge"]["story_window_days"]) if a.stories & b.stories else 0
    # a group that already spans days (a trip) may take reports of any of them
    window = max(window, day_span(a.dates), day_span(b.dates))
    return day_span(set(exact)) <= window


def recalled(dated: Group, undated: Group) -> bool:
    """Is ``dated`` a past occasion that ``undated``'s articles recall, not their news? An
    article tells its news undated ("Klitschko twice wrestled Thompson to the floor", "I am so
    excited to be hosting the Oscars for the second time") and dates the occasions it recalls
    ("had beaten Thompson back in 2008", "first hosted the Oscars in 2007", "Teixeira was traded
    … in July"; the India–World pile's "two months after India attended the peace summit", "In
    June this year"): TimeML anchors an event without a time expression to the document's
    creation time for the same reason. So an undated report of a dated article never joins an
    occasion that ended more than ``occasion_days`` before the article's publication; articles
    with no publication date (``timeless``) say nothing here."""
    if not dated.dates or undated.dates or not undated.news_days or undated.timeless:
        return False
    last = max(period(d)[1] for d in dated.dates)
    first_news = date.fromisoformat(min(undated.news_days))
    return (first_news - last).days > int(settings()["merge"]["occasion_days"])
