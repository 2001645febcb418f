"""Source-quality signals: what an article shows, measured as plain numbers.

``document_signals`` runs per document in the analysis stage, on the one spaCy parse: the
signals that need no parse (``text_signals``: site furniture, template/SEO structure,
generated-filler phrasing, a clickbait headline, direct quotes) plus, from the parse, how it is
sourced (attributions, official statements) and how specific it is (dates, people with roles,
figures). ``layer_signals`` reads what the language layers found. The weighing and the reasons
in words are in ``scoring``. Lists, weights and thresholds are data (``data/quality.toml``,
compiled by ``rules``), with where each came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from spacy.tokens import Doc, Span

from storyline.models import Document, DocumentAnalysis
from storyline.nlp import doc_ents, doc_text
from storyline.nlp_tokens import TokenTable, tokens
from storyline.quality.rules import Rules, load_rules
from storyline.quality.text_signals import QUOTES, WORD, text_signals
from storyline.text.datewords import MONTHS, WEEKDAYS, find_dates

_DIGIT = re.compile(r"\d")
_BARE_YEAR = re.compile(r"^(?:in |by |since )?(?:19|20)\d\d$")
_TIMEX_SPECIFIC = re.compile(r"^\d{4}-(?:\d\d|W\d\d)(?:-\d\d)?")
_DAY_NUMBER = re.compile(r"\b[0-3]?\d(?:st|nd|rd|th)?\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


# --- signals from the parse ---------------------------------------------------------------------


def _official(tokens: Iterable[str], rules: Rules) -> bool:
    return any(t.lower() in rules.official_words for t in tokens)


def attribution_counts(parsed: Doc, rules: Rules | None = None) -> tuple[int, int]:
    """(sentences attributing a statement to a source, of those to an official source)."""
    rules = rules or load_rules()
    text, table = doc_text(parsed), tokens(parsed)
    attributed = official = 0
    for sent in parsed.sents:
        found, is_official = _attributes(sent, text[sent.start_char : sent.end_char], table, rules)
        attributed += found
        official += found and is_official
    return attributed, official


def _attributes(sent: Span, text: str, table: TokenTable, rules: Rules) -> tuple[bool, bool]:
    """Does the sentence (``text``: its text) attribute a statement, and to an official?
    The verbs are found in the token table: only they become ``Token`` objects."""
    found = is_official = False
    if any_of(rules.official_cues).search(text):
        return True, True
    if any_of(rules.other_cues).search(text):
        found = True
    m = rules.according_to.search(text)
    if m:
        found = True
        following = WORD.findall(text[m.end() : m.end() + 80])[:6]
        is_official = is_official or _official(following, rules)
    quoted = any(p.search(text) for p in QUOTES)
    doc, pos = sent.doc, table.pos
    for i in range(sent.start, sent.end):
        if pos[i] not in ("VERB", "AUX"):
            continue
        token, lemma = doc[i], table.lemma[i].lower()
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


@cache
def any_of(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """One regex that matches a text where any of ``patterns`` does (compiled once): a
    sentence is searched once, not once per cue. The cues share their flags; they hold no
    backreference a union could renumber."""
    if not patterns:
        return re.compile(r"(?!)")  # matches nothing, as ``any`` of no cue
    flags = {p.flags for p in patterns}
    if len(flags) != 1 or any(p.groups for p in patterns):
        raise ValueError("cues to unite must share their flags and have no groups")
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), flags.pop())


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
    words = [w.lower().rstrip(".") for w in WORD.findall(text)]
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
    with_period = {f.text.lower() for f in analysis.figures if f.period}
    return {
        "dated_events": float(dated_events),
        "timex_dates": float(len(timex_days)),
        "people_with_roles_layer": float(len(people)),
        "figures_layer": float(len(figures)),
        "figures_with_period": float(len(with_period)),
    }
