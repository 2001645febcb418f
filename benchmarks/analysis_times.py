"""CPU time of each per-document stage of the analysis, on parses made once and kept on disk,
so two versions of the code can be timed over exactly the same spaCy output.

    python benchmarks/analysis_times.py prepare --docs 150 --cache /tmp/parses
    python benchmarks/analysis_times.py times --cache /tmp/parses [--dump out.jsonl]

``prepare`` builds the bench corpus (``storyline.bench.make_corpus``), cleans each record as
a build does (``prepare_document``) and parses it with the build's pipeline, storing the
documents and a ``DocBin``. ``times`` (run under the ``PYTHONPATH`` of the tree to measure)
loads fresh ``Doc``s, runs every stage of ``DOCUMENT_STAGES`` over every document with its
CPU time, then the analysis record's JSON (``model_dump_json``) and ``save_analyses`` into a
temporary store; ``--dump`` writes each analysis's JSON, to compare two trees' outputs.
Alternate the trees' runs (the machine is shared): the parse is outside every timing.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

from spacy.tokens import DocBin

from storyline.bench import make_corpus
from storyline.ingest.inputs import IngestOptions, read_inputs
from storyline.ingest.prepare import prepare_document
from storyline.models import Document, DocumentAnalysis, RawRecord
from storyline.nlp import load_model, parse
from storyline.pipeline import analyse as analysis
from storyline.pipeline.stages import DocumentState
from storyline.store import Store

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
TODAY = date(2026, 11, 1)  # a fixed clock, as the tests use


def prepare(docs: int, cache: Path) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    corpus = make_corpus(docs, EVAL, cache / "corpus.jsonl")
    documents = [
        prepare_document(item, TODAY)
        for item in read_inputs([str(corpus)], IngestOptions())
        if isinstance(item, RawRecord)
    ]
    parsed = DocBin(store_user_data=False)
    for doc in parse((d.text for d in documents), load_model()):
        parsed.add(doc)
    (cache / "parses.spacy").write_bytes(parsed.to_bytes())
    (cache / "documents.jsonl").write_text(
        "".join(d.model_dump_json() + "\n" for d in documents), encoding="utf-8"
    )
    print(f"{len(documents)} documents parsed into {cache}")


def times(cache: Path, dump: Path | None, rounds: int) -> None:
    """The best of ``rounds`` for each stage, each round over freshly loaded ``Doc``s (the
    parse's caches in ``user_data`` start empty, as in a build)."""
    documents = [
        Document.model_validate_json(line)
        for line in (cache / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    best: dict[str, float] = {}
    for _ in range(rounds):
        found, dumped = _one_round(cache, documents)
        best = {k: min(v, best.get(k, v)) for k, v in found.items()}
    n = len(documents)
    total = sum(v for k, v in best.items() if k != "JSON")
    print(
        json.dumps(
            {"documents": n, "total ms/doc": round(1000 * total / n, 2)}
            | {k: round(1000 * v / n, 2) for k, v in best.items()}
        )
    )
    if dump:
        dump.write_text("".join(d + "\n" for d in dumped), encoding="utf-8")


def _one_round(cache: Path, documents: list[Document]) -> tuple[dict[str, float], list[str]]:
    nlp = load_model()
    docs = list(DocBin().from_bytes((cache / "parses.spacy").read_bytes()).get_docs(nlp.vocab))
    spent: dict[str, float] = defaultdict(float)
    analyses = []
    for document, doc in zip(documents, docs, strict=True):
        state = DocumentState(document=document, parse=doc, settings=analysis.DEFAULT_SETTINGS)
        for stage in analysis.DOCUMENT_STAGES:
            began = time.process_time()
            state.found[stage.adds] = stage.run(state)
            spent[stage.name] += time.process_time() - began
        began = time.process_time()
        made = DocumentAnalysis(
            doc_id=document.id, version=analysis.ANALYSIS_VERSION, errors=[], **state.found
        )
        spent["record"] += time.process_time() - began
        analyses.append(made)
    began = time.process_time()
    dumped = [a.model_dump_json() for a in analyses]
    spent["JSON"] += time.process_time() - began
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "s.db") as store:
        store.add_documents(documents)
        kept = set(store.document_ids())  # exact copies are stored once
        began = time.process_time()
        store.save_analyses(a for a in analyses if a.doc_id in kept)
        spent["store (JSON included)"] += time.process_time() - began
    return spent, dumped


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["prepare", "times"])
    parser.add_argument("--docs", type=int, default=150)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "parses")
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if args.what == "prepare":
        prepare(args.docs, args.cache)
    else:
        times(args.cache, args.dump, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
