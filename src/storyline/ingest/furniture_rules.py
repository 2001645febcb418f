"""The furniture phrase tables and shape tests, compiled from ``data/furniture.toml``.

``phrase_rule`` names the widget or teaser a line is by its words; ``is_chrome`` tells a line
made only of share, account and legal words; ``describe`` puts a line's shape into the few
words a structural verdict gives as its evidence. The line model (``furniture``) weighs these
with position and repetition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from storyline.data import read_toml
from storyline.text.lines import LineShape, normalise_line


@dataclass(frozen=True)
class PhraseRule:
    name: str
    pattern: re.Pattern[str]
    where: str  # "anywhere" | "outside" (header or footer zone only)
    max_len: int
    opens: bool  # a heading that opens a list of teasers or a table of contents
    peel: bool  # may take a prose line off an end of the core
    ends: bool  # marks the end of a wire story's copy: nothing after it is article text


@dataclass(frozen=True)
class Rules:
    """``furniture.toml`` compiled once."""

    phrases: tuple[PhraseRule, ...]
    header: dict[str, Any]
    desk_byline: re.Pattern[str]
    chrome_words: frozenset[str]
    widget_words: frozenset[str]
    chrome_max_words: int


@cache
def load_rules() -> Rules:
    data = read_toml("furniture.toml")
    phrases = tuple(
        PhraseRule(
            name=rule["name"],
            pattern=re.compile(rule["pattern"], re.IGNORECASE),
            where="outside" if rule.get("where") == "edge" else rule.get("where", "anywhere"),
            max_len=int(rule.get("max_len", 200)),
            opens=bool(rule.get("opens", False)),
            peel=bool(rule.get("peel", False)),
            ends=bool(rule.get("ends", False)),
        )
        for rule in data["rule"]
    )
    header, chrome = data["header"], data["chrome"]
    return Rules(
        phrases=phrases,
        header=header,
        desk_byline=re.compile(header["desk_byline"], re.IGNORECASE),
        chrome_words=frozenset(chrome["words"]),
        widget_words=frozenset(chrome["widget_words"]),
        chrome_max_words=int(chrome["max_words"]),
    )


def phrase_rule(text: str, *, outside: bool, rules: Rules | None = None) -> PhraseRule | None:
    """The first phrase rule that names this line, else None."""
    rules = rules or load_rules()
    norm = normalise_line(text) or text  # "* * *" normalises to nothing
    for rule in rules.phrases:
        if len(norm) > rule.max_len or (rule.where == "outside" and not outside):
            continue
        if rule.pattern.match(norm):
            return rule
    return None


def is_chrome(shape: LineShape, *, outside: bool, rules: Rules | None = None) -> bool:
    """A line made of site-chrome words only (share bars, account and legal links)."""
    rules = rules or load_rules()
    words = [w.lower() for w in shape.words]
    if not words or len(words) > rules.chrome_max_words or shape.prose:
        return False
    if not all(w in rules.chrome_words for w in words):
        return False
    return outside or (len(words) >= 2 and any(w in rules.widget_words for w in words))


def describe(shape: LineShape) -> str:
    """The shape of a line in a few words, for the evidence of a structural verdict."""
    n = len(shape.words)
    parts = [f"{n} word{'s' if n != 1 else ''}"]
    if len(shape.segments) > 1:
        parts.append(f"{len(shape.segments)} parts between separators")
    elif shape.all_caps:
        parts.append("in capitals")
    elif shape.label:
        parts.append("capitalised, no verb")
    elif shape.headline:
        parts.append("headline-shaped, no full stop")
    if not shape.function_words and n > 1 and not shape.all_caps:
        parts.append("no function words")
    return ", ".join(parts)
