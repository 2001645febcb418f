"""The verdict on one class of comparable figures (same measure, kind of claim and period), and
the one-line explanation a reader sees with it.

* **corroborated**: two or more independent sources, and every value agrees (rounding to the
  precision written, ``compare``);
* **conflicting**: two or more independent sources give values that cannot both be right;
* **series**: a running total (a toll, "so far") reported at different times, each later report
  giving a value that moves the same way: an update, not a contradiction. A value that comes
  back, or one from an undated source, cannot be placed in time, so disagreement stays a
  conflict;
* **single-source**: one source (a near-duplicate is the same source), whatever it says.

Values are clustered by sorting their ranges and one sweep (no comparison of all pairs).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from storyline.figures.compare import value_range, value_text
from storyline.figures.period import describe_period
from storyline.models import Figure

MAX_LISTED = 3  # sources named per value in an explanation; the rest are counted

ClassKey = tuple[str, str, str, str | None]  # kind, unit, claim, period (None: not stated)
COMPARED_AS = {"record": "actual"}  # a record high is an actual value of its period


def compared_claim(figure: Figure) -> str:
    """The claim a figure is compared as: a record is an actual value of its period."""
    return COMPARED_AS.get(figure.claim, figure.claim)


@dataclass
class Cluster:
    low: float
    high: float
    figures: list[Figure] = field(default_factory=list)


@dataclass
class Verdict:
    key: ClassKey
    figures: list[Figure]
    status: str
    explanation: str


def clusters(figures: Sequence[Figure]) -> list[Cluster]:
    """Figures whose ranges share a common value, by one sweep over the sorted ranges."""
    out: list[Cluster] = []
    for figure in sorted(figures, key=lambda f: (value_range(f), f.id)):
        low, high = value_range(figure)
        last = out[-1] if out else None
        if last is not None and low <= last.high and last.low <= high:
            last.low, last.high = max(last.low, low), min(last.high, high)
            last.figures.append(figure)
        else:
            out.append(Cluster(low, high, [figure]))
    return out


def source_of(f: Figure, copies: Mapping[str, str]) -> str:
    return copies.get(f.provenance.doc_id, f.provenance.doc_id)


def assess_class(key: ClassKey, figures: Sequence[Figure], copies: Mapping[str, str]) -> Verdict:
    """The verdict on one class (module docstring)."""
    found = clusters(figures)
    sources = {source_of(f, copies) for f in figures}
    when = _when(key)
    if len(sources) < 2:
        values = " / ".join(_values(c, copies) for c in found)
        extra = " (one source gives different values)" if len(found) > 1 else ""
        return Verdict(key, list(figures), "single-source", f"{values}{when}{extra}")
    if len(found) == 1:
        text = (
            f"corroborated: {len(sources)} independent sources agree on "
            f"{_values(found[0], copies)}{when}"
        )
        return Verdict(key, list(figures), "corroborated", text)
    series = _series(key, figures)
    if series is not None:
        steps = "; ".join(
            f"{value_text(f)} ({describe_period(f.reported)}, {f.provenance.doc_id})"
            for f in series
        )
        text = f"series: a running total updated over time: {steps}{when}, not a contradiction"
        return Verdict(key, list(figures), "series", text)
    values = " vs ".join(_values(c, copies) for c in found)
    text = f"conflicting: sources disagree on the same measure{when}: {values}"
    return Verdict(key, list(figures), "conflicting", text)


def explain_leftovers(verdicts: Sequence[Verdict], copies: Mapping[str, str]) -> tuple[str, str]:
    """Status and explanation of a measure's classes that have no verdict of their own."""
    figures = [f for v in verdicts for f in v.figures]
    sources = {source_of(f, copies) for f in figures}
    items = "; ".join(f"{_claim_word(v.key)}{v.explanation}" for v in verdicts)
    if len(sources) < 2:
        return "single-source", f"single source: {items}"
    return "related", f"related, not a contradiction ({_why(verdicts)}): {items}"


def _why(verdicts: Sequence[Verdict]) -> str:
    claims = {v.key[2] for v in verdicts}
    periods = {v.key[3] for v in verdicts}
    reasons = []
    if len(claims) > 1:
        reasons.append("different kinds of claim")
    if len(periods) > 1:
        reasons.append("different periods")
    return " and ".join(reasons) or "each source speaks of its own time"


def _series(key: ClassKey, figures: Sequence[Figure]) -> list[Figure] | None:
    """The figures in report order when they are a running total's updates, else None."""
    if key[2] != "cumulative" or any(f.reported is None for f in figures):
        return None
    ordered = sorted(figures, key=lambda f: (f.reported or "", f.value))
    values = [f.value for f in ordered]
    rising = all(a <= b for a, b in pairwise(values))
    falling = all(a >= b for a, b in pairwise(values))
    days = {f.reported for f in ordered}
    if (rising or falling) and len(days) > 1:
        by_day: dict[str, Figure] = {}
        for f in ordered:
            by_day.setdefault(f.reported or "", f)
        return list(by_day.values())
    return None


def _when(key: ClassKey) -> str:
    _, _, claim, period = key
    if period is None:
        return ""
    if claim == "target":
        return f" by {describe_period(period)}"
    return f" for {describe_period(period)}"


def _claim_word(key: ClassKey) -> str:
    claim = key[2]
    return "" if claim == "actual" else f"{claim}: "


def _values(cluster: Cluster, copies: Mapping[str, str]) -> str:
    values = list(dict.fromkeys(value_text(f) for f in cluster.figures))
    ids = sorted({f.provenance.doc_id for f in cluster.figures})
    docs = ", ".join(ids[:MAX_LISTED]) + (
        f" +{len(ids) - MAX_LISTED} more" if len(ids) > MAX_LISTED else ""
    )
    return f"{' / '.join(values)} ({docs})"


__all__ = ["Cluster", "Verdict", "assess_class", "clusters", "explain_leftovers"]
