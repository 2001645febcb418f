"""``storyline eval TASK PATH``: score storyline on public gold data read in its native format.

Each task module exposes ``evaluate(path: Path, limit: int | None = None) -> EvalReport``.
Tasks are imported lazily so ``storyline eval dates`` does not load spaCy.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from storyline.evaluation.report import EvalReport, EvalTable

#: task name → (module, what it scores, the format it reads)
TASKS: dict[str, tuple[str, str]] = {
    "timex": ("storyline.evaluation.timeml", "TIMEX3 spans and values (TempEval-3 TimeML .tml)"),
    "entities": (
        "storyline.evaluation.meantime_entities",
        "entity spans by type and cross-document entity coreference (MEANTIME XML)",
    ),
    "events": (
        "storyline.evaluation.events",
        "PLOVER event type, mode, source/target (PLOVER GSR JSON) and MEANTIME event mentions",
    ),
    "clusters": ("storyline.evaluation.ecbplus", "story clusters, B-cubed and ARI (ECB+ XML)"),
    "dates": (
        "storyline.evaluation.htmldate_set",
        "publication dates of HTML pages (htmldate eval JSON)",
    ),
    "body": (
        "storyline.evaluation.scrapinghub",
        "article body extraction, token P/R/F1 (ScrapingHub ground-truth.json)",
    ),
}


def evaluate(task: str, path: Path, limit: int | None = None) -> EvalReport:
    if task not in TASKS:
        raise ValueError(f"unknown eval task {task!r}; choose from {', '.join(TASKS)}")
    module = importlib.import_module(TASKS[task][0])
    return module.evaluate(Path(path), limit=limit)


__all__ = ["TASKS", "EvalReport", "EvalTable", "evaluate"]
