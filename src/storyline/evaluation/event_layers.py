"""What the event evaluations run before the event coder: a gold sentence as a Document, and
the timex and entity-mention layers (the project's own, or spaCy's entities as a fallback).

Shared by the PLOVER scoring (``plover``) and the MEANTIME event scoring (``meantime_events``),
so neither needs the other.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from typing import Any

from storyline.models import Block, Document, Mention, Timex


def sentence_document(doc_id: str, text: str) -> Document:
    """A one-paragraph Document for a gold sentence (no date, no metadata)."""
    return Document(
        id=doc_id,
        source=f"gold:{doc_id}",
        source_kind="txt",
        raw_text=text,
        text=text,
        blocks=[Block(kind="paragraph", start=0, end=len(text))],
        content_hash=hashlib.sha1(text.encode()).hexdigest(),
    )


def language_layers() -> tuple[
    Callable[[Document, Any], list[Timex]], Callable[[Document, Any], list[Mention]], str
]:
    """The project's timex and entity-mention extractors, or spaCy's entities and no timexes
    with ``STORYLINE_EVAL_LAYERS=spacy`` (to score the coder alone).
    """

    def no_timexes(document: Document, parsed: Any) -> list[Timex]:
        return []

    if os.environ.get("STORYLINE_EVAL_LAYERS", "auto") == "spacy":
        return no_timexes, mentions_from_ents, "entity mentions from spaCy NER (forced)"
    from storyline.entities.extract import extract_mentions
    from storyline.timex.extract import extract_timexes

    note = "entity mentions from storyline.entities.extract.extract_mentions"
    return extract_timexes, extract_mentions, note


ENT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})


def mentions_from_ents(document: Document, parsed: Any) -> list[Mention]:
    """Entity mentions straight from spaCy's NER (the fallback when no entity layer exists)."""
    from storyline.nlp import span_provenance

    return [
        Mention(
            text=ent.text,
            label=ent.label_,
            model_label=ent.label_,
            provenance=span_provenance(document.id, ent),
        )
        for ent in parsed.ents
        if ent.label_ in ENT_LABELS
    ]


def gold_document(
    doc_id: str, text: str, sentences: tuple[tuple[int, int], ...], published: str | None = None
) -> Document:
    """A storyline Document over a whole gold text: one block per sentence where the corpus
    gives them (MEANTIME, as ``eval events`` builds it), else per paragraph (a TimeML TEXT);
    ``published`` is its creation time where a score needs the tool to resolve and date."""
    from storyline.ingest.prepare import text_hash

    blocks = [Block(kind="paragraph", start=s, end=e) for s, e in sentences]
    start = 0
    for paragraph in text.split("\n\n") if not blocks else []:
        end = start + len(paragraph)
        if paragraph.strip():
            blocks.append(Block(kind="paragraph", start=start, end=end))
        start = end + 2
    return Document(
        id=doc_id,
        source=f"gold:{doc_id}",
        source_kind="txt",
        published=published,
        raw_text=text,
        text=text,
        blocks=blocks,
        content_hash=text_hash(text),
    )
