"""Each story's record, kept between builds so a re-build names again only the stories whose
inputs changed (issue 18, incremental builds).

The clustering already redoes only the groups new documents reach (``clustering.recluster``),
but every group's record was made again at each build (``assemble.make_stories``: its dates,
events, entities, main event, place and label), about a third of the stories stage when 1% of
the pile is new. A group's record reads only:

* its documents, in order: each one's id, title and lead (the text up to its lead end), its
  day, its lead event (``DocEvent``), its canonical entities' weighted mention counts and its
  weighted term row (term and weight: the story's characteristic terms) — all but the id and
  the entity counts named, where the document's clustering row is kept, by that row's key;
* of each entity those counts, the events' actors or the places name: its id, type and name,
  and the aliases that are words of its name (``labels.short_name`` reads no other);
* the events its documents report (``reported_events``), in that order: id, type, mode,
  factuality, generic, dates, actors' entity ids, which of its documents report it, and each
  mention's id, document and sentence span (the main event's mentions place it);
* the places named in its documents and in the documents of its events' mentions (each
  place mention's offset, entity and whether a preposition locates it; those in the leads of
  its own documents), sorted: ``story_place`` counts them, whatever their order;
* the label settings, the method and this code.

Nothing pile-wide: an entity's mention count elsewhere, an event's documents outside the
story, the order of the pile's entities do not reach the record. So the record is kept in the
store under a key that is a digest of exactly those (``record_key``): a build reads back the
record of every group whose key is stored and makes the rest, and the stories equal those made
without the store. A new document changes the key of the group it joins, of the groups whose
events it joins and of those whose entities it renames; one removed takes its inputs with it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import astuple
from typing import TYPE_CHECKING, Any, Protocol

from storyline.models import Entity, Event
from storyline.version import code_fingerprint

if TYPE_CHECKING:  # assemble imports this module
    from storyline.stories.assemble import Places
    from storyline.stories.features import Features


class StoryRecordCache(Protocol):
    """Where story records made once are kept (the store: ``store.story_records``)."""

    def story_records(self, keys: Collection[bytes]) -> Iterator[tuple[bytes, str]]: ...
    def keep_story_records(
        self, current: Collection[bytes], made: Iterable[tuple[bytes, str]]
    ) -> None: ...


class RecordKeys:
    """The key each group's record is kept under (module docstring), for one build: what
    every group shares (settings, method, code) is digested once, and each entity's and
    event's part once however many groups read it."""

    def __init__(
        self,
        features: Features,
        entities: Mapping[str, Entity],
        places: Places,
        config: dict[str, Any],
        method: str,
    ) -> None:
        self.features, self.entities, self.places = features, entities, places
        settings = json.dumps([config["label"], method], sort_keys=True, default=str)
        self.prefix = f"{code_fingerprint()}\x00{settings}".encode()
        self._entity_parts: dict[str, object] = {}
        self._event_parts: dict[str, tuple[str, frozenset[str], frozenset[str]]] = {}
        self._place_parts: dict[str, str] = {}

    def key(self, rows: Sequence[int], leads: Sequence[str], titles: Sequence[str | None],
            story_events: Sequence[Event]) -> bytes:  # fmt: skip
        """The key of the group of ``rows`` (their leads and titles given), whose documents
        report ``story_events`` (``reported_events``' order)."""
        features = self.features
        members = {features.ids[r] for r in rows}
        entity_ids: set[str] = set()
        documents = []
        for row, lead, title in zip(rows, leads, titles, strict=True):
            entity_ids.update(features.entity_rows[row])
            documents.append(self._document_part(row, lead, title))
        events = []
        place_docs = set(members)
        for event in story_events:
            part, told_in, actors = self._event_part(event)
            events.append([part, sorted(members.intersection(event.documents))])
            place_docs.update(told_in)
            entity_ids.update(actors)
        places = [self._places_part(doc_id, entity_ids) for doc_id in sorted(place_docs)]
        named = [self._entity_part(entity_id) for entity_id in sorted(entity_ids)]
        digest = hashlib.blake2b(self.prefix, digest_size=16)
        _add(digest, [documents, events, places, named])
        return digest.digest()

    def _document_part(self, row: int, lead: str, title: str | None) -> str:
        """A digest of what the record reads of one document (module docstring). Where the
        document's clustering row is kept, its key (``Features.row_keys``) stands for the title,
        day, lead event, lead and weighted terms: it is a digest of the document's text, title,
        publication date and analysis, the settings and the code, and those are all the row
        and its weights (``features.fixed_vectors``: a row's weights read that row alone) are
        made from. Digesting the key instead of the lead and every term saves most of the work
        of a key, which every group's record needs at every build."""
        features, terms = self.features, self.features.terms
        digest = hashlib.blake2b(digest_size=16)
        row_key = features.row_keys[row] if features.row_keys else None
        if row_key is not None:
            _add(
                digest,
                [
                    features.ids[row],
                    sorted(features.entity_rows[row].items()),
                    sorted(self.places.in_lead.get(row, {}).items()),
                ],
            )
            digest.update(row_key)
            return digest.hexdigest()
        lead_event = features.lead_events[row]
        start, end = terms.matrix.indptr[row], terms.matrix.indptr[row + 1]
        _add(
            digest,
            [
                features.ids[row],
                title,
                float(features.days[row]),
                list(astuple(lead_event)) if lead_event is not None else None,
                sorted(features.entity_rows[row].items()),
                sorted(self.places.in_lead.get(row, {}).items()),
            ],
        )
        _add_text(digest, lead)
        _add_text(
            digest,
            "\x00".join(terms.vocabulary[c] for c in terms.matrix.indices[start:end].tolist()),
        )
        digest.update(terms.matrix.data[start:end].tobytes())  # the weights, bit for bit
        return digest.hexdigest()

    def _places_part(self, doc_id: str, entity_ids: set[str]) -> str:
        """A digest of the places one document names (sorted: ``story_place`` counts them
        whatever their order); their entities are added to ``entity_ids``."""
        offsets = self.places.offsets.get(doc_id, ())
        entity_ids.update(entity_id for _, entity_id, _ in offsets)
        part = self._place_parts.get(doc_id)
        if part is None:
            digest = hashlib.blake2b(digest_size=16)
            _add(digest, [doc_id, sorted(offsets)])
            part = self._place_parts[doc_id] = digest.hexdigest()
        return part

    def _entity_part(self, entity_id: str) -> object:
        part = self._entity_parts.get(entity_id)
        if part is None:
            entity = self.entities.get(entity_id)
            if entity is None:
                part = [entity_id, None]
            else:
                words = entity.name.split()
                aliases = [a for a in entity.aliases if a in words]
                part = [entity_id, entity.type, entity.name, aliases]
            self._entity_parts[entity_id] = part
        return part

    def _event_part(self, event: Event) -> tuple[str, frozenset[str], frozenset[str]]:
        """A digest of what the record reads of ``event`` besides which of its documents
        report it; the documents its mentions are in and its actors' entity ids."""
        part = self._event_parts.get(event.id)
        if part is None:
            digest = hashlib.blake2b(digest_size=16)
            told = [
                [m.id, m.provenance.doc_id, m.provenance.sentence_start, m.provenance.sentence_end]
                for m in event.mentions
            ]
            source = [a.entity_id for a in event.source]
            target = [a.entity_id for a in event.target]
            _add(
                digest,
                [
                    event.id,
                    event.type,
                    event.mode,
                    event.factuality,
                    event.generic,
                    event.date,
                    event.date_end,
                    source,
                    target,
                    told,
                ],
            )
            told_in = frozenset(m.provenance.doc_id for m in event.mentions)
            actors = frozenset(entity_id or "" for entity_id in [*source, *target])
            part = self._event_parts[event.id] = (digest.hexdigest(), told_in, actors)
        return part


def _add(digest: hashlib.blake2b, value: object) -> None:
    _add_text(digest, json.dumps(value, ensure_ascii=False))


def _add_text(digest: hashlib.blake2b, text: str) -> None:
    digest.update(text.encode("utf-8", "surrogatepass") + b"\x00")
