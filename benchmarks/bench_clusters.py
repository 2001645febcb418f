"""Story clustering time vs corpus size, on synthetic-but-realistic news made from the eval corpora.

    python benchmarks/bench_clusters.py [--sizes 1000,10000,50000] [--eval ../shared/eval]

Each synthetic story takes a real article (ECB+ and TimeBank texts), gives it new participants
(its capitalised words swapped for names drawn from other articles: the same kind of event
happening to someone else), a date (2010–2024), and 1–8 reports: the base text with its
sentences after the lead shuffled, some sentences dropped, words substituted, publication
dates shifted by 0–2 days, a share of them undated, and some near-verbatim copies. Analyses are
cheap stand-ins, built without spaCy (the benchmark measures clustering): one sentence per
line, an entity mention (with its canonical id) for each distinct name inside a sentence, the
story's date as a time expression in most reports (without the year when the report is
undated) and sometimes a background year, and events as the build's merge leaves them: most
told by one report, some stories with one event their reports share.

Prints one row per size (seconds per stage, candidate pairs, stories, B-cubed F1 of the stories
against the synthetic ones, peak RSS) and the exponent of a log-log fit of time against n;
``run(sizes)`` returns the rows for ``storyline bench``.
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
from storyline.evaluation.scoring import bcubed
from storyline.models import (
    Document,
    DocumentAnalysis,
    Event,
    EventMention,
    Mention,
    Provenance,
    Sentence,
    Timex,
)
from storyline.stories.blocking import candidate_pairs
from storyline.stories.cluster import load_config, make_stories
from storyline.stories.clustering import average_link
from storyline.stories.features import document_features
from storyline.stories.scoring import pair_scores
from storyline.text.vectors import is_stop, starts_sentence

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
MAX_MENTIONS = 8  # distinct names per report given an entity mention
DATE_MENTION_SHARE = 0.7  # reports naming the story's day in their text
YEAR_MENTION_SHARE = 0.3  # reports naming some background year
SHARED_EVENT_SHARE = 0.4  # stories whose reports share one merged event
EVENT_TYPES = ("CONSULT", "ASSAULT", "AGREE", "PROTEST", "ACCUSE", "AID")


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
) -> tuple[list[Document], list[DocumentAnalysis], list[Event]]:
    """``n`` documents in stories of 1–8 reports each (see module docstring), their stand-in
    analyses and the merged events."""
    rng = random.Random(seed)
    names = sorted({m for t in texts for m in _NAME.findall(t)})
    vocabulary = sorted({w for t in texts[:200] for w in re.findall(r"[a-z]{4,}", t)})
    docs: list[Document] = []
    analyses: list[DocumentAnalysis] = []
    events: list[Event] = []
    story = 0
    while len(docs) < n:
        base = texts[rng.randrange(len(texts))]
        cast = {name: rng.choice(names) for name in sorted(set(_NAME.findall(base)))}
        text = _NAME.sub(lambda m, cast=cast: cast.get(m.group(), m.group()), base)
        day = date(2010, 1, 1) + timedelta(days=rng.randrange(15 * 365))
        shared: list[EventMention] = []
        share = rng.random() < SHARED_EVENT_SHARE
        for copy in range(min(1 + int(rng.expovariate(0.45)), 8, n - len(docs))):
            edited = _edit(text, rng, vocabulary, near=rng.random() < NEAR_COPY_SHARE)
            published = None
            if rng.random() >= UNDATED_SHARE:
                published = (day + timedelta(days=rng.randrange(3))).isoformat()
            doc = _document(f"s{story:06d}-{copy}", edited, published)
            docs.append(doc)
            analyses.append(_analysis(doc, day, rng))
            own = _event_mention(doc, f"{doc.id}-own", rng.choice(EVENT_TYPES), None)
            events.append(_event(own.id, [own]))
            if share:
                shared.append(_event_mention(doc, f"s{story:06d}-e", EVENT_TYPES[0], day))
        if shared:
            events.append(_event(shared[0].id, shared))
        story += 1
    return docs, analyses, events


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


def _analysis(doc: Document, day: date, rng: random.Random) -> DocumentAnalysis:
    """Lead sentences (one per line), a mention per distinct name, dates the text names."""
    sentences, start = [], 0
    for index, line in enumerate(doc.text.split("\n")[:LEAD_LINES]):
        sentences.append(
            Sentence(doc_id=doc.id, index=index, start=start, end=start + len(line), text=line)
        )
        start += len(line) + 1
    mentions, seen = [], set()
    for match in _NAME.finditer(doc.text):
        word = match.group()
        if word in seen or len(seen) >= MAX_MENTIONS or is_stop(word.lower()):
            continue
        if starts_sentence(doc.text, match.start()):
            continue  # "The", "Officials": a capital that names nothing
        seen.add(match.group())
        mentions.append(
            Mention.model_construct(
                text=match.group(),
                label="PERSON",
                model_label="PERSON",
                entity_id=f"person:{match.group().lower()}",
                provenance=_provenance(doc.id, match.start(), match.end()),
            )
        )
    timexes = []
    if rng.random() < DATE_MENTION_SHARE:
        value = day.isoformat() if doc.published else f"XXXX-{day.isoformat()[5:]}"
        timexes.append(_timex(doc.id, value, "t1"))
    if rng.random() < YEAR_MENTION_SHARE:
        timexes.append(_timex(doc.id, str(rng.randrange(1990, 2025)), "t2"))
    return DocumentAnalysis(
        doc_id=doc.id, version="bench", sentences=sentences, mentions=mentions, timexes=timexes
    )


def _provenance(doc_id: str, start: int, end: int) -> Provenance:
    return Provenance.model_construct(
        doc_id=doc_id, start=start, end=end, sentence="", sentence_start=start, sentence_end=end
    )


def _timex(doc_id: str, value: str, timex_id: str) -> Timex:
    return Timex.model_construct(
        id=timex_id,
        text=value,
        type="DATE",
        value=value,
        anchored=False,
        range_end=None,
        rule="bench",
        provenance=_provenance(doc_id, 0, 1),
    )


def _event_mention(doc: Document, event_id: str, type_: str, day: date | None) -> EventMention:
    start = doc.text.find(" ", 40)
    return EventMention.model_construct(
        id=f"{event_id}@{doc.id}",
        type=type_,
        trigger="",
        date=day.isoformat() if day else None,
        date_basis="timex" if day else "none",
        factuality="asserted",
        generic=False,
        provenance=_provenance(doc.id, max(start, 0), max(start, 0) + 1),
    )


def _event(event_id: str, mentions: list[EventMention]) -> Event:
    first = mentions[0]
    return Event.model_construct(
        id=event_id,
        type=first.type,
        label=event_id,
        date=first.date,
        date_basis=first.date_basis,
        factuality="asserted",
        generic=False,
        documents=[m.provenance.doc_id for m in mentions],
        mentions=mentions,
    )


def time_clustering(
    docs: list[Document], analyses: list[DocumentAnalysis], events: list[Event]
) -> dict[str, float]:
    """The stages of ``stories.cluster_stories``, timed one by one."""
    config = load_config()
    by_id = {a.doc_id: a for a in analyses}
    ordered = sorted(docs, key=lambda d: d.id)
    times: dict[str, float] = {}
    began = time.perf_counter()
    features = document_features(ordered, by_id, events, config)
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
    stories = make_stories(groups, ordered, features, by_id, [], events, config)
    times["stories_s"] = time.perf_counter() - mark
    times["total_s"] = time.perf_counter() - began
    times["pairs"] = float(len(candidates.left))
    times["compared"] = float(candidates.compared)
    times["stories"] = float(len(stories))
    gold = {d.id: d.id.split("-")[0] for d in docs}
    times["b3_f1"] = bcubed(gold, {d: s.id for s in stories for d in s.documents})[2]
    return times


def run(sizes: tuple[int, ...] = DEFAULT_SIZES, eval_dir: Path = DEFAULT_EVAL) -> list[dict]:
    """One row per size: n, stage seconds, candidate pairs, stories, peak RSS (MiB)."""
    texts = base_texts(eval_dir)
    rows = []
    for n in sizes:
        docs, analyses, events = synthetic_corpus(n, texts)
        row: dict = {"n": n, **time_clustering(docs, analyses, events)}
        row["true_stories"] = len({d.id.split("-")[0] for d in docs})
        row["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append(row)
        del docs, analyses, events
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
        "b3_f1",
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
