"""Regression alarms: every eval task runs on a fixed slice of its development set, and its key
scores must stay at or above a floor a little under the score measured when the floor was set.

A floor is a minimum, not a target: a change that improves a score leaves its floor valid, and
a floor is raised by hand when a layer is improved for good. A change that takes a score under
its floor fails here with the score it got; lower a floor only for a reason written beside it
(a scorer made stricter, a rule fitted to the development set removed).

The slices are small so the whole module adds well under two minutes to the suite (the
briefing build is shared with tests/test_eval_briefing.py), and they are taken from the tuning
part of a task's honest split where the task has one, so that a failing floor never shows
check-part numbers to the person tuning. Tasks without parts on this branch (events, clusters,
body) use a fixed slice by ``limit`` or by a topic folder. The briefing floors are on the whole
india-world pile: its measures count a few items per part, too few for a floor per part.

Measured 2026-12-02 (spaCy 3.8, en_core_web_sm 3.8); each floor's comment gives the score it
was set under.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluation import EvalReport, evaluate
from storyline.evaluation.briefing import score

#: (task, path under ../shared/eval, limit, part, {headline key: floor}); beside each floor, the
#: score it was set under.
SLICES: list[tuple[str, str, int | None, str, dict[str, float]]] = [
    # TempEval-3 TBAQ, the first 20 documents of the tuning part: value F1 0.784, strict 0.847
    ("timex", "timeml", 20, "tuning", {"value_f1": 0.75, "strict_f1": 0.81}),
    # MEANTIME, the first 12 documents of the tuning part: typed F1 0.763, B-cubed F1 0.872
    ("entities", "meantime", 12, "tuning", {"typed_f1_head": 0.73, "bcubed_f1": 0.84}),
    # htmldate MediaCloud 2020, the first 30 pages of the tuning part: accuracy 28/30
    ("dates", "dates", 30, "tuning", {"storyline_accuracy": 0.89}),
    # ScrapingHub article bodies, the first 15 pages by id: shingle F1 0.932
    ("body", "articles", 15, "all", {"storyline_f1": 0.90}),
    # PLOVER gold records, the first 100: type accuracy 0.84, source match 0.76, target match
    # 0.653 (strict; 0.56 before the targets named inside the governed phrase, events.pointed)
    (
        "events",
        "plover",
        100,
        "all",
        {"type_accuracy": 0.8, "source_match": 0.72, "target_match": 0.62},
    ),
    # MEANTIME event triggers, the first 10 documents: trigger F1 0.815
    ("events", "meantime", 10, "all", {"triggers_f1": 0.78}),
    # ECB+ topic 3 built as a pile of its own (20 documents, two real events): event B3 0.819
    ("clusters", "ecbplus/3", None, "all", {"event_bcubed_f1": 0.78}),
    # ECB+ topic 3 built as a pile of its own, event coreference of the merged events over the
    # aligned action mentions: CoNLL F1 0.604 (lemma baseline 0.853, singletons 0.463), gold
    # mentions aligned 0.128 (0.147 before ANALYSIS_VERSION 35: "serve a sentence", "consider
    # X Y" and "argued that" are ECB+ actions but no PLOVER event). A floor on a slice: the
    # whole tuning part takes minutes to build. Coverage 0.123 -> 0.117 at ANALYSIS_VERSION 56
    # (agents13): two wrong codings whose only actor was a thing are gone, "the crimes ... that
    # stunned metro Atlanta" (DISAPPROVE by "crimes", 3_4ecb) and "several prisons ... stopped
    # searching visitors" (INVESTIGATE by "prisons" of Comeaux, 3_11ecbplus); ECB+ marks both
    # verbs as actions, so they had counted as covered.
    ("coref", "ecbplus/3", None, "tuning", {"conll_f1": 0.58, "gold_coverage": 0.11}),
]


def _check(report: EvalReport, floors: dict[str, float], label: str) -> None:
    below = {
        key: (report.headline.get(key), floor)
        for key, floor in floors.items()
        if report.headline.get(key) is None or report.headline[key] < floor
    }
    assert not below, f"{label}: under the floor (got, floor): {below}; all: {report.headline}"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("task", "where", "limit", "part", "floors"),
    SLICES,
    ids=[f"{task}-{where}" for task, where, *_ in SLICES],
)
def test_task_stays_above_its_floor(
    eval_dir: Path,
    task: str,
    where: str,
    limit: int | None,
    part: str,
    floors: dict[str, float],
) -> None:
    report = evaluate(task, eval_dir / where, limit=limit, part=part)
    assert report.documents > 0
    _check(report, floors, f"{task} on {where} ({part}, limit {limit})")


#: Briefing floors on the whole india-world pile (built whole: stories, duplicates and events
#: are cross-document), on the headline measures where higher is better; each about one item
#: under the count it was set at (beside it).
BRIEFING_FLOORS: dict[str, float] = {
    # raised 2026-12-02 (evening) to about one item under the counts beside them; history of
    # the earlier floors is in git (issue 15's trip merging, which lowered two of them, is off)
    "dates.published": 0.95,  # 24/24
    "dates.timexes": 0.98,  # 91/91 (2026-12-03: present-tense weekdays look ahead)
    "events.recall_core_lenient": 0.88,  # 9/9
    # 20/34 → 19/34 (issue 15, occasions): Lavrov's audience with Modi is now part of his visit,
    # one event as the gold family says, so it no longer counts for its own secondary event
    "events.recall_core_secondary_lenient": 0.55,  # 19/34
    "events.recall_core_secondary": 0.55,  # 19/34
    "events.precision": 0.8,  # 29/35
    "events.merged_core": 0.44,  # 5/9
    "events.mention_dates": 0.94,  # 102/105
    "events.core_coverage": 0.86,  # 21/23 (2026-12-03: surnames, acronyms, third-location meetings)
    "stories.bcubed_f1": 0.9,  # 0.947
    "duplicates.pairs": 0.5,  # 2/2
    "figures.extracted": 0.97,  # 49/49
    "figures.conflicting": 0.5,  # 2/2
    "figures.corroborated": 0.92,  # 13/13
    "figures.single_source": 0.9,  # 10/10
    "entities.canonical": 0.95,  # 23/23
    "entities.found": 0.98,  # 113/114
    "entities.variants": 0.9,  # 60/65 (2026-12-03: new; issue 15 asks ≥ 0.95)
    "entities.types": 0.94,  # 106/111
    "planned.right": 0.95,  # 26/26
    "summary.dates": 0.96,  # 30/30 (2026-12-03: the event told first dates a sentence)
    "ask.answers": 0.94,  # 20/20
    "ask.citations": 0.94,  # 20/20
    "ask.both": 0.94,  # 20/20
}


@pytest.mark.slow
def test_briefing_stays_above_its_floors(india_world) -> None:
    gold, system = india_world
    _check(score(gold, system), BRIEFING_FLOORS, "briefing on india-world (all)")
