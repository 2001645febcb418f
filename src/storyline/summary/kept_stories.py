"""Each story's summary, kept between builds so a re-build summarises again only the stories
whose inputs changed (issue 18, incremental builds).

A story's summary (``Summariser.summary`` over its documents) reads only:

* the story: its id, its documents and its first date (which sentences are background);
* each of its documents: its candidates (named by their kept key, ``summary.kept``: text,
  blocks, analysis, entity mention spans), its publication date and id (the order), its
  quality score and the document it copies, if any (and, were it listed by another story too,
  the story the index places it in);
* what the concept index says is told in the sentences their candidates come from (it is
  asked about no other) — each event mention, figure (by group) and entity mention, with its
  place — and, of what is told there: each
  event whole (its mentions rank the evidence, its participants the degree), whether it is on
  the timeline or a story's main event, and its occasion (same day, same participants: events
  told elsewhere that a sentence also covers, each of those too); each figure group's status
  and how many of the story's documents it spans; each entity's count of the story's
  documents;
* the settings and this code.

Nothing else: the weights of a story's concepts count only its own documents, and its
sentences come only from them. So the summary is kept in the store under a key that is a
digest of exactly those (``story_keys``): a build reads back the summary of every story whose
key is stored and summarises the rest, and the result is the summary made without the store.
A new document changes the key of the story it joins (and of every story whose events it joins
or whose occasion it changes); one removed takes its inputs, and so the key, with it.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

from storyline.models import Event, Story, Summary
from storyline.version import code_fingerprint

if TYPE_CHECKING:
    from storyline.summary.select import Summariser


class StorySummaryCache(Protocol):
    """Where story summaries made once are kept (the store: ``store.story_summaries``)."""

    def story_summaries(self, keys: Collection[bytes]) -> Iterator[tuple[bytes, str]]: ...
    def keep_story_summaries(
        self, current: Collection[bytes], made: Iterable[tuple[bytes, str]]
    ) -> None: ...


def story_keys(
    summariser: Summariser, stories: Sequence[Story], sentences: int
) -> dict[str, bytes]:
    """The key each story's summary (of at most ``sentences``) is kept under: a digest of what
    it reads (module docstring). Needs the kept candidates' keys (``Summariser`` made with a
    ``kept``): a story with a document whose candidates have none gets no key (it is made)."""
    event_digests: dict[str, str] = {}
    fingerprint = code_fingerprint().encode()
    keys: dict[str, bytes] = {}
    for story in stories:
        scope = [d for d in story.documents if d in summariser.docs]
        if any(d not in summariser.candidate_keys for d in scope):
            continue
        digest = hashlib.blake2b(fingerprint, digest_size=16)
        _add(digest, [story.id, story.documents, story.first_date, sentences])
        reached: dict[str, set[str]] = defaultdict(set)
        for doc_id in sorted(scope):
            digest.update(summariser.candidate_keys[doc_id])
            _add(digest, _document_inputs(summariser, doc_id, story.id))
            _add(digest, _told(summariser, doc_id, reached))
        _add_reached(digest, summariser, set(scope), reached, event_digests)
        keys[story.id] = digest.digest()
    return keys


def _document_inputs(summariser: Summariser, doc_id: str, story_id: str) -> list:
    """What the summary reads of the document itself: its date and id (the order), score and
    copy status, and the story its sentences are ordered in (the story's own, but for a
    document another story lists too: then that story's first date and rank)."""
    index = summariser.index
    found = [
        doc_id,
        summariser.docs[doc_id].published,
        index.quality.get(doc_id),
        summariser.copy_of.get(doc_id),
    ]
    ordered_in = index.story_of.get(doc_id)
    if ordered_in != story_id:
        story = index.stories.get(ordered_in or "")
        rank = summariser.story_rank.get(ordered_in or "")
        found += [ordered_in, story.first_date if story else None, rank]
    return found


def _told(summariser: Summariser, doc_id: str, reached: dict[str, set[str]]) -> list:
    """What the concept index places in each sentence a candidate of the document comes from
    (events with their mention's place, figure groups and entities with theirs), in the
    index's order; what is told is added to ``reached`` by kind."""
    events_at, figures_at, entities_at = (
        summariser.index.events_at,
        summariser.index.figures_at,
        summariser.index.entities_at,
    )
    found: list = []
    told: dict[str, list[tuple[str, int]]] = {"event": [], "figure": [], "entity": []}
    for start in sorted(set(summariser.columns.sentence_starts(doc_id))):
        key = (doc_id, start)
        events = [(e.id, m.provenance.start) for e, m in events_at.get(key, ())]
        figures = figures_at.get(key, [])
        entities = entities_at(key)
        found.append([start, events, figures, entities])
        told["event"] += events
        told["figure"] += figures
        told["entity"] += entities
    for kind, placed in told.items():  # one update a kind and document, not a sentence
        reached[kind].update(ident for ident, _ in placed)
    return found


def _add_reached(
    digest: hashlib.blake2b,
    summariser: Summariser,
    scope: set[str],
    reached: dict[str, set[str]],
    event_digests: dict[str, str],
) -> None:
    """What the summary reads of each event, figure group and entity its documents tell."""
    index = summariser.index
    events = set(reached["event"])
    for event_id in list(events):
        events.update(index.occasion.get(event_id, ()))
    read: list[object] = []
    for event_id in sorted(events):
        if event_id not in event_digests:
            event_digests[event_id] = _event_digest(index.events[event_id])
        read.append(
            [
                event_digests[event_id],
                event_id in index.timeline,
                event_id in index.main_events,
                index.occasion.get(event_id),
            ]
        )
    for group_id in sorted(reached["figure"]):
        docs = len(scope.intersection(index.group_docs[group_id]))
        read.append([group_id, index.group_status[group_id], docs])
    for entity_id in sorted(reached["entity"]):
        read.append([entity_id, len(scope & index.entity_docs[entity_id])])
    _add(digest, read)


def _event_digest(event: Event) -> str:
    return hashlib.blake2b(event.model_dump_json().encode(), digest_size=16).hexdigest()


def _add(digest: hashlib.blake2b, value: object) -> None:
    digest.update(json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\x00")


class KeptStories:
    """Each story's summary (``summariser.summary`` of at most ``sentences``), read back from
    ``kept`` where its key is stored, made for the rest (``summaries``).

    A kept row also holds the concepts and gain factor (``Summariser.told``) of every candidate
    of the story's documents: they read only what the story's key covers (what the concept
    index places in the candidates' sentences, the events whole, their occasions, the
    documents' scores and stories, the candidates themselves), so under an unchanged key they
    are what would be made again. Made here, before the corpus summary, they are given back to
    the summariser (``remember_told``), and the corpus summary, which needs every candidate's,
    works them out only for the stories a build changed. Like ``told`` they leave out the
    candidates' content words (``greedy`` reads those from the candidates)."""

    def __init__(
        self,
        summariser: Summariser,
        stories: Sequence[Story],
        sentences: int,
        kept: StorySummaryCache,
    ) -> None:
        self._summariser, self._stories, self._sentences = summariser, stories, sentences
        self._kept = kept
        self._keys = story_keys(summariser, stories, sentences)
        self._stored: dict[bytes, str] = {}
        for key, data in kept.story_summaries(set(self._keys.values())):
            told, self._stored[key] = data.split("\n", 1)
            self._remember(json.loads(told))

    def _remember(self, told: list) -> None:
        for doc_id, found in told:
            self._summariser.remember_told(doc_id, found)

    def summaries(self) -> list[Summary]:
        """Every story's summary in ``stories``' order; ``kept`` then holds exactly the rows of
        ``stories``."""
        summariser = self._summariser
        found: list[Summary] = []
        made: list[tuple[bytes, str]] = []
        for story in self._stories:
            key = self._keys.get(story.id)
            if key is not None and key in self._stored:
                found.append(Summary.model_validate_json(self._stored.pop(key)))
                continue
            summary = summariser.summary(story.documents, self._sentences, story_id=story.id)
            found.append(summary)
            if key is not None:
                made.append((key, f"{self._told_row(story)}\n{summary.model_dump_json()}"))
        self._kept.keep_story_summaries(set(self._keys.values()), made)
        return found

    def _told_row(self, story: Story) -> str:
        """The concepts (without content words) and factor of each candidate of the story's
        documents, as a row keeps them (JSON, without a newline)."""
        summariser = self._summariser
        told = []
        for doc_id in sorted({d for d in story.documents if d in summariser.columns.ranges}):
            found = []
            for row in summariser.rows_of(doc_id):
                concepts, factor = summariser.told(row)
                found.append([factor, list(concepts.items())])
            told.append([doc_id, found])
        return json.dumps(told, ensure_ascii=False)
