"""Score a hand-written question set for ``ask`` against a built store, with every failure and
the confidence of each answer (what ``[answer] min_confidence`` in data/ask.toml is calibrated
on). Scoring rules: eval/briefing/FORMAT.md, ``questions`` (see ``tests/ask_questions.py``).

    storyline eval briefing ../shared/eval/briefing/india-world --part tuning --out /tmp/iw
    PYTHONPATH=src python scripts/score_ask_questions.py \
        tests/data/ask_tuning_questions.json --db /tmp/iw/storyline.db [--all]

``--all`` prints every question, not only the wrong ones; ``--json`` writes one record per
question (right, confidence, found) for calibration plots.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.ask_questions import load_questions, score  # noqa: E402

from storyline.ask.answer import AskIndex, answer_question  # noqa: E402
from storyline.store import Store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", type=Path)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--all", action="store_true", help="print every question")
    parser.add_argument("--json", type=Path, help="write per-question records here")
    args = parser.parse_args()
    items = load_questions(args.questions)
    with Store(args.db) as store:
        ids = {d.id: Path(d.source.split("#", 1)[0]).stem or d.id for d in store.documents()}
        index = AskIndex.from_store(store)
        report = score(
            items,
            lambda q: answer_question(store, q, index=index),
            lambda doc_id: ids.get(doc_id, doc_id),
        )
    for judged in report.judged:
        if args.all or not judged.right:
            mark = "ok " if judged.right else "XX "
            print(mark + judged.line())
    print(report.summary())
    if args.json:
        records = [
            {
                "question": j.item.gold.question,
                "type": j.item.type,
                "kind": j.item.gold.kind,
                "found": j.answer.found,
                "confidence": j.answer.confidence,
                "answer_right": j.answer_right,
                "cite_right": j.cite_right,
            }
            for j in report.judged
        ]
        args.json.write_text(json.dumps(records, indent=1), "utf-8")


if __name__ == "__main__":
    main()
