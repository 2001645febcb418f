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
the part, and its late keys (those its merge blocked by that its mentions' own keys, shipped
with it, do not hold: mostly none; every key each part blocked by, all held until the parts are
visited, were about a sixth of the stories' merge's working set at 1,600 documents). The
driver puts its own mention objects back (``joined_back``), so the mentions cross the network
once, the events hold the driver's objects (as ``kept_parts`` expects: it keeps a mention as
its place, found by identity), and they are the events of the part merged in process.

Only the parts as first found go out, less those read back from the kept rows
(``parts.merged_in_parts``'s ``first``); a part whose merge blocked by a key another part
owns is merged again together with it in process, as before (no part of a simulated pile of
1,600 documents met another: benchmarks/results.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial

from storyline.events.grouping import ParagraphIndex
from storyline.events.parts import Key, own_keys
from storyline.models import Event, EventMention

#: A window of parts (each part's mentions, in pile order, and their own keys:
#: ``parts.mention_keys``), and the paragraph index and the stories of their documents alone.
Task = tuple[list[tuple[list[EventMention], set[Key]]], ParagraphIndex, dict[str, str]]
#: A part merged in a task: each event with its mentions' places in the part (the event holds
#: none), and the part's late keys.
Shipped = tuple[list[tuple[list[int], Event]], set[Key]]
#: A part merged: its events and late keys (``parts.RunMany``'s result).
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
    keys_of: Sequence[set[Key]],
    paragraphs: ParagraphIndex,
    stories: Mapping[str, str],
    parts: list[list[int]],
) -> list[Merged]:
    """Each of ``parts`` (mention indexes into ``mentions``, whose own keys are ``keys_of``)
    merged by ``work`` (``merge.merged_task``) through ``ship``, in order: a ``parts.RunMany``
    once the rest is bound."""
    made = ship(work, partial(task_of, mentions, keys_of, paragraphs, stories), parts)
    return joined_back(made, mentions, parts)


def task_of(
    mentions: Sequence[EventMention],
    keys_of: Sequence[set[Key]],
    paragraphs: ParagraphIndex,
    stories: Mapping[str, str],
    window: list[list[int]],
) -> Task:
    """What the merges of ``window``'s parts read, and their own keys (module docstring)."""
    parts = [([mentions[i] for i in members], own_keys(members, keys_of)) for members in window]
    documents = {m.provenance.doc_id for own, _ in parts for m in own}
    return parts, paragraphs.only(documents), {d: stories[d] for d in documents if d in stories}


def shipped(
    events: list[Event], blocked: set[Key], mentions: list[EventMention], own: set[Key]
) -> Shipped:
    """A part's merge (``merge.merged_part`` of ``mentions``, whose own keys are ``own``) as it
    goes back: each event's mentions taken out and named by their places in the part, and the
    keys it blocked by that ``own`` does not hold."""
    place = {id(m): j for j, m in enumerate(mentions)}
    made = []
    for event in events:
        made.append(([place[id(m)] for m in event.mentions], event))
        event.mentions = []
    return made, blocked - own


def joined_back(
    made: Iterable[list[Shipped]], mentions: Sequence[EventMention], parts: list[list[int]]
) -> list[Merged]:
    """Each part's events with the driver's own mentions back in them, in the parts' order."""
    merged: list[Merged] = []
    results = (part for task in made for part in task)
    for members, (events, late) in zip(parts, results, strict=True):
        for places, event in events:
            event.mentions = [mentions[members[j]] for j in places]
        merged.append(([event for _, event in events], late))
    return merged
