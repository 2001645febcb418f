"""Story clustering time vs corpus size, on synthetic-but-realistic news made from the eval corpora.

    python benchmarks/bench_clusters.py [--sizes 1000,10000,50000] [--eval ../shared/eval]

Each synthetic story takes a real article (ECB+ and TimeBank texts), gives it new participants
(its capitalised words swapped for names drawn from other articles: the same kind of event
happening to someone else), a date (2010–2024), and 1–8 reports: the base text with its
sentences after the lead shuffled, some sentences dropped, words substituted, publication
dates shifted by 0–2 days, a share of them undated, and some near-verbatim copies. Analyses are
cheap stand-ins (one sentence per line): the benchmark measures clustering, not spaCy.

Prints one row per size (seconds per stage, candidate pairs, stories, peak RSS) and the
exponent of a log-log fit of time against n; ``run(sizes)`` returns the rows for
``storyline bench``.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from storyline.evaluation.ecbplus import read_corpus
from storyline.models import Document, DocumentAnalysis, Sentence
from storyline.stories import (
    average_link,
    candidate_pairs,
    document_features,
    load_config,
    make_stories,
    pair_scores,
)

DEFAULT_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
DEFAULT_SIZES = (1000, 10000, 50000)
SEED = 20240320
_TAG = re.compile(r"<[^>]+>")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")
_NAME = re.compile(r"\b[A-Z][a-z]{2,}\b")
UNDATED_SHARE = 0.3
NEAR_COPY_SHARE = 0.15
SUBSTITUTION_RATE = 0.05
DROP_RATE = 0.1
LEAD_LINES = 3


def base_texts(eval_dir: Path) -> list[str]:
    """Article texts of the eval corpora: ECB+ (tokenised XML) and TimeBank/AQUAINT (TimeML)."""
    texts = (
        [d.text for d in read_corpus(eval_dir / "ecbplus")]
        if (eval_dir / "ecbplus").is_dir()
        else []
    )
    for path in sorted((eval_dir / "timeml").rglob("*.tml")):
        raw = path.read_text("utf-8", errors="replace")
        body = raw.split("<TEXT>", 1)[-1].split("</TEXT>", 1)[0]
        text = " ".join(_TAG.sub("", body).split())
        texts.append("\n".join(_SENTENCE.split(text)))
    texts = [t for t in texts if len(t.split()) >= 40]
    if not texts:
        raise SystemExit(f"no eval texts found under {eval_dir}")
    return texts


def synthetic_corpus(
    n: int, texts: list[str], seed: int = SEED
) -> tuple[list[Document], list[DocumentAnalysis]]:
    """``n`` documents in stories of 1–8 reports each (see module docstring)."""
    rng = random.Random(seed)
    names = sorted({m for t in texts for m in _NAME.findall(t)})
    vocabulary = sorted({w for t in texts[:200] for w in re.findall(r"[a-z]{4,}", t)})
    docs: list[Document] = []
    story = 0
    while len(docs) < n:
        base = texts[rng.randrange(len(texts))]
        cast = {name: rng.choice(names) for name in sorted(set(_NAME.findall(base)))}
        text = _NAME.sub(lambda m, cast=cast: cast.get(m.group(), m.group()), base)
        day = date(2010, 1, 1) + timedelta(days=rng.randrange(15 * 365))
        for copy in range(min(1 + int(rng.expovariate(0.45)), 8, n - len(docs))):
            edited = _edit(text, rng, vocabulary, near=rng.random() < NEAR_COPY_SHARE)
            published = None
            if rng.random() >= UNDATED_SHARE:
                published = (day + timedelta(days=rng.randrange(3))).isoformat()
            docs.append(_document(f"s{story:06d}-{copy}", edited, published))
        story += 1
    return docs, [_analysis(d) for d in docs]


def _edit(text: str, rng: random.Random, vocabulary: list[str], near: bool) -> str:
    sentences = text.split("\n")
    if near:  # a near-verbatim copy: one word changed
        words = sentences[-1].split()
        words[rng.randrange(len(words))] = rng.choice(vocabulary)
        return "\n".join([*sentences[:-1], " ".join(words)])
    lead, rest = sentences[:2], sentences[2:]
    rng.shuffle(rest)
    rest = [s for s in rest if rng.random() >= DROP_RATE]
    out = []
    for sentence in lead + rest:
        words = sentence.split()
        for i in range(len(words)):
            if rng.random() < SUBSTITUTION_RATE:
                words[i] = rng.choice(vocabulary)
        out.append(" ".join(words))
    return "\n".join(out)


def _document(doc_id: str, text: str, published: str | None) -> Document:
    return Document(
        id=doc_id,
        source=f"synthetic/{doc_id}",
        source_kind="txt",
        published=published,
        raw_text=text,
        text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest()[:32],
    )


def _analysis(doc: Document) -> DocumentAnalysis:
    """One sentence per line, the lead only (all the clustering reads of sentences)."""
    sentences, start = [], 0
    for index, line in enumerate(doc.text.split("\n")[:LEAD_LINES]):
        sentences.append(
            Sentence(doc_id=doc.id, index=index, start=start, end=start + len(line), text=line)
        )
        start += len(line) + 1
    return DocumentAnalysis(doc_id=doc.id, version="bench", sentences=sentences)


def time_clustering(docs: list[Document], analyses: list[DocumentAnalysis]) -> dict[str, float]:
    """The stages of ``stories.cluster_stories``, timed one by one."""
    config = load_config()
    by_id = {a.doc_id: a for a in analyses}
    ordered = sorted(docs, key=lambda d: d.id)
    times: dict[str, float] = {}
    began = time.perf_counter()
    features = document_features(ordered, by_id, [], config)
    times["features_s"] = time.perf_counter() - began
    mark = time.perf_counter()
    candidates = candidate_pairs(features, config)
    times["candidates_s"] = time.perf_counter() - mark
    mark = time.perf_counter()
    scores = pair_scores(features, candidates, config)
    times["scores_s"] = time.perf_counter() - mark
    mark = time.perf_counter()
    groups = average_link(
        len(ordered), candidates.left, candidates.right, scores, config["similarity"]["threshold"]
    )
    times["link_s"] = time.perf_counter() - mark
    mark = time.perf_counter()
    stories = make_stories(groups, ordered, features, by_id, [], [], config)
    times["stories_s"] = time.perf_counter() - mark
    times["total_s"] = time.perf_counter() - began
    times["pairs"] = float(len(candidates.left))
    times["compared"] = float(candidates.compared)
    times["stories"] = float(len(stories))
    return times


def run(sizes: tuple[int, ...] = DEFAULT_SIZES, eval_dir: Path = DEFAULT_EVAL) -> list[dict]:
    """One row per size: n, stage seconds, candidate pairs, stories, peak RSS (MiB)."""
    texts = base_texts(eval_dir)
    rows = []
    for n in sizes:
        docs, analyses = synthetic_corpus(n, texts)
        row: dict = {"n": n, **time_clustering(docs, analyses)}
        row["true_stories"] = len({d.id.split("-")[0] for d in docs})
        row["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append(row)
        del docs, analyses
    return rows


def exponent(rows: list[dict], key: str = "total_s") -> float | None:
    """Slope of log(time) against log(n): 1 is linear, 2 quadratic."""
    if len(rows) < 2:
        return None
    ns = np.log([r["n"] for r in rows])
    ts = np.log([max(r[key], 1e-6) for r in rows])
    return float(np.polyfit(ns, ts, 1)[0])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    args = parser.parse_args(argv)
    sizes = tuple(int(s) for s in args.sizes.split(",") if s.strip())
    rows = run(sizes, args.eval)
    columns = [
        "n",
        "features_s",
        "candidates_s",
        "scores_s",
        "link_s",
        "stories_s",
        "total_s",
        "compared",
        "pairs",
        "stories",
        "true_stories",
        "peak_rss_mib",
    ]
    print(" | ".join(columns))
    for row in rows:
        print(" | ".join(_fmt(row[c]) for c in columns))
    slope = exponent(rows)
    if slope is not None:
        print(f"fitted exponent of total time vs n (log-log): {slope:.2f}")
        print(f"fitted exponent of candidate pairs vs n: {exponent(rows, 'pairs'):.2f}")
    return 0


def _fmt(value: float | int) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.2f}"
    return str(int(value))


if __name__ == "__main__":
    sys.exit(main())
