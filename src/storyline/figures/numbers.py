"""Numbers in running text: where they are and what they are worth, before any parsing.

A text-level scanner, because spaCy splits amounts inconsistently ("$", "4.5bn" / "3.5", "m" /
"per", "cent"). It finds money, percentages, scaled and plain numbers and ordinals, and reads
their value ("Rs 2,000 crore" → 2e10 INR, "twenty-five" → 25, "€3bn" → 3e9 EUR). The words are
data (``data/figures.toml``). Every function here is total: arbitrary text never raises.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from storyline.data import read_toml


@cache
def lexicon() -> dict[str, Any]:
    """The figures word lists (read once per process)."""
    return read_toml("figures.toml")


@dataclass(frozen=True)
class Quantity:
    """A number found in text, with its scale, currency or percent sign already read."""

    start: int  # the whole expression: currency, number, scale, percent sign
    end: int
    num_start: int  # the number itself
    num_end: int
    value: float
    currency: str | None = None  # ISO 4217 code
    percent: str | None = None  # "%" or "percentage point" / "basis point"
    scaled: bool = False  # a scale word or suffix ("billion", "bn", "crore")
    spelled: bool = False  # written in words ("two", "twenty-five")
    ordinal: bool = False  # "fifth", "3rd"


def _alternation(words: list[str]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


@dataclass(frozen=True)
class _Patterns:
    quantity: re.Pattern[str]
    ordinal: re.Pattern[str]
    number: re.Pattern[str]
    word_values: dict[str, float]
    scales: dict[str, float]
    attached: dict[str, float]
    money_only: frozenset[str]
    prefix: dict[str, str]
    suffix: dict[str, str]
    ordinals: dict[str, int]


@cache
def _patterns() -> _Patterns:
    lex = lexicon()
    numbers = lex["numbers"]
    word_values = {**numbers["units"], **numbers["tens"], **numbers["multipliers"]}
    scales = {k: float(v) for k, v in lex["scales"].items()}
    attached_raw = dict(lex["scales_attached"])
    money_only = frozenset(attached_raw.pop("money_only", []))
    attached = {k: float(v) for k, v in attached_raw.items()}
    prefix = dict(lex["currencies"]["prefix"])
    suffix = dict(lex["currencies"]["suffix"])
    ordinals = dict(lex["ordinals"]["words"])

    digits = (
        r"(?<![\w+])(?<!\d[.,])(?<!\d[-–/:])(?<![A-Za-z][-–])"
        r"(?:\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    )
    attached_alt = _alternation(list(attached))
    spoken = _alternation([*word_values, *(w for w in scales if len(w) > 3)])
    word_number = (
        rf"(?:\b(?:a|an)\s+(?=(?:hundred|thousand|million|billion|trillion|dozen|lakh|crore)\b))?"
        rf"\b(?:{spoken})\b(?:(?:\s+|-|(?<=hundred)\s+and\s+)(?:{spoken})\b)*"
    )
    scale_alt = _alternation(list(scales))
    pct = _alternation(lex["percent"]["percent"])
    points = _alternation(lex["percent"]["points"])
    quantity = (
        rf"(?:(?-i:(?P<cur>{_alternation(list(prefix))}))\s?)?"
        rf"(?:(?P<digits>{digits})(?:(?P<att>{attached_alt})(?![A-Za-z]))?|(?P<words>{word_number}))"
        r"(?![.,]?\d)(?![A-Za-z]|[-–/:]\d)"
        rf"(?P<scale>(?:[\s-]+(?:{scale_alt})\b)*)"
        rf"(?:(?P<pct>\s?(?:{pct})(?![A-Za-z]))|(?P<pts>\s+(?:{points})\b)"
        rf"|\s+(?-i:(?P<curs>{_alternation(list(suffix))}))\b)?"
    )
    tens = "|".join(numbers["tens"])
    ordinal = (
        rf"\b(?:(?:{tens})[\s-])?(?:{_alternation(list(ordinals))})\b"
        r"|(?<![\w.])\d{1,4}(?:st|nd|rd|th)\b"
    )
    number = rf"(?:(?P<digits>{digits})(?P<att>{attached_alt})?|(?P<words>{word_number}))"
    number += rf"(?P<scale>(?:[\s-]+(?:{scale_alt}))*)"
    return _Patterns(
        quantity=re.compile(quantity, re.IGNORECASE),
        ordinal=re.compile(ordinal, re.IGNORECASE),
        number=re.compile(number, re.IGNORECASE),
        word_values=word_values,
        scales=scales,
        attached=attached,
        money_only=money_only,
        prefix=prefix,
        suffix={re.sub(r"\s+", " ", k): v for k, v in suffix.items()},
        ordinals=ordinals,
    )


def _word_value(text: str, p: _Patterns) -> float | None:
    """Value of a spelled-out number ("twenty-five", "two hundred thousand"); None if malformed."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if words and words[0] in ("a", "an"):
        words[0] = "one"
    total, current, last = 0.0, 0.0, ""
    for word in words:
        if word in p.scales and p.scales[word] >= 1000:
            total += (current or 1.0) * p.scales[word]
            current, last = 0.0, "scale"
        elif word in ("hundred", "dozen"):
            current = (current or 1.0) * p.word_values[word]
            last = "hundred"
        elif word in p.word_values:
            value = p.word_values[word]
            if last == "unit" or (last == "tens" and value >= 10):
                return None  # "two three", "twenty eleven"
            current += value
            last = "tens" if value >= 20 else "unit"
        else:
            return None
    return total + current if words else None


def _digits_value(digits: str) -> float | None:
    try:
        value = float(digits.replace(",", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None  # "999…9" (400 digits) overflows to inf


def _scale_value(scale_text: str, p: _Patterns) -> float:
    factor = 1.0
    for word in re.split(r"[\s-]+", scale_text.lower()):
        if word:
            factor *= p.scales.get(word, 1.0)
    return factor


def parse_number(text: str) -> float | None:
    """The value of a whole number expression ("2,000", "1.2 million", "3bn", "two lakh").

    None when ``text`` is not exactly one number (currency and percent signs not included).
    """
    p = _patterns()
    match = p.number.fullmatch(text.strip())
    if match is None:
        return None
    if match["digits"]:
        value = _digits_value(match["digits"])
        if value is not None and match["att"]:
            value *= p.attached[match["att"].lower()]
    else:
        value = _word_value(match["words"], p)
    if value is None:
        return None
    value *= _scale_value(match["scale"] or "", p)
    return value if math.isfinite(value) else None


def find_quantities(text: str) -> list[Quantity]:
    """Every cardinal and ordinal number expression in ``text``, in order, not overlapping."""
    p = _patterns()
    found: list[Quantity] = []
    for match in p.ordinal.finditer(text):
        word = match.group().lower()
        parts = re.split(r"[\s-]+", word)
        if parts[-1] in p.ordinals:
            value = float(
                p.ordinals[parts[-1]] + (p.word_values.get(parts[0], 0) if len(parts) > 1 else 0)
            )
        else:
            value = float(re.sub(r"\D", "", word) or 0)
        found.append(
            Quantity(match.start(), match.end(), match.start(), match.end(), value, ordinal=True)
        )
    taken = [(q.start, q.end) for q in found]
    for match in p.quantity.finditer(text):
        quantity = _quantity(match, p)
        if quantity is None:
            continue
        if any(s < quantity.end and quantity.start < e for s, e in taken):
            continue
        found.append(quantity)
    return sorted(found, key=lambda q: q.start)


def _quantity(match: re.Match[str], p: _Patterns) -> Quantity | None:
    currency = p.prefix.get(match["cur"]) if match["cur"] else None
    if match["curs"]:
        currency = currency or p.suffix.get(re.sub(r"\s+", " ", match["curs"]))
    if match["digits"]:
        value = _digits_value(match["digits"])
        num_start, num_end = match.span("digits")
        attached = (match["att"] or "").lower()
        if attached:
            if attached in p.money_only and currency is None:
                return None  # "100m race", "5k run"
            num_end = match.end("att")
            if value is not None:
                value *= p.attached[attached]
    else:
        value = _word_value(match["words"], p)
        num_start, num_end = match.span("words")
        attached = ""
    if value is None:
        return None
    scale = match["scale"] or ""
    value *= _scale_value(scale, p)
    if not math.isfinite(value):
        return None  # "5 trillion trillion … dollars": no claim a reader can check
    percent = None
    if match["pct"]:
        percent = "%"
    elif match["pts"]:
        percent = "basis point" if "basis" in match["pts"].lower() else "percentage point"
    start = match.start("cur") if match["cur"] else num_start
    return Quantity(
        start=start,
        end=match.end(),
        num_start=num_start,
        num_end=num_end,
        value=value,
        currency=currency,
        percent=percent,
        scaled=bool(scale.strip() or attached),
        spelled=match["words"] is not None,
    )
