"""``storyline eval dates``: publication dates of web pages, on htmldate's evaluation format.

Format: JSON files mapping page URL → {"file": name, "date": "YYYY-MM-DD"}, where a date of
``NaN``/``null``/"" means the page has no publication date to find. Two layouts are read:

* the MediaCloud 2020 set: ``eval_mediacloud_2020.json`` with its pages in ``test_set/``;
* htmldate's own benchmark (its ``tests/`` folder): ``eval_default.json`` with the pages in
  ``cache/`` and ``eval/`` beside it.

Given a folder, every ``eval*.json`` in it is read (htmldate's benchmark merges them; a URL
given twice keeps its first entry), else the first ``*.json``; given a file, that file. Each
page is looked for, as htmldate's ``tests/evaluation.py`` does, in ``test_set/``, ``cache/``,
``eval/`` (then ``pages/``, ``html/`` and the folder itself) beside the JSON, as ``NAME`` or
``NAME.gz``. Quirks handled: bare ``NaN`` in the JSON, dates with a time part, missing page
files, gzip pages (by name or magic number), and pages that are not UTF-8 (decoded as ingest
decodes them).

Each page goes through storyline's own path — ingest's ``read_bytes`` (trafilatura + htmldate)
and ``prepare_document`` with a fixed clock — and the chosen ``Document.published`` is scored
as htmldate's benchmark (``tests/comparison.py`` of adbar/htmldate) scores it: a right date is
a true positive, no date where none is expected a true negative, no date where one is expected
a false negative, and any other date (wrong, or found where none is expected) a false positive.
htmldate alone (the same ``find_date`` call ingest makes) is scored beside it as the baseline.

The clock: 1 January of the year after the newest gold date (2021-01-01 for MediaCloud 2020),
so that no gold date is out of range and dates after the crawl are still rejected, as
htmldate's ``max_date`` does in a live crawl.

Honest split: a page belongs to the tuning or the check part by
``storyline.evaluation.splits.part_of(url)`` (a salted SHA-256 of its URL, the key of the gold
JSON); it never depends on scores. ``part="tuning"`` or ``"check"`` scores only that part's
pages; ``limit`` then keeps its first N (in the JSON's order).
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

#: The clock when no gold page has a date (see the module docstring for the rule).
TODAY = date(2021, 1, 1)
#: Where a page's file is looked for, in order, beside the gold JSON.
PAGE_FOLDERS = ("test_set", "cache", "eval", "pages", "html", ".")
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
    """Gold pages, the folder their JSON is in (pages lie in folders beside it), and any
    problems met while reading."""
    files = [path] if path.is_file() else _gold_files(path)
    pages: list[GoldPage] = []
    problems: list[str] = []
    seen: set[str] = set()
    for file in files:
        data = json.loads(file.read_text("utf-8"))  # Python's json reads bare NaN as nan
        if not isinstance(data, dict):
            raise ValueError(f"{file}: expected an object mapping URLs to {{file, date}}")
        for url, entry in data.items():
            if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
                problems.append(f"{url}: entry has no 'file'; skipped")
                continue
            if url in seen:
                problems.append(f"{url}: given again in {file.name}; the first entry kept")
                continue
            try:
                gold = normalise_gold_date(entry.get("date"))
            except ValueError as error:
                problems.append(f"{url}: {error}; skipped")
                continue
            seen.add(url)
            pages.append(GoldPage(url=str(url), file=entry["file"], date=gold))
    if len(files) > 1:
        problems.append(f"gold read from {', '.join(f.name for f in files)}")
    return pages, files[0].parent, problems


def _gold_files(folder: Path) -> list[Path]:
    candidates = sorted(folder.glob("eval*.json")) or sorted(folder.glob("*.json"))[:1]
    if not candidates:
        raise FileNotFoundError(f"{folder}: no gold JSON file (expected eval_*.json)")
    return candidates


def page_path(root: Path, name: str) -> Path | None:
    """The file of page ``name``: the first of the page folders beside the JSON holding it."""
    for folder in PAGE_FOLDERS:
        for candidate in (root / folder / name, root / folder / f"{name}.gz"):
            if candidate.is_file():
                return candidate
    return None


def clock(pages: Iterable[GoldPage]) -> date:
    """1 January of the year after the newest gold date (``TODAY`` when none is dated)."""
    years = [int(p.date[:4]) for p in pages if p.date]
    return date(max(years) + 1, 1, 1) if years else TODAY


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
    """Score storyline's publication dates (and htmldate's) against the gold dates of the
    pages of ``part`` (see the module docstring)."""
    check_part(part)
    every, root, notes = read_gold(path)
    today = clock(every)
    pages = [p for p in every if in_part(p.url, part)][:limit]
    results: list[PageResult] = []
    for page in pages:
        file = page_path(root, page.file)
        if file is None:
            results.append(PageResult(page=page, problem="page file missing"))
            continue
        try:
            data = read_page_bytes(file)
        except (OSError, EOFError) as error:
            results.append(PageResult(page=page, problem=f"unreadable page ({error})"))
            continue
        result = date_page(data, str(file), today)
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
        f"fixed clock today={today.isoformat()} (1 January after the newest gold date); page "
        "URLs are not given to the extractors, as in htmldate's benchmark"
    )
    rule = "salted SHA-256 of the page URL, storyline.evaluation.splits"
    notes.append(
        f"part: all ({len(every)} pages; tuning and check parts by {rule})"
        if part == "all"
        else f"part: {part} ({len(pages)} of {len(every)} pages, by {rule})"
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
