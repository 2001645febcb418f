"""``storyline export``: the full records a build keeps in the store, as files other tools read.

``briefing.json`` holds the briefing (what was found, with document references); the records
behind it stay in the store and come out here, one file per table:

- ``documents``: every document with its raw and clean text, blocks, removals and dates;
- ``entities``: canonical entities with their mentions;
- ``events``: merged events with their mentions;
- ``figures``: every figure, with the ``doc_id`` it was read in (the briefing lists them by
  id in its figure groups, with examples where a group compares documents);
- ``timexes``: every time expression, with the ``doc_id`` it was read in (per-document
  extraction records: the briefing's dates are on its events and timeline, so briefing.json
  does not carry them);
- ``quality``: each document's source-quality score with the signals and reasons behind it
  (the briefing gives each document reference its score).

Two formats. ``jsonl``: one record per line, nested exactly as the models dump (``Document``,
``Entity``, ``Event``, ``Figure``, ``Timex``, ``Quality``; docs/briefing-schema.md describes
them).
``parquet``: one column per field; text, number and flag fields keep their type, lists of
strings are list columns, and nested records (mentions, provenance, removals…) are JSON text
columns (DuckDB: ``json_extract``; pandas/Polars: ``json.loads``). Both stream: the store is
read through cursors and written in row groups of ``ROWS_PER_GROUP``, so an export's memory
does not grow with the corpus.
"""

from __future__ import annotations

import json
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from storyline.briefing.compose import CORPUS_KINDS
from storyline.models import Document, Entity, Event, Figure, Quality, Timex
from storyline.store import Store

ExportFormat = Literal["parquet", "jsonl"]
FORMATS: tuple[ExportFormat, ...] = ("parquet", "jsonl")
ROWS_PER_GROUP = 2000

#: How a model field becomes a column: a scalar type, a list of strings, or JSON text.
ColumnKind = Literal["string", "int", "float", "bool", "strings", "json"]
_SCALARS: dict[type, ColumnKind] = {str: "string", int: "int", float: "float", bool: "bool"}


@dataclass(frozen=True)
class Table:
    """One exported table: its model, extra leading columns, and how its rows are read."""

    name: str
    model: type[BaseModel]
    rows: Callable[[Store], Iterator[BaseModel]]
    extra: tuple[tuple[str, Callable[[Any], Any]], ...] = ()  # (column, value of a record)


def _figures(store: Store) -> Iterator[BaseModel]:
    for analysis in store.iter_analyses():
        yield from analysis.figures


def _timexes(store: Store) -> Iterator[BaseModel]:
    for analysis in store.iter_analyses():
        yield from analysis.timexes


TABLES: tuple[Table, ...] = (
    Table("documents", Document, lambda s: s.iter_documents()),
    Table("entities", Entity, lambda s: s.iter_corpus(CORPUS_KINDS["entities"][0], Entity)),
    Table("events", Event, lambda s: s.iter_corpus(CORPUS_KINDS["events"][0], Event)),
    Table("figures", Figure, _figures, extra=(("doc_id", lambda f: f.provenance.doc_id),)),
    Table("timexes", Timex, _timexes, extra=(("doc_id", lambda t: t.provenance.doc_id),)),
    Table("quality", Quality, lambda s: s.iter_corpus(CORPUS_KINDS["quality"][0], Quality)),
)


def column_kind(annotation: Any) -> ColumnKind:
    """The column a field's type annotation becomes (``str | None`` is a string column)."""
    origin = get_origin(annotation)
    if origin is Union or origin is types.UnionType:
        inner = [a for a in get_args(annotation) if a is not type(None)]
        return column_kind(inner[0]) if len(inner) == 1 else "json"
    if origin is Literal:
        values = get_args(annotation)
        return "string" if all(isinstance(v, str) for v in values) else "json"
    if origin is list and get_args(annotation) == (str,):
        return "strings"
    return _SCALARS.get(annotation, "json") if isinstance(annotation, type) else "json"


def columns(table: Table) -> list[tuple[str, ColumnKind]]:
    own = [(n, column_kind(f.annotation)) for n, f in table.model.model_fields.items()]
    return [(name, "string") for name, _ in table.extra] + own


def flat_row(table: Table, record: BaseModel, kinds: list[tuple[str, ColumnKind]]) -> dict:
    """One record as a row of ``columns``: nested values as JSON text."""
    data = record.model_dump(mode="json")
    for name, value_of in table.extra:
        data[name] = value_of(record)
    return {
        name: json.dumps(data[name], ensure_ascii=False) if kind == "json" else data[name]
        for name, kind in kinds
    }


def export_store(
    store: Store,
    out_dir: str | Path,
    fmt: ExportFormat = "parquet",
    tables: Iterable[str] | None = None,
) -> dict[str, tuple[Path, int]]:
    """Write each table to ``out_dir/<table>.<fmt>``; table name → (path, rows written)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    wanted = set(tables) if tables is not None else {t.name for t in TABLES}
    unknown = wanted - {t.name for t in TABLES}
    if unknown:
        raise ValueError(f"unknown table(s) {', '.join(sorted(unknown))}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for table in TABLES:
        if table.name in wanted:
            path = out / f"{table.name}.{fmt}"
            writer = _write_parquet if fmt == "parquet" else _write_jsonl
            written[table.name] = (path, writer(table, table.rows(store), path))
    return written


def _write_jsonl(table: Table, records: Iterator[BaseModel], path: Path) -> int:
    count = 0
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        for record in records:
            line = record.model_dump_json()
            if table.extra:  # the extra columns lead, as in parquet
                extra = {name: value_of(record) for name, value_of in table.extra}
                line = json.dumps(extra, ensure_ascii=False)[:-1] + ", " + line[1:]
            handle.write(line + "\n")
            count += 1
    tmp.replace(path)
    return count


def _write_parquet(table: Table, records: Iterator[BaseModel], path: Path) -> int:
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    types_of = {
        "string": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "strings": pa.list_(pa.string()),
        "json": pa.string(),
    }
    kinds = columns(table)
    schema = pa.schema([(name, types_of[kind]) for name, kind in kinds])
    tmp = path.with_name(f".{path.name}.tmp")
    count = 0
    with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
        batch: list[dict] = []
        for record in records:
            batch.append(flat_row(table, record, kinds))
            if len(batch) >= ROWS_PER_GROUP:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    tmp.replace(path)
    return count
