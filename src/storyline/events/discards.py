"""Stories that are not political news, by PETRARCH2's discard list.

PETRARCH2 codes nothing from a story about a sports event, a film festival or an epidemic
("Russia beat Croatia 2-1 in the Davis Cup" is no attack). ``data/petrarch_discards.tsv`` holds
that list (compiled by scripts/compile_petrarch.py, its MIT licence kept, its history entries
left out); phrases match whole words, ignoring case. ``events.extract`` reads a story's topic
where news states it: the headline and lead for the phrases PETRARCH applies to whole stories
("Australian Open"), the headline alone for those it applies to single sentences ("football",
which a report of arrests may name in passing).
"""

from __future__ import annotations

import re
from functools import cache

from storyline.data import read_rows

DISCARDS_FILE = "petrarch_discards.tsv"


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    phrases: dict[str, list[str]] = {"story": [], "sentence": []}
    for phrase, level in read_rows(DISCARDS_FILE):
        phrases[level].append(r"\s+".join(re.escape(w) for w in phrase.split()))
    return {
        level: re.compile(
            r"(?<!\w)(?:" + "|".join(sorted(found, key=len, reverse=True)) + r")(?!\w)"
        )
        for level, found in phrases.items()
    }


def _found(level: str, text: str) -> str | None:
    match = _patterns()[level].search(text.lower().replace("’", "'"))
    return match.group(0) if match else None


def story_discard(text: str) -> str | None:
    """The phrase that makes this story no political news ("world cup"), if any."""
    return _found("story", text)


def sentence_discard(text: str) -> str | None:
    """The topic phrase PETRARCH applies to a single sentence ("davis cup", "football"), if any."""
    return _found("sentence", text)
