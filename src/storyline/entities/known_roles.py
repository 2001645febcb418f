"""Who held which office when: a person's role from the PETRARCH2 actor dictionary, for the
date of each article that names them.

The dictionary gives dated CAMEO codes ("RUSGOV since 9 March 2004"); a role is shown for an
article's date when a code holds on it. The dictionary ends about 2015: for a later article only
a code still open then is shown, and it says so ("its records end in 2015"); the roles stated in
the text itself (``Entity.roles``) stay the first word on later offices. A name the dictionary
lists for several people is read only when they are one country's (the same person entered
twice) or when the text's own roles pick one country.
"""

from __future__ import annotations

from collections.abc import Mapping

from storyline.entities.actor_affiliation import affiliation
from storyline.entities.actors import ActorPerson, DatedCode, actor_dictionary
from storyline.entities.lexicon import lexicon, name_key
from storyline.entities.names import normalise_name
from storyline.models import Entity


def known_roles(entity: Entity, dates: Mapping[str, str | None]) -> list[str]:
    """The dictionary's roles for ``entity`` on the dates of its documents, in date order."""
    if entity.type != "PERSON":
        return []
    person = dictionary_person(entity)
    if person is None:
        return []
    actors = actor_dictionary()
    days: list[str | None] = [*sorted({day for d in entity.documents if (day := dates.get(d))})]
    days = days or [None]  # undated: the latest role the dictionary records
    found: list[str] = []
    for day in days:
        role = actors.role_on(person, day)
        if role is not None:
            text = role.describe(actors.coverage_end)
            if text not in found:
                found.append(text)
    return found


def dictionary_person(entity: Entity) -> ActorPerson | None:
    """The one dictionary person an entity's full names point to, or None."""
    actors = actor_dictionary()
    names = {entity.name, *(normalise_name(m.text, person=True) for m in entity.mentions)}
    indices = {
        i
        for name in names
        if " " in (key := name_key(name))
        for i in actors.people_by_key.get(key, ())
    }
    if not indices:
        return None
    people = [actors.person(i) for i in sorted(indices)]
    countries = {_country_codes(p) for p in people}
    if len(countries) > 1:
        stated = lexicon().country_name(affiliation(entity)[0] or "")
        people = [p for p in people if _names_country(p, stated)]
        if not people or len({_country_codes(p) for p in people}) > 1:
            return None
    if len(people) == 1:
        return people[0]
    codes = tuple(dict.fromkeys(c for p in people for c in p.codes))
    return ActorPerson(people[0].name, tuple(k for p in people for k in p.keys), codes)


def _country_codes(person: ActorPerson) -> frozenset[str]:
    return frozenset(c.code[:3] for c in person.codes if c.dated)


def _names_country(person: ActorPerson, country: str) -> bool:
    actors = actor_dictionary()
    return bool(country) and any(
        lexicon().country_name(actors.countries.get(c.code[:3], "")) == country
        for c in person.codes
        if isinstance(c, DatedCode)
    )
