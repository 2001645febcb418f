"""The line model: which lines of an already-extracted text are site furniture, and why.

Four kinds of evidence, from the cheapest to the most global (``data/furniture.toml`` explains
each and where its values come from):

1. **phrases** — widget and teaser wording ("Read Also:", "5 min read", "We use cookies");
2. **position** — the *core* of a scrape runs from its first to its last prose line; the header
   zone above it holds the masthead, section label, headline, byline, date line and share bar, the
   footer zone below it the credits, slugs, teasers, prompts and copyright;
3. **shape** — short, verbless, capitalised lines, separators, widget vocabulary;
4. **repetition** — lines the pile pass (``boilerplate``) found in many documents, each time next
   to different text (given as ``repeated``: line key → evidence in words).

A prose line (``LineShape.prose``) is only ever removed by a phrase rule or, outside the core, as
pile-wide boilerplate: structure alone never takes a sentence out. In the header zone the headline
is kept as the title, bylines and date lines as metadata, a standfirst as text. Every verdict
carries its rule and its evidence in words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from storyline.ingest.furniture_rules import describe, is_chrome, load_rules, phrase_rule
from storyline.ingest.header import BYLINE, DATE_FIELD
from storyline.ingest.titles import (
    TitleCandidate,
    choose_title,
    is_date_line,
    is_headline,
    is_strong_headline,
    title_agrees,
)
from storyline.models.document import RemovalKind
from storyline.text.lines import (
    Line,
    LineShape,
    line_key,
    line_shape,
    normalise_line,
    reads_as_english,
)

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
#: Headlines run 5–15 words (AP style); a masthead or label rarely has five.
HEADLINE_MIN_WORDS = 5
MARKDOWN_H1 = re.compile(r"^#\s+\S")


@dataclass(frozen=True)
class Verdict:
    """Why one line leaves the clean text."""

    kind: RemovalKind
    rule: str
    evidence: str


@dataclass
class LineModel:
    """The verdicts on a document's lines, and the header metadata they yielded."""

    verdicts: dict[int, Verdict] = field(default_factory=dict)
    core: tuple[int, int] | None = None
    title: str | None = None
    title_index: int | None = None
    byline: str | None = None
    date_field: str | None = None
    date_field_label: str | None = None


class _Classifier:
    """One document's pass; ``run`` fills a ``LineModel``."""

    def __init__(
        self,
        lines: Sequence[Line],
        known_title: str | None,
        repeated: Mapping[str, str],
        site_names: Sequence[str],
        extracted: bool,
    ) -> None:
        self.lines = lines
        self.extracted = extracted
        self.known_title = known_title
        self.site_names = site_names
        self.rules = load_rules()
        self.shapes = [line_shape(line.text) for line in lines]
        #: Shape evidence (function words, the zones) is calibrated on English news; other
        #: languages keep the phrase rules and repetition only.
        self.english = reads_as_english(self.shapes)
        self.prose = [sh.prose if self.english else sh.prose_any_language for sh in self.shapes]
        self.repeated = [repeated.get(line_key(line.text)) for line in lines] if repeated else []
        self.model = LineModel()

    # -- helpers --------------------------------------------------------------------------------
    def flag(self, i: int, rule: str, evidence: str, kind: RemovalKind = "furniture") -> None:
        self.model.verdicts.setdefault(i, Verdict(kind, rule, evidence))

    def repetition(self, i: int) -> str | None:
        return self.repeated[i] if self.repeated else None

    def free(self, i: int) -> bool:
        return i not in self.model.verdicts and i != self.model.title_index

    # -- the pass -------------------------------------------------------------------------------
    def run(self) -> LineModel:
        for i, line in enumerate(self.lines):
            rule = phrase_rule(line.text, outside=False, rules=self.rules)
            if rule is not None:
                self.flag(i, rule.name, f"matches the '{rule.name}' phrases")
        self.flag_lists()
        self.model.core = self.find_core()
        self.choose_title()
        if self.model.core is None or not self.english:
            return self.model
        start, end = self.model.core
        self.read_header_zone(start)
        for i in range(end + 1, len(self.lines)):
            self.judge_edge_line(i, "below the last paragraph", "footer-zone")
        self.read_middle(start, end)
        return self.model

    def find_core(self) -> tuple[int, int] | None:
        """First and last prose (or list) line that is neither flagged nor boilerplate; a line
        at either end that an edge rule may peel (a copyright or disclaimer sentence) is
        flagged and the next one in is tried."""
        inside = [
            i
            for i, shape in enumerate(self.shapes)
            if i not in self.model.verdicts
            and (self.prose[i] or shape.list_item)
            and not self.repetition(i)
        ]
        if inside:
            end_mark = self.end_of_copy(inside[0])
            inside = [i for i in inside if i < end_mark]
        while inside:
            peeled = False
            for end, where in ((-1, "below the last paragraph"), (0, "above the first paragraph")):
                i = inside[end]
                rule = phrase_rule(self.lines[i].text, outside=True, rules=self.rules)
                if rule is not None and rule.peel:
                    self.flag(i, rule.name, f"matches the '{rule.name}' phrases, {where}")
                    inside.pop(end)
                    peeled = True
                    break
            if not peeled:
                return inside[0], inside[-1]
        return None

    def end_of_copy(self, after: int) -> int:
        """The first line after ``after`` that marks the end of a story's copy (an agency slug
        or credit, a syndication note, a tag line), or the number of lines."""
        for i in range(after + 1, len(self.lines)):
            rule = phrase_rule(self.lines[i].text, outside=True, rules=self.rules)
            if rule is not None and rule.ends:
                return i
        return len(self.lines)

    def choose_title(self) -> None:
        """The headline line: the known title where a line names it, else the best header line."""
        limit = self.model.core[0] if self.model.core else min(len(self.lines), 3)
        reach = range(min(limit + 1, len(self.lines)))
        if self.known_title:
            self.model.title = self.known_title
            for i in reach:
                if self.free(i) and title_agrees(self.lines[i].text, self.known_title):
                    self.take_title(i, "the headline (agrees with the page's title)")
                    return
            return
        header = [
            i for i in reach if self.free(i) and not self.repetition(i) and self.may_be_title(i)
        ]
        header_lines = [i for i in header if i < limit]
        strong = [i for i in header_lines if is_strong_headline(self.plain(i))]
        # a line worded like a headline (function words, or five words and more) before a
        # name-like one ("Hindustan Times e-Paper" above the headline)
        long_strong = [
            i
            for i in strong
            if len(self.shapes[i].words) >= HEADLINE_MIN_WORDS or self.shapes[i].function_words
        ]
        first_line_title = (
            limit < len(self.lines) - 1
            and limit in header
            and is_headline(self.plain(limit))
            and not self.plain(limit).endswith(".")
        )
        weak = [i for i in header_lines if is_headline(self.plain(i))]
        top_level = [i for i in weak if MARKDOWN_H1.match(self.lines[i].text)]
        if top_level:
            chosen = top_level[0]  # the source marked its headline up ("# Headline")
        elif long_strong or strong:
            chosen = (long_strong or strong)[0]
        elif first_line_title:
            chosen = limit  # a long headline the prose test took for the first paragraph
        elif weak:
            # only short capitalised lines: a scrape puts the masthead first, the headline last
            chosen = weak[-1]
        else:
            return
        if not any(self.free(i) for i in range(chosen + 1, len(self.lines))):
            return  # a title needs text under it: a one-line text is its own body
        title = choose_title([TitleCandidate("line", self.plain(chosen))], self.site_names)
        if title:
            self.model.title = title
            self.take_title(chosen, "the headline (the first headline-shaped line above the text)")

    def may_be_title(self, i: int) -> bool:
        """Not a byline, a date, a widget or a phrase-table line."""
        text = self.plain(i)
        return not (
            BYLINE.match(text)
            or DATE_FIELD.match(text)
            or self.rules.desk_byline.match(text)
            or is_chrome(self.shapes[i], outside=True, rules=self.rules)
            or phrase_rule(text, outside=True, rules=self.rules)
        )

    def take_title(self, i: int, evidence: str) -> None:
        self.model.title_index = i
        self.model.verdicts[i] = Verdict("metadata", "title", evidence)
        if self.model.core and self.model.core[0] == i:  # a title the prose test let through
            rest = [
                j
                for j in range(i + 1, self.model.core[1] + 1)
                if self.free(j) and (self.prose[j] or self.shapes[j].list_item)
            ]
            self.model.core = (rest[0], self.model.core[1]) if rest else None

    def plain(self, i: int) -> str:
        return normalise_line(self.lines[i].text)

    def read_header_zone(self, start: int) -> None:
        """Above the first paragraph: bylines and dates are metadata, a standfirst stays, the
        rest (masthead, labels, share bars, kickers) is furniture."""
        title_at = self.model.title_index
        for i in range(start):
            if not self.free(i):
                continue
            text, shape = self.plain(i), self.shapes[i]
            after_title = title_at is not None and i > title_at
            if self.read_date(i, text):
                continue
            if self.read_byline(i, text, shape, after_title, title_at):
                continue
            if after_title and self.is_text_under_title(i, text, shape):
                continue
            self.judge_edge_line(i, "above the first paragraph", "header-zone")

    def is_text_under_title(self, i: int, text: str, shape: LineShape) -> bool:
        """Between the headline and the first paragraph, text rather than furniture: a
        standfirst, a question (an interview or FAQ opens with one), a section heading the
        source marked up ("## Background") or one worded like text ("Part one of the story":
        function words, which mastheads, labels, names and share bars lack)."""
        if (
            self.repetition(i)
            or is_chrome(shape, outside=True, rules=self.rules)
            or phrase_rule(text, outside=True, rules=self.rules) is not None
        ):
            return False
        header = self.rules.header
        worded = shape.headline and (
            len(shape.words) >= header["crosshead_min_words"]
            and (
                shape.function_words >= header["crosshead_min_function_words"]
                or not self.english  # no English function words to tell by: keep it
            )
        )
        question = text.endswith("?") and len(shape.words) >= 2
        return worded or question or self.lines[i].heading_marked

    def read_date(self, i: int, text: str) -> bool:
        """A "Published: …" field or a line that is only a date (a part of a separated line
        counts: "New Delhi | Updated: Sep 9, 2023 21:04 IST")."""
        header = self.rules.header
        for part in dict.fromkeys((text, *self.shapes[i].segments)):
            m = DATE_FIELD.match(part)
            if m:
                if self.model.date_field is None:
                    self.model.date_field = m.group("value")
                    self.model.date_field_label = m.group("label").lower()
                self.flag(i, "date-field", f"a '{m.group('label')}' line", "metadata")
                return True
            if len(line_shape(part).words) <= int(header["date_line_max_words"]) and is_date_line(
                part, float(header["date_line_coverage"])
            ):
                self.flag(i, "date-line", "a line that is only a date", "metadata")
                return True
        return False

    def read_byline(
        self, i: int, text: str, shape: LineShape, after_title: bool, title_at: int | None
    ) -> bool:
        m = BYLINE.match(text)
        if m and len(text) <= 120:
            self.set_byline(i, m.group("names").strip(), "a 'By …' line")
            return True
        near = (
            after_title
            and title_at is not None
            and i - title_at <= self.rules.header["byline_after_title_lines"]
        )
        if not near or self.repetition(i) or self.lines[i].heading_marked:
            return False
        if self.rules.desk_byline.match(text):
            self.set_byline(i, text, "a desk credit under the headline")
            return True
        first = line_shape(shape.segments[0])
        if first.name_like and (shape.name_like or len(shape.segments) > 1):
            self.set_byline(i, first.text, "a name under the headline")
            return True
        name, _, rest = text.partition(",")
        rest_shape = line_shape(rest)
        if (
            rest
            and line_shape(name).name_like
            and 1 <= len(rest_shape.words) <= 4
            and rest_shape.capitalised == len(rest_shape.words)
        ):
            self.set_byline(i, name.strip(), "a name and a place or role under the headline")
            return True
        return False

    def set_byline(self, i: int, names: str, evidence: str) -> None:
        if self.model.byline is None:
            self.model.byline = names
        self.flag(i, "byline", evidence, "metadata")

    def judge_edge_line(self, i: int, where: str, zone_rule: str) -> None:
        """A line outside the core: phrase rules of the edges, dates, chrome, repetition, or
        (when it is not prose) its position alone."""
        if not self.free(i):
            return
        text, shape = self.plain(i), self.shapes[i]
        rule = phrase_rule(text, outside=True, rules=self.rules)
        if rule is not None:
            self.flag(i, rule.name, f"matches the '{rule.name}' phrases, {where}")
        elif zone_rule == "footer-zone" and not self.extracted and self.read_date(i, text):
            return
        elif is_chrome(shape, outside=True, rules=self.rules):
            self.flag(i, "site-chrome", f"only share, account or legal words, {where}")
        elif evidence := self.repetition(i):
            self.flag(i, "repeated-line", f"{evidence}, {where}")
        elif not self.prose[i] and self.position_is_enough(zone_rule):
            self.flag(i, zone_rule, f"{where}: {describe(shape)}")

    def position_is_enough(self, zone_rule: str) -> bool:
        """In a text scrape a line outside the core is furniture by its position. Below text
        an extractor kept (trafilatura already cut the page chrome by its markup), short lines
        are more often a fact box or a caption than chrome: position is not enough there."""
        return not (self.extracted and zone_rule == "footer-zone")

    def flag_lists(self) -> None:
        """The teasers or contents listed under a heading that opens a list ("Read Next",
        "Table of contents"): every headline-shaped line or list item up to the next prose."""
        opened: tuple[str, str] | None = None
        for i, shape in enumerate(self.shapes):
            verdict = self.model.verdicts.get(i)
            if verdict is not None:
                rule = next((r for r in self.rules.phrases if r.name == verdict.rule), None)
                if rule is not None and rule.opens:
                    opened = (rule.name, self.plain(i)[:40])
                continue
            if self.prose[i]:
                opened = None
            elif opened and (shape.headline or shape.list_item):
                self.flag(i, opened[0], f"listed under '{opened[1]}'")

    def read_middle(self, start: int, end: int) -> None:
        """Between paragraphs: widget lines and date stamps (a live blog's "Updated: 10:45")."""
        for i in range(start, end + 1):
            if not self.free(i) or self.prose[i]:
                continue
            text, shape = self.plain(i), self.shapes[i]
            if is_chrome(shape, outside=False, rules=self.rules):
                self.flag(i, "site-chrome", "only share, account or legal words")
                continue
            if self.extracted:
                continue  # an extractor's text keeps its date lines (event times, fact boxes)
            rule = phrase_rule(text, outside=True, rules=self.rules)
            if (
                (rule is not None and rule.name == "date-line")
                or DATE_FIELD.match(text)
                or (
                    len(shape.words) <= self.rules.header["date_line_max_words"]
                    and is_date_line(text, float(self.rules.header["date_line_coverage"]))
                    and any(ch.isdigit() for ch in text)
                    and bool(re.search(r"\b(?:19|20)\d\d\b|\d[:.]\d\d", text))
                )
            ):
                self.flag(i, "date-line", "a date stamp between paragraphs", "metadata")


def classify(
    lines: Sequence[Line],
    *,
    known_title: str | None = None,
    repeated: Mapping[str, str] | None = None,
    site_names: Sequence[str] = (),
    extracted: bool = False,
) -> LineModel:
    """The verdict on every line that leaves the clean text, and the header it yields.

    ``extracted``: the text came out of an HTML extractor (trafilatura), which already cut the
    page chrome by its markup; lines below the last paragraph then need more than their
    position to go."""
    return _Classifier(lines, known_title, repeated or {}, site_names, extracted).run()
