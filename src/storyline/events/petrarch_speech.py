"""PETRARCH2's verbs of saying and its threat patterns, compiled for the coder's word-only senses.

Two tables the CAMEO verb table cannot give: its bare statement rows code no event, so the verb
table leaves them out, and many of its threat patterns repeat the bare threat code, so it leaves
those out too. ``statement_rows`` lists the verbs of saying ("declined to comment" declines
comment, CAMEO 011), ``threat_rows`` what a warning must hold to be a threat ("warned that there
would be consequences"); ``events.senses`` reads both (``scripts/compile_petrarch.py`` writes
them).
"""

from __future__ import annotations

from collections.abc import Iterable

from storyline.events.petrarch_verbs import VerbPattern

#: CAMEO's code of a public statement (010), which PLOVER does not code as an event, and the
#: blocks of PETRARCH2 that give it to verbs of saying; its other 010 blocks hold seeing
#: (OBSERVE: "see", "watch"), counting (ESTIMATE), spreading (CIRCULATE), copying (REPEAT),
#: decreeing (DECREE: "declare") and drafting, which are no speech.
STATEMENT_CODE = "010"
SPEECH_BLOCKS = frozenset({"EXPLAIN_VERBAL", "CONFER", "DISCLOSE", "PREDICT", "EMPHASIZE", "QUOTE"})


def statement_rows(patterns: Iterable[VerbPattern]) -> list[str]:
    """Statement-verb TSV rows (verb, block): the single-word verbs whose bare code in PETRARCH2
    is a public statement in a block of saying ("comment", "say", "disclose", "talk"), sorted."""
    rows: dict[str, str] = {}
    for pattern in patterns:
        if pattern.words or pattern.code != STATEMENT_CODE or " " in pattern.verb:
            continue
        if pattern.block in SPEECH_BLOCKS:
            rows.setdefault(pattern.verb.lower(), pattern.block)
    return [f"{verb}\t{block}" for verb, block in sorted(rows.items())]


#: Prepositions of a pattern's phrases, which say how the object hangs on the verb, not what it is.
PATTERN_PREPOSITIONS = frozenset({"of", "against", "about", "on", "to", "for", "with", "over"})


def threat_rows(patterns: Iterable[VerbPattern]) -> list[str]:
    """Threat-pattern TSV rows (verb, content words, code): the patterns that code a threat (13x)
    under a verb whose bare code is a threat (130: "warn", "threaten", "caution"), each with the
    words it requires besides its prepositions ("WARN * CONSEQUENCES", "(OF RESPONSE)",
    "{SEVERE REPRISALS}"), alternatives joined by "|"; a warning's medium ("(IN LETTER)") is
    none. Many of them repeat the bare code, so the verb table leaves them out."""
    patterns = list(patterns)
    threats = {p.verb for p in patterns if not p.words and p.code == "130"}
    rows: set[str] = set()
    for pattern in patterns:
        if pattern.verb not in threats or not (pattern.code or "").startswith("13"):
            continue
        if pattern.reverse or not pattern.words or pattern.words[0] == {"in"}:
            continue
        content = [slot for slot in pattern.words if not slot <= PATTERN_PREPOSITIONS]
        words = " ".join("|".join(sorted(slot)) for slot in content)
        if words:
            rows.add(f"{pattern.verb}\t{words}\t{pattern.code}")
    return sorted(rows)
