"""Figures across documents: group those that measure the same thing and say how they relate.

Blocking is by ``measure_key`` (a dictionary, linear in the number of figures). Inside a group,
claims are compared only within a class of the same kind, unit, claim type (actual / target /
forecast) and period; values are clustered by sorting and one sweep over overlapping ranges
(tolerances in ``data/figures.toml``), so no step compares all pairs.

Status: *conflicting* when independent sources give different values in one class,
*corroborated* when at least two agree, *related* when sources speak of the same measure but
of different periods or kinds of claim (an actual and a target), *single-source* otherwise.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from storyline.figures.numbers import lexicon
from storyline.figures.syntax import plural
from storyline.models import Figure, FigureGroup
from storyline.models.language import FigureStatus
from storyline.text.readable_dates import readable_date

CLAIMS = ("actual", "target", "forecast")
BOUNDS = ("over", "about", "under")
MAX_LISTED = 3  # documents named per value in an explanation; the rest are counted


@dataclass(frozen=True)
class _Tolerance:
    exact: float
    about: float
    bound: float


@cache
def _tolerance() -> _Tolerance:
    g = lexicon()["grouping"]
    return _Tolerance(float(g["exact"]), float(g["about"]), float(g["bound"]))


def claim_type(figure: Figure) -> str:
    """actual, target or forecast, from the figure's qualifiers."""
    for claim in ("target", "forecast"):
        if claim in figure.qualifiers or figure.qualifier == claim:
            return claim
    return "actual"


def value_range(figure: Figure) -> tuple[float, float]:
    """The values a claim allows: "over 50" allows 50-62.5, "about 50" 45-55, "50" 47.5-52.5."""
    t = _tolerance()
    v = figure.value
    bound = next((q for q in figure.qualifiers if q in BOUNDS), figure.qualifier)
    if bound == "over":
        return v, v * (1 + t.bound)
    if bound == "under":
        return v * (1 - t.bound), v
    if bound == "about":
        return v * (1 - t.about), v * (1 + t.about)
    return v * (1 - t.exact), v * (1 + t.exact)


@dataclass
class _Cluster:
    low: float
    high: float
    figures: list[Figure] = field(default_factory=list)


def _clusters(figures: Sequence[Figure]) -> list[_Cluster]:
    """Figures whose ranges share a common value, by one sweep over the sorted ranges."""
    clusters: list[_Cluster] = []
    for figure in sorted(figures, key=lambda f: (value_range(f), f.id)):
        low, high = value_range(figure)
        last = clusters[-1] if clusters else None
        if last is not None and low <= last.high and last.low <= high:
            last.low, last.high = max(last.low, low), min(last.high, high)
            last.figures.append(figure)
        else:
            clusters.append(_Cluster(low, high, [figure]))
    return clusters


ClassKey = tuple[str, str, str, str | None]  # kind, unit, claim, period (None: not stated)


def _classes(figures: Sequence[Figure]) -> dict[ClassKey, list[Figure]]:
    """Figures by (kind, unit, claim, period); an unstated period joins the only stated one."""
    by_class: dict[ClassKey, list[Figure]] = defaultdict(list)
    for f in figures:
        by_class[(f.kind, f.unit or "", claim_type(f), f.period)].append(f)
    for key in [k for k in by_class if k[3] is None]:
        stated = [k for k in by_class if k[:3] == key[:3] and k[3] is not None]
        if len(stated) != 1:
            continue
        target = stated[0]
        ranges = _clusters(by_class[target])
        keep = []
        for f in by_class[key]:
            low, high = value_range(f)
            if any(low <= c.high and c.low <= high for c in ranges):
                by_class[target].append(f)
            else:
                keep.append(f)
        if keep:
            by_class[key] = keep
        else:
            del by_class[key]
    return dict(by_class)


def _contradicts(key: ClassKey, clusters: list[_Cluster], source: Callable[[Figure], str]) -> bool:
    """Different values in one class contradict when their time is the same: the same stated
    period, or (no period stated) the same publication date."""
    if len(clusters) < 2:
        return False
    if key[3] is not None:
        return len({source(f) for c in clusters for f in c.figures}) >= 2
    by_day: dict[str, list[int]] = defaultdict(list)
    for n, cluster in enumerate(clusters):
        for f in cluster.figures:
            if f.reported:
                by_day[f.reported].append(n)
    return any(
        len(set(ns)) >= 2
        and len({source(f) for c in clusters for f in c.figures if f.reported == day}) >= 2
        for day, ns in by_day.items()
    )


def group_figures(
    figures: Sequence[Figure], same_source: Mapping[str, str] | None = None
) -> list[FigureGroup]:
    """Figure groups by measure key, each with a status and a one-line explanation.

    ``same_source`` maps a document id to the id of the document it copies (near-duplicates),
    so a wire story and its copy count as one source.
    """
    blocks: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        blocks[figure.measure_key].append(figure)
    groups = []
    for key in sorted(blocks):
        members = blocks[key]
        status, explanation = assess(members, same_source or {})
        groups.append(
            FigureGroup(
                id=f"fg:{key}",
                measure=_label(key, members),
                figure_ids=[f.id for f in members],
                documents=sorted({f.provenance.doc_id for f in members}),
                status=status,
                explanation=explanation,
            )
        )
    return groups


def assess(figures: Sequence[Figure], same_source: Mapping[str, str]) -> tuple[FigureStatus, str]:
    """(status, explanation) for figures that measure the same thing."""

    def source(f: Figure) -> str:
        return same_source.get(f.provenance.doc_id, f.provenance.doc_id)

    classes = _classes(figures)
    conflicting, corroborated = [], []
    for key, members in classes.items():
        clusters = _clusters(members)
        if _contradicts(key, clusters, source):
            conflicting.append(key)
        elif any(len({source(f) for f in c.figures}) >= 2 for c in clusters):
            corroborated.append(key)
    items = [
        _describe(key, cluster)
        for key in sorted(classes, key=_class_order)
        for cluster in _clusters(classes[key])
    ]
    body = "; ".join(items)
    if conflicting:
        return "conflicting", f"{body} — different values for the same measure and time"
    if corroborated:
        n = max(
            len({source(f) for f in c.figures}) for k in corroborated for c in _clusters(classes[k])
        )
        return "corroborated", f"{body} — {n} independent sources agree"
    if len({source(f) for f in figures}) >= 2:
        return "related", f"{body} — {_why_related(classes)}, not a contradiction"
    return "single-source", f"{body} — one source only"


def _class_order(key: ClassKey) -> tuple[int, str, str, str]:
    kind, unit, claim, period = key
    return CLAIMS.index(claim), period or "~", kind, unit


def _why_related(classes: Mapping[ClassKey, list[Figure]]) -> str:
    keys = list(classes)
    if len({k[2] for k in keys}) > 1:
        return "different kinds of claim"
    if len({k[:2] for k in keys}) > 1:
        return "different units"
    if len({k[3] for k in keys}) > 1:
        return "different periods"
    return "no period stated and reported at different times"


def _describe(key: ClassKey, cluster: _Cluster) -> str:
    _kind, _unit, claim, period = key
    values = list(dict.fromkeys(_value_text(f) for f in cluster.figures))
    if period is None:
        days = [
            readable_date(d) for d in sorted({f.reported for f in cluster.figures if f.reported})
        ]
        when = (
            f" (period not stated; reported {', '.join(days)})" if days else " (period not stated)"
        )
    elif claim == "target":
        when = f" by {readable_date(period)}"
    else:  # a day vs a year, month, quarter: in words, never a TIMEX code
        when = (
            f" on {readable_date(period)}" if len(period) == 10 else f" in {readable_date(period)}"
        )
    ids = sorted({f.provenance.doc_id for f in cluster.figures})
    docs = ", ".join(ids[:MAX_LISTED]) + (
        f" +{len(ids) - MAX_LISTED} more" if len(ids) > MAX_LISTED else ""
    )
    return f"{claim}: {' / '.join(values)}{when} ({docs})"


def _value_text(f: Figure) -> str:
    bound = next((q for q in f.qualifiers if q in BOUNDS), None)
    prefix = f"{bound} " if bound else ""
    v = f.value
    if f.kind == "money":
        return f"{prefix}{f.unit} {amount(v)}"
    if f.kind == "percent":
        if f.unit == "%":
            return f"{prefix}{v:g}%"
        return f"{prefix}{v:g} {f.unit}s"
    if f.kind == "ordinal":
        return f"{_ordinal(int(v))} {f.unit or ''}".strip()
    unit = f" {f.unit if v == 1 else plural(f.unit)}" if f.unit else ""
    return f"{prefix}{amount(v)}{unit}"


def amount(value: float) -> str:
    """50000000000.0 → '50 billion', 2.0 → '2', 1234.5 → '1,234.5': figures as readers write."""
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            return f"{value / scale:g} {word}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,g}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _label(key: str, members: Sequence[Figure]) -> str:
    """The group's measure: the members' phrase when they agree, else parties + key head."""
    phrases = Counter(f.measure for f in members)
    if len(phrases) == 1:
        return members[0].measure
    core = key.split("|")[0]
    if ":" in core:  # a share, a change, a duration or a count: the members say it best
        return phrases.most_common(1)[0][0]
    names = max((f.participants for f in members), key=len)
    return f"{'–'.join(names)} {core}".strip()
