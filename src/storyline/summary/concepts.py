"""The concepts a summary can cover, where each is told, and what each is worth.

The concepts are the corpus view's own findings — merged events (weighted by whether they are
on the timeline, dated, and how many documents report them), figure groups, canonical entities,
stories — plus content words used by several documents. A sentence covers the events it
reports, the figures it states and the entities it names; its gain is the weight of what it
covers that the summary does not cover yet (``greedy``), scaled by its ``multiplier``: its
source's quality score, its place in the article (news leads with the event), its
generated-filler phrasing, its length and whether it tells an event or a figure at all. Each
story's main event (the one most of its documents report) weighs more: a briefing leads with
what the pile is about.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from storyline.models import HAPPENED, CorpusView, DocumentAnalysis, Event, EventMention
from storyline.summary.candidates import Candidate
from storyline.summary.mentions import EntityMentions

Key = tuple[str, int]  # (doc id, sentence start)


class Placed(Protocol):
    """What the index reads of a candidate for its concepts and gain factor: a ``Candidate``,
    or a row's ``columns.Place`` (without its texts and words)."""

    @property
    def doc_id(self) -> str: ...
    @property
    def index(self) -> int: ...
    @property
    def sentence_start(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def words(self) -> int: ...
    @property
    def filler(self) -> float: ...
    @property
    def anaphoric(self) -> bool: ...


FigureAt = tuple[str, int, int]  # (figure id, its sentence's start, its start)
#: A bigger "occasion" (same day, same participants) is not one encounter but an unmerged
#: pile; linking it would cost the square of its size and say nothing.
MAX_OCCASION = 16


class ConceptIndex:
    """Indexes the view once: the events, figure groups and entities each sentence tells (by
    document and sentence start), and the weight of every concept a pool of candidates covers."""

    def __init__(
        self, analyses: Iterable[DocumentAnalysis], view: CorpusView, weights: dict[str, Any]
    ) -> None:
        self.w = weights
        self.quality = {q.doc_id: q.score for q in view.quality}
        self.timeline = {t.event_id for t in view.timeline}
        self.main_events = main_events(view)
        self.story_of = {d: s.id for s in view.stories for d in s.documents}
        self.stories = {s.id: s for s in view.stories}
        self.group_docs = {g.id: g.documents for g in view.figure_groups}
        self._index_events(view.events)
        self._index_entities(view)
        self.figures_at: dict[Key, list[tuple[str, int]]] = defaultdict(list)
        self.group_of = {f: g.id for g in view.figure_groups for f in g.figure_ids}
        self.group_status = {g.id: g.status for g in view.figure_groups}
        self._term_concepts: dict[str, str] = {}
        for analysis in analyses:
            self.add_figures(analysis)

    def add_figures(self, analysis: DocumentAnalysis) -> None:
        """Index where the analysis' grouped figures are told (a caller streaming the analyses
        for other layers too indexes each as it passes, instead of giving them all at once)."""
        self.add_figure_positions(analysis.doc_id, figure_positions(analysis))

    def add_figure_positions(self, doc_id: str, positions: Iterable[FigureAt]) -> None:
        """``add_figures`` from a document's ``figure_positions`` (kept between builds)."""
        for figure_id, sentence_start, start in positions:
            if figure_id in self.group_of:
                self.figures_at[(doc_id, sentence_start)].append((self.group_of[figure_id], start))

    def _index_events(self, events: Sequence[Event]) -> None:
        self.events = {e.id: e for e in events}
        self.best: dict[str, list[EventMention]] = {}
        self.events_at: dict[Key, list[tuple[Event, EventMention]]] = defaultdict(list)
        occasions: dict[tuple[str, frozenset[str]], list[str]] = defaultdict(list)
        for event in events:
            for mention in event.mentions:
                p = mention.provenance
                self.events_at[(p.doc_id, p.sentence_start)].append((event, mention))
            people = frozenset(a.entity_id for a in event.source + event.target if a.entity_id)
            if event.date and len(event.date) == 10 and len(people) >= 2:
                occasions[(event.date, people)].append(event.id)
        self.occasion = {
            e: ids for ids in occasions.values() if len(ids) <= MAX_OCCASION for e in ids
        }

    def _index_entities(self, view: CorpusView) -> None:
        #: where each entity is named (``mentions.EntityMentions``: arrays, not a tuple each)
        self.entity_mentions = EntityMentions(view.entities)
        self.entity_docs = {e.id: set(e.documents) for e in view.entities}

    def entities_at(self, key: Key) -> list[tuple[str, int]]:
        """(entity id, start) of each entity mention in the sentence ``key``, in order."""
        return self.entity_mentions.at(*key)

    def mention_spans(self, doc_id: str) -> list[tuple[int, int]]:
        """The spans of the document's entity mentions (a trim must not cut them)."""
        return self.entity_mentions.spans(doc_id)

    def concepts(self, c: Candidate) -> dict[str, float]:
        """Concept → how fully the candidate covers it (0–1)."""
        return self.with_terms(self.own_concepts(c), c)

    def own_concepts(self, c: Placed) -> dict[str, float]:
        """``concepts`` but its content words (which cover themselves fully: ``with_terms``
        adds them, last)."""
        w = self.w
        key = (c.doc_id, c.sentence_start)
        found: dict[str, float] = {}

        def add(concept: str, degree: float) -> None:
            found[concept] = max(found.get(concept, 0.0), degree)

        entities = self.entities_at(key)
        named = {e for e, start in entities if c.start <= start < c.end}
        for event, mention in self.events_at.get(key, ()):
            if c.start <= mention.provenance.start < c.end:
                degree = self._degree(c, event, mention, named)
                add(f"event:{event.id}", degree)
                for sibling in self.occasion.get(event.id, ()):
                    add(f"event:{sibling}", degree * w["occasion_share"])
        for group_id, start in self.figures_at.get(key, ()):
            if c.start <= start < c.end:
                add(f"figure:{group_id}", 1.0)
        for entity_id, start in entities:
            if c.start <= start < c.end:
                add(f"entity:{entity_id}", 1.0)
        story = self.story_of.get(c.doc_id)
        if story:
            add(f"story:{story}", 1.0)
        return found

    def with_terms(self, found: dict[str, float], c: Candidate) -> dict[str, float]:
        """``found`` (the candidate's other concepts) with its content words added last, as
        ``concepts`` makes them."""
        terms = self._term_concepts
        for term in c.terms:  # full cover, and no other concept is a term's: no max to take
            found[terms.get(term) or self._term_concept(term)] = 1.0
        return found

    def _term_concept(self, term: str) -> str:
        """A content word's concept key, one string per word: a summary of the whole pile makes
        the concepts of every candidate at once, and a fresh key each time was most of them."""
        concept = self._term_concepts.get(term)
        if concept is None:
            concept = self._term_concepts[term] = f"term:{term}"
        return concept

    def _degree(self, c: Placed, event: Event, mention: EventMention, named: set[str]) -> float:
        """How fully the sentence tells the event: the share of its participants it names
        (an actor resolved from another sentence is not named here), and whether it dates it."""
        w = self.w
        for actor in mention.source + mention.target:
            inside = actor.start is not None and c.start <= actor.start < c.end
            if inside and "→" not in (actor.rule or ""):
                named.add(actor.entity_id or f"name:{actor.text.lower()}")
        people = {a.entity_id or f"name:{a.text.lower()}" for a in event.source + event.target}
        share = len(people & named) / len(people) if people else 0.0
        dated = mention.date_basis == "timex" and mention.date is not None
        told = float(w["event_full"] if dated else w["event_named"])
        partial = float(w["event_partial"])
        return partial + (told - partial) * share

    def multiplier(self, c: Placed, concepts: dict[str, float] | None = None) -> float:
        """The factor on the candidate's gain: its source's quality, its place in the article,
        its filler phrasing, an opening anaphor, its length, and whether it tells anything
        specific (an event, a figure) at all."""
        w = self.w
        floor = float(w["quality_floor"])
        quality = floor + (1 - floor) * self.quality.get(c.doc_id, 0.5)
        lead = 1 + w["lead_bonus"] / (1 + c.index)
        filler = 1 / (1 + w["filler_penalty"] * c.filler)
        anaphor = w["anaphor_penalty"] if c.anaphoric else 1.0
        length = max(c.words / 20, 0.5) ** w["length_exponent"]
        specific = concepts is None or any(k.startswith(("event:", "figure:")) for k in concepts)
        generic = 1.0 if specific else float(w["generic_penalty"])
        return quality * lead * filler * anaphor * generic / length

    def usable_sources(self, scope: set[str]) -> set[str]:
        """The documents a summary may quote: all, except sources whose quality is below
        ``min_source_quality`` when the scope has one of at least ``good_source_quality``."""
        w = self.w
        best = max((self.quality.get(d, 0.5) for d in scope), default=0.0)
        if best < float(w["good_source_quality"]):
            return set(scope)
        return {d for d in scope if self.quality.get(d, 0.5) >= float(w["min_source_quality"])}


def figure_positions(analysis: DocumentAnalysis) -> list[FigureAt]:
    """Where each figure of the analysis is told, as the index needs it."""
    return [(f.id, f.provenance.sentence_start, f.provenance.start) for f in analysis.figures]


def main_events(view: CorpusView) -> set[str]:
    """Each story's main event: of its events on the timeline that happened, the one reported by
    the most of the story's documents (then the most mentions, then a dated one)."""
    on_timeline = {t.event_id for t in view.timeline}
    events = {e.id: e for e in view.events}
    found: set[str] = set()
    for story in view.stories:
        docs = set(story.documents)
        candidates = [
            events[i]
            for i in story.event_ids
            if i in events and i in on_timeline and events[i].factuality in HAPPENED
        ]
        if candidates:
            best = max(
                candidates,
                key=lambda e: (len(docs & set(e.documents)), len(e.mentions), bool(e.date)),
            )
            found.add(best.id)
    return found
