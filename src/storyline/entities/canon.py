"""One canonical entity per real thing across the corpus.

``canonicalise`` folds the mentions of every document into entities without comparing all
pairs: each mention gets a *key* (its normalised name, or the country / organisation the
tables say it denotes), keys are grouped by index lookups, and only names that share a surname
or an acronym are ever compared. The corrections are corpus evidence:

* within a document a lone surname is the one full name ending in it ("Modi" after
  "Narendra Modi"), whatever label the model gave it;
* a name's majority type across the corpus wins ("Modi" tagged GPE once is still a person);
* across documents a surname joins the unique full name that ends with it; when two people
  share the surname, a mention joins the one named in its own document, else stays apart;
* full names that differ only by an initial join ("S. Jaishankar" / "Subrahmanyam
  Jaishankar") when the initial fits exactly one full first name;
* an acronym joins the one organisation it abbreviates ("SCO");
* demonyms are NORP entities linked to their country ("Russian" → Russia); "the Russian
  Federation" is Russia; seats of government ("the Kremlin") and capitals stay places.

Entity ids are derived from type and canonical name, so the same corpus gives the same ids.
An actor's (country, sector) for the event coder is ``actor_affiliation``.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.entities.lexicon import Lexicon, lexicon, name_key
from storyline.entities.names import clean_surface, initials, normalise_name
from storyline.models import Entity, Mention
from storyline.models.language import EntityType

#: Tie-break between types with equal votes (a name is more often a person than a place).
TYPE_PRIORITY: tuple[EntityType, ...] = (
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "FAC",
    "NORP",
    "PRODUCT",
    "WORK",
    "EVENT",
)
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_ACRONYM_SKIP = frozenset({"of", "and", "the", "for", "de", "du", "des", "la", "le", "in", "on"})
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.\-]{1,9}$")


@dataclass
class _Item:
    """One mention as canonicalisation sees it."""

    index: int
    key: str
    display: str
    label: EntityType
    fixed: bool  # type and name come from the tables, not from votes
    doc_id: str
    surface: str = ""  # the key as written, before a document resolved a lone surname

    def __post_init__(self) -> None:
        self.surface = self.surface or self.key


def canonicalise(mentions: Sequence[Mention]) -> list[Entity]:
    """Entities, most mentioned first, each with its mentions (``entity_id`` set on each)."""
    lex = lexicon()
    items = [_item(i, m, lex) for i, m in enumerate(mentions)]
    _resolve_surnames_in_documents(items)
    types = _majority_types(items)
    parent = {item.key: item.key for item in items}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    override = _link_people(items, types, union)
    _link_acronyms(items, mentions, types, union)
    clusters: dict[str, list[_Item]] = defaultdict(list)
    for item in items:
        root = override.get(item.index)
        clusters[find(root) if root else find(item.key)].append(item)
    entities = [_entity(members, mentions, lex) for members in clusters.values()]
    _make_ids_unique(entities, clusters)
    _link_demonyms(entities, lex)
    entities.sort(key=lambda e: (-e.mention_count, e.name, e.id))
    return entities


def _item(index: int, mention: Mention, lex: Lexicon) -> _Item:
    text, label, doc_id = mention.text, mention.label, mention.provenance.doc_id
    capitalised = normalise_name(text)[:1].isupper()
    seat = lex.seat(text)
    if seat:
        return _Item(index, name_key(seat[0]), seat[0], "FAC", True, doc_id)
    org = lex.organisation(text)
    if org and capitalised:
        return _Item(index, name_key(org), org, "ORG", True, doc_id)
    country = lex.country_of_place(text)
    if country and capitalised and label not in ("NORP", "PERSON"):
        return _Item(index, name_key(country), country, "GPE", True, doc_id)
    if label != "PERSON" and capitalised and lex.capital(text):
        display = normalise_name(text)
        return _Item(index, name_key(display), display, "GPE", True, doc_id)
    demonym_country = lex.country_of_demonym(text)
    if demonym_country and label in ("NORP", "GPE", "PERSON", "ORG"):
        demonym = lex.demonym_of[demonym_country]
        return _Item(index, "norp " + name_key(demonym), demonym, "NORP", True, doc_id)
    display = normalise_name(text, person=label == "PERSON") or clean_surface(text) or text
    key = name_key(display) or display
    if label == "ORG":
        key = lex.org_key(key)
    return _Item(index, key, display, label, False, doc_id)


def _surname(key: str) -> str:
    words = [w for w in key.split() if w not in _NAME_SUFFIXES]
    return words[-1] if words else key


def _resolve_surnames_in_documents(items: list[_Item]) -> None:
    """A one-word name is the document's only full person name ending in that word (or, for
    a person and failing that, beginning with it: family name first), unless the document
    also starts another kind of name with it ('Ford' of 'Ford Motor Company')."""
    full: dict[tuple[str, str], set[str]] = defaultdict(set)
    displays: dict[str, str] = {}
    leading: set[tuple[str, str]] = set()  # first words of other multi-word names
    organisations = {(i.doc_id, i.key) for i in items if i.label == "ORG" and " " not in i.key}
    for item in items:
        if " " not in item.key or item.fixed:
            continue
        first = (item.doc_id, item.key.split()[0])
        if item.label == "PERSON" and first not in organisations:  # not 'Ford Falcon'
            full[(item.doc_id, _surname(item.key))].add(item.key)
            displays.setdefault(item.key, item.display)
        elif item.label != "PERSON":
            leading.add(first)
    given: dict[tuple[str, str], set[str]] = defaultdict(set)  # names that start with a word
    for (doc_id, _), keys in full.items():
        for key in keys:
            given[(doc_id, key.split()[0])].add(key)
    for item in items:
        if item.fixed or " " in item.key or (item.doc_id, item.key) in leading:
            continue
        candidates = full.get((item.doc_id, item.key), set())
        if not candidates and item.label == "PERSON":  # 'Mr Wang' after 'Wang Yi'
            candidates = given.get((item.doc_id, item.key), set())
        if len(candidates) == 1:
            item.key = next(iter(candidates))
            item.display = displays[item.key]
            item.label = "PERSON"


def _majority_types(items: list[_Item]) -> dict[str, EntityType]:
    """Each key's type: the tables' type, else the majority of its mentions' labels; a lone
    surname also counts the mentions its documents resolved to a person."""
    votes: dict[str, Counter[EntityType]] = defaultdict(Counter)
    fixed: dict[str, EntityType] = {}
    for item in items:
        votes[item.key][item.label] += 1
        if item.surface != item.key:  # 'Jaishankar' resolved in one document votes PERSON
            votes[item.surface][item.label] += 1
        if item.fixed:
            fixed[item.key] = item.label
    return {key: fixed.get(key) or _winner(counter) for key, counter in votes.items()}


def _winner(votes: Counter[EntityType]) -> EntityType:
    return min(votes, key=lambda t: (-votes[t], TYPE_PRIORITY.index(t)))


def _link_people(items: list[_Item], types: dict[str, EntityType], union) -> dict[int, str]:
    """Join name variants of one person, blocked by surname; returns per-mention choices
    for lone surnames that only the mention's own document can disambiguate."""
    people = sorted({i.key for i in items if types[i.key] == "PERSON" and not i.fixed})
    by_surname: dict[str, list[str]] = defaultdict(list)
    for key in people:
        if " " in key:
            by_surname[_surname(key)].append(key)
    groups_of: dict[str, list[str]] = {}
    for surname, keys in by_surname.items():
        groups_of[surname] = _join_first_names(keys, union)
    docs_of: dict[str, set[str]] = defaultdict(set)
    for item in items:
        docs_of[item.key].add(item.doc_id)
    override: dict[int, str] = {}
    for item in items:
        if " " in item.key or item.key not in people or item.key not in groups_of:
            continue
        groups = groups_of[item.key]
        if len(groups) == 1:
            union(item.key, groups[0])
            continue
        here = [g for g in groups if item.doc_id in docs_of[g]]
        if len(here) == 1:
            override[item.index] = here[0]
    return override


def _join_first_names(keys: list[str], union) -> list[str]:
    """Within one surname block: same first name → one person; a bare initial joins the one
    first name it abbreviates. Returns a representative key per person."""
    by_first: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        by_first[key.split()[0]].append(key)
    full_firsts = [f for f in by_first if len(f) > 1]
    representatives = []
    for first, members in sorted(by_first.items()):
        for other in members[1:]:
            union(members[0], other)
        if len(first) == 1:
            matching = [f for f in full_firsts if f.startswith(first)]
            if len(matching) == 1:
                union(members[0], by_first[matching[0]][0])
                continue
        representatives.append(members[0])
    return representatives


def _link_acronyms(
    items: list[_Item], mentions: Sequence[Mention], types: dict[str, EntityType], union
) -> None:
    """An all-capitals name joins the one organisation it abbreviates, by stated alias
    ('Shanghai Cooperation Organization (SCO)') or by the initials of its words."""
    stated: dict[str, set[str]] = defaultdict(set)
    by_initials: dict[str, set[str]] = defaultdict(set)
    for item in items:
        alias = mentions[item.index].alias
        if alias and not alias.startswith("@"):
            stated[name_key(alias)].add(item.key)
        words = tuple(w for w in item.key.split() if w not in _ACRONYM_SKIP)
        if types[item.key] in ("ORG", "FAC", "GPE") and len(words) > 1:
            by_initials[initials(words)].add(item.key)
    for item in items:
        if item.fixed or " " in item.key or not _ACRONYM.match(item.display):
            continue
        candidates = stated.get(item.key) or by_initials.get(item.key.replace(" ", ""), set())
        candidates = {c for c in candidates if c != item.key}
        if len(candidates) == 1:
            union(item.key, next(iter(candidates)))


def _entity(members: list[_Item], mentions: Sequence[Mention], lex: Lexicon) -> Entity:
    fixed = [m for m in members if m.fixed]
    entity_type = fixed[0].label if fixed else _winner(Counter(m.label for m in members))
    name = fixed[0].display if fixed else _canonical_name(members, entity_type)
    entity_id = f"{entity_type.lower()}:{name_key(name).replace(' ', '-') or 'unnamed'}"
    own = [
        mentions[m.index].model_copy(update={"entity_id": entity_id, "label": entity_type})
        for m in members
    ]
    own.sort(key=lambda m: (m.provenance.doc_id, m.provenance.start))
    return Entity(
        id=entity_id,
        name=name,
        type=entity_type,
        roles=_roles(own),
        aliases=_aliases(own, name),
        mention_count=len(own),
        documents=sorted({m.provenance.doc_id for m in own}),
        mentions=own,
    )


def _canonical_name(members: list[_Item], entity_type: EntityType) -> str:
    """The fullest name: most words, a spelled-out first name, then the most frequent."""
    counts = Counter(m.display for m in members)

    def score(display: str) -> tuple:
        words = display.split()
        full_first = entity_type == "PERSON" and len(words) > 1 and len(words[0].rstrip(".")) > 1
        return (
            -(len(words) if entity_type == "PERSON" else 0),
            -full_first,
            -counts[display],
            -len(display),
            display,
        )

    return min(counts, key=score)


def _roles(mentions: list[Mention]) -> list[str]:
    """Distinct roles, most stated first; 'President' is dropped next to 'President of Russia'."""
    counts = Counter(m.role for m in mentions if m.role)
    by_fold: dict[str, str] = {}
    for role, _ in sorted(counts.items(), key=lambda rc: (-rc[1], rc[0])):
        by_fold.setdefault(role.casefold(), role)
    roles = list(by_fold.values())
    return [r for r in roles if not any(o != r and o.startswith(f"{r} of ") for o in roles)]


def _aliases(mentions: list[Mention], name: str) -> list[str]:
    """Every other way the corpus writes the name: surfaces, titled forms, handles."""
    counts: Counter[str] = Counter()
    for m in mentions:
        surface = normalise_name(m.text) or m.text
        counts[surface] += 1
        if m.title:
            counts[f"{clean_surface(m.title)} {surface}"] += 1
        if m.alias:
            counts[m.alias] += 1
    counts.pop(name, None)
    return [a for a, _ in sorted(counts.items(), key=lambda ac: (-ac[1], ac[0]))]


def _make_ids_unique(entities: list[Entity], clusters: dict[str, list[_Item]]) -> None:
    """Two entities with one name (people apart by document) get a stable suffix."""
    seen = Counter(e.id for e in entities)
    for entity, root in zip(entities, clusters, strict=True):
        if seen[entity.id] > 1:
            suffix = hashlib.sha1(root.encode("utf-8")).hexdigest()[:6]
            new_id = f"{entity.id}~{suffix}"
            entity.id = new_id
            for m in entity.mentions:
                m.entity_id = new_id


def _link_demonyms(entities: list[Entity], lex: Lexicon) -> None:
    countries = {e.name: e.id for e in entities if e.type == "GPE"}
    for entity in entities:
        if entity.type == "NORP":
            country = lex.country_of_demonym(entity.name)
            entity.linked_to = countries.get(country) if country else None
