"""``storyline eval dates``: publication dates of web pages, on htmldate's evaluation format.

Format: a JSON file mapping page URL → {"file": name, "date": "YYYY-MM-DD"}, where a date of
``NaN``/``null``/"" means the page has no publication date to find, and the pages in a
``test_set/`` folder beside it (or beside the JSON itself). Quirks handled: bare ``NaN`` in the
JSON, dates with a time part, missing page files, gzip pages (by name or magic number), and
pages that are not UTF-8 (decoded as ingest decodes them).

Each page goes through storyline's own path — ingest's ``read_bytes`` (trafilatura + htmldate)
and ``prepare_document`` with a fixed clock — and the chosen ``Document.published`` is scored
as htmldate's benchmark (``tests/comparison.py`` of adbar/htmldate) scores it: a right date is
a true positive, no date where none is expected a true negative, no date where one is expected
a false negative, and any other date (wrong, or found where none is expected) a false positive.
htmldate alone (the same ``find_date`` call ingest makes) is scored beside it as the baseline.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from storyline.errors import IngestError
from storyline.evaluation.pages import read_page_bytes
from storyline.evaluation.report import Cell, EvalReport, EvalTable
from storyline.evaluation.splits import check_part, in_part
from storyline.models import RawRecord

#: The clock for the whole run: the day after the newest gold date of the MediaCloud 2020 set
#: (2020-12-29) rounded up to the new year, so that no gold date is out of range and dates after
#: the crawl are still rejected, as htmldate's ``max_date`` does in a live crawl.
TODAY = date(2021, 1, 1)
PAGE_FOLDERS = ("test_set", "pages", "html", ".")
NO_DATE = {"", "nan", "none", "null", "na", "n/a"}
ERRORS_SHOWN = 15

Outcome = Literal["tp", "tn", "fp", "fn"]
_ISO = re.compile(r"^\s*((?:19|20)\d\d)-([01]\d)-([0-3]\d)")


@dataclass(frozen=True)
class GoldPage:
    url: str
    file: str
    date: str | None  # ISO day; None = no date expected


def normalise_gold_date(value: Any) -> str | None:
    """A gold date as ISO ``YYYY-MM-DD``, or None for "no date expected" (NaN, null, '')."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if not isinstance(value, str) or value.strip().lower() in NO_DATE:
        return None
    m = _ISO.match(value)
    if m is None:
        raise ValueError(f"unreadable gold date {value!r}")
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"


def read_gold(path: Path) -> tuple[list[GoldPage], Path, list[str]]:
    """Gold pages, the folder their files are in, and any problems met while reading."""
    file = path if path.is_file() else _gold_file(path)
    data = json.loads(file.read_text("utf-8"))  # Python's json reads bare NaN as float nan
    if not isinstance(data, dict):
        raise ValueError(f"{file}: expected an object mapping URLs to {{file, date}}")
    pages, problems = [], []
    for url, entry in data.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            problems.append(f"{url}: entry has no 'file'; skipped")
            continue
        try:
            gold = normalise_gold_date(entry.get("date"))
        except ValueError as error:
            problems.append(f"{url}: {error}; skipped")
            continue
        pages.append(GoldPage(url=str(url), file=entry["file"], date=gold))
    return pages, _page_folder(file.parent, pages), problems


def _gold_file(folder: Path) -> Path:
    candidates = sorted(folder.glob("eval*.json")) or sorted(folder.glob("*.json"))
    if not candidates:
        raise FileNotFoundError(f"{folder}: no gold JSON file (expected eval_*.json)")
    return candidates[0]


def _page_folder(root: Path, pages: list[GoldPage]) -> Path:
    """The folder holding most of the pages' files."""
    best, best_hits = root, -1
    for name in PAGE_FOLDERS:
        folder = root / name
        if folder.is_dir():
            hits = sum(_page_path(folder, p.file) is not None for p in pages[:50])
            if hits > best_hits:
                best, best_hits = folder, hits
    return best


def _page_path(folder: Path, name: str) -> Path | None:
    for candidate in (folder / name, folder / f"{name}.gz"):
        if candidate.is_file():
            return candidate
    return None


def classify(predicted: str | None, gold: str | None) -> Outcome:
    """htmldate's benchmark categories for one page."""
    if predicted is None:
        return "tn" if gold is None else "fn"
    return "tp" if predicted == gold else "fp"


def scores(outcomes: Iterable[Outcome]) -> dict[str, float]:
    """Counts plus precision, recall, accuracy and F-score as htmldate's benchmark defines them."""
    counts = Counter(outcomes)
    tp, tn, fp, fn = (counts[k] for k in ("tp", "tn", "fp", "fn"))
    total = tp + tn + fp + fn
    return {
        "tp": tp,
        "tn": tn,
        "fp": fp,
        "fn": fn,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "accuracy": (tp + tn) / total if total else 0.0,
        "f_score": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0,
    }


@dataclass
class PageResult:
    page: GoldPage
    storyline: str | None = None
    source: str | None = None  # Document.date_source
    confidence: float = 0.0
    htmldate: str | None = None
    problem: str | None = None


def date_page(data: bytes, source: str, today: date = TODAY) -> PageResult:
    """Storyline's publication date for one page plus htmldate's, on the same decoded HTML."""
    from htmldate import find_date

    from storyline.ingest.decode import decode
    from storyline.ingest.inputs import IngestOptions, read_bytes
    from storyline.ingest.prepare import prepare_document

    result = PageResult(page=GoldPage(url="", file=source, date=None))
    try:
        html = decode(data, source)
    except IngestError as error:
        result.problem = error.problem
        return result
    try:
        result.htmldate = find_date(
            html, original_date=True, extensive_search=True, max_date=today.isoformat()
        )
    except Exception:  # htmldate on malformed markup: no date, as ingest treats it
        result.htmldate = None
    try:
        options = IngestOptions(today=today.isoformat())
        record = next(r for r in read_bytes(data, source, "html", None, options) if r)
        if isinstance(record, RawRecord):
            document = prepare_document(record, today)
            result.storyline = document.published
            result.source = document.date_source
            if document.date_source == "html-meta" and document.date_note:
                result.source = f"html-meta ({document.date_note.split(', from ')[-1]})"
            result.confidence = document.date_confidence
    except IngestError as error:
        result.problem = error.problem
    except StopIteration:
        result.problem = "no record produced"
    return result


def evaluate(path: Path, limit: int | None = None, part: str = "all") -> EvalReport:
    """Score storyline's publication dates (and htmldate's) against the gold dates.

    ``part``: the tuning or check half of the pages (``evaluation.splits``, keyed by the page's
    file name), or all of them.
    """
    pages, folder, notes = read_gold(path)
    pages = [p for p in pages if in_part(p.file, check_part(part))]
    if limit:
        pages = pages[:limit]
    results: list[PageResult] = []
    for page in pages:
        file = _page_path(folder, page.file)
        if file is None:
            results.append(PageResult(page=page, problem="page file missing"))
            continue
        try:
            data = read_page_bytes(file)
        except (OSError, EOFError) as error:
            results.append(PageResult(page=page, problem=f"unreadable page ({error})"))
            continue
        result = date_page(data, str(file))
        result.page = page
        results.append(result)

    ours = scores(classify(r.storyline, r.page.date) for r in results)
    baseline = scores(classify(r.htmldate, r.page.date) for r in results)
    nothing = scores(classify(None, r.page.date) for r in results)
    columns = ["system", "tp", "tn", "fp", "fn", "precision", "recall", "accuracy", "F-score"]
    keys = ("tp", "tn", "fp", "fn", "precision", "recall", "accuracy", "f_score")

    def row(name: str, s: dict[str, float]) -> list[Any]:
        return [name, *(round(s[k], 3) if isinstance(s[k], float) else s[k] for k in keys)]

    tables = [
        EvalTable(
            title="Publication dates, htmldate benchmark scoring (reference: htmldate 0.92-0.95 "
            "accuracy on its own benchmark)",
            columns=columns,
            rows=[
                row("storyline (ingest + prepare)", ours),
                row("htmldate alone (find_date, extensive)", baseline),
                row("always 'no date'", nothing),
            ],
        ),
        _by_source(results),
        _errors(results),
    ]
    problems = Counter(r.problem for r in results if r.problem)
    notes += [f"{n} page(s): {problem}" for problem, n in problems.most_common()]
    notes.append(
        f"fixed clock today={TODAY.isoformat()} (newest gold date 2020-12-29, rounded up); "
        "page URLs are not given to the extractors, as in htmldate's benchmark"
    )
    headline = {f"storyline_{k}": float(ours[k]) for k in ("precision", "recall", "accuracy")}
    headline |= {f"htmldate_{k}": float(baseline[k]) for k in ("precision", "recall", "accuracy")}
    if part != "all":
        notes.append(f"part: {part} ({len(results)} pages, split by file name)")
    return EvalReport(
        task="dates",
        corpus=str(path),
        documents=len(results),
        tables=tables,
        headline=headline,
        notes=notes,
    )


def _by_source(results: list[PageResult]) -> EvalTable:
    groups: dict[str, list[Outcome]] = {}
    for r in results:
        groups.setdefault(r.source or "(undated)", []).append(classify(r.storyline, r.page.date))
    rows: list[list[Cell]] = []
    for source, outcomes in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        s = scores(outcomes)
        rows.append([source, len(outcomes), s["tp"], s["tn"], s["fp"], s["fn"]])
    return EvalTable(
        title="Storyline's dates by where they came from (Document.date_source)",
        columns=["date source", "pages", "tp", "tn", "fp", "fn"],
        rows=rows,
    )


def _errors(results: list[PageResult]) -> EvalTable:
    rows: list[list[Cell]] = []
    for r in results:
        outcome = classify(r.storyline, r.page.date)
        if outcome in ("fp", "fn"):
            rows.append([r.page.file, r.page.date, r.storyline, r.source, r.htmldate, outcome])
    return EvalTable(
        title=f"Storyline's errors (first {ERRORS_SHOWN})",
        columns=["file", "gold", "storyline", "source", "htmldate", "outcome"],
        rows=rows[:ERRORS_SHOWN],
    )
