"""The PLOVER gold-standard record file (GSR), read into normalised records.

The format is loose in practice (hand-edited JSON with trailing commas, actors in four shapes,
context words misfiled as targets); ``read_gsr`` absorbs the quirks so the scoring in
``plover`` sees one clean record type.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CONTEXT_WORDS = frozenset(
    "political military economic diplomatic resource resources culture disease disaster refugee "
    "refugees legal terrorism government election legislative cbrn cyber historical "
    "hypothetical".split()
)
MODE_ALIASES = {"demo-org": "demo", "demo-spon": "demo", "riot-org": "riot", "riot-spon": "riot"}


@dataclass(frozen=True)
class GsrRecord:
    """One PLOVER gold-standard record, normalised (see ``read_gsr``)."""

    id: str
    event: str
    mode: str | None
    text: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    reciprocal: bool
    event_text: str
    location: str | None


def read_gsr(path: Path | str) -> list[GsrRecord]:
    """The records of a PLOVER GSR file, header skipped.

    Robust to the format's quirks: trailing commas, actors given as a list of objects, a single
    object, a bare string or "" / null, a context word misfiled as the target, ``textInfo`` as an
    object or a string, missing fields, and ``mode`` "" meaning none.
    """
    raw = Path(path).read_text("utf-8-sig")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        data = json.loads(re.sub(r",\s*([\]}])", r"\1", raw))
    if isinstance(data, dict):
        data = data.get("records") or data.get("events") or [data]
    records: list[GsrRecord] = []
    for item in data:
        if not isinstance(item, dict) or not item.get("text") or not item.get("event"):
            continue
        if str(item["event"]).upper() == "DOCUMENT":
            continue
        info = item.get("textInfo")
        markup = info.get("markup", "") if isinstance(info, dict) else str(info or "")
        location = item.get("eventLoc")
        records.append(
            GsrRecord(
                id=str(item.get("id") or f"record-{len(records) + 1}"),
                event=str(item["event"]).strip().upper(),
                mode=_mode(item.get("mode")),
                text=_strip_braces(str(item["text"]).strip()),
                sources=_actors(item.get("source")),
                targets=_actors(item.get("target")),
                reciprocal="SRC/TAR" in markup,
                event_text=str(item.get("eventText") or ""),
                location=location.get("name") if isinstance(location, dict) else None,
            )
        )
    return records


def _mode(value: Any) -> str | None:
    if not value or not isinstance(value, str) or not value.strip():
        return None
    mode = value.strip().lower()
    return MODE_ALIASES.get(mode, mode)


def _actors(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, dict):
        value = [value]
    if isinstance(value, str):
        text = value.strip()
        return () if not text or text.lower() in CONTEXT_WORDS else (text,)
    texts = []
    for actor in value:
        if isinstance(actor, dict):
            text = actor.get("actorText") or actor.get("text") or ""
        else:
            text = str(actor)
        if text.strip():
            texts.append(text.strip())
    return tuple(texts)


def _strip_braces(text: str) -> str:
    if text.startswith("{") and text.endswith("}"):
        return text[1:-1].strip()
    return text
