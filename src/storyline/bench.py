"""``storyline bench``: end-to-end throughput and memory against bare spaCy, in the same run.

The corpus is made from the public eval data (TimeBank/AQUAINT, MEANTIME, ECB+ and the
ScrapingHub article bodies: ~830 real news texts) with seeded edits — sentence drops and
shuffles, word swaps, shifted dates, a share of near-copies and of undated texts — so sizes of
1k, 10k or 100k documents look like real feeds, duplicates included. Each size runs in a fresh
subprocess so peak memory (ru_maxrss) belongs to that size alone. The ratio compares the whole
build with ``nlp.pipe`` over the same clean texts, same model as shipped (``measure``), same
process: spaCy is the floor of the cost, everything else should be small beside it (goal ≥ 0.8).
The same ratio in CPU seconds is reported too: on a shared machine it is steadier than wall
time.
"""

from __future__ import annotations

import json
import math
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

#: One measured (size, workers) row as ``measure`` returns it; ``run`` reads it back from the
#: subprocess's JSON, so its values are whatever JSON gave (numbers, None, the stage timings).
BenchRow = dict[str, Any]

SWAPS = (("said", "stated"), ("announced", "declared"), ("meeting", "talks"),
         ("government", "administration"), ("increase", "rise"), ("officials", "authorities"),
         ("company", "firm"), ("killed", "left dead"), ("Tuesday", "Wednesday"))  # fmt: skip
NEAR_COPY_SHARE = 0.1
UNDATED_SHARE = 0.3


def source_texts(eval_dir: Path) -> list[tuple[str, str, str | None]]:
    """(title, text, date) for every usable text of the eval corpora."""
    from storyline.evaluation import ecbplus, meantime, timeml

    texts: list[tuple[str, str, str | None]] = []
    for tml in timeml.read_corpus(eval_dir / "timeml"):
        texts.append((tml.doc_id, tml.text, tml.dct.isoformat() if tml.dct else None))
    documents, _problems = meantime.read_corpus(eval_dir / "meantime")
    for mt in documents:
        texts.append((mt.name, mt.text, (mt.creation_time or "")[:10] or None))
    for ecb in ecbplus.read_corpus(eval_dir / "ecbplus"):
        texts.append((ecb.name, ecb.text, None))
    truth = eval_dir / "articles" / "ground-truth.json"
    if truth.exists():
        for key, item in json.loads(truth.read_text(encoding="utf-8")).items():
            body = item.get("articleBody") or ""
            if len(body.split()) > 50:
                texts.append((key[:16], body, None))
    return [t for t in texts if t[1].strip()]


def make_corpus(size: int, eval_dir: Path, out: Path, seed: int = 13) -> Path:
    """Write ``size`` edited news records to ``out`` (JSONL) and return its path."""
    rng = random.Random(seed)
    sources = source_texts(eval_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    previous: list[str] = []
    with out.open("w", encoding="utf-8") as handle:
        for n in range(size):
            title, text, day = sources[rng.randrange(len(sources))]
            if previous and rng.random() < NEAR_COPY_SHARE:
                text = previous[rng.randrange(len(previous))]
            text = _edit(text, rng)
            previous = [*previous, text][-200:]
            published = None
            if rng.random() > UNDATED_SHARE:
                base = (
                    date.fromisoformat(day)
                    if day and re.match(r"\d{4}-\d\d-\d\d$", day)
                    else (date(2020, 1, 1))
                )
                published = (base + timedelta(days=rng.randrange(0, 3))).isoformat()
            record = {
                "id": f"bench-{n:06d}",
                "title": f"{title} ({n})",
                "text": text,
                "date": published,
            }
            handle.write(json.dumps(record) + "\n")
    return out


def _edit(text: str, rng: random.Random) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", text)
    if len(sentences) > 4:
        drop = rng.randrange(len(sentences))
        sentences = sentences[:drop] + sentences[drop + 1 :]
        i = rng.randrange(1, len(sentences) - 1)
        sentences[i], sentences[i + 1] = sentences[i + 1], sentences[i]
    text = " ".join(sentences)
    for old, new in rng.sample(SWAPS, 3):
        text = text.replace(old, new, 1)
    return text


def measure(corpus: Path, workers: int = 1) -> BenchRow:
    """One size, in this process: build, then bare nlp.pipe over the same texts. The bare run
    uses the pipeline as shipped (``load_model(stock=True)``), the spaCy a user would otherwise
    run; the build uses storyline's, whose token-attribute lookup is exactly equal and cheaper."""
    from storyline.nlp import load_model
    from storyline.pipeline.build import BuildOptions, build
    from storyline.store import Store

    with tempfile.TemporaryDirectory(prefix="storyline-bench-") as tmp:
        began, cpu_began = time.perf_counter(), _cpu_seconds()
        report = build([str(corpus)], tmp, options=BuildOptions(workers=workers))
        e2e, e2e_cpu = time.perf_counter() - began, _cpu_seconds() - cpu_began
        with Store(Path(tmp) / "storyline.db") as store:
            texts = [d.text for d in store.iter_documents()]
    nlp = load_model(stock=True)
    began, cpu_began = time.perf_counter(), _cpu_seconds()
    for _doc in nlp.pipe(texts, batch_size=64):
        pass
    bare, bare_cpu = time.perf_counter() - began, _cpu_seconds() - cpu_began
    words = sum(len(t.split()) for t in texts)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "documents": len(texts),
        "words": words,
        "workers": workers,
        "seconds": round(e2e, 2),
        "articles_per_s": round(len(texts) / e2e, 1),
        "words_per_s": round(words / e2e),
        "bare_nlp_seconds": round(bare, 2),
        "ratio_to_bare_spacy": round(bare / e2e, 3) if workers == 1 else None,
        "cpu_seconds": round(e2e_cpu, 2),
        "bare_nlp_cpu_seconds": round(bare_cpu, 2),
        "cpu_ratio_to_bare_spacy": round(bare_cpu / e2e_cpu, 3) if workers == 1 else None,
        "peak_mb": round(max(peak_kib, children_kib) / 1024),
        "stages": {k: round(v, 2) for k, v in sorted(report.timings.items())},
        "skipped": len(report.skipped),
        "duplicates": len(report.duplicates),
    }


def _cpu_seconds() -> float:
    """CPU seconds of this process and its finished children (worker processes): on a shared
    machine, wall time also counts other people's work, CPU time does not."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run(
    sizes: Sequence[int],
    eval_dir: Path,
    workers: Sequence[int] = (1,),
    work_dir: Path | None = None,
) -> list[BenchRow]:
    """Each (size, workers) in a fresh subprocess; rows as ``measure`` returns them."""
    work = work_dir or Path(tempfile.mkdtemp(prefix="storyline-bench-corpora-"))
    rows: list[BenchRow] = []
    for size in sizes:
        corpus = work / f"corpus-{size}.jsonl"
        if not corpus.exists():
            make_corpus(size, eval_dir, corpus)
        for count in workers:
            code = (
                "import json, sys; from pathlib import Path; from storyline.bench import "
                f"measure; print(json.dumps(measure(Path({str(corpus)!r}), {count})))"
            )
            done = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            )
            rows.append({"size": size, **json.loads(done.stdout.strip().splitlines()[-1])})
    return rows


def fitted_exponent(rows: Sequence[BenchRow], key: str) -> float | None:
    """Slope of log(time) against log(n): 1.0 is linear, ~1.1 is n log n at these sizes."""
    points = [
        (math.log(float(r["documents"])), math.log(float(t)))
        for r in rows
        if (t := _lookup(r, key)) and float(t) > 0
    ]
    if len(points) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    var = sum((x - mean_x) ** 2 for x, _ in points)
    return round(sum((x - mean_x) * (y - mean_y) for x, y in points) / var, 2) if var else None


def _lookup(row: BenchRow, key: str) -> Any:
    if key in row:
        return row[key]
    stages = row.get("stages")
    return stages.get(key) if isinstance(stages, dict) else None


def cross_document_seconds(row: BenchRow) -> float:
    stages = row.get("stages") or {}
    return sum(v for k, v in stages.items() if k.startswith("corpus:"))
