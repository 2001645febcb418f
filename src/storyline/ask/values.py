"""The normalised value a when / who / how much / how many / where question asks for.

Values come from the analysis layers, never from re-reading the text: a date from the merged
event the question describes (its participants are the question's entities and its type is the
one the question's verb names in the event lexicon: "call" → CONSULT/phone), else from a
temporal expression in a supporting sentence; a person, organisation or place from that event's
other participants or location, else from the entities a supporting sentence names; an amount
or count from the figures a supporting sentence states. Each value cites its evidence.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from storyline.ask.query import (
    Question,
    compatible_dates,
    config,
    keys_match,
    lemmas,
    name_key,
    term_key,
)
from storyline.events.lexicon import default_lexicon
from storyline.models import HAPPENED, DocumentAnalysis, Event, EventMention, Figure
from storyline.models.answers import AnswerValue
from storyline.summary.citations import best_mentions

if TYPE_CHECKING:
    from storyline.ask.index import AskIndex
    from storyline.ask.score import Scored

PLACES = frozenset({"GPE", "LOC", "FAC"})
AGENTS = frozenset({"PERSON", "ORG"})
KIND_OF_TYPE = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place"}
Groups = dict[tuple[int, int], set[str]]
Types = dict[str, set[tuple[str, str | None]]]


@dataclass
class EventMatch:
    event: Event
    mentions: list[EventMention]
    strength: float


def verb_types(q: Question, groups: Groups) -> Types:
    """Question word → the (event type, mode) pairs the event lexicon codes it as; a pattern
    with several words counts only when the question has the others ("win … election")."""
    lexicon = default_lexicon()
    words = {x for t in q.tokens for x in lemmas(t.text)}
    out: Types = {}
    for term in q.terms:
        if any(s <= term.start < e for s, e in groups):
            continue
        found: set[tuple[str, str | None]] = set()
        for lemma in lemmas(term.text):
            for pos in ("V", "N"):
                for entry in lexicon.candidates(pos, lemma):
                    if all(slot & words for slot in entry.others):
                        found.add((entry.type, entry.mode))
            if found:
                break
        if found:
            out[term.text] = found
    return out


def participants(event: Event, index: AskIndex) -> set[str]:
    """Entity ids an event involves: its actors (and linked entities), their countries and its
    place (computed once per event and index)."""
    if event.id in index.participants:
        return index.participants[event.id]
    ids: set[str] = set()
    for actor in event.source + event.target:
        if actor.entity_id:
            ids |= index.family({actor.entity_id})
        for name in (actor.country, actor.name or actor.text):
            if name:
                ids |= index.family(index.aliases.get(name_key(name), set()))
    if event.location:
        ids |= index.family(index.aliases.get(name_key(event.location), set()))
    index.participants[event.id] = ids
    return ids


def event_fit(event: Event, groups: Groups, types: Types, index: AskIndex) -> float | None:
    """How well an event fits the question (None: not at all): every named entity takes part,
    and the type (and mode, when both are known) is one the question's verb names."""
    if event.factuality not in HAPPENED | {"planned"}:
        return None
    if groups:
        involved = participants(event, index)
        if not all(ids & involved for ids in groups.values()):
            return None
    strength = 1.0
    if types:
        wanted = {pair for pairs in types.values() for pair in pairs}
        if event.type not in {t for t, _ in wanted}:
            return None
        modes = {m for t, m in wanted if t == event.type}
        if event.mode in modes:
            strength = 2.0
        elif event.mode is None or None in modes or _same_encounter(event.mode, modes):
            strength = 1.5
        else:
            return None
    return strength * (0.5 if event.factuality == "planned" else 1.0)


def _same_encounter(mode: str, modes: set[str | None]) -> bool:
    return any(mode in group and modes & set(group) for group in config()["compatible_modes"])


def match_events(index: AskIndex, groups: Groups, types: Types) -> list[EventMatch]:
    """Events the question describes, best first; none when it names no one and no act."""
    if not groups and not types:
        return []
    found = []
    for event in index.events:
        strength = event_fit(event, groups, types, index)
        if strength is not None:
            found.append(EventMatch(event, best_mentions(event), strength))
    found.sort(
        key=lambda m: (m.strength, m.event.date is not None, len(m.event.documents)),
        reverse=True,
    )
    return found


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
                kind=KIND_OF_TYPE.get(entity.type if entity else "", "entity"),  # type: ignore[arg-type]
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
                kind=KIND_OF_TYPE.get(entity.type, "entity"),  # type: ignore[arg-type]
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
    if qualifier in prefix and qualifier.lower() not in figure.text.lower():
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
    2023'."""
    parts = value.split("-")
    if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit():
        month = calendar.month_name[int(parts[1])] if 1 <= int(parts[1]) <= 12 else parts[1]
        if len(parts) == 3 and parts[2].isdigit():
            day = int(parts[2])
            if end and end[:7] == value[:7] and len(end) == 10 and end != value:
                return f"{day}–{int(end[8:])} {month} {parts[0]}"
            return f"{day} {month} {parts[0]}"
        return f"{month} {parts[0]}"
    return value


def _join(names: list[str]) -> str:
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
