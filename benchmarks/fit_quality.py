"""Fit the source-quality weights on the tuning part (``storyline.quality.fit``).

Usage: ``python benchmarks/fit_quality.py [OUT_DIR]`` from the repository root, with
``../shared`` beside it. Builds one pile of the india-world set's *tuning* articles together
with the demo corpus (``samples/india-russia``), reads the quality signals from its store
(briefing.json keeps each document's score only) and fits the weights of ``data/quality.toml``
[effect.*] to three kinds of pairs:

* every dated tuning report ranks above the demo's template/FAQ page 004 (the tuning part has no
  SEO page of its own: the only one of the set, 210, is in the check part and is never read here);
* the demo order PRODUCT.md states: 001 and 002 (dates, quotes, readouts) above 000 and 003,
  and all four above 004;
* reasoned prototypes (no document behind them): a thinly sourced dated report, and a report
  whose date was missed but which says "on Monday", each rank above an undated FAQ page that has
  every positive signal at its full value; a report with a lot of site chrome ranks above a
  template page without any.

It prints the pairwise accuracy with the prior weights, with the weights of ``quality.toml`` and
with the fitted ones, and the fitted weights to copy into ``quality.toml`` (by hand).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from storyline import BuildOptions, Store, build
from storyline.evaluation.briefing.gold import load_gold
from storyline.evaluation.splits import in_part
from storyline.models import Quality
from storyline.quality.fit import fit_weights, pairwise_accuracy
from storyline.quality.rules import load_rules

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SET = SHARED / "eval" / "briefing" / "india-world"
DEMO = SHARED / "samples" / "india-russia"

FULL_POSITIVES = {
    "quotes": 4.0, "attributions": 6.0, "official_attributions": 3.0, "specific_dates": 6.0,
    "people_with_roles": 5.0, "figures": 8.0,
}  # fmt: skip
FAQ_PAGE = {**FULL_POSITIVES, "undated": 1.0, "template_points": 1.0, "faq_block": 1.0}
THIN_REPORT = {
    "attributions": 1.0, "specific_dates": 1.0, "figures": 1.0, "furniture_share": 0.3,
    "report_dating": 0.8, "news_deixis": 2.0,
}  # fmt: skip
MISSED_DATE_REPORT = {**THIN_REPORT, "undated": 0.2}
CHROME_REPORT = {**THIN_REPORT, "furniture_share": 0.45, "quotes": 1.0}
TEMPLATE_PAGE = {"template_points": 1.0, "filler_rate": 3.0, "undated": 1.0, "figures": 3.0}
PROTOTYPES = [
    (THIN_REPORT, FAQ_PAGE),
    (MISSED_DATE_REPORT, FAQ_PAGE),
    (CHROME_REPORT, TEMPLATE_PAGE),
]


def main(out: Path) -> None:
    gold = load_gold(SET)
    tuning = [d for d in sorted(gold.documents) if in_part(gold.story_of(d) or d, "tuning")]
    files = [p for p in (SET / "articles").iterdir() if p.stem in tuning]
    report = build([*map(str, files), str(DEMO)], out, options=BuildOptions())
    with Store(report.store_path) as store:  # the signals behind each score: the store's
        signals = {q.doc_id[:3]: q.signals for q in store.corpus("quality", Quality)}
    reports = [d[:3] for d in tuning if gold.documents[d].published]
    pairs = [(signals[r], signals["004"]) for r in reports]
    pairs += [(signals[a], signals[b]) for a in ("001", "002") for b in ("000", "003", "004")]
    pairs += [(signals[a], signals["004"]) for a in ("000", "003")]
    pairs += PROTOTYPES
    effects = load_rules().effects
    prior = {e.name: e.prior for e in effects}
    current = {e.name: e.weight for e in effects}
    fit = fit_weights(effects, pairs)
    print(f"pairs: {len(pairs)} ({len(reports)} tuning reports vs 004, 8 demo, "
          f"{len(PROTOTYPES)} prototypes)")  # fmt: skip
    print(f"accuracy with the prior weights:   {pairwise_accuracy(effects, prior, pairs):.3f}")
    print(f"accuracy with quality.toml weights: {pairwise_accuracy(effects, current, pairs):.3f}")
    print(f"accuracy with fitted weights:       {fit.accuracy:.3f} (loss {fit.loss:.3f})")
    for name, weight in fit.weights.items():
        mark = "" if abs(weight - prior[name]) < 0.005 else f"   (prior {prior[name]:+.2f})"
        stale = "" if abs(weight - current[name]) < 0.005 else "   <- differs from quality.toml"
        print(f"  {name:12s} {weight:+.2f}{mark}{stale}")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(Path(sys.argv[1]))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            main(Path(tmp))
