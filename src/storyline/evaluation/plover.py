"""Event coding scored against PLOVER gold records and PETRARCH's unit-test records.

How PLOVER records are scored. Each record is one sentence; storyline parses it
(``storyline.nlp.parse``, batched), codes it with ``extract_event_mentions`` and maps each event to
its PLOVER 0.5b1 coding (``events.lexicon.plover_coding``: a planned cooperative act is AGREE, a
threatened hostile act THREATEN, storyline's extension modes to the PLOVER mode they refine). The
*primary* event of the sentence is the coded event whose clause word is highest in the dependency
tree (the main predicate), ties to the first. Type accuracy = primary type equals the gold type,
over all records (no event counts as wrong). Mode accuracy is over records whose type is right
(gold "" counts as no mode; the codebook's organised/spontaneous demo and riot modes are compared
merged, as the codebook itself later merged them). Actors are matched **strictly**
(``plover_actors.actors_match_strict``: every predicted actor's head word is in a gold actor
phrase); the first version's lenient content-word overlap is reported beside it. Source match is
over records with a gold source; for reciprocal records (markup "SRC/TAR", no target) predicted
sources and targets together are compared with the gold sources. Target match is over records
with a gold target.

The report ends with a "failures" table (area, item, expected, got: the CLI prints one line each):
every record whose source or target does not match, with the primary event's type, trigger and
actors, so the causes of wrong or missing actors can be read and grouped.

``part`` scores the tuning or the check part of the honest split (``splits.part_of`` of the
record id). PETRARCH's unit-test records are scored by ``evaluate_unit_tests`` (see
``plover_petrarch`` for why their event codes are not compared).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.evaluation.event_layers import language_layers, sentence_document
from storyline.evaluation.plover_actors import (
    FAILURE_CAUSES,
    actors_match,
    actors_match_strict,
    failure_cause,
)
from storyline.evaluation.plover_gsr import read_gsr
from storyline.evaluation.plover_petrarch import codes_match, read_unit_tests
from storyline.evaluation.report import Cell, EvalReport, EvalTable
from storyline.evaluation.splits import check_part, in_part
from storyline.models import EventMention

ANCHOR_NOTE = (
    "anchor: UniversalPetrarch reports 68% on its own validation suite (a different set of "
    "sentences; quoted as the bar to beat, not a like-for-like comparison)"
)


@dataclass
class Coding:
    """The PLOVER coding of one event mention with its place in the parse."""

    type: str
    mode: str | None
    depth: int
    start: int
    mention: EventMention

    @property
    def sources(self) -> list[str]:
        return [a.text for a in self.mention.source]

    @property
    def targets(self) -> list[str]:
        return [a.text for a in self.mention.target]


def codings(mentions: Sequence[EventMention], parsed: Any) -> list[Coding]:
    """PLOVER codings of a sentence's event mentions (events PLOVER does not code dropped)."""
    from storyline.events.lexicon import plover_coding, settings

    threat_marks = settings()["plover"]["threat_marks"]
    found = []
    for mention in mentions:
        conditional = (mention.factuality_cue or "").lower() in threat_marks
        type_, mode = plover_coding(mention.type, mention.mode, mention.factuality, conditional)
        if type_ is None:
            continue
        found.append(
            Coding(type_, mode, _depth(parsed, mention), mention.provenance.start, mention)
        )
    return found


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


def code_texts(items: Sequence[tuple[str, str]]) -> tuple[str, list[list[Coding]]]:
    """Parse (id, sentence) pairs in batches and code them; (layers note, codings per item)."""
    from storyline.events.extract import extract_event_mentions
    from storyline.nlp import load_model, parse

    timex_fn, mention_fn, note = language_layers()
    nlp = load_model()
    results = []
    for (item_id, text), parsed in zip(items, parse([t for _, t in items], nlp), strict=True):
        document = sentence_document(item_id, text)
        mentions = extract_event_mentions(
            document, parsed, timex_fn(document, parsed), mention_fn(document, parsed)
        )
        results.append(codings(mentions, parsed))
    return note, results


def _failure(
    area: str, record: Any, expected: Sequence[str], main: Coding | None, got: Sequence[str]
) -> list[Cell]:
    """One failing record as a row of the failures table: what the gold names, what was coded
    (the primary event's type, trigger and actors)."""
    if main is None:
        coded = "no event"
    else:
        coded = f"{main.type} {main.mention.trigger!r}: {' | '.join(got) or '(none)'}"
    return [area, f"{record.id} {record.text}", " | ".join(expected), coded]


def _failures_table(rows: list[list[Cell]]) -> EvalTable:
    """The failing records, in the shape the CLI prints as one line each (``[area] item: …``)."""
    return EvalTable(title="failures", columns=["area", "item", "expected", "got"], rows=rows)


def _causes_table(causes: Counter[tuple[str, str]]) -> EvalTable:
    """How many source and target failures fall in each coarse class (``failure_cause``)."""
    rows: list[list[Cell]] = [
        [cause, causes["source", cause], causes["target", cause]] for cause in FAILURE_CAUSES
    ]
    return EvalTable(
        title="actor failures by cause", columns=["cause", "source", "target"], rows=rows
    )


def _ratio(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def evaluate_plover(path: Path, limit: int | None = None, part: str = "all") -> EvalReport:
    check_part(part)
    records = [r for r in read_gsr(path) if in_part(r.id, part)]
    if limit is not None:
        records = records[:limit]
    layers_note, results = code_texts([(r.id, r.text) for r in records])
    typed: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    n = len(records)
    hits: Counter[str] = Counter()
    over: Counter[str] = Counter()
    failures: list[list[Cell]] = []
    causes: Counter[tuple[str, str]] = Counter()
    for record, found in zip(records, results, strict=True):
        typed[record.event] += 1
        main = primary(found)
        hits["covered"] += bool(found)
        hits["any"] += any(c.type == record.event for c in found)
        predicted_type = main.type if main else "none"
        if main is not None and predicted_type == record.event:
            hits["type"] += 1
            correct[record.event] += 1
            over["mode"] += 1
            hits["mode"] += (main.mode or None) == record.mode
            if record.mode:
                over["gold_mode"] += 1
                hits["gold_mode"] += main.mode == record.mode
        else:
            confusion[(record.event, predicted_type)] += 1
        if record.sources:
            over["source"] += 1
            predicted = [] if main is None else main.sources
            if main is not None and record.reciprocal:
                predicted = predicted + main.targets
            matched = actors_match_strict(record.sources, predicted)
            hits["source"] += matched
            hits["source_lenient"] += actors_match(record.sources, predicted)
            if not matched:
                failures.append(_failure("source", record, record.sources, main, predicted))
                causes["source", failure_cause(record.sources, predicted, main is not None)] += 1
        if record.targets and not record.reciprocal:
            over["target"] += 1
            predicted = [] if main is None else main.targets
            matched = actors_match_strict(record.targets, predicted)
            hits["target"] += matched
            hits["target_lenient"] += actors_match(record.targets, predicted)
            if not matched:
                failures.append(_failure("target", record, record.targets, main, predicted))
                causes["target", failure_cause(record.targets, predicted, main is not None)] += 1
    headline = {
        "type_accuracy": _ratio(hits["type"], n),
        "mode_accuracy": _ratio(hits["mode"], over["mode"]),
        "mode_accuracy_gold_mode": _ratio(hits["gold_mode"], over["gold_mode"]),
        "source_match": _ratio(hits["source"], over["source"]),
        "target_match": _ratio(hits["target"], over["target"]),
        "source_match_lenient": _ratio(hits["source_lenient"], over["source"]),
        "target_match_lenient": _ratio(hits["target_lenient"], over["target"]),
        "coverage": _ratio(hits["covered"], n),
        "any_event_type_recall": _ratio(hits["any"], n),
    }
    rows: list[list[str | float | int | None]] = [
        ["type accuracy (primary event)", headline["type_accuracy"], n],
        ["mode accuracy (type right)", headline["mode_accuracy"], over["mode"]],
        [
            "mode accuracy (type right, gold mode given)",
            headline["mode_accuracy_gold_mode"],
            over["gold_mode"],
        ],
        ["source match (strict: head word)", headline["source_match"], over["source"]],
        ["target match (strict: head word)", headline["target_match"], over["target"]],
        ["source match (lenient)", headline["source_match_lenient"], over["source"]],
        ["target match (lenient)", headline["target_match_lenient"], over["target"]],
        ["sentences with a coded event", headline["coverage"], n],
        ["gold type among any coded event", headline["any_event_type_recall"], n],
    ]
    summary = EvalTable(
        title=f"PLOVER event coding (part: {part})", columns=["measure", "value", "over"], rows=rows
    )
    by_type = EvalTable(
        title="type accuracy by gold type",
        columns=["type", "records", "accuracy"],
        rows=[[t, typed[t], correct[t] / typed[t]] for t in sorted(typed)],
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
        tables=[summary, by_type, confusions, _causes_table(causes), _failures_table(failures)],
        headline=headline,
        notes=[
            f"part {part}: records split by a salted SHA-256 of the record id "
            "(storyline.evaluation.splits)",
            "primary event = coded event highest in the dependency tree; PLOVER coding via "
            "events.lexicon.plover_coding (planned cooperative → AGREE, threatened hostile → "
            "THREATEN, extension modes mapped back)",
            "actor match (strict) = every predicted actor's head word occurs in a gold actor "
            "phrase; reciprocal (SRC/TAR) records compare sources+targets with the gold sources",
            layers_note,
            ANCHOR_NOTE,
        ],
    )


def evaluate_unit_tests(path: Path, limit: int | None = None, part: str = "all") -> EvalReport:
    """Event detection and actors on PETRARCH's unit-test records (see ``plover_petrarch``)."""
    check_part(part)
    records = [r for r in read_unit_tests(path) if in_part(r.id, part)]
    if limit is not None:
        records = records[:limit]
    layers_note, results = code_texts([(r.id, r.text) for r in records])
    hits: Counter[str] = Counter()
    over: Counter[str] = Counter()
    failures: list[list[Cell]] = []
    for record, found in zip(records, results, strict=True):
        main = primary(found)
        if not record.expects_event:
            over["silent"] += 1
            hits["silent"] += not found
            continue
        over["found"] += 1
        hits["found"] += main is not None
        sources = [c.source for c in record.codings]
        targets = [c.target for c in record.codings]
        over["source"] += 1
        over["target"] += any(t and t[0].isalpha() for t in targets)
        if main is None:
            expected = [f"{c.source}→{c.target}" for c in record.codings]
            failures.append(_failure("petrarch event", record, expected, None, []))
            continue
        hits["source"] += codes_match(sources, main.sources)
        hits["target"] += codes_match(targets, main.targets)
        if any(t and t[0].isalpha() for t in targets) and not codes_match(targets, main.targets):
            failures.append(_failure("petrarch target", record, targets, main, main.targets))
    headline = {
        "events_found": _ratio(hits["found"], over["found"]),
        "no_event_right": _ratio(hits["silent"], over["silent"]),
        "source_match": _ratio(hits["source"], over["source"]),
        "target_match": _ratio(hits["target"], over["target"]),
    }
    table = EvalTable(
        title=f"PETRARCH unit-test records (part: {part})",
        columns=["measure", "value", "over"],
        rows=[
            ["sentences with an expected event coded", headline["events_found"], over["found"]],
            ["sentences that must yield none and do", headline["no_event_right"], over["silent"]],
            ["source names an expected source state", headline["source_match"], over["source"]],
            ["target names an expected target state", headline["target_match"], over["target"]],
        ],
    )
    return EvalReport(
        task="events",
        corpus=str(path),
        documents=len(records),
        tables=[table, _failures_table(failures)],
        headline=headline,
        notes=[
            "PETRARCH unit tests: event codes come from PETRARCH's validation dictionary, not "
            "CAMEO, so types are not compared; actor codes are matched by their country letters",
            layers_note,
        ],
    )
