"""The timeline: what the sources say happened, in date order, each entry with its evidence.

Only events that are told as having happened (factuality ``asserted`` or ``reported``) are shown
as happened. Planned, hypothetical and negated events stay in ``events`` with their factuality;
``include_planned=True`` adds the planned ones as entries marked ``factuality="planned"`` (their
label starts with "Planned:"), placed by their intended date, so a reader never mistakes a plan
for a fact. Generic events (a simple-present habit or state: "India and Russia partner on
defence projects") are not episodes and are left out. Dated entries come first in date order (a
month-only date sorts before the days of that month); undated entries follow, in document order.
An event needs at least one named actor (an entity, or a name read from the text) to be shown:
"the leaders discussed …" with nobody resolved says too little for a chronology.

An undated event is shown only when its sources carry no date at all (an undated page: the
reader is told "undated" rather than left without the event). An event that dated articles tell
without any date of its own ("the leaders' first meeting since …"), and that joined no dated
event of the same kind (``merge``), is background a chronology cannot place: it stays in
``events`` (the briefing, ``ask``), off the timeline. Pass ``dated_documents`` to apply this.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from storyline.events.canonical_actors import is_named
from storyline.models import HAPPENED, Event, Provenance, TimelineEntry


def build_timeline(
    events: Sequence[Event],
    include_planned: bool = False,
    dated_documents: Collection[str] | None = None,
) -> list[TimelineEntry]:
    """Timeline entries for ``events``: dated ones by date, undated ones after (only those whose
    documents are all undated, when ``dated_documents`` says which are dated)."""
    dated = set(dated_documents or ())
    chosen = [
        e
        for e in events
        if (e.factuality in HAPPENED or (include_planned and e.factuality == "planned"))
        and not e.generic
        and _named(e)
        and (e.date or not dated.intersection(e.documents))
    ]
    chosen.sort(key=_order)
    return [_entry(e) for e in chosen]


def _named(event: Event) -> bool:
    """Who did it is known: a source (or, for a passive "X was attacked", a target) is a named
    entity rather than a bare phrase."""
    actors = event.source or event.target
    return any(is_named(a) for a in actors)


def _order(event: Event) -> tuple:
    first = min(
        ((m.provenance.doc_id, m.provenance.start) for m in event.mentions), default=("", 0)
    )
    return (event.date is None, event.date or "", event.documents[:1], first, event.id)


def _entry(event: Event) -> TimelineEntry:
    return TimelineEntry(
        event_id=event.id,
        date=event.date,
        date_end=event.date_end,
        label=event.label,  # events.labels.label already words plans as plans
        type=event.type,
        mode=event.mode,
        factuality=event.factuality if event.factuality in HAPPENED else "planned",
        location=event.location,
        documents=event.documents,
        evidence=_evidence(event),
    )


def _evidence(event: Event) -> list[Provenance]:
    """One evidence sentence per (document, sentence): sentences that state the event's own date
    first (they are what the timeline places it by), then the rest, in document order."""
    seen: set[tuple[str, int]] = set()
    evidence = []
    for mention in sorted(
        event.mentions,
        key=lambda m: (m.date_basis != "timex", m.provenance.doc_id, m.provenance.start),
    ):
        key = (mention.provenance.doc_id, mention.provenance.sentence_start)
        if key not in seen:
            seen.add(key)
            evidence.append(mention.provenance)
    return evidence
