"""Clean already-extracted article text: drop site furniture, collapse repeats, find blocks.

The cleaner works on lines, because furniture is a property of a whole line ("0 comment",
"Read Also: …", "Leave a Reply"). Which lines are furniture is the line model's call
(``furniture``: phrases, position, shape and repetition across the pile, with rules as data in
``data/furniture.toml``); this module applies its verdicts, lifts the header metadata, collapses
in-document repeats and types the blocks. Everything taken out is returned as a ``Removal``
with its rule and evidence, so a user can audit it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storyline.ingest.furniture import LineModel, classify
from storyline.ingest.header import Header, read_header
from storyline.ingest.titles import TitleCandidate, choose_title
from storyline.models import Block, Removal
from storyline.models.document import BlockKind
from storyline.text.lines import Line, normalise_line, split_lines

REPEAT_MIN_WORDS = 8  # shorter lines (headings, "Comments") may legitimately recur
# Share of a paragraph's word trigrams already seen earlier for it to count as a repeat.
# Plain paragraphs must be near-identical: on the ScrapingHub benchmark pages a 0.5 threshold
# removed legitimate similar lines (recipe lists, interview questions) — 2,079 gold tokens lost
# against 1,135 junk tokens. An embedded social post re-quoting the article's own quote carries
# its signature ("— Name (@handle) March 20, 2024") and differs by that tail, so it gets 0.5.
REPEAT_CONTAINMENT = 0.9
REPEAT_CONTAINMENT_EMBED = 0.5
EMBEDDED_POST_SIGNATURE = re.compile(
    r"\(@\w{1,30}\)\s*\w+\.? \d{1,2},? \d{4}\s*$|pic\.twitter\.com/\w+|@\w{1,30}\s*[—–-]\s*\S"
)
HEADING_MAX_WORDS = 14
HEADING_MAX_CHARS = 110

#: Why ``read_header`` lifted a piece of the first lines, in words.
HEADER_EVIDENCE = {
    "date-field": "a date field opening the text",
    "byline": "a 'By …' line at the top",
    "dateline": "the place (and date) opening the first paragraph",
}

_LIST_MARKER = re.compile(r"^(?:\d{1,3}[.)]|[-*•▪●])\s+")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass
class Cleaned:
    """The result of cleaning: clean text, its blocks, and what was removed."""

    text: str
    blocks: list[Block]
    removed: list[Removal]
    header: Header


def remove_furniture(
    lines: list[Line],
    *,
    known_title: str | None = None,
    repeated: Mapping[str, str] | None = None,
    site_names: Sequence[str] = (),
    extracted: bool = False,
) -> tuple[list[Line], list[Removal], LineModel]:
    """The lines the line model keeps, a ``Removal`` for each one it takes out, and the model
    (title, byline, date field of the header zone)."""
    model = classify(
        lines,
        known_title=known_title,
        repeated=repeated,
        site_names=site_names,
        extracted=extracted,
    )
    kept, removed = [], []
    for i, line in enumerate(lines):
        verdict = model.verdicts.get(i)
        if verdict is None:
            kept.append(line)
        else:
            removed.append(
                Removal(
                    text=line.text,
                    kind=verdict.kind,
                    rule=verdict.rule,
                    start=line.start,
                    end=line.end,
                    evidence=verdict.evidence,
                )
            )
    return kept, removed, model


def _trigrams(text: str) -> set[tuple[str, str, str]]:
    words = [w.lower() for w in _WORD.findall(text)]
    return set(zip(words, words[1:], words[2:], strict=False))


def collapse_repeats(lines: list[Line]) -> tuple[list[Line], list[Removal]]:
    """Drop paragraphs whose wording mostly repeats earlier text (an embedded post quoted twice).

    The first copy stays: it is the one the article's own prose introduces. Cost is linear in
    the document's length (one growing trigram set).
    """
    seen: set[tuple[str, str, str]] = set()
    kept, removed = [], []
    for line in lines:
        grams = _trigrams(line.text)
        long_enough = len(_WORD.findall(line.text)) >= REPEAT_MIN_WORDS
        threshold = (
            REPEAT_CONTAINMENT_EMBED
            if EMBEDDED_POST_SIGNATURE.search(line.text)
            else REPEAT_CONTAINMENT
        )
        shared = len(grams & seen) / len(grams) if grams else 0.0
        if long_enough and shared >= threshold:
            removed.append(
                Removal(
                    text=line.text,
                    kind="repeat",
                    rule="repeated-paragraph",
                    start=line.start,
                    end=line.end,
                    evidence=f"{shared:.0%} of its wording is in an earlier paragraph",
                )
            )
            continue
        seen |= grams
        kept.append(line)
    return kept, removed


def block_kind(text: str, heading_marked: bool) -> BlockKind:
    """heading / question / list-item / paragraph, from the line's shape."""
    words = text.split()
    if text.endswith("?") and len(words) <= 40:
        return "question"
    if _LIST_MARKER.match(text):
        return "list-item"
    if heading_marked:
        return "heading"
    short = len(words) <= HEADING_MAX_WORDS and len(text) <= HEADING_MAX_CHARS
    if short and not re.search(r"[.!?:;,\"”'’)]$", text) and text[:1].isupper():
        return "heading"
    return "paragraph"


def assemble(lines: list[Line]) -> tuple[str, list[Block]]:
    """Join kept lines into clean text (blank line between blocks), recording block spans."""
    parts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    for line in lines:
        text = normalise_line(line.text)
        if not text:
            continue
        if parts:
            parts.append("\n\n")
            offset += 2
        blocks.append(
            Block(kind=block_kind(text, line.heading_marked), start=offset, end=offset + len(text))
        )
        parts.append(text)
        offset += len(text)
    return "".join(parts), blocks


def clean_text(
    raw: str,
    *,
    known_title: str | None = None,
    repeated: Mapping[str, str] | None = None,
    site_names: Sequence[str] = (),
    extracted: bool = False,
) -> Cleaned:
    """The cleaner's centre: furniture out, header metadata lifted, repeats collapsed.

    ``known_title`` is the headline the page's metadata gave (HTML, JSON); ``repeated`` maps line
    keys to the pile-wide evidence that they are boilerplate (``boilerplate``; empty for a
    document on its own, which keeps preparing one document pure); ``extracted`` says an HTML
    extractor produced ``raw`` (``RawRecord.already_extracted``)."""
    if known_title:
        known_title = choose_title([TitleCandidate("record", known_title)], site_names) or (
            normalise_line(known_title)
        )
    kept, furniture, model = remove_furniture(
        split_lines(raw),
        known_title=known_title,
        repeated=repeated,
        site_names=site_names,
        extracted=extracted,
    )
    header, kept, lifted = read_header(kept, known_title=model.title)
    lifted = [
        r if r.evidence else r.model_copy(update={"evidence": HEADER_EVIDENCE.get(r.rule)})
        for r in lifted
    ]
    if header.date_field is None and model.date_field is not None:
        header.date_field, header.date_field_label = model.date_field, model.date_field_label
    header.byline = header.byline or model.byline
    kept, repeats = collapse_repeats(kept)
    text, blocks = assemble(kept)
    removed = sorted(furniture + lifted + repeats, key=lambda r: r.start)
    return Cleaned(text=text, blocks=blocks, removed=removed, header=header)
