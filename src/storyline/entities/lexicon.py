"""The entity layer's data: titles, honorifics, countries, seats of government, organisations.

The tables live in ``data/entities_titles.toml``, ``data/entities_places.toml`` and
``data/entities_orgs.toml``; this module loads them once and indexes them by *key*: the
case-folded, accent-free words of a phrase, full stops and apostrophes dropped, so "U.S.",
"US" and "us" share the key ``us`` and "Lt. Gen." is ``lt gen``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache

from storyline.data import read_toml

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@lru_cache(maxsize=1 << 16)
def key_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` as matching sees them: case-folded, accents and dots removed.

    Cached: title matching asks for the same few thousand token texts over and over. An ASCII
    text skips the decomposition: NFKD leaves ASCII as it is, no ASCII character combines,
    and ASCII case-folds as ``lower`` does (whole lines of furniture tests miss the cache).
    """
    text = text.translate(_APOSTROPHES)
    if text.isascii():
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace(".", "").replace("'", "")
    return tuple(_WORD.findall(text))


def name_key(text: str) -> str:
    """One string per spelling variant of a name: ``'S. Jaishankar'`` → ``'s jaishankar'``."""
    return " ".join(key_words(text))


@dataclass(frozen=True)
class Title:
    """A title or office as the role table knows it."""

    name: str
    sector: str
    same_as: str | None = None


@dataclass(frozen=True)
class Lexicon:
    """Every table of the entity layer, indexed by key."""

    titles: dict[tuple[str, ...], Title]
    honorifics: frozenset[tuple[str, ...]]
    qualifiers: frozenset[str]
    counterparts: frozenset[tuple[str, ...]]
    name_triggers: frozenset[tuple[str, ...]]
    max_title_words: int
    countries: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    demonym_of: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)
    capitals_also_names: frozenset[str] = frozenset()
    cities: dict[str, str] = field(default_factory=dict)
    cities_also_names: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    seats: dict[str, tuple[str, str]] = field(default_factory=dict)
    definite: frozenset[str] = frozenset()
    organisations: dict[str, str] = field(default_factory=dict)
    sector_words: tuple[tuple[tuple[str, ...], str], ...] = ()
    legal_suffixes: frozenset[tuple[str, ...]] = frozenset()
    same_city: dict[str, str] = field(default_factory=dict)

    def org_key(self, key: str) -> str:
        """An organisation's key without legal-form words at the end ('apple inc' → 'apple')."""
        words = key.split()
        changed = True
        while changed and len(words) > 1:
            changed = False
            for n in (2, 1):
                if len(words) > n and tuple(words[-n:]) in self.legal_suffixes:
                    words = words[:-n]
                    changed = True
                    break
        return " ".join(words)

    def country_of_place(self, text: str) -> str | None:
        """The country a name or alias denotes ('the Russian Federation' → 'Russia')."""
        return self.countries.get(_strip_article(name_key(text)))

    def country_of_demonym(self, text: str) -> str | None:
        """The country of a demonym, singular or plural ('Russians' → 'Russia')."""
        key = name_key(text)
        if key in self.demonyms:
            return self.demonyms[key]
        if key.endswith("s") and key[:-1] in self.demonyms:
            return self.demonyms[key[:-1]]
        return None

    def capital(self, text: str, person_label: bool = False) -> str | None:
        """The country whose capital this is; for a span the model called a person, only
        when the capital is not also a common personal name."""
        key = name_key(text)
        if person_label and key in self.capitals_also_names:
            return None
        return self.capitals.get(key)

    def city(self, text: str, person_label: bool = False) -> str | None:
        """The country of a listed city that is not a capital; never for a span the model
        called a person when the city is also a personal name ('Osaka')."""
        key = name_key(text)
        if person_label and key in self.cities_also_names:
            return None
        return self.cities.get(key)

    def place_country(self, text: str) -> str | None:
        """The country of a known place: a country itself, a capital or a listed city."""
        return self.country_of_place(text) or self.capital(text) or self.city(text)

    def current_name(self, text: str) -> str | None:
        """The name news uses today for another name of a city ('Kiev' → 'Kyiv')."""
        return self.same_city.get(name_key(text))

    def is_region(self, text: str) -> bool:
        """A broad region, sea or strait ('the Indo-Pacific', 'South China Sea')."""
        return _strip_article(name_key(text)) in self.regions

    def seat(self, text: str) -> tuple[str, str] | None:
        """(canonical name, country) of a seat of government ('the Kremlin')."""
        return self.seats.get(_strip_article(name_key(text)))

    def organisation(self, text: str) -> str | None:
        """Canonical name of a listed international organisation ('UN' → 'United Nations')."""
        return self.organisations.get(_strip_article(name_key(text)))

    def country_name(self, country: str) -> str:
        """The country as it reads after 'of' ('the United States')."""
        return f"the {country}" if country in self.definite else country

    def org_sector(self, name: str) -> str | None:
        """Sector of an organisation from the words of its name ('Foreign Ministry' → GOV)."""
        words = key_words(name)
        first, by_word = self._sector_index
        best = first  # the earliest listed phrase found anywhere in the name wins
        for i, word in enumerate(words):
            for order, phrase in by_word.get(word, ()):
                if order < best and words[i : i + len(phrase)] == phrase:
                    best = order
        return self.sector_words[best][1] if best < len(self.sector_words) else None

    @cached_property
    def _sector_index(self) -> tuple[int, dict[str, list[tuple[int, tuple[str, ...]]]]]:
        """The sector phrases by their first word, with their place in ``sector_words``
        (``org_sector`` looks up only the phrases a word of the name can open, not all of
        them), and the place of the first empty phrase (which every name holds)."""
        by_word: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        empty = len(self.sector_words)
        for order, (phrase, _) in enumerate(self.sector_words):
            if phrase:
                by_word.setdefault(phrase[0], []).append((order, phrase))
            else:
                empty = min(empty, order)
        return empty, by_word


def _name_triggers(titles_data: dict) -> frozenset[tuple[str, ...]]:
    """Titles that make the capitalised words after them a name: the listed ones, every
    title of two words or more ('National Security Adviser'), and their variants ('EAM')."""
    listed = {key_words(t) for t in titles_data["name_triggers"]}
    triggers = set(listed)
    for name, spec in titles_data["titles"].items():
        if key_words(name) in listed or len(key_words(name)) > 1:
            triggers |= {key_words(v) for v in [name, *spec.get("variants", [])]}
    return frozenset(triggers)


def _strip_article(key: str) -> str:
    return key[4:] if key.startswith("the ") else key


@cache
def lexicon() -> Lexicon:
    """The tables, loaded once per process."""
    titles_data = read_toml("entities_titles.toml")
    titles: dict[tuple[str, ...], Title] = {}
    for name, spec in titles_data["titles"].items():
        title = Title(name=name, sector=spec["sector"], same_as=spec.get("same_as"))
        for variant in [name, *spec.get("variants", [])]:
            titles.setdefault(key_words(variant), title)
    honorifics = frozenset(key_words(h) for h in titles_data["honorifics"])
    longest = max(len(k) for k in [*titles, *honorifics])

    places = read_toml("entities_places.toml")
    countries: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    demonym_of: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for country, spec in places["countries"].items():
        for alias in [country, *spec.get("aliases", [])]:
            countries.setdefault(_strip_article(name_key(alias)), country)
        for demonym in spec.get("demonyms", []):
            demonyms.setdefault(name_key(demonym), country)
            demonym_of.setdefault(country, demonym)
        for capital in spec.get("capitals", []):
            capitals.setdefault(name_key(capital), country)
    seats = {
        _strip_article(name_key(seat)): (seat, country) for seat, country in places["seats"].items()
    }

    places_extra = read_toml("entities_cities.toml")
    cities = {
        name_key(city): country
        for country, names in places_extra["cities"].items()
        for city in names
        if name_key(city) not in capitals
    }

    orgs = read_toml("entities_orgs.toml")
    organisations: dict[str, str] = {}
    for name, spec in orgs["organisations"].items():
        for alias in [name, *spec.get("aliases", [])]:
            organisations.setdefault(_strip_article(name_key(alias)), name)
    sector_words = tuple(
        sorted(
            ((key_words(w), s) for w, s in orgs["sector_words"].items()),
            key=lambda item: -len(item[0]),
        )
    )
    return Lexicon(
        titles=titles,
        honorifics=honorifics,
        qualifiers=frozenset(titles_data["qualifiers"]),
        counterparts=frozenset(key_words(c) for c in titles_data["counterparts"]),
        name_triggers=_name_triggers(titles_data) | honorifics,
        max_title_words=longest,
        countries=countries,
        demonyms=demonyms,
        demonym_of=demonym_of,
        capitals=capitals,
        seats=seats,
        definite=frozenset(places["definite"]),
        capitals_also_names=frozenset(name_key(c) for c in places["capitals_also_names"]),
        cities=cities,
        cities_also_names=frozenset(name_key(c) for c in places_extra["also_names"]),
        regions=frozenset(_strip_article(name_key(r)) for r in places_extra["regions"]),
        same_city={name_key(k): v for k, v in places_extra.get("same_city", {}).items()},
        organisations=organisations,
        sector_words=sector_words,
        legal_suffixes=frozenset(key_words(w) for w in orgs["legal_suffixes"]),
    )
