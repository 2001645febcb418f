"""The normalised value a when / who / how much / how many / where question asks for.

Values come from the analysis layers, never from re-reading the text: a date from the merged
event the question describes (its participants are the question's entities and its type is the
one the question's verb names in the event lexicon: "call" → CONSULT/phone), else from a
temporal expression in a supporting sentence; a person, organisation or place from that event's
other participants or location, else from the entities a supporting sentence names; an amount
or count from the figures a supporting sentence states. Each value cites its evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from storyline.ask.events import EventMatch, Groups
from storyline.ask.index import AskIndex
from storyline.ask.query import (
    Question,
    compatible_dates,
    config,
    keys_match,
    term_key,
)
from storyline.ask.score import Scored
from storyline.models import HAPPENED, DocumentAnalysis, Figure
from storyline.models.answers import AnswerValue, ValueKind
from storyline.summary.citations import best_mentions
from storyline.text.readable_dates import readable_date

PLACES = frozenset({"GPE", "LOC", "FAC"})
AGENTS = frozenset({"PERSON", "ORG"})
KIND_OF_TYPE: dict[str, ValueKind] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
}


def find_value(
    q: Question,
    groups: Groups,
    named: set[str],
    supported: Sequence[Scored],
    matches: Sequence[EventMatch],
    index: AskIndex,
    analyses: dict[str, DocumentAnalysis],
) -> AnswerValue | None:
    """The value the question asks for, or None when it asks for none or none is known."""
    top = list(supported[:3])
    told = {(s.hit.doc_id, s.hit.start) for s in top}
    relevant = [
        m
        for m in matches
        if m.strength > 1.0
        or any((x.provenance.doc_id, x.provenance.sentence_start) in told for x in m.event.mentions)
    ]
    if q.kind == "when":
        return _when(q, relevant, top, analyses)
    if q.kind == "who":
        return _who(q, relevant, top, named, index)
    if q.kind == "where":
        return _where(relevant, top, named, index)
    if q.kind in ("how_much", "how_many"):
        return _figure(q, top, analyses)
    return None


def _when(
    q: Question,
    matches: Sequence[EventMatch],
    top: Sequence[Scored],
    analyses: dict[str, DocumentAnalysis],
) -> AnswerValue | None:
    for m in matches:
        event = m.event
        if not event.date or event.factuality not in HAPPENED:
            continue
        if q.dates and not any(compatible_dates(d, event.date) for d in q.dates):
            continue
        return AnswerValue(
            kind="date",
            text=format_date(event.date, event.date_end),
            value=event.date if not event.date_end else f"{event.date}/{event.date_end}",
            layer="event",
            ref=event.id,
            documents=list(event.documents),
            evidence=[x.provenance for x in best_mentions(event)],
        )
    for s in top:
        analysis = analyses.get(s.hit.doc_id)
        for timex in analysis.timexes if analysis else ():
            p = timex.provenance
            if (
                p.sentence_start == s.hit.start
                and timex.type == "DATE"
                and timex.value
                and timex.value[:4].isdigit()
            ):
                return AnswerValue(
                    kind="date",
                    text=format_date(timex.value, timex.range_end),
                    value=timex.value,
                    layer="timex",
                    ref=f"{s.hit.doc_id}:{timex.id}",
                    documents=[s.hit.doc_id],
                    evidence=[p],
                )
    return None


def _who(
    q: Question,
    matches: Sequence[EventMatch],
    top: Sequence[Scored],
    named: set[str],
    index: AskIndex,
) -> AnswerValue | None:
    asked = asked_types(q)
    for m in matches:
        event = m.event
        asked_as_source = any(a.entity_id in named for a in event.source)
        side = event.target if asked_as_source else event.source
        actors = [a for a in side if a.entity_id and a.entity_id not in named]
        if asked:
            actors = [a for a in actors if _type(a.entity_id, index) in asked]
        else:  # a person or body first; a country when no one else acts
            actors = [a for a in actors if _type(a.entity_id, index) in AGENTS] or actors
        if actors:
            entity = index.entities.get(actors[0].entity_id or "")
            return AnswerValue(
                kind=KIND_OF_TYPE.get(entity.type if entity else "", "entity"),
                text=_join([a.name or a.text for a in actors]),
                value=",".join(a.entity_id or "" for a in actors),
                layer="event",
                ref=event.id,
                documents=list(event.documents),
                evidence=[x.provenance for x in best_mentions(event)],
            )
    return _entity_in(top, named, index, asked or set(AGENTS))


def asked_types(q: Question) -> set[str]:
    """Entity types a "which NOUN" question asks for; empty for a plain "who"."""
    words = q.text.lower().split()
    if len(words) >= 2 and words[0] in ("which", "what"):
        return set(config()["asked_types"].get(words[1].strip("?,."), ()))
    return set()


def _type(entity_id: str | None, index: AskIndex) -> str | None:
    entity = index.entities.get(entity_id or "")
    return entity.type if entity else None


def _where(
    matches: Sequence[EventMatch], top: Sequence[Scored], named: set[str], index: AskIndex
) -> AnswerValue | None:
    for m in matches:
        if m.event.location:
            return AnswerValue(
                kind="place",
                text=m.event.location,
                value=m.event.location,
                layer="event",
                ref=m.event.id,
                documents=list(m.event.documents),
                evidence=[x.provenance for x in best_mentions(m.event)],
            )
    return _entity_in(top, named, index, set(PLACES))


def _entity_in(
    top: Sequence[Scored], named: set[str], index: AskIndex, types: set[str]
) -> AnswerValue | None:
    """The first entity of ``types`` a supporting sentence names that the question does not."""
    for s in top:
        for start, entity_id in sorted(index.mentions_at.get((s.hit.doc_id, s.hit.start), ())):
            entity = index.entities.get(entity_id)
            if entity is None or entity.type not in types or entity_id in named:
                continue
            mention = next(
                (
                    m
                    for m in entity.mentions
                    if m.provenance.doc_id == s.hit.doc_id and m.provenance.start == start
                ),
                None,
            )
            return AnswerValue(
                kind=KIND_OF_TYPE.get(entity.type, "entity"),
                text=entity.name,
                value=entity.id,
                layer="entity",
                ref=entity.id,
                documents=[s.hit.doc_id],
                evidence=[mention.provenance] if mention else [],
            )
    return None


def _figure(
    q: Question, top: Sequence[Scored], analyses: dict[str, DocumentAnalysis]
) -> AnswerValue | None:
    kinds = {"count", "duration"} if q.kind == "how_many" else {"money", "percent"}
    keys = [term_key(t.text) for t in q.terms]
    for s in top:
        analysis = analyses.get(s.hit.doc_id)
        figures = [
            f
            for f in (analysis.figures if analysis else ())
            if f.provenance.sentence_start == s.hit.start and f.kind in kinds
        ]
        if not figures:
            continue
        figure = max(figures, key=lambda f: _overlap(keys, f))
        return AnswerValue(
            kind="count" if figure.kind in ("count", "duration") else "amount",
            text=figure_text(figure),
            value=_number(figure),
            layer="figure",
            ref=figure.id,
            documents=[s.hit.doc_id],
            evidence=[figure.provenance],
        )
    return None


def _overlap(keys: list[str], figure: Figure) -> int:
    words = [term_key(w) for w in figure.measure.replace("–", " ").split()]
    return sum(any(keys_match(k, w) for w in words) for k in keys)


def figure_text(figure: Figure) -> str:
    """The figure as written, with a comparative qualifier in front when the words that gave
    it are elsewhere ("exceeded $50 billion" → "over $50 billion")."""
    prefix = set(config()["qualifier_prefix"])
    qualifier = figure.qualifier
    if (
        qualifier is not None
        and qualifier in prefix
        and qualifier.lower() not in figure.text.lower()
    ):
        return f"{qualifier} {figure.text}"
    return figure.text


def _number(figure: Figure) -> str:
    """The value in plain decimal digits, never an exponent and never rounded ('5e+10' would
    read as a typo; ':g' would turn 1,234,567 into 1.23457e+06)."""
    text = format(Decimal(repr(figure.value)), "f")
    value = text.rstrip("0").rstrip(".") if "." in text else text
    return f"{value} {figure.unit}".strip() if figure.unit else value


def format_date(value: str, end: str | None = None) -> str:
    """'2024-03-20' → '20 March 2024'; '2023-12' → 'December 2023'; a range → '25–29 December
    2023'; any other TIMEX value as words (``text.readable_dates``)."""
    return readable_date(value, end, "long")


def _join(names: list[str]) -> str:
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
