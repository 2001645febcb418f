"""TimeML (.tml, TempEval-3 TBAQ-cleaned) reader and TempEval-3 style TIMEX3 scoring.

The reader is a tolerant tag tokenizer rather than an XML parser: TimeML files in the wild mix
XML escapes, stray ``&`` and unbalanced markup, and we need character offsets of each TIMEX3 in
the plain TEXT anyway. The document creation time (DCT) comes from the TIMEX3 with
``functionInDocument="CREATION_TIME"`` (the DCT element, or a DOCID like NYT19981120 as a last
resort); it is the anchor, not a gold expression to find.

Scoring follows the TempEval-3 task A scorer (UzZaman et al. 2013): strict span match (same
characters), relaxed match (any overlap, one-to-one), type and value accuracy over relaxed
matches, and attribute F1 = relaxed F1 x attribute accuracy.

Honest split: a document belongs to the tuning or the check part by
``storyline.evaluation.splits.part_of(doc_id)`` (a salted SHA-256 of the DOCID, e.g.
``APW19980807.0261``, or of the file name when the file has none); it never depends on scores.
``part="tuning"`` or ``"check"`` scores only that part's documents; ``limit`` then keeps its
first N (in file order).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from storyline.evaluation.report import EvalReport, EvalTable
from storyline.evaluation.scoring import prf
from storyline.evaluation.splits import check_part, in_part
from storyline.text.datewords import parse_iso_prefix, safe_date

TAG = re.compile(r"<(/?)([A-Za-z_][\w.:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>", re.S)
ATTR = re.compile(r"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
DOCID_DATE = re.compile(r"(?:(?:19|20)\d{6}|\d{6})")  # NYT19981120 / APW19990507 / AP900815


@dataclass(frozen=True)
class GoldTimex:
    """One TIMEX3 of a TimeML TEXT: offsets index ``TimeMLDocument.text``."""

    tid: str
    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass
class TimeMLDocument:
    doc_id: str
    text: str
    dct: date | None
    timexes: list[GoldTimex] = field(default_factory=list)
    ignored: list[tuple[int, int]] = field(default_factory=list)  # CREATION_TIME spans in TEXT

    @property
    def dct_in_text(self) -> int:
        return len(self.ignored)


def tag_attributes(raw: str) -> dict[str, str]:
    return {m.group(1): html.unescape(m.group(2) or m.group(3) or "") for m in ATTR.finditer(raw)}


def _section(source: str, name: str) -> str | None:
    m = re.search(rf"<{name}\b[^>]*>(.*?)</{name}\s*>", source, re.S | re.I)
    return m.group(1) if m else None


def strip_markup(fragment: str, tag: str) -> tuple[str, list[tuple[dict[str, str], int, int]]]:
    """Plain text of a TimeML fragment plus (attributes, start, end) of each ``tag`` element in
    it (TIMEX3 for the time expressions, EVENT for the factuality gold), in closing order."""
    out: list[str] = []
    length = 0
    open_tags: list[tuple[dict[str, str], int]] = []
    found: list[tuple[dict[str, str], int, int]] = []
    position = 0
    for m in TAG.finditer(fragment):
        chunk = html.unescape(fragment[position : m.start()])
        out.append(chunk)
        length += len(chunk)
        position = m.end()
        closing, name, raw_attrs, self_closing = m.groups()
        if name.upper() != tag:
            continue
        if closing:
            if open_tags:
                attrs, start = open_tags.pop()
                found.append((attrs, start, length))
        elif self_closing:
            found.append((tag_attributes(raw_attrs), length, length))
        else:
            open_tags.append((tag_attributes(raw_attrs), length))
    out.append(html.unescape(fragment[position:]))
    return "".join(out), found


def _dct(source: str, doc_id: str) -> date | None:
    for m in TAG.finditer(source):
        if m.group(2).upper() == "TIMEX3" and not m.group(1):
            attrs = tag_attributes(m.group(3))
            if attrs.get("functionInDocument") == "CREATION_TIME":
                day = parse_iso_prefix(attrs.get("value", ""))
                if day is not None:
                    return day
    docid_date = DOCID_DATE.search(doc_id)
    if docid_date:
        digits = docid_date.group(0)
        if len(digits) == 8:
            return safe_date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        year = int(digits[:2])
        return safe_date(
            1900 + year if year > 30 else 2000 + year, int(digits[2:4]), int(digits[4:])
        )
    return None


def read_tml(source: str, doc_id: str = "") -> TimeMLDocument:
    """A TimeML document from its source text; tolerant of missing sections and bad escapes."""
    doc_id = (_section(source, "DOCID") or doc_id).strip()
    body = _section(source, "TEXT")
    if body is None:  # a fragment without a TEXT element: read the whole thing
        body = source
    text, spans = strip_markup(body, "TIMEX3")
    document = TimeMLDocument(doc_id=doc_id, text=text, dct=_dct(source, doc_id))
    for attrs, start, end in spans:
        if attrs.get("functionInDocument") == "CREATION_TIME":
            document.ignored.append((start, end))
            continue
        if end <= start:  # non-consuming TIMEX3 (an implicit point or duration): not in text
            continue
        # trim whitespace so offsets name only the words
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        document.timexes.append(
            GoldTimex(
                tid=attrs.get("tid", ""),
                start=start,
                end=end,
                text=text[start:end],
                type=attrs.get("type", "DATE").upper(),
                value=attrs.get("value") or None,
            )
        )
    return document


def read_corpus(path: Path, limit: int | None = None) -> list[TimeMLDocument]:
    """Every ``.tml`` file under ``path`` (or the file itself), sorted, duplicates (same DOCID and
    text, as when a corpus ships a copy in a test folder) kept once."""
    files = [path] if path.is_file() else sorted(path.rglob("*.tml"))
    documents: list[TimeMLDocument] = []
    seen: set[tuple[str, str]] = set()
    for file in files:
        source = file.read_text(encoding="utf-8", errors="replace")
        document = read_tml(source, doc_id=file.stem)
        key = (document.doc_id, document.text)
        if key in seen:
            continue
        seen.add(key)
        documents.append(document)
        if limit is not None and len(documents) >= limit:
            break
    return documents


# --- scoring -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SystemTimex:
    start: int
    end: int
    text: str
    type: str
    value: str | None
    rule: str = ""


@dataclass
class Tally:
    """Counts behind the TempEval-3 numbers, summed over documents."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_correct: int = 0
    value_correct: int = 0
    by_type: Counter = field(default_factory=Counter)  # (gold type, what) → count
    by_rule: Counter = field(default_factory=Counter)  # (system rule, what) → count
    errors: list[tuple[str, str, str, str, str]] = field(default_factory=list)


def same_value(gold: str | None, system: str | None) -> bool:
    return (gold or "").strip().upper() == (system or "").strip().upper() and bool(gold)


def match_relaxed(
    gold: Sequence[GoldTimex], system: Sequence[SystemTimex]
) -> list[tuple[GoldTimex, SystemTimex]]:
    """One-to-one overlap matching: each gold timex takes the free system span overlapping it
    most (exact spans first, so a strict match is never stolen)."""
    pairs: list[tuple[GoldTimex, SystemTimex]] = []
    used: set[int] = set()
    for g in sorted(gold, key=lambda g: g.start):
        best, best_overlap = None, 0
        for i, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if i in used or overlap <= 0:
                continue
            score = overlap + (10_000 if (s.start, s.end) == (g.start, g.end) else 0)
            if score > best_overlap:
                best, best_overlap = i, score
        if best is not None:
            used.add(best)
            pairs.append((g, system[best]))
    return pairs


def score_document(
    doc_id: str, gold: Sequence[GoldTimex], system: Sequence[SystemTimex], tally: Tally
) -> None:
    tally.gold += len(gold)
    tally.system += len(system)
    for g in gold:
        tally.by_type[(g.type, "gold")] += 1
    for s in system:
        tally.by_rule[(s.rule, "system")] += 1
    for g, s in match_relaxed(gold, system):
        tally.relaxed += 1
        tally.strict += (g.start, g.end) == (s.start, s.end)
        tally.type_correct += g.type == s.type
        right = same_value(g.value, s.value)
        tally.value_correct += right
        tally.by_type[(g.type, "matched")] += 1
        tally.by_type[(g.type, "value")] += right
        tally.by_rule[(s.rule, "matched")] += 1
        tally.by_rule[(s.rule, "value")] += right
        if not right:
            tally.errors.append((doc_id, g.text, g.value or "", s.text, s.value or ""))


def _round(x: float) -> float:
    return round(x, 4)


def report(tally: Tally, corpus: str, documents: int, notes: list[str]) -> EvalReport:
    sp, sr, sf = prf(tally.strict, tally.system, tally.gold)
    rp, rr, rf = prf(tally.relaxed, tally.system, tally.gold)
    vp, vr, vf = prf(tally.value_correct, tally.system, tally.gold)
    tp, tr, tf = prf(tally.type_correct, tally.system, tally.gold)
    type_accuracy = tally.type_correct / tally.relaxed if tally.relaxed else 0.0
    value_accuracy = tally.value_correct / tally.relaxed if tally.relaxed else 0.0
    summary = EvalTable(
        title="TIMEX3 (TempEval-3 task A scoring)",
        columns=["measure", "precision", "recall", "F1", "accuracy"],
        rows=[
            ["strict span", _round(sp), _round(sr), _round(sf), None],
            ["relaxed span", _round(rp), _round(rr), _round(rf), None],
            ["type", _round(tp), _round(tr), _round(tf), _round(type_accuracy)],
            ["value", _round(vp), _round(vr), _round(vf), _round(value_accuracy)],
        ],
    )
    types = sorted({t for t, _ in tally.by_type})
    by_type = EvalTable(
        title="By gold type",
        columns=["type", "gold", "relaxed recall", "value accuracy"],
        rows=[
            [
                t,
                tally.by_type[(t, "gold")],
                _round(tally.by_type[(t, "matched")] / max(1, tally.by_type[(t, "gold")])),
                _round(tally.by_type[(t, "value")] / max(1, tally.by_type[(t, "matched")])),
            ]
            for t in types
        ],
    )
    # most found first, equal counts by name: the table reads the same on every run
    rules = sorted({r for r, _ in tally.by_rule}, key=lambda r: (-tally.by_rule[(r, "system")], r))
    by_rule = EvalTable(
        title="By system rule",
        columns=["rule", "found", "matched gold", "value right"],
        rows=[
            [
                r,
                tally.by_rule[(r, "system")],
                tally.by_rule[(r, "matched")],
                tally.by_rule[(r, "value")],
            ]
            for r in rules
        ],
    )
    common = Counter((g, gv, s, sv) for _, g, gv, s, sv in tally.errors).most_common(25)
    errors = EvalTable(
        title="Most frequent value errors (relaxed matches)",
        columns=["gold text", "gold value", "system text", "system value", "count"],
        rows=[[g, gv, s, sv, n] for (g, gv, s, sv), n in common],
    )
    return EvalReport(
        task="timex",
        corpus=corpus,
        documents=documents,
        tables=[summary, by_type, by_rule, errors],
        headline={
            "strict_f1": _round(sf),
            "relaxed_f1": _round(rf),
            "type_accuracy": _round(type_accuracy),
            "value_f1": _round(vf),
        },
        notes=notes,
    )


def system_timexes(
    documents: Sequence[TimeMLDocument], sources: str
) -> Iterator[list[SystemTimex]]:
    """storyline's timexes for each gold text, parsed in batches, anchored at the DCT."""
    from storyline.models import Document
    from storyline.nlp import parse
    from storyline.timex.extract import extract_timexes

    texts = [d.text for d in documents]
    for gold, parsed in zip(documents, parse(texts), strict=True):
        document = Document(
            id=gold.doc_id,
            source=gold.doc_id,
            source_kind="txt",
            published=gold.dct.isoformat() if gold.dct else None,
            raw_text=gold.text,
            text=gold.text,
            content_hash=gold.doc_id,
        )
        yield [
            SystemTimex(
                t.provenance.start, t.provenance.end, t.text, t.type, t.value, t.rule.split("/")[0]
            )
            for t in extract_timexes(document, parsed, sources=sources)
        ]


def evaluate(
    path: Path, limit: int | None = None, sources: str | None = None, part: str = "all"
) -> EvalReport:
    """Score storyline's TIMEX3 extraction on the .tml files under ``path`` (the documents of
    ``part`` only, see the module docstring)."""
    from storyline.timex.extract import DEFAULT_SOURCES

    check_part(part)
    every = read_corpus(path)
    documents = [d for d in every if in_part(d.doc_id, part)][:limit]
    tally = Tally()
    for gold, system in zip(
        documents, system_timexes(documents, sources or DEFAULT_SOURCES), strict=True
    ):
        kept = [s for s in system if not any(s.start < e and b < s.end for b, e in gold.ignored)]
        score_document(gold.doc_id, gold.timexes, kept, tally)
    undated = sum(d.dct is None for d in documents)
    in_text = sum(d.dct_in_text for d in documents)
    notes = [
        "The document creation time (TIMEX3 functionInDocument=CREATION_TIME) is the anchor and "
        "is excluded from gold: it is metadata, not text"
        + (
            f" ({in_text} such tags inside TEXT were dropped, and system spans on them ignored)."
            if in_text
            else "."
        ),
        "Relaxed match: any character overlap, one-to-one; value/type F1 = relaxed F1 x "
        "attribute accuracy, as the TempEval-3 scorer computes it.",
        f"Candidate sources: {sources or DEFAULT_SOURCES}. Anchor: HeidelTime about 0.78 value "
        "F1 on the unseen TempEval-3 test set; storyline's rules were checked against TBAQ (the "
        "TempEval-3 training data) by general rules, so scores on TBAQ itself are optimistic.",
    ]
    files = 1 if path.is_file() else sum(1 for _ in path.rglob("*.tml"))
    if files > len(every):
        notes.append(
            f"{files - len(every)} file(s) repeating a document (same DOCID and text) "
            "were read once."
        )
    rule = "salted SHA-256 of the DOCID, storyline.evaluation.splits"
    notes.append(
        f"part: all ({len(every)} documents; tuning and check parts by {rule})"
        if part == "all"
        else f"part: {part} ({len(documents)} of {len(every)} documents, by {rule})"
    )
    if undated:
        notes.append(f"{undated} documents had no creation time; relative values stay open.")
    return report(tally, str(path), len(documents), notes)
