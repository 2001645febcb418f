"""Stories that are not political news, by PETRARCH2's discard list.

PETRARCH2 codes nothing from a story about a sports event, a film festival or an epidemic
("Russia beat Croatia 2-1 in the Davis Cup" is no attack). ``data/petrarch_discards.tsv`` holds
that list (compiled by scripts/compile_petrarch.py, its MIT licence kept, its history entries
left out); phrases match whole words, ignoring case. ``events.extract`` reads a story's topic
where news states it: the headline and lead for the phrases PETRARCH applies to whole stories
("Australian Open"), the headline alone for those it applies to single sentences ("football",
which a report of arrests may name in passing); a phrase's last word may be plural
("playoffs"), unless PETRARCH2 marks the phrase exact ("GROUP A_"). Within a story that
passes, an event whose own words name such a phrase is dropped (``event_discard``: "defended
his IBF heavyweight crown"), as PETRARCH2 drops the sentence, but not for a phrase in a
circumstance of the act.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from spacy.tokens import Token

from storyline.data import read_rows

DISCARDS_FILE = "petrarch_discards.tsv"
#: The ending a phrase's last word may take: PETRARCH2 reads an entry not ended with '_' as a
#: stem (its dictionaries.rst, "Discard List"); of a stem's endings only the plural keeps the
#: topic ("made the playoffs", ECB+; "European Championships", the articles and dates sets),
#: where "hospital" or "win" would reach "hospitalized" or "winner".
PLURAL = r"(?:e?s)?"


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    phrases: dict[str, list[str]] = {"story": [], "sentence": []}
    for phrase, level in read_rows(DISCARDS_FILE):
        pattern = r"\s+".join(re.escape(w) for w in phrase.rstrip("_").split())
        phrases[level].append(pattern if phrase.endswith("_") else pattern + PLURAL)
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


#: Dependents of the event's clause word that are circumstances of the act, not its parties or
#: what it is about: "jailed 52 members … on allegations of treason for playing in a youth
#: football tournament" (PLOVER gold) is a jailing whatever the members had played.
CIRCUMSTANCE_DEPS = frozenset({"prep", "conj", "cc", "punct", "mark", "advmod", "npadvmod"})
#: The clause word's subjects: they count, as its parties do, by their appositions alone.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "csubj"})


def event_discard(anchor: Token, parties: Sequence[Token]) -> str | None:
    """The discard phrase in the event's own words, if any: the clause word with its objects,
    complements and purpose clause, and the appositions of its parties and subject.

    PETRARCH2 checks its discard phrases in every sentence and drops the sentence (the story,
    for the phrases marked so) that names one: its political dictionaries code "blasted",
    "defended" or "fired" whoever does them, and the topic phrase is what tells a boxing or a
    basketball report from a political one. News on the sports beat names its sport in the
    sentence rather than the headline: "Klitschko … blasted a sluggish Rahman … to retain the
    IBF, WBO and IBO world heavyweight titles", "defended his IBF heavyweight crown",
    "Rahman, a former heavyweight champion who shocked the world" (ECB+ topic 7, boxing),
    "Cheeks, 48, a four-time NBA all-star while with the Sixers, was fired" (topic 5,
    basketball). The same words reach political and crime news as circumstances, and there the
    act is still coded: "jailed 52 members … on allegations of treason for playing in a youth
    football tournament" (PLOVER gold: a prepositional adjunct of the clause word), "Former
    Kutztown University football player Brian Nichols has received a sentence of life" (ECB+
    topic 3: a title in front of a name labels the person, the apposition is what the report
    says of them), a "Read also: … World Cup" teaser run into a sentence of the demo corpus
    (another clause). So a party counts by its appositions only, and prepositional phrases
    not at all (``_phrase``)."""
    words: dict[int, Token] = {}
    own = [c for c in anchor.children if c.dep_ in SUBJECT_DEPS or c in parties]
    for child in anchor.children:
        if child.dep_ not in CIRCUMSTANCE_DEPS and child not in own:
            words.update((t.i, t) for t in _phrase(child))
    words[anchor.i] = anchor
    for party in [*parties, *own]:
        for apposition in (c for c in party.children if c.dep_ == "appos"):
            words.update((t.i, t) for t in _phrase(apposition))
    pieces: list[str] = []
    last = None
    for index in sorted(words):
        if last is not None and index != last + 1:
            pieces.append("|")  # a gap: no phrase runs across words the event leaves out
        pieces.append(words[index].text)
        last = index
    text = " ".join(pieces)
    return story_discard(text) or sentence_discard(text)


def _phrase(head: Token) -> list[Token]:
    """The words of the phrase ``head`` heads, less its prepositional phrases: what they name
    is another party or a circumstance ("settled its trademark dispute with the Beatles' record
    company", MEANTIME: the dispute is Apple's, the band only names its rival's owner)."""
    words = [head]
    for child in head.children:
        if child.dep_ != "prep":
            words.extend(_phrase(child))
    return words
