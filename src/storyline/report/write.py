"""The briefing report: ``report.md`` and a self-contained ``report.html`` from a ``Briefing``.

Both are drawn from one ``ReportView`` (view.py), so they say the same thing: the cited
summary, the timeline, key actors, figures, stories, sources with quality, removed furniture,
and — in the HTML — each source's clean text with an anchor at every cited sentence. A
briefing with missing layers (no events, no summary) still renders: the section says so.
"""

from __future__ import annotations

from pathlib import Path

from storyline.briefing.compose import write_text_atomic
from storyline.models import Briefing, BriefingRecords
from storyline.report.html import render as _render_html
from storyline.report.markdown import render as _render_markdown
from storyline.report.view import DocumentTexts, make_view

REPORT_FILES = ("report.md", "report.html")


def render_markdown(
    briefing: Briefing, texts: DocumentTexts | None = None, records: BriefingRecords | None = None
) -> str:
    """The report as Markdown: citations by document id, each with its quoted sentence."""
    return _render_markdown(make_view(briefing, texts, records))


def render_html(
    briefing: Briefing, texts: DocumentTexts | None = None, records: BriefingRecords | None = None
) -> str:
    """The report as one HTML file that opens offline and runs no article text; the source
    texts it shows are read from ``texts`` (the store: ``Store.documents``)."""
    return _render_html(make_view(briefing, texts, records))


def write_reports(
    briefing: Briefing,
    out_dir: str | Path,
    texts: DocumentTexts | None = None,
    records: BriefingRecords | None = None,
) -> list[Path]:
    """Write ``out_dir/report.md`` and ``out_dir/report.html`` atomically; their paths.
    ``records``: the full events, figures and quality the briefing abridges (``make_view``)."""
    out = Path(out_dir)
    view = make_view(briefing, texts, records)
    return [
        write_text_atomic(out / REPORT_FILES[0], _render_markdown(view)),
        write_text_atomic(out / REPORT_FILES[1], _render_html(view)),
    ]
