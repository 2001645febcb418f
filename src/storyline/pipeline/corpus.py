"""Cross-document stages over every stored document and analysis: the corpus view.

Order matters and is fixed here: canonical entities first (events need them), then event
merging and the timeline, near-duplicates (figure corroboration must not count a copy as a
second source), stories (their decisions use each document's own words and analysis; entities
and events only name them), storylines (threads of stories), figure groups (a figure that names
no parties is read in its story), quality scores, and the summaries (which read all of the
above). Every stage is a plain function from its own module; this one only sequences them and
keeps their timings.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Protocol

from pydantic import BaseModel

from storyline.entities.canon import linked_entities
from storyline.entities.extract import affiliation, canonicalise, capital_country
from storyline.entities.kept import NameRowCache, kept_names
from storyline.events.kept_parts import PartCache
from storyline.events.merge import merge_resolved, resolved_mentions
from storyline.events.part_tasks import Ship
from storyline.events.timeline import build_timeline
from storyline.figures.extract import party_countries
from storyline.figures.kept import FigureHeadCache, StoredFigures
from storyline.models import (
    CorpusView,
    Document,
    DocumentAnalysis,
    Event,
)
from storyline.models.compact import compact
from storyline.models.pile import AnalysisPile, as_pile
from storyline.pipeline.corpus_parts import (
    partitioned_figure_groups,
    partitioned_quality,
    partitioned_signatures,
    reusable_quality,
    shipped_event_parts,
    stored_figure_groups,
)
from storyline.pipeline.kept_resolved import (
    ResolvedRowCache,
    entity_facts,
    kept_resolved_mentions,
)
from storyline.pipeline.partition import LOCAL_RUNNER, BlockRunner
from storyline.pipeline.stages import CorpusStage, CorpusState
from storyline.store.analyses import StoredAnalyses
from storyline.stories.assemble import with_final_events
from storyline.stories.cluster import (
    cluster_stories,
    pile_features,
    storylines_of,
    with_storylines,
)
from storyline.stories.dedup import SignatureCache, duplicate_of, find_near_duplicates
from storyline.stories.kept import RowCache
from storyline.stories.kept_records import StoryRecordCache
from storyline.summary.select import SummaryCache, summarise_all


class KeptProducts(
    SignatureCache,
    SummaryCache,
    RowCache,
    StoryRecordCache,
    FigureHeadCache,
    StoredFigures,
    NameRowCache,
    ResolvedRowCache,
    PartCache,
    Protocol,
):
    """Where products are kept between builds (the store, in a build): the near-duplicate
    signatures, the story-clustering rows, the summary candidates, the figure groups of each
    measure head, each document's share of the entity canonicalisation, each document's event
    mentions with their actors resolved, each part of the two event merges, each
    story's record and summary; and each analysis's figures, which the store holds on their
    own."""


def _entities(state: CorpusState) -> None:
    """Canonical entities; with ``shared["kept"]`` (the store the analyses are read from) each
    document's mentions and what they resolve to in it are read from there unless its inputs
    changed (``entities.kept``), and only the linking across documents is redone. The
    mentions read are held to the end of the stage (``_held``); read from the store, nothing
    else holds them, so the entities own them, as the kept rows' (not copies: ``canon``), where
    a pile held in memory (tests, evaluations) is its caller's."""
    dates = {d.id: d.published for d in state.documents}  # the dictionary roles' dates
    kept = state.shared.get("kept")
    if kept is not None and _own_pile(state):
        with _held(state):
            mentions, items = kept_names(state.documents, state.analyses, kept)
        state.view.entities = linked_entities(items, mentions, dates, owned=True)
        return
    with _held(state):
        mentions = [m for a in state.analyses.read(("mentions",)) for m in a.mentions]
    owned = isinstance(state.analyses, StoredAnalyses)  # each read parses them afresh
    state.view.entities = canonicalise(mentions, dates, owned)


@contextmanager
def _held(state: CorpusState) -> Iterator[None]:
    """What the block reads is held to the end of its stage: the collector does not scan it
    while it is made (each of the pile's mentions is an object, and every full collection their
    parse set off walked all those made so far), nor after (it is frozen with what the stage
    started with, ``derive_corpus``). Only where the build owns the collector."""
    if not state.shared.get("owns_collector"):
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _merged_events(state: CorpusState, stories: dict[str, str] | None = None) -> list[Event]:
    """The event merge; with ``shared["kept"]`` (the store the analyses are read from) each
    document's event mentions are read, their actors resolved, from a row kept there unless
    its analysis or the entity facts they read changed (``kept_resolved``; those facts made
    once a build, ``shared["entity_facts"]``), and each part of the merge's events unless
    what it reads changed (``events.kept_parts``). The mentions read are held to the end of
    the stage (``_held``), as the entities stage holds its own, and then in
    ``shared["resolved_mentions"]`` for the second merge, which reads the same rows (the same
    documents, analyses, entities and facts): reading every row back twice was about a twelfth
    of the +1% build at 10,100 documents (issue 18). The view's events hold those mentions
    anyway; only the digests and keys are held beyond them.

    Without ``kept`` the mentions are resolved as they are read (not all held twice, as read
    and as resolved) and held for the second merge as well, a plain list: reading and
    resolving them again (an index of every entity, a second copy of every mention) was most of
    the events-by-story stage's working set, the build's high-water mark (issue 18)."""
    kept = state.shared.get("kept") if _own_pile(state) else None
    if kept is not None:
        if "entity_facts" not in state.shared:  # the same entities in both merges
            state.shared["entity_facts"] = entity_facts(
                state.view.entities, affiliation, capital_country
            )
        found = state.shared.get("resolved_mentions")
        if found is None:  # the first merge: read (or resolve) and hold for the second
            with _held(state):
                found = kept_resolved_mentions(
                    state.documents,
                    state.analyses,
                    state.view.entities,
                    kept,
                    state.shared["entity_facts"],
                    (affiliation, capital_country),
                )
            state.shared["resolved_mentions"] = found
        keys = found.keys if stories is None else found.keys_in_stories(stories)
        return merge_resolved(
            found.mentions, state.documents, stories, kept, found.digests, keys, _ship(state)
        )
    resolved = state.shared.get("resolved_mentions")
    if resolved is None:  # the first merge: resolve as read, and hold for the second
        with _held(state):
            resolved = resolved_mentions(
                (e for a in state.analyses.read(("events",)) for e in a.events),
                state.view.entities,
                affiliation,
                capital_country,
            )
        state.shared["resolved_mentions"] = resolved
    return merge_resolved(resolved, state.documents, stories, ship=_ship(state))


def _ship(state: CorpusState) -> Ship:
    """The event merges' first round of parts on the build's runner (``events.part_tasks``)."""
    return partial(shipped_event_parts, _runner(state))


def _events(state: CorpusState) -> None:
    state.view.events = _merged_events(state)


def _duplicates(state: CorpusState) -> None:
    """Near-copies; with ``shared["kept"]`` (the store, in a build) each document's MinHash
    signature is read from there, and only new or changed texts are hashed, through the
    build's runner (``corpus_parts.partitioned_signatures``)."""
    hasher = partial(partitioned_signatures, _runner(state))
    state.view.duplicates = find_near_duplicates(state.documents, state.shared.get("kept"), hasher)
    state.shared["copy_of"] = duplicate_of(state.view.duplicates)


def _figure_groups(state: CorpusState) -> None:
    """Figure groups, one part of measure heads at a time; with ``shared["kept"]`` (the store
    the analyses are read from) the figures are read by head from its table of them, not from
    every analysis, each head's groups are read back unless its figures or the map entries
    they read changed (``figures.kept``), and only the heads grouped again and the groups the
    restatement pass compares are read as figures (``corpus_parts.stored_figure_groups``)."""
    kept = state.shared.get("kept")
    same_source = state.shared["copy_of"]
    affiliations = party_countries(state.view.entities, affiliation)
    stories = {doc: story.id for story in state.view.stories for doc in story.documents}
    if kept is not None and _own_pile(state):
        state.view.figure_groups = stored_figure_groups(
            _runner(state), kept, same_source, affiliations, stories
        )
        return
    figures = [f for a in state.analyses.read(("figures",)) for f in a.figures]
    state.view.figure_groups = partitioned_figure_groups(
        _runner(state), figures, same_source, affiliations, stories, kept=kept
    )


def _stories(state: CorpusState) -> None:
    """Stories; with the stories of an earlier build (``shared["previous_stories"]``) and the
    documents changed since (``shared["changed"]``), only what the changes reach is redone.
    The documents' features are made once and kept in ``shared`` for the storylines; with
    ``shared["kept"]`` each document's own row, and each story's record, are read from there
    unless their inputs changed."""
    view = state.view
    kept = state.shared.get("kept") if _own_pile(state) else None
    features = pile_features(state.documents, state.analyses, view.entities, kept)
    state.shared["story_features"] = features
    view.stories = cluster_stories(
        state.documents, state.analyses, view.entities, view.events,
        copy_of=state.shared["copy_of"],
        previous=state.shared.get("previous_stories", ()),
        changed=state.shared.get("changed"),
        features=features,
        kept=kept,
    )  # fmt: skip
    features.top_terms = []  # read by the stories' blocking only: held no longer


def _storylines(state: CorpusState) -> None:
    view = state.view
    view.storylines = storylines_of(
        view.stories, state.documents, state.analyses, view.entities,
        previous=state.shared.get("previous_storylines", ()),
        features=state.shared.pop("story_features", None),  # held no longer than this stage
    )  # fmt: skip
    view.stories = with_storylines(view.stories, view.storylines)


def _events_by_story(state: CorpusState) -> None:
    """Second pass: undated reports of one story may now merge into one event."""
    view = state.view
    story_of = {doc_id: story.id for story in view.stories for doc_id in story.documents}
    view.events = []  # the first merge's events are not read by the second: held no longer
    view.events = _merged_events(state, story_of)
    state.shared.pop("entity_facts", None)  # the last merge: held no longer
    state.shared.pop("resolved_mentions", None)
    view.stories = with_final_events(view.stories, view.events)


def _timeline(state: CorpusState) -> None:
    dated = {d.id for d in state.documents if d.published}
    state.view.timeline = build_timeline(state.view.events, dated_documents=dated)


def _quality(state: CorpusState) -> None:
    """Scores; in an incremental build only those of documents changed or whose copy status
    changed are redone (``corpus_parts.reusable_quality``)."""
    shared = state.shared
    copy_of = shared.get("copy_of", {})
    reuse = None
    if "changed" in shared:
        previous_copy_of = duplicate_of(shared.get("previous_duplicates", ()))
        previous = shared.get("previous_quality", ())
        reuse = reusable_quality(previous, previous_copy_of, copy_of, shared["changed"])
    state.view.quality = partitioned_quality(
        _runner(state), state.documents, state.analyses, copy_of, reuse
    )


def _runner(state: CorpusState) -> BlockRunner:
    """Where the partitioned stages run (``shared["runner"]``; this process by default)."""
    return state.shared.get("runner") or LOCAL_RUNNER


def _summaries(state: CorpusState) -> None:
    """The summaries; with ``shared["kept"]`` (the store the analyses are read from) each
    document's candidate sentences, and each story's summary, are read from there unless
    their inputs changed."""
    view, kept = state.view, state.shared.get("kept")
    view.summary, view.story_summaries = summarise_all(
        state.documents, state.analyses, view, kept=kept if _own_pile(state) else None
    )


def _own_pile(state: CorpusState) -> bool:
    """Whether the analyses are the pile of ``shared["kept"]`` (the store, in a build): the
    products kept there are keyed by its analyses' digests."""
    kept = state.shared.get("kept")
    return isinstance(state.analyses, StoredAnalyses) and state.analyses.tables is kept


def _stage(name: str, reads: set[str], adds: set[str], run: Callable[[CorpusState], None]):
    return CorpusStage(name, frozenset(reads), frozenset(adds), run)


#: The cross-document stages, in the order they run.
CORPUS_STAGES: tuple[CorpusStage, ...] = (
    _stage("entities", {"analyses", "documents"}, {"entities"}, _entities),
    _stage(
        "events", {"analyses", "entities", "documents"}, {"events", "resolved_mentions"}, _events
    ),
    _stage("duplicates", {"documents"}, {"duplicates", "copy_of"}, _duplicates),
    _stage(
        "stories",
        {"documents", "analyses", "entities", "events", "copy_of"},
        {"stories", "story_features"},
        _stories,
    ),
    _stage(
        "events-by-story",
        {"analyses", "entities", "documents", "stories", "events", "resolved_mentions"},
        {"events", "stories"},
        _events_by_story,
    ),
    _stage(
        "storylines",
        {"stories", "documents", "analyses", "entities", "story_features"},
        {"storylines", "stories"},
        _storylines,
    ),
    _stage(
        "figures",
        {"analyses", "entities", "copy_of", "stories"},
        {"figure_groups"},
        _figure_groups,
    ),
    _stage("timeline", {"events"}, {"timeline"}, _timeline),
    _stage("quality", {"documents", "analyses", "copy_of"}, {"quality"}, _quality),
    _stage(
        "summary",
        {
            "documents",
            "analyses",
            "entities",
            "events",
            "timeline",
            "duplicates",
            "figure_groups",
            "stories",
            "quality",
        },
        {"summary", "story_summaries"},
        _summaries,
    ),
)


def derive_corpus(
    documents: Sequence[Document],
    analyses: Sequence[DocumentAnalysis] | AnalysisPile,
    previous: CorpusView | None = None,
    changed: Collection[str] | None = None,
    runner: BlockRunner | None = None,
    kept: KeptProducts | None = None,
) -> CorpusView:
    """Run the cross-document stages; ``analyses`` may lack documents not analysed yet. A
    pile (``models.pile``: the store's, in a build) is read layer by layer as each stage needs
    it, so no stage holds every analysis; a sequence is held as it is.

    ``previous`` (the stored view of an earlier build) and ``changed`` (the documents added,
    updated or re-analysed since) let the stories and quality stages redo only what the changes
    reach; the result is the same as without them. ``runner`` runs the partitioned stages' blocks
    (``corpus_parts``: here, or on Dask). ``kept`` (the store, in a build) keeps per-document
    products between builds: the near-duplicate signatures, so only new or changed texts are
    hashed, and, when the analyses are its own pile, each document's named mentions
    (``entities.kept``), its event mentions with their actors resolved
    (``kept_resolved``), the story-clustering rows
    (``stories.kept``) and the summary candidates (``summary.kept``); the figures are then read
    from the store's table of them, not from the analyses.

    What is held when a stage starts (the documents, the view so far, a previous view) is
    frozen out of the cyclic garbage collector's scans while the stage runs (``gc.freeze``):
    each stage makes tens of thousands of objects, and every full collection they set off
    walked everything held, about half the entities stage's time in an incremental build.
    The objects are freed by reference counting as before; only cyclic garbage among them
    waits for the end of the stage (``gc.unfreeze``). Only on the main thread: the collector
    is the process's, and a web server's build job leaves it to the server.
    """
    state = CorpusState(documents=documents, analyses=as_pile(analyses), view=CorpusView())
    state.shared["runner"] = runner or LOCAL_RUNNER
    state.shared["kept"] = kept
    if previous is not None and changed is not None:
        state.shared["previous_stories"] = previous.stories
        state.shared["previous_storylines"] = previous.storylines
        state.shared["previous_quality"] = previous.quality
        state.shared["previous_duplicates"] = previous.duplicates
        state.shared["changed"] = set(changed)
    # the collector's state is the process's: a build on a web server's job thread leaves it
    # to the server, which keeps its ask index frozen (web/cache.py settle_heap)
    owns_collector = threading.current_thread() is threading.main_thread()
    state.shared["owns_collector"] = owns_collector
    for stage in CORPUS_STAGES:
        if owns_collector:
            gc.freeze()  # what is held so far outlives the stage: not scanned again (below)
        try:
            state.view.timed(stage.name, partial(stage.run, state))
        finally:
            if owns_collector:
                gc.unfreeze()
        _compact_results(state.view, stage.adds)
    return state.view


def _compact_results(view: CorpusView, fields: Collection[str]) -> None:
    """Compact (``models.compact``) what a stage added to the view: the view stays in memory
    until the briefing is written, and the entities alone hold a copy of every mention (with
    its canonical id), each copy with its own pydantic fields-set. Values are unchanged."""
    for name in sorted(fields):
        value = getattr(view, name, None)  # ``shared`` values (copy_of) are not in the view
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, BaseModel):
                compact(item)
