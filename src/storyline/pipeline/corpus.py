"""Cross-document stages over every stored document and analysis: the corpus view.

Order matters and is fixed here: canonical entities first (events need them), then event
merging and the timeline, near-duplicates (figure corroboration must not count a copy as a
second source), stories (which use entities and events), figure groups (a figure that names no
parties is read in its story), quality scores, and the summaries (which read all of the
above). Every stage is a plain function from its own module; this one only sequences them and
keeps their timings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from storyline.entities.extract import affiliation, canonicalise
from storyline.events.merge import merge_events
from storyline.events.timeline import build_timeline
from storyline.figures.extract import group_figures, party_countries
from storyline.models import (
    CorpusView,
    Document,
    DocumentAnalysis,
    Event,
)
from storyline.pipeline.stages import CorpusStage, CorpusState
from storyline.quality.scoring import score_quality
from storyline.stories.cluster import cluster_stories, with_final_events
from storyline.stories.dedup import duplicate_of, find_near_duplicates
from storyline.summary.select import summarise_all


def _entities(state: CorpusState) -> None:
    dates = {d.id: d.published for d in state.documents}  # the dictionary roles' dates
    state.view.entities = canonicalise([m for a in state.analyses for m in a.mentions], dates)


def _merged_events(state: CorpusState, stories: dict[str, str] | None = None) -> list[Event]:
    mentions = [e for a in state.analyses for e in a.events]
    return merge_events(
        mentions, state.view.entities, state.documents, affiliation=affiliation, stories=stories
    )


def _events(state: CorpusState) -> None:
    state.view.events = _merged_events(state)


def _duplicates(state: CorpusState) -> None:
    state.view.duplicates = find_near_duplicates(state.documents)
    state.shared["copy_of"] = duplicate_of(state.view.duplicates)


def _figure_groups(state: CorpusState) -> None:
    figures = [f for a in state.analyses for f in a.figures]
    state.view.figure_groups = group_figures(
        figures,
        same_source=state.shared["copy_of"],
        affiliations=party_countries(state.view.entities, affiliation),
        stories={doc: story.id for story in state.view.stories for doc in story.documents},
    )


def _stories(state: CorpusState) -> None:
    view = state.view
    view.stories = cluster_stories(
        state.documents, state.analyses, view.entities, view.events,
        copy_of=state.shared["copy_of"],
    )  # fmt: skip


def _events_by_story(state: CorpusState) -> None:
    """Second pass: undated reports of one story may now merge into one event."""
    view = state.view
    story_of = {doc_id: story.id for story in view.stories for doc_id in story.documents}
    view.events = _merged_events(state, story_of)
    view.stories = with_final_events(view.stories, view.events)


def _timeline(state: CorpusState) -> None:
    state.view.timeline = build_timeline(state.view.events)


def _quality(state: CorpusState) -> None:
    by_id = {a.doc_id: a for a in state.analyses}
    copy_of = state.shared.get("copy_of", {})
    state.view.quality = [
        score_quality(
            doc,
            by_id.get(doc.id) or DocumentAnalysis(doc_id=doc.id, version=""),
            copy_of.get(doc.id),
        )
        for doc in state.documents
    ]


def _summaries(state: CorpusState) -> None:
    view = state.view
    view.summary, view.story_summaries = summarise_all(state.documents, state.analyses, view)


def _stage(name: str, reads: set[str], adds: set[str], run: Callable[[CorpusState], None]):
    return CorpusStage(name, frozenset(reads), frozenset(adds), run)


#: The cross-document stages, in the order they run.
CORPUS_STAGES: tuple[CorpusStage, ...] = (
    _stage("entities", {"analyses", "documents"}, {"entities"}, _entities),
    _stage("events", {"analyses", "entities", "documents"}, {"events"}, _events),
    _stage("duplicates", {"documents"}, {"duplicates", "copy_of"}, _duplicates),
    _stage(
        "stories",
        {"documents", "analyses", "entities", "events", "copy_of"},
        {"stories"},
        _stories,
    ),
    _stage(
        "events-by-story",
        {"analyses", "entities", "documents", "stories", "events"},
        {"events", "stories"},
        _events_by_story,
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
    documents: Sequence[Document], analyses: Sequence[DocumentAnalysis]
) -> CorpusView:
    """Run the cross-document stages; ``analyses`` may lack documents not analysed yet."""
    state = CorpusState(documents=documents, analyses=analyses, view=CorpusView())
    for stage in CORPUS_STAGES:
        state.view.timed(stage.name, partial(stage.run, state))
    return state.view
