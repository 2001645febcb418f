"""The cited multi-document summary: a few source sentences that together cover the story.

Method: greedy maximisation of a coverage objective (Gillick & Favre 2009; Lin & Bilmes 2011).
``concepts`` says what each sentence covers and what each concept is worth, ``greedy`` picks the
sentences (covered concepts earn nothing twice), ``citations`` dates and cites the chosen ones.

Why not LexRank + MMR (``method = "centrality"``, ``rank``): centrality favours the
generic sentences every article repeats (the corpus' topic, not its news). On the demo corpus
it tells 2 of the 5 timeline events in 10 sentences, coverage all 5; on the four MEANTIME
topics (pyramid score over the gold cross-document event instances, each weighted by how many
articles mention it) it scores 0.157 against coverage's 0.215 at 10 sentences, 0.108 against
0.200 at 5. Coverage of the event layer is what a chronological briefing needs.

The chosen sentences are ordered by story (the view's stories are in date order, undated ones
last), within a story its own events first and then the background it recalls (events more than
``background_days`` before the story began), each part by the date of the event a sentence
reports (undated ones after dated ones, in document order). Sources far below the best of the
pile are not quoted at all (``usable_sources``), and generic filler never is (``candidates``).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, timedelta
from typing import Protocol

import numpy as np

from storyline.models import CorpusView, Document, DocumentAnalysis, Summary, SummarySentence
from storyline.models.kept_rows import ChunkedRows, Row
from storyline.models.pile import AnalysisPile, as_pile
from storyline.summary.candidates import Candidate, candidates, config
from storyline.summary.citations import Chosen, cited_sentence
from storyline.summary.columns import Arrays, CandidateColumns, Place
from storyline.summary.concepts import ConceptIndex, figure_positions
from storyline.summary.greedy import lazy_greedy
from storyline.summary.kept import (
    CandidateCache,
    candidate_key,
    packed_candidates,
    unpacked_rows,
)
from storyline.summary.kept_stories import KeptStories, StorySummaryCache
from storyline.summary.rank import centrality_select
from storyline.summary.weights import ScopeWeights, first_gains

__all__ = ["summarise", "summarise_all"]


def summarise(
    documents: Sequence[Document],
    analyses: Sequence[DocumentAnalysis] | AnalysisPile,
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
    analyses: Sequence[DocumentAnalysis] | AnalysisPile,
    view: CorpusView,
    max_sentences: int = 10,
    *,
    story_sentences: int | None = None,
    kept: SummaryCache | None = None,
) -> tuple[Summary, list[Summary]]:
    """The corpus summary and one summary per story (in ``view.stories`` order); ``kept``
    keeps each document's candidates (``Summariser``) and each story's summary
    (``kept_stories``) between builds."""
    summariser = Summariser(documents, analyses, view, kept=kept)
    per_story = story_sentences or int(config()["story_sentences"])
    if kept is not None:
        # read first: the kept stories give back their candidates' concepts, which the corpus
        # summary reads too
        kept_stories = KeptStories(summariser, view.stories, per_story, kept)
        return summariser.summary(None, max_sentences), kept_stories.summaries()
    corpus = summariser.summary(None, max_sentences)
    stories = [summariser.summary(s.documents, per_story, story_id=s.id) for s in view.stories]
    return corpus, stories


class SummaryCache(CandidateCache, StorySummaryCache, Protocol):
    """Where the summary stage keeps its products between builds (the store, in a build)."""


class Summariser:
    """Indexes the view once; ``summary`` then works on any subset of the documents.

    It reads the analyses once, one at a time, for the layers it needs (figures and time
    expressions for the concepts and the spans a candidate must not cut; sentences and signals
    for the candidates), and keeps every candidate as a row of compact columns
    (``columns.CandidateColumns``), never the analyses or a Python object per candidate: a
    summary sums its pool's first gains from the columns and makes back as a ``Candidate`` only
    the rows it pops, picks or cites. With ``kept`` (the store the analyses are read from) each
    document's candidates are kept between builds (``summary.kept``): only documents whose text,
    analysis or entity mentions changed are read and their candidates made again."""

    def __init__(
        self,
        documents: Sequence[Document],
        analyses: Sequence[DocumentAnalysis] | AnalysisPile,
        view: CorpusView,
        method: str | None = None,
        kept: CandidateCache | None = None,
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
        self.copy_of = {m: g.canonical for g in view.duplicates for m in g.members}
        self.story_rank = {s.id: i for i, s in enumerate(view.stories)}
        self.background_days = int(conf["background_days"])
        self.candidate_keys: dict[str, bytes] = {}  # each document's kept candidates' key
        self.index = ConceptIndex((), view, self.w)
        self.columns = CandidateColumns(self.docs)
        if kept is not None:
            self._kept_candidates(kept)
        missing = [d for d in self.docs if d not in self.columns.ranges]
        layers = ("figures", "timexes", "sentences", "signals")
        saver = ChunkedRows(kept.save_summary_candidates if kept is not None else _nowhere)
        for doc_id, analysis in zip(missing, as_pile(analyses).of(missing, layers), strict=True):
            if analysis is None:
                continue
            self.index.add_figures(analysis)
            found = candidates(self.docs[doc_id], analysis, self._protected(analysis))
            self.columns.add_document(doc_id, found)
            if doc_id in self.candidate_keys:
                row = packed_candidates(found, figure_positions(analysis))
                saver.add((doc_id, self.candidate_keys[doc_id], row))
        saver.flush()
        self._position = {d: i for i, d in enumerate(self.docs)}
        self._arrays: Arrays | None = None
        self._said_order: np.ndarray | None = None  # the rows by text key, and their keys
        self._said_sorted = np.zeros(0, dtype=np.uint32)

    def _kept_candidates(self, kept: CandidateCache) -> None:
        """Add the candidates ``kept`` holds under each document's current key (``summary.kept``)
        as rows, with their figure positions indexed; the keys are kept for every document."""
        digests = kept.analysis_digests(list(self.docs))
        spans = self.index.mention_spans
        self.candidate_keys = {
            d: candidate_key(self.docs[d], digest, spans(d)) for d, digest in digests.items()
        }
        for doc_id, row in kept.summary_candidates(self.candidate_keys):
            found, figures = unpacked_rows(row)
            self.columns.add_packed(doc_id, found)
            self.index.add_figure_positions(doc_id, figures)

    def _protected(self, analysis: DocumentAnalysis) -> list[tuple[int, int]]:
        """The spans of a document a trim must not cut: its figures, time expressions and
        entity mentions."""
        spans = [(f.provenance.start, f.provenance.end) for f in analysis.figures]
        spans += [(t.provenance.start, t.provenance.end) for t in analysis.timexes]
        return spans + self.index.mention_spans(analysis.doc_id)

    # -- what each candidate tells --------------------------------------------------------
    def remember_told(self, doc_id: str, found: Sequence[tuple[float, Sequence]]) -> None:
        """The (factor, concepts) of each of a document's candidates, known already (kept
        between builds: ``kept_stories``): not worked out again (``told``)."""
        self.columns.keep_told(doc_id, found)

    def told(self, row: int) -> tuple[dict[str, float], float]:
        """The concepts row ``row`` covers but its content words (``ConceptIndex.
        own_concepts``) and the factor on its gain, worked out once per candidate for every
        row: neither depends on the summary's scope (the weights do), and the corpus summary and
        every story's ask for the same candidates."""
        arrays = self._finished()
        return self.columns.own(row), float(arrays.factor[row])

    def _finished(self) -> Arrays:
        """The columns with every row's concepts (``columns.finish_told``), as arrays."""
        if self._arrays is None:
            index = self.index

            def work_out(place: Place) -> tuple[dict[str, float], float]:
                own = index.own_concepts(place)
                return own, index.multiplier(place, own)

            self.columns.finish_told(work_out)
            self._arrays = self.columns.arrays()
        return self._arrays

    def rows_of(self, doc_id: str) -> range:
        """The rows of a document's candidates (none for a document without an analysis)."""
        return range(*self.columns.ranges.get(doc_id, (0, 0)))

    # -- the summary --------------------------------------------------------------------------
    def summary(
        self, doc_ids: Collection[str] | None, max_sentences: int, story_id: str | None = None
    ) -> Summary:
        """The summary of ``doc_ids`` (None: all); a story's when ``story_id`` is given or the
        documents are exactly one story's."""
        arrays = self._finished()
        scope = set(self.docs) if doc_ids is None else {d for d in doc_ids if d in self.docs}
        quoted = self.index.usable_sources(scope)
        ranges = [
            self.columns.ranges[d]
            for d in sorted(scope, key=self.order.__getitem__)
            if d in quoted and d in self.columns.ranges and not self._copied(d, scope)
        ]
        rows = np.concatenate([np.arange(lo, hi) for lo, hi in ranges] or [np.zeros(0, int)])
        factors = arrays.factor[rows]
        made: dict[int, dict[str, float]] = {}

        def concepts(i: int) -> dict[str, float]:
            if i not in made:
                row = int(rows[i])
                made[i] = self.index.with_terms(self.columns.own(row), self.columns.candidate(row))
            return made[i]

        if self.method == "centrality":
            words = self.columns.terms.words

            def terms_of(i: int) -> tuple[str, ...]:
                return tuple(words[t] for t in self.columns.term_ids(int(rows[i])))

            picked = centrality_select(terms_of, factors.tolist(), max_sentences)
        else:
            weights = ScopeWeights(self.index, scope, self.columns, rows)
            picked = lazy_greedy(
                first_gains(weights, self.columns, rows),
                factors,
                weights,
                max(0, max_sentences),
                self.min_relative_gain,
                self.w["max_overlap"],
                concepts,
                lambda i: self.columns.term_ids(int(rows[i])),
            )
        sentences = []
        for i in picked:
            chosen = Chosen(self.columns.candidate(int(rows[i])), concepts(i))
            same_text = self._same_text(chosen.candidate.said, scope)
            sentences.append(cited_sentence(chosen, scope, self.index, same_text, self.order))
        sentences.sort(key=self._story_order)
        if story_id is None and doc_ids is not None and scope:
            story = self.index.stories.get(self.index.story_of.get(next(iter(scope)), ""))
            story_id = story.id if story and set(story.documents) == scope else None
        return Summary(
            scope="story" if story_id else "corpus",
            story_id=story_id,
            sentences=[s for s, _ in sentences],
            documents=sorted(scope, key=self.order.__getitem__),
        )

    def _copied(self, doc_id: str, scope: set[str]) -> bool:
        """Whether a document is a copy whose canonical is in scope (its candidates are not in
        the pool then: the canonical's are)."""
        return doc_id in self.copy_of and self.copy_of[doc_id] in scope

    def _same_text(self, said: int, scope: set[str]) -> dict[int, list[Candidate]]:
        """The candidates of ``scope`` under the text key ``said`` (``candidates.text_key``), in
        document order and then each document's: those a citation compares in full."""
        arrays = self._finished()
        if self._said_order is None:
            self._said_order = np.argsort(arrays.said, kind="stable")
            self._said_sorted = arrays.said[self._said_order]
        lo = int(np.searchsorted(self._said_sorted, said, side="left"))
        hi = int(np.searchsorted(self._said_sorted, said, side="right"))
        rows = [int(r) for r in self._said_order[lo:hi] if self.columns.doc_id(int(r)) in scope]
        rows.sort(key=lambda r: (self._position[self.columns.doc_id(r)], r))
        return {said: [self.columns.candidate(r) for r in rows]}

    def _story_order(self, item: tuple[SummarySentence, tuple]) -> tuple:
        """By story (stories in date order, undated ones last), then the story's own events
        before the background it recalls, then by date and place in the documents."""
        sentence, key = item
        story_id = self.index.story_of.get(sentence.documents[0])
        rank = self.story_rank.get(story_id or "", len(self.story_rank))
        first = self.index.stories[story_id].first_date if story_id else None
        background = bool(
            sentence.date
            and first
            and sentence.date[:10] < _days_before(first, self.background_days)
        )
        return (rank, background, *key)


def _nowhere(rows: list[Row]) -> None:
    """Where rows go without a store: there are none (no document has a key)."""


def _days_before(day: str, days: int) -> str:
    """The ISO day ``days`` before ``day`` (``day`` itself when it is no ISO day)."""
    try:
        return (date.fromisoformat(day[:10]) - timedelta(days=days)).isoformat()
    except ValueError:
        return day
