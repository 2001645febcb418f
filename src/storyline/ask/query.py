"""A question, read without a parser: what it asks for, its content words, names and dates.

Questions are untrusted input. They are cut to a maximum length, control characters are
dropped, and only runs of letters and digits ever reach the full-text index, each one quoted
(``fts_query``), so quotes, parentheses, ``AND``/``OR``/``NEAR``, ``*`` or ``:`` in a question
are plain words or nothing — never FTS5 syntax.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from storyline.data import read_toml
from storyline.entities.lexicon import name_key as entity_name_key
from storyline.text.datewords import MONTH_RE, find_dates, month_number
from storyline.text.vectors import stem

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_MONTH_YEAR = re.compile(rf"\b(?P<month>{MONTH_RE})\.?\s+(?P<year>(?:1[89]|20)\d\d)\b", re.I)
_POSSESSIVE = re.compile(r"['’]s$|['’]$")
_COUNTED = re.compile(r"^\s*how\s+many\s+([^\W\d_]+)", re.IGNORECASE)
_BRITISH = re.compile(r"(?<=[a-z]{3})is(e|ed|ing|ation|ational)$")  # organise → organize


@cache
def config() -> dict[str, Any]:
    return read_toml("ask.toml")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def acronym(self) -> bool:
        return len(self.text) >= 2 and self.text.isupper() and self.text.isalpha()


@dataclass(frozen=True)
class Question:
    """A cleaned question and what was read from it."""

    text: str
    kind: str | None  # when, who, how_much, how_many, where; None for what/which/why …
    tokens: tuple[Token, ...]
    terms: tuple[Token, ...]  # content words, in order, at most max_terms
    dates: tuple[str, ...]  # ISO dates or prefixes the question names: 2024, 2024-03, 2024-03-20
    truncated: bool
    counted: str | None = None  # "how many countries …" → "countries": what the count counts


def clean_question(text: str) -> tuple[str, bool]:
    """The question with control characters removed, whitespace collapsed, length cut."""
    limit = int(config()["max_question_chars"])
    text = " ".join(_CONTROL.sub(" ", text or "").split())
    if len(text) <= limit:
        return text, False
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut), True


def parse_question(raw: str) -> Question:
    conf = config()
    text, truncated = clean_question(raw)
    if text.isupper():  # SHOUTED: no word's capitals say it is a name
        text = text.lower()
    kind, asked_end = next(
        (
            (name, m.end())
            for name, pattern in conf["kinds"].items()
            if (m := re.match(pattern, text, re.I))
        ),
        (None, 0),
    )
    if not re.match(r"\s*(?:for\s+)?how\b", text, re.I):
        asked_end = 0  # "which countries": the noun is a content word; "how long" is not
    # the interrogative phrase ("how long", "what share") and a verb that restates it ("last")
    # name the dimension asked for, not words the answer's sentence holds
    restating = frozenset(conf["dimension_verbs"].get(kind or "", ()))
    tokens = tuple(Token(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text))
    dates = _dates(text)
    stop = frozenset(conf["stopwords"])
    terms: list[Token] = []
    seen: set[str] = set()
    for token in tokens:
        word = _POSSESSIVE.sub("", token.text)
        lower = word.lower()
        if not token.acronym and (lower in stop or len(lower) < 2):
            continue
        if token.start < asked_end or _restates(lower, restating):
            continue
        if _YEAR.match(lower) or month_number(lower) is not None:
            continue  # dates are constraints, not words to search for
        if lower in seen:
            continue
        seen.add(lower)
        terms.append(Token(word, token.start, token.start + len(word)))
    counted = _COUNTED.match(text)
    return Question(
        text=text,
        kind=kind,
        tokens=tokens,
        terms=tuple(terms[: int(conf["max_terms"])]),
        dates=dates,
        truncated=truncated,
        counted=counted.group(1).lower() if counted else None,
    )


def _restates(word: str, verbs: frozenset[str]) -> bool:
    """Whether a question word is a form of one of ``verbs`` ("lasted", "spent", "took")."""
    return any(form in verbs for form in lemmas(word))


def predicate(q: Question, named_spans: Iterable[tuple[int, int]]) -> Token | None:
    """The act a who-question asks the doer (or undergoer) of: its first content word that is
    not a name ("Who represented India …" → represented; "Who did Modi congratulate?" →
    congratulate); None for other questions or "Who is X?"."""
    if q.kind != "who":
        return None
    spans = list(named_spans)
    if not re.match(r"^\s*(?:who|whom|whose)\b", q.text, re.I):
        return None  # "Which organisations does India belong to?": the type is the constraint
    for t in q.terms:
        if not any(s <= t.start < e for s, e in spans):
            return t
    return None


def _dates(text: str) -> tuple[str, ...]:
    found: list[str] = []
    taken: list[tuple[int, int]] = []
    for match in find_dates(text):
        if match.year is not None and (day := match.to_date()) is not None:
            found.append(day.isoformat())
            taken.append((match.start, match.end))
    for m in _MONTH_YEAR.finditer(text):
        if not any(m.start() < e and s < m.end() for s, e in taken):
            found.append(f"{m.group('year')}-{month_number(m.group('month')):02d}")
            taken.append((m.start(), m.end()))
    for token in _TOKEN.finditer(text):
        if _YEAR.match(token.group(0)) and not any(
            token.start() < e and s < token.end() for s, e in taken
        ):
            found.append(token.group(0))
    return tuple(dict.fromkeys(found))


def fts_query(words: Iterable[str]) -> str:
    """An FTS5 query that ORs the words, each a quoted string: no user text is ever syntax."""
    quoted = []
    for word in words:
        for part in _TOKEN.findall(word):
            quoted.append('"' + part.lower().replace('"', '""') + '"')
    return " OR ".join(dict.fromkeys(quoted))


@lru_cache(maxsize=1 << 16)
def term_key(word: str) -> str:
    """A matching key: lower case, possessive and plural dropped, British -ise/-isation and
    -our spelt as American, -ed / -ing cut, an irregular past tense ("met") as its verb.
    Kept per word: scoring one question keys every word of a few hundred sentences."""
    word = _POSSESSIVE.sub("", word.lower())
    irregular = config()["irregular"]
    if word in irregular:
        return irregular[word]
    word = _BRITISH.sub(r"iz\1", stem(word))
    if len(word) >= 6 and word.endswith("our"):
        word = word[:-2] + "r"  # favour → favor
    if word.endswith("ied") and len(word) > 5:
        return word[:-3] + "y"
    if word.endswith("ing") and len(word) > 5:
        return word[:-3]
    if word.endswith("ed") and len(word) > 4:
        return word[:-2]
    return word


def keys_match(a: str, b: str) -> bool:
    """Same key, or one a prefix of the other with at most three letters more ("agre" /
    "agree", "elect" / "election"): a stemmer's job, done loosely without one."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 3


def lemmas(word: str) -> list[str]:
    """Candidate dictionary forms of a question word, for the event lexicon."""
    lower = _POSSESSIVE.sub("", word.lower())
    irregular = config()["irregular"]
    if lower in irregular:
        return [irregular[lower]]
    key = term_key(lower)
    out = [lower, key, key + "e"]
    if len(key) > 3 and key[-1] == key[-2]:
        out.append(key[:-1])  # stopped → stop
    return list(dict.fromkeys(out))


def name_key(text: str) -> str:
    """A name as the entity layer compares names (case, accents and dots folded: "U.S." is
    "us"), possessive dropped."""
    return entity_name_key(re.sub(r"['’]s\b|['’]$", "", text))


def compatible_dates(asked: str, told: str) -> bool:
    """Whether a date the question names and a date the text tells can be the same time."""
    return asked.startswith(told) or told.startswith(asked)
