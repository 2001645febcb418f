"""The same real event told by several articles (or twice in one) becomes one ``Event``.

Each ``EventMention``'s actors are first resolved to canonical entities through the entity
mentions' provenance ((doc_id, start, end) → entity). Mentions are then compared only inside
blocks that share a key (event type, one participant entity, and the month of the date or the
document or the story): never all pairs of a corpus. Two groups merge when they have the same
type and factuality class, compatible modes (a phone call is not a meeting; an unknown mode fits
any), participants one of which contains the other (or sharing two), and compatible dates: the
same day, or undated and told in the same document (or the same story, when stories are given).

Between two rounds of merging, an undated group takes the date of the one dated group it is told
alongside (same paragraph and a shared participant, or coordinated in one sentence: "spoke with
President Putin and congratulated him"), so that a call reported undated in one article can join
the same call dated in another.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations, pairwise

from storyline.events.lexicon import settings
from storyline.models import HAPPENED, Actor, Document, Entity, Event, EventMention

Affiliation = Callable[[Entity], tuple[str | None, str | None]]
PLACES = frozenset({"GPE", "LOC", "FAC"})
MAX_BLOCK = 64  # a block larger than this is compared along its date order only


@dataclass
class _Group:
    """A set of mentions believed to tell one event, with what compatibility checks need."""

    members: list[int]
    type: str
    status: str
    participants: set[str]
    modes: set[str]
    dates: set[str]
    documents: set[str]
    stories: set[str]
    paragraphs: set[tuple[str, int]]
    notes: list[str] = field(default_factory=list)
    inherited_basis: str | None = None

    @property
    def date(self) -> str | None:
        return max(self.dates, key=len) if self.dates else None


def merge_events(
    mentions: Sequence[EventMention],
    entities: Sequence[Entity],
    documents: Sequence[Document],
    affiliation: Affiliation | None = None,
    stories: Mapping[str, str] | None = None,
) -> list[Event]:
    """Events with all the mentions (and documents) that report them, ordered by date.

    ``affiliation(entity) -> (country, sector)`` fills the actors' country and sector (the entity
    layer provides it); ``stories`` maps a document id to its story id, letting undated mentions
    of the same story merge across documents.
    """
    index = _EntityIndex(entities, affiliation)
    resolved = [m.model_copy(update=_resolved_actors(m, index)) for m in mentions]
    paragraphs = _ParagraphIndex(documents)
    stories = stories or {}
    groups = [_unit(i, m, paragraphs, stories) for i, m in enumerate(resolved)]
    groups = _cluster(groups)
    _inherit_dates(groups, resolved)
    groups = _cluster(groups)
    events = [_event(g, resolved) for g in groups]
    return sorted(events, key=lambda e: (e.date is None, e.date or "", e.documents, e.id))


# -- entities --------------------------------------------------------------------------
class _EntityIndex:
    """(doc_id, start, end) → canonical entity, with an overlap fallback per document."""

    def __init__(self, entities: Sequence[Entity], affiliation: Affiliation | None) -> None:
        self.exact: dict[tuple[str, int, int], Entity] = {}
        self.by_id: dict[str, Entity] = {}
        spans: dict[str, list[tuple[int, int, Entity]]] = defaultdict(list)
        for entity in entities:
            self.by_id[entity.id] = entity
            for mention in entity.mentions:
                p = mention.provenance
                self.exact[(p.doc_id, p.start, p.end)] = entity
                spans[p.doc_id].append((p.start, p.end, entity))
        self.names: dict[tuple[str, str], set[str]] = defaultdict(set)
        for entity in entities:
            words = {entity.name, *entity.aliases, *(m.text for m in entity.mentions)}
            for doc in {m.provenance.doc_id for m in entity.mentions} | set(entity.documents):
                for word in words:
                    self.names[(doc, _name_key(word))].add(entity.id)
        self.spans = {doc: sorted(items, key=lambda x: x[0]) for doc, items in spans.items()}
        self.starts = {doc: [s for s, _, _ in items] for doc, items in self.spans.items()}
        self.affiliation = affiliation
        self._affiliations: dict[str, tuple[str | None, str | None]] = {}

    def find(self, doc_id: str, actor: Actor) -> Entity | None:
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


def _name_key(text: str) -> str:
    return " ".join(text.lower().replace("’s", "").replace("'s", "").split())


def _resolved_actors(mention: EventMention, index: _EntityIndex) -> dict[str, list[Actor]]:
    doc_id = mention.provenance.doc_id

    def resolve(actor: Actor) -> Actor:
        entity = index.find(doc_id, actor)
        if entity is None:
            return actor
        country, sector = index.country_sector(entity)
        return actor.model_copy(
            update={
                "entity_id": entity.id,
                "name": entity.name,
                "country": country or actor.country,
                "sector": sector or actor.sector,
            }
        )

    return {
        "source": [resolve(a) for a in mention.source],
        "target": [resolve(a) for a in mention.target],
    }


def actor_key(actor: Actor) -> str:
    """Who an actor is, for comparing events: the entity id, else the lower-cased words."""
    return actor.entity_id or f"text:{' '.join(actor.text.lower().split())}"


# -- grouping --------------------------------------------------------------------------
class _ParagraphIndex:
    def __init__(self, documents: Sequence[Document]) -> None:
        self.starts = {d.id: [b.start for b in d.blocks] for d in documents}

    def of(self, doc_id: str, offset: int) -> int:
        return bisect_right(self.starts.get(doc_id, []), offset) - 1


def _unit(
    index: int, mention: EventMention, paragraphs: _ParagraphIndex, stories: Mapping[str, str]
) -> _Group:
    doc_id = mention.provenance.doc_id
    return _Group(
        members=[index],
        type=mention.type,
        status="happened" if mention.factuality in HAPPENED else mention.factuality,
        participants=_participants(mention),
        modes={mention.mode} if mention.mode else set(),
        dates={mention.date} if mention.date else set(),
        documents={doc_id},
        stories={stories[doc_id]} if doc_id in stories else set(),
        paragraphs={(doc_id, paragraphs.of(doc_id, mention.provenance.start))},
    )


def _participants(mention: EventMention) -> set[str]:
    """Who takes part, for comparing mentions; a visit's destination is where, not who."""
    actors = [*mention.source, *mention.target]
    if mention.type == "CONSULT" and mention.mode == "visit":
        actors = [*mention.source] + [a for a in mention.target if a.label not in PLACES]
    return {actor_key(a) for a in actors}


def _keys(group: _Group) -> set[tuple[str, ...]]:
    keys = set()
    for participant in group.participants:
        for date in group.dates:
            keys.add((group.type, participant, "month", date[:7]))
        for doc in group.documents:
            keys.add((group.type, participant, "doc", doc))
        for story in group.stories:
            keys.add((group.type, participant, "story", story))
    return keys


def _cluster(groups: list[_Group]) -> list[_Group]:
    """Agglomerate compatible groups, comparing only inside blocks, most similar pairs first."""
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, group in enumerate(groups):
        for key in _keys(group):
            blocks[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) > MAX_BLOCK:
            ordered = sorted(members, key=lambda i: (groups[i].date or "", i))
            pairs.update((min(a, b), max(a, b)) for a, b in pairwise(ordered))
        else:
            pairs.update(combinations(sorted(members), 2))
    scored = sorted(
        ((_similarity(groups[a], groups[b]), a, b) for a, b in pairs),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    parent = list(range(len(groups)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    merged = {i: groups[i] for i in range(len(groups))}
    for _, a, b in scored:
        ra, rb = find(a), find(b)
        if ra == rb or not _compatible(merged[ra], merged[rb]):
            continue
        parent[rb] = ra
        merged[ra] = _union(merged[ra], merged.pop(rb))
    return [merged[i] for i in sorted(merged)]


def _similarity(a: _Group, b: _Group) -> float:
    jaccard = len(a.participants & b.participants) / max(1, len(a.participants | b.participants))
    same_mode = 1.0 if a.modes and a.modes == b.modes else 0.0
    same_date = 1.0 if a.dates and a.dates == b.dates else 0.0
    return jaccard + same_mode + same_date


def _compatible(a: _Group, b: _Group) -> bool:
    if a.type != b.type or a.status != b.status:
        return False
    if not a.participants or not b.participants:
        return False
    small, large = sorted((a.participants, b.participants), key=len)
    if not (small <= large or len(small & large) >= 2):
        return False
    modes = a.modes | b.modes
    if len(modes) > 1 and not modes <= set(settings()["merge"]["in_person_modes"]):
        return False
    days = {d for d in a.dates | b.dates}
    if len({d[:10] for d in days if len(d) == 10}) > 1:
        return False
    if any(not _date_within(d, e) for d in days for e in days):
        return False
    if a.dates and b.dates:
        return True
    return bool(a.documents & b.documents or a.stories & b.stories)


def _date_within(a: str, b: str) -> bool:
    """'2023-12' and '2023-12-27' are compatible; '2023-11' and '2023-12-27' are not."""
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short)


def _union(a: _Group, b: _Group) -> _Group:
    return _Group(
        members=sorted(a.members + b.members),
        type=a.type,
        status=a.status,
        participants=a.participants | b.participants,
        modes=a.modes | b.modes,
        dates=a.dates | b.dates,
        documents=a.documents | b.documents,
        stories=a.stories | b.stories,
        paragraphs=a.paragraphs | b.paragraphs,
        notes=a.notes + b.notes,
        inherited_basis=a.inherited_basis or b.inherited_basis,
    )


def _inherit_dates(groups: list[_Group], mentions: list[EventMention]) -> None:
    """An undated group told alongside exactly one dated group takes its date."""
    owner = {m: i for i, g in enumerate(groups) for m in groups[i].members}
    by_id = {mention.id: i for i, mention in enumerate(mentions)}
    by_paragraph: dict[tuple[str, int], set[int]] = defaultdict(set)
    for i, group in enumerate(groups):
        for paragraph in group.paragraphs:
            by_paragraph[paragraph].add(i)
    for i, group in enumerate(groups):
        if group.dates or not group.participants:
            continue
        candidates: set[int] = set()
        for paragraph in group.paragraphs:
            for j in by_paragraph[paragraph]:
                other = groups[j]
                if j != i and other.dates and other.participants & group.participants:
                    candidates.add(j)
        for member in group.members:
            for linked in mentions[member].cotemporal:
                j = owner.get(by_id.get(linked, -1), -1)
                if j >= 0 and j != i and groups[j].dates:
                    candidates.add(j)
        dates = {groups[j].date for j in candidates}
        if len(dates) == 1:
            (j,) = sorted(candidates)[:1]
            group.dates = {groups[j].date}
            basis = {mentions[m].date_basis for m in groups[j].members} - {"none"}
            group.inherited_basis = "timex" if "timex" in basis else "document-date"
            source = mentions[groups[j].members[0]]
            group.notes.append(
                f"date {groups[j].date} taken from the event told alongside it "
                f"('{source.trigger}', {source.provenance.doc_id})"
            )


# -- events ----------------------------------------------------------------------------
def _event(group: _Group, mentions: list[EventMention]) -> Event:
    members = [mentions[i] for i in group.members]
    members.sort(key=lambda m: (m.date is None, m.provenance.doc_id, m.provenance.start))
    modes = Counter(m.mode for m in members if m.mode)
    mode = max(modes, key=lambda k: (modes[k], k)) if modes else None
    cameo = next((m.cameo for m in members if m.mode == mode and m.cameo), members[0].cameo)
    sources, targets = _roles(members)
    basis_order = ("timex", "document-date")
    bases = {m.date_basis for m in members}
    basis = next((b for b in basis_order if b in bases), None) or group.inherited_basis or "none"
    statuses = {m.factuality for m in members}
    generic = all(m.generic for m in members)
    factuality = next(
        f for f in ("asserted", "reported", "planned", "hypothetical", "negated") if f in statuses
    )
    date_end = next((m.date_end for m in members if m.date_end), None)
    location = next((m.location for m in members if m.location), None)
    digest = hashlib.sha1("|".join(sorted(m.id for m in members)).encode()).hexdigest()[:12]
    documents = sorted(group.documents)
    explanation = [
        f"{len(members)} mention(s) in {', '.join(documents)}: same type {group.type}"
        + (f", shared actors {', '.join(sorted(_names(members)))}" if len(members) > 1 else "")
    ]
    explanation += group.notes
    return Event(
        id=f"ev-{digest}",
        type=group.type,
        mode=mode,
        cameo=cameo,
        label=label(group.type, mode, sources, targets, cameo=cameo, factuality=factuality),
        source=sources,
        target=targets,
        location=location,
        date=group.date,
        date_end=date_end,
        date_basis=basis if group.date else "none",
        factuality=factuality,
        generic=generic,
        documents=documents,
        mentions=members,
        explanation="; ".join(explanation),
    )


def _roles(members: list[EventMention]) -> tuple[list[Actor], list[Actor]]:
    """Actors by the role most mentions give them (ties: source), first-seen order. A reciprocal
    mention ("talks between A and B": all sources, no target) counts half: it says who took
    part, not who visited whom."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)  # float counts
    first: dict[str, Actor] = {}
    for mention in members:
        weight = 0.5 if not mention.target and len(mention.source) > 1 else 1.0
        for role, actors in (("source", mention.source), ("target", mention.target)):
            for actor in actors:
                key = actor_key(actor)
                votes[key][role] += weight
                if key not in first or (actor.name and not first[key].name):
                    first[key] = actor
    sources = [first[k] for k in first if votes[k]["source"] >= votes[k]["target"]]
    targets = [first[k] for k in first if votes[k]["source"] < votes[k]["target"]]
    return sources, targets


def _names(members: list[EventMention]) -> set[str]:
    counts = Counter(actor_key(a) for m in members for a in (*m.source, *m.target))
    names = {}
    for mention in members:
        for actor in (*mention.source, *mention.target):
            names.setdefault(actor_key(actor), actor.name or actor.text)
    return {names[k] for k, n in counts.items() if n > 1}


def label(
    type_: str,
    mode: str | None,
    sources: list[Actor],
    targets: list[Actor],
    cameo: str | None = None,
    factuality: str = "asserted",
) -> str:
    """A short sentence for the timeline from the label templates (events.toml [labels]).

    The most specific template wins: CAMEO code, then type and mode, then type. A planned
    event reads as a plan ([labels_planned]), never in the past tense; negated and
    hypothetical events carry a prefix ([label_prefix]) so they cannot be read as facts."""
    if factuality == "planned":
        planned = settings().get("labels_planned", {})
        templates = {**settings()["labels"], **planned}
    else:
        templates = settings()["labels"]
    keys = [f"CAMEO.{cameo}" if cameo else "", f"{type_}.{mode}", type_]
    with_target, without = next((templates[k] for k in keys if k in templates), ["{s} {t}", "{s}"])
    prefix = settings().get("label_prefix", {}).get(factuality, "")
    targets = _without_enclosing(targets)
    s = _join([a.name or a.text for a in sources]) or "someone"
    t = _join([a.name or a.text for a in targets])
    if type_ == "CONSULT" and mode == "visit":
        places = [a for a in targets if a.label in PLACES]
        people = [a for a in targets if a.label not in PLACES]
        if places and people:
            return prefix + templates["CONSULT.visit-meet"][0].format(
                s=s,
                p=_join([a.name or a.text for a in places]),
                t=_join([a.name or a.text for a in people]),
            )
    return prefix + (with_target if t else without).format(s=s, t=t)


def _without_enclosing(actors: list[Actor]) -> list[Actor]:
    """Places without the countries that hold another listed place: "visited Moscow", not
    "visited Moscow and Russia" (one trip, told at two scales)."""
    places = [a for a in actors if a.label in PLACES]
    inside = {a.country for a in places if a.country and a.country != (a.name or a.text)}
    return [a for a in actors if not (a.label in PLACES and (a.name or a.text) in inside)]


def _join(names: list[str]) -> str:
    unique = list(dict.fromkeys(names))
    if len(unique) <= 1:
        return "".join(unique)
    return ", ".join(unique[:-1]) + " and " + unique[-1]
