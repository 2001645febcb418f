"""An actor's (country, sector) for the event coder, CAMEO-style, read off a canonical entity.

The event coder needs to know that "Vladimir Putin" acts for Russia's government and the
"Indian Army" for India's military. This reads it from the entity's roles and name with the
entity layer's tables (countries, demonyms, capitals, seats of government, titles and their
sectors); ``canon`` builds the entities it is asked about.
"""

from __future__ import annotations

from collections.abc import Mapping

from storyline.entities.actors import actor_dictionary, dictionary_person, latest_code
from storyline.entities.lexicon import Lexicon, Title, key_words, lexicon, name_key
from storyline.models import Entity


def affiliation(entity: Entity) -> tuple[str | None, str | None]:
    """(country, sector) of an actor for the event coder, CAMEO-style sectors.

    People: from their roles ('President of Russia' → ('Russia', 'GOV')); countries,
    capitals and demonyms: the country; seats of government: the country's GOV; organisations:
    a country or demonym in the name and the sector its words suggest ('Indian Army' →
    ('India', 'MIL')).
    """
    lex = lexicon()
    if entity.type == "PERSON":
        return _person_affiliation(entity, lex)
    if entity.type == "NORP":
        return lex.country_of_demonym(entity.name), None
    seat = lex.seat(entity.name)
    if seat:
        return seat[1], "GOV"
    if entity.type in ("GPE", "LOC"):
        country = (
            lex.country_of_place(entity.name)
            or lex.capitals.get(name_key(entity.name))
            or lex.city(entity.name)
        )
        return country, None
    if entity.type == "ORG":
        sector = lex.org_sector(entity.name) or dictionary_sector(entity)
        return country_in_name(entity.name, lex), sector
    return None, None


def dictionary_sector(entity: Entity) -> str | None:
    """The sector PETRARCH2's actor dictionaries give an organisation its name or an alias
    names ("Boeing" MNCUSA → MNC, "Hamas" PSEREBHMS → REB, "Reuters" MED → MED): the first
    part of its CAMEO code that is a role (``entities_actor_codes.toml``), so a company, a
    rebel group or a news agency a text names without a sector word still says what it is.
    Only the sector: the country in an international actor's code is where it is based, not a
    state it acts for (CAMEO puts the type first: "MNCUSA", not "USAMNC")."""
    actors = actor_dictionary()
    for name in (entity.name, *entity.aliases):
        code = actors.organisations.get(name_key(name))
        if code:
            return code_sector(code, actors.role_words)
    return None


def code_sector(code: str, role_words: Mapping[str, str]) -> str | None:
    """The first three-letter part of a CAMEO actor code that is a role ("PSEREBHMS" → REB,
    "IGOUNODEVWBK" → IGO); country parts and group names are not roles."""
    parts = (code[i : i + 3] for i in range(0, len(code), 3))
    return next((part for part in parts if part in role_words), None)


def capital_country(entity: Entity) -> str | None:
    """The country a capital stands for when it is named as a party to an act ("Manila signed",
    "Washington warned"): PETRARCH2's country dictionary codes those capitals as the country.
    Only national capitals (the places table): any other city named as a doer is a host or a
    dateline, not a government ("Kazan held talks" is nobody)."""
    if entity.type != "GPE":
        return None
    return lexicon().capital(entity.name)


def _person_affiliation(entity: Entity, lex: Lexicon) -> tuple[str | None, str | None]:
    """From the roles the text states; failing a country there, from the PETRARCH2 actor
    dictionary's latest code for the person ('Dmitry Peskov' → ('Russia', 'GOV'))."""
    fallback: tuple[str | None, str | None] = (None, None)
    for role in entity.roles:
        title, where = _split_role(role, lex)
        sector = title.sector if title else None
        country = lex.country_of_place(where) if where else None
        if country:
            return country, sector
        if fallback == (None, None) and where:
            fallback = (country_in_name(where, lex), lex.org_sector(where) or sector)
        elif fallback == (None, None) and sector:
            fallback = (None, sector)
    if fallback[0] is None:
        known = _dictionary_affiliation(entity)
        if known[0]:
            return known[0], fallback[1] or known[1]
    return fallback


def _dictionary_affiliation(entity: Entity) -> tuple[str | None, str | None]:
    actors = actor_dictionary()
    person = dictionary_person(entity)
    code = latest_code(person) if person else None
    if code is None:
        return None, None
    sector = code.code[3:6]
    return actors.country_of(code.code), sector if sector in actors.role_words else None


def _split_role(role: str, lex: Lexicon) -> tuple[Title | None, str | None]:
    """('President' title, 'Russia') from 'former President of Russia'; the title may itself
    contain 'of' ('Chancellor of the Exchequer')."""
    words = role.split()
    if words and words[0].casefold() in lex.qualifiers:
        words = words[1:]
    text = " ".join(words)
    if key_words(text) in lex.titles:
        return lex.titles[key_words(text)], None
    parts = text.split(" of ")
    for cut in range(len(parts) - 1, 0, -1):
        head = " of ".join(parts[:cut])
        if key_words(head) in lex.titles:
            return lex.titles[key_words(head)], " of ".join(parts[cut:])
    return None, parts[-1] if len(parts) > 1 else None


def country_in_name(name: str, lex: Lexicon | None = None) -> str | None:
    """A country named or implied by a demonym inside a longer name ('Russian Navy')."""
    lex = lex or lexicon()
    words = key_words(name)
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            key = " ".join(words[i : i + n])
            country = lex.countries.get(key) or lex.demonyms.get(key)
            if country:
                return country
    return None


def nationality_country(word: str) -> str | None:
    """The country a nationality word names ("Indian" → India, "Somalian" → Somalia), for a
    word already read as a nationality (a NORP mention): the entity layer's demonyms, else a
    name PETRARCH2's country dictionary lists for the country (it lists each country's demonyms
    among its names: SOMALI, SOMALIAN, SOMALIYA) and our place tables do not know as a place
    (the dictionary lists the country's cities and regions among its names too: MOGADISHU,
    PUNTLAND)."""
    lex = lexicon()
    known = lex.country_of_demonym(word)
    if known:
        return known
    key = name_key(word)
    actors = actor_dictionary()
    for candidate in (key, key[:-1] if key.endswith("s") else ""):
        code = actors.places.get(candidate)
        if code and not lex.place_country(candidate):
            return actors.country_of(code)
    return None
