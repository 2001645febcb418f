"""What each concept is worth within a summary's scope (``concepts`` says what a sentence
covers; ``greedy`` sums the weights of what it covers).

A concept's weight counts the scope's documents that tell it: an event's reporting documents
(and whether it is on the timeline, dated, planned, a story's main event), a figure group's
documents (more when corroborated or conflicting), an entity's documents, a story's documents
(only where the scope spans several stories), a content word's documents among the pool's (a
word of one document only is worth nothing). Each weight depends on its own concept and the
scope alone, so it is worked out when first asked: a summary of the whole pile asks for every
candidate's events, figures and entities, and for content words by the word (``term``), without
making a concept key per word of every candidate.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from storyline.models import HAPPENED, Event
from storyline.summary.candidates import Candidate

if TYPE_CHECKING:
    from storyline.summary.concepts import ConceptIndex


class ScopeWeights:
    """The weight of a concept (``get``) or a content word (``term``) within ``scope`` for a
    summary choosing from ``pool``; 0.0 for a concept worth nothing there."""

    def __init__(self, index: ConceptIndex, scope: set[str], pool: Iterable[Candidate]) -> None:
        self._index, self._scope = index, scope
        self._several_stories = len({index.story_of.get(d) for d in scope} - {None}) > 1
        self._known: dict[str, float] = {}
        per_word = float(index.w["term"])
        self._terms = {
            term: per_word * math.log2(df) if df >= 2 else 0.0
            for term, df in document_frequencies(pool).items()
        }
        #: ``get`` of a content word's concept (``term:`` and the word), for a word of the pool
        self.term: Callable[[str], float] = self._terms.__getitem__

    def get(self, key: str) -> float:
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = self._weight(key)
        return found

    def _weight(self, key: str) -> float:
        index, scope, w = self._index, self._scope, self._index.w
        kind, ident = key.split(":", 1)
        if kind == "event":
            return event_weight(index, index.events[ident], scope)
        if kind == "figure":
            docs = [d for d in index.group_docs[ident] if d in scope]
            boost = 1.3 if index.group_status[ident] in ("corroborated", "conflicting") else 1.0
            return w["figure"] * boost * (1 + math.log2(max(1, len(docs))))
        if kind == "entity":
            return w["entity"] * math.log2(1 + len(index.entity_docs[ident] & scope))
        if kind == "story" and self._several_stories:
            n = len(set(index.stories[ident].documents) & scope)
            return w["story"] * math.log2(1 + n)
        if kind == "term":
            return self._terms.get(ident, 0.0)
        return 0.0


def event_weight(index: ConceptIndex, event: Event, scope: set[str]) -> float:
    w = index.w
    if event.factuality in HAPPENED:
        base = w["event"] if event.id in index.timeline else w["event_off_timeline"]
    elif event.factuality == "planned":
        base = w["event_planned"]
    else:
        return 0.0
    if not event.date:
        base *= w["event_undated"]
    if event.id in index.main_events:
        base *= w["main_event"]
    return base * (1 + math.log2(max(1, sum(d in scope for d in event.documents))))


def document_frequencies(pool: Iterable[Candidate]) -> Counter[str]:
    """How many of the pool's documents use each content word: each document's words (the
    union over its candidates) counted once, not every candidate's word by word."""
    words: dict[str, set[str]] = defaultdict(set)
    for c in pool:
        words[c.doc_id].update(c.terms)
    counts: Counter[str] = Counter()
    for used in words.values():
        counts.update(used)
    return counts
