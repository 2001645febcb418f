"""Figures claimed in a document: money, percentages, counts, durations, ordinals.

Numbers are found in the text (``figures_numbers``) and kept where they are claims
(``figures_candidates``). Each figure gets its qualifiers, kind of claim and period
(``figures_claim``: "exceeded", "a target of", "so far", "FY2024-25", "by 2030"), what it
measures in words (``figures_measure``) and as a key two sources share (``figures_signature``:
the measure's head and arguments). Grouping across documents is ``figures_group``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from storyline.figures.candidates import Candidate, candidate
from storyline.figures.claim import Claim, read_claim
from storyline.figures.group import group_figures
from storyline.figures.measure import Measure, describe_counted, describe_level
from storyline.figures.numbers import find_quantities
from storyline.figures.parties import party_countries
from storyline.figures.signature import Signature, context_parties, measure_signature
from storyline.figures.syntax import Context
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
    previous: tuple[Candidate, Measure, Claim, Signature] | None = None
    for quantity in quantities:
        found = candidate(quantity, text, parsed, ctx, spans)
        if found is None:
            continue
        if previous is not None and _is_conversion(previous[0], found, text):
            _, measure, claim, signature = previous  # "(US$19.7 billion)": the same amount
        else:
            avoid = {t.i for t in parsed.char_span(found.start, found.end, "expand") or []}
            if found.avoid_noun:
                avoid.add(found.anchor.i)
            measure = _measure(found, avoid, ctx)
            claim = read_claim(found, timexes, ctx, document.published)
            signature = measure_signature(found, ctx, avoid)
        figures.append(
            _figure(document, len(figures) + 1, found, measure, claim, signature, parsed, ctx)
        )
        previous = (found, measure, claim, signature)
    return figures


def _measure(found: Candidate, avoid: set[int], ctx: Context) -> Measure:
    """The measure in words (what a reader sees in the figures table)."""
    if found.kind in ("money", "percent") or found.noun is None:
        return describe_level(found.anchor, found.kind, avoid, ctx)
    if found.kind == "count" and _is_level(found.noun):
        # "climbed to 13.2 million barrels": the unit of a level
        return describe_level(found.noun, found.kind, avoid | {found.noun.i}, ctx)
    return describe_counted(found.noun, found.kind, avoid, ctx)


def _is_level(noun: Token) -> bool:
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.lower_ in ("to", "from", "at", "by")
        and prep.dep_ != "agent"  # "backed by 80 countries": the countries act, not a level
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
    claim: Claim,
    signature: Signature,
    parsed: Doc,
    ctx: Context,
) -> Figure:
    qualifiers = claim.qualifiers
    return Figure(
        id=f"{document.id}:f{n}",
        kind=c.kind,
        text=doc_text(parsed)[c.start : c.end],
        value=c.quantity.value,
        unit=signature.unit or c.unit,
        qualifier=qualifiers[0] if qualifiers else None,
        qualifiers=qualifiers,
        period=claim.period.value if claim.period else None,
        claim=claim.kind,  # type: ignore[arg-type]
        horizon=bool(claim.period and claim.period.horizon),
        reported=document.published,
        measure=measure.phrase,
        measure_key=signature.key,
        participants=[p.name for p in measure.parties],
        context=context_parties(c, ctx),
        provenance=provenance(document.id, parsed, c.start, c.end),
    )


__all__ = ["extract_figures", "group_figures", "party_countries"]
