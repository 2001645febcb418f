"""A verb and the nouns that name its act: how the coder keeps one act's verb and noun in step.

News tells one act with its verb ("Heller negotiated with the facility") and with its noun ("the
negotiations"); two reports can only become one event when both words get one type. PETRARCH2's
verb dictionary codes a nominal only as the object of a light verb ("ENGAGE IN NEGOTIATION",
"HOLD NEGOTIATION"), and its verb patterns were written apart from those, so the two can
disagree (``benchmarks/verb_noun_types.py`` lists every pair whose types differ).

``nominalisations`` gives the regular English nouns of a verb's act: the suffixes -ion, -ation,
-ment, -al, -ing, -ance, -ence and zero derivation ("attack", "visit"). They are candidates: a
caller keeps only the nouns a lexicon codes, so a form English lacks ("attackation") costs
nothing. ``DOING_LIGHT_VERBS`` are the light verbs under which the object noun names the act
itself ("held negotiations" is negotiating); "launch", "propose" or "reject" N are other acts.
"""

from __future__ import annotations

#: (verb, its particle or preposition) under which the object noun is the act itself.
DOING_LIGHT_VERBS: frozenset[tuple[str, ...]] = frozenset(
    {("engage", "in"), ("hold",), ("conduct",), ("carry", "out")}
)
#: Words that only attach a party or a circumstance to a verb ("negotiate with", "talk over"):
#: a verb pattern made of its verb and these says what the verb alone says.
PREPOSITIONS = frozenset(
    "with to on over for against from in into about at by of between among".split()
)
NOUN_SUFFIXES = ("ion", "ation", "ment", "al", "ing", "ance", "ence")


def nominalisations(verb: str) -> frozenset[str]:
    """Candidate nouns of the act ``verb`` names ("negotiate" → "negotiation", …)."""
    stems = {verb}
    if verb.endswith("e"):
        stems.add(verb[:-1])  # "negotiate" → "negotiat-ion", "refuse" → "refus-al"
    forms = {verb}  # zero derivation: "attack", "visit", "protest", "arrest"
    forms |= {stem + suffix for stem in stems for suffix in NOUN_SUFFIXES}
    if verb.endswith("de"):
        forms.add(verb[:-2] + "sion")  # "invade" → "invasion", "conclude" → "conclusion"
    if verb.endswith("y"):
        forms |= {verb[:-1] + "ication", verb[:-1] + "ial"}  # "apply", "deny"
    return frozenset(forms)


def is_generic(code: str | None) -> bool:
    """A CAMEO code that names its cue category only ("050: engage in diplomatic cooperation,
    not specified below"): three digits ending in 0."""
    return code is not None and len(code) == 3 and code.isdigit() and code.endswith("0")
