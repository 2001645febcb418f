"""The ``events`` area (recall, precision, merged core events, wrong merges, mention dates) and
the two timeline checks FORMAT.md reports under ``junk`` (unknown dates, undated entries).

Precision counts a timeline event as right when it matches a gold event of any tier that
happened; matching a ``planned_only`` event is not right (such an event "must never be on the
timeline"): it is counted again under ``planned``.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from storyline.evaluation.briefing.gold import Gold, GoldEvent
from storyline.evaluation.briefing.matching import Matcher, SysEvent, date_text, max_matching
from storyline.evaluation.briefing.scorecard import Scorecard, short
from storyline.evaluation.briefing.system import Scope
from storyline.evaluation.briefing.text import date_matches, gold_interval, overlaps, span_of


def gold_label(g: GoldEvent) -> str:
    return f"{g.id} ({g.tier}, {g.type}, {date_text(g)}; {' / '.join(g.actors[:3])})"


def score_events(
    card: Scorecard, gold: Gold, scope: Scope, events: Sequence[SysEvent], matcher: Matcher
) -> None:
    timeline = [s for s in events if s.on_timeline]
    _recall(card, gold, scope, timeline, matcher)
    _precision(card, gold, scope, timeline, matcher)
    _merged_core(card, gold, scope, events, matcher)
    _wrong_merges(card, scope, events, matcher)
    _mention_dates(card, scope, timeline, matcher)
    _timeline_dates(card, gold, scope, timeline, matcher)


def _recall(
    card: Scorecard, gold: Gold, scope: Scope, timeline: list[SysEvent], matcher: Matcher
) -> None:
    happened = [g for g in gold.events if not g.planned_only and scope.event(g)]
    for label, tiers, key in (
        ("core", {"core"}, "events.recall_core"),
        ("core + secondary", {"core", "secondary"}, "events.recall_core_secondary"),
    ):
        wanted = [g for g in happened if g.tier in tiers]
        for lenient in (False, True):
            edges = {
                i: [j for j, s in enumerate(timeline) if matcher.matches(s, g, lenient=lenient)]
                for i, g in enumerate(wanted)
            }
            matched = max_matching(edges)
            suffix = " (date-lenient)" if lenient else ""
            card.ratio(
                "events",
                f"recall {label}{suffix}",
                len(matched),
                len(wanted),
                "one-to-one, timeline",
                key + ("_lenient" if lenient else ""),
            )
            if lenient or label == "core":
                continue
            for i, g in enumerate(wanted):
                if i not in matched:
                    card.fail(
                        "events", gold_label(g), "a timeline event", matcher.nearest(g, timeline)
                    )


def _precision(
    card: Scorecard, gold: Gold, scope: Scope, timeline: list[SysEvent], matcher: Matcher
) -> None:
    candidates = [g for g in gold.events if not g.planned_only]
    shown = [s for s in timeline if scope.any_doc(s.docs)]
    for lenient in (False, True):
        right = [
            s for s in shown if any(matcher.matches(s, g, lenient=lenient) for g in candidates)
        ]
        card.ratio(
            "events",
            "timeline precision" + (" (date-lenient)" if lenient else ""),
            len(right),
            len(shown),
            "any tier",
            "events.precision" + ("_lenient" if lenient else ""),
        )
        if lenient:
            continue
        ok = {s.id for s in right}
        for s in shown:
            if s.id not in ok:
                near = [g for g in candidates if g.happened_documents & s.docs]
                best = min(near, key=lambda g: (len(matcher.mismatch(s, g)), g.id), default=None)
                got = (
                    f"nearest {best.id}: {'; '.join(matcher.mismatch(s, best))}"
                    if best
                    else "no gold event reported by its documents"
                )
                card.fail("events", f"timeline {s.describe()}", "a gold event", got)


def _family(gold: Gold, core: GoldEvent) -> set[str]:
    return set(core.family) | {core.id}


def _merged_core(
    card: Scorecard, gold: Gold, scope: Scope, events: Sequence[SysEvent], matcher: Matcher
) -> None:
    """A core event is right when one system event holds every happened mention anchored to it
    or its family, is on the timeline, covers every core document, is dated in the family's
    interval and is no wrong merge."""
    by_id = gold.events_by_id
    right = holders_total = with_holders = covered = required = 0
    cores = [
        by_id[s.core_event]
        for sid, s in sorted(gold.stories.items())
        if s.core_event in by_id and scope.story(sid)
    ]
    for core in cores:
        family = _family(gold, core)
        docs_of: dict[str, set[str]] = {}
        for s in events:
            hit = {m.doc for m in s.mentions if m.happened and m.anchored & family}
            if hit:
                docs_of[s.id] = hit
        need = set(core.documents)
        required += len(need)
        if not docs_of:
            card.fail(
                "events", f"merged core {gold_label(core)}", "one event", "no anchored mention"
            )
            continue
        with_holders += 1
        holders_total += len(docs_of)
        best_id = max(sorted(docs_of), key=lambda i: len(docs_of[i] & need))
        best = next(s for s in events if s.id == best_id)
        covered += len(docs_of[best_id] & need)
        span = span_of([matcher.intervals.get(f) for f in sorted(family)])
        problems = []
        if len(docs_of) > 1:
            problems.append(f"{len(docs_of)} system events hold its mentions")
        if not best.on_timeline:
            problems.append("not on the timeline")
        if missing := need - docs_of[best_id]:
            problems.append(f"no mention from {', '.join(sorted(missing))}")
        if not date_matches(best.date, span):
            problems.append(f"date {best.date or 'undated'} outside the family's dates")
        if wrong_merge(best, matcher):
            problems.append("a wrong merge")
        if problems:
            card.fail("events", f"merged core {gold_label(core)}", "one event", "; ".join(problems))
        else:
            right += 1
    card.ratio("events", "merged core events", right, len(cores), key="events.merged_core")
    card.value(
        "events",
        "system events per core event",
        holders_total / with_holders if with_holders else None,
        f"{holders_total}/{with_holders}",
        "1.0 ideal",
        "events.per_core",
    )
    card.ratio(
        "events",
        "core documents covered by the best event",
        covered,
        required,
        key="events.core_coverage",
    )


def wrong_merge(s: SysEvent, matcher: Matcher) -> tuple[str, str] | None:
    """Two gold events, from two mentions of ``s``, that are different real events: their
    intervals do not overlap and they are not in one family. A mention tied between anchors
    counts as wrong only when every reading of it conflicts."""
    anchored = [m.anchored for m in s.mentions if m.anchored]
    for first, second in combinations(anchored, 2):
        if first & second:
            continue
        if all(
            not matcher.same_family(a, b)
            and not overlaps(matcher.intervals.get(a), matcher.intervals.get(b))
            for a in first
            for b in second
        ):
            return min(first), min(second)
    return None


def _wrong_merges(
    card: Scorecard, scope: Scope, events: Sequence[SysEvent], matcher: Matcher
) -> None:
    checked = [s for s in events if s.anchored and scope.any_doc(s.docs)]
    wrong = 0
    for s in checked:
        pair = wrong_merge(s, matcher)
        if pair:
            wrong += 1
            a, b = (matcher.events[x] for x in pair)
            card.fail(
                "events",
                f"merge {s.describe()}",
                "one real event",
                f"mentions of {a.id} ({date_text(a)}) and {b.id} ({date_text(b)})",
            )
    card.ratio("events", "wrong merges", wrong, len(checked), "0 ideal")


def _mention_dates(
    card: Scorecard, scope: Scope, timeline: list[SysEvent], matcher: Matcher
) -> None:
    right = total = 0
    for s in timeline:
        for m in s.mentions:
            if not (m.happened and m.anchored and scope.doc(m.doc)):
                continue
            total += 1
            if any(date_matches(s.date, matcher.intervals.get(g)) for g in m.anchored):
                right += 1
                continue
            wanted = " or ".join(f"{g} {date_text(matcher.events[g])}" for g in sorted(m.anchored))
            card.fail(
                "events",
                f"mention {m.doc} '{short(m.trigger, 30)}' in '{short(m.sentence, 90)}'",
                wanted,
                f"on {s.id} dated {s.date or 'undated'}",
            )
    card.ratio(
        "events",
        "mention dates",
        right,
        total,
        "anchored happened mentions",
        "events.mention_dates",
    )


def _timeline_dates(
    card: Scorecard, gold: Gold, scope: Scope, timeline: list[SysEvent], matcher: Matcher
) -> None:
    """Under ``junk``: a dated entry whose date fits no dated gold event of its documents
    (planned_in included), and entries with no date. Gold events without a date are left out
    here: "no date can be known" cannot vouch for a date."""
    shown = [s for s in timeline if scope.any_doc(s.docs)]
    dated = [s for s in shown if s.date]
    wrong = 0
    for s in dated:
        known = [g for g in gold.events if g.date and g.all_documents & s.docs]
        if not any(date_matches(s.date, gold_interval(g.date, g.date_end)) for g in known):
            wrong += 1
            card.fail(
                "junk",
                f"timeline date {s.describe()}",
                "the date of a gold event its documents report",
                s.date or "",
            )
    card.ratio("junk", "unknown timeline dates", wrong, len(dated), "0 ideal", "junk.unknown_dates")
    undated = [s for s in shown if not s.date]
    card.ratio(
        "junk",
        "timeline entries with no date",
        len(undated),
        len(shown),
        "0 ideal",
        "junk.undated_entries",
    )
