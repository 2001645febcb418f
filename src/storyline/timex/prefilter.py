"""Where a timex rule can match at all: a cheap gate in front of the rule scan.

Running ~45 rule regexes over every character of a document cost about a tenth of the whole
per-document analysis, yet most sentences of news text hold no time expression. A rule can
only match where one of its *necessary pieces* occurs: a literal run of its pattern that every
match must contain ("century", "quarter", "ago") or a digit. Those pieces are read from the
compiled rules themselves (Python's own regex parser, ``re._parser``), so the gate follows any
edit of ``data/timex.toml`` and cannot drift from the rules; a rule for which no such piece can
be proved is scanned everywhere, as before.

``windows`` gives, per rule, the stretches of text worth scanning: each sentence holding one of
the rule's pieces, widened by ``MARGIN`` characters on both sides so a match that starts just
before the sentence or looks past its end (``(?!\\s+[A-Z])``) is read exactly as a scan of the
whole text reads it. Outputs are unchanged (tests compare the gated scan with the full scan).
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from storyline.text.alternation import trie_alternation

#: The stdlib's regex parser (what ``re.compile`` uses); private, so typed loosely.
_parser: Any = importlib.import_module("re._parser")
_const: Any = importlib.import_module("re._constants")

DIGIT = r"\d"  # the piece "some digit" (any Unicode digit, as the rules' \d reads it)
#: Characters of context kept on each side of a gated sentence: longer than any lookaround
#: or cross-boundary stretch a rule reads (the longest lookbehind/lookahead is ~30 chars).
MARGIN = 64

Pieces = frozenset[str]


def necessary_pieces(pattern: str, flags: int = 0) -> Pieces | None:
    """Lower-cased literal runs (or ``DIGIT``), one of which every match of ``pattern``
    contains; None when no such set can be proved (the rule must be scanned everywhere)."""
    return _need(_parser.parse(pattern, flags))


def _need(items: Any) -> Pieces | None:
    """Pieces for a sequence: each mandatory item (or literal run) is a candidate; the most
    selective candidate wins (longest shortest piece, then fewest pieces)."""
    candidates: list[Pieces] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            text = "".join(run).lower()
            candidates.append(frozenset({DIGIT if any(c.isdigit() for c in text) else text}))
            run.clear()

    for op, av in items:
        if op is _const.LITERAL:
            run.append(chr(av))
            continue
        close_run()
        found = _item_need(op, av)
        if found is not None:
            candidates.append(found)
    close_run()
    if not candidates:
        return None
    return max(candidates, key=_selectivity)


def _selectivity(pieces: Pieces) -> tuple[float, int]:
    """Longer pieces are rarer in text; a digit is rarer than a single letter."""
    return min(len(p) if p != DIGIT else 1.5 for p in pieces), -len(pieces)


def _item_need(op: Any, av: Any) -> Pieces | None:
    if op is _const.SUBPATTERN:
        return _need(av[-1])
    if op is _const.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            found = _need(branch)
            if found is None:
                return None
            union |= found
        return frozenset(union)
    if op in (_const.MAX_REPEAT, _const.MIN_REPEAT, _const.POSSESSIVE_REPEAT):
        low, _high, inner = av
        return _need(inner) if low >= 1 else None
    if op is _const.IN and _only_digits(av):
        return frozenset({DIGIT})
    return None  # zero-width (\b, lookarounds) or a class that may match a non-digit


def _only_digits(members: Any) -> bool:
    """A character class every member of which is a digit (``[0-3]``, ``\\d``)."""
    for op, av in members:
        if op is _const.RANGE:
            if not all(chr(c).isdigit() for c in range(av[0], av[1] + 1)):
                return False
        elif op is _const.LITERAL:
            if not chr(av).isdigit():
                return False
        elif not (op is _const.CATEGORY and av is _const.CATEGORY_DIGIT):
            return False  # NEGATE, other categories
    return bool(members)


@dataclass(frozen=True)
class Gate:
    """One scan for every rule's pieces: ``scanner`` finds the next position where a piece
    starts, and the longest piece there; ``implied`` gives every piece that is a prefix of it
    (so a shorter piece starting at the same position still counts)."""

    pieces: tuple[Pieces | None, ...]  # per rule, in rule order
    scanner: re.Pattern[str]  # case-insensitive
    lower_scanner: re.Pattern[str] | None  # the same pieces, for lowered text (ASCII pieces)
    implied: dict[str, frozenset[str]]

    def present(self, text: str) -> dict[str, list[int]]:
        """Positions of every piece in ``text``: the next place any piece starts, found by the
        regex engine's own first-character skip, then on from the character after it. The
        scan runs over ``text.lower()`` (several times faster than a case-insensitive scan)
        unless lowering could lose a match: a character that changes length when lowered, or
        one that case-folds to an ASCII letter without lowering to it (Kelvin sign, long s)."""
        lowered = text.lower()
        safe = len(lowered) == len(text) and _folds_to_ascii().search(text) is None
        if self.lower_scanner is not None and safe:
            return self._scan(self.lower_scanner, lowered)
        return self._scan(self.scanner, text)

    def _scan(self, scanner: re.Pattern[str], text: str) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        search, position = scanner.search, 0
        while (m := search(text, position)) is not None:
            piece, position = m.group(), m.start() + 1
            key = DIGIT if piece[0].isdigit() else piece.lower()
            implied = self.implied.get(key)
            if implied is None:  # a case pair lower() does not map back (rare Unicode)
                implied = frozenset(
                    p for p in self.implied if p != DIGIT and re.match(re.escape(p), piece, re.I)
                )
            for implied_piece in implied:
                found.setdefault(implied_piece, []).append(m.start())
        return found

    def windows(
        self, text: str, sentences: Sequence[tuple[int, int]]
    ) -> list[list[tuple[int, int]] | None]:
        """Per rule: the (start, end) stretches to scan, merged; None: scan the whole text."""
        starts = [s for s, _ in sentences]
        positions = self.present(text)
        per_piece: dict[str, set[int]] = {
            piece: {max(bisect_right(starts, p) - 1, 0) for p in where}
            for piece, where in positions.items()
        }
        result: list[list[tuple[int, int]] | None] = []
        for pieces in self.pieces:
            if pieces is None or not sentences:
                result.append(None)
                continue
            held = sorted(set().union(*(per_piece.get(p, set()) for p in pieces)))
            result.append(_merge(text, [sentences[i] for i in held]))
        return result


def _merge(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        start, end = max(start - MARGIN, 0), min(end + MARGIN, len(text))
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@cache
def gate_for(patterns: tuple[str, ...]) -> Gate:
    """The gate for these rule patterns (the expanded, compiled ones, case-insensitive)."""
    pieces = tuple(necessary_pieces(p, re.IGNORECASE) for p in patterns)
    words = sorted({w for ps in pieces if ps for w in ps if w != DIGIT}, key=len, reverse=True)
    alternatives = "|".join([re.escape(w) for w in words] + [DIGIT])
    ascii_lower = all(w.isascii() and w == w.lower() for w in words)
    known = [*words, DIGIT]
    return Gate(
        pieces,
        re.compile(alternatives, re.IGNORECASE),
        _lower_scanner(words, alternatives) if ascii_lower else None,
        {w: frozenset(p for p in known if w.startswith(p)) for w in known},
    )


def _lower_scanner(words: list[str], flat: str) -> re.Pattern[str]:
    """The scanner for lowered text: the pieces as a trie (``text.alternation``: the ~150
    pieces tried one after another at every stop of the scan cost most of the gate), the
    flat alternation where the pieces do not allow one."""
    trie = trie_alternation(words)
    return re.compile(flat if trie is None else f"(?:{trie})|{DIGIT}")


@cache
def _folds_to_ascii() -> re.Pattern[str]:
    """Non-ASCII characters a case-insensitive regex matches to an ASCII letter although
    ``str.lower`` does not turn them into it (e.g. K KELVIN SIGN, ſ LONG S); none lie
    outside the Basic Multilingual Plane."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    odd = [
        c
        for c in map(chr, range(128, 0x10000))
        if letter.fullmatch(c) and not (c.lower().isascii() and c.lower().isalpha())
    ]
    return re.compile("[" + "".join(re.escape(c) for c in odd) + "]")
