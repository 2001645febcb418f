"""Answers to questions asked of the corpus (``storyline ask``): a value, cited sentences, or a
plain "not in this corpus"."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from storyline.models.provenance import Provenance

ValueKind = Literal["date", "person", "organisation", "place", "amount", "count", "entity"]


class Citation(BaseModel):
    """A retrieved sentence that supports the answer, numbered as the answer cites it."""

    number: int = Field(description="1-based; what '[n]' in an answer text refers to.")
    doc_id: str
    index: int = Field(description="Sentence index in its document.")
    start: int = Field(description="Span of the sentence in Document.text.")
    end: int
    sentence: str
    title: str | None = None
    published: str | None = None
    score: float = Field(description="Retrieval score after entity and date boosts.")


class AnswerValue(BaseModel):
    """The normalised answer a when/who/how much/how many question asks for."""

    kind: ValueKind
    text: str = Field(description="As a reader wants it: '20 March 2024', 'over 40%'.")
    value: str = Field(description="Normalised: ISO date, entity id, number with unit.")
    layer: Literal["event", "timex", "figure", "entity"] = Field(
        description="Which analysis layer gave the value."
    )
    ref: str | None = Field(
        default=None, description="Id of the event, figure or entity it came from."
    )
    documents: list[str] = Field(default_factory=list)
    evidence: list[Provenance] = Field(default_factory=list)


class Answer(BaseModel):
    """What ``answer_question`` returns; the CLI, the web app and the API render this."""

    question: str = Field(description="The question as answered (cleaned and length-limited).")
    found: bool
    text: str = Field(description="The answer in words, or why there is none.")
    value: AnswerValue | None = None
    citations: list[Citation] = Field(default_factory=list)
    documents: list[str] = Field(default_factory=list, description="Every cited document.")
    confidence: float = Field(default=0.0, description="0–1: retrieval and entity/term coverage.")
    backend: Literal["extractive", "llm"] = "extractive"
    query: str = Field(default="", description="The full-text query the question became.")
    explanation: str = Field(default="", description="How the answer was chosen, or why none was.")
