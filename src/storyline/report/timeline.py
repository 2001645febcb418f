"""The timeline section: dated and undated happenings, and plans apart, as ``EventItem`` rows.

A plan is never shown as a fact; past the limit the entries most sources report are kept.
Other sections (actors, stories) link to these items by event id.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.models import Briefing, Event, TimelineEntry
from storyline.report.cite import Citations, Cite, anchor_key
from storyline.report.dates import human_date


@dataclass
class EventItem:
    event_id: str
    anchor: str
    date: str | None
    date_end: str | None
    when: str
    label: str
    type: str
    mode: str | None
    tone: str
    factuality: str
    location: str | None
    cites: list[Cite]
    sources: list[str]


@dataclass
class DateGroup:
    when: str
    items: list[EventItem]


def timeline(
    briefing: Briefing,
    events: dict[str, Event],
    citations: Citations,
    tones: dict[str, str],
    happened: frozenset[str],
    planned_kinds: frozenset[str],
    limit: int,
) -> tuple[list[EventItem], list[EventItem], list[EventItem], int]:
    """Timeline entries split into dated and undated happenings, and plans (from the timeline
    when it lists them, else from the events: a plan is never shown as a fact). ``events``: the
    briefing's events by id, in its order, with every mention. Past ``limit`` the entries most
    sources report are kept. Also returns how many there were in all."""
    chosen: list[tuple[str, TimelineEntry | Event]] = []
    for entry in briefing.timeline:
        if entry.factuality not in happened:
            chosen.append(("planned", entry))
        else:
            chosen.append(("dated" if entry.date else "undated", entry))
    listed = {e.event_id for e in briefing.timeline}
    for event in events.values():
        if (
            event.id not in listed
            and event.factuality in planned_kinds
            and not event.generic
            and any(a.entity_id or a.name for a in event.source or event.target)
        ):
            chosen.append(("planned", event))
    total = len(chosen)
    if total > limit:
        keep = sorted(range(total), key=lambda i: (-len(chosen[i][1].documents), i))[:limit]
        chosen = [chosen[i] for i in sorted(keep)]
    sections: dict[str, list[EventItem]] = {"dated": [], "undated": [], "planned": []}
    for section, item in chosen:
        if isinstance(item, TimelineEntry):
            sections[section].append(_entry_item(item, events.get(item.event_id), citations, tones))
        else:
            sections[section].append(event_item(item, citations, tones))
    planned = sorted(
        sections["planned"], key=lambda i: (i.date is None, i.date or "", i.sources, i.event_id)
    )
    return sections["dated"], sections["undated"], planned, total


def _entry_item(
    entry: TimelineEntry, event: Event | None, citations: Citations, tones: dict[str, str]
) -> EventItem:
    label = event.label if event is not None else entry.label
    return EventItem(
        event_id=entry.event_id,
        anchor=f"ev-{anchor_key(entry.event_id)}",
        date=entry.date,
        date_end=entry.date_end,
        when=human_date(entry.date, entry.date_end),
        label=label,
        type=entry.type,
        mode=entry.mode,
        tone=tones.get(entry.type, "other"),
        factuality=entry.factuality,
        location=entry.location,
        cites=citations.cites(entry.evidence, per_document=1),
        sources=[citations.label(d) for d in entry.documents],
    )


def event_item(
    event: Event, citations: Citations, tones: dict[str, str], anchored: bool = True
) -> EventItem:
    """An event as the report shows it, with its citations. ``anchored=False`` for an event
    the timeline does not list (another section names it): no link to an entry that is not
    there, but its sources are still cited, since every claim the report makes cites."""
    return EventItem(
        event_id=event.id,
        anchor=f"ev-{anchor_key(event.id)}" if anchored else "",
        date=event.date,
        date_end=event.date_end,
        when=human_date(event.date, event.date_end),
        label=event.label,
        type=event.type,
        mode=event.mode,
        tone=tones.get(event.type, "other"),
        factuality=event.factuality,
        location=event.location,
        cites=citations.cites((m.provenance for m in event.mentions), per_document=1),
        sources=[citations.label(d) for d in event.documents],
    )


def by_date(items: list[EventItem]) -> list[DateGroup]:
    groups: list[DateGroup] = []
    for item in items:
        if groups and groups[-1].when == item.when:
            groups[-1].items.append(item)
        else:
            groups.append(DateGroup(item.when, [item]))
    return groups
