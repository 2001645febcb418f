"""The failures listing of the MEANTIME ``entities`` task: every scored error of the span
score, one row each, so that errors can be read and grouped by cause.

Areas: "missed" (a named gold mention no prediction head-matches), "extra" (a typed
prediction that matches no gold mention), "mistyped" (a head match of another type). The
columns follow the other tasks' failures tables (area, item, expected, got), which the CLI
prints one line each; the item names the document and the sentence's words around the
mention, so that the construction can be seen without opening the XML.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from storyline.evaluation.report import Cell, EvalTable

#: Characters of context either side of a mention in the item column.
CONTEXT = 40


class GoldMention(Protocol):
    doc: str
    start: int
    end: int
    type: str


class PredictedMention(Protocol):
    doc: str
    start: int
    end: int
    type: str | None
    text: str


def failures_table(
    golds: Sequence[GoldMention],
    preds: Sequence[PredictedMention],
    pairs: Sequence[tuple[GoldMention, PredictedMention]],
    texts: dict[str, str],
    scored_types: Sequence[str],
) -> EvalTable:
    """The errors of one span scoring, in document order: missed, extra and mistyped
    mentions of the scored types (gold of an unscored type and what matches it are left out,
    as the score leaves them out)."""
    matched_gold = {id(g) for g, _ in pairs}
    matched_pred = {id(p) for _, p in pairs}
    rows: list[tuple[str, int, list[Cell]]] = []
    for g in golds:
        if g.type in scored_types and id(g) not in matched_gold:
            item = item_text(g.doc, g.start, g.end, texts)
            rows.append((g.doc, g.start, ["missed", item, g.type, None]))
    for g, p in pairs:
        if g.type in scored_types and p.type != g.type:
            item = item_text(g.doc, g.start, g.end, texts)
            got = f"{p.type} '{p.text}'"
            rows.append((g.doc, g.start, ["mistyped", item, g.type, got]))
    for p in preds:
        if p.type is not None and id(p) not in matched_pred:
            item = item_text(p.doc, p.start, p.end, texts)
            rows.append((p.doc, p.start, ["extra", item, None, p.type]))
    rows.sort(key=lambda r: (r[0], r[1]))
    return EvalTable(
        title="failures", columns=["area", "item", "expected", "got"], rows=[r for *_, r in rows]
    )


def item_text(doc: str, start: int, end: int, texts: dict[str, str]) -> str:
    """'doc: …words [mention] words…' on one line."""
    text = texts.get(doc, "")
    before = text[max(0, start - CONTEXT) : start].replace("\n", " / ")
    after = text[end : end + CONTEXT].replace("\n", " / ")
    return f"{doc}: …{before}[{text[start:end]}]{after}…"
