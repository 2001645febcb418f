"""Which sentences a summary may quote, and how they may be trimmed.

A summary reports what happened, so it never quotes page structure or template text: headings,
questions, the answer paragraph after a question (FAQ and Q&A blocks), sections opened by an
FAQ, "How to" or "Step N" heading, sentences about the page or addressed to the reader, pieces
of a quotation the sentence splitter cut, social-media embed signatures, or generic filler
(a stock phrase of generated text, ``quality.toml`` [filler], in the part it would quote). All
of these are read from the cleaner's blocks and general patterns (``data/summary.toml``, and the
template patterns of ``data/quality.toml`` so both stages agree), never from any particular
site.

Trimming only removes whole words at the edges — a leading connective ("Notably,") or a trailing
commentary clause (", highlighting …") that holds no name, number or date — so every summary
sentence is a span of the source text (plus a full stop where a clause was cut).
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from storyline.data import read_toml
from storyline.models import Block, Document, DocumentAnalysis, Sentence
from storyline.quality.rules import load_rules
from storyline.quality.text_signals import filler_matches
from storyline.text.lines import LIST_PREFIX
from storyline.text.vectors import term_of

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_DIGIT = re.compile(r"\d")
_NORMAL = re.compile(r"[\W_]+")


@cache
def config() -> dict[str, Any]:
    return read_toml("summary.toml")


@dataclass(frozen=True)
class Rules:
    """``summary.toml`` [candidates] and [trim], compiled once."""

    min_words: int
    max_words: int
    skip_blocks: frozenset[str]
    section: tuple[re.Pattern[str], ...]
    skip_answers: bool
    meta: tuple[re.Pattern[str], ...]
    balanced_quotes: bool
    embed: re.Pattern[str]
    leading: re.Pattern[str]
    trailing: re.Pattern[str]
    min_kept_words: int
    anaphors: frozenset[str]
    max_filler: float


@cache
def rules() -> Rules:
    conf = config()
    cand, trim = conf["candidates"], conf["trim"]
    quality = load_rules()
    leading = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in trim["leading"])
    participles = "|".join(re.escape(w) for w in trim["trailing_participles"])
    return Rules(
        min_words=int(cand["min_words"]),
        max_words=int(cand["max_words"]),
        skip_blocks=frozenset(cand["skip_blocks"]),
        section=(
            quality.faq_heading,
            quality.step,
            *(re.compile(p, re.IGNORECASE) for p in cand["section_headings"]),
        ),
        skip_answers=bool(cand["skip_answers"]),
        meta=tuple(re.compile(p, re.IGNORECASE) for p in cand["meta_patterns"]),
        balanced_quotes=bool(cand["require_balanced_quotes"]),
        embed=re.compile(cand["embed_pattern"]),
        leading=re.compile(rf"(?:{leading})\s*,\s+(?=\S)", re.IGNORECASE),
        trailing=re.compile(rf",\s+(?:{participles})\b[^,;:“”\"]*[.!]?$", re.IGNORECASE),
        min_kept_words=int(trim["min_kept_words"]),
        anaphors=frozenset(conf["weights"]["anaphors"]),
        max_filler=float(cand["max_filler"]),
    )


@dataclass(slots=True)
class Candidate:
    """A sentence the summary may quote: its kept span, display text and content words.

    The texts are the document's own (``source``, shared, not copied) except where they differ
    from its span (a trimmed sentence's display text, an analysis sentence that is not its
    span), and the content words are one sorted tuple (``kept`` stores them as they are here).
    A summary holds candidates only while it reads them (``columns`` holds the pile's rows), so
    their words are not interned: interning every word of the pile grew the interpreter's table
    of interned strings by 59 MB at 10,100 simulated documents, and it never shrinks.

    Not frozen, though nothing assigns to a candidate once made: every build reads every kept
    candidate of the pile back (``kept``), and a frozen dataclass's ``__init__`` sets each of
    its 15 fields through ``object.__setattr__`` (1.5 µs a candidate against 0.19 µs, measured
    with ``timeit``; 48k candidates at 3,030 documents). Candidates are compared by their
    fields and never hashed (a summary holds them in lists, and their concepts by ``id``)."""

    doc_id: str
    index: int
    sentence_start: int
    sentence_end: int
    start: int
    end: int
    trimmed: bool
    words: int
    terms: tuple[str, ...]
    filler: float
    anaphoric: bool
    source: str = field(repr=False)
    shown: str | None = None  # the display text, where it is not ``source[start:end]``
    told: str | None = None  # the sentence's text, where it is not its span of ``source``
    said: int = 0  # ``text_key`` of the display text: which candidates say the same words

    @property
    def text(self) -> str:
        """What the summary shows: the kept span, or its trimmed form."""
        return self.source[self.start : self.end] if self.shown is None else self.shown

    @property
    def sentence_text(self) -> str:
        """The whole sentence, as the analysis has it (the evidence a citation quotes)."""
        if self.told is None:
            return self.source[self.sentence_start : self.sentence_end]
        return self.told


def normal(text: str) -> str:
    """The words of ``text`` as a citation compares them: lower case, any run of other
    characters one space."""
    return _NORMAL.sub(" ", text.lower()).strip()


def text_key(text: str) -> int:
    """A digest of ``normal(text)``: equal for texts with the same words (a citation lists every
    document that quotes the sentence). Kept with a document's candidates (``kept``), so a
    build does not normalise every candidate of the pile again to find the few it cites; two
    texts with the same key are still compared in full (``citations``), so a collision
    cannot cite a document that does not say the sentence, and four bytes do (a key costs
    about 11 bytes of a kept row; at a million candidates about a hundred pairs share one by
    chance, each costing one more comparison)."""
    normalised = normal(text).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(normalised, digest_size=4).digest(), "big")


def skipped_blocks(document: Document, rules_: Rules | None = None) -> dict[int, str]:
    """Block index → why it is never summarised (heading, question, answer, section)."""
    rules_ = rules_ or rules()
    skipped: dict[int, str] = {}
    section: str | None = None
    after_question = False
    for i, block in enumerate(document.blocks):
        text = LIST_PREFIX.sub("", document.block_text(block).strip()).strip(" *_#")
        if block.kind == "heading":
            opens = next((p.pattern for p in rules_.section if p.match(text)), None)
            section = f"section under '{text[:40]}'" if opens else None
            after_question = False
        if block.kind in rules_.skip_blocks:
            skipped[i] = block.kind
            after_question = block.kind == "question"
            continue
        if section:
            skipped[i] = section
        elif after_question and rules_.skip_answers:
            skipped[i] = "answer to a question"
        after_question = False
    return skipped


def candidates(
    document: Document,
    analysis: DocumentAnalysis,
    protected: Sequence[tuple[int, int]] = (),
    rules_: Rules | None = None,
) -> list[Candidate]:
    """The sentences of ``document`` a summary may quote, trimmed where allowed.

    ``protected`` are spans (names, figures, dates) a trailing clause must not contain to be cut.
    """
    rules_ = rules_ or rules()
    blocks = sorted(enumerate(document.blocks), key=lambda item: item[1].start)
    starts = [b.start for _, b in blocks]
    skipped = skipped_blocks(document, rules_)
    spans = sorted(protected)
    span_starts = [s for s, _ in spans]
    # The analysis already counted the document's filler; most documents have none, and then
    # no sentence of theirs needs the 20-odd filler patterns run over it again.
    has_filler = analysis.signals.get("filler_hits", 1.0) > 0
    out = []
    for sentence in analysis.sentences:
        block = _block_at(blocks, starts, sentence.start)
        if block is not None and block[0] in skipped:
            continue
        lo = bisect.bisect_left(span_starts, sentence.start)
        hi = bisect.bisect_left(span_starts, sentence.end)
        found = _candidate(document, sentence, spans[lo:hi], rules_, has_filler)
        if found is not None:
            out.append(found)
    return out


def _block_at(
    blocks: list[tuple[int, Block]], starts: list[int], offset: int
) -> tuple[int, Block] | None:
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and blocks[i][1].start <= offset < max(blocks[i][1].end, blocks[i][1].start + 1):
        return blocks[i]
    return None


def rejects(text: str, rules_: Rules | None = None) -> str | None:
    """Why a sentence can never be quoted on its own, or None."""
    return _rejects(text, rules_) if rules_ is not None else _rejects_by_default(text)


@lru_cache(maxsize=1 << 14)
def _rejects_by_default(text: str) -> str | None:
    """``rejects`` with the configured rules, kept per sentence: ``ask`` and the web app judge
    the same sentences over and over."""
    return _rejects(text, rules())


def _rejects(text: str, rules_: Rules) -> str | None:
    stripped = text.strip()
    words = len(_WORD.findall(stripped))
    if words < rules_.min_words:
        return "too short"
    if words > rules_.max_words:
        return "too long"
    if stripped.rstrip("”’\"' )").endswith("?"):
        return "question"
    if not stripped[0].isupper() and not stripped[0].isdigit() and stripped[0] not in "“\"‘'":
        return "fragment"
    if rules_.balanced_quotes and not _balanced(stripped):
        return "piece of a quotation"
    if rules_.embed.search(stripped):
        return "social-media embed"
    unquoted = _QUOTED.sub(" ", stripped)
    if any(p.search(unquoted) for p in rules_.meta):
        return "about the page or the reader"
    return None


def _balanced(text: str) -> bool:
    if text.count("“") != text.count("”"):
        return False
    return text.count('"') % 2 == 0


def _candidate(
    document: Document,
    sentence: Sentence,
    protected: Sequence[tuple[int, int]],
    rules_: Rules,
    has_filler: bool = True,
) -> Candidate | None:
    if rejects(sentence.text, rules_):
        return None
    start, end, text, trimmed = trim(document.text, sentence.start, sentence.end, protected, rules_)
    kept = document.text[start:end]
    filler = sum(weight for _, weight in filler_matches(kept)) if has_filler else 0.0
    if filler >= rules_.max_filler:
        return None  # generic filler: a summary quotes what happened, not stock phrasing
    words = _WORD.findall(kept)
    terms = tuple(sorted({t for t in (term_of(w) for w in words) if t}))
    span = document.text[sentence.start : sentence.end]
    return Candidate(
        doc_id=document.id,
        index=sentence.index,
        sentence_start=sentence.start,
        sentence_end=sentence.end,
        start=start,
        end=end,
        trimmed=trimmed,
        words=len(words),
        terms=terms,
        filler=filler,
        anaphoric=bool(words) and words[0].lower() in rules_.anaphors,
        source=document.text,
        shown=None if text == kept else text,
        told=None if sentence.text == span else sentence.text,
        said=text_key(text),
    )


def trim(
    text: str,
    start: int,
    end: int,
    protected: Sequence[tuple[int, int]] = (),
    rules_: Rules | None = None,
) -> tuple[int, int, str, bool]:
    """(kept start, kept end, display text, trimmed?) of the sentence ``text[start:end]``."""
    rules_ = rules_ or rules()
    new_start, new_end = start, end
    lead = rules_.leading.match(text, start, end)
    if lead and _words(text[lead.end() : end]) >= rules_.min_kept_words:
        new_start = lead.end()
    tail = rules_.trailing.search(text, new_start, end)
    if (
        tail
        and _words(text[new_start : tail.start()]) >= rules_.min_kept_words
        and not _DIGIT.search(tail.group(0))
        and not any(s < end and tail.start() < e for s, e in protected)
        and _balanced(text[new_start : tail.start()])
    ):
        new_end = tail.start()
    if (new_start, new_end) == (start, end):
        return start, end, text[start:end], False
    shown = text[new_start:new_end]
    shown = shown[:1].upper() + shown[1:]
    if new_end != end:
        shown = shown.rstrip(" ,;:") + "."
    return new_start, new_end, shown, True


def _words(text: str) -> int:
    return len(_WORD.findall(text))
