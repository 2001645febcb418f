"""The other spellings of an English agent noun, for tables that list one of them.

PETRARCH2's agents file and WordNet list many agent nouns in one spelling ("protester",
"licenser"), and news writes them in another: "protestors" (ECB+ topic 8, the date test set's
pages), "licensor" (MEANTIME's stock news, 29 times). The variants are the regular ones of
English spelling, each seen in two unrelated sources, never single words:

- the agent suffix of a verb, "-er" or "-or", after "t" or "s" ("protester"/"protestor",
  "adviser"/"advisor": PLOVER's gold file, ECB+, the briefing set; "licensor": MEANTIME), not
  after a doubled consonant ("better" is no "bettor"), nor in "-iser" ("organisor");
- British "-ise"/"-iser" and American "-ize"/"-izer" ("organisers": ECB+ topic 11, the
  articles set; "organizers": ECB+ topic 2, TimeBank), never after "v" ("adviser");
- British "-our" and American "-or" ("labour": the PLOVER gold file, MEANTIME's GM news;
  "labor": TimeBank, MEANTIME's airline and stock news).

The forms are only matched against text, never written; a form a table lists itself keeps that
table's reading (``political.agent_sectors``). Measured over the tables: of the 686 spellings
the rule adds to WordNet's people nouns, 7 are words of their own in WordNet's index (the
model's ``lemma_index``: "censer", "stator", "castor"), things that are no party in news; a
hyphen dropped ("narcoterrorist") was seen in no source and is not a variant here.
"""

from __future__ import annotations

from functools import cache

from storyline.text.plurals import noun_forms

#: Letters before "-or"/"-our" where British English writes "-our" ("labour",
#: "honour", "rumour", "neighbour", "colour", "odour"; not "saviour": "warriour" is none).
_OUR_LETTERS = frozenset("bdhlmrv")


@cache
def spelling_variants(noun: str) -> frozenset[str]:
    """The other spellings of ``noun`` (lower-cased singular; module doc), without ``noun``:
    "protester" → {"protestor"}, "organizer" → {"organiser"}, "labour" → {"labor"}."""
    found: set[str] = set()
    stem, ending = noun[:-2], noun[-2:]
    greek = noun.endswith(("iser", "izer")) and not noun.endswith("viser")  # "organiser"
    suffixed = len(stem) >= 3 and stem[-1] in "ts" and stem[-2] != stem[-1]
    if ending in ("er", "or") and suffixed and not greek:
        found.add(stem + ("or" if ending == "er" else "er"))
    for british, american in (("iser", "izer"), ("ise", "ize")):
        if noun.endswith("v" + british):
            continue  # "adviser", "supervise", "revise": "-vise" is never "-vize"
        if noun.endswith(british):
            found.add(noun[: -len(british)] + american)
        elif noun.endswith(american):
            found.add(noun[: -len(american)] + british)
    if noun.endswith("our") and len(noun) > 4 and noun[-4] in _OUR_LETTERS:
        found.add(noun[:-3] + "or")
    elif noun.endswith("or") and len(noun) > 3 and noun[-3] in _OUR_LETTERS and noun[-3] != "o":
        found.add(noun[:-2] + "our")
    return frozenset(found)


def written_forms(noun: str) -> frozenset[str]:
    """``noun`` and its other spellings, each with its plurals (``text.plurals``)."""
    forms: set[str] = set()
    for spelling in spelling_variants(noun) | {noun}:
        forms |= noun_forms(spelling)
    return frozenset(forms)
