"""The event lexicon and coder settings: data files read once, extensible by a user TSV.

The lexicon is three layers in one format (pattern, pos, constraints → PLOVER type, mode, CAMEO
code): ``cameo_verbs.tsv``, PETRARCH2's CAMEO verb dictionary compiled by
``scripts/compile_petrarch.py`` (the broad base: some 1,700 verbs and their patterns);
``plover_lexicon.tsv``, the hand rows that override it where it is wrong or silent for news, each
with its reason (nominal events, PLOVER's own distinctions); and an optional user TSV. A row of an
upper layer with the same pattern, pos and constraints replaces the lower one; otherwise the most
specific matching row wins (more words, then more constraints), an upper layer breaking ties. A
row of type ``NONE`` codes no event: "called off the search" is no phone call, "said" no event.
``events.toml`` holds the coder's word lists.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from storyline.data import read_rows, read_toml
from storyline.text.plurals import noun_forms
from storyline.text.spellings import spelling_variants, written_forms

LEXICON_FILE = "plover_lexicon.tsv"
COMPILED_FILE = "cameo_verbs.tsv"
AGENTS_FILE = "petrarch_agents.tsv"
PERSON_NOUNS_FILE = "wordnet_person_nouns.tsv"
PRIZE_NOUNS_FILE = "wordnet_prize_nouns.tsv"
THINGS_FILE = "petrarch_things.tsv"
STATEMENTS_FILE = "petrarch_statements.tsv"
THREATS_FILE = "petrarch_threats.tsv"
SETTINGS_FILE = "events.toml"

#: The PLOVER event types of the codebook version the gold records use (0.5b1/0.6b1).
PLOVER_TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT INVESTIGATE DEMAND DISAPPROVE REJECT "
    "THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT FIGHT".split()
)
#: storyline's own types outside PLOVER (see the lexicon header).
EXTENSION_TYPES = frozenset({"ELECT"})
#: A row that codes no event (PETRARCH's "---", statements and appeals PLOVER does not code).
NO_EVENT = "NONE"
POS_VALUES = frozenset({"V", "N", "A"})
CONSTRAINTS = frozenset(
    {"plural", "obj:actor", "obj:none", "obj:some", "obj:party", "obj:thing", "obj:goods",
     "subj:person", "subj:actor", "subj:moved", "xcomp", "reverse", "complement", "dyad",
     "particle"}
)  # fmt: skip
#: Constraints that restrict when a row codes without making its pattern more specific
#: ("particle": the row's other words are a phrasal verb's own, never a phrase's preposition).
RESTRICTIONS = frozenset({"dyad", "particle"})
#: Layers, highest first: a user's table, the hand overrides, the compiled PETRARCH table.
LAYER_RANK = {"built-in": 1, "petrarch": 2}
RANKED_KEPT = 20_000  # sets of verb forms whose ranked rows a lexicon keeps (a few MB at most)


class LexiconError(ValueError):
    """A malformed lexicon row (the message names the file and line)."""


class Entry(NamedTuple):
    """One lexicon row: a trigger pattern and the event it codes (a named tuple: the compiled
    table has tens of thousands of rows and loads at every start)."""

    slots: tuple[frozenset[str], ...]
    pos: str
    when: frozenset[str]
    type: str
    mode: str | None
    cameo: str | None
    note: str
    origin: str = "built-in"

    @property
    def head(self) -> frozenset[str]:
        """Lemmas of the word the pattern hangs on: the verb (first slot) or the noun (last)."""
        return self.slots[-1] if self.pos == "N" else self.slots[0]

    @property
    def others(self) -> tuple[frozenset[str], ...]:
        return self.slots[:-1] if self.pos == "N" else self.slots[1:]

    @property
    def key(self) -> str:
        """A readable rule name: 'V:meet+with' or 'N:phone|telephone+call'."""
        words = "+".join("|".join(sorted(slot)) for slot in self.slots)
        when = f"[{','.join(sorted(self.when))}]" if self.when else ""
        return f"{self.pos}:{words}{when}"

    @property
    def specificity(self) -> tuple[int, int]:
        """More words, then more constraints; "dyad" restricts a row without narrowing what it
        matches, so it does not count."""
        return (len(self.slots), len(self.when - RESTRICTIONS))

    @property
    def codes_event(self) -> bool:
        return self.type != NO_EVENT

    @property
    def rank(self) -> tuple[int, int, int]:
        """Sort key, best first: more words, more constraints, then the upper layer."""
        return (-len(self.slots), -len(self.when - RESTRICTIONS), LAYER_RANK.get(self.origin, 0))


@dataclass
class Lexicon:
    """Entries indexed by head lemma, most specific first."""

    entries: list[Entry]
    by_head: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)
    _ranked: dict[tuple[str, frozenset[str]], tuple[Entry, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        index: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        for entry in self.entries:
            for lemma in entry.head:
                index[(entry.pos, lemma)].append(entry)
        self.by_head = {key: sorted(rows, key=lambda e: e.rank) for key, rows in index.items()}

    def lookup(self, pos: str, lemma: str) -> list[Entry]:
        """Every row hanging on ``lemma``, best first (``NONE`` rows included)."""
        return self.by_head.get((pos, lemma.lower()), [])

    def ranked(self, pos: str, lemmas: frozenset[str]) -> tuple[Entry, ...]:
        """Every row hanging on any of ``lemmas``, best first and then by rule name (a total
        order: no two rows share both). The matcher asks this for every verb of every
        sentence, with few distinct sets of forms, so each set's order is worked out once and
        kept (up to ``RANKED_KEPT`` sets, then started afresh: memory stays bounded)."""
        rows = self._ranked.get((pos, lemmas))
        if rows is None:
            found = {e for lemma in lemmas for e in self.lookup(pos, lemma)}
            rows = tuple(sorted(found, key=lambda e: (e.rank, e.key)))
            if len(self._ranked) >= RANKED_KEPT:
                self._ranked.clear()
            self._ranked[(pos, lemmas)] = rows
        return rows

    def candidates(self, pos: str, lemma: str) -> list[Entry]:
        """The rows hanging on ``lemma`` that code an event, best first."""
        return [e for e in self.lookup(pos, lemma) if e.codes_event]

    def __len__(self) -> int:
        return len(self.entries)


def parse_rows(text: str, origin: str) -> list[Entry]:
    """Entries of a lexicon TSV (comments start with '#'); raises LexiconError on a bad row."""
    entries = []
    known_types = PLOVER_TYPES | EXTENSION_TYPES | {NO_EVENT}
    slot_cache: dict[str, frozenset[str]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line or line[0] == "#" or not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.rstrip("\n").split("\t")
        if len(cells) < 6:
            raise LexiconError(f"{origin}:{number}: expected 7 tab-separated columns: {line!r}")
        pattern, pos, when, type_, mode, cameo = (c.strip() for c in cells[:6])
        note = cells[6].strip() if len(cells) > 6 else ""
        if pos not in POS_VALUES:
            raise LexiconError(f"{origin}:{number}: pos must be V, N or A, not {pos!r}")
        if type_ not in known_types:
            raise LexiconError(f"{origin}:{number}: unknown event type {type_!r}")
        constraints = frozenset() if when in ("", "-") else frozenset(when.split(","))
        if constraints - CONSTRAINTS:
            raise LexiconError(f"{origin}:{number}: unknown constraint {sorted(constraints)}")
        slots = tuple(_slot(slot, slot_cache) for slot in pattern.split())
        if not slots:
            raise LexiconError(f"{origin}:{number}: empty pattern")
        entries.append(
            Entry(
                slots=slots,
                pos=pos,
                when=constraints,
                type=type_,
                mode=None if mode in ("", "-") else mode,
                cameo=None if cameo in ("", "-") else cameo,
                note=note,
                origin=origin,
            )
        )
    return entries


def _slot(text: str, cache: dict[str, frozenset[str]]) -> frozenset[str]:
    found = cache.get(text)
    if found is None:
        found = cache[text] = frozenset(w.lower() for w in text.split("|"))
    return found


def merge_entries(base: list[Entry], extra: list[Entry]) -> list[Entry]:
    """``base`` with ``extra`` rows replacing those with the same pattern, pos and constraints."""
    identity = {(e.slots, e.pos, e.when - RESTRICTIONS): e for e in base}
    for entry in extra:
        identity[(entry.slots, entry.pos, entry.when - RESTRICTIONS)] = entry
    return list(identity.values())


@cache
def _builtin_entries() -> tuple[Entry, ...]:
    data = resources.files("storyline.data")
    compiled = parse_rows(data.joinpath(COMPILED_FILE).read_text("utf-8"), "petrarch")
    hand = parse_rows(data.joinpath(LEXICON_FILE).read_text("utf-8"), "built-in")
    return tuple(merge_entries(compiled, hand))


def load_lexicon(extra: Path | str | None = None) -> Lexicon:
    """The built-in lexicon, with a user's TSV merged over it when ``extra`` is given."""
    entries = list(_builtin_entries())
    if extra is not None:
        path = Path(extra)
        entries = merge_entries(entries, parse_rows(path.read_text("utf-8"), str(path)))
    return Lexicon(entries)


@cache
def default_lexicon() -> Lexicon:
    return load_lexicon()


@cache
def agent_nouns() -> frozenset[str]:
    """Nouns that name an actor: PETRARCH2's agent heads (``petrarch_agents.tsv``: "minister",
    "police", "rebel", …; only the heads WordNet says name people, not "jail" or "center") and
    ``events.toml [actors] actor_nouns``, each with its other spellings and their plurals
    ("protestors" for "protester": ``text.spellings``, the forms ``political.agent_sectors``
    reads too)."""
    nouns: set[str] = set()
    for noun in settings()["actors"]["actor_nouns"]:
        nouns |= noun_forms(noun)
    weapons = weapon_nouns()  # "artillery" is a means, not an actor
    for head, *_ in agent_noun_rows():
        if head not in weapons:
            nouns |= written_forms(head)
    return frozenset(nouns)


@cache
def weapon_nouns() -> frozenset[str]:
    """The instruments of ``events.toml [weapons]``, lower-cased: a means, never an actor, and
    what weapons arriving somewhere were fired with (``transfers.fired_at_a_place``)."""
    return frozenset(w.lower() for w in settings()["weapons"])


@cache
def agent_noun_rows() -> tuple[tuple[str, ...], ...]:
    """``petrarch_agents.tsv``'s rows: head noun, sector code, number of phrases."""
    return tuple(tuple(row) for row in read_rows(AGENTS_FILE))


@cache
def thing_nouns() -> frozenset[str]:
    """Nouns of vehicles, weapons, documents and honours, never actors: the heads of PETRARCH2's
    synonym sets of them (``petrarch_things.tsv``), the instruments of ``events.toml [weapons]``
    and the honours and documents of ``[actors] theme_words``, less any noun WordNet gives a
    sense of people ("star", "convention": ``wordnet_person_nouns.tsv``, either rank)."""
    nouns = {row[0] for row in read_rows(THINGS_FILE)} | set(settings()["actors"]["theme_words"])
    nouns |= weapon_nouns()
    return frozenset(nouns - {row[0] for row in read_rows(PERSON_NOUNS_FILE)})


@cache
def civilian_nouns() -> frozenset[str]:
    """PETRARCH2's agent heads of its civilian sector (``petrarch_agents.tsv`` code CVL:
    "people", "citizen", "resident", "population"), whose phrase with a country PETRARCH2 codes
    as that country's civilians ("the people of Turkmenistan" → TKMCVL). Lemmas, as the parser
    gives them ("citizens" → "citizen")."""
    return frozenset(row[0] for row in agent_noun_rows() if len(row) > 1 and row[1] == "CVL")


@cache
def person_nouns() -> frozenset[str]:
    """Common nouns of persons and groups of people that are not actors of their own: WordNet's
    (``wordnet_person_nouns.tsv``, the nouns whose most frequent sense names people: "crew",
    "inmate", "passenger") and PETRARCH2's synonym sets of the persons its RELEASE block frees
    (``events.toml [senses] person_nouns``)."""
    nouns = {row[0] for row in read_rows(PERSON_NOUNS_FILE) if row[1:] == ["1"]}
    return frozenset(nouns | set(settings()["senses"]["person_nouns"]))


@cache
def people_sense_nouns() -> frozenset[str]:
    """Common nouns with a sense of people among WordNet's two most frequent (either rank of
    ``wordnet_person_nouns.tsv``: "star", a celebrity, second): the test an agent head passes to
    be an actor (``petrarch_tables``), and what a party's head needs when it is no agent noun
    ("the Liz & Dick star", ``parties``). With each noun's other spellings ("protestor",
    "sympathiser": ``text.spellings``), which WordNet lists once or not at all."""
    listed = {row[0] for row in read_rows(PERSON_NOUNS_FILE)}
    return frozenset(listed.union(*(spelling_variants(noun) for noun in listed)))


@cache
def prize_nouns() -> frozenset[str]:
    """Common nouns of what a contest is won for ("title", "trophy", "oscar"; compiled from
    WordNet to ``wordnet_prize_nouns.tsv``, ``senses.contests_prize``)."""
    return frozenset(row[0] for row in read_rows(PRIZE_NOUNS_FILE))


@cache
def statement_verbs() -> frozenset[str]:
    """Verbs of saying whose bare PETRARCH2 code is a public statement ("comment", "say",
    "disclose"; compiled to ``petrarch_statements.tsv``, ``said_senses.declines_comment``)."""
    return frozenset(row[0] for row in read_rows(STATEMENTS_FILE))


@cache
def threat_patterns() -> dict[str, tuple[tuple[frozenset[str], ...], ...]]:
    """The words of PETRARCH2's threat patterns under each threat verb ("warn" →
    ("consequence|consequences",), ("severe", "reprisal|reprisals"), …; compiled to
    ``petrarch_threats.tsv``, ``said_senses.warns_of_a_prospect``)."""
    found: dict[str, list[tuple[frozenset[str], ...]]] = {}
    for verb, words, *_ in read_rows(THREATS_FILE):
        slots = tuple(frozenset(slot.split("|")) for slot in words.split())
        found.setdefault(verb, []).append(slots)
    return {verb: tuple(patterns) for verb, patterns in found.items()}


@cache
def settings() -> dict[str, Any]:
    """The coder settings (``events.toml``)."""
    return read_toml(SETTINGS_FILE)


def in_person_modes() -> frozenset[str]:
    """The CONSULT modes of meeting in person, as groups carry them ("CONSULT.meet", …): one
    definition for every merging rule (``events.toml [merge] in_person_modes``)."""
    return frozenset(f"CONSULT.{m}" for m in settings()["merge"]["in_person_modes"])


def plover_coding(
    type_: str, mode: str | None, factuality: str, conditional: bool = False
) -> tuple[str | None, str | None]:
    """The PLOVER 0.5b1 (type, mode) of a coded event, or (None, None) when PLOVER codes nothing.

    PLOVER of that version has no factuality field: a cooperative act in the future or under a
    condition is an intention (AGREE), a future or conditional hostile act is a THREATEN whose
    mode names the act, a negated intention to cooperate is a REJECT, a negated hostile act is
    no event. storyline's extension modes map back to the PLOVER mode they refine.
    """
    conf = settings()
    plover = conf["plover"]
    if type_ not in PLOVER_TYPES:
        return None, None
    if factuality in ("planned", "hypothetical"):
        if type_ in plover["cooperative"] and not (conditional and type_ == "RETREAT"):
            return "AGREE", None
        if type_ in plover["hostile"] or (conditional and type_ == "RETREAT"):
            return "THREATEN", threaten_mode(type_, mode)
    if factuality == "negated":
        if type_ in plover["cooperative"] or type_ == "AGREE":
            return "REJECT", None
        return None, None
    return type_, plover_mode(mode)


def plover_mode(mode: str | None) -> str | None:
    """The PLOVER mode of a storyline mode (extensions mapped, '' meaning none)."""
    if mode is None:
        return None
    mapped = settings()["plover_modes"].get(mode, mode)
    return mapped or None


def threaten_mode(type_: str, mode: str | None) -> str | None:
    """THREATEN's mode for a threatened act of ``type_``/``mode`` (events.toml [threaten_modes])."""
    table = settings()["threaten_modes"]
    return table.get(f"{type_}.{mode}") or table.get(type_)
