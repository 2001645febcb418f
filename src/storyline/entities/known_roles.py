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
from storyline.entities.actors import actor_dictionary, dictionary_person
from storyline.models import Entity


def known_roles(entity: Entity, dates: Mapping[str, str | None]) -> list[str]:
    """The dictionary's roles for ``entity`` on the dates of its documents, in date order."""
    if entity.type != "PERSON":
        return []
    person = dictionary_person(entity, affiliation(entity)[0])
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
