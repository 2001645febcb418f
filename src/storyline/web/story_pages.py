"""The Stories page: storylines, each with its stories in date order, each story with its
articles (best source first), its key figures and its summary. Like ``views``, nothing here
derives new facts: it reads what the build stored, through the store's indexes, one page of
storylines at a time."""

from __future__ import annotations

from storyline.models import FigureGroup, Story, Storyline, Summary
from storyline.store import Store
from storyline.web.documents import document_rows
from storyline.web.schemas import StoriesPage, StoryCard, StorylineCard

KEY_FIGURES = 3  # figure groups shown with a story, in the figures page's order (status first)


def stories_page(store: Store, limit: int, offset: int = 0) -> tuple[StoriesPage, int]:
    """One page of storylines with their stories, and how many storylines there are in all.
    A store built before storylines existed shows each story as its own storyline."""
    total = store.count_corpus("storyline")
    if total:
        lines = store.corpus_page("storyline", Storyline, limit, offset)
    else:
        total = store.count_corpus("story")
        lines = [_alone(s) for s in store.corpus_page("story", Story, limit, offset)]
    story_ids = [s for line in lines for s in line.stories]
    stories = {s.id: s for s in store.corpus_items("story", story_ids, Story)}
    cards = [
        StorylineCard(
            storyline=line,
            stories=[story_card(store, stories[s]) for s in line.stories if s in stories],
        )
        for line in lines
    ]
    page = StoriesPage(
        storylines=[c for c in cards if c.stories],
        stories=store.count_corpus("story"),
        documents=store.count_documents(),
    )
    return page, total


def story_card(store: Store, story: Story) -> StoryCard:
    rows = sorted(document_rows(store, story.documents), key=lambda r: (-(r.score or 0.0), r.id))
    group_ids = store.figure_groups_of_documents(story.documents, KEY_FIGURES)
    summary = store.corpus_item("summary", f"story:{story.id}", Summary)
    return StoryCard(
        story=story,
        documents=rows,
        figure_groups=store.corpus_items("figure-group", group_ids, FigureGroup),
        summary=summary if summary is not None and summary.scope == "story" else None,
    )


def _alone(story: Story) -> Storyline:
    return Storyline(
        id=story.id,
        label=story.label,
        stories=[story.id],
        documents=story.documents,
        first_date=story.first_date,
        last_date=story.last_date,
    )
