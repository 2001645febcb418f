"""PETRARCH2's verb and agent dictionaries compiled into storyline's own tables.

``scripts/compile_petrarch.py`` runs these at build time of the package; the results are
``data/cameo_verbs.tsv`` (every verb and verb pattern of ``CAMEO.2.0.txt`` as a lexicon row in the
format of ``plover_lexicon.tsv``, its CAMEO code mapped to PLOVER by ``cameo.plover_of``) and
``data/petrarch_agents.tsv`` (the head nouns of ``Phoenix.agents.txt`` with their sector: the
nouns that name an actor, "minister", "police", "rebels"). Both files carry PETRARCH2's MIT
licence and copyright lines in their header.

An agent phrase's head is the last word before a post-modifier ("minister" in
"MINISTER_OF_FOREIGN_AFFAIRS"), and it names an actor only when WordNet says it names people
(one of its two most frequent senses is a person or a group of people:
``wordnet_tables.people_sense_ranks``). The dictionary's phrases are actors as wholes, but their
heads are not always: a building or a place that stands for whoever is in it
("CENTRAL_JAIL_OF", "CENTER_FOR_HUMAN_RIGHTS"), a crime standing for its perpetrators
("ORGANIZED_CRIME"), a ministry's name used before "minister" whose first word is no head at
all ("PROGRESS_OF_BORDER_AREAS_…_AFFAIRS_MINISTER"), a vehicle or a weapon ("GUNSHIP"), a stem or
a misspelling ("COMPAN", "OFFCIAL"). Such heads would make "alleged crimes" or "the jail" a
target; they are left out and listed in the table's header.

A verb pattern becomes one row: the verb, then the words the pattern requires after it. A pattern
whose code PLOVER does not cover (statements, appeals) or that PETRARCH codes as no event becomes
a ``NONE`` row: it still wins over less specific rows, so "called off the search" codes nothing
rather than falling back to "call" as a phone call. Where the dictionary gives one pattern several
codes (the same words in two blocks), the most frequent code wins, ties to the first. A bare verb
that only borrows its block's code and is not the verb the block is named after (a loose synonym:
"explore", "affect", "take") gets the constraint ``dyad``: it codes an event only between a source
and a target actor, PETRARCH2's own ``require_dyad`` default. So does a loose synonym whose own code
is CAMEO's unspecified intent to cooperate (``030``): the SEARCH, SELECT, TARGET, PREDICT,
SUBMIT and DEMAND blocks give "seek", "decide", "determine", "vote", "aim", "expect", "comply"
and "want" that code, and alone they are a search, a choice or a wish, not an intent toward
anyone ("seeking a five-year deal", "to determine if their activities will harm", "Turkmenistan
voted Sunday", "is aimed at flying large passenger numbers": ECB+ and MEANTIME tuning texts); the
PLOVER gold codes "decided to allow" by what was decided (CONCEDE) and "seek support", "sought
refuge" as appeals, never as AGREE.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

from storyline.events.cameo import extension_mode, plover_of
from storyline.events.derivations import (
    DOING_LIGHT_VERBS,
    PREPOSITIONS,
    is_generic,
    nominalisations,
)
from storyline.events.petrarch_verbs import VerbPattern

GENERIC_INTENT = "030"  # CAMEO: express intent to cooperate, not specified below

NO_EVENT = "NONE"
# Words that open a post-modifier: the head noun comes before them. Not "and": before the head
# it joins pre-modifiers that share it ("TRADE_AND_COMMERCE_MINISTER" is a minister).
POST_MODIFIER_WORDS = frozenset({"of", "for", "de", "on", "to", "in", "at", "from", "with"})
LICENCE_LINES = (
    "Derived from the PETRARCH2 dictionaries (github.com/openeventdata/petrarch2, commit",
    "676801cd9cb2924bbbad09f86d15c9323e7097bf) by scripts/compile_petrarch.py; do not edit.",
    "",
    "The MIT License (MIT)",
    "{copyright}",
    "Permission is hereby granted, free of charge, to any person obtaining a copy of this software",
    'and associated documentation files (the "Software"), to deal in the Software without',
    "restriction, including without limitation the rights to use, copy, modify, merge, publish,",
    "distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the",
    "Software is furnished to do so, subject to the following conditions: The above copyright",
    "notice and this permission notice shall be included in all copies or substantial portions of",
    'the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR',
    "IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A",
    "PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE",
    "LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR",
    "OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER",
    "DEALINGS IN THE SOFTWARE.",
)


def licence_header(copyright_line: str) -> list[str]:
    return ["# " + line.format(copyright=copyright_line) if line else "#" for line in LICENCE_LINES]


def verb_rows(patterns: Iterable[VerbPattern]) -> list[str]:
    """Lexicon TSV rows (pattern, pos, when, type, mode, cameo, note), one per distinct pattern."""
    codes: dict[tuple, Counter[tuple[str | None, bool]]] = defaultdict(Counter)
    first: dict[tuple, VerbPattern] = {}
    order: dict[tuple, int] = {}
    for index, pattern in enumerate(patterns):
        key = (pattern.verb, tuple(tuple(sorted(slot)) for slot in pattern.words))
        codes[key][(pattern.code, pattern.reverse)] += 1
        first.setdefault(key, pattern)
        order.setdefault(key, index)
    chosen: dict[tuple, tuple[str | None, bool, str | None, str | None]] = {}
    first_code: dict[tuple, str | None] = {}
    for key, counted in codes.items():
        code, reverse = sorted(counted, key=lambda c: -counted[c])[0]
        first_code[key] = code
        type_, mode = plover_of(code) if code else (None, None)
        mode = (extension_mode(code) if code else None) or mode
        chosen[key] = (code, reverse and type_ is not None, type_, mode)
    followed = follow_nominals({key: value[0] for key, value in chosen.items()})
    for key, (code, _noun) in followed.items():
        type_, mode = plover_of(code)
        chosen[key] = (code, chosen[key][1] and type_ is not None, type_, mode)
    dyad = {key for key in chosen if _needs_dyad(first[key], chosen[key][0], chosen[key][2])}
    rows = []
    # a pattern under a bare verb that took its nominal's or its own patterns' code is kept
    # where that bare verb needs a dyad and the pattern does not ("rally outside" under "rally",
    # "overturn ruling" under "overturn"); elsewhere the table keeps its old shape
    kept_apart = dyad & (followed.keys() | {key for key in chosen if first[key].recoded})
    for key in sorted(_needed(chosen, kept_apart), key=lambda k: (k[0], len(k[1]), order[k])):
        code, reverse, type_, mode = chosen[key]
        pattern = first[key]
        slots = [pattern.verb] + ["|".join(slot) for slot in key[1]]
        constraints = ["reverse"] if reverse and type_ else []
        if key in dyad:
            constraints = ["dyad"]  # a loose synonym of its block: PETRARCH2's require_dyad applies
        if pattern.phrasal:
            constraints.append("particle")  # "+TIE_IN": the verb's own particle (matching)
        when = ",".join(constraints) or "-"
        note = f"CAMEO.2.0 {pattern.block}"
        if pattern.comment:
            note += f": {_clean(pattern.comment)}"
        if key in followed:
            note += f" (coded {first_code[key]}; {code} is its nominal's: {followed[key][1]})"
        rows.append(
            "\t".join(
                [" ".join(slots), "V", when, type_ or NO_EVENT, mode or "-", code or "-", note]
            )
        )
    return rows


def follow_nominals(codes: dict[tuple, str | None]) -> dict[tuple, tuple[str, str]]:
    """The verb patterns whose code gives way to their own nominal's, with that code and the
    nominal: {(verb, words): (code, noun)}.

    A verb alone or with a preposition ("NEGOTIATE (WITH)") that the dictionary codes only by
    its cue category (a generic code, "050: engage in diplomatic cooperation, not specified
    below"; not a statement's "010", which codes no event) takes the specific code that the
    dictionary gives the verb's own noun wherever the noun is done ("ENGAGE IN NEGOTIATION",
    "HOLD NEGOTIATION": 046, "engage in negotiation", whose CAMEO definition is "negotiate or
    bargain with others"), when at least two such light-verb patterns give the noun that one
    code. The noun names the same act and the dictionary knew the more specific code for it;
    the verb's generic code is where the verb was filed, not what it does.
    ``codes``: (verb, words) → CAMEO code, as ``verb_rows`` keys them.
    """
    done = _done_nominals(codes)
    followed = {}
    for key, code in codes.items():
        verb, words = key
        if not is_generic(code) or not all(set(slot) <= PREPOSITIONS for slot in words):
            continue
        if plover_of(code or "")[0] is None:
            continue  # a statement or an appeal (CAMEO 01, 02): PETRARCH2 codes no event
        nouns = sorted(
            (noun, done[noun]) for noun in nominalisations(verb) & done.keys() if done[noun] != code
        )
        if len(nouns) == 1:
            followed[key] = (nouns[0][1], nouns[0][0])
    return followed


def _done_nominals(codes: dict[tuple, str | None]) -> dict[str, str]:
    """Noun → the one specific code that at least two of the dictionary's doing light-verb
    patterns (``derivations.DOING_LIGHT_VERBS``: "engage in N", "hold N") give it."""
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for (verb, words), code in codes.items():
        if not words or code is None:
            continue
        light = (verb, *(word for slot in words[:-1] for word in slot))
        if light in DOING_LIGHT_VERBS and all(len(slot) == 1 for slot in words[:-1]):
            for noun in words[-1]:
                found[noun][code] += 1
    return {
        noun: next(iter(counted))
        for noun, counted in found.items()
        if len(counted) == 1 and counted.total() >= 2 and not is_generic(next(iter(counted)))
    }


def _needs_dyad(pattern: VerbPattern, code: str | None, type_: str | None) -> bool:
    """A bare loose synonym of its block codes only between two actors (module doc)."""
    head_verb = pattern.block.split("_")[0].lower() == pattern.verb
    loose = pattern.inherited or code == GENERIC_INTENT
    return not pattern.words and loose and type_ is not None and not head_verb


def _needed(
    chosen: dict[tuple, tuple[str | None, bool, str | None, str | None]],
    dyad: set[tuple] | None = None,
) -> list[tuple]:
    """The patterns that change what the coder does: a pattern is left out when the next less
    specific pattern that matches wherever it matches codes the same (type, mode, direction,
    and not ``dyad`` alone: "rally outside" is kept under a bare "rally" that needs a dyad),
    or when it codes nothing and there is nothing less specific to block (the coder would code
    nothing anyway). Keeps the table small without changing a single coding."""
    dyad = dyad or set()
    by_verb: dict[str, list[tuple]] = defaultdict(list)
    for key in chosen:
        by_verb[key[0]].append(key)
    needed = []
    for keys in by_verb.values():
        for key in keys:
            slots = set(key[1])
            inner = [k for k in keys if k != key and set(k[1]) < slots]
            outcome = (*chosen[key][1:], key in dyad)
            if not inner:
                if chosen[key][2] is not None:
                    needed.append(key)
                continue
            most = max(len(k[1]) for k in inner)
            fallbacks = {(*chosen[k][1:], k in dyad) for k in inner if len(k[1]) == most}
            if fallbacks != {outcome}:
                needed.append(key)
    return needed


@dataclass
class AgentHeads:
    """The head nouns of an agents dictionary: the sectors each actor head's phrases carry, and
    the phrases whose head names no people, by that head."""

    sectors: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    left_out: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def rows(self) -> list[str]:
        """(head noun, sector, phrases) rows: the sector most of its phrases carry ("minister" →
        GOV, "rebel" → REB), ties to the first in alphabetical order."""
        rows = []
        for head in sorted(self.sectors):
            counted = self.sectors[head]
            sector = max(sorted(counted), key=lambda s: counted[s])
            rows.append(f"{head}\t{sector}\t{sum(counted.values())}")
        return rows

    def left_out_lines(self, width: int = 96) -> list[str]:
        """The left-out heads with their number of phrases, as ``#`` lines of the table's
        header: what the dictionary names that is no actor noun."""
        words = [f"{head} ({len(self.left_out[head])})" for head in sorted(self.left_out)]
        lines, line = [], "#"
        for word in words:
            if len(line) + len(word) + 2 > width:
                lines.append(line.rstrip(","))
                line = "#"
            line += f" {word},"
        return [*lines, line.rstrip(",")] if words else []


def agent_heads(text: str, names_people: Callable[[str], bool]) -> AgentHeads:
    """The head nouns of an agents dictionary's phrases (``_head``), with the substitution
    markers expanded; a head that ``names_people`` rejects is left out."""
    substitutions: dict[str, list[str]] = {}
    heads = AgentHeads()
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        marker = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if marker:
            substitutions[marker.group(1)] = [w.strip() for w in marker.group(2).split(",")]
            continue
        code = re.search(r"\[([^\]]*)\]", line)
        if not code:
            continue
        sector = code.group(1).replace("~", "").strip()[:3]
        phrase = re.sub(r"\{[^}]*\}", " ", line[: code.start()]).strip()
        for expanded in _substituted(phrase, substitutions):
            head = _head(expanded)
            if not head or not sector.isalpha():
                continue
            if names_people(head) or names_people(_marker_part(phrase, head, substitutions)):
                heads.sectors[head][sector.upper()] += 1
            else:
                heads.left_out[head].append(expanded)
    return heads


def agent_rows(text: str, names_people: Callable[[str], bool]) -> list[str]:
    """(head noun, sector, phrases) rows of an agents dictionary (``AgentHeads.rows``)."""
    return agent_heads(text, names_people).rows()


def people_test(nouns: Collection[str]) -> Callable[[str], bool]:
    """Does a head, as the dictionary spells it, name people by ``nouns`` (the WordNet nouns
    that do)? A plural is also looked up as its singular ("ministries" → "ministry",
    "clergymen" → "clergyman"), a hyphenated compound by its last part, which is its head
    ("narco-trafficker" → "trafficker")."""

    def names_people(head: str) -> bool:
        word = head.rsplit("-", 1)[-1]
        forms = {head, word}
        if word.endswith("s"):
            forms |= {word[:-1], word[:-2], word[:-3] + "y"}
        if word.endswith("men"):
            forms.add(word[:-3] + "man")
        if word.endswith("ren"):  # "children", "brethren"
            forms.add(word[:-3])
        return any(form in nouns for form in forms)

    return names_people


def _head(phrase: str) -> str | None:
    """The head noun of an agent phrase: its last word before a post-modifier ("minister" in
    "MINISTER OF_FOREIGN_AFFAIRS", "farmer" in "TENANT_FARMER")."""
    words = [w for w in re.split(r"[_\s,]+", phrase.lower()) if w]
    for index, word in enumerate(words):
        if index and word in POST_MODIFIER_WORDS:
            words = words[:index]
            break
    head = words[-1] if words else ""
    return head if re.fullmatch(r"[a-z][a-z-]*", head) else None


def _marker_part(phrase: str, head: str, substitutions: dict[str, list[str]]) -> str:
    """The last part of a head that a substitution marker run into a word put there, or "":
    "spokeswoman" from "SPOKES!PERSON!" is a compound whose head is "woman" (a word WordNet
    knows where it has no "spokeswoman", "policeperson" or "cattlewoman")."""
    template = phrase.lower().replace("_", " ").split()
    marker = next((m for m in substitutions if template and template[-1].endswith(m.lower())), "")
    parts = [w.lower() for w in substitutions.get(marker, ()) if head.endswith(w.lower())]
    return max(parts, key=len, default="")


def _substituted(phrase: str, substitutions: dict[str, list[str]]) -> list[str]:
    """The phrases a substitution marker stands for ("SPOKES!PERSON!" → "SPOKESMAN", …); a
    marker run into a following letter is a typo of the source and expands to nothing."""
    for marker, words in substitutions.items():
        index = phrase.find(marker)
        if index < 0:
            continue
        after = phrase[index + len(marker) : index + len(marker) + 1]
        if after.isalpha():
            return []
        return [p for w in words for p in _substituted(phrase.replace(marker, w, 1), substitutions)]
    return [phrase]


def _clean(comment: str) -> str:
    return " ".join(comment.replace("\t", " ").split())


HISTORY = re.compile(r"\bwars?\b|\bempire\b|\bww\s?i|\d")


#: PETRARCH2's synonym sets of the machines, means and documents of its actors (CAMEO.2.0.txt):
#: what is flown, driven, fired, supplied, signed or proposed, never who acts.
THING_SYNSETS = ("&AIRCRAFT", "&WEAPON", "&WMD", "&CAR", "&TREATY", "&PROPOSAL", "&PROGRAM")


def thing_rows(synsets: dict[str, frozenset[str]]) -> list[str]:
    """Thing-noun TSV rows (noun, synonym set): the head words of PETRARCH2's vehicle, weapon and
    document synonym sets, each with the first set that lists it."""
    rows: dict[str, str] = {}
    for name in THING_SYNSETS:
        for noun in sorted(synsets.get(name, ())):
            rows.setdefault(noun, name)
    return [f"{noun}\t{name}" for noun, name in sorted(rows.items())]


def discard_rows(text: str) -> list[str]:
    """(phrase, level) rows of PETRARCH2's discard list, from its topic section ("### FULL STORY
    DISCARDS": sports, entertainment, accidents, epidemics, history): a '+' entry discards the
    whole story, any other the sentence it is in. Its history is left out: the first section
    (bare years, "YEARS AGO", tournament seeds) and the wars, empires and dated phrases of the
    topic section ("SECOND WORLD WAR", "APRIL 1942"). PETRARCH drops sentences about the past
    with them, where storyline dates them instead ("the National Museum of the History of
    Ukraine in the Second World War" is where a visit went). An entry PETRARCH2 ends with '_'
    ("GROUP A_") keeps it: it matches only a whole last word, any other is a stem there
    (its dictionaries.rst, "Discard List"; ``discards`` reads the stem as a plural)."""
    rows: dict[str, str] = {}
    in_topics = False
    for raw in text.splitlines():
        if raw.strip().upper().startswith("### FULL STORY DISCARDS"):
            in_topics = True
            continue
        line = raw.split("#", 1)[0].strip()
        if not in_topics or not line:
            continue
        level = "story" if line.startswith("+") else "sentence"
        phrase = " ".join(line.lstrip("+").replace("_", " ").lower().split())
        if line.endswith("_"):  # an entry that must end where its last word does
            phrase += "_"
        if re.search(r"[a-z]", phrase) and not HISTORY.search(phrase):
            rows[phrase] = "story" if level == "story" or rows.get(phrase) == "story" else level
    return [f"{phrase}\t{level}" for phrase, level in sorted(rows.items())]
