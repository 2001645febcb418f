"""Figures claimed in a document: money, percentages, counts, durations, ordinals.

Numbers are found in the text (``figures_numbers``) and kept where they are claims
(``figures_candidates``). Each figure gets its qualifier from its own words (data:
``data/figures.toml``), the period it refers to (the timex layer's values, else its own "in
2023", "by 2025", "last year"), and what it measures (``figures_measure``). Grouping across
documents is ``figures_group``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from storyline.figures.candidates import Candidate, Rules, candidate, load_rules
from storyline.figures.group import group_figures
from storyline.figures.measure import Measure, describe_counted, describe_level
from storyline.figures.numbers import find_quantities
from storyline.figures.syntax import Context, clause_head
from storyline.models import Document, Figure, Timex
from storyline.nlp import doc_text, provenance

CONVERSION = re.compile(
    r"\s*[(\[]\s*(?:about|approx\.?|approximately|around|roughly|some|nearly|or|c\.)?\s*"
)


def extract_figures(document: Document, parsed: Doc, timexes: Sequence[Timex]) -> list[Figure]:
    """The figures claimed in one document, in text order, ids ``{doc_id}:f{n}``."""
    ctx = Context.of(parsed, document.title)
    text = document.text
    spans = [(t.provenance.start, t.provenance.end, t.type) for t in timexes]
    quantities = find_quantities(text)
    for q in quantities:
        ctx.numbers.update(t.i for t in parsed.char_span(q.start, q.end, "expand") or [])
    figures: list[Figure] = []
    previous: tuple[Candidate, Measure, str | None] | None = None
    for quantity in quantities:
        found = candidate(quantity, text, parsed, ctx, spans)
        if found is None:
            continue
        if previous is not None and _is_conversion(previous[0], found, text):
            measure, period, deadline = previous[1], previous[2], False  # "(US$19.7 billion)"
        else:
            avoid = {t.i for t in parsed.char_span(found.start, found.end, "expand") or []}
            if found.avoid_noun:
                avoid.add(found.anchor.i)
            if found.kind in ("money", "percent") or found.noun is None:
                measure = describe_level(found.anchor, found.kind, avoid, ctx)
            elif found.kind == "count" and _is_level(found.noun):
                avoid.add(found.noun.i)  # "climbed to 13.2 million barrels": the unit of a level
                measure = describe_level(found.noun, found.kind, avoid, ctx)
            else:
                measure = describe_counted(found.noun, found.kind, avoid, ctx)
            period, deadline = _period(found, timexes, ctx, document.published)
        qualifiers = _qualifiers(found, deadline)
        figures.append(
            _figure(document, len(figures) + 1, found, measure, period, qualifiers, parsed)
        )
        previous = (found, measure, period)
    return figures


def _is_level(noun: Token) -> bool:
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.lower_ in ("to", "from", "at", "by")
        and prep.head.pos_ in ("VERB", "AUX")
    )


def _is_conversion(first: Candidate, second: Candidate, text: str) -> bool:
    """ "500 billion rubles (US$19.7 billion)": the same amount in another currency."""
    if first.kind != "money" or second.kind != "money" or first.unit == second.unit:
        return False
    between = text[first.end : second.start]
    after = text[second.end : second.end + 3]
    return bool(CONVERSION.fullmatch(between)) and after.lstrip().startswith(")")


def _figure(
    document: Document,
    n: int,
    c: Candidate,
    measure: Measure,
    period: str | None,
    qualifiers: list[str],
    parsed: Doc,
) -> Figure:
    return Figure(
        id=f"{document.id}:f{n}",
        kind=c.kind,
        text=doc_text(parsed)[c.start : c.end],
        value=c.quantity.value,
        unit=c.unit,
        qualifier=qualifiers[0] if qualifiers else None,
        qualifiers=qualifiers,
        period=period,
        reported=document.published,
        measure=measure.phrase,
        measure_key=measure.key,
        participants=[p.name for p in measure.parties],
        provenance=provenance(document.id, parsed, c.start, c.end),
    )


# ---------------------------------------------------------------- qualifier and period


def _qualifiers(c: Candidate, deadline: bool) -> list[str]:
    """Every qualifier of the figure, by precedence: target, forecast, over/about/under, record."""
    rules = load_rules()
    found: list[str] = []
    if c.before:
        found.append(c.before)
    anchor = c.anchor
    path = [anchor, *_ancestors_in_clause(anchor)]
    verb = next((t for t in path if t.pos_ in ("VERB", "AUX")), None)
    verbs: list[Token] = []
    while verb is not None:
        verbs.append(verb)
        verb = verb.head if verb.dep_ == "xcomp" and verb.head != verb else None
    for v in verbs:
        name = rules.verbs.get(v.lemma_.lower())
        if name:
            found.append(name)
    for t in path:
        if t.pos_ == "NOUN" and t.lemma_.lower() in rules.nouns:
            found.append(rules.nouns[t.lemma_.lower()])
    if deadline:
        found.append("target")
    if _has_record_cue(c, verbs[0] if verbs else None):
        found.append("record")
    return [name for name in rules.precedence if name in found]


def _ancestors_in_clause(token: Token) -> list[Token]:
    out = []
    for ancestor in token.ancestors:
        out.append(ancestor)
        if ancestor.dep_ in ("ROOT", "ccomp", "advcl", "relcl", "conj", "parataxis"):
            break
    return out


def _has_record_cue(c: Candidate, verb: Token | None) -> bool:
    rules = load_rules()
    doc = c.anchor.doc

    def cue(token: Token) -> bool:
        return token.lower_ in rules.record and token.pos_ != "VERB"

    near = [*c.anchor.subtree, *(c.noun.lefts if c.noun is not None else [])]
    start = doc.char_span(c.start, c.end, alignment_mode="expand")
    if start is not None:
        near.extend(doc[max(start.start - 3, start.sent.start) : start.start])
    if any(cue(t) for t in near):
        return True
    if verb is None:
        return False
    for child in verb.children:
        if child.dep_ in ("advcl", "xcomp") and child.i > c.anchor.i:
            objects = [g for g in child.children if g.dep_ in ("dobj", "attr", "acomp")]
            if any(cue(t) for obj in objects for t in obj.subtree):
                return True
    return False


def _period(
    c: Candidate, timexes: Sequence[Timex], ctx: Context, published: str | None
) -> tuple[str | None, bool]:
    """(period, is_deadline): the timex or year tied to the figure's clause, if any."""
    rules = load_rules()
    published_year = int(published[:4]) if published else None
    doc = ctx.doc
    sentence = c.anchor.sent
    head = clause_head(c.anchor)
    best: tuple[int, str, Token] | None = None
    for timex in timexes:
        start, end = timex.provenance.start, timex.provenance.end
        if timex.type not in ("DATE", "TIME") or timex.value is None:
            continue
        if timex.value.endswith("_REF"):  # PRESENT_REF ("now"): the report's own time
            continue
        if not (sentence.start_char <= start < sentence.end_char) or (
            start < c.end and c.start < end
        ):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        if clause_head(root) != head:
            continue
        distance = abs(root.i - c.anchor.i)
        if best is None or distance < best[0]:
            best = (distance, timex.value, root)
    if best is not None:
        _, value, root = best
        return value, _is_deadline(root, value, head, published_year)
    return _own_period(c, sentence, head, published, rules)


def _own_period(
    c: Candidate, sentence: Span, head: Token, published: str | None, rules: Rules
) -> tuple[str | None, bool]:
    """The figure's own words when no timex applies: "in 2023", "by 2025", "FY24", "last year"."""
    published_year = int(published[:4]) if published else None
    best: tuple[int, str, Token] | None = None
    for token in sentence:
        if c.start <= token.idx < c.end or clause_head(token) != head:
            continue
        value = None
        fiscal = re.fullmatch(r"FY\s?'?(\d{2}|\d{4})", token.text, re.IGNORECASE)
        if (
            re.fullmatch(r"\d{4}", token.text)
            and rules.year_min <= int(token.text) <= rules.year_max
        ):
            if token.head.lower_ in rules.year_preps or token.dep_ in ("npadvmod", "nummod"):
                value = token.text
        elif fiscal:
            digits = fiscal.group(1)
            value = f"FY{digits if len(digits) == 4 else '20' + digits}"
        elif token.lower_.rstrip(".") in rules.months and token.pos_ == "PROPN":
            value = _month_period(token, rules, published)
        elif token.lower_ == "year" and published_year is not None:
            phrase = " ".join(t.lower_ for t in token.lefts if t.dep_ == "amod") + " year"
            if phrase in rules.relative_years:
                value = str(published_year + rules.relative_years[phrase])
        if value is not None:
            distance = abs(token.i - c.anchor.i)
            if best is None or distance < best[0]:
                best = (distance, value, token)
    if best is None:
        return None, False
    _, value, token = best
    return value, _is_deadline(token, value, head, published_year)


def _month_period(token: Token, rules: Rules, published: str | None) -> str | None:
    """ "in March 2023" → 2023-03; "in March" → its latest occurrence up to the document date."""
    month = rules.months.get(token.lower_.rstrip("."))
    if month is None:
        return None
    year = next(
        (t.text for t in token.children if re.fullmatch(r"\d{4}", t.text)),
        None,
    )
    if year is None and published:
        pub_year, pub_month = int(published[:4]), int(published[5:7])
        year = str(pub_year if month <= pub_month else pub_year - 1)
    return f"{year}-{month:02d}" if year else None


def _is_deadline(token: Token, value: str, head: Token, published_year: int | None) -> bool:
    """ "by 2025" on a future year, or on a verb not in the past tense, is a deadline."""
    prep = token.head if token.dep_ == "pobj" else None
    if prep is None or prep.lower_ not in load_rules().deadline_preps:
        return False
    year = re.match(r"(?:FY)?(\d{4})", value)
    if year and published_year is not None:
        return int(year.group(1)) > published_year
    return head.tag_ not in ("VBD", "VBN") or any(
        a.lower_ in ("will", "would", "to", "shall") for a in head.lefts
    )


__all__ = ["extract_figures", "group_figures"]
