"""The briefing: everything a build found, gathered from the store into one ``Briefing``.

``briefing.json`` is ``Briefing.model_dump_json()``; its schema is documented in
docs/briefing-schema.md and printed by ``storyline schema``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from storyline import __version__
from storyline.models import Briefing, Skipped
from storyline.store import Store


def make_briefing(store: Store, skipped: Sequence[Skipped] | None = None) -> Briefing:
    """The briefing for everything in ``store``; ``skipped`` lists this run's rejected inputs."""
    return Briefing(
        generated_by=f"storyline {__version__}",
        documents=store.documents(),
        skipped=list(skipped if skipped is not None else store.last_skipped()),
    )


def write_briefing(briefing: Briefing, path: str | Path) -> Path:
    """Write atomically (temp file + rename): a reader never sees half a briefing."""
    return write_text_atomic(Path(path), briefing.model_dump_json(indent=2))


def write_text_atomic(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
