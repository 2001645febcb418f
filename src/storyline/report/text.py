"""A source's clean text cut into display blocks, with the cited sentences marked and anchored.

A citation links to ``#doc-<id>-<start>``; this module makes sure an element with that id exists
at that sentence, even when cited sentences overlap (they are merged into one mark carrying every
id) or run across a paragraph break (the mark is cut at the break; the id stays on the first part).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from storyline.models import Document
from storyline.report.cite import anchor_key

_PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", re.DOTALL)


@dataclass
class Segment:
    text: str
    mark: bool = False
    ids: list[str] = field(default_factory=list)


@dataclass
class TextBlock:
    kind: str  # heading | paragraph | list-item | question
    segments: list[Segment]


def source_blocks(document: Document, spans: Iterable[tuple[int, int]]) -> list[TextBlock]:
    """The document's text as blocks of plain and marked segments; every span gets its id."""
    clusters = _clusters(sorted(set(spans)))
    prefix = f"doc-{anchor_key(document.id)}-"
    pending = {start: [f"{prefix}{s}" for s in starts] for start, _end, starts in clusters}
    blocks: list[TextBlock] = []
    for kind, start, end in _layout(document):
        segments: list[Segment] = []
        position = start
        for c_start, c_end, _starts in clusters:
            if c_end <= start or c_start >= end:
                continue
            lo, hi = max(c_start, start), min(c_end, end)
            if lo > position:
                segments.append(Segment(document.text[position:lo]))
            segments.append(Segment(document.text[lo:hi], True, pending.pop(c_start, [])))
            position = hi
        if position < end:
            segments.append(Segment(document.text[position:end]))
        blocks.append(TextBlock(kind, segments))
    leftover = [i for ids in pending.values() for i in ids]
    if leftover:  # a span that lies only in the blank space between blocks: anchor it at the end
        if not blocks:
            blocks.append(TextBlock("paragraph", []))
        blocks[-1].segments.append(Segment("", False, leftover))
    return blocks


def _clusters(spans: list[tuple[int, int]]) -> list[tuple[int, int, list[int]]]:
    """Overlapping spans merged: (start, end, the starts of the spans inside)."""
    merged: list[tuple[int, int, list[int]]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            m_start, m_end, starts = merged[-1]
            merged[-1] = (
                m_start,
                max(m_end, end),
                [*starts, start] if start not in starts else starts,
            )
        else:
            merged.append((start, end, [start]))
    return merged


def _layout(document: Document) -> list[tuple[str, int, int]]:
    """The document's blocks, plus paragraphs for any text the blocks leave out, in order."""
    text = document.text
    blocks = sorted((b.start, b.end, b.kind) for b in document.blocks if 0 <= b.start < b.end)
    result: list[tuple[str, int, int]] = []
    position = 0
    for start, end, kind in blocks:
        end = min(end, len(text))
        if start < position:
            start = position
        if start >= end:
            continue
        result += _paragraphs(text, position, start)
        result.append((kind, start, end))
        position = end
    result += _paragraphs(text, position, len(text))
    return result


def _paragraphs(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [
        ("paragraph", start + m.start(), start + m.end())
        for m in _PARAGRAPH.finditer(text[start:end])
    ]
