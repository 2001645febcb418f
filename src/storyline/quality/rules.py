"""Source-quality rules: ``data/quality.toml`` compiled once into one frozen object.

Every quality signal and the score read their phrase lists, patterns, weights and thresholds
from here, so the tuning lives in data (with where each value came from) and the code that
measures and weighs holds only the mechanism.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from storyline.data import read_toml
from storyline.text.lines import shape_rules


@dataclass(frozen=True)
class Effect:
    """One signal's contribution: ``weight`` × a linear ramp from ``start`` to ``full``."""

    name: str
    signal: str
    weight: float
    start: float
    full: float
    prior: float = 0.0  # the reasoned weight the fit starts from and is pulled back to

    def ramp(self, value: float) -> float:
        """0 up to ``start``, rising linearly to 1 at ``full``, 1 beyond."""
        if self.full <= self.start:
            return 1.0 if value >= self.full else 0.0
        return min(1.0, max(0.0, (value - self.start) / (self.full - self.start)))

    def of(self, value: float) -> float:
        return self.weight * self.ramp(value)


@dataclass(frozen=True)
class Rules:
    """``data/quality.toml``, compiled once per process."""

    base: float
    max_reasons: int
    min_effect: float
    effects: tuple[Effect, ...]
    reporting_verbs: frozenset[str]
    clause_verbs: frozenset[str]
    dummy_subjects: frozenset[str]
    according_to: re.Pattern[str]
    official_cues: tuple[re.Pattern[str], ...]
    other_cues: tuple[re.Pattern[str], ...]
    official_words: frozenset[str]
    min_quote_words: int
    max_quote_chars: int
    role_words: frozenset[str]
    figure_labels: frozenset[str]
    template: dict
    faq_heading: re.Pattern[str]
    step: re.Pattern[str]
    boilerplate: tuple[re.Pattern[str], ...]
    caption_rules: frozenset[str]
    caption_line: re.Pattern[str]
    filler: tuple[tuple[re.Pattern[str], float], ...]
    clickbait: dict
    second_person: re.Pattern[str]
    clickbait_phrases: tuple[re.Pattern[str], ...]
    listicle: re.Pattern[str]
    deixis: tuple[re.Pattern[str], ...]
    report: dict
    stopwords: frozenset[str]
    keyword_min_chars: int


def _compile(patterns: Iterable[str], flags: int = re.IGNORECASE) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, flags) for p in patterns)


@cache
def load_rules() -> Rules:
    data = read_toml("quality.toml")
    src, spec, tpl = data["sourcing"], data["specificity"], data["template"]
    bait = data["clickbait"]
    return Rules(
        base=float(data["base"]),
        max_reasons=int(data["max_reasons"]),
        min_effect=float(data["min_effect"]),
        effects=tuple(
            Effect(
                name,
                e["signal"],
                float(e["weight"]),
                float(e["start"]),
                float(e["full"]),
                float(e.get("prior", e["weight"])),
            )
            for name, e in data["effect"].items()
        ),
        reporting_verbs=frozenset(src["reporting_verbs"]),
        clause_verbs=frozenset(src["clause_verbs"]),
        dummy_subjects=frozenset(src["dummy_subjects"]),
        according_to=re.compile(src["according_to"], re.IGNORECASE),
        official_cues=_compile(src["official_cues"]),
        other_cues=_compile(src["other_cues"]),
        official_words=frozenset(src["official_words"]),
        min_quote_words=int(src["min_quote_words"]),
        max_quote_chars=int(src["max_quote_chars"]),
        role_words=frozenset(spec["role_words"]),
        figure_labels=frozenset(spec["figure_labels"]),
        template=tpl,
        faq_heading=re.compile(tpl["faq_heading"], re.IGNORECASE),
        step=re.compile(tpl["step"], re.IGNORECASE),
        boilerplate=_compile(tpl["boilerplate_headings"]),
        caption_rules=frozenset(tpl["caption_rules"]),
        caption_line=re.compile(tpl["caption_line"], re.IGNORECASE),
        filler=tuple(
            (re.compile(f["pattern"], re.IGNORECASE | re.MULTILINE), float(f.get("weight", 1.0)))
            for f in data["filler"]
        ),
        clickbait=bait,
        second_person=re.compile(bait["second_person"], re.IGNORECASE),
        clickbait_phrases=_compile(rf"\b{p}\b" for p in bait["phrases"]),
        listicle=re.compile(bait["listicle"], re.IGNORECASE),
        deixis=_compile(data["report"]["deixis"]),
        report=data["report"],
        stopwords=shape_rules().function_words,
        keyword_min_chars=int(tpl["keyword_min_chars"]),
    )
