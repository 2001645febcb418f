"""Each document's event mentions with their actors resolved, kept between builds so the event
merges resolve again only the documents whose mentions or entity facts changed (issue 18,
incremental builds).

Both event merges began by resolving every mention's actors through an index of the
corpus-wide entities (``events.canonical_actors``): building the index and resolving were
about 0.2 CPU s a merge on a 1,010-document pile, most of it for documents that did not change.
Resolving a document's actors reads its mentions (its stored analysis, named by its digest:
``models.kept_rows.analysis_key``) and, of the entities, only:

* each entity that has a mention in the document or lists it among its documents: its id,
  type, name, aliases and the words of all its mentions (a name said elsewhere in the
  document finds the one entity it names there), its mentions' spans in the document, in the
  index's order (by start; entities in the pile's order among equal starts: the first of
  equal overlaps wins, the last of equal spans);
* what such an entity resolves to: the person or organisation it names (``same_people``,
  ``same_organisations``, pile-wide but read only through it), the country a capital acting
  as a party stands for (the pile's first country entity of that name) and the country and
  sector of both (``affiliation``).

``entity_facts`` digests exactly those per document (the same facts for both merges: it is
made once a build), and a row is kept under a digest of the event row's key and those facts
(``resolved_key``). A mention whose actor already names an entity id is resolved through the
whole index, so a document with such a mention is resolved every time, not kept. A row also
holds each mention's digest as a part's key reads it (``kept_parts.mention_digest``) and its
keys in the pile's merge (``parts.mention_keys`` of its unit without stories: they read the
mention and its document's paragraph starts and date, which the row's key covers too) and the
keys its document's story adds in the stories' merge, with a stand-in for the story
(``STORY``): the stories' merge puts each document's story in. Each mention's unit is made
once, with the stand-in, and its keys once (``_split_keys``): a story enters a unit only as its
``stories`` and a key only as its id, so the keys that do not name the stand-in are those of the
unit without a story (``tests/test_events_kept_resolved.py`` checks both merges' keys against
units made afresh). The mentions are the same values in the same order as resolving them again,
so the merges are unchanged. A rule of ``canonical_actors`` that reads more of the entities
must be added here.

A document resolved again reads its mentions from its analysis's events layer: these rows
replace the rows of mentions as read (``event_rows``, which the two merges read instead of the
analyses), so the store keeps one row of a document's event mentions, not two (migration 19
drops that table). The mentions resolved in a build go to its merge as made (compacted as a
read row is), not read back from the row just written: a first build makes every row, and
reading each back cost as much as making it.
"""

from __future__ import annotations

import hashlib
import json
import struct
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from pydantic import BaseModel

from storyline.events.canonical_actors import (
    Affiliation,
    EntityIndex,
    StandsFor,
    same_organisations,
    same_people,
)
from storyline.events.grouping import ParagraphIndex, unit
from storyline.events.kept_parts import mention_digest
from storyline.events.merge import resolved_mention
from storyline.events.parts import Key, mention_keys
from storyline.models import Document, Entity, EventMention
from storyline.models.compact import compact
from storyline.models.kept_rows import (
    ChunkedRows,
    analysis_key,
    restore_own_sentences,
    without_own_sentences,
)
from storyline.models.pile import AnalysisPile


class ResolvedRowCache(Protocol):
    """Where resolved rows made once are kept (the store: ``store.resolved_events``). It is the
    store the analyses are read from: ``analysis_digests`` names the stored analyses."""

    def analysis_digests(self, ids: Sequence[str]) -> dict[str, bytes]: ...
    def resolved_event_rows(self, keys: Mapping[str, bytes]) -> Iterator[tuple[str, str]]: ...
    def save_resolved_event_rows(self, rows: Iterable[tuple[str, bytes, str]]) -> None: ...


class ResolvedRow(BaseModel):
    """A document's resolved event mentions in analysis order, which evidence sentences were
    left out (their span of the text), each mention's digest (hex), its keys in the pile's
    merge (``parts.mention_keys`` without stories, sorted) and the keys its story adds
    (``STORY`` for the story, sorted)."""

    events: list[EventMention]
    own_sentences: list[int]
    digests: list[str]
    keys: list[list[tuple[str, ...]]]
    story_keys: list[list[tuple[str, ...]]]


#: Where a mention's story stands in the keys its story adds (``story_keys``).
STORY = "\x00story"


@dataclass
class Resolved:
    """The pile's resolved event mentions, in order, with each one's digest, its keys in the
    pile's merge and the keys its document's story adds in the stories' merge (``STORY`` for
    the story)."""

    mentions: list[EventMention] = field(default_factory=list)
    digests: list[bytes] = field(default_factory=list)
    keys: list[set[Key]] = field(default_factory=list)
    story_keys: list[list[Key]] = field(default_factory=list)

    def extend(self, other: Resolved) -> None:
        self.mentions += other.mentions
        self.digests += other.digests
        self.keys += other.keys
        self.story_keys += other.story_keys

    def keys_in_stories(self, stories: Mapping[str, str]) -> list[set[Key]]:
        """Each mention's keys in the stories' merge (``stories``: document → story)."""
        found = []
        for mention, keys, added in zip(self.mentions, self.keys, self.story_keys, strict=True):
            story = stories.get(mention.provenance.doc_id)
            found.append(keys if story is None else keys | _placed(added, STORY, story))
        return found


def _placed(keys: Iterable[Key], old: str, new: str) -> set[Key]:
    """``keys`` with ``new`` wherever ``old`` stands."""
    return {tuple(new if part == old else part for part in key) for key in keys}


def _split_keys(
    index: int, mention: EventMention, paragraphs: ParagraphIndex
) -> tuple[set[Key], list[Key]]:
    """The mention's keys without a story, and those its story adds (``STORY`` for the story),
    from one unit made with the stand-in: the keys that name it are the story's (module
    docstring)."""
    doc_id = mention.provenance.doc_id
    keys = mention_keys(unit(index, mention, paragraphs, {doc_id: STORY}), mention)
    added = {key for key in keys if STORY in key}
    return keys - added, sorted(added)


def entity_facts(
    entities: Sequence[Entity], affiliation: Affiliation | None, stands_for: StandsFor | None
) -> dict[str, bytes]:
    """Document id → a digest of what resolving its actors reads of ``entities`` (module
    docstring)."""
    same = same_people(entities) | same_organisations(entities)
    by_id = {e.id: e for e in entities}
    countries: dict[str, Entity] = {}
    for entity in entities:
        if entity.type == "GPE":
            countries.setdefault(entity.name, entity)
    affiliations: dict[str, object] = {}

    def affiliated(entity: Entity) -> object:
        if affiliation is None:
            return None
        if entity.id not in affiliations:
            affiliations[entity.id] = affiliation(entity)
        return affiliations[entity.id]

    def acting(entity: Entity) -> Entity:
        country = stands_for(entity) if stands_for is not None else None
        return countries.get(country, entity) if country else entity

    spans: dict[str, list[tuple[int, int, bytes]]] = defaultdict(list)
    listed: dict[str, set[bytes]] = defaultdict(set)
    for entity in entities:
        named = by_id[same[entity.id]] if entity.id in same else entity
        acts = acting(named)
        words = sorted({entity.name, *entity.aliases, *(m.text for m in entity.mentions)})
        facts: list[object] = [entity.id, entity.type, entity.name, words]
        facts += [named.id, named.name, named.type, acts.id, acts.name, acts.type]
        facts += [affiliated(named), affiliated(acts)]
        digest = hashlib.blake2b(json.dumps(facts).encode(), digest_size=16).digest()
        for mention in entity.mentions:
            p = mention.provenance
            spans[p.doc_id].append((p.start, p.end, digest))
            listed[p.doc_id].add(digest)
        for doc_id in entity.documents:
            listed[doc_id].add(digest)
    found: dict[str, bytes] = {}
    pack = struct.Struct("<qq").pack
    for doc_id, reached in listed.items():
        hashed = hashlib.blake2b(b"".join(sorted(reached)), digest_size=16)
        for start, end, facts_digest in sorted(spans.get(doc_id, ()), key=lambda s: s[0]):
            hashed.update(pack(start, end) + facts_digest)
        found[doc_id] = hashed.digest()
    return found


def resolved_key(document: Document, events_row_key: bytes, facts: bytes) -> bytes:
    """The key a document's resolved row is kept under: its event row's key (its analysis,
    text and the code), its entity facts, and its paragraph starts and publication date (what
    its mentions' keys read of it besides themselves: ``grouping.unit``)."""
    digest = hashlib.blake2b(events_row_key + b"\x00" + facts, digest_size=16)
    digest.update(json.dumps([[b.start for b in document.blocks], document.published]).encode())
    return digest.digest()


def resolved(
    document: Document, mentions: Sequence[EventMention], index: EntityIndex
) -> tuple[Resolved, str]:
    """A document's mentions (``mentions``, as read) resolved through ``index``, with each
    one's digest and keys, as the merge takes them (compacted as a read row is) and as a kept
    row (JSON: its own sentences left out)."""
    found = [resolved_mention(m, index) for m in mentions]
    paragraphs = ParagraphIndex([document])
    split = [_split_keys(i, m, paragraphs) for i, m in enumerate(found)]
    digests = [mention_digest(m) for m in found]
    kept, own = without_own_sentences(document, found)
    row = ResolvedRow(
        events=kept,
        own_sentences=own,
        digests=[d.hex() for d in digests],
        keys=[sorted(keys) for keys, _ in split],
        story_keys=[added for _, added in split],
    )
    data = row.model_dump_json(exclude_unset=True)
    compact(_Mentions(events=found))
    return Resolved(found, digests, [keys for keys, _ in split], [a for _, a in split]), data


class _Mentions(BaseModel):
    """Mentions compacted together (``models.compact``: one string per repeated sentence)."""

    events: list[EventMention]


def unpacked_resolved(document: Document, data: str) -> Resolved:
    """``resolved``'s row read back, its sentences restored, compacted as the pile's reads."""
    row = ResolvedRow.model_validate_json(data)
    restore_own_sentences(document, row.events, row.own_sentences)
    return Resolved(
        compact(row).events,
        [bytes.fromhex(d) for d in row.digests],
        [set(k) for k in row.keys],
        row.story_keys,
    )


def kept_resolved_mentions(
    documents: Sequence[Document],
    analyses: AnalysisPile,
    entities: Sequence[Entity],
    kept: ResolvedRowCache,
    facts: Mapping[str, bytes],
    resolver: tuple[Affiliation | None, StandsFor | None],
) -> Resolved:
    """Every analysed document's event mentions resolved, in document id order (the pile's),
    with their digests and keys: read back from ``kept`` where the key still matches, resolved
    (through an index of ``entities`` for those documents, made only then, with
    ``resolver``'s affiliation and capitals) and kept for the rest. ``facts``:
    ``entity_facts`` of ``entities``."""
    by_id = {d.id: d for d in documents}
    digests = kept.analysis_digests(sorted(by_id))
    keys = {
        doc_id: resolved_key(
            by_id[doc_id], analysis_key(by_id[doc_id], digest), facts.get(doc_id, b"")
        )
        for doc_id, digest in digests.items()
    }
    rows = {
        doc_id: unpacked_resolved(by_id[doc_id], data)
        for doc_id, data in kept.resolved_event_rows(keys)
    }
    missing = [doc_id for doc_id in sorted(keys) if doc_id not in rows]
    if missing:
        index = EntityIndex(entities, *resolver, documents=set(missing))
        saver = ChunkedRows(kept.save_resolved_event_rows)
        for doc_id, analysis in zip(missing, analyses.of(missing, ("events",)), strict=True):
            own = analysis.events if analysis is not None else []
            rows[doc_id], data = resolved(by_id[doc_id], own, index)
            if not any(a.entity_id for m in own for a in (*m.source, *m.target)):
                saver.add((doc_id, keys[doc_id], data))
        saver.flush()
    found = Resolved()
    for doc_id in sorted(keys):
        found.extend(rows.pop(doc_id))
    return found
