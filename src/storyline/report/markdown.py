"""The report as Markdown (CommonMark + GFM tables): citations by document id, quoted evidence.

Article text is untrusted: every piece of it goes through ``md`` (inline text) or ``cell``
(a table cell), which backslash-escape the characters that would make links, images, emphasis,
raw HTML, entities or table columns, so a Markdown viewer shows the words and nothing else.
"""

from __future__ import annotations

import re

from storyline.report.cite import Cite
from storyline.report.timeline import EventItem
from storyline.report.view import ReportView

# CommonMark lets any ASCII punctuation be backslash-escaped. Escaped here: what starts markup
# inline — emphasis (* always; _ only at a word edge, since intraword _ is literal), code spans,
# links and images ([ ]), raw HTML and autolinks (< >), GFM tables (|) and strikethrough (~),
# headings (#), the backslash itself — and & only where it would begin an entity reference.
_SPECIAL = re.compile(r"[\\`*\[\]<>|~#]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|&(?=#?[A-Za-z0-9]+;)")
_SPACE = re.compile(r"\s+")


def md(text: str | None) -> str:
    """Untrusted text as one line of inert Markdown."""
    return _SPECIAL.sub(lambda m: "\\" + m.group(0), _SPACE.sub(" ", text or "").strip())


def cell(text: str | None) -> str:
    """Untrusted text for a table cell: one line, pipes escaped; empty shows as a dash."""
    return md(text) or "–"


def render(view: ReportView) -> str:
    """The whole report as Markdown."""
    parts = [f"# {md(view.title)}", ""]
    parts.append(" · ".join(f"**{md(value)}** {md(label)}" for value, label in view.stats))
    parts += ["", f"_{md(view.generated_by)}. Citations name source ids (see Sources)._", ""]
    for section in (_summary, _timeline, _actors, _figures, _stories, _sources, _removed):
        parts += section(view)
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def _cites(cites: list[Cite]) -> str:
    labels = list(dict.fromkeys(c.doc_id for c in cites))
    return "\\[" + ", ".join(md(label) for label in labels) + "\\]" if labels else ""


def _cut(view: ReportView, name: str, what: str) -> list[str]:
    if name not in view.cut:
        return []
    shown, total = view.cut[name]
    return [f"_Showing {shown} of {total} {what}; briefing.json has them all._", ""]


def _quote(cite: Cite, indent: str = "") -> str:
    return f"{indent}> {md(cite.sentence)} — {md(cite.doc_id)}"


def _summary(view: ReportView) -> list[str]:
    lines = ["## Summary", ""]
    if not view.summary:
        return [*lines, "_No summary was produced for this build._"]
    for i, item in enumerate(view.summary, 1):
        when = f"**{md(item.when)}** — " if item.when else ""
        lines.append(f"{i}. {when}{md(item.text)} {_cites(item.cites)}".rstrip())
    return lines


def _event(item: EventItem) -> list[str]:
    what = md(item.type.lower()) + (f" · {md(item.mode)}" if item.mode else "")
    where = f" · in {md(item.location)}" if item.location else ""
    lines = [f"- {md(item.label)} ({what}{where}) {_cites(item.cites)}".rstrip()]
    lines += [_quote(c, "  ") for c in item.cites if c.sentence]
    return lines


def _timeline(view: ReportView) -> list[str]:
    lines = ["## Timeline", ""]
    if not view.has_events:
        return [*lines, "_No events found._"]
    lines += _cut(view, "timeline", "events (those most sources report)")
    for group in view.dated:
        lines += [f"### {md(group.when)}", ""]
        for item in group.items:
            lines += _event(item)
        lines.append("")
    if view.undated:
        lines += ["### Undated", "", "_Reported without a date the sources let us fix._", ""]
        for item in view.undated:
            lines += _event(item)
        lines.append("")
    if view.planned:
        lines += [
            "### Planned or expected",
            "",
            "_Announced or expected; not reported as done._",
            "",
        ]
        for item in view.planned:
            when = f"**{md(item.when)}** — " if item.date else ""
            first, *rest = _event(item)
            lines += [f"- {when}{first[2:]}", *rest]
    return lines


def _actors(view: ReportView) -> list[str]:
    lines = ["## Key actors", ""]
    if view.interactions:
        lines += ["| actor | actor | events |", "|---|---|---|"]
        for row in view.interactions:
            events = "; ".join(
                f"{md(i.label)}{f' ({md(i.when)})' if i.date else ''} {_cites(i.cites)}".rstrip()
                for i in row.items
            )
            lines.append(f"| {cell(row.a)} | {cell(row.b)} | {events or '–'} |")
        lines.append("")
    else:
        lines += ["_No interactions between named actors found._", ""]
    if view.people:
        lines += [
            "| name | type | role | also called | mentions | sources |",
            "|---|---|---|---|---|---|",
        ]
        for p in view.people:
            lines.append(
                f"| {cell(p.name)} | {p.type} | {cell('; '.join(p.roles))} | "
                f"{cell(', '.join(p.aliases))} | {p.mentions} | {cell(', '.join(p.sources))} |"
            )
        lines.append("")
    if view.places:
        lines.append("Places: " + ", ".join(md(p) for p in view.places))
    return lines


def _figures(view: ReportView) -> list[str]:
    lines = ["## Figures", ""]
    if not view.figures:
        return [*lines, "_No figures found._"]
    lines += _cut(view, "figures", "measures")
    lines += ["| measure | figures | status | explanation |", "|---|---|---|---|"]
    for row in view.figures:
        chips = "; ".join(
            cell(c.text)
            + (f" ({cell(', '.join(c.notes))})" if c.notes else "")
            + " "
            + _cites(c.cites)
            for c in row.chips
        )
        lines.append(
            f"| {cell(row.measure)} | {chips} | {cell(row.status_word)} | {cell(row.explanation)} |"
        )
    lines += ["", "Evidence:", ""]
    for row in view.figures:
        for chip in row.chips:
            lines += [f"- {md(chip.text)} — {md(row.measure)}"]
            lines += [_quote(c, "  ") for c in chip.cites if c.sentence]
    return lines


def _stories(view: ReportView) -> list[str]:
    lines = ["## Stories", ""]
    if not view.stories:
        return [*lines, "_No stories found._"]
    lines += ["Storylines (related stories over time), each with its stories in date order.", ""]
    for line in view.storylines:
        count = len(line.stories)
        if count > 1:
            lines += [f"### {md(line.label)}", "", f"_{md(line.when)}, {count} stories_", ""]
        for story in line.stories:
            docs = ", ".join(md(s.doc.id) for s in story.sources)
            lines.append(f"- **{md(story.label)}** ({md(story.when)}): {docs}")
            lines.append(f"  - {md(story.headline)}")
            for event in story.events:
                label = event.label if isinstance(event, EventItem) else event
                lines.append(f"  - {md(label)}")
            lines += [f"  - _{md(note)}_" for note in story.copies]
        lines.append("")
    return lines


def _sources(view: ReportView) -> list[str]:
    lines = ["## Sources", ""]
    if not view.sources:
        return [*lines, "_No documents._"]
    lines += _cut(view, "sources", "sources (best quality first)")
    lines += ["| id | title | published | quality | why |", "|---|---|---|---|---|"]
    for s in view.by_quality:
        score = f"{s.score:.2f}" if s.score is not None else "–"
        reasons = "; ".join(
            f"{r.effect:+.2f} {r.reason}" for r in (s.quality.reasons if s.quality else [])
        )
        url = f" {md(s.url)}" if s.url else ""
        lines.append(
            f"| {cell(s.doc.id)} | {cell(s.name)}{url} | "
            f"{cell(s.when)} ({cell(s.date_note)}) | {score} | {cell(reasons)} |"
        )
    if view.skipped:
        lines += ["", "Skipped inputs:", ""]
        lines += [f"- {md(s.source)}: {md(s.reason)}" for s in view.skipped]
    return lines


def _removed(view: ReportView) -> list[str]:
    lines = ["## Removed while cleaning", ""]
    if not any(s.removals for s in view.audited):
        return [*lines, "_Nothing was removed._"]
    for s in view.audited:
        if not s.removals:
            continue
        lines += [f"### {md(s.doc.id)} — {md(s.removal_note)}", ""]
        lines += ["| kind | rule | text |", "|---|---|---|"]
        for r in s.removals:
            lines.append(f"| {cell(r.kind)} | {cell(r.rule)} | {cell(r.text)} |")
        lines.append("")
    return lines
