"""``storyline eval body``: article-body extraction on the ScrapingHub benchmark format.

Format: a folder with ``ground-truth.json`` (id → {"articleBody", "url"}) and the pages as
``html/<id>.html.gz`` (plain ``.html`` is read too). Scoring follows the benchmark's own
``evaluate.py`` (scrapinghub/article-extraction-benchmark), re-implemented in ``shingle_scoring``
(4-token shingles, per-page TP/FP/FN, F1 of the mean precision and recall).

Three extractions are scored in one run, so each step's effect is visible: trafilatura as the
benchmark runs it (``extract(html, include_comments=False)``, the published anchor's setting),
trafilatura as storyline configures it (its text before storyline's cleaner), and storyline's
clean ``Document.text`` (ingest + prepare). The cleaner audit then credits each removal of the
cleaner to the rule that made it: text that is in the gold body was removed wrongly.

``part`` scores the tuning or check part of the benchmark's honest split
(``storyline.evaluation.splits``, keyed by page id): design cleaner rules on the tuning pages,
report the check pages.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from storyline.errors import IngestError
from storyline.evaluation.pages import read_page_bytes
from storyline.evaluation.report import EvalReport, EvalTable
from storyline.evaluation.shingle_scoring import (
    BOOTSTRAP_SAMPLES,
    BOOTSTRAP_SEED,
    SHINGLE_N,
    Counts,
    aggregate,
    bootstrap_interval,
    match_counts,
    page_f1,
    shingles,
    tokenize,
)
from storyline.evaluation.splits import check_part, in_part, split_keys
from storyline.models import Document, RawRecord, Removal

GOLD_OVERLAP = 0.5  # a removed line is "body text" when half its shingles are in the gold body
TODAY = date(2021, 1, 1)  # the clock for prepare; the benchmark pages date from 2019-2020
PUBLISHED_F1 = 0.958  # trafilatura on this benchmark, from its README
WORST_PAGES = 8
WORST_REMOVALS = 12


# --- reading the benchmark format ---------------------------------------------------------------


@dataclass(frozen=True)
class GoldArticle:
    id: str
    body: str
    url: str | None


def read_ground_truth(path: Path) -> tuple[list[GoldArticle], list[str]]:
    """Gold articles from ``ground-truth.json`` (or a folder holding it), plus problems found."""
    file = path / "ground-truth.json" if path.is_dir() else path
    data = json.loads(file.read_text("utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{file}: expected an object mapping ids to articles")
    articles, problems = [], []
    for key, value in data.items():
        if not isinstance(value, dict):
            problems.append(f"{key}: not an object")
            continue
        body = value.get("articleBody")
        url = value.get("url")
        articles.append(
            GoldArticle(
                id=str(key),
                body=body if isinstance(body, str) else "",
                url=url if isinstance(url, str) and url else None,
            )
        )
        if not isinstance(body, str):
            problems.append(f"{key}: articleBody missing; scored as an empty body")
    return articles, problems


def page_file(folder: Path, article_id: str) -> Path | None:
    """The page of an article: html/<id>.html.gz, or .html, beside or inside ``html/``."""
    for base in (folder / "html", folder):
        for name in (f"{article_id}.html.gz", f"{article_id}.html", f"{article_id}.htm"):
            if (base / name).is_file():
                return base / name
    return None


# --- extraction -----------------------------------------------------------------------------------


@dataclass
class Extraction:
    """What each extractor produced for one page ('' when it produced nothing)."""

    benchmark_trafilatura: str = ""
    raw: str = ""  # trafilatura as storyline configures it: RawRecord.text
    clean: str = ""  # storyline's Document.text
    removed: list[Removal] = field(default_factory=list)
    problem: str | None = None


def extract_page(data: bytes, source: str, url: str | None = None) -> Extraction:
    """Run the three extractions on one page; failures become empty text plus a problem.

    ``url`` goes to storyline's ingest only (as for a fetched page); the benchmark's own
    trafilatura run gives none, and ``evaluate`` gives none either: pages are read as files.
    """
    import trafilatura

    from storyline.ingest.decode import decode
    from storyline.ingest.html import PROGRAMMING_ERRORS
    from storyline.ingest.inputs import IngestOptions, read_bytes
    from storyline.ingest.prepare import prepare_document

    result = Extraction()
    try:
        html = decode(data, source)
    except IngestError as error:
        result.problem = error.problem
        return result
    try:
        result.benchmark_trafilatura = trafilatura.extract(html, include_comments=False) or ""
    except PROGRAMMING_ERRORS:
        raise
    except Exception as error:  # trafilatura raises assorted parser errors on broken markup
        result.problem = f"trafilatura failed ({type(error).__name__})"
    try:
        records = list(read_bytes(data, source, "html", None, IngestOptions(), url=url))
        record = next(r for r in records if isinstance(r, RawRecord))
        result.raw = record.text
        document: Document = prepare_document(record, TODAY)
        result.clean, result.removed = document.text, document.removed
    except IngestError as error:
        result.problem = error.problem
    except StopIteration:
        result.problem = "no record produced"
    return result


# --- the cleaner audit -------------------------------------------------------------------------


@dataclass
class RuleAudit:
    removals: int = 0
    pages: set[str] = field(default_factory=set)
    tokens_junk: int = 0  # removed tokens that are not in the gold body: the rule helped
    tokens_body: int = 0  # removed tokens of the gold body the clean text lacks: the rule hurt
    domains_hurt: Counter[str] = field(default_factory=Counter)


def audit_removals(
    items: Iterable[tuple[GoldArticle, Extraction]],
) -> tuple[dict[str, RuleAudit], list[tuple[int, str, str, str]]]:
    """Per cleaner rule: how much junk and how much gold body text it removed.

    A removal hurt when its shingles are gold shingles that the clean text lacks (so removing
    the second copy of a paragraph the gold body has once is counted as junk removed). Also
    returns the removals of gold text, largest first, as (tokens, rule, domain, text).
    """
    rules: dict[str, RuleAudit] = defaultdict(RuleAudit)
    harmful: list[tuple[int, str, str, str]] = []
    for article, extraction in items:
        missing = shingles(article.body) - shingles(extraction.clean)
        domain = urlsplit(article.url).netloc if article.url else "?"
        for removal in extraction.removed:
            name = f"{removal.kind}:{removal.rule}"
            tokens = len(tokenize(removal.text))
            own = shingles(removal.text)
            matched = own & missing
            audit = rules[name]
            audit.removals += 1
            audit.pages.add(article.id)
            total = sum(own.values())
            if total and sum(matched.values()) / total >= GOLD_OVERLAP:
                missing -= matched
                audit.tokens_body += tokens
                audit.domains_hurt[domain] += 1
                harmful.append((tokens, name, domain, removal.text))
            else:
                audit.tokens_junk += tokens
    harmful.sort(key=lambda item: (-item[0], item[1], item[2]))
    return dict(rules), harmful


def normalisation_changes(raw: str, gold: str) -> tuple[int, int, int]:
    """Lines the cleaner rewrites in place (``normalise_line``), which leave no ``Removal``.

    Returns (lines whose word tokens change, tokens of those lines that are not gold text,
    tokens of those lines that the gold body has verbatim).
    """
    from storyline.text.lines import normalise_line, split_lines

    gold_tokens = " ".join(tokenize(gold))
    changed = junk = body = 0
    for line in split_lines(raw):
        before = tokenize(line.text)
        if before != tokenize(normalise_line(line.text)):
            changed += 1
            if " ".join(before) in gold_tokens:
                body += len(before)
            else:
                junk += len(before)
    return changed, junk, body


# --- the task -----------------------------------------------------------------------------------


def evaluate(path: Path, limit: int | None = None, part: str = "all") -> EvalReport:
    """Score three extractions against the gold article bodies (see module docstring);
    ``part`` keeps the pages of one part of the split (by page id), ``limit`` the first N."""
    check_part(part)
    folder = path if path.is_dir() else path.parent
    articles, notes = read_ground_truth(path)
    if part != "all":
        parts = split_keys(a.id for a in articles)
        notes.append(
            f"part {part}: {len(parts[part])} of {len(articles)} pages "  # type: ignore[index]
            "(salted SHA-256 of the page id)"
        )
        articles = [a for a in articles if in_part(a.id, part)]
    articles = sorted(articles, key=lambda a: a.id)[:limit] if limit else articles
    scored: list[tuple[GoldArticle, Extraction]] = []
    missing = 0
    for article in articles:
        file = page_file(folder, article.id)
        if file is None:
            missing += 1
            extraction = Extraction(problem="page file missing")
        else:
            try:
                data = read_page_bytes(file)
            except (OSError, EOFError) as error:
                extraction = Extraction(problem=f"unreadable page ({error})")
            else:
                extraction = extract_page(data, str(file))  # read as files, no URL
        scored.append((article, extraction))

    systems = {
        "trafilatura (benchmark settings)": [
            match_counts(a.body, e.benchmark_trafilatura) for a, e in scored
        ],
        "trafilatura (storyline settings, before cleaner)": [
            match_counts(a.body, e.raw) for a, e in scored
        ],
        "storyline (ingest + prepare: Document.text)": [
            match_counts(a.body, e.clean) for a, e in scored
        ],
    }
    rows: list[list[Any]] = []
    headline: dict[str, float] = {}
    for name, pages in systems.items():
        p, r, f1 = aggregate(pages)
        cp, cr, cf = bootstrap_interval(pages)
        rows.append([name, round(p, 3), round(cp, 3), round(r, 3), round(cr, 3), round(f1, 3),
                     round(cf, 3)])  # fmt: skip
    keys = ("benchmark_trafilatura", "trafilatura", "storyline")
    for key, row in zip(keys, rows, strict=True):
        headline[f"{key}_precision"], headline[f"{key}_recall"], headline[f"{key}_f1"] = (
            row[1],
            row[3],
            row[5],
        )
    tables = [
        EvalTable(
            title=f"Article body, {SHINGLE_N}-token shingles (published anchor: trafilatura "
            f"F1 {PUBLISHED_F1})",
            columns=["extraction", "precision", "±", "recall", "±", "F1", "±"],
            rows=rows,
        ),
        _cleaner_table(scored),
        _worst_pages_table(scored, systems),
        _harmful_removals_table(scored),
    ]
    problems = Counter(e.problem for _, e in scored if e.problem)
    notes += [f"{count} page(s): {problem}" for problem, count in problems.most_common()]
    if missing:
        notes.append(f"{missing} gold article(s) had no page file; scored as empty extractions")
    notes.append(
        "± is the half-width of a 95% bootstrap interval over pages "
        f"({BOOTSTRAP_SAMPLES} resamples, seed {BOOTSTRAP_SEED})"
    )
    return EvalReport(
        task="body",
        corpus=str(path),
        documents=len(scored),
        tables=tables,
        headline=headline,
        notes=notes,
    )


def _cleaner_table(scored: list[tuple[GoldArticle, Extraction]]) -> EvalTable:
    rules, _ = audit_removals(scored)
    rows: list[list[Any]] = []
    for name, audit in sorted(rules.items(), key=lambda kv: (-kv[1].tokens_body, kv[0])):
        domains = ", ".join(f"{d} ({n})" for d, n in audit.domains_hurt.most_common(3))
        rows.append([name, audit.removals, len(audit.pages), audit.tokens_junk, audit.tokens_body,
                     domains])  # fmt: skip
    rewrites = [0, 0, 0, 0]  # lines, pages, junk tokens, body tokens
    for article, extraction in scored:
        changed, junk, body = normalisation_changes(extraction.raw, article.body)
        rewrites = [rewrites[0] + changed, rewrites[1] + (changed > 0), rewrites[2] + junk,
                    rewrites[3] + body]  # fmt: skip
    rows.append(["rewrite:normalise_line (lines changed in place)", *rewrites, ""])
    return EvalTable(
        title="Cleaner audit: what each rule removed (body = tokens that are in the gold body)",
        columns=["kind:rule", "removals", "pages", "junk tokens", "body tokens", "hurt on"],
        rows=rows,
    )


def _worst_pages_table(
    scored: list[tuple[GoldArticle, Extraction]], systems: dict[str, list[Counts]]
) -> EvalTable:
    before, after = list(systems.values())[1:3]
    deltas: list[list[Any]] = []
    for (article, extraction), b, a in zip(scored, before, after, strict=True):
        delta = page_f1(a) - page_f1(b)
        if delta < 0:
            rules = Counter(f"{r.kind}:{r.rule}" for r in extraction.removed)
            fired = ", ".join(f"{rule} ×{n}" for rule, n in rules.most_common(4))
            domain = urlsplit(article.url).netloc if article.url else "?"
            deltas.append([article.id[:12], domain, round(page_f1(b), 3), round(page_f1(a), 3),
                           round(delta, 3), fired])  # fmt: skip
    deltas.sort(key=lambda row: row[4])
    return EvalTable(
        title="Pages where the cleaner lowered F1 (trafilatura before → storyline after)",
        columns=["page", "site", "F1 before", "F1 after", "Δ", "removals (kind:rule)"],
        rows=deltas[:WORST_PAGES],
    )


def _harmful_removals_table(scored: list[tuple[GoldArticle, Extraction]]) -> EvalTable:
    _, harmful = audit_removals(scored)
    rows: list[list[Any]] = [
        [name, domain, tokens, text if len(text) <= 90 else text[:87] + "…"]
        for tokens, name, domain, text in harmful[:WORST_REMOVALS]
    ]
    return EvalTable(
        title="Largest removals of gold body text",
        columns=["kind:rule", "site", "tokens", "removed text"],
        rows=rows,
    )
