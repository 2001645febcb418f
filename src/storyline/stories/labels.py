"""Labels of stories and storylines, built from what is known: who, what, where, when.

A story reads like a news editor's slug: the main event's canonical actors and kind, its place
and its date ("Putin–Modi talks, Moscow, 8–9 Jul 2024"). Only presentable names are used: an
actor must resolve to a canonical entity whose name is a proper name, not a title or a word
("Prime", "Guest", "no-one" never appear). Without a usable event, the story's most mentioned
presentable names and its most characteristic plain words ("Tara Reid, rehab, 2 Oct 2008").
A storyline names the actors its stories share and its span. Words for PLOVER modes and types
are data (``data/stories.toml`` [label]).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from typing import Any

from storyline.entities.lexicon import key_words, lexicon
from storyline.models import Actor, Document, Entity, Event, Story
from storyline.text.vectors import surface_forms, term_of

NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT"})
ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_PLAIN_WORD = re.compile(r"^[a-z][a-z-]{3,}$")
_SUFFIX = re.compile(r"^(?:[IVX]+|Jr|Sr)\.?$")  # generational suffixes, roman numerals


def presentable(entity: Entity | None) -> bool:
    """Whether an entity's name can stand in a label: a typed name written as a proper name
    (a capital letter, not all one lower-case word), not a title, part of a title or an
    honorific on its own."""
    if entity is None or entity.type not in NAME_TYPES:
        return False
    name = entity.name.strip()
    words = key_words(name)
    if not words or not name[:1].isupper():
        return False
    if not any(len(w) >= 3 for w in words) and not name.replace(".", "").isupper():
        return False  # "Jr.", "Mr" alone; acronyms such as "EU" stay
    if _SUFFIX.match(name):
        return False  # "III", "Jr." alone
    return words not in title_parts() and words not in lexicon().honorifics


@cache
def title_parts() -> frozenset[tuple[str, ...]]:
    """Every title and every opening part of one ("Prime" of "Prime Minister"): a name cut
    from a title ("Modi–Prime phone call") is no actor."""
    return frozenset(key[:n] for key in lexicon().titles for n in range(1, len(key) + 1))


def short_name(name: str, entity: Entity | None, label: str | None = None) -> str:
    """People by the one-word name the texts call them ("Narendra Modi" → "Modi", "Xi
    Jinping" → "Xi" when an alias says so), else by the last word; other names as they are."""
    person = (entity.type if entity is not None else label) == "PERSON"
    name = name.strip()
    if not person or " " not in name:
        return name
    words = [w for w in name.split() if not _SUFFIX.match(w)] or name.split()
    called = [a for a in (entity.aliases if entity else []) if a in words and a[:1].isupper()]
    return called[0] if len(called) == 1 else words[-1]


def actor_names(actors: Sequence[Actor], entities: Mapping[str, Entity]) -> list[str]:
    """Short canonical names of the actors that resolve to presentable entities."""
    names: list[str] = []
    for actor in actors:
        entity = entities.get(actor.entity_id or "")
        if entity is None or entity.type not in ACTOR_TYPES or not presentable(entity):
            continue
        name = short_name(entity.name, entity)
        if name not in names:
            names.append(name)
    return names


def event_kind(event: Event, config: dict[str, Any]) -> str | None:
    """The words for an event's mode, else its type ("phone call", "talks"); None if unknown."""
    found = config["modes"].get(event.mode or "") or config["types"].get(event.type.upper())
    return str(found) if found else None


def event_phrase(
    event: Event, entities: Mapping[str, Entity], config: dict[str, Any]
) -> str | None:
    """'Modi–Putin phone call', 'Modi visit to Moscow': presentable actors, then the kind;
    None without enough of them (``min_event_actors``) or a kind."""
    kind = event_kind(event, config)
    if event.mode == "visit":  # a visit's target is mostly where the visitor went
        agents = actor_names(event.source, entities)
        places = [entities.get(a.entity_id or "") for a in event.target]
        where = [p.name for p in places if p and p.type in PLACE_TYPES and presentable(p)]
        if agents and where and kind:
            return f"{agents[0]} {kind} to {where[0]}"
    actors = actor_names([*event.source, *event.target], entities)[: config["max_actors"]]
    if len(actors) < config["min_event_actors"] or not kind:
        return None
    return f"{'–'.join(actors)} {kind}"


def day_span(first: str | None, last: str | None) -> str:
    """'8 Jul 2024', '8–9 Jul 2024', '30 Jun – 2 Jul 2024', 'Jul 2024', '2024' or ''."""
    if not first:
        return ""
    a, b = _as_date(first), _as_date(last or first)
    if a is None or b is None:
        return first if len(first) < 10 else first[:10]
    if b < a:
        a, b = b, a
    if a == b:
        return f"{a.day} {a:%b %Y}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {b:%b %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%b} – {b.day} {b:%b %Y}"
    return f"{a.day} {a:%b %Y} – {b.day} {b:%b %Y}"


def month_span(first: str | None, last: str | None) -> str:
    """'Aug 2023', 'Aug 2023 – Aug 2024' or ''."""
    a, b = _as_date(first or ""), _as_date(last or first or "")
    if a is None or b is None:
        return ""
    if (a.year, a.month) == (b.year, b.month):
        return f"{a:%b %Y}"
    return f"{a:%b %Y} – {b:%b %Y}"


def _as_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None


def story_label(
    documents: Sequence[Document],
    leads: Sequence[str],
    *,
    main_event: Event | None,
    entities: Sequence[Entity],
    entity_index: Mapping[str, Entity],
    terms: Sequence[str],
    place: Entity | None,
    first_date: str | None,
    last_date: str | None,
    config: dict[str, Any],
) -> str:
    """Who–what, where, when (see the module doc). ``entities`` are the story's own, most
    mentioned first; ``entity_index`` all, by id; ``terms`` its characteristic terms."""
    phrase = event_phrase(main_event, entity_index, config) if main_event else None
    if phrase is None:
        phrase = names_phrase(documents, leads, entities, terms, main_event, config)
    parts = [phrase]
    if place is not None and presentable(place) and place.name not in phrase:
        parts.append(place.name)
    when = day_span(first_date, last_date)
    if main_event is not None and main_event.date and len(main_event.date) >= 10:
        when = day_span(main_event.date, main_event.date_end)  # the event's days, not coverage
    if when:
        parts.append(when)
    return ", ".join(p for p in parts if p)


def names_phrase(
    documents: Sequence[Document],
    leads: Sequence[str],
    entities: Sequence[Entity],
    terms: Sequence[str],
    main_event: Event | None,
    config: dict[str, Any],
) -> str:
    """The story's most mentioned presentable names, then its most characteristic plain
    words; the first title when nothing else is known."""
    names = leading_names(entities, config["max_actors"])
    proper, plain = written_words(leads, terms)
    names = names or proper[: config["max_actors"]]
    taken = {n.lower() for n in names}
    words = [w for w in plain if w not in taken][: config["max_words"]]
    head = ", ".join([" and ".join(names)] if names else [])
    if words:
        head = f"{head}: {', '.join(words)}" if head else ", ".join(words)
    return head or next((d.title for d in documents if d.title), documents[0].id)


def leading_names(entities: Sequence[Entity], limit: int) -> list[str]:
    """Short names of the first presentable entities: people first, then organisations, then
    places and the rest (a story is told by who did it)."""
    rank = {"PERSON": 0, "ORG": 1, "GPE": 2}
    chosen = sorted(
        (e for e in entities if presentable(e) and e.type != "NORP"),
        key=lambda e: rank.get(e.type, 3),
    )
    names: list[str] = []
    for entity in chosen:
        name = short_name(entity.name, entity)
        if name not in names:
            names.append(name)
        if len(names) >= limit:
            break
    return names


def written_words(leads: Sequence[str], terms: Sequence[str]) -> tuple[list[str], list[str]]:
    """The (stemmed) terms as the story's leads write them, split into names (mostly
    capitalised inside sentences: "Orion"), in the order given, and plain words (mostly lower
    case: "rehab", "fired"), the ones more leads use first; contractions and short words are
    left out of the plain."""
    forms: dict[str, Counter[str]] = {}
    used: Counter[str] = Counter()
    wanted = set(terms)
    for lead in leads:
        found = surface_forms(lead, wanted)
        used.update(found.keys())
        for term, written in found.items():
            forms.setdefault(term, Counter()).update(written)
    proper: list[str] = []
    plain: list[str] = []
    for term in (t for t in terms if t in forms):
        counter = forms[term]
        form = min(counter, key=lambda f: (-counter[f], f))
        lower = sum(c for f, c in counter.items() if f[:1].islower())
        if 2 * lower > sum(counter.values()):
            if _PLAIN_WORD.match(form):
                plain.append(form)
        elif len(form) > 2:
            proper.append(form)
    order = {form: i for i, form in enumerate(plain)}
    plain.sort(key=lambda f: (-used[term_of(f)], order[f]))
    return proper, plain


def storyline_label(
    stories: Sequence[Story], entities: Sequence[Entity], config: dict[str, Any]
) -> str:
    """A storyline's label: its one story's label; else the presentable names most of its
    stories share, the number of stories and the months they span."""
    if len(stories) == 1:
        return stories[0].label
    names = leading_names(entities, config["label"]["max_actors"])
    firsts = sorted(s.first_date for s in stories if s.first_date)
    lasts = sorted(s.last_date or s.first_date or "" for s in stories if s.first_date)
    span = month_span(firsts[0], lasts[-1]) if firsts else ""
    head = " and ".join(names) or stories[0].label
    tail = ", ".join(p for p in (f"{len(stories)} stories", span) if p)
    return f"{head}: {tail}"
