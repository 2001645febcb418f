"""``storyline eval TASK PATH``: score storyline on public gold data read in its native format.

Each task module exposes ``evaluate(path: Path, limit: int | None = None) -> EvalReport``; a task
with honest tuning/check parts also takes ``part`` (and ``briefing`` an ``out`` directory to keep
its build). Tasks are imported lazily so ``storyline eval dates`` does not load spaCy.

Parts: each development set has a fixed tuning part and check part, by the rule of
``storyline.evaluation.splits`` applied to a key each task states in its module docstring (timex:
the TimeML DOCID; entities: the MEANTIME doc_id, or FILE#N for CoNLL-2003; dates: the page URL;
briefing: the gold story). The report says which part it scored (``EvalReport.part``).
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

from storyline.evaluation.report import EvalReport, EvalTable

#: task name → (module, what it scores, the format it reads)
TASKS: dict[str, tuple[str, str]] = {
    "timex": ("storyline.evaluation.timeml", "TIMEX3 spans and values (TempEval-3 TimeML .tml)"),
    "entities": (
        "storyline.evaluation.meantime_entities",
        "entity spans by type and cross-document entity coreference (MEANTIME XML), or "
        "conlleval span F1 (CoNLL-2003)",
    ),
    "events": (
        "storyline.evaluation.events",
        "PLOVER event type, mode, source/target (PLOVER GSR JSON) and MEANTIME event mentions",
    ),
    "factuality": (
        "storyline.evaluation.factuality",
        "whether coded events happened (negated, hypothetical, planned, reported, asserted) "
        "against MEANTIME event attributes and TimeML polarity, modality and SLINKs",
    ),
    "clusters": ("storyline.evaluation.ecbplus", "story clusters, B-cubed and ARI (ECB+ XML)"),
    "coref": (
        "storyline.evaluation.ecbplus_coref",
        "cross-document event coreference of the merged events: MUC, B3, CEAF-e, CoNLL F1 "
        "(ECB+ XML)",
    ),
    "dates": (
        "storyline.evaluation.htmldate_set",
        "publication dates of HTML pages (htmldate eval JSON: MediaCloud test_set/, or "
        "htmldate's eval_default.json with cache/ and eval/)",
    ),
    "body": (
        "storyline.evaluation.scrapinghub",
        "article body extraction, token P/R/F1 (ScrapingHub ground-truth.json)",
    ),
    "briefing": (
        "storyline.evaluation.briefing",
        "the whole briefing of a pile against hand-made gold (eval/briefing/FORMAT.md)",
    ),
}


def evaluate(
    task: str, path: Path, limit: int | None = None, part: str = "all", out: Path | None = None
) -> EvalReport:
    """Run ``task``; ``part`` and ``out`` go only to tasks that take them (an error otherwise)."""
    if task not in TASKS:
        raise ValueError(f"unknown eval task {task!r}; choose from {', '.join(TASKS)}")
    module = importlib.import_module(TASKS[task][0])
    accepted = inspect.signature(module.evaluate).parameters
    extra: dict[str, object] = {}
    for name, value, default in (("part", part, "all"), ("out", out, None)):
        if value != default:
            if name not in accepted:
                raise ValueError(f"eval task {task!r} takes no --{name}")
            extra[name] = value
    report: EvalReport = module.evaluate(Path(path), limit=limit, **extra)
    return report.model_copy(update={"part": part})


__all__ = ["TASKS", "EvalReport", "EvalTable", "evaluate"]
