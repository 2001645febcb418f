"""Lines of raw text with their offsets: the unit the cleaner and header reader work on."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
# A list item's or heading's leading marker: "1.", "2)", "-", "*", "•", "#".
LIST_PREFIX = re.compile(r"^(?:\d{1,3}[.)]|[-*•#]+)\s*")
# Markdown emphasis; underscores only at word edges (CommonMark: "snake_case" is no emphasis).
_EMPHASIS = re.compile(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1|(?<!\w)(__|_)(?=\S)(.+?)(?<=\S)\3(?!\w)")
_WRAPPED = re.compile(r"^(\*{1,2}|_{1,2})(.+)\1$")


@dataclass(frozen=True)
class Line:
    """A non-empty line of raw text: ``text`` is ``raw[start:end]`` minus outer whitespace."""

    start: int
    end: int
    text: str
    heading_marked: bool = False

    def trim_prefix(self, length: int) -> Line:
        rest = self.text[length:]
        skipped = len(rest) - len(rest.lstrip())
        return replace(self, start=self.start + length + skipped, text=rest.lstrip())


def split_lines(raw: str) -> list[Line]:
    """Non-empty lines with their offsets in ``raw``."""
    lines = []
    for m in re.finditer(r"[^\n]+", raw):
        text = m.group(0)
        stripped = text.strip()
        if not stripped:
            continue
        start = m.start() + (len(text) - len(text.lstrip()))
        heading = bool(MARKDOWN_HEADING.match(stripped))
        lines.append(Line(start, start + len(stripped), stripped, heading))
    return lines


def normalise_line(text: str) -> str:
    """A line as furniture rules see it: plain spaces, no Markdown markers or emphasis."""
    text = text.replace("\xa0", " ").replace("\u200b", "")
    text = MARKDOWN_HEADING.sub("", text.strip())
    text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(4), text)
    wrapped = _WRAPPED.match(text.strip())
    text = wrapped.group(2) if wrapped else text
    return re.sub(r"\s+", " ", text)
