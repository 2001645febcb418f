"""The cited multi-document summary: a few source sentences that together cover the story.

Method: greedy maximisation of a coverage objective (Gillick & Favre 2009; Lin & Bilmes 2011).
The concepts a summary can cover are the corpus view's own findings — merged events (weighted by
whether they are on the timeline, dated, and how many documents report them), figure groups,
canonical entities, stories — plus content words used by several documents. A sentence covers
the events it reports, the figures it states and the entities it names; its gain is the weight
of what it covers that the summary does not cover yet, scaled by its source's quality score,
its place in the article (news leads with the event), its generated-filler phrasing and its
length. Because covered concepts earn nothing twice, redundancy is removed by the objective;
sentences whose words overlap a chosen one are skipped as well. The gain is submodular, so
lazy greedy evaluation picks the same sentences as plain greedy at a fraction of the cost, and
nothing compares all pairs of sentences.

Why not LexRank + MMR (``method = "centrality"``, summary_rank.py): centrality favours the
generic sentences every article repeats (the corpus' topic, not its news). On the demo corpus
it tells 2 of the 5 timeline events in 10 sentences, coverage all 5; on the four MEANTIME
topics (pyramid score over the gold cross-document event instances, each weighted by how many
articles mention it) it scores 0.157 against coverage's 0.215 at 10 sentences, 0.108 against
0.200 at 5. Coverage of the event layer is what a chronological briefing needs.

The chosen sentences are ordered by the date of the event each reports (undated ones after the
dated ones, in document order) and cite every document that reports the same event (the event's
merged sources, events of the same occasion: same day, same participants) or the same sentence.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from storyline.models import (
    HAPPENED,
    CorpusView,
    Document,
    DocumentAnalysis,
    Event,
    EventMention,
    Provenance,
    Summary,
    SummarySentence,
)
from storyline.summary.candidates import Candidate, candidates, config, rejects
from storyline.summary.rank import centrality_select

__all__ = ["best_mentions", "summarise", "summarise_all"]

_NORMAL = re.compile(r"[\W_]+")
Key = tuple[str, int]  # (doc id, sentence start)
#: A bigger "occasion" (same day, same participants) is not one encounter but an unmerged
#: pile; linking it would cost the square of its size and say nothing.
MAX_OCCASION = 16


def summarise(
    documents: Sequence[Document],
    analyses: Sequence[DocumentAnalysis],
    view: CorpusView,
    *,
    max_sentences: int = 10,
    doc_ids: Collection[str] | None = None,
) -> Summary:
    """A summary of ``doc_ids`` (default: every document) in at most ``max_sentences``.

    When ``doc_ids`` are exactly one story's documents the summary is that story's.
    """
    summariser = Summariser(documents, analyses, view)
    return summariser.summary(doc_ids, max_sentences)


def summarise_all(
    documents: Sequence[Document],
    analyses: Sequence[DocumentAnalysis],
    view: CorpusView,
    max_sentences: int = 10,
    *,
    story_sentences: int | None = None,
) -> tuple[Summary, list[Summary]]:
    """The corpus summary and one summary per story (in ``view.stories`` order)."""
    summariser = Summariser(documents, analyses, view)
    per_story = story_sentences or int(config()["story_sentences"])
    corpus = summariser.summary(None, max_sentences)
    stories = [summariser.summary(s.documents, per_story, story_id=s.id) for s in view.stories]
    return corpus, stories


@dataclass
class _Chosen:
    candidate: Candidate
    concepts: dict[str, float]


class Summariser:
    """Indexes the view once; ``summary`` then works on any subset of the documents."""

    def __init__(
        self,
        documents: Sequence[Document],
        analyses: Sequence[DocumentAnalysis],
        view: CorpusView,
        method: str | None = None,
    ) -> None:
        conf = config()
        self.method = method or conf["method"]
        self.w = conf["weights"]
        self.min_relative_gain = float(conf["min_relative_gain"])
        self.view = view
        self.docs = {d.id: d for d in documents}
        self.order = {
            d.id: i
            for i, d in enumerate(
                sorted(documents, key=lambda d: (d.published is None, d.published or "", d.id))
            )
        }
        self.quality = {q.doc_id: q.score for q in view.quality}
        self.copy_of = {m: g.canonical for g in view.duplicates for m in g.members}
        self.timeline = {t.event_id for t in view.timeline}
        self.story_of = {d: s.id for s in view.stories for d in s.documents}
        self.stories = {s.id: s for s in view.stories}
        self.group_docs = {g.id: g.documents for g in view.figure_groups}
        self._index_events(view.events)
        self._index_entities(view)
        analyses_by_id = {a.doc_id: a for a in analyses}
        self.figures_at: dict[Key, list[tuple[str, int]]] = defaultdict(list)
        group_of = {f: g.id for g in view.figure_groups for f in g.figure_ids}
        self.group_status = {g.id: g.status for g in view.figure_groups}
        protected: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for analysis in analyses:
            for figure in analysis.figures:
                p = figure.provenance
                protected[p.doc_id].append((p.start, p.end))
                if figure.id in group_of:
                    self.figures_at[(p.doc_id, p.sentence_start)].append(
                        (group_of[figure.id], p.start)
                    )
            for timex in analysis.timexes:
                protected[analysis.doc_id].append((timex.provenance.start, timex.provenance.end))
        for doc_id, spans in self.mention_spans.items():
            protected[doc_id].extend(spans)
        self.candidates: dict[str, list[Candidate]] = {}
        self.same_text: dict[str, list[Candidate]] = defaultdict(list)
        for doc_id, document in self.docs.items():
            analysis = analyses_by_id.get(doc_id)
            if analysis is None:
                continue
            found = candidates(document, analysis, protected[doc_id])
            for c in found:
                self.same_text[_normal(c.text)].append(c)
            self.candidates[doc_id] = found

    # -- indexes ------------------------------------------------------------------------------
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
        self.entities_at: dict[Key, list[tuple[str, int]]] = defaultdict(list)
        self.mention_spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.entity_docs = {e.id: set(e.documents) for e in view.entities}
        for entity in view.entities:
            for mention in entity.mentions:
                p = mention.provenance
                self.entities_at[(p.doc_id, p.sentence_start)].append((entity.id, p.start))
                self.mention_spans[p.doc_id].append((p.start, p.end))

    # -- the summary --------------------------------------------------------------------------
    def summary(
        self, doc_ids: Collection[str] | None, max_sentences: int, story_id: str | None = None
    ) -> Summary:
        """The summary of ``doc_ids`` (None: all); a story's when ``story_id`` is given or the
        documents are exactly one story's."""
        scope = set(self.docs) if doc_ids is None else {d for d in doc_ids if d in self.docs}
        pool = [c for d in sorted(scope, key=self.order.__getitem__) for c in self._pool(d, scope)]
        concepts = [self._concepts(c) for c in pool]
        if self.method == "centrality":
            picked = centrality_select(pool, [self._multiplier(c) for c in pool], max_sentences)
        else:
            weights = self._weights(scope, pool, concepts)
            picked = self._select(pool, concepts, weights, max(0, max_sentences))
        sentences = [self._sentence(_Chosen(pool[i], concepts[i]), scope) for i in picked]
        sentences.sort(key=self._sort_key)
        if story_id is None and doc_ids is not None and scope:
            story = self.stories.get(self.story_of.get(next(iter(scope)), ""))
            story_id = story.id if story and set(story.documents) == scope else None
        return Summary(
            scope="story" if story_id else "corpus",
            story_id=story_id,
            sentences=[s for s, _ in sentences],
            documents=sorted(scope, key=self.order.__getitem__),
        )

    def _pool(self, doc_id: str, scope: set[str]) -> list[Candidate]:
        """Candidates of a document; a copy's only when its canonical is out of scope."""
        if doc_id in self.copy_of and self.copy_of[doc_id] in scope:
            return []
        return self.candidates.get(doc_id, [])

    def _weights(
        self, scope: set[str], pool: list[Candidate], concepts: list[dict[str, float]]
    ) -> dict[str, float]:
        """The weight of every concept the pool can cover (only those: never the corpus')."""
        w = self.w
        df: dict[str, set[str]] = defaultdict(set)
        for c in pool:
            for term in c.terms:
                df[term].add(c.doc_id)
        several_stories = len({self.story_of.get(d) for d in scope} - {None}) > 1
        weights: dict[str, float] = {}
        for key in {k for found in concepts for k in found}:
            kind, ident = key.split(":", 1)
            if kind == "event":
                weights[key] = self._event_weight(self.events[ident], scope)
            elif kind == "figure":
                docs = [d for d in self.group_docs[ident] if d in scope]
                boost = 1.3 if self.group_status[ident] in ("corroborated", "conflicting") else 1.0
                weights[key] = w["figure"] * boost * (1 + math.log2(max(1, len(docs))))
            elif kind == "entity":
                weights[key] = w["entity"] * math.log2(1 + len(self.entity_docs[ident] & scope))
            elif kind == "story" and several_stories:
                n = len(set(self.stories[ident].documents) & scope)
                weights[key] = w["story"] * math.log2(1 + n)
            elif kind == "term" and len(df[ident]) >= 2:
                weights[key] = w["term"] * math.log2(len(df[ident]))
        return weights

    def _event_weight(self, event: Event, scope: set[str]) -> float:
        w = self.w
        if event.factuality in HAPPENED:
            base = w["event"] if event.id in self.timeline else w["event_off_timeline"]
        elif event.factuality == "planned":
            base = w["event_planned"]
        else:
            return 0.0
        if not event.date:
            base *= w["event_undated"]
        return base * (1 + math.log2(max(1, sum(d in scope for d in event.documents))))

    def _concepts(self, c: Candidate) -> dict[str, float]:
        """Concept → how fully the candidate covers it (0–1)."""
        w = self.w
        key = (c.doc_id, c.sentence.start)
        found: dict[str, float] = {}

        def add(concept: str, degree: float) -> None:
            found[concept] = max(found.get(concept, 0.0), degree)

        named = {e for e, start in self.entities_at.get(key, ()) if c.start <= start < c.end}
        for event, mention in self.events_at.get(key, ()):
            if c.start <= mention.provenance.start < c.end:
                degree = self._degree(c, event, mention, named)
                add(f"event:{event.id}", degree)
                for sibling in self.occasion.get(event.id, ()):
                    add(f"event:{sibling}", degree * w["occasion_share"])
        for group_id, start in self.figures_at.get(key, ()):
            if c.start <= start < c.end:
                add(f"figure:{group_id}", 1.0)
        for entity_id, start in self.entities_at.get(key, ()):
            if c.start <= start < c.end:
                add(f"entity:{entity_id}", 1.0)
        story = self.story_of.get(c.doc_id)
        if story:
            add(f"story:{story}", 1.0)
        for term in c.terms:
            add(f"term:{term}", 1.0)
        return found

    def _degree(self, c: Candidate, event: Event, mention: EventMention, named: set[str]) -> float:
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

    def _multiplier(self, c: Candidate) -> float:
        w = self.w
        floor = float(w["quality_floor"])
        quality = floor + (1 - floor) * self.quality.get(c.doc_id, 0.5)
        lead = 1 + w["lead_bonus"] / (1 + c.index)
        filler = 1 / (1 + w["filler_penalty"] * c.filler)
        anaphor = w["anaphor_penalty"] if c.anaphoric else 1.0
        length = max(c.words / 20, 0.5) ** w["length_exponent"]
        return quality * lead * filler * anaphor / length

    def _select(
        self,
        pool: list[Candidate],
        concepts: list[dict[str, float]],
        weights: dict[str, float],
        k: int,
    ) -> list[int]:
        """Lazy greedy: a stale gain is an upper bound, so a candidate whose fresh gain still
        tops the heap is the best one (the objective is submodular)."""
        covered: dict[str, float] = defaultdict(float)
        factors = [self._multiplier(c) for c in pool]

        def gain(i: int) -> float:
            raw = sum(
                weights.get(concept, 0.0) * max(0.0, degree - covered[concept])
                for concept, degree in concepts[i].items()
            )
            return raw * factors[i]

        heap = [(-gain(i), i) for i in range(len(pool))]
        heapq.heapify(heap)
        chosen: list[int] = []
        first = 0.0
        while heap and len(chosen) < k:
            _, i = heapq.heappop(heap)
            fresh = gain(i)
            if heap and fresh < -heap[0][0] - 1e-12:
                heapq.heappush(heap, (-fresh, i))
                continue
            if fresh <= 0 or (first and fresh < self.min_relative_gain * first):
                break
            if any(_overlap(pool[i], pool[j]) >= self.w["max_overlap"] for j in chosen):
                continue
            first = first or fresh
            chosen.append(i)
            for concept, degree in concepts[i].items():
                covered[concept] = max(covered[concept], degree)
        return chosen

    # -- citations and order --------------------------------------------------------------------
    def _sentence(self, chosen: _Chosen, scope: set[str]) -> tuple[SummarySentence, tuple]:
        c = chosen.candidate
        evidence: dict[str, Provenance] = {c.doc_id: _provenance(c)}
        for other in self.same_text.get(_normal(c.text), ()):
            if other.doc_id in scope and other.doc_id not in evidence:
                evidence[other.doc_id] = _provenance(other)
        reported = [
            self.events[concept.split(":", 1)[1]]
            for concept, degree in chosen.concepts.items()
            if concept.startswith("event:")
        ]
        strong = [
            self.events[concept.split(":", 1)[1]]
            for concept, degree in chosen.concepts.items()
            if concept.startswith("event:") and degree >= self.w["event_named"]
        ]
        for event in strong:
            for event_id in self.occasion.get(event.id, [event.id]):
                if event_id not in self.best:
                    self.best[event_id] = best_mentions(self.events[event_id])
                for mention in self.best[event_id]:
                    d = mention.provenance.doc_id
                    if d in scope and d not in evidence:
                        evidence[d] = mention.provenance
        dated = [e for e in reported if e.date and e.factuality in HAPPENED]
        date = None
        if dated:
            weights = {e.id: chosen.concepts[f"event:{e.id}"] for e in dated}
            date = max(dated, key=lambda e: (weights[e.id], -len(e.date or "")))
            date = date.date
        others = sorted((d for d in evidence if d != c.doc_id), key=self.order.__getitem__)
        documents = [c.doc_id, *others]
        sentence = SummarySentence(
            text=c.text,
            documents=documents,
            date=date,
            evidence=[evidence[d] for d in documents],
            event_ids=sorted({e.id for e in reported}),
            trimmed=c.trimmed,
        )
        return sentence, (date is None, date or "", self.order[c.doc_id], c.index)

    @staticmethod
    def _sort_key(item: tuple[SummarySentence, tuple]) -> tuple:
        return item[1]


def best_mentions(event: Event) -> list[EventMention]:
    """One mention per document, the one a reader can check best: the one that dates the
    event, then the one naming most participants in its own sentence, then a whole sentence
    (not a piece of a quotation), then the first."""

    def named(m: EventMention) -> int:
        p = m.provenance
        return sum(
            a.start is not None
            and p.sentence_start <= a.start < p.sentence_end
            and "→" not in (a.rule or "")
            for a in m.source + m.target
        )

    best: dict[str, EventMention] = {}
    ranked = sorted(
        event.mentions,
        key=lambda m: (
            m.date_basis != "timex",
            -named(m),
            rejects(m.provenance.sentence) is not None,
            m.provenance.start,
        ),
    )
    for mention in ranked:
        best.setdefault(mention.provenance.doc_id, mention)
    return list(best.values())


def _provenance(c: Candidate) -> Provenance:
    return Provenance(
        doc_id=c.doc_id,
        start=c.start,
        end=c.end,
        sentence=c.sentence.text,
        sentence_start=c.sentence.start,
        sentence_end=c.sentence.end,
    )


def _overlap(a: Candidate, b: Candidate) -> float:
    if not a.terms or not b.terms:
        return 0.0
    return len(a.terms & b.terms) / len(a.terms | b.terms)


def _normal(text: str) -> str:
    return _NORMAL.sub(" ", text.lower()).strip()
