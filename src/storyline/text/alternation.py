"""A regex alternation of many words, written as a trie so the engine tries few of them.

A flat alternation of words, longest first (``afternoon|annually|after|…|ago``), makes the
regex engine try every word in turn at every position a scan stops at; written as a trie
(``a(?:fter(?:noon)?|go|nnually…)``) it follows only the branch of the next character. The
timex gate (``timex.prefilter``) scans every document for ~150 such words. The two forms
match the same text with the same groups: the words that match at a position are all
prefixes of the text there, so of one another, and both forms prefer the longest of them and
fall back to the next longest in the same order when the rest of the pattern fails. That
holds when sibling branches cannot match the same character: words of lower-case ASCII
(lower case keeps a case-insensitive pattern's siblings apart; each character is matched as
itself); for other word lists ``trie_alternation`` gives None and the caller keeps its flat
form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_Trie = dict[str, "_Trie"]


def trie_alternation(words: Iterable[str]) -> str | None:
    """The body of a regex group matching any of ``words``, the longest first, as a trie;
    None for a word list the trie cannot stand in for (see the module) or an empty one."""
    listed = set(words)
    if not listed or not all(_trie_safe(w) for w in listed):
        return None
    trie: _Trie = {}
    for word in listed:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _render(trie)


def _trie_safe(word: str) -> bool:
    return word.isascii() and word == word.lower()


def _render(node: _Trie) -> str:
    branches = [re.escape(char) + _render(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = "|".join(branches)
    if "" in node:  # a word may end here: going on is tried first (the longer word)
        return f"(?:{body})?"
    return body if len(branches) == 1 else f"(?:{body})"
