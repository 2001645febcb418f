"""The Stories page: storylines, each with its stories in date order, each story with its
articles (best source first), its key figures and its summary. Like ``views``, nothing here
derives new facts: it reads what the build stored, through the store's indexes, one page of
storylines at a time."""

from __future__ import annotations

from urllib.parse import quote

from storyline.models import FigureGroup, Story, Storyline, Summary
from storyline.store import Store
from storyline.web.documents import document_rows
from storyline.web.schemas import StoriesPage, StoryCard, StorylineCard

#: Articles a story card lists, best source first (the rest on the story's page).
CARD_DOCUMENTS = 10
KEY_FIGURES = 3  # figure groups shown with a story, in the figures page's order (status first)
#: Summary sentences a story card shows (its page has them all).
CARD_SUMMARY = 2
#: Storylines a page of ``/stories`` and ``/api/storylines`` holds by default: each carries
#: its story cards (about six on the 10k bench store), so 20 storylines are already a hundred
#: cards, more than a reader scans before paging or searching.
STORYLINES_PAGE = 20


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
        total=total,
        limit=limit,
        offset=offset,
    )
    return page, total


def story_card(store: Store, story: Story) -> StoryCard:
    """A story's card: its first ``CARD_DOCUMENTS`` articles (a story can have hundreds: the
    rest are on its own page), its key figures and the opening of its summary."""
    ids, total = store.story_document_ids(story.id, CARD_DOCUMENTS)
    rows = document_rows(store, ids)
    group_ids = store.figure_groups_of_story(story.id, KEY_FIGURES)
    sliced = store.corpus_item_slice(
        "summary", f"story:{story.id}", Summary, "$.sentences", CARD_SUMMARY
    )
    summary, summary_total = sliced if sliced is not None else (None, 0)
    return StoryCard(
        story=story,
        documents=rows,
        document_total=total,
        documents_href=f"/api/stories/{quote(story.id, safe='')}" if len(rows) < total else None,
        figure_groups=store.corpus_items("figure-group", group_ids, FigureGroup),
        summary=summary if summary is not None and summary.scope == "story" else None,
        summary_total=summary_total if summary is not None and summary.scope == "story" else 0,
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
