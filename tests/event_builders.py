"""Hand-built documents, provenance, entities and name mentions for the cross-document tests
(event merging by wording, gatherings; entity canonicalisation): one 400-character document per
id, mentions at given offsets."""

from __future__ import annotations

from typing import Any

from storyline.models import Block, Document, Entity, Mention, Provenance

TEXT = "x" * 400


def document(doc_id: str) -> Document:
    return Document(
        id=doc_id, source=f"{doc_id}.txt", source_kind="txt", raw_text=TEXT, text=TEXT,
        blocks=[Block(kind="paragraph", start=0, end=len(TEXT))], content_hash=doc_id,
    )  # fmt: skip


def provenance(doc_id: str, start: int, sentence: str) -> Provenance:
    return Provenance(
        doc_id=doc_id, start=start, end=start + 7, sentence=sentence, sentence_start=0,
        sentence_end=len(sentence),
    )  # fmt: skip


def entity(entity_id: str, name: str, label: str, spans: list[tuple[str, int, str]]) -> Entity:
    """An entity with one mention per (document, offset, text)."""
    mentions = [
        Mention(
            text=text, label=label, model_label=label, entity_id=entity_id,
            provenance=provenance(doc, start, "…").model_copy(update={"end": start + len(text)}),
        )
        for doc, start, text in spans
    ]  # fmt: skip
    return Entity(
        id=entity_id, name=name, type=label, mentions=mentions,
        documents=sorted({d for d, _, _ in spans}),
    )  # fmt: skip


def name_mention(text: str, label: str, doc: str = "d1", start: int = 0, **fields: Any) -> Mention:
    """A name mention whose sentence is the name itself, with any other field given (title,
    role, alias): what the canonicalisation tests feed ``canonicalise``."""
    return Mention(
        text=text, label=label, model_label=label, **fields,
        provenance=Provenance(
            doc_id=doc, start=start, end=start + len(text), sentence=text, sentence_start=start,
            sentence_end=start + len(text),
        ),
    )  # fmt: skip
