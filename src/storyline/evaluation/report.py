"""What an evaluation returns: named tables of numbers, printable and JSON-serialisable."""

from __future__ import annotations

from pydantic import BaseModel, Field

#: One cell of an evaluation table.
Cell = str | float | int | None


class EvalTable(BaseModel):
    title: str
    columns: list[str]
    rows: list[list[Cell]]


class EvalReport(BaseModel):
    task: str
    corpus: str = Field(description="Path of the gold data that was scored.")
    documents: int
    part: str = Field(
        default="all", description="The part of the set scored: tuning, check or all."
    )
    tables: list[EvalTable]
    headline: dict[str, float] = Field(
        default_factory=dict, description="The few numbers to quote (e.g. value_f1)."
    )
    notes: list[str] = Field(default_factory=list)
