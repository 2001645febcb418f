"""Would TABARI's or PETRARCH's dictionaries find this party? Read per document, no hand list.

The coders' last-resort target (``scope``: the first actor after the verb in its clause) only
ever finds an actor their dictionaries know: countries and their places, the international and
non-state actors they list, and agent nouns (PETRARCH2's ``dictionaries.rst``,
``Phoenix.Countries.actors.txt``, ``Phoenix.International.actors.txt``, ``Phoenix.agents.txt``).
A baseball team, a clinic, a boxer or a company they do not list is invisible to them. This
module reads a party's standing from the same open sources and the entity layer (copied from the
``gate18`` branch's sector reading, which was measured as a gate on whole events and not merged):

- a place named as a party (GPE) or a nationality (NORP) is a state or its people: political;
- an organisation has the sector of PETRARCH2's actor dictionary's code for it ("Boeing"
  MNCUSA → MNC, "Greenpeace" → NGO, "Group of Eight" → IGO, and so every numbered group of
  states), or failing that the one its name's words give (``Lexicon.org_sector``: "Air
  Force" MIL, "Interior Department" GOV);
- a person has the sector of the title or role the text gives them ("Judge", "Senator",
  "Chief Executive") or of the agent noun heading the phrase ("prosecutors", "the police"),
  else the roles PETRARCH2's actor dictionary records for the name;
- anything else is unknown: a name the dictionaries do not know and the text gives no role for.

A known sector is political (``POLITICAL_SECTORS``), commercial (``COMMERCIAL_SECTORS``) or
civil (media, health, NGOs, labour …).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import Literal

from storyline.entities.actor_affiliation import code_sector
from storyline.entities.actors import actor_dictionary
from storyline.entities.lexicon import key_words, lexicon, name_key
from storyline.entities.names import normalise_name
from storyline.events.lexicon import agent_noun_rows
from storyline.events.references import ActorRef
from storyline.models import Mention
from storyline.text.plurals import noun_forms
from storyline.text.spellings import written_forms

Standing = Literal["political", "civil", "commercial", "unknown"]

#: CAMEO role codes of states and those who contend for or use state power (CAMEO codebook,
#: ch. 2: government, military, police, judiciary, legislature, parties, opposition, rebels,
#: separatists, insurgents, unaffiliated armed forces, intelligence, intergovernmental and
#: international militarised groups, former officials).
POLITICAL_SECTORS = frozenset("GOV MIL COP JUD LEG PTY OPP REB SEP INS UAF SPY IGO IMG ELI".split())
#: Codes of companies: CAMEO's business and multinational corporation.
COMMERCIAL_SECTORS = frozenset({"BUS", "MNC"})
STATE_LABELS = frozenset({"GPE", "NORP"})
#: Labels of places that are no state by themselves ("Morningside Recovery", "the Capitol"):
#: a party only where PETRARCH2's country dictionary lists them ("West Bank" PSE).
PLACE_LABELS = frozenset({"LOC", "FAC"})


def coders_know(ref: ActorRef, label: str | None, aliases: Sequence[Mention] = ()) -> bool:
    """Would the coders' dictionaries find this party as a political actor? A state or a
    nationality, a place the country dictionary or the entity layer's place tables list, an
    organisation listed with a political code or whose name's words are a state body's, a
    person whose title, role or dictionary record is political, a phrase headed by a political
    agent noun ("the police"). ``aliases``: the document's other mentions of the same party
    ("George W. Bush" for a later "Bush"), read the same way."""
    if label in STATE_LABELS:
        return True
    mentions = [m for m in (ref.mention, *aliases) if m is not None]
    if label in PLACE_LABELS | {"ORG"} and any(_names_a_place(m.text) for m in mentions):
        return True
    if label in PLACE_LABELS:
        return False
    if standing(ref, label) == "political":
        return True
    return any(standing(_as_ref(m), label) == "political" for m in mentions if m is not ref.mention)


def _names_a_place(name: str) -> bool:
    """A name that is or holds a place PETRARCH2's country dictionary lists (its countries,
    regions and cities: "West Bank" PSE, "Kathmandu" NPL) or the entity layer's tables know as
    a country, capital or city. The coders match the dictionary's phrases inside a noun phrase,
    so "Baghdad University Medical School" is coded IRQ and "a village in Western Cambodia" KHM."""
    places = actor_dictionary().places
    words = key_words(_bare(name))
    if lexicon().place_country(_bare(name)) is not None:
        return True
    return any(
        " ".join(words[i : i + n]) in places for n in (3, 2, 1) for i in range(len(words) - n + 1)
    )


def _as_ref(mention: Mention) -> ActorRef:
    where = mention.provenance
    return ActorRef(mention.text, where.start, where.end, mention, "name")


def standing(ref: ActorRef, label: str | None) -> Standing:
    """The standing of one party (module doc); ``label`` is the entity label the document gives
    the party's mention (``ActorResolver.label_of``), None for a phrase that names no entity."""
    mention = ref.mention
    if label in STATE_LABELS:
        return "political"
    if mention is not None and label == "ORG":
        return sector_standing(
            organisation_sector(lexicon().organisation(mention.text) or mention.text)
        )
    if mention is not None and label == "PERSON":
        for said in (mention.title, mention.role):
            found = _said_sector(said)
            if found is not None:
                return sector_standing(found)
        found = _noun_sector(ref.text) if ref.text != mention.text else None
        read = sector_standing(found or _dictionary_person_sector(mention.text))
        # a title the phrase gives before the name ("Senator Bob Jones": the name is "Bob Jones")
        before = ref.text[: -len(mention.text)].strip() if ref.text.endswith(mention.text) else ""
        if read != "political" and before and _said_sector(before) in POLITICAL_SECTORS:
            return "political"
        return read
    if mention is None:
        return sector_standing(_noun_sector(ref.text))
    return "unknown"


def sector_standing(sector: str | None) -> Standing:
    if sector is None:
        return "unknown"
    if sector in POLITICAL_SECTORS:
        return "political"
    return "commercial" if sector in COMMERCIAL_SECTORS else "civil"


@cache
def agent_sectors() -> dict[str, str]:
    """PETRARCH2's agent heads with the sector code of most of their phrases ("judge" JUD,
    "police" COP, "company" BUS), with their plurals, then their other spellings ("protestors"
    OPP: ``text.spellings``, as ``lexicon.agent_nouns`` forms them); a form the file lists
    keeps its own head's code."""
    sectors: dict[str, str] = {}
    for forms_of in (noun_forms, written_forms):
        for head, sector, *_ in agent_noun_rows():
            for form in sorted(forms_of(head)):
                sectors.setdefault(form, sector)
    return sectors


def organisation_sector(name: str) -> str | None:
    """The sector PETRARCH2's actor dictionary codes an organisation with ("Boeing" MNC,
    "Group of Eight" IGO), else the one a numbered group of states has there ("Group of Twenty",
    "G20": ``numbered_groups``), else the one its name's words say ("Foreign Ministry" GOV).
    The dictionary first: it names the actor itself, where the words table reads one word
    ("group" is BUS for "Tata Group", and would make the Group of Twenty a company)."""
    # imported here: numbered_groups reads figures, which read the event lexicon (a cycle)
    from storyline.entities.numbered_groups import numbered_group_key

    actors = actor_dictionary()
    key = name_key(_bare(name))
    code = actors.organisations.get(key)
    sector = code_sector(code, actors.role_words) if code else None
    if sector is None and numbered_group_key(key) is not None:
        sector = numbered_group_sector()
    return sector or lexicon().org_sector(name)


@cache
def numbered_group_sector() -> str | None:
    """The sector most of the dictionary's numbered groups ("Group of Seven" IGOGOS, "Group of
    Eight" IGOBUSGOE) have: the one a group it does not list takes."""
    from storyline.entities.numbered_groups import numbered_group_key

    actors = actor_dictionary()
    sectors = Counter(
        sector
        for key, code in actors.organisations.items()
        if numbered_group_key(key) is not None
        and (sector := code_sector(code, actors.role_words)) is not None
    )
    return sectors.most_common(1)[0][0] if sectors else None


def _bare(name: str) -> str:
    return name.removeprefix("the ").removeprefix("The ")


def _said_sector(words: str | None) -> str | None:
    """The sector of a title or role the text states ("Judge", "Red Sox captain")."""
    return _noun_sector(words) if words else None


def _noun_sector(phrase: str) -> str | None:
    """The sector of the title or agent noun heading a phrase: the title table's phrase that
    ends it ("Interior Secretary", "chief executive"), else its last word's agent row."""
    words = key_words(phrase.replace("’s", "").replace("'s", ""))
    if not words:
        return None
    titles = lexicon().titles
    for size in range(min(len(words), 4), 0, -1):
        title = titles.get(words[-size:])
        if title is not None and title.sector:
            return title.sector
    return agent_sectors().get(words[-1])


def _dictionary_person_sector(name: str) -> str | None:
    """A role the actor dictionary records for a full name, political ones first: it lists
    office holders and public figures, whatever their office on the article's date."""
    key = name_key(normalise_name(name, person=True))
    actors = actor_dictionary()
    if " " not in key or key not in actors.people_by_key:
        return None
    sectors = {
        sector
        for person in actors.people_named(key)
        for code in person.codes
        if (sector := code_sector(code.code, actors.role_words)) is not None
    }
    political = sorted(sectors & POLITICAL_SECTORS)
    return political[0] if political else min(sectors, default=None)
