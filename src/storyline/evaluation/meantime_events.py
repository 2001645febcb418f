"""Event-mention detection scored against MEANTIME (NewsReader) event mentions.

Gold: ``EVENT_MENTION``s whose EVENT instance has class OTHER, SPEECH_COGNITIVE or MIX.
GRAMMATICAL events (copulas, auxiliaries, light and aspectual verbs that carry another event) are
not counted: storyline does not treat them as events. Only the fully annotated part of each
article is scored (the title and first sentences; later sentences carry only the mentions
linked across documents, see ``meantime.annotated_end``), so a correct trigger there is not
counted as a false positive.

Two predictions are scored with span P/R/F1 (a prediction matches a gold mention when their
character spans overlap, one-to-one):
* triggers: every word ``events_triggers.event_triggers`` takes for an event;
* coded-event triggers: the trigger spans of the PLOVER events ``extract_event_mentions`` codes.
  This says only whether the words the coder takes for a political event are event mentions at
  all in MEANTIME (span overlap); MEANTIME has no PLOVER types, so it says nothing about whether
  the *type*, the actors or the factuality are right (that is the PLOVER gold file's job). Its
  recall is low by design (political events are a small subset of MEANTIME's events).

``part`` keeps the documents of one part of the honest split (key: the document id).

The reader is the shared one (``storyline.evaluation.meantime.read_corpus``).
"""

from __future__ import annotations

from pathlib import Path

from storyline.evaluation.report import EvalReport, EvalTable
from storyline.evaluation.scoring import prf

COUNTED_CLASSES = frozenset({"OTHER", "SPEECH_COGNITIVE", "MIX"})


def evaluate(path: Path, limit: int | None = None, part: str = "all") -> EvalReport:
    return evaluate_meantime(Path(path), limit, part)


def evaluate_meantime(path: Path, limit: int | None = None, part: str = "all") -> EvalReport:
    from storyline.evaluation.event_layers import language_layers
    from storyline.evaluation.meantime import annotated_end, read_corpus
    from storyline.evaluation.splits import check_part, in_part
    from storyline.events.extract import extract_event_mentions
    from storyline.events.triggers import event_triggers
    from storyline.nlp import load_model, parse

    check_part(part)
    documents, problems = read_corpus(Path(path), None if part != "all" else limit)
    documents = [d for d in documents if in_part(d.doc_id, part)][:limit]
    timex_fn, mention_fn, layers_note = language_layers()
    nlp = load_model()
    counts = {"triggers": [0, 0, 0], "coded": [0, 0, 0]}  # tp, predicted, gold
    by_class: dict[str, list[int]] = {}
    for source, parsed in zip(documents, parse((d.text for d in documents), nlp), strict=True):
        end = annotated_end(source)
        gold = [
            (m.start, m.end, m.event_class or "")
            for m in source.event_mentions
            if m.event_class in COUNTED_CLASSES and m.end <= end
        ]
        triggers = [(t.idx, t.idx + len(t.text)) for t in event_triggers(parsed) if t.idx < end]
        document = _document(source)
        coded = [
            (m.provenance.start, m.provenance.end)
            for m in extract_event_mentions(
                document, parsed, timex_fn(document, parsed), mention_fn(document, parsed)
            )
            if m.provenance.start < end
        ]
        for name, predicted in (("triggers", triggers), ("coded", coded)):
            matched = _match([(s, e) for s, e, _ in gold], predicted)
            counts[name][0] += len(matched)
            counts[name][1] += len(predicted)
            counts[name][2] += len(gold)
            if name == "triggers":
                for index, (_, _, klass) in enumerate(gold):
                    row = by_class.setdefault(klass, [0, 0])
                    row[0] += index in {g for g, _ in matched}
                    row[1] += 1
    rows: list[list[str | float | int | None]] = []
    headline = {}
    labels = (("triggers", "event triggers"), ("coded", "coded-event triggers (type not judged)"))
    for name, label in labels:
        tp, n_predicted, gold_n = counts[name]
        p, r, f = prf(tp, n_predicted, gold_n)
        rows.append([label, p, r, f, tp, n_predicted, gold_n])
        headline[f"{name}_precision"] = p
        headline[f"{name}_recall"] = r
        headline[f"{name}_f1"] = f
    summary = EvalTable(
        title="MEANTIME event mentions (span overlap)",
        columns=["prediction", "precision", "recall", "F1", "matched", "predicted", "gold"],
        rows=rows,
    )
    classes = EvalTable(
        title="trigger recall by MEANTIME event class",
        columns=["class", "recall", "gold"],
        rows=[[k, v[0] / v[1] if v[1] else 0.0, v[1]] for k, v in sorted(by_class.items())],
    )
    return EvalReport(
        task="events",
        corpus=str(path),
        documents=len(documents),
        tables=[summary, classes],
        headline=headline,
        notes=[
            "gold = MEANTIME event mentions of class OTHER, SPEECH_COGNITIVE, MIX (GRAMMATICAL "
            "not counted) in the fully annotated part of each article",
            "match = character spans overlap, one-to-one",
            layers_note,
            *problems,
        ],
    )


def _match(gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs whose spans overlap, in text order."""
    pairs = []
    used: set[int] = set()
    for g, (gs, ge) in enumerate(gold):
        for p, (ps, pe) in enumerate(predicted):
            if p not in used and ps < ge and gs < pe:
                pairs.append((g, p))
                used.add(p)
                break
    return pairs


def _document(source):
    """A storyline Document over the rebuilt text, one block per sentence."""
    from storyline.ingest.prepare import text_hash
    from storyline.models import Block, Document

    blocks = [Block(kind="paragraph", start=s, end=e) for s, e in source.sentences]
    return Document(
        id=source.doc_id,
        source=source.path,
        source_kind="txt",
        url=source.url,
        raw_text=source.text,
        text=source.text,
        blocks=blocks,
        content_hash=text_hash(source.text),
    )
