"""The event merge's parts merged elsewhere: on the build's runner, in process or on Dask
(issue 18: the cross-document stages as partitioned work).

A part (``parts``) is merged alone by ``merge.merged_part``, which reads the part's mentions
(resolved, in pile order) and, of each of their documents, its paragraph starts, whether it is
dated and its publication day (``grouping.ParagraphIndex``) and its story: ``grouping.unit``
reads these of the mention's own document and nothing else of the pile, and the passes after it
read only the units and the mentions. So a part merges in another process from exactly those.
A *task* is a window of consecutive parts (packed by the caller, about ``PART_SIZE`` mentions:
``pipeline.corpus_parts.shipped_event_parts``) with the entries of its documents alone, made
as the runner takes it, so the driver holds a window's payloads, not every part's.

A part comes back as its events, each without its mentions, named instead by their places in
the part, and the keys its merge blocked by; the driver puts its own mention objects back
(``joined_back``), so the mentions cross the network once, the events hold the driver's
objects (as ``kept_parts`` expects: it keeps a mention as its place, found by identity), and
they are the events of the part merged in process.

Only the parts as first found go out, less those read back from the kept rows
(``parts.merged_in_parts``'s ``first``); a part whose merge blocked by a key another part
owns is merged again together with it in process, as before: rejoins are rare.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial

from storyline.events.grouping import ParagraphIndex
from storyline.events.parts import Key
from storyline.models import Event, EventMention

#: A window of parts (each part's mentions, in pile order), and the paragraph index and the
#: stories of their documents alone.
Task = tuple[list[list[EventMention]], ParagraphIndex, dict[str, str]]
#: A part merged in a task: each event with its mentions' places in the part (the event holds
#: none), and every key the merge blocked by.
Shipped = tuple[list[tuple[list[int], Event]], set[Key]]
#: A part merged: its events and every key the merge blocked by (``parts.Run``'s result).
Merged = tuple[list[Event], set[Key]]
#: Runs ``work`` on the task of each window of the parts (``task(window)``), wherever the
#: runner runs it; one result a task, in order (``pipeline.corpus_parts.shipped_event_parts``).
Ship = Callable[
    [
        Callable[[Task], list[Shipped]],
        Callable[[list[list[int]]], Task],
        Iterable[list[int]],
    ],
    list[list[Shipped]],
]


def merged_elsewhere(
    ship: Ship,
    work: Callable[[Task], list[Shipped]],
    mentions: Sequence[EventMention],
    paragraphs: ParagraphIndex,
    stories: Mapping[str, str],
    parts: list[list[int]],
) -> list[Merged]:
    """Each of ``parts`` (mention indexes into ``mentions``) merged by ``work``
    (``merge.merged_task``) through ``ship``, in order: a ``parts.RunMany`` once the rest is
    bound."""
    made = ship(work, partial(task_of, mentions, paragraphs, stories), parts)
    return joined_back(made, mentions, parts)


def task_of(
    mentions: Sequence[EventMention],
    paragraphs: ParagraphIndex,
    stories: Mapping[str, str],
    window: list[list[int]],
) -> Task:
    """What the merges of ``window``'s parts read, and nothing else (module docstring)."""
    own = [[mentions[i] for i in members] for members in window]
    documents = {m.provenance.doc_id for part in own for m in part}
    return own, paragraphs.only(documents), {d: stories[d] for d in documents if d in stories}


def shipped(events: list[Event], blocked: set[Key], mentions: list[EventMention]) -> Shipped:
    """A part's merge (``merge.merged_part`` of ``mentions``) as it goes back: each event's
    mentions taken out and named by their places in the part."""
    place = {id(m): j for j, m in enumerate(mentions)}
    made = []
    for event in events:
        made.append(([place[id(m)] for m in event.mentions], event))
        event.mentions = []
    return made, blocked


def joined_back(
    made: Iterable[list[Shipped]], mentions: Sequence[EventMention], parts: list[list[int]]
) -> list[Merged]:
    """Each part's events with the driver's own mentions back in them, in the parts' order."""
    merged: list[Merged] = []
    results = (part for task in made for part in task)
    for members, (events, blocked) in zip(parts, results, strict=True):
        for places, event in events:
            event.mentions = [mentions[members[j]] for j in places]
        merged.append(([event for _, event in events], blocked))
    return merged
