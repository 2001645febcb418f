"""The packaged tables and rules (TOML/TSV): heuristics live here as data, not in code."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any


def read_toml(name: str) -> dict[str, Any]:
    """One packaged TOML file, parsed; callers cache what they build from it."""
    return tomllib.loads(resources.files(__name__).joinpath(name).read_text("utf-8"))
