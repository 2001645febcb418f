"""The Stories page: storylines, each with its stories in date order, each story with its
articles (best source first), its key figures and its summary. Like ``views``, nothing here
derives new facts: it reads what the build stored, through the store's indexes, one page of
storylines at a time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import quote

from pydantic import BaseModel

from storyline.models import FigureGroup, Story, Storyline, Summary
from storyline.store import Store
from storyline.store.listing_sql import PREVIEW_CUTS, PREVIEW_IDS
from storyline.web.documents import document_rows
from storyline.web.schemas import DocumentRow, StoriesPage, StoryCard, StorylineCard

Item = TypeVar("Item", bound=BaseModel)

#: Articles a story card lists, best source first (the rest on the story's page).
CARD_DOCUMENTS = 10
#: Summary sentences a story card shows (its page has them all; the store's preview keeps them).
CARD_SUMMARY = PREVIEW_CUTS["summary"]["sentences"]
#: Ids a card shows of each list of its story, storyline and key figure groups (the store's
#: previews keep that many; the card says how many there are and links to the rest).
CARD_IDS = PREVIEW_IDS
#: Storylines a page of ``/stories`` and ``/api/storylines`` holds by default: each carries
#: its story cards (about six on the 10k bench store), so 20 storylines are already a hundred
#: cards, more than a reader scans before paging or searching.
STORYLINES_PAGE = 20


def stories_page(store: Store, limit: int, offset: int = 0) -> tuple[StoriesPage, int]:
    """One page of storylines with their stories, and how many storylines there are in all.
    A store built before storylines existed shows each story as its own storyline. Stories,
    storylines and figure groups are read from their stored previews (id lists cut to
    ``CARD_IDS``, with their lengths): a card shows a few ids and the counts."""
    total = store.count_corpus("storyline")
    lines: list[tuple[Storyline, int]]
    if total:
        ids = store.corpus_page_ids("storyline", limit, offset)
        cut = store.item_previews("storyline", ids)
        lines = [_parsed(Storyline, cut[i], "documents") for i in ids if i in cut]
    else:
        total = store.count_corpus("story")
        ids = store.corpus_page_ids("story", limit, offset)
        cut = store.item_previews("story", ids)
        alone = [_parsed(Story, cut[i], "documents") for i in ids if i in cut]
        lines = [(_alone(story), documents) for story, documents in alone]
    story_ids = [s for line, _ in lines for s in line.stories]
    parts = _CardParts.read(store, story_ids)
    cards = [
        StorylineCard(
            storyline=line,
            document_total=documents,
            stories=[parts.card(s) for s in line.stories if s in parts.stories],
        )
        for line, documents in lines
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


def _parsed(model: type[Item], cut: tuple[str, dict[str, int]], path: str) -> tuple[Item, int]:
    return model.model_validate_json(cut[0]), cut[1][path]


@dataclass
class _CardParts:
    """What the story cards of one page show, read for all the cards at once: a page holds a
    hundred cards, and reading each card's articles, count and figure groups with queries of
    its own made the page's cost grow with its cards (five queries each). The store pages
    every story's members in one query (its window functions keep each story's own order)."""

    stories: dict[str, tuple[str, dict[str, int]]]
    summaries: dict[str, tuple[str, dict[str, int]]]
    documents: dict[str, tuple[list[str], int]]
    rows: dict[str, DocumentRow]
    group_ids: dict[str, list[str]]
    groups: dict[str, tuple[str, dict[str, int]]]

    @classmethod
    def read(cls, store: Store, story_ids: list[str]) -> _CardParts:
        documents = store.story_document_pages(story_ids, CARD_DOCUMENTS)
        group_ids = store.figure_groups_of_stories(story_ids)
        doc_ids = [d for ids, _ in documents.values() for d in ids]
        return cls(
            stories=store.item_previews("story", story_ids),
            summaries=store.item_previews("summary", [f"story:{s}" for s in story_ids]),
            documents=documents,
            rows={row.id: row for row in document_rows(store, doc_ids)},
            group_ids=group_ids,
            groups=store.item_previews("figure-group", [g for v in group_ids.values() for g in v]),
        )

    def card(self, story_id: str) -> StoryCard:
        """A story's card: its first ``CARD_DOCUMENTS`` articles (a story can have hundreds:
        the rest are on its own page), its key figures and the opening of its summary, each
        list as its preview cut it (the full lengths in the card's totals)."""
        story_json, totals = self.stories[story_id]
        story = Story.model_validate_json(story_json)
        ids, total = self.documents.get(story_id, ([], 0))
        rows = [self.rows[d] for d in ids if d in self.rows]
        group_ids = [g for g in self.group_ids.get(story_id, []) if g in self.groups]
        preview = self.summaries.get(f"story:{story_id}")
        summary, summary_total = _parsed(Summary, preview, "sentences") if preview else (None, 0)
        if summary is not None and summary.scope != "story":
            summary, summary_total = None, 0
        story_href = f"/api/stories/{quote(story.id, safe='')}"
        return StoryCard(
            story=story,
            story_totals=totals,
            story_href=story_href,
            documents=rows,
            document_total=total,
            documents_href=story_href if len(rows) < total else None,
            figure_groups=[FigureGroup.model_validate_json(self.groups[g][0]) for g in group_ids],
            figure_group_totals={g: self.groups[g][1] for g in group_ids},
            figure_groups_href={g: f"/api/figures/group?id={quote(g, safe='')}" for g in group_ids},
            summary=summary,
            summary_total=summary_total,
            summary_source_totals=[
                preview[1].get(f"sentences.{i}.documents", len(sentence.documents))
                for i, sentence in enumerate(summary.sentences)
            ]
            if summary is not None and preview is not None
            else [],
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
