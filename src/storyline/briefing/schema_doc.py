"""docs/briefing-schema.md, generated from the models so the documentation cannot drift.

``storyline schema --markdown`` prints it; a test checks the committed file matches.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from storyline.models import Briefing, Quality, Timex

#: Models of exported tables that briefing.json does not hold, documented here all the same.
EXPORT_ONLY: tuple[type[BaseModel], ...] = (Timex, Quality)

INTRO = """# briefing.json

`storyline build` writes `DIR/briefing.json`: one JSON object, the `Briefing` model below
(`storyline schema` prints the same as JSON Schema). Offsets (`start`, `end`,
`sentence_start`, …) are character offsets into the document's clean `text`, except in
`Removal`, whose offsets index `raw_text`. Every extracted fact has a `provenance` (or
`evidence`): the document, the character span and the evidence sentence.

The briefing names documents (`DocumentRef`: metadata, counts, what the cleaner removed) but
holds none of their texts, so its size follows what was found, not how much was read. The
texts and every full record stay in the store; `storyline export --format parquet|jsonl`
writes them out as `documents` (a `DocumentRef`'s fields, without `characters`, `words`,
`opening` and `quality`, plus `raw_text`, `text` and `blocks`), `entities` (`Entity`, every
mention), `events` (`Event`, every mention), `figures` (`Figure`, with a leading `doc_id`:
every figure; the briefing's figure groups name them and show examples), `timexes` (`Timex`,
with a leading `doc_id`: every time expression, which the briefing leaves out; its dates are
on the events and the timeline) and `quality` (`Quality`: each document's score with its
signals and reasons; the briefing gives each `DocumentRef` its score). In Parquet, text,
number and flag fields keep their type, lists of strings are list columns and nested records
are JSON text.

This file is generated from the code (`storyline schema --markdown`); a test keeps it in step.
"""


def schema_markdown() -> str:
    """The briefing schema as Markdown: one table per model, the root first."""
    schema = Briefing.model_json_schema()
    definitions: dict[str, Any] = schema.get("$defs", {})
    for exported in EXPORT_ONLY:  # records `storyline export` writes that the briefing lacks
        own = exported.model_json_schema()
        definitions.update(own.pop("$defs", {}))
        definitions[exported.__name__] = own
    parts = [INTRO, _model_section("Briefing", schema)]
    for name in sorted(definitions):
        parts.append(_model_section(name, definitions[name]))
    return "\n".join(parts)


def _model_section(name: str, schema: dict[str, Any]) -> str:
    lines = [f"## {name}", ""]
    description = " ".join((schema.get("description") or "").split())
    if description:
        lines += [description, ""]
    lines += ["| field | type | meaning |", "|---|---|---|"]
    required = set(schema.get("required", []))
    for field, spec in schema.get("properties", {}).items():
        kind = _type_of(spec) + ("" if field in required else " (optional)")
        meaning = " ".join((spec.get("description") or "").split()).replace("|", "\\|")
        lines.append(f"| `{field}` | {kind} | {meaning} |")
    return "\n".join(lines) + "\n"


def _type_of(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in spec:
        return " or ".join(_type_of(s) for s in spec["anyOf"])
    if "enum" in spec:
        return " \\| ".join(f'"{v}"' for v in spec["enum"])
    kind = spec.get("type", "any")
    if kind == "array":
        return f"list of {_type_of(spec.get('items', {}))}"
    if kind == "object" and "additionalProperties" in spec:
        return f"map of string → {_type_of(spec['additionalProperties'])}"
    return str(kind)
