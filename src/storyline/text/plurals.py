"""The written plurals of an English noun, for tables that list nouns by their singular.

PETRARCH2's agents file lists its heads in the singular ("envoy", "attorney", "spokesman",
"thief"), and the event layer matches them against the words of a phrase as written
("envoys", "attorneys", "spokesmen", "thieves"). Two tables that formed the plural each in
their own way disagreed ("envoies" in one, "envoys" in neither), so both read this one rule:
the regular English spelling rules (a sibilant adds "-es", a consonant before "y" makes
"-ies", a vowel before it keeps "-ys"), with the two irregular families agent nouns use,
"-man" → "-men" ("chairman", "gunman") and "-f(e)" → "-ves" ("thief", "midwife"). Where a
spelling is in doubt both forms are given ("commandos"/"commandoes", "chiefs"/"thieves",
"humans"/"-men"): the forms are only matched against text, never written.
"""

from __future__ import annotations

from functools import cache

_SIBILANTS = ("s", "x", "z", "ch", "sh")
_VOWELS = frozenset("aeiou")


@cache
def plural_forms(noun: str) -> frozenset[str]:
    """The plural spellings of ``noun`` (lower-cased singular): "envoy" → {"envoys"},
    "deputy" → {"deputies"}, "boss" → {"bosses"}, "spokesman" → {"spokesmen", "spokesmans"},
    "thief" → {"thiefs", "thieves"}, "commando" → {"commandos", "commandoes"}."""
    if not noun:
        return frozenset()
    if noun.endswith("y") and len(noun) > 1 and noun[-2] not in _VOWELS:
        return frozenset({noun[:-1] + "ies"})
    if noun.endswith(_SIBILANTS):
        return frozenset({noun + "es"})
    forms = {noun + "s"}
    if noun.endswith("man"):
        forms.add(noun[:-3] + "men")
    elif noun.endswith("o"):
        forms.add(noun + "es")
    elif noun.endswith("fe"):
        forms.add(noun[:-2] + "ves")
    elif noun.endswith("f"):
        forms.add(noun[:-1] + "ves")
    return frozenset(forms)


def noun_forms(noun: str) -> frozenset[str]:
    """``noun`` with its plural spellings (``plural_forms``)."""
    return plural_forms(noun) | {noun}
