"""The one typed data model every stage reads and writes (pydantic v2).

Split by area so each file stays short; import from here.
"""

from storyline.models.answers import Answer, AnswerValue, Citation
from storyline.models.corpus import (
    AnalysisError,
    Briefing,
    BriefingRecords,
    CorpusView,
    DocumentAnalysis,
    DuplicateGroup,
    Quality,
    QualityReason,
    Story,
    Storyline,
    Summary,
    SummarySentence,
)
from storyline.models.document import (
    Block,
    Dateline,
    Document,
    DocumentRef,
    PublicationDate,
    RawRecord,
    Removal,
    Skipped,
)
from storyline.models.events import (
    HAPPENED,
    Actor,
    Event,
    EventMention,
    Theme,
    TimelineEntry,
    Wording,
)
from storyline.models.language import (
    BriefedFigureGroup,
    Entity,
    Figure,
    FigureGroup,
    Mention,
    Timex,
)
from storyline.models.provenance import Provenance, Sentence

__all__ = [
    "HAPPENED",
    "Actor",
    "AnalysisError",
    "Answer",
    "AnswerValue",
    "Block",
    "BriefedFigureGroup",
    "Briefing",
    "BriefingRecords",
    "Citation",
    "CorpusView",
    "Dateline",
    "Document",
    "DocumentAnalysis",
    "DocumentRef",
    "DuplicateGroup",
    "Entity",
    "Event",
    "EventMention",
    "Figure",
    "FigureGroup",
    "Mention",
    "Provenance",
    "PublicationDate",
    "Quality",
    "QualityReason",
    "RawRecord",
    "Removal",
    "Sentence",
    "Skipped",
    "Story",
    "Storyline",
    "Summary",
    "SummarySentence",
    "Theme",
    "TimelineEntry",
    "Timex",
    "Wording",
]
