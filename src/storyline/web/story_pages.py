"""The Stories page: storylines, each with its stories in date order, each story with its
articles (best source first), its key figures and its summary. Like ``views``, nothing here
derives new facts: it looks up and orders what the build stored."""

from __future__ import annotations

from storyline.models import Story, Storyline
from storyline.web.schemas import StoriesPage, StoryCard, StorylineCard
from storyline.web.snapshot import Snapshot
from storyline.web.views import document_rows

KEY_FIGURES = 3  # figure groups shown with a story: the ones the most of its sources state


def stories_page(snap: Snapshot) -> StoriesPage:
    """Every story once, under its storyline; a story no storyline lists stands alone."""
    lines = list(snap.storylines)
    placed = {s for line in lines for s in line.stories}
    lines += [
        Storyline(
            id=story.id,
            label=story.label,
            stories=[story.id],
            documents=story.documents,
            first_date=story.first_date,
            last_date=story.last_date,
        )
        for story in snap.stories
        if story.id not in placed
    ]
    cards = [
        StorylineCard(
            storyline=line,
            stories=[story_card(snap, snap.story[s]) for s in line.stories if s in snap.story],
        )
        for line in lines
    ]
    return StoriesPage(
        storylines=[c for c in cards if c.stories],
        stories=len(snap.stories),
        documents=sum(len(s.documents) for s in snap.stories),
    )


def story_card(snap: Snapshot, story: Story) -> StoryCard:
    members = set(story.documents)
    rows = sorted(document_rows(snap, story.documents), key=lambda r: (-(r.score or 0.0), r.id))
    groups = [g for g in snap.figure_groups if members & set(g.documents)]
    groups.sort(key=lambda g: (-len(members & set(g.documents)), g.measure, g.id))
    return StoryCard(
        story=story,
        documents=rows,
        figure_groups=groups[:KEY_FIGURES],
        summary=snap.story_summary(story.id),
    )
