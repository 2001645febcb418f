"""When two figures state the same value: rounding to the precision written, and bounds.

A number stands for the values that round to it at the precision it is written with: "$68.7
billion" covers 68.65–68.75 billion, "roughly $375 million" 374.5–375.5 million (so it agrees
with "$374.96 million"), "85 per cent" 84.5–85.5 (so it does not agree with "80 per cent", and
"$65bn" does not agree with "$68.7bn"). A trailing zero is read as written ("80" is 79.5–80.5,
not "about 80 give or take 5"): news writes the value it has. Every exact value also allows a
small relative tolerance (``relative`` in ``data/figures.toml`` [grouping]) for unit conversions
and decimal rounding. A hedge ("about", "nearly") says the value is rounded, which the written
precision already allows. Bounds are one-sided: "over 50" covers 50 up to ``bound`` above it.
Durations compare in hours, whatever unit they were written in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from storyline.figures.numbers import find_quantities, lexicon
from storyline.figures.syntax import plural
from storyline.models import Figure

BOUNDS = ("over", "about", "under")
HOURS = {
    "second": 1 / 3600,
    "minute": 1 / 60,
    "hour": 1.0,
    "day": 24.0,
    "week": 168.0,
    "fortnight": 336.0,
    "month": 730.0,
    "year": 8766.0,
    "decade": 87660.0,
    "century": 876600.0,
}


@dataclass(frozen=True)
class Tolerance:
    relative: float
    bound: float


@cache
def tolerance() -> Tolerance:
    g = lexicon()["grouping"]
    return Tolerance(float(g["relative"]), float(g["bound"]))


def base_value(figure: Figure) -> float:
    """The value on a common scale: durations in hours, everything else as it is."""
    return _base(figure.kind, figure.unit, figure.value)


def _base(kind: str, unit: str | None, value: float) -> float:
    if kind == "duration" and unit in HOURS:
        return value * HOURS[unit]
    return value


def precision(figure: Figure) -> float:
    """The place value of the last digit written, in the figure's base units: "$68.7 billion"
    → 0.1 billion, "Rs 21,083 crore" → 1 crore, "four" → 1."""
    return _precision(figure.text, figure.kind, figure.unit, figure.value)


@lru_cache(maxsize=1 << 16)
def _precision(text: str, kind: str, unit: str | None, value: float) -> float:
    """``precision`` of a figure so written, worked out once: the figure stage asks for each
    figure's value range three times (a class's clusters sort by it and sweep over it, and its
    head keeps it for the restatement pass), and reading the text's numbers again
    (``find_quantities``) was most of its regrouping."""
    quantities = [q for q in find_quantities(text) if not q.ordinal]
    scale = _base(kind, unit, value) / value if value else 1.0
    if not quantities:
        return scale
    q = quantities[0]
    written = text[q.num_start : q.num_end]
    if not written[:1].isdigit():  # "four", "two million": one of the spelled-out unit
        return q.value / _leading(q.value) * scale if q.value else scale
    number = float(re.sub(r"[^\d.]", "", written) or 0)
    decimals = re.match(r"[\d,]*\.?(\d*)", written)
    step = 10.0 ** -(len(decimals.group(1)) if decimals else 0)
    return step * (q.value / number) * scale if number else scale


def _leading(value: float) -> float:
    """A spelled-out number's own words' value ("two million" → 2)."""
    for unit in (1e12, 1e9, 1e6, 1e3):
        if abs(value) >= unit and value % unit == 0:
            return abs(value) / unit
    return abs(value) or 1.0


def bound_of(figure: Figure) -> str | None:
    return next((q for q in figure.qualifiers if q in BOUNDS), None)


def value_range(figure: Figure) -> tuple[float, float]:
    """The values a claim allows (see the module docstring)."""
    t = tolerance()
    v = base_value(figure)
    bound = bound_of(figure)
    if bound == "over":
        return v, v * (1 + t.bound)
    if bound == "under":
        return v * (1 - t.bound), v
    half = precision(figure) / 2
    slack = abs(v) * t.relative
    return v - max(half, slack), v + max(half, slack)


def agree(a: Figure, b: Figure) -> bool:
    """Whether two figures can state the same value."""
    (la, ha), (lb, hb) = value_range(a), value_range(b)
    return la <= hb and lb <= ha


def value_text(f: Figure) -> str:
    """A figure's value as readers write it, with its bound: "over USD 50 billion", "about 4
    hours", "80 countries"."""
    bound = bound_of(f)
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
