"""A story's short label, built from its content: who did what, and when.

With events: the main event's actors and kind ("Modi–Putin phone call, 2024-03-20"). Without:
the story's most mentioned entities and most distinctive words, as written in its documents
("Jaishankar, Lavrov, Kremlin — 2023-12-28"). Words for PLOVER modes and types are data
(``data/stories.toml`` [label]).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from storyline.models import Actor, Document, Entity, Event, Story
from storyline.text.vectors import surface_forms

LABEL_SAMPLE_DOCS = 3  # surface forms are read from this many of the story's documents …
LABEL_SAMPLE_CHARS = 4000  # … and this many characters of each (the lead names the actors)


def date_span(first: str | None, last: str | None) -> str:
    if not first:
        return "undated"
    return first if first == last or not last else f"{first} to {last}"


def short_name(name: str, entity: Entity | None, label: str | None = None) -> str:
    """People by surname ("Narendra Modi" → "Modi"); other names as they are."""
    person = (entity.type if entity is not None else label) == "PERSON"
    if person and " " in name.strip():
        return name.strip().split()[-1]
    return name.strip()


def actor_names(actors: Sequence[Actor], entities: dict[str, Entity]) -> list[str]:
    names = []
    for actor in actors:
        entity = entities.get(actor.entity_id or "")
        name = short_name(
            (entity.name if entity else None) or actor.name or actor.text,
            entity,
            getattr(actor, "label", None),
        )
        if name and name not in names:
            names.append(name)
    return names


def event_phrase(event: Event, entities: dict[str, Entity], config: dict[str, Any]) -> str:
    """'Modi–Putin phone call': actors, then the mode's (else the type's) words."""
    actors = actor_names([*event.source, *event.target], entities)[: config["max_actors"]]
    kind = config["modes"].get(event.mode or "") or config["types"].get(event.type.upper())
    if not kind:
        return event.label
    return f"{'–'.join(actors)} {kind}".strip()


def story_label(
    documents: Sequence[Document],
    *,
    main_event: Event | None,
    entities: Sequence[Entity],
    entity_index: dict[str, Entity],
    terms: Sequence[str],
    first_date: str | None,
    last_date: str | None,
    config: dict[str, Any],
) -> str:
    """A short label: main event phrase, else top names and distinctive words; then dates.

    ``entities`` are the story's own, most mentioned first; ``entity_index`` all, by id."""
    when = date_span(first_date, last_date)
    if main_event is not None and main_event.date and len(main_event.date) >= 10:
        when = main_event.date[:10]  # the day of the event, not the span of its coverage
    if main_event is not None:
        return f"{event_phrase(main_event, entity_index, config)}, {when}"
    names: list[str] = []
    for entity in entities[: config["max_actors"]]:
        name = short_name(entity.name, entity)
        if name not in names:
            names.append(name)
    proper, common = display_terms(documents, terms)
    for word in proper if not names else ():
        if len(names) >= config["max_actors"]:
            break
        names.append(word)
    for word in common:
        if len(names) >= config["max_terms"]:
            break
        if word.lower() not in {n.lower() for n in names}:
            names.append(word)
    head = ", ".join(names) or (documents[0].title or documents[0].id)
    return f"{head} — {when}"


def display_terms(
    documents: Sequence[Document], terms: Sequence[str]
) -> tuple[list[str], list[str]]:
    """The (stemmed, lower-case) terms as written in the story's bodies, split into names
    (mostly capitalised inside sentences) and other words, each in the given order. Titles
    are not read: headline case capitalises every word."""
    forms: dict[str, Counter[str]] = {}
    wanted = set(terms)
    for doc in documents[:LABEL_SAMPLE_DOCS]:
        for term, found in surface_forms(doc.text[:LABEL_SAMPLE_CHARS], wanted).items():
            forms.setdefault(term, Counter()).update(found)
    proper: list[str] = []
    common: list[str] = []
    for term in terms:
        counter = forms.get(term)
        if not counter:
            continue
        form = min(counter, key=lambda f: (-counter[f], f))
        capitalised = sum(c for f, c in counter.items() if f[:1].isupper())
        (proper if 2 * capitalised > sum(counter.values()) else common).append(form)
    return proper, common


def storyline_label(
    stories: Sequence[Story], entities: Sequence[Entity], config: dict[str, Any]
) -> str:
    """A storyline's label: its one story's label, else the names its stories share."""
    if len(stories) == 1:
        return stories[0].label
    names: list[str] = []
    for entity in entities:
        name = short_name(entity.name, entity)
        if name not in names:
            names.append(name)
        if len(names) >= config["label"]["max_actors"]:
            break
    head = ", ".join(names) or stories[0].label
    return f"{head} — {len(stories)} stories"
