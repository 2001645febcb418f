"""The ECB+ ``coref`` task: is one real event one event, across unseen wire articles?

ECB+ annotates event (action) mentions with within- and cross-document coreference; it is the
standard benchmark for cross-document event coreference. The part's documents, every topic
together, are built as a user's pile would be (clean, analyse, then the cross-document stage
that merges event mentions into events); each system event mention is then aligned to a gold
action mention, and the clustering of the aligned mentions into events is scored against the
gold chains with MUC, B³, CEAF-e and CoNLL F1 (``coref_metrics``).

**Alignment.** A system mention's span is its trigger's characters (``provenance``, e.g. "held
talks"); it aligns with a gold mention whose tokens share characters with it. Each side aligns
at most once, largest overlap first (then the earlier system mention), so a multi-word trigger
that covers two gold mentions takes the one it overlaps most. The system decides only which
mentions it finds and which events they join; the scores count the second over the mentions
both sides have, and coverage counts the first.

**Baselines over the same aligned mentions**, so the system's number has a scale: every mention
alone ("singletons"), and the standard ECB+ lemma baseline (mentions whose head lemmas are equal
and whose documents share a gold topic are one event). Heads come from spaCy's tagger on the
built text: the mention's first verb, else its first noun, else its last token.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from storyline.evaluation.coref_metrics import Clustering, conll
from storyline.evaluation.ecbplus import EcbDocument, prepare_corpus, read_corpus
from storyline.evaluation.ecbplus_breakdown import (
    SPLIT_COLUMNS,
    TOPIC_COLUMNS,
    split_rows,
    topic_rows,
)
from storyline.evaluation.ecbplus_gold import GoldMention, LineMap, read_gold
from storyline.evaluation.report import Cell, EvalReport, EvalTable
from storyline.evaluation.splits import check_part, in_part, split_keys
from storyline.models import Document, DocumentAnalysis, Event, EventMention

METRICS = ["muc_p", "muc_r", "b3_p", "b3_r", "ceafe_p", "ceafe_r"]
F1S = ["muc_f1", "b3_f1", "ceafe_f1", "conll_f1"]
#: Failure examples listed per kind (over-merged events, split chains).
EXAMPLES = 8


@dataclass(frozen=True)
class Placed:
    """A gold mention with its characters in the built text."""

    gold: GoldMention
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class SystemMention:
    doc_id: str
    start: int
    end: int
    event: str
    trigger: str
    event_label: str
    #: the coded mention, for the breakdown of what keeps two mentions apart
    mention: EventMention | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Pair:
    gold: Placed
    system: SystemMention
    lemma: str


def evaluate(path: Path, limit: int | None = None, part: str = "all") -> EvalReport:
    """Build the part's documents as one pile and score its events against the ECB+ chains."""
    from storyline.pipeline.analyse import analyse_documents
    from storyline.pipeline.corpus import derive_corpus

    check_part(part)
    every = read_corpus(path, limit)
    chosen = [d for d in every if in_part(d.topic, part)]
    documents = prepare_corpus(chosen, date.today())
    analyses = list(analyse_documents(documents))
    view = derive_corpus(documents, analyses)
    stories = {doc: story.id for story in view.stories for doc in story.documents}
    report = score_build(chosen, documents, analyses, view.events, stories)
    split = split_keys(sorted({d.topic for d in every}))
    topics = sorted({d.topic for d in chosen}, key=lambda t: (len(t), t))
    note = (
        f"part {part}: topics {', '.join(topics)} (split by topic number: tuning "
        f"{', '.join(split['tuning']) or '-'}; check {', '.join(split['check']) or '-'})."
    )
    return report.model_copy(update={"corpus": str(path), "notes": [note, *report.notes]})


def score_build(
    files: Sequence[EcbDocument],
    documents: Sequence[Document],
    analyses: Sequence[DocumentAnalysis],
    events: Sequence[Event],
    stories: Mapping[str, str] | None = None,
) -> EvalReport:
    """Align the built events' mentions with the gold and score them (module doc);
    ``stories`` (document → story) lets the breakdown tell pairs split across stories."""
    built = {d.id: d for d in documents}
    sentences = {a.doc_id: [(s.start, s.end) for s in a.sentences] for a in analyses}
    system = _system_mentions(events)
    placed: list[Placed] = []
    found: list[tuple[str, list[tuple[Placed, SystemMention]]]] = []
    gold_total = system_total = system_counted = 0
    for file in files:
        gold = read_gold(file)
        gold_total += len(gold.mentions)
        document = built.get(file.name)
        if document is None:
            continue
        mapping = LineMap(file.text, document.text)
        here = [p for m in gold.mentions if (p := _place(m, mapping)) is not None]
        placed.extend(here)
        marked = [s for span in gold.markable_spans if (s := mapping.span(*span)) is not None]
        annotated = _annotated(sentences.get(document.id, []), marked)
        mine = [m for m in system.get(document.id, []) if _inside(m.start, annotated)]
        system_total += len(system.get(document.id, []))
        system_counted += len(mine)
        if aligned := align(here, mine):
            found.append((document.text, aligned))
    lemmas = head_lemmas([(text, [g for g, _ in aligned]) for text, aligned in found])
    pairs = [
        Pair(g, s, lemma)
        for (_, aligned), heads in zip(found, lemmas, strict=True)
        for (g, s), lemma in zip(aligned, heads, strict=True)
    ]
    report = _report(pairs, placed, gold_total, system_total, system_counted, len(documents))
    breakdown = [
        EvalTable(title="per topic", columns=TOPIC_COLUMNS, rows=topic_rows(pairs)),
        EvalTable(
            title="one gold event in two events: what differs (mention pairs)",
            columns=SPLIT_COLUMNS,
            rows=split_rows(pairs, stories or {}),
        ),
    ]
    # the failures list stays the last table
    tables = [*report.tables[:-1], *breakdown, report.tables[-1]]
    return report.model_copy(update={"tables": tables})


def _system_mentions(events: Sequence[Event]) -> dict[str, list[SystemMention]]:
    out: dict[str, list[SystemMention]] = defaultdict(list)
    for event in events:
        for mention in event.mentions:
            where = mention.provenance
            out[where.doc_id].append(
                SystemMention(
                    where.doc_id,
                    where.start,
                    where.end,
                    event.id,
                    mention.trigger,
                    event.label,
                    mention,
                )
            )
    return out


def _place(mention: GoldMention, mapping: LineMap) -> Placed | None:
    spans = tuple(s for span in mention.spans if (s := mapping.span(*span)) is not None)
    return Placed(mention, spans) if spans else None


def _annotated(sentences: list[tuple[int, int]], marked: list[tuple[int, int]]) -> list:
    return [(a, b) for a, b in sentences if any(a <= s < b for s, _ in marked)]


def _inside(offset: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in ranges)


def overlap(spans: Sequence[tuple[int, int]], start: int, end: int) -> int:
    """Characters of [start, end) inside any of ``spans``."""
    return sum(max(0, min(b, end) - max(a, start)) for a, b in spans)


def align(
    gold: Sequence[Placed], system: Sequence[SystemMention]
) -> list[tuple[Placed, SystemMention]]:
    """One-to-one pairs of one document's gold and system mentions that share characters,
    largest overlap first (module doc)."""
    candidates = sorted(
        (
            (-shared, s.start, j, i)
            for j, s in enumerate(system)
            for i, g in enumerate(gold)
            if (shared := overlap(g.spans, s.start, s.end)) > 0
        ),
    )
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs: list[tuple[Placed, SystemMention]] = []
    for _, _, j, i in candidates:
        if i in used_gold or j in used_system:
            continue
        used_gold.add(i)
        used_system.add(j)
        pairs.append((gold[i], system[j]))
    return sorted(pairs, key=lambda pair: pair[0].spans)


def head_lemmas(documents: Sequence[tuple[str, Sequence[Placed]]]) -> list[list[str]]:
    """Each mention's head lemma (first verb, else first noun, else last token), lower case,
    for (built text, mentions) of each document; the tagger runs once over them in batches."""
    if not documents:
        return []
    from storyline.nlp import load_model, parse

    nlp = load_model(disable=("parser", "ner"))
    out: list[list[str]] = []
    docs = parse([text for text, _ in documents], nlp)
    for doc, (_, mentions) in zip(docs, documents, strict=True):
        heads = []
        for mention in mentions:
            tokens = [t for t in doc if overlap(mention.spans, t.idx, t.idx + len(t.text)) > 0]
            head = next(
                (t for pos in ("VERB", "NOUN", "PROPN") for t in tokens if t.pos_ == pos),
                tokens[-1] if tokens else None,
            )
            heads.append((head.lemma_ or head.text).lower() if head is not None else "")
        out.append(heads)
    return out


def clusterings(pairs: Sequence[Pair]) -> dict[str, tuple[Clustering, Clustering]]:
    """(key, response) for the system and both baselines over the aligned mentions."""
    key = {p.gold.gold.key: p.gold.gold.chain for p in pairs}
    return {
        "storyline": (key, {p.gold.gold.key: p.system.event for p in pairs}),
        "same lemma within a topic": (
            key,
            {p.gold.gold.key: f"{p.gold.gold.topic}:{p.lemma}" for p in pairs},
        ),
        "singletons": (key, {p.gold.gold.key: p.gold.gold.key for p in pairs}),
    }


def _report(
    pairs: Sequence[Pair],
    placed: Sequence[Placed],
    gold_total: int,
    system_total: int,
    system_counted: int,
    documents: int,
) -> EvalReport:
    compared = clusterings(pairs)
    scores = {name: conll(*pair) for name, pair in compared.items()}
    every_key = {p.gold.key: p.gold.chain for p in placed}
    found = {p.gold.gold.key: p.system.event for p in pairs}
    scores["storyline, every gold mention (unfound alone)"] = conll(
        every_key, {k: found.get(k, k) for k in every_key}
    )
    rows: list[list[Cell]] = []
    details: list[list[Cell]] = []
    for name, s in scores.items():
        response = compared[name][1] if name in compared else None
        size = len(every_key) if response is None else len(pairs)
        groups = len(set(response.values())) if response is not None else None
        rows.append([name, size, groups, *(round(s[m], 4) for m in F1S)])
        details.append([name, *(round(s[m], 4) for m in METRICS)])
    coverage: list[list[Cell]] = [
        ["gold action mentions", gold_total],
        ["  in the built text (not lost to cleaning)", len(placed)],
        ["  aligned with a system mention", len(pairs)],
        ["system event mentions", system_total],
        ["  in sentences with gold markables", system_counted],
        ["  aligned with a gold mention", len(pairs)],
    ]
    system = scores["storyline"]
    headline = {
        "conll_f1": system["conll_f1"],
        "muc_f1": system["muc_f1"],
        "b3_f1": system["b3_f1"],
        "ceafe_f1": system["ceafe_f1"],
        "lemma_conll_f1": scores["same lemma within a topic"]["conll_f1"],
        "singletons_conll_f1": scores["singletons"]["conll_f1"],
        "gold_coverage": len(pairs) / gold_total if gold_total else 0.0,
        "system_coverage": len(pairs) / system_counted if system_counted else 0.0,
    }
    return EvalReport(
        task="coref",
        corpus="",
        documents=documents,
        tables=[
            EvalTable(
                title="cross-document event coreference (ECB+), over the aligned mentions",
                columns=["clustering", "mentions", "events", "MUC", "B3", "CEAF-e", "CoNLL F1"],
                rows=rows,
            ),
            EvalTable(
                title="precision and recall",
                columns=["clustering", "MUC P", "MUC R", "B3 P", "B3 R", "CEAF-e P", "CEAF-e R"],
                rows=details,
            ),
            EvalTable(title="mention coverage", columns=["mentions", "count"], rows=coverage),
            EvalTable(
                title="failures",
                columns=["area", "item", "expected", "got"],
                rows=failures(pairs),
            ),
        ],
        headline={k: round(v, 4) for k, v in headline.items()},
        notes=[
            "alignment: a system trigger and a gold action mention that share characters, one "
            "to one, largest overlap first; gold chains: CROSS_DOC_COREF instances, "
            "INTRA_DOC_COREF chains (one document's own), else singletons.",
            "no ECBplus_coreference_sentences.csv in this copy: every annotated action mention "
            "is gold; a system mention counts for coverage only in a sentence with a gold "
            "markable (the annotators' selection).",
            "'every gold mention': the same system events scored over all gold mentions in the "
            "built text, an unfound mention alone (what a reader of the briefing gets).",
        ],
    )


def failures(pairs: Sequence[Pair]) -> list[list[Cell]]:
    """Typical errors: system events that join mentions of different gold events (too much),
    and gold events spread over several system events across documents (too little)."""
    by_event: dict[str, list[Pair]] = defaultdict(list)
    by_chain: dict[str, list[Pair]] = defaultdict(list)
    for pair in pairs:
        by_event[pair.system.event].append(pair)
        by_chain[pair.gold.gold.chain].append(pair)
    rows: list[list[Cell]] = []
    mixed = [e for e in by_event.values() if len({p.gold.gold.chain for p in e}) > 1]
    for group in sorted(mixed, key=len, reverse=True)[:EXAMPLES]:
        chains = sorted({p.gold.gold.label for p in group})
        rows.append(
            [
                "merged too much",
                f"event '{group[0].system.event_label}'",
                f"{len(chains)} gold events: {', '.join(chains[:4])}",
                _triggers(group),
            ]
        )
    split = [c for c in by_chain.values() if len({p.system.event for p in c}) > 1]
    for group in sorted(split, key=len, reverse=True)[:EXAMPLES]:
        events = {p.system.event for p in group}
        rows.append(
            [
                "merged too little",
                f"gold '{group[0].gold.gold.label}'",
                f"one event of {len(group)} mentions",
                f"{len(events)} events: {_triggers(group)}",
            ]
        )
    return rows


def _triggers(group: Sequence[Pair]) -> str:
    shown = [f"{p.system.trigger} ({p.gold.gold.doc_id})" for p in group[:6]]
    return "; ".join(shown) + (f"; … {len(group) - 6} more" if len(group) > 6 else "")
