"""Who and where: answers that are entities of the type the question asks for, never another.

The interrogative fixes the answer's type (``data/ask.toml`` [answer_types]): "who" a person or
an organisation, "which countries" a country, "where" a place. A candidate of another type — a
nationality for "Who shot the workers?", a town for "Who was charged with arson?" — is never
the answer, however close it sits; without a candidate of the right type the corpus has no
answer to give. The candidate is first the argument of the asked act in a supporting sentence
(``argument``: "represented … by Lavrov" answers "Who would represent Russia?"); when a
sentence tells the act of other people, there is no answer; when none tells the act, the
described event's other side; any other entity of the asked type only for a question carried
by the type it names ("Which organisations …") or by a light verb ("Who is in charge …").
A sentence that tells the act only with a modal ("could be held", "will hand over") fills no
argument of a question asked without one; a where-question answers the narrowest place given.

"Who is X?" asks for X itself: its roles and affiliation as the entity layer resolved them
across the corpus ("Sergey Lavrov: Foreign Minister of Russia"), cited where a role is stated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from storyline.ask.argument import Filler, filler_evidence, read_arguments
from storyline.ask.events import EventMatch
from storyline.ask.frame import Frame
from storyline.ask.index import AskIndex
from storyline.ask.query import Question, config
from storyline.ask.score import Scored
from storyline.models import Entity, Provenance
from storyline.models.answers import AnswerValue, ValueKind
from storyline.summary.citations import best_mentions

KIND_OF_TYPE: dict[str, ValueKind] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "entity",
}
WHICH = re.compile(
    r"^\s*(?:(?:in|on|at|from|to|for|with|by)\s+)?(?:which|what)\s+([^\W\d_]+)", re.I
)
WHO_IS = re.compile(r"^\s*who\s+(?:is|was|are|were)\s+(?P<name>.+?)\s*\??\s*$", re.IGNORECASE)


def answer_types(q: Question) -> set[str]:
    """Entity types the question may be answered with ("which countries" → GPE)."""
    which = WHICH.match(q.text)
    if which:
        asked = config()["asked_types"].get(which.group(1).lower())
        if asked:
            return set(asked)
    return set(config()["answer_types"].get(q.kind or "", ()))


def entity_type(entity_id: str | None, index: AskIndex) -> str | None:
    entity = index.entities.get(entity_id or "")
    return entity.type if entity else None


def who(
    q: Question,
    frame: Frame,
    groups: dict[tuple[int, int], set[str]],
    matches: Sequence[EventMatch],
    top: Sequence[Scored],
    named: set[str],
    index: AskIndex,
) -> AnswerValue | None:
    """The entity filling the asked argument of the asked act in a supporting sentence
    (``argument``); else a person or organisation (or the asked type) from the described
    event, else from the supporting sentences — but nothing when a sentence tells the act with
    its argument and that argument is no entity of the asked type."""
    wanted = answer_types(q)
    argument_types = wanted
    if wanted == set(config()["answer_types"]["who"]):
        argument_types = set(config()["answer_types"]["who_argument"])
    core = [groups[span] for span in frame.core if span in groups]
    reading = read_arguments(frame, top, index, named, argument_types, core)
    if reading.fillers:
        return _filled(reading.fillers, index)
    if reading.act_seen or reading.unreal:
        return None
    for m in matches:
        event = m.event
        asked_as_source = any(a.entity_id in named for a in event.source)
        side = event.target if asked_as_source else event.source
        actors = [
            a
            for a in side
            if a.entity_id
            and a.entity_id not in named
            and entity_type(a.entity_id, index) in wanted
        ]
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
    if frame.acts and not frame.light and not WHICH.match(q.text):
        # "Who hosted …?" asks for the act's doer, and no sentence or event tells it; a
        # "which organisations …" question is carried by the type it names
        return None
    return entity_in(top, named, index, wanted)


def where(
    q: Question,
    frame: Frame,
    groups: dict[tuple[int, int], set[str]],
    matches: Sequence[EventMatch],
    top: Sequence[Scored],
    named: set[str],
    index: AskIndex,
) -> AnswerValue | None:
    """The place the asked act happened at in a supporting sentence, else the described
    event's place, else a place a supporting sentence names."""
    core = [groups[span] for span in frame.core if span in groups]
    reading = read_arguments(frame, top, index, named, answer_types(q), core, where=True)
    if reading.fillers:
        return _filled([_narrowest(reading.fillers)], index)
    if reading.unreal and not reading.act_seen:
        return None  # the sentences tell the act only as one that may come: it has no place
    if frame.prep == "from":
        return None  # "… travel to Kyiv from?" asks for a source: the act's place is not it
    # a place phrase may attach anywhere in the clause (the parser's least certain decision):
    # without one on the act, the event layer's place and then the sentence's place stand
    for m in matches:
        asked = index.family(index.lookup(m.event.location)) & named if m.event.location else None
        if m.event.location and not asked:  # never a place the question itself names
            return AnswerValue(
                kind="place",
                text=m.event.location,
                value=m.event.location,
                layer="event",
                ref=m.event.id,
                documents=list(m.event.documents),
                evidence=[x.provenance for x in best_mentions(m.event)],
            )
    return entity_in(top, named, index, answer_types(q))


def _narrowest(fillers: Sequence[Filler]) -> Filler:
    """The first sentence's place, or a place another supporting sentence puts inside it ("the
    summit in Switzerland"; "the summit at Burgenstock in Switzerland": Burgenstock): of
    nested places the most specific answers a where-question, and a chain of place phrases
    names the inner place first."""
    first = fillers[0]
    for inner in fillers:
        if inner.entity_id != first.entity_id and any(
            outer.sentence is inner.sentence
            and outer.entity_id == first.entity_id
            and outer.start > inner.start
            for outer in fillers
        ):
            return inner
    return first


def _filled(fillers: Sequence[Filler], index: AskIndex) -> AnswerValue:
    """The argument's entities (those of its best sentence: "Blinken, Yellen and Sullivan")."""
    first = fillers[0].sentence
    kind = index.entities[fillers[0].entity_id].type  # a person, not the body it speaks for
    same = [f for f in fillers if f.sentence is first and index.entities[f.entity_id].type == kind]
    entities = [index.entities[f.entity_id] for f in same]
    kinds = {KIND_OF_TYPE.get(e.type, "entity") for e in entities}
    evidence = [filler_evidence(f, len(e.name)) for f, e in zip(same, entities, strict=True)]
    return AnswerValue(
        kind=kinds.pop() if len(kinds) == 1 else "entity",
        text=_join([e.name for e in entities]),
        value=",".join(e.id for e in entities),
        layer="entity",
        ref=entities[0].id,
        documents=[first.hit.doc_id],
        evidence=evidence[:1],
    )


def entity_in(
    top: Sequence[Scored], named: set[str], index: AskIndex, types: set[str]
) -> AnswerValue | None:
    """The first entity of ``types`` a supporting sentence names that the question does not."""
    for s in top:
        for start, entity_id in sorted(index.mentions_at.get((s.hit.doc_id, s.hit.start), ())):
            entity = index.entities.get(entity_id)
            if entity is None or entity.type not in types or entity_id in named:
                continue
            if index.family({entity_id}) & named:
                continue  # "Russian" when the question names Russia
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


def who_is(
    q: Question,
    groups: dict[tuple[int, int], set[str]],
    index: AskIndex,
    affiliation: Callable[[Entity], tuple[str | None, str | None]],
) -> AnswerValue | None:
    """ "Who is X?": X's roles and affiliation from the entity layer, or None when the question
    is not of that form or X is not a person or organisation the corpus knows."""
    match = WHO_IS.match(q.text)
    if match is None or len(groups) != 1:
        return None
    span, ids = next(iter(groups.items()))
    asked = q.text[span[0] : span[1]]
    if len(asked.strip()) < len(match["name"].strip(" ?")) - 4:
        return None  # "Who is X's successor?": more than a name is asked
    entities = [index.entities[i] for i in sorted(ids) if i in index.entities]
    people = [e for e in entities if e.type in ("PERSON", "ORG")]
    if not people:
        return None
    entity = max(people, key=lambda e: (bool(e.roles), e.mention_count))
    country = affiliation(entity)[0]
    roles = [r for r in entity.roles if r]
    described = ", ".join(dict.fromkeys(roles))
    if country and (not described or country.lower() not in described.lower()):
        described = f"{described} ({country})" if described else country
    if not described:
        return None  # the corpus names X but never says who X is
    evidence = _role_mentions(entity, roles)
    return AnswerValue(
        kind=KIND_OF_TYPE.get(entity.type, "entity"),
        text=f"{entity.name}: {described}",
        value=entity.id,
        layer="entity",
        ref=entity.id,
        documents=list(dict.fromkeys(p.doc_id for p in evidence)),
        evidence=evidence,
    )


def _role_mentions(entity: Entity, roles: list[str]) -> list[Provenance]:
    """One mention per document whose sentence states one of the roles, else the first ones."""
    lowered = [r.lower() for r in roles]
    stated = [
        m.provenance
        for m in entity.mentions
        if any(r in m.provenance.sentence.lower() for r in lowered)
    ]
    by_doc: dict[str, Provenance] = {}
    for p in stated or [m.provenance for m in entity.mentions]:
        by_doc.setdefault(p.doc_id, p)
    return list(by_doc.values())[:3]


def _join(names: list[str]) -> str:
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
