"""Event coding scored against PLOVER gold records (``storyline eval events`` on a GSR file).

How PLOVER records are scored. Each record is one sentence; storyline parses it
(``storyline.nlp.parse``, batched), codes it with ``extract_event_mentions`` and maps each event to
its PLOVER 0.5b1 coding (``events_lexicon.plover_coding``: a planned cooperative act == AGREE, a
threatened hostile act THREATEN, storyline's extension modes to the PLOVER mode they refine). The
*primary* event of the sentence is the coded event whose clause word is highest in the dependency
tree (the main predicate), ties to the first. Type accuracy = primary type equals the gold type,
over all records (no event counts as wrong). Mode accuracy is over records whose type is right
(gold "" counts as no mode; the codebook's organised/spontaneous demo and riot modes are compared
merged, as the codebook itself later merged them). An actor matches when a predicted actor's words
share a content word with the gold ``actorText`` (case-insensitive, stop words and punctuation
ignored). Source match = some gold source matched, over records with a gold source; for
reciprocal records (markup "SRC/TAR", no target) predicted sources and targets together are
compared with the gold sources. Target match = some gold target matched, over records with a gold
target.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.evaluation.event_layers import language_layers, sentence_document
from storyline.evaluation.plover_gsr import GsrRecord, read_gsr
from storyline.evaluation.report import EvalReport, EvalTable
from storyline.models import EventMention

STOP = frozenset(
    "the a an of and in on at to for from by with its their his her 's s ... said who which "
    "that this these those".split()
)
ANCHOR_NOTE = (
    "anchor: UniversalPetrarch reports 68% on its own validation suite (a different set of "
    "sentences; quoted as the bar to beat, not a like-for-like comparison)"
)


def content_words(text: str) -> set[str]:
    text = re.sub(r"(?<=\w)\.(?=\w)", "", text.lower().replace("’", "'"))  # U.S. → us
    words = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text)
    return {w for w in words if w not in STOP and len(w) > 1}


def actors_match(gold: Iterable[str], predicted: Iterable[str]) -> bool:
    """Does some predicted actor share a content word with some gold actor?"""
    predicted_words = [content_words(p) for p in predicted]
    return any(content_words(g) & words for g in gold for words in predicted_words)


@dataclass
class Coding:
    """The PLOVER coding of one event mention with its place in the parse."""

    type: str
    mode: str | None
    depth: int
    start: int
    mention: EventMention


def codings(mentions: Sequence[EventMention], parsed: Any) -> list[Coding]:
    """PLOVER codings of a sentence's event mentions (events PLOVER does not code dropped)."""
    from storyline.events.lexicon import plover_coding

    found = []
    for mention in mentions:
        type_, mode = plover_coding(
            mention.type, mention.mode, mention.factuality, _conditional(mention)
        )
        if type_ is None:
            continue
        found.append(
            Coding(type_, mode, _depth(parsed, mention), mention.provenance.start, mention)
        )
    return found


def _conditional(mention: EventMention) -> bool:
    from storyline.events.lexicon import settings

    return (mention.factuality_cue or "").lower() in settings()["plover"]["threat_marks"]


def _depth(parsed: Any, mention: EventMention) -> int:
    span = parsed.char_span(
        mention.provenance.start, mention.provenance.end, alignment_mode="expand"
    )
    if span is None or not len(span):
        return 99
    best = 99
    for token in span:
        node, depth = token, 0
        while node.head != node:
            node, depth = node.head, depth + 1
        best = min(best, depth)
    return best


def primary(found: Sequence[Coding]) -> Coding | None:
    return min(found, key=lambda c: (c.depth, c.start)) if found else None


def evaluate_plover(path: Path, limit: int | None = None) -> EvalReport:
    records = read_gsr(path)
    if limit is not None:
        records = records[:limit]
    layers_note, results = code_records(records)
    table_rows: list[list[str | float | int | None]] = []
    typed: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    n = len(records)
    type_ok = any_ok = covered = 0
    mode_ok = mode_n = gold_mode_ok = gold_mode_n = 0
    src_ok = src_n = tar_ok = tar_n = 0
    for record, found in zip(records, results, strict=True):
        typed[record.event] += 1
        main = primary(found)
        covered += bool(found)
        any_ok += any(c.type == record.event for c in found)
        predicted_type = main.type if main else "none"
        if main is not None and predicted_type == record.event:
            type_ok += 1
            correct[record.event] += 1
            mode_n += 1
            mode_ok += (main.mode or None) == record.mode
            if record.mode:
                gold_mode_n += 1
                gold_mode_ok += main.mode == record.mode
        else:
            confusion[(record.event, predicted_type)] += 1
        if record.sources:
            src_n += 1
            if main is not None:
                predicted = [a.text for a in main.mention.source]
                if record.reciprocal:
                    predicted += [a.text for a in main.mention.target]
                src_ok += actors_match(record.sources, predicted)
        if record.targets and not record.reciprocal:
            tar_n += 1
            if main is not None:
                tar_ok += actors_match(record.targets, [a.text for a in main.mention.target])
    for event in sorted(typed):
        table_rows.append([event, typed[event], correct[event] / typed[event]])
    headline = {
        "type_accuracy": type_ok / n if n else 0.0,
        "mode_accuracy": mode_ok / mode_n if mode_n else 0.0,
        "mode_accuracy_gold_mode": gold_mode_ok / gold_mode_n if gold_mode_n else 0.0,
        "source_match": src_ok / src_n if src_n else 0.0,
        "target_match": tar_ok / tar_n if tar_n else 0.0,
        "coverage": covered / n if n else 0.0,
        "any_event_type_recall": any_ok / n if n else 0.0,
    }
    summary = EvalTable(
        title="PLOVER event coding",
        columns=["measure", "value", "over"],
        rows=[
            ["type accuracy (primary event)", headline["type_accuracy"], n],
            ["mode accuracy (type right)", headline["mode_accuracy"], mode_n],
            [
                "mode accuracy (type right, gold mode given)",
                headline["mode_accuracy_gold_mode"],
                gold_mode_n,
            ],
            ["source match", headline["source_match"], src_n],
            ["target match", headline["target_match"], tar_n],
            ["sentences with a coded event", headline["coverage"], n],
            ["gold type among any coded event", headline["any_event_type_recall"], n],
        ],
    )
    by_type = EvalTable(
        title="type accuracy by gold type", columns=["type", "records", "accuracy"], rows=table_rows
    )
    confusions = EvalTable(
        title="most frequent confusions (gold → predicted)",
        columns=["gold", "predicted", "count"],
        rows=[[g, p, c] for (g, p), c in confusion.most_common(12)],
    )
    return EvalReport(
        task="events",
        corpus=str(path),
        documents=n,
        tables=[summary, by_type, confusions],
        headline=headline,
        notes=[
            "primary event = coded event highest in the dependency tree; PLOVER coding via "
            "events_lexicon.plover_coding (planned cooperative → AGREE, threatened hostile → "
            "THREATEN, extension modes mapped back)",
            "actor match = a predicted actor shares a content word with the gold actorText; "
            "reciprocal (SRC/TAR) records compare sources+targets with the gold sources",
            layers_note,
            ANCHOR_NOTE,
        ],
    )


def code_records(records: Sequence[GsrRecord]) -> tuple[str, list[list[Coding]]]:
    """Parse the records' sentences in batches and code them; (layers note, codings per record)."""
    from storyline.events.extract import extract_event_mentions
    from storyline.nlp import load_model, parse

    timex_fn, mention_fn, note = language_layers()
    nlp = load_model()
    texts = [r.text for r in records]
    results = []
    for record, parsed in zip(records, parse(texts, nlp), strict=True):
        document = sentence_document(record.id, record.text)
        mentions = extract_event_mentions(
            document, parsed, timex_fn(document, parsed), mention_fn(document, parsed)
        )
        results.append(codings(mentions, parsed))
    return note, results
