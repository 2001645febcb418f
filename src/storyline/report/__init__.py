"""Reports: the briefing as Markdown and as one self-contained HTML file.

``view`` turns the briefing into what a page shows, one module per section (``timeline``,
``actors``, ``figures``, ``stories``, ``sources``) with dates written by ``dates``;
``cite``/``text``/``graph``/``svg`` make its parts, ``markdown`` and ``html`` render it,
``write`` writes both; templates and styles are in ``assets/``.
"""

from storyline.report.write import render_html, render_markdown, write_reports

__all__ = ["render_html", "render_markdown", "write_reports"]
