"""A second grouping pass: one precise value restated under another name joins its measure.

Measure keys come from the words of each report, and two reports can name one measure with two
nouns ("a $374.96 million contract", "the roughly $375 million deal"). No key table can list
every such pair, but a precise value is evidence of its own: within one story, two independent
sources that give the same value, to the rounding written, in the same unit, for the same kind
of claim and period, about the same participants, are restating one figure. The pass joins such
groups when every condition holds:

* each is a whole measure (a group with no related groups) and holds one class of claim;
* both are from one story (``stories``) and share a participant (parties or context);
* they state one period, or one of them states none (it speaks of the other's);
* neither names a party the other's figures do not mention (different parties, different
  measure);
* no source states both (a report that gives two figures under two names means two measures);
* one of them is written with at least ``PRECISE_DIGITS`` significant digits ("$374.96
  million", "Rs 21,083 crore"): a round number ("three", "75 per cent") is too common for a
  shared value to say the measure is shared, so those stay apart ("75 per cent of world trade"
  and "75 years"; "three batteries" and "Mach 3" differ in unit anyway);
* every value of the union agrees (``compare``): joining never creates a conflict.

Blocking is by (story, kind, unit, claim) and, inside a block, one sweep over the groups
sorted by value: no comparison of all pairs. The sweep orders groups by the value range of
their figures, which reads each figure's text again (``compare.value_range``): most of the
pass's time. A range depends on its figure alone, so the ranges of the figures a pass can
compare (``compared_ranges``) are worked out with their head's groups and kept with them
(``figures.kept``), and a build passes them in (``ranges``): only new heads' figures are read.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import pairwise

from storyline.figures.compare import value_range
from storyline.figures.numbers import find_quantities
from storyline.figures.status import assess_class, compared_claim, source_of
from storyline.models import Figure, FigureGroup

PRECISE_DIGITS = 4  # significant digits that make a value specific (374.96, 21,083)

BlockKey = tuple[str, str, str, str]
#: A figure's value range (``compare.value_range``), by figure id.
Ranges = dict[str, tuple[float, float]]


def significant_digits(figure: Figure) -> int:
    """Significant digits of the number as written: "$374.96 million" → 5, "roughly $375
    million" → 3, "four" → 1."""
    quantities = [q for q in find_quantities(figure.text) if not q.ordinal]
    if not quantities:
        return 0
    q = quantities[0]
    written = figure.text[q.num_start : q.num_end]
    digits = re.sub(r"\D", "", written).lstrip("0")
    if not digits:
        return 1  # "four", "a dozen": words name round numbers
    if "." not in written:
        digits = digits.rstrip("0") or digits
    return len(digits)


def join_restatements(
    groups: Sequence[FigureGroup],
    figures: Sequence[Figure],
    copies: Mapping[str, str] | None = None,
    stories: Mapping[str, str] | None = None,
    ranges: Mapping[str, tuple[float, float]] | None = None,
) -> list[FigureGroup]:
    """The groups, with restatements of one precise figure joined (module docstring); order
    kept, a joined group in the place of its first part. ``ranges``: value ranges already
    worked out (``compared_ranges``), by figure id; the others are worked out here."""
    by_id = {f.id: f for f in figures}
    same_source = copies or {}
    measured = _Measured(ranges)
    blocks: dict[BlockKey, list[tuple[FigureGroup, list[Figure]]]] = defaultdict(list)
    for key, group, members in _compared(groups, by_id, stories or {}):
        blocks[key].append((group, members))
    absorbed: dict[str, FigureGroup] = {}  # group id → the group it joined
    for block in blocks.values():
        if len(block) < 2:
            continue  # nothing to join: most blocks, and their spans are never asked for
        for first, second in _neighbours(block, measured):
            if first[0].id in absorbed or second[0].id in absorbed:
                continue
            if _restated(first[1], second[1], same_source, measured):
                _merge(first, second, same_source)
                absorbed[second[0].id] = first[0]
    return [g for g in groups if g.id not in absorbed]


def join_kept_restatements(
    groups: Sequence[FigureGroup],
    blocks: Sequence[BlockKey | None],
    ranges: Mapping[str, tuple[float, float]],
    read: Callable[[set[str]], Mapping[str, Figure]],
    copies: Mapping[str, str] | None = None,
) -> list[FigureGroup]:
    """``join_restatements`` of groups whose blocks (``restatement_blocks``, one a group) and
    members' value ranges (``compared_ranges``) are known, as a build keeps them: the pass
    pairs each block's groups by those ranges alone, so only the groups of a pair whose
    ranges overlap are compared, and only their members are read as figures (``read``: the
    figures of the ids asked, by id). The same pairs in the same order, so the same groups."""
    by_block: dict[BlockKey, list[FigureGroup]] = defaultdict(list)
    for group, key in zip(groups, blocks, strict=True):
        if key is not None:
            by_block[key].append(group)
    pairs: list[tuple[FigureGroup, FigureGroup]] = []
    for block in by_block.values():
        if len(block) < 2:
            continue
        spans = [(_span([ranges[i] for i in group.figure_ids]), group) for group in block]
        spans.sort(key=lambda pair: (pair[0], pair[1].id))
        pairs += [(a, b) for (span_a, a), (span_b, b) in pairwise(spans) if span_b[0] <= span_a[1]]
    figures = read({i for pair in pairs for group in pair for i in group.figure_ids})
    members = {g.id: [figures[i] for i in g.figure_ids] for pair in pairs for g in pair}
    same_source = copies or {}
    measured = _Measured(ranges)
    absorbed: dict[str, FigureGroup] = {}  # group id → the group it joined
    for first, second in pairs:
        if first.id in absorbed or second.id in absorbed:
            continue
        if _restated(members[first.id], members[second.id], same_source, measured):
            _merge((first, members[first.id]), (second, members[second.id]), same_source)
            absorbed[second.id] = first
    return [g for g in groups if g.id not in absorbed]


def _span(ranges: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """The values every range allows: the highest low end, the lowest high end."""
    return max(r[0] for r in ranges), min(r[1] for r in ranges)


def compared_ranges(
    groups: Iterable[FigureGroup], figures: Sequence[Figure], stories: Mapping[str, str]
) -> Ranges:
    """The value ranges of the figures ``join_restatements`` may compare: the members of each
    whole measure of one block. ``groups`` can be one head's: a group's block is its own."""
    by_id = {f.id: f for f in figures}
    return {
        f.id: value_range(f) for _, _, members in _compared(groups, by_id, stories) for f in members
    }


def restatement_blocks(
    groups: Sequence[FigureGroup], figures: Sequence[Figure], stories: Mapping[str, str]
) -> list[BlockKey | None]:
    """The block each group is compared in (``join_restatements``), None for a group the
    pass never compares: a group with no other in its block is never joined, so a build that
    keeps these needs as figures only the members of the groups that share a block."""
    compared = {
        group.id: key for key, group, _ in _compared(groups, {f.id: f for f in figures}, stories)
    }
    return [compared.get(group.id) for group in groups]


def _compared(
    groups: Iterable[FigureGroup], by_id: Mapping[str, Figure], story_of: Mapping[str, str]
) -> Iterable[tuple[BlockKey, FigureGroup, list[Figure]]]:
    """Each group the pass can join (a whole measure of one block), its block and members."""
    for group in groups:
        members = [by_id[i] for i in group.figure_ids if i in by_id]
        key = _block(members, story_of)
        if key is not None and not group.related:
            yield key, group, members


def _block(members: Sequence[Figure], story_of: Mapping[str, str]) -> BlockKey | None:
    """The (story, kind, unit, claim) every member shares, else None."""
    keys = {
        (
            story_of.get(f.provenance.doc_id, ""),
            f.kind,
            f.unit or "",
            compared_claim(f),
        )
        for f in members
    }
    if len(keys) != 1:
        return None
    key = next(iter(keys))
    return key if key[0] else None


class _Measured:
    """Each figure's value range and significant digits, worked out once per pass: they read
    the figure's own text again each time (``find_quantities``), and a group's span is asked
    for at every comparison it takes part in. ``known``: ranges worked out before."""

    def __init__(self, known: Mapping[str, tuple[float, float]] | None = None) -> None:
        self._ranges: dict[str, tuple[float, float]] = dict(known or {})
        self._digits: dict[str, int] = {}

    def span(self, members: Sequence[Figure]) -> tuple[float, float]:
        """The values every member allows: the highest low end, the lowest high end."""
        return _span([self._range(f) for f in members])

    def _range(self, figure: Figure) -> tuple[float, float]:
        found = self._ranges.get(figure.id)
        if found is None:
            found = self._ranges[figure.id] = value_range(figure)
        return found

    def digits(self, figure: Figure) -> int:
        found = self._digits.get(figure.id)
        if found is None:
            found = self._digits[figure.id] = significant_digits(figure)
        return found


def _neighbours(
    block: list[tuple[FigureGroup, list[Figure]]], measured: _Measured
) -> list[tuple[tuple[FigureGroup, list[Figure]], tuple[FigureGroup, list[Figure]]]]:
    """Pairs of groups next to each other in value order whose value ranges overlap."""
    spans = [(measured.span(item[1]), item) for item in block]
    spans.sort(key=lambda pair: (pair[0], pair[1][0].id))
    return [(a, b) for (span_a, a), (span_b, b) in pairwise(spans) if span_b[0] <= span_a[1]]


def _restated(
    one: Sequence[Figure], other: Sequence[Figure], copies: Mapping[str, str], measured: _Measured
) -> bool:
    span_one, span_other = measured.span(one), measured.span(other)
    if max(span_one[0], span_other[0]) > min(span_one[1], span_other[1]):
        return False  # some value of the union disagrees
    if len({f.period for f in [*one, *other]} - {None}) > 1:
        return False  # another period: related, not the same figure
    if {source_of(f, copies) for f in one} & {source_of(f, copies) for f in other}:
        return False
    if max(measured.digits(f) for f in [*one, *other]) < PRECISE_DIGITS:
        return False
    return _same_participants(one, other)


def _same_participants(one: Sequence[Figure], other: Sequence[Figure]) -> bool:
    """The two share a participant and neither names a party the other's reports leave out."""
    own = [{p for f in side for p in f.measure_key.split("|")[1:] if p} for side in (one, other)]
    around = [own[i] | {p for f in side for p in f.context} for i, side in enumerate((one, other))]
    if own[0] - around[1] or own[1] - around[0]:
        return False
    return bool(around[0] & around[1])


def _merge(
    first: tuple[FigureGroup, list[Figure]],
    second: tuple[FigureGroup, list[Figure]],
    copies: Mapping[str, str],
) -> None:
    """The first group takes the second's figures and a fresh verdict on them all."""
    group = first[0]
    first[1].extend(second[1])
    members = first[1]
    f = members[0]
    period = next((m.period for m in members if m.period), None)
    key = (f.kind, f.unit or "", compared_claim(f), period)
    verdict = assess_class(key, members, copies)
    group.figure_ids = [m.id for m in members]
    group.documents = sorted({m.provenance.doc_id for m in members})
    group.status = verdict.status  # type: ignore[assignment]
    names = [second[0].measure] if second[0].measure != group.measure else []
    restated = f" (also reported as {names[0]})" if names else ""
    group.explanation = f"{verdict.explanation}{restated}"


__all__ = [
    "PRECISE_DIGITS",
    "BlockKey",
    "Ranges",
    "compared_ranges",
    "join_kept_restatements",
    "join_restatements",
    "restatement_blocks",
    "significant_digits",
]
