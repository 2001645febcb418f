"""A currency code written after an amount is the amount's unit, not an organisation.

News writes the ISO 4217 code after the figure as often as a sign before it: "will cost $199
and $249 USD respectively", "the program costs $99 (USD) to join", "the 700 billion USD bank
bailout bill" (MEANTIME, Wikinews), "nearly 100 billion USD worth India's external trade"
(ECB+). The model reads the whole as one amount most of the time, but where it closes the
amount before the code it tags the code an organisation ("USD" ORG), and the briefing lists a
company called USD. The codes are the ones the figures stage reads amounts with
(``data/figures.toml``, ``[currencies]``); a code that stands anywhere else ("the EUR desk",
"CHF" as a subject) is left to the other rules.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc

from storyline.data import read_toml
from storyline.nlp_tokens import tokens


def is_currency_after_amount(doc: Doc, start: int, end: int) -> bool:
    """``doc[start:end]`` is one currency code right after a number, or in parentheses right
    after one ('$249 USD', '700 billion USD', '$99 (USD)')."""
    if end - start != 1 or tokens(doc).text[start] not in _currency_codes():
        return False
    before = start - 1
    if before >= 0 and doc[before].text == "(" and end < len(doc) and doc[end].text == ")":
        before -= 1
    return before >= 0 and (doc[before].like_num or any(c.isdigit() for c in doc[before].text))


@cache
def _currency_codes() -> frozenset[str]:
    """The three-letter codes of ``figures.toml`` (USD, EUR, INR, …)."""
    currencies = read_toml("figures.toml")["currencies"]
    codes = {*currencies["prefix"].values(), *currencies["suffix"].values()}
    return frozenset(c for c in codes if len(c) == 3 and c.isalpha() and c.isupper())
