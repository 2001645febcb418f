"""Source-quality signals that need no parse: read off the clean text, blocks and title.

How much of the page was site furniture, template/SEO structure (FAQ blocks, "Step N"
sections, caption residue, heading density, a table of contents, keyword-stuffed and numbered
headings), generated-filler phrasing, a clickbait headline, direct quotes and the time
references of a dated report ("on Monday"). ``text_signals`` gathers them; it is also the
fallback when a document has no analysis signals. The parse-based signals are in ``signals``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from storyline.models import Document
from storyline.quality.rules import Rules, load_rules
from storyline.text.lines import LIST_PREFIX
from storyline.timex.prefilter import gate_for

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_NUMBERED = re.compile(r"^(?:[#*_\s]*)(?:\d{1,2}[.):]|step\s*\d{1,2}\b)", re.IGNORECASE)
QUOTES = (re.compile(r"“([^”\n]+)”"), re.compile(r"\"([^\"\n]+)\""), re.compile(r"«([^»\n]+)»"))


@lru_cache(maxsize=16)
def word_count(text: str) -> int:
    """Words of ``text``. Kept for the last few texts: the signals of one document count the
    words of its whole text three times (``text_signals``, the template and filler signals),
    and a string keeps its hash, so asking again costs a lookup."""
    return len(WORD.findall(text))


def furniture_signals(document: Document) -> dict[str, float]:
    """Share of the raw text the cleaner removed as site furniture, and how many lines."""
    furniture = document.furniture
    removed = sum(len(r.text) for r in furniture)
    raw = document.raw_chars  # its length only: the corpus stage reads it without the text
    return {
        "furniture_share": removed / raw if raw else 0.0,
        "furniture_lines": float(len(furniture)),
    }


def _raw_block_texts(document: Document) -> list[tuple[str, str]]:
    """(kind, text) of each block as written, list markers and all."""
    return [
        (b.kind, document.text[max(0, b.start) : max(0, b.end)].strip()) for b in document.blocks
    ]


def news_deixis(text: str, rules: Rules | None = None) -> int:
    """Time references that only make sense from the day a report was written ("on Monday",
    "yesterday", "last week"): the mark of a dated report, which evergreen pages avoid."""
    rules = rules or load_rules()
    return sum(len(p.findall(text)) for p in rules.deixis)


def _block_texts(document: Document) -> list[tuple[str, str]]:
    """(kind, text without list markers) of each block, text clipped to the document."""
    out: list[tuple[str, str]] = []
    for block in document.blocks:
        text = document.text[max(0, block.start) : max(0, block.end)].strip()
        out.append((block.kind, LIST_PREFIX.sub("", text).strip(" *_#")))
    return out


def _content_words(text: str, rules: Rules) -> set[str]:
    return {
        w.lower().removesuffix("'s").removesuffix("’s")
        for w in WORD.findall(text)
        if len(w) >= rules.keyword_min_chars and w.lower() not in rules.stopwords
    }


def stuffed_headings(document: Document, rules: Rules | None = None) -> int:
    """Headings that repeat two or more of the headline's content words: the keyword stuffing
    of SEO templates ("G20 Summit 2023: Dates", "G20 Summit 2023: Venue", …)."""
    rules = rules or load_rules()
    keywords = _content_words(document.title or "", rules)
    if len(keywords) < 2:
        return 0
    return sum(
        len(_content_words(text, rules) & keywords) >= 2
        for kind, text in _block_texts(document)
        if kind in ("heading", "question")
    )


def template_signals(document: Document, rules: Rules | None = None) -> dict[str, float]:
    """FAQ blocks, "Step N" sections, boilerplate headings, caption residue, heading density,
    a table of contents, keyword-stuffed headings and numbered sections (a removed FAQ heading
    or table of contents counts: the cleaner took it out as page structure)."""
    rules = rules or load_rules()
    tpl = rules.template
    blocks = _block_texts(document)
    removed_rules = {r.rule for r in document.removed}
    faq = any(len(t) <= 60 and rules.faq_heading.match(t) for _, t in blocks) or bool(
        removed_rules & set(tpl["faq_rules"])
    )
    toc = bool(removed_rules & set(tpl["toc_rules"]))
    numbered = sum(
        kind in ("heading", "question", "list-item") and bool(_NUMBERED.match(raw))
        for kind, raw in _raw_block_texts(document)
    )
    stuffed = stuffed_headings(document, rules)
    questions = sum(kind == "question" for kind, _ in blocks)
    steps = sum(bool(rules.step.match(t)) for _, t in blocks)
    headings = [t for kind, t in blocks if kind == "heading"]
    boilerplate = sum(any(p.search(t) for p in rules.boilerplate) for t in headings)
    captions = sum(r.rule in rules.caption_rules for r in document.furniture)
    captions += sum(bool(rules.caption_line.match(t)) for _, t in blocks)
    words = word_count(document.text)
    density = 1000 * len(headings) / words if words >= tpl["min_words_for_density"] else 0.0
    points = 0.0
    if faq:
        points += tpl["faq_points"]
    elif questions >= tpl["min_question_run"]:
        points += tpl["question_run_points"]
    if steps >= tpl["min_steps"]:
        points += tpl["step_points"]
    if boilerplate >= tpl["min_boilerplate"]:
        points += tpl["boilerplate_points"]
    if captions:
        points += tpl["caption_points"]
    if density > tpl["max_heading_density"]:
        points += tpl["density_points"]
    if toc:
        points += tpl["toc_points"]
    if stuffed >= tpl["min_stuffed"] and stuffed >= tpl["stuffed_share"] * max(1, len(headings)):
        points += tpl["stuffed_points"]
    if numbered >= tpl["min_numbered"]:
        points += tpl["numbered_points"]
    return {
        "faq_block": float(faq),
        "question_blocks": float(questions),
        "step_headings": float(steps),
        "boilerplate_headings": float(boilerplate),
        "caption_residue": float(captions),
        "headings": float(len(headings)),
        "heading_density": density,
        "table_of_contents": float(toc),
        "stuffed_headings": float(stuffed),
        "numbered_blocks": float(numbered),
        "template_points": points,
    }


def filler_matches(text: str, rules: Rules | None = None) -> list[tuple[str, float]]:
    """(matched phrase, weight) of each generated-filler hit; a span is counted once."""
    rules = rules or load_rules()
    # a phrase none of whose necessary pieces is in the text cannot match: its scan is
    # skipped (the timex rules' gate; the other phrases still scan the whole text)
    gate = gate_for(tuple(pattern.pattern for pattern, _ in rules.filler))
    present = gate.present(text)
    taken: list[tuple[int, int]] = []
    hits: list[tuple[int, str, float]] = []
    for (pattern, weight), pieces in zip(rules.filler, gate.pieces, strict=True):
        if pieces is not None and not any(piece in present for piece in pieces):
            continue
        for m in pattern.finditer(text):
            if m.end() > m.start() and not any(
                m.start() < end and start < m.end() for start, end in taken
            ):
                taken.append((m.start(), m.end()))
                hits.append((m.start(), m.group(0), weight))
    return [(phrase, weight) for _, phrase, weight in sorted(hits)]


def filler_signals(text: str, rules: Rules | None = None) -> dict[str, float]:
    hits = filler_matches(text, rules)
    weighted = sum(w for _, w in hits)
    words = word_count(text)
    return {
        "filler_hits": weighted,
        "filler_rate": 1000 * weighted / words if words else 0.0,
    }


def headline_features(title: str | None, rules: Rules | None = None) -> dict[str, str]:
    """Clickbait features of a headline: feature → the text that shows it."""
    rules = rules or load_rules()
    title = (title or "").strip()
    found: dict[str, str] = {}
    if not title:
        return found
    phrases = [m.group(0) for p in rules.clickbait_phrases for m in [p.search(title)] if m]
    if phrases:
        found["phrase"] = max(phrases, key=len)
    m = rules.second_person.search(title)
    if m:
        found["second_person"] = m.group(0)
    if "!" in title:
        found["exclamation"] = "!"
    m = rules.listicle.match(title)
    if m:
        found["listicle"] = m.group(0)
    if title.endswith("?"):
        found["question"] = "?"
    return found


def clickbait_points(features: Mapping[str, str], rules: Rules | None = None) -> float:
    bait = (rules or load_rules()).clickbait
    return sum(float(bait[f"{feature}_points"]) for feature in features)


def direct_quotes(text: str, rules: Rules | None = None) -> list[str]:
    """Quoted passages long enough to be quotes rather than scare quotes."""
    rules = rules or load_rules()
    quotes = []
    for pattern in QUOTES:
        for m in pattern.finditer(text):
            inner = m.group(1)
            if len(inner) <= rules.max_quote_chars and word_count(inner) >= rules.min_quote_words:
                quotes.append(inner)
    return quotes


def text_signals(document: Document) -> dict[str, float]:
    """Every signal that needs no parse (also the fallback when no analysis signals exist)."""
    rules = load_rules()
    signals = {"words": float(word_count(document.text))}
    signals |= furniture_signals(document)
    signals |= template_signals(document, rules)
    signals |= filler_signals(document.text, rules)
    features = headline_features(document.title, rules)
    signals["clickbait_points"] = clickbait_points(features, rules)
    signals["quotes"] = float(len(direct_quotes(document.text, rules)))
    signals["news_deixis"] = float(news_deixis(document.text, rules))
    signals["undated"] = float(document.published is None)
    return {key: float(value) for key, value in signals.items()}
