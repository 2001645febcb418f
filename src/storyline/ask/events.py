"""Which merged events a question describes: its named entities take part, and its verb names
the event's type in the event lexicon ("call" → CONSULT/phone).

Shared by sentence scoring (a sentence that reports a matching event supports the answer) and by
value reading (a date or a participant comes from the matching event first).
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.ask.index import AskIndex
from storyline.ask.query import Question, config, lemmas, name_key
from storyline.events.lexicon import default_lexicon
from storyline.models import HAPPENED, Actor, Event, EventMention
from storyline.summary.citations import best_mentions

Groups = dict[tuple[int, int], set[str]]
PLACES = frozenset({"GPE", "LOC", "FAC"})
Types = dict[str, set[tuple[str, str | None]]]


@dataclass(frozen=True)
class Roles:
    """What the question's syntax says of an event's arguments (``frame``): which of its names
    are the asked act's doer and undergoer, which only set the scene ("… at the SCO summit in
    Samarkand": the event's reports name them, the event's actors need not), and whether the
    act is reciprocal (meeting Putin is Putin meeting you; visiting India is not India
    visiting you)."""

    scene: frozenset[tuple[int, int]] = frozenset()
    agents: tuple[frozenset[str], ...] = ()
    patients: tuple[frozenset[str], ...] = ()
    reciprocal: bool = True


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


def event_fit(
    event: Event, groups: Groups, types: Types, index: AskIndex, roles: Roles | None = None
) -> float | None:
    """How well an event fits the question (None: not at all): every named entity takes part
    (one that only sets the scene is named by a report of the event), each in the role the
    question gives it, and the type (and mode, when both are known) is one the question's
    verb names."""
    if event.factuality not in HAPPENED | {"planned"}:
        return None
    roles = roles or Roles()
    if groups:
        involved = index.participants_of(event)
        scene_told: list[bool] = []
        for span, ids in groups.items():
            if ids & involved:
                continue
            if span not in roles.scene or _contradicts(event, ids, index):
                return None
            scene_told.append(_told_by_reports(event, ids, index))
        # one report seldom names every setting ("the SCO summit in Samarkand"): one named
        # setting ties the event to the question, and no named place may contradict it
        if scene_told and not any(scene_told):
            return None
        if not roles.reciprocal and _reversed(event, roles, index):
            return None
    strength = 1.0
    if types:
        wanted = {pair for pairs in types.values() for pair in pairs}
        if event.type not in {t for t, _ in wanted}:
            return None
        modes = {m for t, m in wanted if t == event.type}
        if modes - {None}:
            # the most specific word decides: "meet … at the summit" asks for an encounter in
            # person, which "summit" (any CONSULT) must not widen to a phone call
            modes -= {None}
        if event.mode in modes:
            strength = 2.0
        elif event.mode is None or None in modes or _same_encounter(event.mode, modes):
            strength = 1.5
        else:
            return None
    return strength * (0.5 if event.factuality == "planned" else 1.0)


def _contradicts(event: Event, ids: set[str], index: AskIndex) -> bool:
    """Whether a scene place contradicts the place the event layer gave the event ("in Bali"
    is not the meeting at Woodside, which a report on both also names)."""
    places = [i for i in ids if i in index.entities and index.entities[i].type in PLACES]
    return bool(event.location and places)


def _told_by_reports(event: Event, ids: set[str], index: AskIndex) -> bool:
    """Whether a report of the event names the scene name."""
    told = {d for i in ids for d in index.in_documents.get(i, ())}
    return bool(told & set(event.documents))


def _reversed(event: Event, roles: Roles, index: AskIndex) -> bool:
    """Whether the event has the question's doer only on its receiving side, or its undergoer
    only on its acting side without the doer: another act between the same parties ("When did
    Zelenskyy visit India?" is not answered by an event in which India's Modi met Zelenskyy)."""
    source, target = _side(event.source, index), _side(event.target, index)
    if event.location:
        target |= index.family(index.aliases.get(name_key(event.location), set()))
    if any(ids & target and not ids & source for ids in roles.agents):
        return True
    # an undergoer on the acting side is reversed only without the doer there: "Scholz and
    # Macron held a call" codes both as sources of one joint act; but a joint act held at a
    # place other than the undergoer was not done to it ("Zelenskyy and Modi met in Italy"
    # does not tell when Zelenskyy visited India)
    doer_acts = any(ids & source for ids in roles.agents)
    acting_only = any(ids & source and not ids & target for ids in roles.patients)
    return acting_only and (not doer_acts or bool(event.location))


def _side(actors: list[Actor], index: AskIndex) -> set[str]:
    ids: set[str] = set()
    for actor in actors:
        if actor.entity_id:
            ids |= index.family({actor.entity_id})
        if actor.country:
            ids |= index.family(index.aliases.get(name_key(actor.country), set()))
    return ids


def _same_encounter(mode: str, modes: set[str | None]) -> bool:
    return any(mode in group and modes & set(group) for group in config()["compatible_modes"])


def match_events(
    index: AskIndex, groups: Groups, types: Types, roles: Roles | None = None
) -> list[EventMatch]:
    """Events the question describes, best first; none when it names no one and no act."""
    if not groups and not types:
        return []
    found = []
    for event in _candidates(index, groups, types, roles or Roles()):
        strength = event_fit(event, groups, types, index, roles)
        if strength is not None:
            found.append(EventMatch(event, best_mentions(event), strength))
    found.sort(
        key=lambda m: (m.strength, m.event.date is not None, len(m.event.documents)),
        reverse=True,
    )
    return found


def _candidates(index: AskIndex, groups: Groups, types: Types, roles: Roles) -> list[Event]:
    """The events ``event_fit`` may take, in the index's order: those that involve some entity
    of every name the question gives a part in the event (one that only sets the scene need
    not take part), of a type the question's verb names, if it names one. Looked up by entity
    and type instead of trying every event of the corpus for every question."""
    taking_part = [ids for span, ids in groups.items() if span not in roles.scene]
    if not taking_part and not types:
        return index.events
    wanted = [{p for i in ids for p in index.events_of_entity.get(i, ())} for ids in taking_part]
    if types:
        named = {t for pairs in types.values() for t, _ in pairs}
        wanted.append({p for t in named for p in index.events_of_type.get(t, ())})
    return [index.events[p] for p in sorted(set.intersection(*wanted))]
