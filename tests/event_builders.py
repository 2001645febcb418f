"""Hand-built documents, provenance, entities, name mentions, actors and event mentions for the
cross-document tests (event merging by wording, towns, gatherings; entity canonicalisation): one
400-character document per id, mentions at given offsets."""

from __future__ import annotations

from typing import Any

from storyline.models import Actor, Block, Document, Entity, EventMention, Mention, Provenance

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


def named(text: str, start: int) -> Actor:
    """An actor read as a name at ``start``."""
    return Actor(text=text, start=start, end=start + len(text), rule="name")


def phrase(text: str, start: int) -> Actor:
    """An actor read as a phrase that names no entity."""
    return Actor(text=text, start=start, end=start + len(text), rule="phrase")


def mention(
    doc_id: str,
    sentence: str,
    rule: str,
    source: list[Actor],
    target: list[Actor],
    type_: str = "INVESTIGATE",
    mode: str | None = None,
    date: str | None = None,
) -> EventMention:
    """An event mention coded by the lexicon row ``rule`` from ``sentence`` (its trigger is the
    sentence's second word), dated by a timex when ``date`` is given."""
    return EventMention(
        id=f"{doc_id}:{rule}:{len(sentence)}", type=type_, mode=mode,
        trigger=sentence.split()[1], source=source, target=target, rule=rule, date=date,
        date_basis="timex" if date else "none", provenance=provenance(doc_id, 5, sentence),
    )  # fmt: skip
