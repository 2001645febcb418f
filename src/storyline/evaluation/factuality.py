"""``storyline eval factuality PATH``: did the event happen, scored against gold annotation.

Gold: MEANTIME's event attributes and TimeML's (TimeBank, AQUAINT) instances and SLINKs, mapped
onto storyline's classes (``factuality_gold``). PATH is a folder holding ``meantime/`` and/or
``timeml/`` (like ``../shared/eval``), or one of them.

Two predictions are compared with the gold class of the event word they sit on:
* coded: the PLOVER events ``extract_event_mentions`` codes, aligned one-to-one with a gold event
  word their trigger span overlaps (as ``eval events`` aligns MEANTIME): the factuality users
  see on the timeline;
* cues: ``events.factuality.assess`` on the head word of every gold event (the word as its own
  clause anchor): the cues alone, on many more events than the coder takes.
For each: per-class precision and recall, a confusion table (gold rows, storyline columns), and
"not happened" (negated, hypothetical or planned, against asserted or reported) precision and
recall, what the timeline's filter depends on. The first disagreements of each set are listed
with the deciding gold attribute and storyline's cue.

``part`` keeps the documents of one part (key: the MEANTIME doc_id, the TimeML DOCID).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from storyline.evaluation.event_dates import date_tables, evaluate_dates, one_to_one
from storyline.evaluation.event_layers import gold_document
from storyline.evaluation.factuality_gold import (
    CLASSES,
    GoldEvent,
    GoldText,
    meantime_texts,
    timeml_texts,
)
from storyline.evaluation.report import EvalReport, EvalTable
from storyline.evaluation.scoring import prf
from storyline.evaluation.splits import check_part
from storyline.models import Document

NOT_HAPPENED = frozenset({"negated", "hypothetical", "planned"})
SHOWN_DISAGREEMENTS = 40


@dataclass
class Tally:
    """(gold class, storyline class) counts of one set and one prediction, and disagreements."""

    pairs: Counter = field(default_factory=Counter)
    disagreements: list[list[str | float | int | None]] = field(default_factory=list)

    def add(self, gold: GoldEvent, predicted: str, cue: str | None, sentence: str) -> None:
        self.pairs[(gold.label, predicted)] += 1
        if gold.label != predicted and len(self.disagreements) < SHOWN_DISAGREEMENTS:
            row: list[str | float | int | None] = [
                gold.doc_id,
                gold.text,
                f"{gold.label} ({gold.why})",
                f"{predicted} ({cue})" if cue else predicted,
                " ".join(sentence.split())[:200],
            ]
            self.disagreements.append(row)


def evaluate(path: Path, limit: int | None = None, part: str = "all") -> EvalReport:
    """Score factuality on every gold set PATH holds (see the module docstring)."""
    path = Path(path)
    check_part(part)
    sets: list[tuple[str, list[tuple[GoldText, Document]]]] = []
    notes: list[str] = []
    meantime_dir = _folder(path, "meantime", "corpus_*/*.xml")
    timeml_dir = _folder(path, "timeml", "**/*.tml")
    if meantime_dir is not None:
        pairs, problems = meantime_texts(meantime_dir, part, limit)
        sets.append(
            (
                "meantime",
                [
                    (gold, gold_document(gold.doc_id, gold.text, gold.sentences))
                    for _, gold in pairs
                ],
            )
        )
        notes += problems
    if timeml_dir is not None:
        golds = timeml_texts(timeml_dir, part, limit)
        sets.append(
            (
                "timeml",
                [(gold, gold_document(gold.doc_id, gold.text, gold.sentences)) for gold in golds],
            )
        )
    if not sets:
        raise ValueError(f"{path}: no MEANTIME (corpus_*/*.xml) or TimeML (*.tml) files")
    tables: list[EvalTable] = []
    headline: dict[str, float] = {}
    documents = 0
    for name, items in sets:
        documents += len(items)
        coded, cues = _tally(items)
        for view, tally in (("coded", coded), ("cues", cues)):
            tables += _tables(f"{name} {view}", tally, headline, f"{name}.{view}")
    tables += date_tables(evaluate_dates(meantime_dir, timeml_dir, part, limit))
    notes += [
        "event dates: coded mentions on gold event words a TLINK places in a DATE timex of the "
        "text, the text coded with its creation time as publication date "
        "(storyline.evaluation.event_dates)",
        "gold classes from MEANTIME polarity/certainty/time and TimeML polarity, modality, "
        "tense and SLINK types (storyline.evaluation.factuality_gold)",
        "coded = coded events on a gold event word (span overlap, one-to-one); cues = "
        "events.factuality.assess on the head of every gold event word",
    ]
    return EvalReport(
        task="factuality",
        corpus=str(path),
        documents=documents,
        tables=tables,
        headline=headline,
        notes=notes,
    )


def _folder(path: Path, name: str, pattern: str) -> Path | None:
    for folder in (path / name, path):
        if folder.is_dir() and any(folder.glob(pattern)):
            return folder
    return None


def _document(gold: GoldText) -> Document:
    """The gold text as a Document with no publication date (factuality's cues alone)."""
    return gold_document(gold.doc_id, gold.text, gold.sentences)


def _tally(items: list[tuple[GoldText, Document]]) -> tuple[Tally, Tally]:
    """Coded-event and cue tallies over one set's documents (parsed in one batch)."""
    from storyline.evaluation.event_layers import language_layers
    from storyline.events.extract import extract_event_mentions
    from storyline.events.factuality import assess
    from storyline.nlp import load_model, parse

    timex_fn, mention_fn, _ = language_layers()
    nlp = load_model()
    coded, cues = Tally(), Tally()
    texts = (gold.text for gold, _ in items)
    for (gold, document), parsed in zip(items, parse(texts, nlp), strict=True):
        events = [e for e in gold.events if e.end > e.start]
        mentions = [
            m
            for m in extract_event_mentions(
                document, parsed, timex_fn(document, parsed), mention_fn(document, parsed)
            )
            if m.provenance.start < gold.scored_end
        ]
        taken = one_to_one([(e.start, e.end) for e in events], mentions)
        for event, m in zip(events, taken, strict=True):
            if m is not None:
                coded.add(event, m.factuality, m.factuality_cue, m.provenance.sentence or "")
            span = parsed.char_span(event.start, event.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            head = span.root
            assessment = assess(head, head)
            cues.add(event, assessment.factuality, assessment.cue, head.sent.text)
    return coded, cues


def _tables(title: str, tally: Tally, headline: dict[str, float], prefix: str) -> list[EvalTable]:
    gold_counts: Counter = Counter()
    predicted_counts: Counter = Counter()
    for (gold, predicted), n in tally.pairs.items():
        gold_counts[gold] += n
        predicted_counts[predicted] += n
    total = sum(gold_counts.values())
    correct = sum(n for (g, p), n in tally.pairs.items() if g == p)
    rows: list[list[str | float | int | None]] = []
    for name in CLASSES:
        tp = tally.pairs[(name, name)]
        p, r, f = prf(tp, predicted_counts[name], gold_counts[name])
        rows.append([name, p, r, f, tp, predicted_counts[name], gold_counts[name]])
        headline[f"{prefix}.{name}_f1"] = f
    not_tp = sum(n for (g, p), n in tally.pairs.items() if g in NOT_HAPPENED and p in NOT_HAPPENED)
    not_predicted = sum(predicted_counts[c] for c in NOT_HAPPENED)
    not_gold = sum(gold_counts[c] for c in NOT_HAPPENED)
    p, r, f = prf(not_tp, not_predicted, not_gold)
    rows.append(["not happened", p, r, f, not_tp, not_predicted, not_gold])
    headline[f"{prefix}.not_happened_precision"] = p
    headline[f"{prefix}.not_happened_recall"] = r
    headline[f"{prefix}.accuracy"] = correct / total if total else 0.0
    rows.append(["accuracy", correct / total if total else 0.0, None, None, correct, total, total])
    scores = EvalTable(
        title=f"{title}: factuality by class",
        columns=["class", "precision", "recall", "F1", "matched", "predicted", "gold"],
        rows=rows,
    )
    confusion = EvalTable(
        title=f"{title}: confusion (gold rows, storyline columns)",
        columns=["gold \\ storyline", *CLASSES],
        rows=[[g, *(tally.pairs[(g, p)] for p in CLASSES)] for g in CLASSES],
    )
    failures = EvalTable(
        title=f"{title}: first disagreements",
        columns=["document", "word", "gold", "storyline", "sentence"],
        rows=tally.disagreements,
    )
    return [scores, confusion, failures]
