"""``storyline bench --big``: the cross-document stages on simulated piles of 10k to 1M documents.

Parsing a million articles to time the stages that follow would take days, so this bench runs
in *cached-analysis* mode: a few hundred bench documents (``bench.make_corpus``) are built once
for real, and their stored documents and analyses are the templates of the simulated pile.
Document ``i`` is template ``i mod T`` moved ``i div T`` weeks later — its publication date and
every calendar value of its analysis (timexes, event dates, figure periods) moved at its own
granularity, a year-only "2002" with the years the publication day crossed
(``bench_dates``), so the copies spread over time as a long-running story does — with a
fresh id, and with a share of its lower-case words
replaced by other words of the same length, so that its text is a different article to the
near-duplicate detector while every character offset of the analysis stays valid. Names keep
their spelling, so entities gather mentions across the pile as the actors of one story do.

Each size runs in a fresh subprocess (its peak memory is its own). The simulated pile is
written to a store of its own (in batches) and the stages read it as a build's do: the
documents held, the analyses streamed from the store layer by layer (``models/pile.py``). A
row has the time of each cross-document stage, the peak resident memory above the process that
loaded the templates, the memory the documents the stages hold take (``pile_mb``) and the
store's size on disk; the fitted exponent of time against size comes from the rows
(``bench.fitted_exponent``).
"""

from __future__ import annotations

import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path

from storyline.bench import BenchRow, make_corpus
from storyline.bench_dates import shift_analysis, shift_value
from storyline.models import Document, DocumentAnalysis
from storyline.models.compact import compact
from storyline.store import Store

TEMPLATES = 300  # documents built for real, the templates of every simulated pile
WORD_SWAP_SHARE = 0.35  # of lower-case words, enough to stay below the duplicate threshold
WRITE_BATCH = 256  # simulated documents written to the pile's store per transaction

_LOWER_WORD = re.compile(r"\b[a-z]{4,}\b")


def template_store(eval_dir: Path, work: Path) -> Path:
    """The store of the template documents, built once per ``work`` directory."""
    from storyline.pipeline.build import BuildOptions, build

    store = work / "templates" / "storyline.db"
    if not store.exists():
        corpus = make_corpus(TEMPLATES, eval_dir, work / f"templates-{TEMPLATES}.jsonl")
        build([str(corpus)], store.parent, options=BuildOptions(today=date(2026, 1, 1)))
    return store


def _reworded(text: str, rng: random.Random) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        if rng.random() >= WORD_SWAP_SHARE:
            return word
        return "".join(rng.choice(letters) for _ in word)

    return _LOWER_WORD.sub(swap, text)


def simulate(
    templates: Sequence[tuple[Document, DocumentAnalysis]], size: int, seed: int = 7
) -> Iterator[tuple[Document, DocumentAnalysis]]:
    """``size`` simulated (document, analysis) pairs from the templates (module docstring)."""
    rng = random.Random(seed)
    dumped = [(d, a.model_dump_json()) for d, a in templates]
    for i in range(size):
        template, analysis_json = dumped[i % len(dumped)]
        weeks = i // len(dumped)
        new_id = f"sim-{i:07d}"
        text = template.text if weeks == 0 else _reworded(template.text, rng)
        document = template.model_copy(
            update={
                "id": new_id,
                "source": f"simulated/{new_id}",
                "text": text,
                "raw_text": text,
                "removed": [],
                "content_hash": f"sim{i}",
                "published": shift_value(template.published, weeks) if template.published else None,
                "title": f"{template.title or 'Untitled'} ({i})",
            }
        )
        analysis = DocumentAnalysis.model_validate_json(analysis_json.replace(template.id, new_id))
        reference = date.fromisoformat(template.published[:10]) if template.published else None
        analysis = shift_analysis(analysis, weeks, reference)
        # compacted as the store's readers compact what a build's cross-document stages read
        yield compact(document), compact(analysis)


def _rss_mb() -> float:
    """Resident memory of this process now (Linux /proc), in MB."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def _peak_mb() -> float:
    """Peak resident memory of this process (VmHWM). Not ``ru_maxrss``: Linux carries that over
    from the parent through fork and exec, so a child of a big parent reports the parent's."""
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class PeakWatch:
    """Samples the resident memory every ``every`` seconds on a thread while the stages run,
    so the bench can say which stage set the process's high-water mark: the stages run one
    after another, so a sample's time places it in one stage (``stage_of``). A sample can miss
    a short spike; VmHWM remains the peak reported, this only names where it was reached."""

    def __init__(self, every: float = 0.2) -> None:
        self.every = every
        self.samples: list[tuple[float, float]] = []  # (perf_counter, resident MB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.samples.append((time.perf_counter(), _rss_mb()))

    def __enter__(self) -> PeakWatch:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def by_stage(self, began: float, timings: dict[str, float]) -> dict[str, float]:
        """The highest resident MB sampled in each stage, the stages' wall times laid end to
        end from ``began`` (what runs between two stages, a compaction, counts to the next)."""
        ends, at = [], began
        for stage, seconds in timings.items():
            at += seconds
            ends.append((at, stage))
        highest: dict[str, float] = {}
        for moment, mb in self.samples:
            stage = next((name for end, name in ends if moment <= end), ends[-1][1])
            highest[stage] = max(highest.get(stage, 0.0), mb)
        return highest


def write_pile(store: Store, pile: Iterable[tuple[Document, DocumentAnalysis]]) -> None:
    """The simulated pile into ``store``, a batch at a time (never held whole), as a build
    leaves its documents and analyses before the cross-document stages."""
    documents: list[Document] = []
    analyses: list[DocumentAnalysis] = []
    for document, analysis in pile:
        documents.append(document)
        analyses.append(analysis)
        if len(documents) == WRITE_BATCH:
            store.add_documents(documents)
            store.save_analyses(analyses)
            documents, analyses = [], []
    store.add_documents(documents)
    store.save_analyses(analyses)


def write_big(templates_path: Path, pile_path: Path, size: int) -> int:
    """The simulated pile of ``size`` documents written to the store at ``pile_path``; the
    number of templates it was made from."""
    with Store(templates_path) as store:
        analyses = {a.doc_id: a for a in store.analyses()}
        templates = [(d, analyses[d.id]) for d in store.documents() if d.id in analyses]
    del analyses
    with Store(pile_path) as pile:
        write_pile(pile, simulate(templates, size))
    return len(templates)


def measure_big(store_path: Path, size: int) -> BenchRow:
    """One simulated size: the cross-document stages, timed and measured in this process.

    A child process writes the pile to a store of its own first (what the per-document stages
    of a build leave), and the stages here read it as a build's do (the documents in memory, the
    analyses streamed from the store layer by layer): the peak above this process's baseline is
    what the cross-document phase costs, not the making of the pile."""
    from storyline.pipeline.corpus import derive_corpus

    with tempfile.TemporaryDirectory(dir=store_path.parent.parent) as work:
        pile_path = Path(work) / "storyline.db"
        began = time.perf_counter()
        code = (
            "from pathlib import Path; from storyline.bench_big import write_big; "
            f"print(write_big(Path({str(store_path)!r}), Path({str(pile_path)!r}), {size}))"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        templates = int(done.stdout.strip().splitlines()[-1])
        made = time.perf_counter() - began
        stored_mb = sum(f.stat().st_size for f in Path(work).iterdir()) / 2**20
        with Store(pile_path) as pile:
            base_mb = _rss_mb()
            documents = pile.corpus_documents()
            loaded_mb = _rss_mb()
            began, cpu_began = time.perf_counter(), time.process_time()
            with PeakWatch() as watch:
                view = derive_corpus(documents, pile.analysis_pile())
            corpus, cpu = time.perf_counter() - began, time.process_time() - cpu_began
    peak_mb = _peak_mb()
    stages = {f"corpus:{k}": round(v, 2) for k, v in view.timings.items()}
    stage_cpu = {k: round(v, 2) for k, v in view.cpu_timings.items()}
    stage_rss = {k: round(v - base_mb) for k, v in watch.by_stage(began, view.timings).items()}
    return {
        "documents": size,
        "templates": templates,
        "simulate_seconds": round(made, 2),
        "stored_mb": round(stored_mb),
        "seconds": round(corpus, 2),
        "cpu_seconds": round(cpu, 2),  # this process's CPU: steadier than wall time on a
        "stages": {"corpus": round(corpus, 2), **stages},  # machine shared with others
        "stage_cpu_seconds": stage_cpu,
        # the highest resident memory sampled in each stage, above the baseline; the peak's
        # stage is the one with the highest sample
        "stage_rss_over_base_mb": stage_rss,
        "peak_stage": max(stage_rss, key=lambda k: stage_rss[k]) if stage_rss else None,
        "pile_mb": round(loaded_mb - base_mb),
        "peak_mb": round(peak_mb),
        "peak_over_base_mb": round(peak_mb - base_mb),
        "stories": len(view.stories),
        "entities": len(view.entities),
        "events": len(view.events),
        "figure_groups": len(view.figure_groups),
        "duplicates": len(view.duplicates),
    }


def run_big(sizes: Sequence[int], eval_dir: Path, work_dir: Path) -> list[BenchRow]:
    """Each size in a fresh subprocess, over one template store built in ``work_dir``."""
    store = template_store(eval_dir, work_dir)
    rows: list[BenchRow] = []
    for size in sizes:
        code = (
            "import json; from pathlib import Path; from storyline.bench_big import measure_big; "
            f"print(json.dumps(measure_big(Path({str(store)!r}), {size})))"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:  # killed for memory, most likely: say so and go on
            tail = (done.stderr or "").strip().splitlines()[-1:] or [f"exit {done.returncode}"]
            rows.append({"documents": size, "failed": tail[0]})
            continue
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return rows
