"""The event merge in parts: mentions that can never meet are merged apart (issue 18).

Every pass of the merge (``merge``) compares a mention only with the mentions it shares a key
with: ``grouping.cluster`` a block (event type, participant, month or document or story; or the
words of a report naming no one), the gathering pass a gathering's noun and month, and every
other pass (``attach``, ``inherit_dates``, ``occasions``, ``sidelines``, the gathering pass's
acts) the mention's own document or story (each within its type's family, or CONSULT's from
a sentence naming a gathering: ``pass_families``), its sentence, or a mention its sentence
tells as happening with it. So the pile falls apart into *parts*, the connected components of
"shares a key", and merging each part alone gives the events the whole pile gives: each pass
decides within a part from that part alone, and keeps the order of the part's groups as the
pile's order keeps it (the passes order groups by their place in their input and break ties
by it).

One thing is not known before merging: a group made by the passes blocks by the keys of its
members combined (a participant of one report with the date of another, or a date taken from
the event told alongside: ``inherit_dates``), so the second clustering may block a part's group
with another part's mentions. Each part's merge therefore records the keys its clusterings
blocked by (``run``); a part whose keys meet another part's is merged again together with it,
until no two parts share a key. Then no pass of the pile's merge compares mentions of two parts.

The parts' keys and events may be kept between builds (``kept``: ``kept_parts``), under a
digest of exactly what a part's merge reads, so a build merges again only the parts a new,
changed or removed document reaches.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import count
from typing import Protocol

from storyline.disjoint import DisjointSets
from storyline.events.gatherings import WORD, gathering_of, nouns
from storyline.events.grouping import Group, blocking_keys, type_family
from storyline.models import Event, EventMention

Key = tuple[str, ...]
#: A part's merge: its mentions' indexes (ascending) → its events and every key it blocked by.
Run = Callable[[list[int]], tuple[list[Event], set[Key]]]
#: Many parts' merges at once, elsewhere (``part_tasks``): each part's events and late keys (the
#: keys it blocked by that its mentions' own keys do not hold), in order.
RunMany = Callable[[list[list[int]]], list[tuple[list[Event], set[Key]]]]


class KeptParts(Protocol):
    """Parts merged once, kept between builds (``kept_parts.PartRows``)."""

    def prefetch(self, parts: Iterable[list[int]]) -> None: ...
    def holds(self, members: list[int]) -> bool: ...
    def found(self, members: list[int]) -> tuple[set[Key], list[Event] | None] | None: ...
    def keep(self, members: list[int], late: set[Key], events: list[Event] | None) -> None: ...
    def close(self) -> None: ...


def mention_keys(group: Group, mention: EventMention) -> set[Key]:
    """What a mention (``group``: its unit) can meet others by in any pass: its blocks, its
    document and story (each by type family: ``pass_families``), its sentence's co-told
    mentions, and a gathering's noun and month."""
    keys = set(blocking_keys(group))
    families = pass_families(group, mention)
    keys.update(("doc", d, family) for d in group.documents for family in families)
    keys.update(("story", s, family) for s in group.stories for family in families)
    keys.update(("mention", m) for m in (mention.id, *mention.cotemporal))
    gathering = gathering_of(mention)
    if gathering is not None:
        keys.update(("gathering", gathering.noun, d[:7]) for d in group.dates)
    return keys


@dataclass
class _Part:
    members: list[int]  # mention indexes, ascending
    claimed: set[Key]  # its mentions' own keys and the keys its merge blocked by


def merged_in_parts(
    keys_of: Sequence[set[Key]],
    run: Run,
    kept: KeptParts | None = None,
    first: RunMany | None = None,
) -> list[Event]:
    """The events of every part (module docstring), each part merged alone or read from
    ``kept``; in no order (the caller sorts them). ``keys_of``: each mention's own keys
    (``mention_keys``). With ``first``, the parts as first found that ``kept`` does not hold
    are merged by it, all at once (elsewhere: ``part_tasks``), before any is visited; the parts
    merged again together, and those kept with their keys alone, are merged by ``run``. So
    the parts visited, the rows read and kept, and the events are the same either way; a
    part joined to an earlier one before its turn was merged alone for nothing. ``first``
    gives back each part's late keys, not every key it blocked by: those of every part held at
    once were about a sixth of the stories' merge's working set (1,600 documents)."""
    parts = dict(enumerate(_components(keys_of)))
    owner = {key: pid for pid, part in parts.items() for key in part.claimed}
    ids = count(len(parts))
    done: dict[int, list[Event] | None] = {}
    if kept is not None:
        kept.prefetch(p.members for p in parts.values())
    ran: dict[int, tuple[list[Event], set[Key]]] = {}
    if first is not None:
        todo = [p for p in sorted(parts) if kept is None or not kept.holds(parts[p].members)]
        ran = dict(zip(todo, first([parts[p].members for p in todo]), strict=True))
    queue = deque(sorted(parts))
    while queue:
        pid = queue.popleft()
        if pid not in parts:
            continue  # joined to another part since it was queued
        part = parts[pid]
        late, events, made = _merged(part.members, keys_of, run, kept, ran.pop(pid, None))
        met = sorted({owner[k] for k in late if owner.get(k, pid) != pid})
        if made and kept is not None:  # a part that meets another is kept as its keys alone
            kept.keep(part.members, late, None if met else events)
        if not met:
            for key in late:
                owner[key] = pid
            part.claimed |= late
            done[pid] = events
            continue
        joined = _Part(part.members, part.claimed | late)
        for other in met:
            joined.members = sorted(joined.members + parts[other].members)
            joined.claimed |= parts.pop(other).claimed
            done.pop(other, None)
            ran.pop(other, None)
        del parts[pid]
        new = next(ids)
        parts[new] = joined
        owner.update(dict.fromkeys(joined.claimed, new))
        queue.appendleft(new)
    found: list[Event] = []
    for pid in sorted(done):
        events = done[pid]
        if events is None:  # kept as a part that met another then: its events were not kept
            late, events, _ = _merged(parts[pid].members, keys_of, run, None)
            if kept is not None:
                kept.keep(parts[pid].members, late, events)
        found.extend(events or [])
    if kept is not None:
        kept.close()
    return found


def _merged(
    members: list[int],
    keys_of: Sequence[set[Key]],
    run: Run,
    kept: KeptParts | None,
    ready: tuple[list[Event], set[Key]] | None = None,
) -> tuple[set[Key], list[Event] | None, bool]:
    """The keys a part's merge blocked by that its mentions' own keys do not hold (its late
    keys), its events (None when only its keys were kept), and whether they were made now
    (not read from ``kept``): by ``run``, unless its events and late keys are ``ready``
    (``first``)."""
    row = kept.found(members) if kept is not None else None
    if row is not None:
        return *row, False
    if ready is not None:
        return ready[1], ready[0], True
    events, blocked = run(members)
    return blocked - own_keys(members, keys_of), events, True


def own_keys(members: list[int], keys_of: Sequence[set[Key]]) -> set[Key]:
    own: set[Key] = set()
    for index in members:
        own |= keys_of[index]
    return own


def _components(keys_of: Sequence[set[Key]]) -> list[_Part]:
    """The connected components of "shares a key", ordered by their first mention."""
    sets = DisjointSets(range(len(keys_of)))
    first: dict[Key, int] = {}
    for index, keys in enumerate(keys_of):
        for key in keys:
            other = first.setdefault(key, index)
            if other != index:
                sets.union(other, index)
    members: dict[int, list[int]] = {}
    for index in range(len(keys_of)):
        members.setdefault(sets.find(index), []).append(index)
    return [
        _Part(found, set().union(*(keys_of[i] for i in found)))
        for _, found in sorted(members.items())
    ]


def pass_families(group: Group, mention: EventMention) -> set[str]:
    """The type families a mention (``group``: its unit) meets the rest of its document and
    of its story in: its type's (``grouping.type_family``: an act done at a meeting is of
    CONSULT's), and CONSULT's too when its sentence names a gathering noun ("on the sidelines
    of the G20 summit").

    Every pass that reads a document or a story outside ``grouping.cluster``'s blocks (which
    are keyed by family themselves) reads it within one family, but for the gatherings:

    - ``attach_anonymous`` and ``inherit_dates`` (a document, a paragraph) take only a group
      whose types fit (``types_fit``: the same type, or acts at a meeting with CONSULT);
    - ``attach_described`` (a story) a named group of the same type;
    - the occasions (a document or story) a CONSULT headline and acts of CONSULT's family;
    - the gathering pass (a document or story) CONSULT reports, its attendees and acts
      CONSULT's family; ``sidelines`` (a document or story) a CONSULT report and gathering.

    Every union keeps its groups' family but two, both through a sentence naming a gathering:
    a report of any type naming no one joins the gathering its sentence names (``gatherings``),
    and a bare gathering report the one act of its sentence (``sidelines``, the last pass,
    counting every act of the sentence). A gathering's reports are CONSULT. So, by induction
    over the passes, every member of a group holds its group's family key for its own
    document and its own story, and a pass comparing two groups by a shared document or story
    finds that key held by a member of each: a mention of another family shares no document
    or story pass with a CONSULT mention unless its sentence holds a gathering noun, and
    mentions of two other families none at all."""
    families = {type_family(group.type)}
    if not nouns().isdisjoint(w.lower() for w in WORD.findall(mention.provenance.sentence)):
        families.add("CONSULT")
    return families
