"""Citations of the report: short source labels and anchors at evidence sentences.

Every sentence the report quotes goes through ``Citations.cite``, which names its source with a
short label and an anchor id ``doc-<id>-<sentence start>`` (``src-<id>`` for a whole
source), and remembers the span so that the
HTML can put an anchor at exactly that sentence of the source's clean text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from storyline.models import DocumentRef, Provenance

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


@dataclass(frozen=True)
class Cite:
    """One quoted sentence: which source, where its anchor is, and the words that matter."""

    doc_id: str
    label: str
    anchor: str | None  # None when the document is not in the briefing
    sentence: str
    before: str = ""
    focus: str = ""
    after: str = ""


def anchor_key(doc_id: str) -> str:
    """The document id as a fragment-safe token (ids are filename-safe, but be sure)."""
    return _UNSAFE.sub("-", doc_id)


def source_labels(doc_ids: Iterable[str]) -> dict[str, str]:
    """Short names for citations: the ids' first ``_``-separated part when that alone tells
    every document apart ('000' for '000_577aad08'), otherwise the whole id."""
    ids = list(dict.fromkeys(doc_ids))
    heads = [i.split("_", 1)[0] for i in ids]
    if all(heads) and len(set(heads)) == len(heads):
        return dict(zip(ids, heads, strict=True))
    return {i: i for i in ids}


class Citations:
    """Makes ``Cite``s and collects, per document, the sentence spans that need an anchor."""

    def __init__(
        self,
        documents: Mapping[str, DocumentRef],
        labels: Mapping[str, str],
        sentence_anchors: bool = True,
    ) -> None:
        self.documents = documents
        self.labels = labels
        # False when the report has no texts to anchor in: citations point at the whole source
        self.sentence_anchors = sentence_anchors
        self.spans: dict[str, set[tuple[int, int]]] = defaultdict(set)
        self.cited: set[str] = set()  # documents some citation links into

    def label(self, doc_id: str) -> str:
        return self.labels.get(doc_id, doc_id)

    def cite(self, provenance: Provenance) -> Cite:
        doc_id = provenance.doc_id
        sentence = provenance.sentence
        before, focus, after = _split(provenance)
        document = self.documents.get(doc_id)
        if document is None:
            return Cite(doc_id, self.label(doc_id), None, sentence, before, focus, after)
        self.cited.add(doc_id)
        if not self.sentence_anchors:
            return Cite(doc_id, self.label(doc_id), f"src-{anchor_key(doc_id)}", sentence, before,
                        focus, after)  # fmt: skip
        size = document.characters
        start = min(max(provenance.sentence_start, 0), size)
        end = min(max(provenance.sentence_end, 0), size)
        if end <= start:
            start, end = min(max(provenance.start, 0), size), min(max(provenance.end, 0), size)
        if end <= start:
            anchor = f"src-{anchor_key(doc_id)}"
        else:
            self.spans[doc_id].add((start, end))
            anchor = f"doc-{anchor_key(doc_id)}-{start}"
        return Cite(doc_id, self.label(doc_id), anchor, sentence, before, focus, after)

    def whole(self, doc_id: str) -> Cite:
        """A citation of a whole document (a summary sentence that came without evidence)."""
        anchor = None
        if doc_id in self.documents:
            anchor = f"src-{anchor_key(doc_id)}"
            self.cited.add(doc_id)
        return Cite(doc_id, self.label(doc_id), anchor, "")

    def cites(
        self, provenances: Iterable[Provenance], per_document: int | None = None
    ) -> list[Cite]:
        """Citations in order, one per anchor; at most ``per_document`` from each source."""
        result: list[Cite] = []
        seen: set[str | None] = set()
        count: dict[str, int] = defaultdict(int)
        for provenance in provenances:
            if per_document is not None and count[provenance.doc_id] >= per_document:
                continue
            cite = self.cite(provenance)
            key = cite.anchor or f"{cite.doc_id}:{cite.sentence}"
            if key in seen:
                continue
            seen.add(key)
            count[provenance.doc_id] += 1
            result.append(cite)
        return result


def _split(provenance: Provenance) -> tuple[str, str, str]:
    """The sentence around the fact's own words, so a quote can highlight them."""
    sentence = provenance.sentence
    start = provenance.start - provenance.sentence_start
    end = provenance.end - provenance.sentence_start
    if 0 <= start < end <= len(sentence):
        return sentence[:start], sentence[start:end], sentence[end:]
    return sentence, "", ""
