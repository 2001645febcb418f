"""Each part of the event merge (``parts``) kept between builds (issue 18, incremental builds).

A part's merge reads only its own mentions as resolved (their actors' canonical names,
countries and sectors: the entity facts they read, ``canonical_actors``), in pile order; of
each of its documents the paragraph starts, the publication date and the story (the second
merge's); the settings and this code. Its row is kept under a digest of exactly those, so a new,
changed or removed document, or an entity whose facts change what a mention resolves to,
changes the key of the part it reaches and of no other. A row holds the part's late keys
(``parts``: what its merge blocked by beyond its mentions' own keys) and its events, each
without its mentions (they are the part's own, in memory already: kept as their places in the
part). A part that met another one when it was merged is kept with its late keys alone, so the
next build finds the same parts joined again without merging them.

Of the stories a part reads only which of its documents share one: every pass compares stories
for equality (a block, a shared story), none orders or prints them, and an event names no
story. A story's id names its documents (``stories.assemble``), so a document joining a story
renames it, and every part of the story would be merged again for a new id. So a part's key
digests which of its documents share a story, not the ids, and its late keys name a story by
its first document in the part (``_story_names``), named back to the story's current id when the
row is read.

Each merge (the pile's, the stories') keeps exactly the rows of its current build's parts.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import Protocol

from storyline.events.parts import Key
from storyline.models import Document, Event, EventMention
from storyline.version import code_fingerprint


class PartCache(Protocol):
    """Where parts merged once are kept (the store: ``store.event_parts``)."""

    def event_parts(self, merge: str, keys: Collection[bytes]) -> Iterator[tuple[bytes, str]]: ...
    def keep_event_parts(
        self, merge: str, current: Collection[bytes], made: Iterable[tuple[bytes, str]]
    ) -> None: ...


class PartRows:
    """The ``parts.KeptParts`` of one merge over ``mentions`` (resolved, in pile order)."""

    def __init__(
        self,
        cache: PartCache,
        merge: str,
        mentions: Sequence[EventMention],
        documents: Sequence[Document],
        stories: Mapping[str, str],
        digests: Sequence[bytes] | None = None,
    ) -> None:
        self._cache, self._merge, self._mentions = cache, merge, mentions
        self._digests = (
            list(digests) if digests is not None else list(map(mention_digest, mentions))
        )
        wanted = {m.provenance.doc_id for m in mentions}
        self._stories = stories
        self._documents = {
            d.id: _digest(json.dumps([d.id, [b.start for b in d.blocks], d.published]).encode())
            for d in documents
            if d.id in wanted
        }
        self._stored: dict[bytes, str] = {}
        self._keys: dict[tuple[int, ...], bytes] = {}  # each part's key, digested once
        self._current: set[bytes] = set()
        self._made: dict[bytes, str] = {}

    def key(self, members: list[int]) -> bytes:
        """The digest of what the part's merge reads (module docstring), worked out once per
        part: ``prefetch``, ``found`` and ``keep`` all ask for it, and digesting each part
        twice was about 5% of a merge that reads every part back (3,030 documents)."""
        members_key = tuple(members)
        found = self._keys.get(members_key)
        if found is None:
            found = self._keys[members_key] = self._digested(members)
        return found

    def _digested(self, members: list[int]) -> bytes:
        digest = hashlib.blake2b(f"{code_fingerprint()}\x00{self._merge}".encode(), digest_size=16)
        documents = set()
        for index in members:
            digest.update(self._digests[index])
            documents.add(self._mentions[index].provenance.doc_id)
        ordered = sorted(documents)
        for doc_id in ordered:
            digest.update(self._documents.get(doc_id, b"-"))
        digest.update(json.dumps(_shared_stories(ordered, self._stories)).encode())
        return digest.digest()

    def _story_names(self, members: list[int]) -> dict[str, str]:
        """Each story of the part's documents → its name in a kept row: its first document in
        the part (module docstring)."""
        names: dict[str, str] = {}
        for doc_id in sorted({self._mentions[i].provenance.doc_id for i in members}):
            story = self._stories.get(doc_id)
            if story is not None:
                names.setdefault(story, STORY_OF + doc_id)
        return names

    def prefetch(self, parts: Iterable[list[int]]) -> None:
        self._stored.update(self._cache.event_parts(self._merge, [self.key(p) for p in parts]))

    def holds(self, members: list[int]) -> bool:
        """Whether the part's row was prefetched (``found`` will read it back): a part not
        held is merged, and may be merged elsewhere before its turn (``part_tasks``)."""
        return self.key(members) in self._stored

    def found(self, members: list[int]) -> tuple[set[Key], list[Event] | None] | None:
        key = self.key(members)
        data = self._stored.pop(key, None)  # held no longer than until it is read
        if data is None:
            data = dict(self._cache.event_parts(self._merge, [key])).get(key)
        if data is None:
            return None
        self._current.add(key)
        row = json.loads(data)
        late = {_named_back(k, self._stories) for k in row["late"]}
        if row["events"] is None:
            return late, None
        own = [self._mentions[i] for i in members]
        events = [
            Event.model_validate({**fields, "mentions": [own[j] for j in places]})
            for places, fields in row["events"]
        ]
        return late, events

    def keep(self, members: list[int], late: set[Key], events: list[Event] | None) -> None:
        key = self.key(members)
        self._current.add(key)
        own = [self._mentions[i] for i in members]
        packed = None if events is None else _packed(events, own)
        names = self._story_names(members)
        kept_late = sorted(_renamed(k, names) for k in late)
        self._made[key] = json.dumps({"late": kept_late, "events": packed})

    def close(self) -> None:
        """Store the rows made and drop this merge's rows of parts no longer current."""
        self._cache.keep_event_parts(self._merge, self._current, self._made.items())
        self._made = {}


def _packed(events: list[Event], own: list[EventMention]) -> list[tuple[list[int], dict]]:
    """Each event's mentions as their places in the part (they are the part's own objects),
    and its other fields as set."""
    place = {id(m): j for j, m in enumerate(own)}
    return [
        (
            [place[id(m)] for m in event.mentions],
            event.model_dump(mode="json", exclude_unset=True, exclude={"mentions"}),
        )
        for event in events
    ]


#: How a kept row's late key names a story: by its first document in the part.
STORY_OF = "\x00story-of:"


def _shared_stories(ordered: list[str], stories: Mapping[str, str]) -> list[int]:
    """For each of a part's documents (``ordered``), the place of the first one in its story
    (-1: in none): which of them share a story, whatever the stories' ids."""
    first: dict[str, int] = {}
    return [
        -1 if (story := stories.get(doc_id)) is None else first.setdefault(story, place)
        for place, doc_id in enumerate(ordered)
    ]


def _renamed(key: Key, names: Mapping[str, str]) -> Key:
    """``key`` with each story id (the part after "story") named as ``names`` says."""
    return tuple(
        names.get(part, part) if place and key[place - 1] == "story" else part
        for place, part in enumerate(key)
    )


def _named_back(key: Sequence[str], stories: Mapping[str, str]) -> Key:
    """A kept late key with each story named by a document (``STORY_OF``) given that
    document's story now."""
    return tuple(
        stories[part[len(STORY_OF) :]] if part.startswith(STORY_OF) else part for part in key
    )


def mention_digest(mention: EventMention) -> bytes:
    """What a part's key reads of one of its mentions (as resolved): all of it."""
    return _digest(mention.model_dump_json().encode())


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()
