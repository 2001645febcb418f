"""Hand-built documents, provenance and entities for the cross-document event tests (merging
by wording, gatherings): one 400-character document per id, mentions at given offsets."""

from __future__ import annotations

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
