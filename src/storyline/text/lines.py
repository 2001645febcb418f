"""Lines of raw text with their offsets, and the shape of a line: the units the cleaner, the
header reader and the title chooser work on.

A line's *shape* is what can be read off it without a parse: how many words, how many of them
are lower-case function words (prose has them, labels and names do not), whether it ends like a
sentence, whether it is in capitals or title case, and the segments between separators
(``World > Europe``, ``Share | Tweet``). Prose lines (sentences) are what the cleaner must never
take out on structural evidence alone; short, verbless, title-case lines at the edges of a
scrape are what site furniture looks like.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from functools import cache

from storyline.data import read_toml

MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
# A list item's or heading's leading marker: "1.", "2)", "-", "*", "•", "#".
LIST_PREFIX = re.compile(r"^(?:\d{1,3}[.)]|[-*•#]+)\s*")
# A list item proper (a heading's "#" is not one): "1. ", "2) ", "- ", "* ", "• ".
LIST_ITEM = re.compile(r"^(?:\d{1,3}[.)]|[-*•▪●])\s+\S")
# Markdown emphasis; underscores only at word edges (CommonMark: "snake_case" is no emphasis).
_EMPHASIS = re.compile(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1|(?<!\w)(__|_)(?=\S)(.+?)(?<=\S)\3(?!\w)")
_WRAPPED = re.compile(r"^(\*{1,2}|_{1,2})(.+)\1$")
_WORD = re.compile(r"[^\W_]+(?:['’.&-][^\W_]+)*")
# Separators between the parts of a navigation or label line: "World > Europe", "A | B",
# "ASIA / ANALYSIS", "Home » India". A slash or hyphen inside a word ("India-Russia") is none.
SEPARATOR = re.compile(r"\s+[|>»›/·•]\s+|\s*[|»›·•]\s*")
# A sentence ends with . ! ? … (before closing quotes or brackets), or with a colon that opens
# a quotation or an embedded post ("Twitter seemed confused by the campaign:").
_SENTENCE_END = re.compile(r"[.!?…:](?:[\"'”’)\]]+)?$")


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


@dataclass(frozen=True)
class ShapeRules:
    """``furniture.toml`` [shape]: the word lists and thresholds a line's shape is read with."""

    function_words: frozenset[str]
    prose_min_words: int
    prose_long_words: int
    prose_long_function_words: int
    prose_min_chars: int
    prose_long_chars: int
    english_min_share: float
    headline_max_words: int
    label_max_words: int
    segment_max_words: int


@cache
def shape_rules() -> ShapeRules:
    shape = read_toml("furniture.toml")["shape"]
    return ShapeRules(
        function_words=frozenset(shape["function_words"]),
        prose_min_words=int(shape["prose_min_words"]),
        prose_long_words=int(shape["prose_long_words"]),
        prose_long_function_words=int(shape["prose_long_function_words"]),
        prose_min_chars=int(shape["prose_min_chars"]),
        prose_long_chars=int(shape["prose_long_chars"]),
        english_min_share=float(shape["english_min_share"]),
        headline_max_words=int(shape["headline_max_words"]),
        label_max_words=int(shape["label_max_words"]),
        segment_max_words=int(shape["segment_max_words"]),
    )


@dataclass(frozen=True)
class LineShape:
    """What a line looks like (see the module docstring); every field is cheap to compute."""

    text: str
    words: tuple[str, ...]
    function_words: int
    capitalised: int  # words that open with a capital letter or a digit
    all_caps: bool
    ends_sentence: bool
    segments: tuple[str, ...]
    list_item: bool

    @property
    def prose(self) -> bool:
        """A sentence or a paragraph of English: the kind of line structure alone never
        removes (closed by a full stop with a function word in it, or long and worded)."""
        rules = shape_rules()
        n = len(self.words)
        if self.ends_sentence and n >= rules.prose_min_words and self.function_words:
            return True
        return n >= rules.prose_long_words and (
            self.function_words >= rules.prose_long_function_words
        )

    @property
    def prose_any_language(self) -> bool:
        """A sentence or paragraph in any language: closed like a sentence and not short, or
        long (by words, or by characters for scripts written without spaces)."""
        rules = shape_rules()
        n, chars = len(self.words), len(self.text)
        if self.ends_sentence and (n >= rules.prose_min_words or chars >= rules.prose_min_chars):
            return True
        return n >= rules.prose_long_words or chars >= rules.prose_long_chars

    @property
    def headline(self) -> bool:
        """Shaped like a headline or teaser: a few words, not closed by a full stop."""
        n = len(self.words)
        return 2 <= n <= shape_rules().headline_max_words and not self.text.endswith(".")

    @property
    def label(self) -> bool:
        """A masthead, section label or breadcrumb: short capitalised words, or short parts
        between separators ("PACIFIC LEDGER", "World > Europe", "Long Read | Foreign Policy")."""
        rules = shape_rules()
        if not self.words or (self.ends_sentence and self.text.endswith(".")):
            return False
        if len(self.segments) > 1:
            return all(
                len(_WORD.findall(s)) <= rules.segment_max_words and _is_titled(s, rules)
                for s in self.segments
            )
        return len(self.words) <= rules.label_max_words and (
            self.all_caps or _is_titled(self.text, rules)
        )

    @property
    def name_like(self) -> bool:
        """Two to four capitalised words and nothing else: a person's name ("Daniel Okafor"),
        never "The Daily Sentinel" (a capitalised function word)."""
        n = len(self.words)
        function_words = shape_rules().function_words
        return (
            2 <= n <= 4
            and self.capitalised == n
            and not any(w.lower() in function_words for w in self.words)
            and not self.all_caps
            and len(self.segments) == 1
            and not any(ch.isdigit() for ch in self.text)
        )


def _is_titled(text: str, rules: ShapeRules) -> bool:
    """Every word capitalised (or a digit), except lower-case connectors ("Ministry of …")."""
    words = _WORD.findall(text)
    if not words:
        return False
    open_words = [w for w in words if w.lower() not in rules.function_words or w[0].isupper()]
    return bool(open_words) and all(w[0].isupper() or w[0].isdigit() for w in open_words)


def line_shape(text: str) -> LineShape:
    """The shape of one line (Markdown markers and emphasis are ignored)."""
    rules = shape_rules()
    plain = normalise_line(text)
    item = bool(LIST_ITEM.match(plain))
    body = LIST_PREFIX.sub("", plain) if item else plain
    words = tuple(_WORD.findall(body))
    segments = tuple(s.strip() for s in SEPARATOR.split(body) if s.strip())
    return LineShape(
        text=body,
        words=words,
        function_words=sum(1 for w in words if w in rules.function_words),
        capitalised=sum(1 for w in words if w[0].isupper() or w[0].isdigit()),
        all_caps=_all_caps(body),
        ends_sentence=bool(_SENTENCE_END.search(body)),
        segments=segments or (body,),
        list_item=item,
    )


def _all_caps(body: str) -> bool:
    """At least two letters, and every letter upper-case. A loop that stops at the first
    lower-case letter: most lines are prose, whose second character settles it, and gathering
    every letter of every line first was a third of what reading a line's shape cost."""
    letters = 0
    for ch in body:
        if ch.isalpha():
            if not ch.isupper():
                return False
            letters += 1
    return letters >= 2


def reads_as_english(shapes: list[LineShape]) -> bool:
    """Whether a text's words are English enough for the function-word tests: English prose
    has about four function words in ten (the Brown corpus); other languages have next to none
    of these."""
    words = sum(len(s.words) for s in shapes)
    function_words = sum(s.function_words for s in shapes)
    return bool(words) and function_words / words >= shape_rules().english_min_share


_KEY_DIGITS = re.compile(r"\d+")
_KEY_NON_WORD = re.compile(r"[\W_]+")


def line_key(text: str) -> str:
    """A line's identity across documents: case, digits, punctuation and spacing ignored
    ("Updated: 28 Aug 2024" and "Updated: 3 Sep 2024" are one line), hashed to 16 hex digits so
    a pile-wide count holds a short key per distinct line, never the text."""

    folded = _KEY_DIGITS.sub("0", normalise_line(text).casefold())
    folded = _KEY_NON_WORD.sub(" ", folded).strip()
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=8).hexdigest()
