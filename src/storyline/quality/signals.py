"""Source-quality signals: what an article shows, measured as plain numbers.

``document_signals`` runs per document in the analysis stage, on the one spaCy parse: how much
of the page was site furniture, how it is sourced (direct quotes, attributions, official
statements), how specific it is (dates, people with roles, figures), template/SEO structure
(FAQ blocks, "Step N" sections, caption residue, heading density), generated-filler phrasing
and a clickbait headline. ``layer_signals`` reads what the language layers found. The weighing
and the reasons in words are in ``quality``. Lists, weights and thresholds are data
(``data/quality.toml``), with where each came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span

from storyline.data import read_toml
from storyline.models import Document, DocumentAnalysis
from storyline.nlp import doc_ents, doc_text
from storyline.text.datewords import MONTHS, WEEKDAYS, find_dates
from storyline.text.lines import LIST_PREFIX

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_QUOTES = (re.compile(r"“([^”\n]+)”"), re.compile(r"\"([^\"\n]+)\""), re.compile(r"«([^»\n]+)»"))
_DIGIT = re.compile(r"\d")
_BARE_YEAR = re.compile(r"^(?:in |by |since )?(?:19|20)\d\d$")
_TIMEX_SPECIFIC = re.compile(r"^\d{4}-(?:\d\d|W\d\d)(?:-\d\d)?")
_DAY_NUMBER = re.compile(r"\b[0-3]?\d(?:st|nd|rd|th)?\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass(frozen=True)
class Effect:
    """One signal's contribution: ``weight`` × a linear ramp from ``start`` to ``full``."""

    name: str
    signal: str
    weight: float
    start: float
    full: float

    def of(self, value: float) -> float:
        if self.full <= self.start:
            return self.weight if value >= self.full else 0.0
        ramp = (value - self.start) / (self.full - self.start)
        return self.weight * min(1.0, max(0.0, ramp))


@dataclass(frozen=True)
class Rules:
    """``data/quality.toml``, compiled once per process."""

    base: float
    max_reasons: int
    min_effect: float
    effects: tuple[Effect, ...]
    reporting_verbs: frozenset[str]
    clause_verbs: frozenset[str]
    dummy_subjects: frozenset[str]
    according_to: re.Pattern[str]
    official_cues: tuple[re.Pattern[str], ...]
    other_cues: tuple[re.Pattern[str], ...]
    official_words: frozenset[str]
    min_quote_words: int
    max_quote_chars: int
    role_words: frozenset[str]
    figure_labels: frozenset[str]
    template: dict
    faq_heading: re.Pattern[str]
    step: re.Pattern[str]
    boilerplate: tuple[re.Pattern[str], ...]
    caption_rules: frozenset[str]
    caption_line: re.Pattern[str]
    filler: tuple[tuple[re.Pattern[str], float], ...]
    clickbait: dict
    second_person: re.Pattern[str]
    clickbait_phrases: tuple[re.Pattern[str], ...]
    listicle: re.Pattern[str]


def _compile(patterns: Iterable[str], flags: int = re.IGNORECASE) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, flags) for p in patterns)


@cache
def load_rules() -> Rules:
    data = read_toml("quality.toml")
    src, spec, tpl = data["sourcing"], data["specificity"], data["template"]
    bait = data["clickbait"]
    return Rules(
        base=float(data["base"]),
        max_reasons=int(data["max_reasons"]),
        min_effect=float(data["min_effect"]),
        effects=tuple(
            Effect(name, e["signal"], float(e["weight"]), float(e["start"]), float(e["full"]))
            for name, e in data["effect"].items()
        ),
        reporting_verbs=frozenset(src["reporting_verbs"]),
        clause_verbs=frozenset(src["clause_verbs"]),
        dummy_subjects=frozenset(src["dummy_subjects"]),
        according_to=re.compile(src["according_to"], re.IGNORECASE),
        official_cues=_compile(src["official_cues"]),
        other_cues=_compile(src["other_cues"]),
        official_words=frozenset(src["official_words"]),
        min_quote_words=int(src["min_quote_words"]),
        max_quote_chars=int(src["max_quote_chars"]),
        role_words=frozenset(spec["role_words"]),
        figure_labels=frozenset(spec["figure_labels"]),
        template=tpl,
        faq_heading=re.compile(tpl["faq_heading"], re.IGNORECASE),
        step=re.compile(tpl["step"], re.IGNORECASE),
        boilerplate=_compile(tpl["boilerplate_headings"]),
        caption_rules=frozenset(tpl["caption_rules"]),
        caption_line=re.compile(tpl["caption_line"], re.IGNORECASE),
        filler=tuple(
            (re.compile(f["pattern"], re.IGNORECASE | re.MULTILINE), float(f.get("weight", 1.0)))
            for f in data["filler"]
        ),
        clickbait=bait,
        second_person=re.compile(bait["second_person"], re.IGNORECASE),
        clickbait_phrases=_compile(rf"\b{p}\b" for p in bait["phrases"]),
        listicle=re.compile(bait["listicle"], re.IGNORECASE),
    )


# --- text-only signals --------------------------------------------------------------------------


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def furniture_signals(document: Document) -> dict[str, float]:
    """Share of the raw text the cleaner removed as site furniture, and how many lines."""
    furniture = document.furniture
    removed = sum(len(r.text) for r in furniture)
    raw = len(document.raw_text)
    return {
        "furniture_share": removed / raw if raw else 0.0,
        "furniture_lines": float(len(furniture)),
    }


def _block_texts(document: Document) -> list[tuple[str, str]]:
    """(kind, text without list markers) of each block, text clipped to the document."""
    out = []
    for block in document.blocks:
        text = document.text[max(0, block.start) : max(0, block.end)].strip()
        out.append((block.kind, LIST_PREFIX.sub("", text).strip(" *_#")))
    return out


def template_signals(document: Document, rules: Rules | None = None) -> dict[str, float]:
    """FAQ blocks, "Step N" sections, boilerplate headings, caption residue, heading density."""
    rules = rules or load_rules()
    tpl = rules.template
    blocks = _block_texts(document)
    faq = any(len(t) <= 60 and rules.faq_heading.match(t) for _, t in blocks)
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
    return {
        "faq_block": float(faq),
        "question_blocks": float(questions),
        "step_headings": float(steps),
        "boilerplate_headings": float(boilerplate),
        "caption_residue": float(captions),
        "headings": float(len(headings)),
        "heading_density": density,
        "template_points": points,
    }


def filler_matches(text: str, rules: Rules | None = None) -> list[tuple[str, float]]:
    """(matched phrase, weight) of each generated-filler hit; a span is counted once."""
    rules = rules or load_rules()
    taken: list[tuple[int, int]] = []
    hits: list[tuple[int, str, float]] = []
    for pattern, weight in rules.filler:
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
    for pattern in _QUOTES:
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
    signals["undated"] = float(document.published is None)
    return {key: float(value) for key, value in signals.items()}


# --- signals from the parse ---------------------------------------------------------------------


def _official(tokens: Iterable[str], rules: Rules) -> bool:
    return any(t.lower() in rules.official_words for t in tokens)


def attribution_counts(parsed: Doc, rules: Rules | None = None) -> tuple[int, int]:
    """(sentences attributing a statement to a source, of those to an official source)."""
    rules = rules or load_rules()
    attributed = official = 0
    for sent in parsed.sents:
        found, is_official = _attributes(sent, rules)
        attributed += found
        official += found and is_official
    return attributed, official


def _attributes(sent: Span, rules: Rules) -> tuple[bool, bool]:
    text = sent.text
    found = is_official = False
    if any(cue.search(text) for cue in rules.official_cues):
        return True, True
    if any(cue.search(text) for cue in rules.other_cues):
        found = True
    m = rules.according_to.search(text)
    if m:
        found = True
        following = _WORD.findall(text[m.end() : m.end() + 80])[:6]
        is_official = is_official or _official(following, rules)
    quoted = any(p.search(text) for p in _QUOTES)
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ not in ("VERB", "AUX"):
            continue
        if lemma not in rules.reporting_verbs and not (
            lemma in rules.clause_verbs
            and (quoted or any(c.dep_ in ("ccomp", "parataxis") for c in token.children))
        ):
            continue
        for subject in token.children:
            if subject.dep_ != "nsubj" or subject.lower_ in rules.dummy_subjects:
                continue
            if subject.pos_ in ("PROPN", "NOUN", "PRON"):
                found = True
                words = [t.text for t in subject.subtree] + [t.lemma_ for t in subject.subtree]
                is_official = is_official or _official(words, rules)
    return found, is_official


def specific_date_count(parsed: Doc, text: str | None = None) -> int:
    """Dates precise to a day, weekday or month of a year (spaCy DATE entities + explicit dates).

    Bare years ("in 2019") and vague ones ("recent years") do not count.
    """
    text = doc_text(parsed) if text is None else text
    spans = [(d.start, d.end) for d in find_dates(text)]
    for ent in doc_ents(parsed):
        if ent.label_ == "DATE" and _specific_date(ent.text):
            spans.append((ent.start_char, ent.end_char))
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return len(merged)


def _specific_date(text: str) -> bool:
    words = [w.lower().rstrip(".") for w in _WORD.findall(text)]
    if any(w in WEEKDAYS for w in words):
        return True
    if any(w in MONTHS for w in words):
        return bool(_DAY_NUMBER.search(text) or _YEAR.search(text))
    return False


def people_with_roles(parsed: Doc, rules: Rules | None = None) -> int:
    """Distinct PERSON names with a role word just before them or in apposition."""
    rules = rules or load_rules()
    people: set[str] = set()
    for ent in doc_ents(parsed):
        if ent.label_ != "PERSON":
            continue
        window = parsed[max(ent.sent.start, ent.start - 4) : ent.start]
        roles = [t.lower_ for t in window]
        roles += [c.lower_ for c in ent.root.children if c.dep_ == "appos"]
        if ent.root.dep_ == "appos":
            roles.append(ent.root.head.lower_)
        if any(r in rules.role_words for r in roles):
            people.add(ent[-1].lower_)
    return len(people)


def figure_count(
    parsed: Doc, rules: Rules | None = None, within: list[tuple[int, int]] | None = None
) -> int:
    """Distinct amounts, percentages, quantities and counts stated in the text.

    A bare number counts only when it has a digit, is not a year and counts something (it
    modifies a noun, or spans several tokens: "5,000 troops", "12 million"). ``within`` limits
    the count to those character ranges (the paragraphs: "Step 1" headings and list numbers
    are structure, not claims).
    """
    rules = rules or load_rules()
    figures = set()
    for ent in doc_ents(parsed):
        if within is not None and not any(s <= ent.start_char < e for s, e in within):
            continue
        text = ent.text.lower().strip()
        if ent.label_ in rules.figure_labels or (
            ent.label_ == "CARDINAL"
            and _DIGIT.search(text)
            and not _BARE_YEAR.match(text)
            and (len(ent) > 1 or ent.root.dep_ == "nummod")
        ):
            figures.add(text)
    return len(figures)


def _paragraphs(document: Document) -> list[tuple[int, int]] | None:
    """Character ranges of the paragraph blocks; None when the document has no blocks."""
    if not document.blocks:
        return None
    return [(b.start, b.end) for b in document.blocks if b.kind == "paragraph"]


def document_signals(document: Document, parsed: Doc) -> dict[str, float]:
    """All quality signals of one document; ``parsed`` is the spaCy parse of its clean text."""
    rules = load_rules()
    signals = text_signals(document)
    attributed, official = attribution_counts(parsed, rules)
    signals["attributions"] = float(attributed)
    signals["official_attributions"] = float(official)
    signals["specific_dates"] = float(specific_date_count(parsed, document.text))
    signals["people_with_roles"] = float(people_with_roles(parsed, rules))
    signals["figures"] = float(figure_count(parsed, rules, _paragraphs(document)))
    return {key: float(value) for key, value in signals.items()}


# --- the score ----------------------------------------------------------------------------------


def layer_signals(analysis: DocumentAnalysis) -> dict[str, float]:
    """What the language layers found, where they ran (empty lists give zeros)."""
    dated_events = sum(
        1
        for e in analysis.events
        if e.date and e.date_basis == "timex" and _TIMEX_SPECIFIC.match(e.date)
    )
    timex_days = {
        t.value
        for t in analysis.timexes
        if t.type == "DATE" and t.value and _TIMEX_SPECIFIC.match(t.value)
    }
    people = {
        m.entity_id or m.text.lower() for m in analysis.mentions if m.label == "PERSON" and m.role
    }
    figures = {f.text.lower() for f in analysis.figures}
    return {
        "dated_events": float(dated_events),
        "timex_dates": float(len(timex_days)),
        "people_with_roles_layer": float(len(people)),
        "figures_layer": float(len(figures)),
    }
