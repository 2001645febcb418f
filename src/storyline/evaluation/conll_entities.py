"""``storyline eval entities`` on CoNLL-2003 data: span F1 as conlleval scores it, for
storyline's entity layer and for the bare spaCy model it starts from, side by side.

Each CoNLL document is detokenised (``storyline.evaluation.conll``) and goes through what a
build does with a text: one spaCy parse, ``extract_mentions`` (names, corrected types, names
after a title) and ``canonicalise`` over all documents read (the type a user sees is the type
of the canonical entity). Each mention's character span is mapped back to the tokens it touches
and written as tags; chunks of those tags are compared with the gold chunks. The bare model is
``doc.ents`` of the same parse, mapped the same way.

Types: PERSON → PER; ORG → ORG; GPE, LOC, FAC → LOC (the CoNLL guidelines put countries,
cities, regions, buildings and public places under location); NORP, PRODUCT, WORK, EVENT (and
spaCy's LAW and LANGUAGE) → MISC. Numbers, dates and amounts are not names and are dropped.

Honest split: a document's part is ``splits.part_of(key)`` with the key ``FILE#N`` (the N-th
document of the file, counted from 0); ``part="tuning"``/``"check"`` scores only that part,
``limit`` then keeps its first N documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from storyline.evaluation.conll import (
    REPORTED_APART,
    SCORED,
    Chunk,
    ChunkTally,
    ConllDocument,
    chunks_of_sentences,
    conll_files,
    looks_like_conll,
    read_path,
    tags_for,
    token_span,
)
from storyline.evaluation.report import Cell, EvalReport, EvalTable
from storyline.evaluation.splits import check_part, in_part

#: storyline's entity types → CoNLL-2003's.
STORYLINE_TYPES: dict[str, str] = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "PRODUCT": "MISC",
    "WORK": "MISC",
    "EVENT": "MISC",
}
#: spaCy's OntoNotes labels → CoNLL-2003's (numbers, dates and amounts are not names).
SPACY_TYPES: dict[str, str] = STORYLINE_TYPES | {
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}
ALL_TYPES = (*SCORED, *REPORTED_APART)


def is_conll(path: Path) -> bool:
    """True when ``path`` is a CoNLL file, or a folder holding CoNLL files and no XML."""
    if path.is_file():
        return path.suffix.lower() != ".xml" and looks_like_conll(path)
    if not path.is_dir() or any(path.rglob("*.xml")):
        return False
    return bool(conll_files(path))


def evaluate(path: Path, limit: int | None = None, part: str = "all") -> EvalReport:
    """conlleval span scores of storyline's entity layer and of bare spaCy on CoNLL data."""
    from storyline.nlp import load_model, parse

    check_part(part)
    documents, problems = read_path(Path(path))
    if not documents:
        raise ValueError(f"{path}: no CoNLL-2003 documents found")
    total = len(documents)
    documents = [d for d in documents if in_part(d.key, part)][:limit]
    parsed = list(parse([d.text for d in documents], load_model()))
    ours, bare = ChunkTally(), ChunkTally()
    for document, chunks in zip(documents, storyline_chunks(documents, parsed), strict=True):
        ours.add(document.gold_chunks(), chunks)
    for document, doc in zip(documents, parsed, strict=True):
        spans = [(e.start_char, e.end_char, SPACY_TYPES.get(e.label_)) for e in doc.ents]
        bare.add(document.gold_chunks(), predicted_chunks(document, spans))
    return _report(Path(path), documents, total, part, ours, bare, problems)


def storyline_chunks(documents: list[ConllDocument], parsed: list) -> list[list[Chunk]]:
    """Predicted chunks of each document from the entity layer (mentions → entities)."""
    from storyline.entities.extract import canonicalise, extract_mentions

    prepared = [_as_document(d) for d in documents]
    mentions = [
        m for doc, tree in zip(prepared, parsed, strict=True) for m in extract_mentions(doc, tree)
    ]
    by_document: dict[str, list[tuple[int, int, str | None]]] = {d.key: [] for d in documents}
    for entity in canonicalise(mentions):
        for m in entity.mentions:
            span = (m.provenance.start, m.provenance.end, STORYLINE_TYPES.get(m.label))
            by_document[m.provenance.doc_id].append(span)
    return [predicted_chunks(d, by_document[d.key]) for d in documents]


def predicted_chunks(
    document: ConllDocument, spans: Iterable[tuple[int, int, str | None]]
) -> list[Chunk]:
    """Character spans → token spans → IOB2 tags → chunks, as conlleval would read them."""
    token_spans: list[Chunk] = []
    for start, end, kind in spans:
        tokens = token_span(document, start, end) if kind else None
        if tokens is not None and kind is not None:
            token_spans.append((tokens[0], tokens[1], kind))
    tags = tags_for(token_spans, len(document.tokens))
    return chunks_of_sentences(tags, document.sentences)


def _as_document(source: ConllDocument):
    """A storyline Document over the detokenised text: one paragraph per sentence, the first
    line a heading when it does not end like a sentence (news files open with a headline)."""
    from storyline.ingest.prepare import text_hash
    from storyline.models import Block, Document

    spans = source.sentence_chars()
    blocks = [
        Block(
            kind="heading"
            if i == 0 and not source.text[start:end].endswith((".", "!", "?"))
            else "paragraph",
            start=start,
            end=end,
        )
        for i, (start, end) in enumerate(spans)
    ]
    return Document(
        id=source.key,
        source=source.key,
        source_kind="txt",
        raw_text=source.text,
        text=source.text,
        blocks=blocks,
        content_hash=text_hash(source.text),
    )


def _rows(name: str, tally: ChunkTally) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    groups: list[tuple[str, tuple[str, ...]]] = [(t, (t,)) for t in ALL_TYPES]
    groups += [("PER+ORG+LOC", SCORED), ("all 4 (conlleval)", ALL_TYPES)]
    for label, types in groups:
        p, r, f1 = tally.score(types)
        rows.append(
            [
                name,
                label,
                tally.count(tally.gold, types),
                tally.count(tally.predicted, types),
                tally.count(tally.correct, types),
                round(p, 4),
                round(r, 4),
                round(f1, 4),
            ]
        )
    return rows


def _report(
    path: Path,
    documents: list[ConllDocument],
    total: int,
    part: str,
    ours: ChunkTally,
    bare: ChunkTally,
    problems: list[str],
) -> EvalReport:
    headline: dict[str, float] = {}
    for prefix, tally in (("", ours), ("spacy_", bare)):
        p, r, f1 = tally.score(SCORED)
        headline |= {f"{prefix}precision": p, f"{prefix}recall": r, f"{prefix}f1": f1}
        for kind in ALL_TYPES:
            headline[f"{prefix}f1_{kind}"] = tally.score((kind,))[2]
    headline = {k: round(v, 4) for k, v in headline.items()}
    tokens = sum(len(d.tokens) for d in documents)
    rule = "salted SHA-256 of FILE#N, storyline.evaluation.splits"
    part_note = (
        f"part: all ({total} documents; tuning and check parts by {rule})"
        if part == "all"
        else f"part: {part} ({len(documents)} of {total} documents, by {rule})"
    )
    return EvalReport(
        task="entities",
        corpus=str(path),
        documents=len(documents),
        tables=[
            EvalTable(
                title="Named entities, CoNLL-2003 chunks scored as conlleval (exact span + type)",
                columns=["system", "type", "gold", "predicted", "correct", "P", "R", "F1"],
                rows=_rows("storyline", ours) + _rows("spaCy model alone", bare),
            )
        ],
        headline=headline,
        notes=[
            "Overall = PER, ORG and LOC chunks (micro-averaged); MISC is reported on its own row "
            "and in 'all four' (conlleval's own overall). A chunk is right only with the same "
            "first and last token and the same type.",
            "storyline: extract_mentions + canonicalise over the detokenised text (the entity's "
            "type is the mention's type); spaCy model alone: doc.ents of the same parse. Types: "
            "PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC, NORP/PRODUCT/WORK/EVENT/LAW/LANGUAGE→MISC; "
            "a character span is widened to the whole tokens it touches.",
            f"{len(documents)} documents, {tokens} tokens. {part_note}",
            *problems,
        ],
    )
