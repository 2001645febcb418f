"""Provenance: where in which document a fact was read. Every extracted fact carries one."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Provenance(BaseModel):
    """A character span in a document's clean text plus the sentence around it."""

    doc_id: str
    start: int = Field(description="Start offset of the fact's words in Document.text.")
    end: int
    sentence: str = Field(description="The evidence sentence, verbatim.")
    sentence_start: int
    sentence_end: int


class Sentence(BaseModel):
    """A sentence of a document's clean text (offsets into Document.text)."""

    doc_id: str
    index: int
    start: int
    end: int
    text: str
