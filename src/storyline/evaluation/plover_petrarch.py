"""PETRARCH's unit-test records (``PETR.UnitTest.records.xml``) read and scored.

The records are stylised sentences about invented states (Arnor, Gondor, Osgiliath, …) with the
codings PETRARCH must produce: ``<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064">``,
or ``noevents="True"`` for a sentence that must yield nothing, and ``sentence="false"`` for a
sentence PETRARCH discards (sports, typos in the trigger). Their event codes come from PETRARCH's
*validation* verb dictionary, not from CAMEO ("restore diplomatic ties" is 064 there), so comparing
types with them would measure nothing; what they do test is whether a coder finds an event where
one is told, none where none is, and who did it to whom. Actor codes name the invented states by
their first three letters (ARN Arnor, GON Gondor, DAGGOV the government of Dagolath), and no actor
dictionary for them is shipped, so an actor matches when every predicted actor phrase holds a
word starting with the country letters of an expected actor (``---GOV``-style codes without a
country are skipped). Some records name real states and groups, whose codes are not their first
letters ("Libya" is LBY, "Seoul" KOR, "Al-Qaeda" IMG…): a phrase naming a place or organisation of
PETRARCH2's own actor dictionary (``entities.actors``) matches by the letters of its code too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>", re.S)
ATTRIBUTE = re.compile(r"(\w+)\s*=\s*\"([^\"]*)\"")
CODING = re.compile(r"<EventCoding\b([^>]*)>")
TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass(frozen=True)
class UnitCoding:
    """One expected event: source and target codes and the validation dictionary's code."""

    source: str
    target: str
    event: str


@dataclass(frozen=True)
class UnitRecord:
    """One unit-test sentence and what PETRARCH must code from it."""

    id: str
    category: str
    text: str
    codings: tuple[UnitCoding, ...]
    discard: bool  # sentence="false": PETRARCH does not code it at all

    @property
    def expects_event(self) -> bool:
        return bool(self.codings) and not self.discard


def read_unit_tests(path: Path | str) -> list[UnitRecord]:
    """The records of a PETRARCH unit-test file, in file order (comments ignored)."""
    raw = COMMENT.sub("", Path(path).read_text("utf-8", errors="replace"))
    records = []
    for attributes, body in SENTENCE.findall(raw):
        attrs = dict(ATTRIBUTE.findall(attributes))
        text_match = TEXT.search(body)
        if not text_match or not attrs.get("id"):
            continue
        codings = []
        for coding in CODING.findall(body):
            fields = dict(ATTRIBUTE.findall(coding))
            if fields.get("noevents", "").lower() == "true" or "eventcode" not in fields:
                continue
            codings.append(
                UnitCoding(
                    fields.get("sourcecode", ""),
                    fields.get("targetcode", ""),
                    fields["eventcode"],
                )
            )
        records.append(
            UnitRecord(
                id=attrs["id"],
                category=attrs.get("category", ""),
                text=" ".join(text_match.group(1).split()),
                codings=tuple(codings),
                discard=attrs.get("sentence", "true").lower() == "false",
            )
        )
    return records


def country_letters(code: str) -> str | None:
    """The invented state a code names ('DAGGOV' → 'dag'), None for a code without one."""
    code = code.strip().strip("'\"")
    if len(code) < 3 or not code[:3].isalpha():
        return None
    return code[:3].lower()


def codes_match(codes: list[str], predicted: list[str]) -> bool:
    """Every predicted actor phrase names one of the coded states (and one is predicted)."""
    letters = {c for c in (country_letters(code) for code in codes) if c}
    if not predicted or not letters:
        return False
    for phrase in predicted:
        words = re.findall(r"[a-z]+", phrase.lower())
        by_letters = any(w.startswith(prefix) for w in words for prefix in letters)
        if not by_letters and not dictionary_letters(phrase) & letters:
            return False
    return True


def dictionary_letters(phrase: str, longest: int = 3) -> set[str]:
    """The country letters of the codes PETRARCH2's actor dictionary gives the places and
    organisations a phrase names, for any run of up to ``longest`` words ("South Korea" → kor,
    "the Libyan capital Tripoli" → lby)."""
    from storyline.entities.actors import actor_dictionary
    from storyline.entities.lexicon import name_key

    dictionary = actor_dictionary()
    words = phrase.split()
    found = set()
    for start in range(len(words)):
        for end in range(start + 1, min(len(words), start + longest) + 1):
            key = name_key(" ".join(words[start:end]))
            code = dictionary.places.get(key) or dictionary.organisations.get(key)
            if code and len(code) >= 3:
                found.add(code[:3].lower())
    return found
