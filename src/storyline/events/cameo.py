"""CAMEO event codes as PLOVER types and modes (``data/cameo_plover.toml``, PLOVER's own table).

A CAMEO code names a cue category (its first two digits) and, deeper, a kind of act; PLOVER keeps
the cue categories as types and moves the detail into modes. ``plover_of("0841")`` is
``("RETREAT", None)``, ``plover_of("193")`` ``("FIGHT", "firearms")``, and a statement or an
appeal (CAMEO 01, 02), which PLOVER does not code, is ``(None, None)``.
"""

from __future__ import annotations

from functools import cache

from storyline.data import read_toml

MAPPING_FILE = "cameo_plover.toml"


@cache
def _mapping() -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    conf = read_toml(MAPPING_FILE)
    cues = {str(k): str(v) for k, v in conf["cue"].items()}
    codes = {str(k): (str(v[0]), str(v[1])) for k, v in conf["codes"].items()}
    return cues, codes


def plover_of(code: str) -> tuple[str | None, str | None]:
    """(PLOVER type, mode) of a CAMEO code; (None, None) for codes PLOVER does not code."""
    code = code.strip()
    if len(code) < 2 or not code.isdigit():
        return None, None
    cues, codes = _mapping()
    for length in range(len(code), 2, -1):
        if code[:length] in codes:
            type_, mode = codes[code[:length]]
            return type_ or None, mode or None
    type_ = cues.get(code[:2], "")
    return (type_ or None), None


def extension_mode(code: str) -> str | None:
    """storyline's own mode for a CAMEO code ("057" → "sign"), None where it has none."""
    modes = read_toml(MAPPING_FILE).get("extension_modes", {})
    return modes.get(code.strip()[:3])
