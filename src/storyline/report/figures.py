"""The figures section: one row per measure with its cross-source status (conflicting and
corroborated first), each figure a chip with its qualifiers and citations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.figures.period import describe_period
from storyline.models import Figure, FigureGroup
from storyline.report.cite import Citations, Cite

STATUS_ORDER = {
    "conflicting": 0,
    "corroborated": 1,
    "series": 2,
    "related": 3,
    "single-source": 4,
    None: 5,
}
STATUS_WORDS = {
    "conflicting": "conflicting",
    "corroborated": "corroborated",
    "series": "updated over time",
    "related": "related claims",
    "single-source": "single source",
    None: "not grouped",
}


@dataclass
class FigureChip:
    text: str
    notes: list[str]
    cites: list[Cite]


@dataclass
class FigureRow:
    measure: str
    status: str | None
    status_word: str
    explanation: str | None
    chips: list[FigureChip]
    sources: list[str]


def figure_rows(
    figures: Sequence[Figure], groups: Sequence[FigureGroup], citations: Citations, limit: int
) -> tuple[list[FigureRow], int]:
    """One row per measure (figures no group claims get a row of their own), conflicting and
    corroborated first; at most ``limit`` rows, and how many there were in all."""
    by_id = {f.id: f for f in figures}
    grouped = {i for g in groups for i in g.figure_ids}
    rows: list[tuple[str, str | None, str | None, list[Figure]]] = [
        (g.measure, g.status, g.explanation, [by_id[i] for i in g.figure_ids if i in by_id])
        for g in groups
    ]
    rows += [(f.measure, None, None, [f]) for f in figures if f.id not in grouped]
    rows.sort(
        key=lambda r: (
            STATUS_ORDER.get(r[1], 5),
            -len({f.provenance.doc_id for f in r[3]}),
            r[0].lower(),
        )
    )
    return [_figure_row(*row, citations) for row in rows[:limit]], len(rows)


def _figure_row(
    measure: str,
    status: str | None,
    explanation: str | None,
    members: list[Figure],
    citations: Citations,
) -> FigureRow:
    chips: dict[tuple, FigureChip] = {}
    for figure in members:
        qualifiers = figure.qualifiers or ([figure.qualifier] if figure.qualifier else [])
        notes = [q for q in qualifiers if q and q not in figure.text]
        if figure.period:
            when = describe_period(figure.period)
            notes.append(f"by {when}" if figure.horizon else f"period {when}")
        key = (figure.provenance.doc_id, figure.text, tuple(notes))
        chip = chips.setdefault(key, FigureChip(figure.text, notes, []))
        cite = citations.cite(figure.provenance)
        if cite not in chip.cites:
            chip.cites.append(cite)
    sources = sorted({citations.label(f.provenance.doc_id) for f in members})
    return FigureRow(
        measure,
        status,
        STATUS_WORDS.get(status, status or ""),
        explanation,
        list(chips.values()),
        sources,
    )
