"""The TIMEX3 lexicon and recognition rules, read once from ``data/timex.toml``.

Rules are data (pattern, default type, normaliser name); this module only expands the
``{PLACEHOLDERS}`` of each pattern into alternations built from the lexicon and compiles them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from storyline.data import read_toml
from storyline.text.datewords import MONTH_RE, WEEKDAYS

WEEKDAY_RE = "(?-i:" + "|".join(w.capitalize() for w in WEEKDAYS) + ")"
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
UNITS_1_9 = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    type: str
    normaliser: str
    context: str | None  # None, "date" or "amount"


@dataclass(frozen=True)
class Lexicon:
    numbers: dict[str, float]
    vague: frozenset[str]
    ordinals: dict[str, int]
    units: dict[str, str]
    seasons: dict[str, str]
    season_months: dict[str, list[int]]
    parts_of_day: dict[str, str]
    deictic: dict[str, int]
    holidays: dict[str, list[int]]
    floating_holidays: dict[str, list[int]]
    refs: dict[str, str]
    sets: dict[str, str]
    per_unit: dict[str, str]
    context_words: frozenset[str]
    modifiers: tuple[str, ...]
    future_aux: frozenset[str]
    future_verbs: frozenset[str]
    awaiting_verbs: frozenset[str]
    future_phrases: tuple[str, ...]
    earlier_plan_words: tuple[str, ...]
    past_modifiers: frozenset[str]
    future_modifiers: frozenset[str]
    max_drift_days: int
    amount_words: frozenset[str]


def phrase_key(text: str) -> str:
    """Lookup key of a matched phrase: lower case, single spaces, straight apostrophes."""
    return " ".join(text.lower().replace("’", "'").split())


def alternation(words: Iterable[object]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace."""
    escaped = sorted({re.escape(str(w)).replace(r"\ ", r"\s+") for w in words}, key=len)
    return "(?:" + "|".join(reversed(escaped)) + ")"


def _number_words(numbers: dict[str, float]) -> str:
    compound = rf"(?:{'|'.join(TENS)})[- ](?:{'|'.join(UNITS_1_9)})"
    return rf"(?:\d+(?:\s+1/2|[.,]\d+)?|{compound}|{alternation(numbers)[3:-1]})"


@cache
def load_rules() -> tuple[Lexicon, tuple[Rule, ...]]:
    """The lexicon and the compiled rules, in file order."""
    data = read_toml("timex.toml")
    cues = data["cues"]
    lexicon = Lexicon(
        numbers={phrase_key(k): float(v) for k, v in data["numbers"].items()},
        vague=frozenset(phrase_key(w) for w in data["vague_numbers"]["words"]),
        ordinals={phrase_key(k): int(v) for k, v in data["ordinals"].items()},
        units={k: v for k, v in data["units"].items()},
        seasons=dict(data["seasons"]),
        season_months=dict(data["season_months"]),
        parts_of_day={phrase_key(k): v for k, v in data["parts_of_day"].items()},
        deictic={phrase_key(k): int(v) for k, v in data["deictic"].items()},
        holidays={phrase_key(k): v for k, v in data["holidays"].items()},
        floating_holidays={phrase_key(k): v for k, v in data["floating_holidays"].items()},
        refs={phrase_key(k): v for k, v in data["refs"].items()},
        sets={phrase_key(k): v for k, v in data["sets"].items()},
        per_unit={phrase_key(k): v for k, v in data["per_unit"].items()},
        context_words=frozenset(cues["context_words"]),
        modifiers=tuple(cues["modifiers"]),
        future_aux=frozenset(cues["future_aux"]),
        future_verbs=frozenset(cues["future_verbs"]),
        awaiting_verbs=frozenset(cues["awaiting_verbs"]),
        future_phrases=tuple(cues["future_phrases"]),
        earlier_plan_words=tuple(cues["earlier_plan_words"]),
        past_modifiers=frozenset(cues["past_modifiers"]),
        future_modifiers=frozenset(cues["future_modifiers"]),
        max_drift_days=int(cues["max_drift_days"]),
        amount_words=frozenset(cues["amount_words"]),
    )
    holiday_names = [
        re.escape(h).replace("'", "['’]").replace(r"\ ", r"\s+")
        for h in (*lexicon.holidays, *lexicon.floating_holidays)
    ]
    placeholders = {
        "MONTH": f"(?-i:{MONTH_RE})",
        "WEEKDAY": WEEKDAY_RE,
        "DAY": r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?",
        "YEAR": r"(?P<year>(?:1[6-9]|20)\d\d)",
        "NUM": _number_words(data["numbers"]),
        "VAGUE": alternation(lexicon.vague),
        "UNIT": alternation(lexicon.units),
        "SEASON": alternation(lexicon.seasons),
        "ORDINAL": rf"(?:\d{{1,2}}(?:st|nd|rd|th)|{alternation(lexicon.ordinals)[3:-1]})",
        "MOD": alternation(lexicon.modifiers),
        "REF": alternation(lexicon.refs),
        "SET": alternation(lexicon.sets),
        "PER_UNIT": alternation(lexicon.per_unit),
        "DEICTIC": alternation(lexicon.deictic),
        "HOLIDAY": "(?:" + "|".join(sorted(holiday_names, key=len, reverse=True)) + ")",
    }
    rules = tuple(
        Rule(
            name=item["name"],
            pattern=re.compile(
                re.sub(r"\{([A-Z_]+)\}", lambda m: placeholders[m.group(1)], item["pattern"]),
                re.IGNORECASE,
            ),
            type=item["type"],
            normaliser=item["normaliser"],
            context=item.get("context"),
        )
        for item in data["rule"]
    )
    return lexicon, rules
