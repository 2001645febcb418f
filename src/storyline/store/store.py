"""``Store``: the whole store as one object, the tables' classes put together."""

from __future__ import annotations

from pathlib import Path

from storyline.store.analyses import AnalysisTables
from storyline.store.candidates import CandidateTable
from storyline.store.corpus import CorpusTables
from storyline.store.documents import DocumentTable
from storyline.store.event_parts import EventPartTable
from storyline.store.figure_heads import FigureHeadTable
from storyline.store.figure_previews import FigurePreviewTable
from storyline.store.jobs import JobTable
from storyline.store.listing import ListingTables
from storyline.store.members import MemberPages
from storyline.store.named_mentions import NamedMentionTable
from storyline.store.resolved_events import ResolvedEventTable
from storyline.store.search import SearchIndex
from storyline.store.signatures import SignatureTable
from storyline.store.story_records import StoryRecordTable
from storyline.store.story_rows import StoryRowTable
from storyline.store.story_summaries import StorySummaryTable
from storyline.store.story_terms import StoryTermTable
from storyline.store.told import ToldTable


class Store(
    DocumentTable,
    AnalysisTables,
    CorpusTables,
    SearchIndex,
    ListingTables,
    MemberPages,
    JobTable,
    SignatureTable,
    CandidateTable,
    StoryRowTable,
    StoryTermTable,
    FigureHeadTable,
    NamedMentionTable,
    StorySummaryTable,
    EventPartTable,
    StoryRecordTable,
    ResolvedEventTable,
    ToldTable,
    FigurePreviewTable,
):
    """A storyline store on one SQLite file (or ``:memory:``)."""

    def __init__(self, path: str | Path = ":memory:") -> None:
        super().__init__(path)
        self.ensure_listing()  # a store from an older version gets its indexes once
