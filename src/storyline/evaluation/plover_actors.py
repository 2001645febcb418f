"""Does a predicted event actor name the gold actor? Strict (head word) and lenient matching.

Gold actors are phrases as the annotators marked them ("Russian Foreign Minister Andrei Kozyrev",
"Hungarian", "the European Community"); predicted actors are the phrases the coder resolved.

* **strict** (the headline): every predicted actor's head word — the last content word of its
  phrase, "Kozyrev" in "Russian Foreign Minister Andrei Kozyrev", "officials" in "senior
  officials" — occurs in some gold actor phrase, and at least one is predicted. An extra actor
  that is not in the gold ("officials and witnesses" reporting the event) or an actor named only
  by a modifier ("Israeli" for the gold "Israeli army" is fine; "army" for the gold "Israel" is
  not) fails.
* **lenient** (the first version's measure, kept for comparison): some predicted actor shares any
  content word with some gold actor.

``failure_cause`` sorts a failing record into a coarse class, so the report can count them (the
classes of issue 15's error analysis that strings alone can tell apart).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

STOP = frozenset(
    "the a an of and in on at to for from by with its their his her 's s ... said who which "
    "that this these those".split()
)


def content_words(text: str) -> set[str]:
    """Lower-case words without stop words and punctuation ("U.S." → "us")."""
    return set(_words(text))


def _words(text: str) -> list[str]:
    text = re.sub(r"(?<=\w)\.(?=\w)", "", text.lower().replace("’", "'"))  # U.S. → us
    text = re.sub(r"'s\b", "", text)
    words = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text)
    return [w for w in words if w not in STOP and len(w) > 1]


def head_word(text: str) -> str | None:
    """The head of an actor phrase: its last content word (modifiers come first in English
    noun phrases; the coder's phrases stop at the head)."""
    words = _words(text)
    return words[-1] if words else None


def actors_match_strict(gold: Iterable[str], predicted: Iterable[str]) -> bool:
    """Every predicted actor's head word is a word of some gold actor (and one is predicted)."""
    gold_words = [content_words(g) for g in gold]
    heads = [head_word(p) for p in predicted]
    if not heads or not gold_words:
        return False
    return all(h is not None and any(h in words for words in gold_words) for h in heads)


def actors_match(gold: Iterable[str], predicted: Iterable[str]) -> bool:
    """Lenient: some predicted actor shares a content word with some gold actor."""
    predicted_words = [content_words(p) for p in predicted]
    return any(content_words(g) & words for g in gold for words in predicted_words)


#: Coarse causes of an actor failure, in the order the report lists them.
FAILURE_CAUSES = (
    "no event coded",
    "no actor found",
    "an extra actor beside the gold one",
    "the phrase overlaps the gold one, its head is not in it (modifier vs head)",
    "another actor",
)


def failure_cause(gold: Iterable[str], predicted: Iterable[str], coded: bool) -> str:
    """Why a record's actors fail strict matching (one of ``FAILURE_CAUSES``)."""
    if not coded:
        return FAILURE_CAUSES[0]
    predicted = list(predicted)
    if not predicted:
        return FAILURE_CAUSES[1]
    gold = list(gold)
    gold_words = [content_words(g) for g in gold]
    heads = [head_word(p) for p in predicted]
    if any(h is not None and any(h in words for words in gold_words) for h in heads):
        return FAILURE_CAUSES[2]
    if actors_match(gold, predicted):
        return FAILURE_CAUSES[3]
    return FAILURE_CAUSES[4]
