"""``storyline eval events PATH``: PLOVER gold records and MEANTIME event mentions.

PATH may be
* a PLOVER gold-standard file (``PLOVER_GSR_CAMEO.txt``: a JSON array whose first object is a
  DOCUMENT header) or a folder holding one → PLOVER type / mode / source / target scores
  (``storyline.evaluation.plover``);
* a MEANTIME folder (``corpus_*/*.xml``) → event-trigger span P/R/F1
  (``storyline.evaluation.meantime_events``);
* a folder holding both (``plover/`` and ``meantime/``, like ``../shared/eval``) → both reports,
  headline keys prefixed ``plover.`` and ``meantime.``.

This module only finds which gold data PATH holds and merges the reports.
"""

from __future__ import annotations

from pathlib import Path

from storyline.evaluation.meantime_events import evaluate_meantime
from storyline.evaluation.plover import evaluate_plover
from storyline.evaluation.report import EvalReport

GOLD_GLOB = ("PLOVER_GSR*.txt", "PLOVER_GSR*.json", "*GSR*.txt")


def evaluate(path: Path, limit: int | None = None) -> EvalReport:
    """Score events on PLOVER gold records, MEANTIME event mentions, or both (see module doc)."""
    path = Path(path)
    gold_file = _gold_file(path)
    meantime_dir = _meantime_dir(path)
    reports: list[tuple[str, EvalReport]] = []
    if gold_file is not None:
        reports.append(("plover", evaluate_plover(gold_file, limit)))
    if meantime_dir is not None:
        reports.append(("meantime", evaluate_meantime(meantime_dir, limit)))
    if not reports:
        raise ValueError(
            f"{path}: neither a PLOVER GSR file nor a MEANTIME folder (corpus_*/*.xml), nor a "
            "folder holding plover/ or meantime/"
        )
    if len(reports) == 1:
        return reports[0][1]
    notes: list[str] = []
    for _, report in reports:
        notes += [n for n in report.notes if n not in notes]
    return EvalReport(
        task="events",
        corpus=str(path),
        documents=sum(r.documents for _, r in reports),
        tables=[t for _, r in reports for t in r.tables],
        headline={f"{name}.{k}": v for name, r in reports for k, v in r.headline.items()},
        notes=notes,
    )


def _gold_file(path: Path) -> Path | None:
    if path.is_file():
        return path
    for folder in (path, path / "plover"):
        if folder.is_dir():
            for pattern in GOLD_GLOB:
                hits = sorted(folder.glob(pattern))
                if hits:
                    return hits[0]
    return None


def _meantime_dir(path: Path) -> Path | None:
    if path.is_file():
        return None
    for folder in (path, path / "meantime"):
        if folder.is_dir() and any(folder.glob("corpus_*/*.xml")):
            return folder
        if folder.is_dir() and folder != path / "plover" and any(folder.glob("*.xml")):
            return folder
    return None
