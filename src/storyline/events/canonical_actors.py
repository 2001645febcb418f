"""Event actors as canonical entities: who each actor of a mention is, across documents.

An actor is resolved through the entity mentions' provenance ((doc_id, start, end) → entity),
else the entity mention it overlaps most, else the one entity its name names in that document;
it then carries the entity's name and, through ``affiliation``, its country and sector. A
capital that does something ("Manila signed the deal", "Washington imposed sanctions") is its
country's government speaking through a place name, as event data codes it (PETRARCH2's country
dictionary lists each capital among its country's names; "place for people" is the commonest
metonymy of place names in news, Markert & Nissim's SemEval-2007 study): through ``stands_for``
such an actor is the country's entity where the corpus has one, keeping its own words as text.
``actor_key`` is who an actor is when events are compared.

A person named inside a longer name is that person (``same_people``): a descriptor kept in a
person's span ("Comedian Ellen DeGeneres", "GM Ed Stefanski") or a middle initial ("H. Dale
Hall") names the person the shorter name does, and a bare surname ("Bush", "Putin": the second
reference of news style) the one person of the pile whose full name ends with it. In the same
way an organisation named without its place ("the Angels", "the Red Sox", "the Post") is the
one organisation of the pile named with it ("Los Angeles Angels", "Boston Red Sox", "Washington
Post"; ECB+'s baseball and rehab-clinic reports, and the place-led bodies of the India–Russia
piles' wire copy: ``same_organisations``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence

from storyline.entities.people import descriptor_first
from storyline.models import Actor, Entity, EventMention

Affiliation = Callable[[Entity], tuple[str | None, str | None]]
StandsFor = Callable[[Entity], str | None]
PLACES = frozenset({"GPE", "LOC", "FAC"})


class EntityIndex:
    """(doc_id, start, end) → canonical entity, with an overlap fallback per document; with
    ``documents``, for the actors of those documents only (the pile-wide maps stay whole)."""

    def __init__(
        self,
        entities: Sequence[Entity],
        affiliation: Affiliation | None,
        stands_for: StandsFor | None = None,
        documents: Collection[str] | None = None,
    ) -> None:
        self.exact: dict[tuple[str, int, int], Entity] = {}
        self.by_id: dict[str, Entity] = {}
        self.countries: dict[str, Entity] = {}
        spans: dict[str, list[tuple[int, int, Entity]]] = defaultdict(list)
        for entity in entities:
            self.by_id[entity.id] = entity
            if entity.type == "GPE":
                self.countries.setdefault(entity.name, entity)
            for mention in entity.mentions:
                p = mention.provenance
                if documents is None or p.doc_id in documents:
                    self.exact[(p.doc_id, p.start, p.end)] = entity
                    spans[p.doc_id].append((p.start, p.end, entity))
        self.names: dict[tuple[str, str], set[str]] = defaultdict(set)
        for entity in entities:
            reached = {m.provenance.doc_id for m in entity.mentions} | set(entity.documents)
            if documents is not None:
                reached &= set(documents)
                if not reached:
                    continue
            words = {entity.name, *entity.aliases, *(m.text for m in entity.mentions)}
            for doc in reached:
                for word in words:
                    self.names[(doc, _name_key(word))].add(entity.id)
        self.spans = {doc: sorted(items, key=lambda x: x[0]) for doc, items in spans.items()}
        self.starts = {doc: [s for s, _, _ in items] for doc, items in self.spans.items()}
        self.affiliation = affiliation
        self.stands_for = stands_for
        same = same_people(entities) | same_organisations(entities)
        self.same_person = {old: self.by_id[new] for old, new in same.items()}
        self._affiliations: dict[str, tuple[str | None, str | None]] = {}

    def acting(self, entity: Entity) -> Entity:
        """Who acts when ``entity`` is named as a party: the country for its capital, when the
        corpus holds that country as an entity; else the entity itself."""
        country = self.stands_for(entity) if self.stands_for is not None else None
        return self.countries.get(country, entity) if country else entity

    def spans_from(self, doc_id: str, start: int, end: int) -> list[tuple[int, int, Entity]]:
        """The entity mentions of ``doc_id`` that start in ``[start, end)``, by start: found
        by bisection in the document's own spans, not by walking an entity's mentions across
        the pile (a country is named in most of a pile's documents)."""
        starts = self.starts.get(doc_id, [])
        items = self.spans.get(doc_id, [])
        return items[bisect_left(starts, start) : bisect_left(starts, end)]

    def find(self, doc_id: str, actor: Actor) -> Entity | None:
        found = self._find(doc_id, actor)
        return self.same_person.get(found.id, found) if found is not None else None

    def _find(self, doc_id: str, actor: Actor) -> Entity | None:
        if actor.entity_id and actor.entity_id in self.by_id:
            return self.by_id[actor.entity_id]
        if actor.start is None or actor.end is None:
            return None
        hit = self.exact.get((doc_id, actor.start, actor.end))
        if hit is not None:
            return hit
        items = self.spans.get(doc_id, [])
        hi = bisect_right(self.starts.get(doc_id, []), actor.end)
        best = None
        for start, end, entity in items[max(0, hi - 16) : hi]:
            if start < actor.end and actor.start < end:
                overlap = min(end, actor.end) - max(start, actor.start)
                if best is None or overlap > best[0]:
                    best = (overlap, entity)
        if best:
            return best[1]
        # the same name elsewhere in the document, when it names exactly one entity there
        ids = self.names.get((doc_id, _name_key(actor.text)), set())
        return self.by_id[next(iter(ids))] if len(ids) == 1 else None

    def country_sector(self, entity: Entity) -> tuple[str | None, str | None]:
        if self.affiliation is None:
            return None, None
        if entity.id not in self._affiliations:
            self._affiliations[entity.id] = self.affiliation(entity)
        return self._affiliations[entity.id]


def same_people(entities: Sequence[Entity]) -> dict[str, str]:
    """Person entity id → the id of the person entity it names (module doc). A name of two
    words or more that ends a longer one ("Boone Isaacs", "Ellen DeGeneres") is the same
    person; which name speaks for both depends on the longer one's first word: a descriptor
    ("Comedian", "GM", "unbeaten") leaves the shorter name, a given name or an initial
    ("Cheryl Boone Isaacs", "H. Dale Hall") the longer. A one-word name is the one person
    whose name ends with it. Several candidates (two Reids) leave a name as it is."""
    people = [e for e in entities if e.type == "PERSON" and e.name]
    by_id = {e.id: e for e in people}
    by_words: dict[tuple[str, ...], list[Entity]] = defaultdict(list)
    for entity in people:
        by_words[tuple(entity.name.split())].append(entity)
    unique = {words: found[0] for words, found in by_words.items() if len(found) == 1}
    inner_of: dict[str, str] = {}  # a longer name → the shortest name of 2+ words ending it
    fuller: dict[str, set[str]] = defaultdict(set)  # a shorter name → longer, not descriptors
    for entity in people:
        words = tuple(entity.name.split())
        for size in range(2, len(words)):
            inner = unique.get(words[-size:])
            if inner is not None:
                inner_of[entity.id] = inner.id
                if not _descriptor_first(entity, words[0]):
                    fuller[inner.id].add(entity.id)
                break
    # the name a family is shown as: the one fuller name of its shorter name, if just one
    shown = {short: next(iter(longer)) for short, longer in fuller.items() if len(longer) == 1}
    out: dict[str, str] = dict(shown)
    for longer_id, short_id in inner_of.items():
        if longer_id not in fuller.get(short_id, set()):
            out[longer_id] = shown.get(short_id, short_id)
    endings: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for entity in people:
        words = tuple(entity.name.split())
        if len(words) > 1:
            endings[words[-1:]].add(out.get(entity.id, entity.id))
    for words, entity in unique.items():
        if len(words) == 1 and len(endings.get(words, ())) == 1:
            out[entity.id] = next(iter(endings[words]))
    return {old: new for old, new in out.items() if old != new and new in by_id}


def same_organisations(entities: Sequence[Entity]) -> dict[str, str]:
    """Organisation entity id → the id of the one organisation of the pile whose name is its
    name after a place ("Angels" → "Los Angeles Angels", "Red Sox" → "Boston Red Sox",
    "Promises Treatment Center" → "Malibu Promises Treatment Center"): news names a team, a
    paper or a court by its place on first reference and drops the place after (module doc).
    The place is one the pile names (a GPE or LOC entity) or the place lexicon knows; two
    place-led names ending the same words ("LA" and "Los Angeles Superior Court") leave it.

    The place is dropped on second reference within an article, so a shorter name whose
    articles name other places and never the fuller name or its place is another body
    (``_read_as``). An organisation already named with a place of its own ("Air
    Force", also written "United States Air Force") is that body. Without these a pile bound
    a MEANTIME report's "the Air Force" (the USAF) to another article's "UAE Air Force", and
    the Atlanta reports' "Superior Court" to the Lohan reports' "Los Angeles Superior Court"."""
    from storyline.entities.lexicon import lexicon

    def is_place(lead: str) -> bool:
        return lead in places or bool(lexicon().place_country(lead))

    orgs = [e for e in entities if e.type == "ORG" and e.name]
    places = {e.name for e in entities if e.type in ("GPE", "LOC")}
    place_documents: dict[str, set[str]] = defaultdict(set)
    for place in entities:
        if place.type in ("GPE", "LOC"):
            place_documents[place.name] |= _documents(place)
    by_words: dict[tuple[str, ...], list[Entity]] = defaultdict(list)
    for entity in orgs:
        by_words[tuple(entity.name.split())].append(entity)
    fuller: dict[str, set[str]] = defaultdict(set)
    for entity in orgs:
        words = tuple(entity.name.split())
        for size in range(1, len(words)):
            lead, rest = " ".join(words[:size]), words[size:]
            if rest not in by_words or not is_place(lead):
                continue
            for short in by_words[rest]:
                if _placed_by_itself(short, is_place):
                    continue
                if _read_as(short, entity, lead, place_documents):
                    fuller[short.id].add(entity.id)
    return {short: next(iter(ids)) for short, ids in fuller.items() if len(ids) == 1}


def _read_as(short: Entity, full: Entity, lead: str, place_documents: dict[str, set[str]]) -> bool:
    """Whether the shorter name's articles leave it free to be ``full``: they name the fuller
    body or its place, or no place at all. Articles that name places, none of them the fuller
    name's, are about a body of their own place (the Atlanta reports' "Superior Court")."""
    documents = _documents(short)
    if documents & (_documents(full) | place_documents[lead]):
        return True
    return not any(documents & named for named in place_documents.values())


def _documents(entity: Entity) -> set[str]:
    return {m.provenance.doc_id for m in entity.mentions} | set(entity.documents)


def _placed_by_itself(entity: Entity, is_place: Callable[[str], bool]) -> bool:
    """Whether one of the entity's own names is its name led by a place ("United States Air
    Force" of "Air Force"): the entities layer has already said which body it is."""
    words = entity.name.split()
    for name in {*entity.aliases, *(m.text for m in entity.mentions)}:
        own = name.split()
        tail_matches = len(own) > len(words) and own[-len(words) :] == words
        if tail_matches and is_place(" ".join(own[: -len(words)])):
            return True
    return False


def _descriptor_first(entity: Entity, first: str) -> bool:
    """Whether a name's first word describes the person (``entities.people.descriptor_first``:
    lower case, an acronym, or a capital every mention owes to the start of its sentence)."""
    starts = [m for m in entity.mentions if m.text.split()[:1] == [first]]
    sentence_initial = bool(starts) and all(
        m.provenance.start == m.provenance.sentence_start for m in starts
    )
    return descriptor_first(entity.name.split(), sentence_initial)


def _name_key(text: str) -> str:
    return " ".join(text.lower().replace("’s", "").replace("'s", "").split())


def resolved_actors(mention: EventMention, index: EntityIndex) -> dict[str, list[Actor]]:
    doc_id = mention.provenance.doc_id

    def resolve(actor: Actor, destination: bool = False) -> Actor:
        entity = index.find(doc_id, actor)
        if entity is None:
            return actor
        if _place_modifier(index, doc_id, actor, entity):
            # "Athens police chiefs", "Kabul police": the place says where the agents serve,
            # the agents act; the actor keeps its words and takes the place's country
            country, _ = index.country_sector(entity)
            return actor.model_copy(update={"country": country or actor.country})
        if not destination:  # "visited Moscow": the capital is where the visitor went
            entity = index.acting(entity)
        country, sector = index.country_sector(entity)
        return actor.model_copy(
            update={
                "entity_id": entity.id,
                "name": entity.name,
                "label": actor.label or entity.type,
                "country": country or actor.country,
                "sector": sector or actor.sector,
            }
        )

    return {
        "source": [resolve(a) for a in mention.source],
        "target": [resolve(a, mention.mode == "visit") for a in mention.target],
    }


def _place_modifier(index: EntityIndex, doc_id: str, actor: Actor, entity: Entity) -> bool:
    """Is ``entity`` a place named only before the head noun of a common-noun phrase?

    Its mentions inside the phrase are read from the index's spans of the document (every
    mention of every entity there, the same objects), not from ``entity.mentions``, which holds
    the place's mentions in every document of the pile: walking them for each phrase made the
    events stage grow as the square of the pile (issue 18, ``bench --big``)."""
    if actor.rule != "phrase" or entity.type not in PLACES or actor.end is None:
        return False
    start = actor.start if actor.start is not None else actor.end
    inside = [end for _, end, of in index.spans_from(doc_id, start, actor.end) if of is entity]
    return bool(inside) and all(end < actor.end for end in inside)


def is_named(actor: Actor) -> bool:
    """A resolved entity or a name read from the text; a bare phrase ("the leaders", "the Prime
    Minister") says who only through its context, so it never identifies an event by itself."""
    return bool(actor.entity_id or (actor.rule and actor.rule != "phrase"))


def actor_key(actor: Actor) -> str:
    """Who an actor is, for comparing events: the entity id, else the lower-cased words."""
    return actor.entity_id or f"text:{' '.join(actor.text.lower().split())}"
