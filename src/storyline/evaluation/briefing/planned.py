"""The ``planned`` area: future, expected and hypothetical acts must not become history.

A coded mention of a planned sentence must carry factuality ``planned`` or ``hypothetical``
(counted per mention, each mention once even when two planned passages cover it); a timeline
entry whose every mention lies in planned sentences is an error, and so is a ``planned_only``
gold event that a timeline event matches (date-lenient: an undated entry is still on the
timeline).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from storyline.evaluation.briefing.gold import Gold, GoldPlanned
from storyline.evaluation.briefing.matching import Matcher, SysEvent, SysMention
from storyline.evaluation.briefing.scorecard import Scorecard
from storyline.evaluation.briefing.system import Scope
from storyline.evaluation.briefing.text import contains, stem_hits

NOT_HAPPENED = frozenset({"planned", "hypothetical"})


def score_planned(
    card: Scorecard, gold: Gold, scope: Scope, events: Sequence[SysEvent], matcher: Matcher
) -> None:
    mentions = [m for s in events for m in s.mentions]
    planned = [p for p in gold.planned_sentences if scope.doc(p.doc)]
    coded: dict[str, SysMention] = {}
    uncoded = 0
    for p in planned:
        hits = [m for m in mentions if _codes(m, p)]
        if not hits:
            uncoded += 1
            card.fail("planned", f"{p.doc} '{p.text}'", "a coded planned mention", "not coded")
        for m in hits:
            coded.setdefault(m.id, m)
    right = 0
    for m in coded.values():
        if m.factuality in NOT_HAPPENED:
            right += 1
        else:
            card.fail(
                "planned",
                f"{m.doc} '{m.trigger}' in '{m.sentence}'",
                "planned or hypothetical",
                m.factuality,
            )
    card.ratio(
        "planned",
        "planned mentions coded planned/hypothetical",
        right,
        len(coded),
        "mentions of planned sentences",
        "planned.right",
    )
    card.ratio("planned", "planned sentences not coded", uncoded, len(planned), "0 ideal")
    _timeline_checks(card, gold, scope, events, matcher)


def _codes(m: SysMention, p: GoldPlanned) -> bool:
    return m.doc == p.doc and contains(m.sentence, p.text) and stem_hits(m.trigger, p.triggers) > 0


def _timeline_checks(
    card: Scorecard, gold: Gold, scope: Scope, events: Sequence[SysEvent], matcher: Matcher
) -> None:
    by_doc: dict[str, list[GoldPlanned]] = defaultdict(list)
    for p in gold.planned_sentences:
        by_doc[p.doc].append(p)
    timeline = [s for s in events if s.on_timeline]
    shown = [s for s in timeline if scope.any_doc(s.docs)]
    wrong = 0
    for s in shown:
        if s.mentions and all(
            any(contains(m.sentence, p.text) for p in by_doc.get(m.doc, ())) for m in s.mentions
        ):
            wrong += 1
            card.fail(
                "planned",
                f"timeline {s.describe()}",
                "not on the timeline",
                "every mention planned",
            )
    card.ratio(
        "planned", "timeline entries from planned sentences only", wrong, len(shown), "0 ideal"
    )
    planned_only = [g for g in gold.events if g.planned_only and scope.event(g)]
    shown_planned = 0
    for g in planned_only:
        on = [s for s in timeline if matcher.matches(s, g, lenient=True)]
        if on:
            shown_planned += 1
            card.fail("planned", f"{g.id} (planned only)", "not on the timeline", on[0].describe())
    card.ratio(
        "planned",
        "planned-only events on the timeline",
        shown_planned,
        len(planned_only),
        "0 ideal",
        "planned.on_timeline",
    )
