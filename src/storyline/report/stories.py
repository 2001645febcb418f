"""The stories section: storylines, each with its stories in date order; each story headed by
its label and its best-titled, best-scored source, with its date span, its sources, the
timeline entries it holds and notes on near-copies."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from storyline.models import Briefing, Event
from storyline.report.dates import human_date
from storyline.report.sources import SourceView
from storyline.report.timeline import EventItem


@dataclass
class StorylineItem:
    id: str
    label: str
    when: str
    stories: list[StoryItem]


@dataclass
class StoryItem:
    id: str
    headline: str
    label: str
    when: str
    sources: list[SourceView]
    events: list[EventItem | str]
    copies: list[str]


def stories(
    briefing: Briefing,
    sources: dict[str, SourceView],
    items: dict[str, EventItem],
    events: dict[str, Event],
) -> list[StoryItem]:
    copies = defaultdict(list)
    for group in briefing.duplicates:
        canonical = sources.get(group.canonical)
        for member in group.members:
            similarity = group.similarity.get(member)
            near = f" (~{similarity:.0%} overlap)" if similarity is not None else ""
            copies[member].append(
                f"{sources[member].label if member in sources else member} is a near-copy of "
                f"{canonical.label if canonical else group.canonical}{near}"
            )
    result = []
    for story in briefing.stories:
        members = [sources[d] for d in story.documents if d in sources]
        if story.first_date and story.last_date and story.first_date != story.last_date:
            when = f"{human_date(story.first_date)} – {human_date(story.last_date)}"
        else:
            when = human_date(story.first_date or story.last_date)
        linked: list[EventItem | str] = [
            items.get(i) or events[i].label for i in story.event_ids if i in items or i in events
        ]
        notes = [n for d in story.documents for n in copies.get(d, [])]
        best = sorted(members, key=lambda m: (not m.titled, -(m.score or 0), m.doc.id))
        headline = best[0].name if best else story.label
        result.append(StoryItem(story.id, headline, story.label, when, members, linked, notes))
    return result


def storylines(briefing: Briefing, items: list[StoryItem]) -> list[StorylineItem]:
    """The stories grouped by storyline (the briefing's order: the earliest first), each
    storyline's stories in date order; a story no storyline lists stands alone."""
    by_id = {item.id: item for item in items}
    result: list[StorylineItem] = []
    placed: set[str] = set()
    for line in briefing.storylines:
        members = [by_id[s] for s in line.stories if s in by_id]
        if not members:
            continue
        placed.update(m.id for m in members)
        if line.first_date and line.last_date and line.first_date != line.last_date:
            when = f"{human_date(line.first_date)} – {human_date(line.last_date)}"
        else:
            when = human_date(line.first_date or line.last_date)
        result.append(StorylineItem(line.id, line.label, when, members))
    for item in items:
        if item.id not in placed:
            result.append(StorylineItem(item.id, item.label, item.when, [item]))
    return result
