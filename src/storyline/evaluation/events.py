"""``storyline eval events PATH``: PLOVER gold records, PETRARCH's unit tests, MEANTIME mentions.

PATH may be
* a PLOVER gold-standard file (``PLOVER_GSR_CAMEO.txt``: a JSON array whose first object is a
  DOCUMENT header) or a folder holding one → PLOVER type / mode / source / target scores
  (``storyline.evaluation.plover``);
* PETRARCH's unit-test records (``PETR.UnitTest.records.xml``) or a folder holding them → event
  detection and actor scores (``plover.evaluate_unit_tests``);
* a MEANTIME folder (``corpus_*/*.xml``) → event-trigger span P/R/F1
  (``storyline.evaluation.meantime_events``);
* a folder holding several (``plover/``, ``meantime/``, like ``../shared/eval``) → every report,
  headline keys prefixed ``plover.``, ``petrarch.`` and ``meantime.``. The unit tests are looked
  for in the folder, its ``petrarch2/`` and the sibling ``lexicons/petrarch2/`` (where the shared
  data keeps PETRARCH's dictionaries next to ``eval/``).

``part`` (tuning, check, all) goes to every scorer: items are split by a salted SHA-256 of their
record or document id (``storyline.evaluation.splits``). This module only finds which gold data
PATH holds and merges the reports.
"""

from __future__ import annotations

from pathlib import Path

from storyline.evaluation.meantime_events import evaluate_meantime
from storyline.evaluation.plover import evaluate_plover, evaluate_unit_tests
from storyline.evaluation.report import EvalReport
from storyline.evaluation.splits import check_part

GOLD_GLOB = ("PLOVER_GSR*.txt", "PLOVER_GSR*.json", "*GSR*.txt")
UNIT_TESTS = "PETR.UnitTest.records.xml"


def evaluate(path: Path, limit: int | None = None, part: str = "all") -> EvalReport:
    """Score events on every kind of gold data PATH holds (see the module docstring)."""
    path = Path(path)
    check_part(part)
    gold_file = _gold_file(path)
    unit_tests = _unit_tests(path)
    meantime_dir = _meantime_dir(path)
    reports: list[tuple[str, EvalReport]] = []
    if gold_file is not None:
        reports.append(("plover", evaluate_plover(gold_file, limit, part)))
    if unit_tests is not None:
        reports.append(("petrarch", evaluate_unit_tests(unit_tests, limit, part)))
    if meantime_dir is not None:
        reports.append(("meantime", evaluate_meantime(meantime_dir, limit, part)))
    if not reports:
        raise ValueError(
            f"{path}: neither a PLOVER GSR file nor a MEANTIME folder (corpus_*/*.xml) nor "
            f"{UNIT_TESTS}, nor a folder holding plover/ or meantime/"
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
        return None if path.suffix == ".xml" else path
    for folder in (path, path / "plover"):
        if folder.is_dir():
            for pattern in GOLD_GLOB:
                hits = sorted(folder.glob(pattern))
                if hits:
                    return hits[0]
    return None


def _unit_tests(path: Path) -> Path | None:
    if path.is_file():
        return path if path.name == UNIT_TESTS else None
    for folder in (path, path / "petrarch2", path.parent / "lexicons" / "petrarch2"):
        if (folder / UNIT_TESTS).is_file():
            return folder / UNIT_TESTS
    return None


def _meantime_dir(path: Path) -> Path | None:
    if path.is_file():
        return None
    for folder in (path, path / "meantime"):
        if folder.is_dir() and any(folder.glob("corpus_*/*.xml")):
            return folder
        plain = folder.is_dir() and folder != path / "plover" and any(folder.glob("*.xml"))
        if plain and not (folder / UNIT_TESTS).is_file():
            return folder
    return None
