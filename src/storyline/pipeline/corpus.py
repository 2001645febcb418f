"""Cross-document stages over every stored document and analysis: the corpus view.

Order matters and is fixed here: canonical entities first (events need them), then event
merging and the timeline, near-duplicates (figure corroboration must not count a copy as a
second source), figure groups, stories (which use entities and events), quality scores, and
the summaries (which read all of the above). Every stage is a plain function from its own
module; this one only sequences them and keeps their timings.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.entities.extract import affiliation, canonicalise
from storyline.events.merge import merge_events
from storyline.events.timeline import build_timeline
from storyline.figures.extract import group_figures
from storyline.models import (
    CorpusView,
    Document,
    DocumentAnalysis,
)
from storyline.quality.scoring import score_quality
from storyline.stories.cluster import cluster_stories, with_final_events
from storyline.stories.dedup import duplicate_of, find_near_duplicates
from storyline.summary.select import summarise_all


def derive_corpus(
    documents: Sequence[Document], analyses: Sequence[DocumentAnalysis]
) -> CorpusView:
    """Run the cross-document stages; ``analyses`` may lack documents not analysed yet."""
    view = CorpusView()
    by_id = {a.doc_id: a for a in analyses}
    mentions = [m for a in analyses for m in a.mentions]
    view.entities = view.timed("entities", lambda: canonicalise(mentions))
    event_mentions = [e for a in analyses for e in a.events]
    merge = lambda stories=None: merge_events(  # noqa: E731
        event_mentions, view.entities, documents, affiliation=affiliation, stories=stories
    )
    view.events = view.timed("events", merge)
    view.duplicates = view.timed("duplicates", lambda: find_near_duplicates(documents))
    copies = duplicate_of(view.duplicates)
    figures = [f for a in analyses for f in a.figures]
    view.figure_groups = view.timed("figures", lambda: group_figures(figures, same_source=copies))
    view.stories = view.timed(
        "stories",
        lambda: cluster_stories(documents, analyses, view.entities, view.events, copy_of=copies),
    )
    # Second pass: undated reports of one story may now merge into one event.
    story_of = {doc_id: story.id for story in view.stories for doc_id in story.documents}
    view.events = view.timed("events-by-story", lambda: merge(story_of))
    view.stories = with_final_events(view.stories, view.events)
    view.timeline = view.timed("timeline", lambda: build_timeline(view.events))
    view.quality = view.timed(
        "quality",
        lambda: [
            score_quality(doc, by_id.get(doc.id) or DocumentAnalysis(doc_id=doc.id, version=""))
            for doc in documents
        ],
    )
    view.summary, view.story_summaries = view.timed(
        "summary", lambda: summarise_all(documents, analyses, view)
    )
    return view
