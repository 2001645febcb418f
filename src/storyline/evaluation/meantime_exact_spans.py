"""Where the entity layer and the bare model disagree on an exact name span, MEANTIME
``entities`` task.

The head-match score forgives a span that is too short or too long, so the layer, which
retypes, trims, joins and drops the model's spans, can win on heads and lose on exact extents
without the headline showing it. This listing puts every gold name that exactly one of the two
got right (same extent as the gold core and same type) in one row, and names what the other one
did with it, so that the layer's rules can be judged span by span (issue 15).

Classes, read off the wrong side's prediction that overlaps the gold core most: "dropped" (none
overlaps), "retyped" (same extent, another type), "trimmed" (inside the core, shorter),
"extended" (covers the core and more: a join, or words past the name), "shifted" (overlaps
otherwise).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from storyline.evaluation.meantime_entity_failures import item_text
from storyline.evaluation.report import Cell, EvalTable

_LEADING_DETERMINERS = re.compile(r"(?i)(?:(?:the|an?)\s+)+(?=\S)")
#: A trailing possessive or a punctuation token; not a full stop, which ends MEANTIME's tokens
#: of abbreviations ('U.S.', 'Inc.').
_TRAILING_POSSESSIVE_OR_PUNCTUATION = re.compile(r"(?:\s+|['’]s?|[,;:)(\"”“`])+$")


def text_core(start: int, text: str) -> tuple[int, int]:
    """The extent of a found name at ``start`` without a leading determiner and without a
    trailing possessive or punctuation, as ``_core`` trims the gold's tokens."""
    lead = _LEADING_DETERMINERS.match(text)
    skip = lead.end() if lead else 0
    kept = _TRAILING_POSSESSIVE_OR_PUNCTUATION.sub("", text[skip:]) or text[skip:]
    return start + skip, start + skip + len(kept)


#: The two directions of a disagreement, as the table's first column says them.
SPACY_RIGHT = "spaCy right, layer wrong"
LAYER_RIGHT = "layer right, spaCy wrong"


class GoldName(Protocol):
    doc: str
    start: int
    end: int
    core: tuple[int, int]
    type: str


class FoundName(Protocol):
    doc: str
    start: int
    end: int
    type: str | None
    text: str

    @property
    def core(self) -> tuple[int, int]: ...


def exact_disagreements(
    golds: Sequence[GoldName],
    layer: Sequence[FoundName],
    spacy: Sequence[FoundName],
    texts: dict[str, str],
    scored_types: Sequence[str],
) -> tuple[EvalTable, EvalTable]:
    """The counts by direction and class, and the rows, in document order."""
    layer_exact = _exact_keys(layer)
    spacy_exact = _exact_keys(spacy)
    rows: list[tuple[str, int, list[Cell]]] = []
    counts: Counter[tuple[str, str]] = Counter()
    for g in golds:
        if g.type not in scored_types:
            continue
        key = (g.doc, *g.core, g.type)
        layer_right, spacy_right = key in layer_exact, key in spacy_exact
        if layer_right == spacy_right:
            continue
        direction = LAYER_RIGHT if layer_right else SPACY_RIGHT
        wrong = _overlapping(g, spacy if layer_right else layer)
        kind = classify(g.core, g.type, wrong)
        counts[(direction, kind)] += 1
        item = item_text(g.doc, *g.core, texts)
        cells: list[Cell] = [direction, kind, item, g.type, _said(_overlapping(g, spacy))]
        cells.append(_said(_overlapping(g, layer)))
        rows.append((g.doc, g.core[0], cells))
    rows.sort(key=lambda r: (r[0], r[1]))
    summary = EvalTable(
        title="Exact-span disagreements with the bare model, by class",
        columns=["direction", "class", "names"],
        rows=[[d, k, n] for (d, k), n in sorted(counts.items())],
    )
    listing = EvalTable(
        title="Exact-span disagreements with the bare model",
        columns=["direction", "class", "gold name", "type", "spaCy", "layer"],
        rows=[r for *_, r in rows],
    )
    return summary, listing


def classify(core: tuple[int, int], gold_type: str, wrong: FoundName | None) -> str:
    """What the wrong side did with a gold name: its most overlapping prediction against
    the gold core."""
    if wrong is None:
        return "dropped"
    start, end = core
    found_start, found_end = wrong.core
    if (found_start, found_end) == (start, end):
        return "retyped"  # the same extent with the gold's type would be right
    if start <= found_start and found_end <= end:
        return "trimmed"
    if found_start <= start and end <= found_end:
        return "extended"
    return "shifted"


def _exact_keys(found: Sequence[FoundName]) -> set[tuple[str, int, int, str | None]]:
    return {(p.doc, *p.core, p.type) for p in found}


def _overlapping(gold: GoldName, found: Sequence[FoundName]) -> FoundName | None:
    """The prediction of the gold's document that overlaps its core most, or None."""
    start, end = gold.core

    def overlap(p: FoundName) -> int:
        return min(end, p.end) - max(start, p.start)

    candidates = [p for p in found if p.doc == gold.doc and overlap(p) > 0]
    return max(candidates, key=lambda p: (overlap(p), p.type == gold.type), default=None)


def _said(found: FoundName | None) -> str:
    return "—" if found is None else f"{found.type} '{found.text}'"
