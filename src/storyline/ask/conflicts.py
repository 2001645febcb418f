"""Figures for the asked measure that sources dispute: the answer says so and cites both sides.

The figures layer has already judged every measure across sources (``FigureGroup.status``). When
the figure an answer would give sits in a *conflicting* group, answering with that one value would
hide the dispute, so the answer names each value with its sources and cites one sentence for each
side; the figures layer's explanation says why they count as the same measure.
"""

from __future__ import annotations

from storyline.ask.index import AskIndex
from storyline.figures.compare import agree, value_text
from storyline.models import DocumentAnalysis, Figure, FigureGroup
from storyline.models.answers import AnswerValue

MAX_SOURCES = 3  # sources named per value


def disputed(figure: Figure, index: AskIndex) -> FigureGroup | None:
    """The conflicting group the figure belongs to, if any."""
    group = index.figure_groups.get(figure.id)
    return group if group is not None and group.status == "conflicting" else None


def conflict_value(
    figure: Figure,
    group: FigureGroup,
    analyses: dict[str, DocumentAnalysis],
    kind: str,
) -> AnswerValue:
    """The answer for a disputed figure: every value with its sources, evidence from each side."""
    members = [f for a in analyses.values() for f in a.figures if f.id in set(group.figure_ids)]
    members = members or [figure]
    sides: list[list[Figure]] = []
    for member in sorted(members, key=lambda f: (f.id != figure.id, f.id)):
        side = next((s for s in sides if agree(s[0], member)), None)
        if side is None:
            sides.append([member])
        else:
            side.append(member)
    parts = []
    for side in sides:
        docs = list(dict.fromkeys(f.provenance.doc_id for f in side))
        shown = ", ".join(docs[:MAX_SOURCES]) + (
            f" +{len(docs) - MAX_SOURCES} more" if len(docs) > MAX_SOURCES else ""
        )
        parts.append(f"{side[0].text} ({shown})")
    text = "Sources disagree: " + " vs ".join(parts)
    return AnswerValue(
        kind="count" if kind in ("count", "duration") else "amount",
        text=text,
        value=" | ".join(value_text(side[0]) for side in sides),
        layer="figure",
        ref=group.id,
        documents=list(dict.fromkeys(f.provenance.doc_id for side in sides for f in side)),
        evidence=[side[0].provenance for side in sides],
    )
