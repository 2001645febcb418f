"""The PETRARCH2 actor dictionary as the entity layer reads it: who is a known person,
organisation or place, which spellings name the same person, and who held which office when.

The dictionary (``data/petrarch_actors.json``, compiled from the Open Event Data Alliance's MIT
licensed files by ``scripts/compile_petrarch_actors.py``) lists about 18,000 office holders with
their name variants and dated CAMEO codes (``[RUSGOV >20040309]``), 8,600 organisations and armed
groups, and each country's names and places. Its dates end about 2015: a code still open then
("since 2004") is reported *as of* that year, never as a fact about a later article's date.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from storyline.data import read_toml
from storyline.entities.lexicon import lexicon, name_key
from storyline.entities.names import normalise_name
from storyline.models import Entity

DICTIONARY_FILE = "petrarch_actors.json"


@dataclass(frozen=True)
class DatedCode:
    """One CAMEO code of an actor, valid from ``start`` to ``end`` (ISO days, '' when open)."""

    code: str
    start: str = ""
    end: str = ""

    @property
    def dated(self) -> bool:
        return bool(self.start or self.end)

    def holds_on(self, day: str) -> bool:
        return (not self.start or self.start <= day) and (not self.end or day <= self.end)


@dataclass(frozen=True)
class ActorPerson:
    """A person of the dictionary: display name, matching keys and dated codes."""

    name: str
    keys: tuple[str, ...]
    codes: tuple[DatedCode, ...]


@dataclass(frozen=True)
class KnownRole:
    """What the dictionary says a person was on a day, in words."""

    text: str
    code: DatedCode
    after_coverage: bool  # the day is unknown or after the dictionary's last dated year

    def describe(self, coverage_end: str) -> str:
        since = _when(self.code)
        source = "PETRARCH2 actor dictionary"
        if self.after_coverage:
            return f"{self.text} ({source}, {since}; its records end in {coverage_end})"
        return f"{self.text} ({source}, {since})" if since else f"{self.text} ({source})"


@dataclass(frozen=True)
class ActorDictionary:
    """Indexes over the compiled dictionary, by name key."""

    people: list[list]  # [name, keys, [[code, start, end], ...]] as compiled
    people_by_key: dict[str, tuple[int, ...]]
    organisations: dict[str, str]  # key → CAMEO code ('' when the record has none)
    places: dict[str, str]  # key of a country's name or place → country code
    countries: dict[str, str]  # country code → display name
    agents: dict[str, str]  # agent noun key → code
    role_words: dict[str, str]  # three-letter role code → words
    coverage_end: str  # last year with dated codes

    def people_named(self, key: str) -> tuple[ActorPerson, ...]:
        return tuple(self.person(i) for i in self.people_by_key.get(key, ()))

    def person(self, index: int) -> ActorPerson:
        name, keys, codes = self.people[index]
        return ActorPerson(name, tuple(keys), tuple(DatedCode(*c) for c in codes))

    def is_person_name(self, key: str) -> bool:
        """A multi-word key that names a person of the dictionary."""
        return " " in key and key in self.people_by_key

    def country_of(self, code: str) -> str | None:
        """The country named by the first three letters of a code ('RUSGOV' → 'Russia')."""
        return self.countries.get(code[:3])

    def role_on(self, person: ActorPerson, day: str | None) -> KnownRole | None:
        """The person's role on ``day`` (ISO); on a day after the dictionary's coverage, the
        role still open at its end; with no day, the latest dated role."""
        dated = [c for c in person.codes if c.dated]
        if not dated:
            return None
        after = not day or (bool(self.coverage_end) and day[:4] > self.coverage_end)
        if day and not after:
            holding = [c for c in dated if c.holds_on(day)]
        else:
            holding = [c for c in dated if not c.end]
        if not holding:
            return None
        code = max(holding, key=lambda c: (c.start, len(c.code)))
        text = self.describe_code(code.code)
        return KnownRole(text, code, after) if text else None

    def describe_code(self, code: str) -> str | None:
        """'RUSGOV' → 'Government of Russia'; 'IGOUNO' → 'Intergovernmental organisation'."""
        country = self.countries.get(code[:3])
        parts = [code[i : i + 3] for i in range(3 if country else 0, len(code), 3)]
        words = [self.role_words[p] for p in parts if p in self.role_words]
        if not words:
            return None
        return f"{words[0]} of {lexicon().country_name(country)}" if country else words[0]


def _when(code: DatedCode) -> str:
    def day(iso: str) -> str:
        d = date.fromisoformat(iso)
        return f"{d.day} {d:%B} {d.year}"

    if code.start and code.end:
        return f"{day(code.start)} to {day(code.end)}"
    if code.start:
        return f"since {day(code.start)}"
    if code.end:
        return f"until {day(code.end)}"
    return ""


@cache
def actor_dictionary() -> ActorDictionary:
    """The compiled dictionary, loaded once per process (about 0.2 s)."""
    raw = json.loads(resources.files("storyline.data").joinpath(DICTIONARY_FILE).read_text("utf-8"))
    by_key: dict[str, list[int]] = {}
    for index, (_name, keys, _codes) in enumerate(raw["people"]):
        for key in keys:
            by_key.setdefault(key, []).append(index)
    organisations: dict[str, str] = {}
    for keys, code in raw["organisations"]:
        for key in keys:
            organisations.setdefault(key, code)
    places: dict[str, str] = {}
    countries: dict[str, str] = {}
    lex = lexicon()
    for code, entry in raw["countries"].items():
        ours = (lex.countries.get(key) for key in entry["names"])  # the name our tables use
        countries[code] = next((c for c in ours if c), entry["name"])
        for key in entry["names"]:
            places.setdefault(key, code)
    return ActorDictionary(
        people=raw["people"],
        people_by_key={k: tuple(v) for k, v in by_key.items()},
        organisations=organisations,
        places=places,
        countries=countries,
        agents={key: code for key, code in raw["agents"]},
        role_words=read_toml("entities_actor_codes.toml")["roles"],
        coverage_end=raw["coverage_end"],
    )


def dictionary_person(entity: Entity, stated_country: str | None = None) -> ActorPerson | None:
    """The one dictionary person an entity's full names point to, or None. A name the
    dictionary lists for people of several countries is read only when ``stated_country``
    (from the text's own roles) picks one; records of one country are one person entered twice
    and their codes are pooled."""
    actors = actor_dictionary()
    names = {entity.name, *(normalise_name(m.text, person=True) for m in entity.mentions)}
    full = {key for name in names if " " in (key := name_key(name))}
    indices = sorted({i for key in full for i in actors.people_by_key.get(key, ())})
    if not indices:
        return None
    people = [actors.person(i) for i in indices]
    if len({_countries(p) for p in people}) > 1:
        people = [p for p in people if stated_country and _names_country(p, stated_country)]
        if not people or len({_countries(p) for p in people}) > 1:
            return None
    if len(people) == 1:
        return people[0]
    codes = tuple(dict.fromkeys(c for p in people for c in p.codes))
    return ActorPerson(people[0].name, tuple(k for p in people for k in p.keys), codes)


def _countries(person: ActorPerson) -> frozenset[str]:
    return frozenset(c.code[:3] for c in person.codes if c.dated)


def _names_country(person: ActorPerson, country: str) -> bool:
    actors = actor_dictionary()
    return any(actors.countries.get(c.code[:3]) == country for c in person.codes)


def latest_code(person: ActorPerson) -> DatedCode | None:
    """The person's latest dated code (the one still open at the dictionary's end first)."""
    dated = [c for c in person.codes if c.dated]
    return max(dated, key=lambda c: (not c.end, c.end, c.start)) if dated else None
