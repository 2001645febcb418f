"""Hand review of coded events on unseen-style news: write a pile, then list what it coded.

Why: the PLOVER gold file is what the event lexicon was fitted on, so its scores say little about
wire text nobody here has seen. This script turns real news texts of one part of the split
(ECB+ topics: violence, crime, disasters; MEANTIME articles: business) into a pile of ``.txt``
files, and after ``storyline build`` lists every coded event with its evidence sentence as a TSV
to judge by hand (``benchmarks/event_review_*.tsv`` keep the judgements, so the precision quoted
in results.md can be recounted). The sample is fixed by the part and ``--per-half`` alone, so a
rerun draws the same documents.

    python benchmarks/event_review.py pile tuning /tmp/pile      # write the texts
    storyline build /tmp/pile --out /tmp/out
    python benchmarks/event_review.py events /tmp/out > review.tsv
    python benchmarks/event_review.py score benchmarks/event_review_tuning.tsv
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from storyline.evaluation import ecbplus, meantime
from storyline.evaluation.splits import in_part
from storyline.models import Event
from storyline.store import Store

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def write_pile(part: str, out: Path, per_half: int, meantime_docs: int) -> int:
    """The first ``per_half`` files of every ECB+ topic half and ``meantime_docs`` MEANTIME
    articles of ``part``, as text files (title line first, as a saved article would be)."""
    out.mkdir(parents=True, exist_ok=True)
    taken: Counter[tuple[str, str]] = Counter()
    written = 0
    for doc in ecbplus.read_corpus(SHARED / "ecbplus"):
        if not in_part(doc.topic, part) or taken[(doc.topic, doc.half)] >= per_half:
            continue
        taken[(doc.topic, doc.half)] += 1
        (out / f"{doc.name}.txt").write_text(doc.text + "\n", encoding="utf-8")
        written += 1
    documents, _ = meantime.read_corpus(SHARED / "meantime")
    chosen = [d for d in documents if in_part(d.doc_id, part)][:meantime_docs]
    for doc in chosen:
        title = doc.name.split("_", 1)[-1].replace("_", " ")
        body = doc.text if doc.text.startswith(title[:20]) else f"{title}\n{doc.text}"
        (out / f"meantime_{doc.doc_id}.txt").write_text(body + "\n", encoding="utf-8")
        written += 1
    return written


def _names(actors: list[dict]) -> str:
    return "; ".join(str(a.get("name") or a.get("text") or "") for a in actors or [])


def list_events(out: Path) -> list[list[str]]:
    """One row per coded event mention: document, type (mode), trigger, source, target,
    factuality, evidence sentence. Read from the build's store: briefing.json keeps example
    mentions of each event, the store every one."""
    with Store(out / "storyline.db") as store:
        events = [e.model_dump(mode="json") for e in store.iter_corpus("event", Event)]
    rows = []
    for event in events:
        for mention in event.get("mentions", []):
            provenance = mention.get("provenance") or {}
            kind = f"{mention.get('type', '')}/{mention.get('mode') or '-'}"
            rows.append(
                [
                    str(provenance.get("doc_id", "")),
                    kind,
                    str(mention.get("trigger") or ""),
                    _names(mention.get("source")),
                    _names(mention.get("target")),
                    str(mention.get("factuality") or ""),
                    " ".join(str(provenance.get("sentence", "")).split()),
                ]
            )
    rows.sort(key=lambda row: (row[0], row[6]))
    return rows


def score(tsv: Path) -> str:
    """Precision of the judged rows ('ok' in the judgement column) and the error classes."""
    judged = Counter()
    classes: Counter[str] = Counter()
    for line in tsv.read_text(encoding="utf-8").splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) < 9 or not cells[7]:
            continue
        judged[cells[7]] += 1
        if cells[7] != "ok":
            classes[cells[8] or "?"] += 1
    total = sum(judged.values())
    lines = [f"{judged['ok']}/{total} correct ({judged['ok'] / max(total, 1):.3f})"]
    lines += [f"  {name}: {count}" for name, count in classes.most_common()]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    pile = sub.add_parser("pile")
    pile.add_argument("part", choices=["tuning", "check"])
    pile.add_argument("out", type=Path)
    pile.add_argument("--per-half", type=int, default=3)
    pile.add_argument("--meantime", type=int, default=12)
    events = sub.add_parser("events")
    events.add_argument("out", type=Path)
    scored = sub.add_parser("score")
    scored.add_argument("tsv", type=Path)
    args = parser.parse_args()
    if args.command == "pile":
        print(write_pile(args.part, args.out, args.per_half, args.meantime), "files")
    elif args.command == "events":
        writer = sys.stdout
        writer.write(
            "document\ttype\ttrigger\tsource\ttarget\tfactuality\tsentence\tjudgement\terror_class\n"
        )
        for row in list_events(args.out):
            writer.write("\t".join(row) + "\t\t\n")
    else:
        print(score(args.tsv))


if __name__ == "__main__":
    main()
