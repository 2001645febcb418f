"""The packaged tables and rules (TOML/TSV): heuristics live here as data, not in code.

Every TOML table is checked against its schema (``storyline.data.schema``) when it is read, so
a misspelt key or a wrongly typed value stops with a message naming the file and the key.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from pydantic import ValidationError

from storyline.errors import SettingsError


def read_toml(name: str, package: str = __name__) -> dict[str, Any]:
    """One packaged TOML file, parsed and checked; callers cache what they build from it."""
    text = resources.files(package).joinpath(*name.split("/")).read_text("utf-8")
    return check_settings(name.rsplit("/", 1)[-1], text)


def read_rows(name: str, package: str = __name__) -> list[list[str]]:
    """One packaged TSV table's rows, each split at its tabs; blank lines and the ``#`` header
    (provenance, licence, column names) left out. Callers cache what they build from it."""
    text = resources.files(package).joinpath(*name.split("/")).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def verb_classes() -> dict[str, str]:
    """Verb → the PETRARCH2 verb synonym set it belongs to (``verb_classes.tsv``, compiled from
    CAMEO.2.0.txt; phrasal verbs spaced): figures compare predicates by it, events compare the
    words of two reports by it."""
    return {verb.strip(): name.strip() for verb, name in read_rows("verb_classes.tsv")}


def check_settings(name: str, text: str) -> dict[str, Any]:
    """Parse ``text`` as the table ``name`` and check it against that table's schema."""
    from storyline.data.schema import SCHEMAS  # pydantic models: built on first use only

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{name}: not valid TOML ({error})") from None
    problem = _control_character(data)
    if problem:
        raise SettingsError(f"{name}: {problem}")
    schema = SCHEMAS.get(name)
    if schema is not None:
        try:
            schema.model_validate(data)
        except ValidationError as error:
            raise SettingsError(f"{name}: {_problems(error)}") from None
    return data


def _problems(error: ValidationError) -> str:
    """'[rule][3].max_len: Input should be a valid integer' for each problem, at most five."""
    found = []
    for problem in error.errors()[:5]:
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in problem["loc"])
        message = "unknown key" if problem["type"] == "extra_forbidden" else problem["msg"]
        found.append(f"{where.lstrip('.') or 'top level'}: {message}")
    more = len(error.errors()) - len(found)
    return "; ".join(found) + (f" (and {more} more)" if more > 0 else "")


def _control_character(value: Any, where: str = "") -> str | None:
    r"""A string holding a control character is almost always a regex written with ``\b`` in a
    double-quoted TOML string (TOML reads it as a backspace): say where, instead of a pattern
    that silently never matches."""
    if isinstance(value, str):
        if any(ord(c) < 32 and c not in "\t\n\r" for c in value):
            return (
                f"{where or 'top level'}: contains a control character (a \\b or \\f in a "
                "double-quoted string? write the pattern in single quotes or double the backslash)"
            )
        return None
    if isinstance(value, dict):
        items = [(f"{where}.{k}".lstrip("."), v) for k, v in value.items()]
    elif isinstance(value, list):
        items = [(f"{where}[{i}]", v) for i, v in enumerate(value)]
    else:
        return None
    for place, item in items:
        found = _control_character(item, place)
        if found:
            return found
    return None
