"""One canonical entity per real thing across the corpus.

``canonicalise`` folds the mentions of every document into entities without comparing all
pairs: each mention gets a *key* (its normalised name, or the country / organisation the
tables say it denotes), keys are grouped by index lookups, and only names that share a
surname skeleton, an acronym or a spelling skeleton are ever compared. The corrections are
corpus evidence:

* within a document a lone surname is the one full name ending in it ("Modi" after
  "Narendra Modi"), whatever label the model gave it, and an office written as an acronym is
  the document's one holder of it ("EAM") — ``people``;
* a name's majority type across the corpus wins ("Modi" tagged GPE once is still a person),
  a type the rules read from the text before the model's guesses ("the Burgenstock resort");
* people: initials, short forms, transliterations and the actor dictionary's variants join one
  person under evidence; a lone surname joins the unique person of its block — ``people``;
* an acronym joins the one organisation it abbreviates ("SCO"), places and organisations
  spelt two ways join under evidence ("Kyiv"/"Kiev"), and a document or event written short
  joins its one full name ("New Delhi Declaration"), and a company its first word names
  ("Northrop" beside "Northrop Grumman") — ``spellings``;
* demonyms are NORP entities linked to their country ("Russian" → Russia); "the Russian
  Federation" is Russia; seats of government ("the Kremlin") and capitals stay places, also
  where they stand for the government ("urged Washington to stop"): that reading is common
  (about 24 of 59 capital names in the briefing set's tuning part), but MEANTIME marks every
  capital name it annotates as the city, and the briefing gold itself keeps Moscow, Beijing
  and Kyiv as the cities in that use: a rule would trade one convention for the other;
* a person the actor dictionary knows gets its dated role for each article's date —
  ``known_roles``.

Entity ids are derived from type and canonical name, so the same corpus gives the same ids.
An actor's (country, sector) for the event coder is ``actor_affiliation``.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from storyline.entities.actors import actor_dictionary
from storyline.entities.known_roles import known_roles
from storyline.entities.lexicon import Lexicon, key_words, lexicon, name_key
from storyline.entities.name_items import Context, Keys, NameItem
from storyline.entities.names import clean_surface, normalise_name
from storyline.entities.numbered_groups import numbered_group_key
from storyline.entities.people import descriptor_first, link_people, resolve_in_documents
from storyline.entities.spellings import (
    link_acronyms,
    link_country_led,
    link_first_words,
    link_short_forms,
    link_spellings,
)
from storyline.models import Entity, Mention
from storyline.models.language import EntityType

#: The model's label as an entity type, to tell which labels the rules set.
_MODEL_TYPES = {"WORK_OF_ART": "WORK"}

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


def canonicalise(
    mentions: Sequence[Mention],
    dates: Mapping[str, str | None] | None = None,
    owned: bool = False,
) -> list[Entity]:
    """Entities, most mentioned first, each with copies of its mentions (``entity_id`` set on
    each); ``dates`` (document id → ISO publication date) picks the actor dictionary's role for
    each article's date. ``owned``: nothing else holds ``mentions`` (read fresh from the
    store), so the entities take them, changed in place, instead of copies
    (``linked_entities``)."""
    lex = lexicon()
    items = [_item(i, m, lex) for i, m in enumerate(mentions)]
    resolve_in_documents(items, lex)
    return linked_entities(items, mentions, dates, owned)


def document_items(
    mentions: Sequence[Mention], first: int = 0
) -> tuple[list[NameItem], dict[str, str]]:
    """What ``canonicalise`` makes of one document's mentions before it looks across
    documents: their items (indexed from ``first``) with the document's lone surnames and
    office acronyms resolved, and the first spelling of each full person name it writes (a
    resolved item shows the corpus' first spelling: ``linked_entities``'s caller sets it). A
    function of those mentions, the tables and the code alone, so it can be kept per document
    (``entities.kept``)."""
    lex = lexicon()
    items = [_item(first + i, m, lex) for i, m in enumerate(mentions)]
    return items, resolve_in_documents(items, lex)


def linked_entities(
    items: list[NameItem],
    mentions: Sequence[Mention],
    dates: Mapping[str, str | None] | None = None,
    owned: bool = False,
) -> list[Entity]:
    """The entities of ``items`` (each document's resolved: ``document_items``), ``mentions``
    their mentions by index: ``canonicalise`` after its per-document part. ``owned``: nothing
    else holds ``mentions``, so each gets its entity id and label in place instead of copied:
    a copy is a second instance and ``__dict__`` per mention, and until the view is compacted
    a copied fields-set of 728 bytes, so the copies were much of the stage's rise (issue 18:
    on a 1,600-document pile it fell from 136 to 80 MB without them, benchmarks/results.md
    "entmem24")."""
    lex = lexicon()
    types = _majority_types(items)
    keys = Keys([item.key for item in items])
    context = Context(items)
    descriptors = _descriptor_keys(items, mentions)
    override = link_people(
        items,
        types,
        keys,
        context,
        lambda name: _known_thing(name, lex),
        lambda t: _title(t, lex),
        descriptors,
    )
    acronyms = link_acronyms(items, mentions, types, keys)
    link_spellings(items, types, keys, context, lex)
    link_short_forms(items, types, keys, context)
    link_country_led(items, types, keys, context, lex)
    link_first_words(items, types, keys, context)
    clusters: dict[str, list[NameItem]] = defaultdict(list)
    for item in items:
        root = override.get(item.index)
        clusters[keys.find(root) if root else keys.find(item.key)].append(item)
    entities = [
        _entity(members, mentions, acronyms, descriptors, owned) for members in clusters.values()
    ]
    _make_ids_unique(entities, clusters)
    _link_demonyms(entities, lex)
    for entity in entities:
        entity.known_roles = known_roles(entity, dates or {})
    entities.sort(key=lambda e: (-e.mention_count, e.name, e.id))
    return entities


def _item(index: int, mention: Mention, lex: Lexicon) -> NameItem:
    text, label, doc_id = mention.text, mention.label, mention.provenance.doc_id
    if label != "PERSON":
        text = lex.current_name(text) or text  # 'Kiev' is Kyiv, 'Bombay' Mumbai
    capitalised = normalise_name(text)[:1].isupper()
    seat = lex.seat(text)
    if seat:
        return NameItem(index, name_key(seat[0]), seat[0], "FAC", True, doc_id)
    org = lex.organisation(text)
    if org and capitalised:
        return NameItem(index, name_key(org), org, "ORG", True, doc_id)
    group = numbered_group_key(name_key(text)) if label != "PERSON" else None
    if group and capitalised:  # 'G-7' and 'Group of Seven': one name, an organisation's
        display = normalise_name(text) or text
        return NameItem(index, group, display, "ORG", False, doc_id, evidence=True)
    country = lex.country_of_place(text)
    if country and capitalised and label not in ("NORP", "PERSON"):
        return NameItem(index, name_key(country), country, "GPE", True, doc_id)
    if label != "PERSON" and capitalised and lex.capital(text):
        display = normalise_name(text)
        return NameItem(index, name_key(display), display, "GPE", True, doc_id)
    demonym_country = lex.country_of_demonym(text)
    if demonym_country and label in ("NORP", "GPE", "PERSON", "ORG"):
        demonym = lex.demonym_of[demonym_country]
        return NameItem(index, "norp " + name_key(demonym), demonym, "NORP", True, doc_id)
    display = normalise_name(text, person=label == "PERSON") or clean_surface(text) or text
    key = name_key(display) or display
    if label == "ORG":
        key = lex.org_key(key)
    evidence = label != _MODEL_TYPES.get(mention.model_label, mention.model_label)
    return NameItem(
        index, key, display, label, False, doc_id, title=_office(mention, lex), evidence=evidence
    )


def _descriptor_keys(items: list[NameItem], mentions: Sequence[Mention]) -> set[str]:
    """Person keys whose first word describes the person ('Comedian Ellen DeGeneres', 'GM Ed
    Stefanski'; ``people.descriptor_first``), judged on every mention of the key."""
    words: dict[str, list[str]] = {}
    initial: dict[str, bool] = {}
    for item in items:
        if item.label != "PERSON" or item.fixed or item.key.count(" ") < 2:
            continue
        if item.surface != item.key:  # 'DeGeneres' resolved to the full name: not its words
            continue
        where = mentions[item.index].provenance
        words.setdefault(item.key, item.display.split())
        initial[item.key] = initial.get(item.key, True) and where.start == where.sentence_start
    return {key for key, w in words.items() if descriptor_first(w, initial[key])}


def _title(text: str, lex: Lexicon) -> str | None:
    title = lex.titles.get(key_words(text))
    return title.name if title else None


def _known_thing(name: str, lex: Lexicon) -> bool:
    """The tables or the actor dictionary know the name as a place or an organisation."""
    actors = actor_dictionary()
    key = name_key(name)
    return bool(
        lex.country_of_place(name)
        or lex.country_of_demonym(name)
        or lex.capital(name)
        or lex.city(name)
        or lex.is_region(name)
        or lex.seat(name)
        or lex.organisation(name)
        or key in actors.places
        or key in actors.organisations
    )


def _office(mention: Mention, lex: Lexicon) -> str | None:
    """The office a mention's title or stated role names ('EAM' → 'External Affairs Minister')."""
    for text in (mention.title, mention.role):
        words = key_words(text or "")
        for n in range(min(len(words), lex.max_title_words), 0, -1):
            for start in range(len(words) - n + 1):
                title = lex.titles.get(words[start : start + n])
                if title is not None:
                    return title.name
    return None


def _majority_types(items: list[NameItem]) -> dict[str, EntityType]:
    """Each key's type: the tables' type, else the majority of its mentions' labels; a lone
    surname also counts the mentions its documents resolved to a person."""
    votes: dict[str, list[NameItem]] = defaultdict(list)
    fixed: dict[str, EntityType] = {}
    for item in items:
        votes[item.key].append(item)
        if item.surface != item.key:  # 'Jaishankar' resolved in one document votes PERSON
            votes[item.surface].append(item)
        if item.fixed:
            fixed[item.key] = item.label
    return {key: fixed.get(key) or _winner(voters) for key, voters in votes.items()}


def _winner(voters: list[NameItem]) -> EntityType:
    """The majority label, where a label the rules read from the text ('the summit at the
    Burgenstock resort': a place) outvotes the model's bare guesses for the same name (a
    one-word name it has never seen, called a city): the rules change a label only on
    evidence, the model labels every span."""
    votes = Counter(m.label for m in voters)
    read = Counter(m.label for m in voters if m.evidence)
    return min(votes, key=lambda t: (-read[t], -votes[t], TYPE_PRIORITY.index(t)))


def _entity(
    members: list[NameItem],
    mentions: Sequence[Mention],
    acronyms: set[str],
    descriptors: set[str],
    owned: bool = False,
) -> Entity:
    """The entity of one cluster: the tables' type and name when they fixed them, else the
    majority label and the fullest name; acronyms joined to their long form do not vote, nor
    does a name with a descriptor in front of another name of the cluster ('Comedian Ellen
    DeGeneres' next to 'Ellen DeGeneres')."""
    fixed = [m for m in members if m.fixed]
    keys = {m.key for m in members}
    spelled = [
        m
        for m in members
        if m.key not in acronyms
        and not (m.key in descriptors and any(m.key.endswith(f" {k}") for k in keys))
    ]
    voters = spelled or members
    full = [m for m in voters if " " in m.key]
    if any(m.label == "PERSON" for m in full):
        voters = full  # 'Warren Steed Jeffs' decides what 'Jeffs' (read as an ORG) is
    entity_type = fixed[0].label if fixed else _winner(voters)
    name = fixed[0].display if fixed else _canonical_name(voters, entity_type)
    entity_id = f"{entity_type.lower()}:{name_key(name).replace(' ', '-') or 'unnamed'}"
    if owned:
        own = [mentions[m.index] for m in members]
        for mention in own:
            mention.entity_id, mention.label = entity_id, entity_type
    else:
        update = {"entity_id": entity_id, "label": entity_type}
        own = [mentions[m.index].model_copy(update=update) for m in members]
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


def _canonical_name(members: list[NameItem], entity_type: EntityType) -> str:
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


def _make_ids_unique(entities: list[Entity], clusters: dict[str, list[NameItem]]) -> None:
    """Two entities with one name (people apart by document) get a stable suffix."""
    seen = Counter(e.id for e in entities)
    for entity, root in zip(entities, clusters, strict=True):
        if seen[entity.id] > 1:
            suffix = hashlib.sha1(root.encode("utf-8")).hexdigest()[:6]
            new_id = f"{entity.id}~{suffix}"
            entity.id = new_id
            for m in entity.mentions:
                m.entity_id = new_id


#: The suffixes English forms a demonym with from a place's name, its final vowel dropped or
#: not ('Californi-an', 'Crime-an', 'Paris-ian', 'Kashmir-i', 'Bengal-i', 'Hawai-ian').
_DEMONYM_SUFFIXES = ("ian", "an", "n", "i", "ese")
_MIN_STEM = 4


def _link_demonyms(entities: list[Entity], lex: Lexicon) -> None:
    """Each nationality word points at its country, by the tables ('Turkish' → Turkey), or
    at the place of the pile it is formed from ('a Californian country house' → California):
    the tables know countries only, and a demonym used as an adjective is no participant of
    its own but says which place is involved."""
    countries = {e.name: e.id for e in entities if e.type == "GPE"}
    stems: dict[str, str] = {}
    for e in entities:
        if e.type == "GPE":
            key = name_key(e.name)
            stems.setdefault(key, e.id)
            stems.setdefault(key.rstrip("aeiouy"), e.id)
    for entity in entities:
        if entity.type == "NORP":
            country = lex.country_of_demonym(entity.name)
            entity.linked_to = countries.get(country) if country else _formed_from(entity, stems)


def _formed_from(entity: Entity, stems: dict[str, str]) -> str | None:
    """The place ``entity``'s name is a demonym of ('Kashmiris': plural too), if any."""
    key = name_key(entity.name)
    for word in dict.fromkeys((key, key.removesuffix("s"))):
        for suffix in _DEMONYM_SUFFIXES:
            stem = word.removesuffix(suffix)
            if stem != word and len(stem) >= _MIN_STEM and " " not in stem and stem in stems:
                return stems[stem]
    return None
