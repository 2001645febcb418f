"""The sources section: each document as the report lists it — its name, how its date was
found, its quality score, what was removed from it, and (when included) its clean text."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from storyline.models import Document, Quality, Removal
from storyline.report.cite import anchor_key
from storyline.report.dates import human_date
from storyline.report.text import TextBlock
from storyline.text.readable_dates import date_source_words

REMOVAL_KINDS = {"furniture": "site furniture", "repeat": "repeated text", "metadata": "metadata"}


@dataclass
class SourceView:
    doc: Document
    label: str
    key: str
    name: str
    titled: bool
    when: str
    date_note: str
    quality: Quality | None
    words: int
    removals: list[Removal]
    removal_note: str
    blocks: list[TextBlock] = field(default_factory=list)
    has_text: bool = False  # its clean text is in the report (see limits.texts)

    @property
    def score(self) -> float | None:
        return self.quality.score if self.quality else None

    @property
    def url(self) -> str | None:
        """The source's URL, only when it is a web address (never a ``javascript:`` one)."""
        url = (self.doc.url or "").strip()
        return url if url.lower().startswith(("http://", "https://")) else None


def source_view(
    document: Document, label: str, quality: Quality | None, limits: dict
) -> SourceView:
    name = (document.title or "").strip()
    if not name:
        opening = " ".join(document.text.split())
        cut = limits["untitled_chars"]
        name = opening if len(opening) <= cut else opening[:cut].rsplit(" ", 1)[0] + "…"
    if document.published:
        source = date_source_words(document.date_source)
        note = f"from the {source}, confidence {document.date_confidence:.0%}"
        if document.date_note:
            note += f" ({document.date_note})"
    else:
        note = "no publication date found"
    kinds = Counter(r.kind for r in document.removed)
    removal_note = ", ".join(f"{n} {REMOVAL_KINDS.get(k, k)}" for k, n in sorted(kinds.items()))
    return SourceView(
        doc=document,
        label=label,
        key=anchor_key(document.id),
        name=name or document.id,
        titled=bool(document.title),
        when=human_date(document.published),
        date_note=note,
        quality=quality,
        words=len(document.text.split()),
        removals=list(document.removed),
        removal_note=removal_note or "nothing removed",
    )
