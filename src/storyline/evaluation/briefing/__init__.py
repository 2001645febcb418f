"""``storyline eval briefing SET``: score a whole briefing against hand-made gold.

SET is a directory with ``articles/`` (the pile) and ``gold.json`` in the format of
``eval/briefing/FORMAT.md`` (the contract this package implements, rule by rule). The whole pile
is built with storyline's public API into a temporary directory (or ``out``), every gold question
is asked, and each area is scored: dates, clean, events, planned, stories, duplicates, figures,
entities, junk, quality, summary, ask. The report holds one table with a row per measure
(area, measure, value, count ``num/den``, note) and a "failures" table (area, item, expected,
got), plus a headline of the key numbers.

``part`` restricts the *scoring* to the tuning or check part of the set's honest split
(``storyline.evaluation.splits``: by a salted SHA-256 of the gold story id; see ``system.Scope``
for how items without a story are assigned). ``limit`` builds and scores only the first N
documents (by id), for quick runs.

The build uses ``BuildOptions()``, whose clock is today's date. The clock only bounds which
dates are plausible (nothing after today), so dated articles score the same whatever the day.
"""

from __future__ import annotations

from pathlib import Path

from storyline.evaluation import EvalReport
from storyline.evaluation.briefing.answers import score_ask, score_summary
from storyline.evaluation.briefing.documents import score_documents
from storyline.evaluation.briefing.entities import score_entities
from storyline.evaluation.briefing.events import score_events
from storyline.evaluation.briefing.figures import score_figures
from storyline.evaluation.briefing.gold import Gold, load_gold
from storyline.evaluation.briefing.matching import Anchors, Matcher, Naming, system_events
from storyline.evaluation.briefing.planned import score_planned
from storyline.evaluation.briefing.scorecard import Scorecard
from storyline.evaluation.briefing.system import Scope, System, article_files, run_storyline
from storyline.evaluation.splits import check_part, split_keys


def evaluate(
    path: Path, limit: int | None = None, part: str = "all", out: Path | None = None
) -> EvalReport:
    """Build the set's pile, ask its questions and score everything against its gold."""
    path = Path(path)
    check_part(part)
    gold = load_gold(path)
    articles = path / "articles"
    if not articles.is_dir():
        raise ValueError(f"{path}: no articles/ directory")
    files = article_files(articles, sorted(gold.documents)[:limit]) if limit is not None else None
    system = run_storyline(articles, [q.question for q in gold.questions], out, files)
    return score(gold, system, part=part, limit=limit, corpus=str(path))


def score(
    gold: Gold, system: System, part: str = "all", limit: int | None = None, corpus: str = ""
) -> EvalReport:
    """Score an already built ``system`` against ``gold`` (what ``evaluate`` does after the
    build; tests call it on hand-made briefings)."""
    scope = Scope.of(gold, check_part(part), limit)
    anchors = Anchors(gold.anchors)
    naming = Naming(gold.entities)
    matcher = Matcher(gold.events, naming)
    events = system_events(system, anchors)
    card = Scorecard()
    score_documents(card, gold, scope, system)
    score_events(card, gold, scope, events, matcher)
    score_planned(card, gold, scope, events, matcher)
    score_figures(card, gold, scope, system)
    score_entities(card, gold, scope, system)
    score_summary(card, gold, scope, system, anchors)
    score_ask(card, gold, scope, system)
    notes = [scope.label()]
    split = split_keys(s for s in gold.stories)
    notes.append(
        f"split (salted SHA-256 of the story id): tuning {', '.join(split['tuning']) or '-'}; "
        f"check {', '.join(split['check']) or '-'}"
    )
    built = set(system.documents)
    if missing := sorted(set(gold.documents) - built):
        notes.append(f"{len(missing)} gold document(s) not in the build: {', '.join(missing[:8])}")
    notes += [f"the build: {problem}" for problem in system.build_problems]
    if extra := sorted(built - set(gold.documents)):
        notes.append(f"{len(extra)} built document(s) not in the gold: {', '.join(extra[:8])}")
    notes += gold.problems()
    if system.out_dir:
        notes.append(f"build kept in {system.out_dir}")
    return EvalReport(
        task="briefing",
        corpus=corpus,
        documents=len(scope.documents),
        tables=card.tables(f"briefing scores ({gold.name or 'gold'}; part: {part})"),
        headline=card.headline(),
        notes=notes,
    )


__all__ = ["evaluate", "score"]
