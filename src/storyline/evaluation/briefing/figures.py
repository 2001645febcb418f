"""The ``figures`` area: extraction of scored figures, their values, and the cross-source
verdict on each measure (FORMAT.md, figures and measures).

A system figure matches a gold figure when it comes from the same document and its text holds
``num`` as a whole number; for money, money figures are preferred. When several candidates
remain, one whose text overlaps the gold phrase is preferred before "the first" (in document
order): "three batteries" and "nearly three times the speed of sound" in one article are two
figures, and the gold phrase says which one is meant.
"""

from __future__ import annotations

from collections import defaultdict

from storyline.evaluation.briefing.gold import Gold, GoldFigure
from storyline.evaluation.briefing.scorecard import Scorecard
from storyline.evaluation.briefing.system import Scope, System
from storyline.evaluation.briefing.text import contains, contains_number, values_agree
from storyline.models import Figure, FigureGroup

VERDICTS = frozenset({"corroborated", "conflicting"})


def match_figure(g: GoldFigure, candidates: list[Figure]) -> Figure | None:
    found = [f for f in candidates if contains_number(f.text, g.num)]
    if g.kind == "money":
        found = [f for f in found if f.kind == "money"] or found
    overlapping = [f for f in found if contains(g.text, f.text) or contains(f.text, g.text)]
    found = overlapping or found
    return min(found, key=lambda f: f.provenance.start) if found else None


class FigureMatch:
    """Gold figures → system figures, system figures → groups and → gold measures."""

    def __init__(self, gold: Gold, system: System) -> None:
        by_doc: dict[str, list[Figure]] = defaultdict(list)
        for figure in system.figures.values():
            by_doc[system.gid(figure.provenance.doc_id)].append(figure)
        self.matched = [match_figure(g, by_doc[g.doc]) for g in gold.figures]
        self.groups: dict[str, list[FigureGroup]] = defaultdict(list)
        for group in system.briefing.figure_groups:
            for fid in group.figure_ids:
                self.groups[fid].append(group)
        self.measures_of: dict[str, set[str]] = defaultdict(set)
        for g, f in zip(gold.figures, self.matched, strict=True):
            if f is not None and g.scored and g.measure in gold.measures:
                self.measures_of[f.id].add(g.measure)
        self.refs: dict[str, int] = {}
        for i, g in enumerate(gold.figures):
            best = self.refs.get(g.ref)
            if best is None or (g.scored and not gold.figures[best].scored):
                self.refs[g.ref] = i

    def of_ref(self, ref: str) -> Figure | None:
        index = self.refs.get(ref)
        return None if index is None else self.matched[index]

    def where(self, ref: str) -> str:
        f = self.of_ref(ref)
        if f is None:
            return f"{ref} not extracted"
        groups = self.groups.get(f.id, [])
        shown = ", ".join(f"'{g.measure}' ({g.status})" for g in groups) or "no group"
        return f"{ref} '{f.text}' in {shown}"


def score_figures(card: Scorecard, gold: Gold, scope: Scope, system: System) -> None:
    match = FigureMatch(gold, system)
    scored = [
        (g, f)
        for g, f in zip(gold.figures, match.matched, strict=True)
        if g.scored and scope.doc(g.doc)
    ]
    extracted = [(g, f) for g, f in scored if f is not None]
    for g, f in scored:
        if f is None:
            card.fail(
                "figures", f"{g.doc} '{g.text}'", f"a {g.kind} figure {g.num}", "not extracted"
            )
    card.ratio(
        "figures", "scored figures extracted", len(extracted), len(scored), key="figures.extracted"
    )
    valued = [(g, f) for g, f in extracted if g.value is not None]
    agree = 0
    for g, f in valued:
        if values_agree(f.value, float(g.value or 0)):
            agree += 1
        else:
            card.fail(
                "figures", f"{g.doc} '{g.text}' value", f"{g.value:g}", f"{f.value:g} ('{f.text}')"
            )
    card.ratio("figures", "values right (within rounding)", agree, len(valued))
    _measures(card, gold, scope, match)


def _measures(card: Scorecard, gold: Gold, scope: Scope, match: FigureMatch) -> None:
    by_status: dict[str, list[str]] = defaultdict(list)
    for mid, m in sorted(gold.measures.items()):
        if scope.measure(m):
            by_status[m.status].append(mid)
    for status in ("conflicting", "corroborated", "single-source"):
        right = 0
        for mid in by_status[status]:
            refs = gold.measures[mid].refs
            if _measure_right(status, mid, refs, match):
                right += 1
            else:
                expected = {
                    "conflicting": "its figures in one group marked conflicting",
                    "corroborated": "its figures alone in one group marked corroborated",
                    "single-source": "its figure extracted",
                }[status]
                got = "; ".join(match.where(r) for r in refs)
                card.fail("figures", f"measure {mid}", expected, got)
        label = "extracted" if status == "single-source" else "right"
        card.ratio(
            "figures",
            f"{status} measures {label}",
            right,
            len(by_status[status]),
            key=f"figures.{status.replace('-', '_')}",
        )
    _mixing(card, gold, scope, match)


def _measure_right(status: str, mid: str, refs: list[str], match: FigureMatch) -> bool:
    figures = [match.of_ref(r) for r in refs]
    found = [f for f in figures if f is not None]
    if status == "single-source":
        return bool(refs) and len(found) == len(refs)
    if status == "conflicting":
        if len(found) < 2:
            return False
        shared = set.intersection(*({g.id for g in match.groups.get(f.id, [])} for f in found))
        groups = {g.id: g for f in found for g in match.groups.get(f.id, [])}
        return any(groups[g].status == "conflicting" for g in shared)
    if len(found) < len(refs) or not found:
        return False
    groups = {g.id: g for f in found for g in match.groups.get(f.id, [])}
    if len(groups) != 1:
        return False
    group = next(iter(groups.values()))
    if group.status != "corroborated":
        return False
    others = {m for fid in group.figure_ids for m in match.measures_of.get(fid, set())}
    return others <= {mid}


def _mixing(card: Scorecard, gold: Gold, scope: Scope, match: FigureMatch) -> None:
    """System groups holding figures of two or more gold measures, and the not_conflicting pairs
    that share a group carrying a verdict."""
    groups = {g.id: g for gs in match.groups.values() for g in gs}
    with_gold = mixing = verdict = 0
    measure_groups: dict[str, set[str]] = defaultdict(set)
    for gid, group in sorted(groups.items()):
        measures = {m for fid in group.figure_ids for m in match.measures_of.get(fid, set())}
        for m in measures:
            measure_groups[m].add(gid)
        if not measures or not any(scope.measure(gold.measures[m]) for m in measures):
            continue
        with_gold += 1
        if len(measures) > 1:
            mixing += 1
            if group.status in VERDICTS:
                verdict += 1
                card.fail(
                    "figures",
                    f"group '{group.measure}'",
                    "one gold measure per corroborated/conflicting group",
                    f"{group.status}: {', '.join(sorted(measures))}",
                )
    card.ratio(
        "figures", "groups mixing gold measures", mixing, with_gold, "groups with gold figures"
    )
    card.ratio(
        "figures",
        "mixing groups with a verdict",
        verdict,
        mixing,
        "0 ideal",
        "figures.mixed_verdicts",
    )
    pairs = [
        (a, b)
        for a, b in gold.not_conflicting
        if a in gold.measures and scope.measure(gold.measures[a])
    ]
    wrong = 0
    for a, b in pairs:
        shared = [groups[g] for g in sorted(measure_groups[a] & measure_groups[b])]
        if any(g.status in VERDICTS for g in shared):
            wrong += 1
            card.fail(
                "figures",
                f"not conflicting {a} / {b}",
                "never one verdict group",
                shared[0].measure,
            )
    card.ratio("figures", "not-conflicting pairs judged as one", wrong, len(pairs), "0 ideal")
