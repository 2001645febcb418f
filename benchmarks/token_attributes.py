"""CPU time of each spaCy component, stock pipeline against the one with the attribute table
(``storyline.nlp_attributes``), and their equality over whole corpora.

    python benchmarks/token_attributes.py times --docs 300
    python benchmarks/token_attributes.py equal

``times`` parses the same bench corpus (``storyline.bench.make_corpus``) with both pipelines,
one component at a time over all documents, alternating the two pipelines ``--rounds`` times
(the machine is shared: CPU time, best round). ``equal`` compares every token's POS, TAG,
MORPH, LEMMA, DEP, head and entity between the two on the TimeML, MEANTIME and india-world
texts and the bench corpus.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from storyline.bench import make_corpus
from storyline.evaluation import meantime, timeml
from storyline.ingest.inputs import IngestOptions, read_inputs
from storyline.ingest.prepare import prepare_document
from storyline.models import RawRecord
from storyline.nlp import load_model, parse

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EVAL = SHARED / "eval"
TODAY = date(2026, 11, 1)  # a fixed clock, as the tests use


def bench_texts(docs: int) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = make_corpus(docs, EVAL, Path(tmp) / "corpus.jsonl")
        return [json.loads(line)["text"] for line in path.read_text().splitlines()]


def component_times(nlp: Language, texts: list[str]) -> dict[str, float]:
    """CPU ms per document of the tokenizer and each component, over all ``texts``."""
    times = {}
    began = time.process_time()
    docs: Iterable[Doc] = [nlp.make_doc(t) for t in texts]
    times["tokenizer"] = time.process_time() - began
    for name, proc in nlp.pipeline:
        began = time.process_time()
        docs = (
            list(proc.pipe(docs, batch_size=64))
            if hasattr(proc, "pipe")
            else [proc(d) for d in docs]
        )
        times[name] = time.process_time() - began
    return {k: round(1000 * v / len(texts), 2) for k, v in times.items()}


def times(docs: int, rounds: int) -> None:
    texts = bench_texts(docs)
    tokens = sum(len(d) for d in load_model().tokenizer.pipe(texts))
    print(f"{len(texts)} documents, {tokens / len(texts):.0f} tokens per document")
    best: dict[str, dict[str, float]] = {}
    for _ in range(rounds):
        for label, nlp in (("stock", load_model(stock=True)), ("table", load_model())):
            found = component_times(nlp, texts)
            kept = best.setdefault(label, found)
            for name, ms in found.items():
                kept[name] = min(kept[name], ms)
    for label, found in best.items():
        total = sum(found.values())
        print(
            f"{label}: total {total:.1f} CPU ms/doc; "
            + ", ".join(f"{k} {v}" for k, v in found.items())
        )


def _signature(doc: Doc) -> list[tuple[object, ...]]:
    return [
        (
            t.pos,
            t.tag,
            t.morph.key,
            t.lemma,
            t.dep,
            t.head.i,
            t.ent_iob,
            t.ent_type,
            t.is_sent_start,
        )
        for t in doc
    ]


def corpora() -> dict[str, list[str]]:
    india = [
        prepare_document(item, TODAY).text
        for item in read_inputs(
            [str(EVAL / "briefing" / "india-world" / "articles")], IngestOptions()
        )
        if isinstance(item, RawRecord)
    ]
    return {
        "timeml": [d.text for d in timeml.read_corpus(EVAL / "timeml")],
        "meantime": [d.text for d in meantime.read_corpus(EVAL / "meantime")[0]],
        "india-world": india,
        "bench-300": bench_texts(300),
    }


def equal() -> int:
    fast, stock = load_model(), load_model(stock=True)
    failures = 0
    for name, texts in corpora().items():
        tokens = differing = 0
        for a, b in zip(parse(texts, fast), parse(texts, stock), strict=True):
            tokens += len(a)
            if _signature(a) != _signature(b):
                differing += 1
        failures += differing
        print(f"{name}: {len(texts)} documents, {tokens} tokens, {differing} documents differ")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["times", "equal"])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if args.what == "equal":
        return equal()
    times(args.docs, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
