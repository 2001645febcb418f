"""The same real event told by several articles (or twice in one) becomes one ``Event``.

Each ``EventMention``'s actors are first resolved to canonical entities through the entity
mentions' provenance ((doc_id, start, end) → entity). Mentions are then compared only inside
blocks that share a key (event type, one participant entity, and the month of the date or the
document or the story): never all pairs of a corpus. Two groups merge when they have the same
type and factuality class (an announced act also joins the report of its happening: ``plans``),
compatible modes (a phone call is not a meeting; an unknown mode fits
any), participants one of which contains the other (or sharing two), and compatible dates: the
same day, or undated and told in the same document (or the same story, when stories are given).

Between two rounds of merging, an undated group takes the date of the one dated group it is told
alongside (same paragraph and a shared participant, or coordinated in one sentence: "spoke with
President Putin and congratulated him"), so that a call reported undated in one article can join
the same call dated in another.

A mention that names nobody ("the two leaders also exchanged views") joins the one event its
article tells alongside it (``attach``), or a report of its story told in the same words
(``wording``: "a gunman killed four people" in two articles), or the one named event of its
story it describes in its words ("a convicted sex offender pulled a gun on two guards":
``attach.attach_described``). A person named inside a longer
name ("Comedian Ellen DeGeneres") is that person (``canonical_actors.same_people``).

First of all, the reports of one multilateral gathering (a summit, a conference) join by what
it is, where and when, whoever each report names (``gatherings``).

Last, what was done at a meeting or visit (its talks, audiences, agreements) joins it as its
content, keeping the meeting's own actors (``occasions``), and a gathering named as the occasion
of an act ("met on the sidelines of the G20 summit") joins its gathering's event, or else the
act's (``sidelines``).

``canonical_actors`` resolves the actors, ``grouping`` blocks, compares and merges the mentions,
``labels`` words the timeline sentence; this module builds the ``Event`` of each group.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from typing import cast

from storyline.events.attach import attach_anonymous, attach_described, inherit_dates
from storyline.events.canonical_actors import (
    PLACES,
    Affiliation,
    EntityIndex,
    StandsFor,
    actor_key,
    is_named,
    resolved_actors,
)
from storyline.events.gatherings import join_gatherings
from storyline.events.grouping import Group, ParagraphIndex, cluster, unit
from storyline.events.kept_parts import PartCache, PartRows
from storyline.events.labels import label
from storyline.events.occasions import absorb_acts
from storyline.events.part_tasks import Ship, Shipped, Task, merged_elsewhere, shipped
from storyline.events.parts import Key, mention_keys, merged_in_parts
from storyline.events.sidelines import join_occasions
from storyline.events.themes import chosen_theme
from storyline.events.told import chosen_wording
from storyline.events.travellers import visitors_and_met
from storyline.models import HAPPENED, Actor, Document, Entity, Event, EventMention
from storyline.models.events import DateBasis


def merge_events(
    mentions: Sequence[EventMention],
    entities: Sequence[Entity],
    documents: Sequence[Document],
    affiliation: Affiliation | None = None,
    stories: Mapping[str, str] | None = None,
    stands_for: StandsFor | None = None,
    kept: PartCache | None = None,
) -> list[Event]:
    """Events with all the mentions (and documents) that report them, ordered by date.

    ``affiliation(entity) -> (country, sector)`` fills the actors' country and sector (the entity
    layer provides it); ``stands_for(entity)`` names the country a capital acting as a party
    stands for (``canonical_actors``); ``stories`` maps a document id to its story id, letting
    undated mentions of the same story merge across documents. The mentions are merged in
    parts that cannot meet (``parts``), each part's events read from ``kept`` (the store, in a
    build) when nothing it reads changed (``kept_parts``).
    """
    resolved = resolved_mentions(mentions, entities, affiliation, stands_for)
    return merge_resolved(resolved, documents, stories, kept)


def resolved_mentions(
    mentions: Iterable[EventMention],
    entities: Sequence[Entity],
    affiliation: Affiliation | None = None,
    stands_for: StandsFor | None = None,
) -> list[EventMention]:
    """``mentions`` with their actors resolved (``resolved_mention``), in order. They may be
    an iterator over the analyses as read: each mention is resolved as it passes, so the
    mentions as read are not all held beside their resolved copies (issue 18)."""
    index = EntityIndex(entities, affiliation, stands_for)
    return [resolved_mention(m, index) for m in mentions]


def resolved_mention(mention: EventMention, index: EntityIndex) -> EventMention:
    """The mention with its actors resolved to canonical entities (``canonical_actors``)."""
    return mention.model_copy(update=resolved_actors(mention, index))


def merge_resolved(
    resolved: Sequence[EventMention],
    documents: Sequence[Document],
    stories: Mapping[str, str] | None = None,
    kept: PartCache | None = None,
    digests: Sequence[bytes] | None = None,
    keys_of: Sequence[set[Key]] | None = None,
    ship: Ship | None = None,
) -> list[Event]:
    """``merge_events`` of mentions whose actors are resolved already (``resolved_mention``,
    or kept so between builds: ``pipeline.kept_resolved``); ``digests`` and ``keys_of``, when
    given, are each mention's ``kept_parts.mention_digest`` and ``parts.mention_keys``, kept
    with it. With ``ship`` (the build's runner) the parts as first found, less those read from
    ``kept``, are merged through it (``part_tasks``); the events are the same."""
    paragraphs = ParagraphIndex(documents)
    known = stories or {}
    if keys_of is None:
        keys_of = [mention_keys(unit(i, m, paragraphs, known), m) for i, m in enumerate(resolved)]

    def run(members: list[int]) -> tuple[list[Event], set[Key]]:
        return merged_part([resolved[i] for i in members], paragraphs, known)

    rows = None
    if kept is not None:
        merge = "stories" if stories is not None else "pile"
        rows = PartRows(kept, merge, resolved, documents, known, digests)
    first = None
    if ship is not None:
        first = partial(merged_elsewhere, ship, merged_task, resolved, keys_of, paragraphs, known)
    events = merged_in_parts(keys_of, run, rows, first)
    return sorted(events, key=lambda e: (e.date is None, e.date or "", e.documents, e.id))


def merged_part(
    mentions: list[EventMention], paragraphs: ParagraphIndex, stories: Mapping[str, str]
) -> tuple[list[Event], set[Key]]:
    """The events of ``mentions`` (resolved; all of a pile, or one part of it: ``parts``) in no
    set order, and every key its clusterings blocked by."""
    blocked: set[Key] = set()
    groups = [unit(i, m, paragraphs, stories) for i, m in enumerate(mentions)]
    groups = join_gatherings(groups, mentions)
    groups = attach_anonymous(cluster(groups, blocked))
    inherit_dates(groups, mentions)
    groups = attach_described(attach_anonymous(cluster(groups, blocked)))
    groups = join_occasions(attach_anonymous(absorb_acts(groups, mentions)), mentions)
    return [_event(g, mentions) for g in groups], blocked


def merged_task(task: Task) -> list[Shipped]:
    """``merged_part`` of each part of a task (``part_tasks``): top-level and pure, it runs
    wherever the build's runner sends it."""
    parts, paragraphs, stories = task
    return [
        shipped(*merged_part(mentions, paragraphs, stories), mentions, own)
        for mentions, own in parts
    ]


# -- events ----------------------------------------------------------------------------
def _event(group: Group, mentions: list[EventMention]) -> Event:
    members = [mentions[i] for i in group.members]
    members.sort(key=lambda m: (m.date is None, m.provenance.doc_id, m.provenance.start))
    # what was done at the occasion (``occasions``) is its content: the headline's mentions
    # give the actors, the mode and the place
    acts = {mentions[i].id for i in group.acts}
    # a plan joined to the report of its happening does not say who, how or when (``plans``)
    reports = [m for m in members if m.factuality in HAPPENED] or members
    head = [m for m in reports if m.id not in acts] or reports
    own = [m for m in head if m.type == group.type] or head  # acts at a meeting join it
    modes = Counter(m.mode for m in own if m.mode)
    mode = max(modes, key=lambda k: (modes[k], k)) if modes else None
    cameo = next((m.cameo for m in own if m.mode == mode and m.cameo), own[0].cameo)
    sources, targets = _roles(head, group.type, mode)
    basis_order = ("timex", "document-date")
    bases = {m.date_basis for m in reports}
    basis = cast(
        DateBasis,
        next((b for b in basis_order if b in bases), None) or group.inherited_basis or "none",
    )
    statuses = {m.factuality for m in members}
    generic = all(m.generic for m in members)
    factuality = next(
        f for f in ("asserted", "reported", "planned", "hypothetical", "negated") if f in statuses
    )
    date_end = next((m.date_end for m in reports if m.date_end), None)
    location = next((m.location for m in [*head, *members] if m.location), None)
    digest = hashlib.sha1("|".join(sorted(m.id for m in members)).encode()).hexdigest()[:12]
    documents = sorted(group.documents)
    shared = sorted(_names(members)) if len(members) > 1 else []
    explanation = [
        f"{len(members)} mention(s) in {', '.join(documents)}: same type {group.type}"
        + (f", shared actors {', '.join(shared)}" if shared else "")
    ]
    explanation += _tallied(group.notes)
    theme = chosen_theme(own, group.type)
    return Event(
        id=f"ev-{digest}",
        type=group.type,
        mode=mode,
        cameo=cameo,
        label=label(
            group.type,
            "gathering" if group.gathering and mode != "phone" else mode,
            sources,
            targets,
            cameo=cameo,
            factuality=factuality,
            gathering=group.gathering,
            theme=theme,
            wording=chosen_wording(own, group.type, bool(sources)),
        ),
        source=sources,
        target=targets,
        location=location,
        date=group.date,
        date_end=date_end,
        date_basis=basis if group.date else "none",
        factuality=factuality,
        generic=generic,
        theme=theme,
        documents=documents,
        mentions=members,
        explanation="; ".join(explanation),
    )


def _roles(
    members: list[EventMention], type_: str, mode: str | None = None
) -> tuple[list[Actor], list[Actor]]:
    """Actors by the role most mentions give them (ties: source), first-seen order. A reciprocal
    mention ("talks between A and B": all sources, no target) counts half: it says who took
    part, not who visited whom; an act done at the meeting ("Duda thanked the Netherlands" at
    Rutte's visit) counts a quarter: it adds who took part, it does not turn the host round. A
    visit's sources are who travelled, whom its talks name beside them were met (``travellers``)."""
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    first: dict[str, Actor] = {}
    named = any(is_named(a) for m in members for a in (*m.source, *m.target))
    for mention in members:
        weight = 0.5 if not mention.target and len(mention.source) > 1 else 1.0
        if mention.type != type_:
            weight = 0.25
        for role, actors in (("source", mention.source), ("target", mention.target)):
            for actor in actors:
                if named and not is_named(actor):
                    continue  # "the two leaders" of one report are the names of the others
                key = actor_key(actor)
                votes[key][role] += weight
                if key not in first or (actor.name and not first[key].name):
                    first[key] = actor
    sources = [first[k] for k in first if votes[k]["source"] >= votes[k]["target"]]
    targets = [first[k] for k in first if votes[k]["source"] < votes[k]["target"]]
    # "the Indian prime minister" beside Modi: a nationality adjective adds no one of its own
    countries = {a.country for a in (*sources, *targets) if a.label not in ("NORP", None)}
    sources = [a for a in sources if not (a.label == "NORP" and a.country in countries)]
    targets = [a for a in targets if not (a.label == "NORP" and a.country in countries)]
    # "Moscow" as a source beside Lavrov: a capital standing for its government adds no one;
    # nor does "Russia" beside Putin ("Russia expressed gratitude" told of his meeting)
    governed = {a.country for a in (*sources, *targets) if a.label in ("PERSON", "ORG")}
    sources = [a for a in sources if not _stands_for_its_people(a, governed)] or sources
    places = [a for a in targets if a.label in PLACES]
    if places and mode == "visit":
        # the people of the country visited are its hosts, whatever a report's subject was
        # ("Jaishankar held talks with Lavrov" during Lavrov's visit to India)
        visited = {a.country or a.name for a in places}
        hosts = [a for a in sources if a.label != "GPE" and a.country in visited - {None}]
        if len(hosts) < len(sources):
            sources = [a for a in sources if a not in hosts]
            targets = [*targets, *hosts]  # a visit goes where most reports say, not every stop
        where = max(places, key=lambda a: votes[actor_key(a)]["target"])
        targets = [a for a in targets if a.label not in PLACES or a is where]
        visited = {where.country or where.name}
        sources = _visit_parties(sources, votes, visited)
        # who travelled made the visit; a subject of its talks who stayed home was met there
        sources, targets = visitors_and_met(sources, targets, members, type_, visited)
    elif places and type_ == "CONSULT" and (len(sources) > 1 or len(targets) > len(places)):
        # people who met: a place among them is where ("met Woodside"), or a stop of a visit
        targets = [a for a in targets if a.label not in PLACES]
    return sources, targets


def _visit_parties(
    sources: list[Actor], votes: dict[str, dict[str, float]], visited: set[str | None]
) -> list[Actor]:
    """A visit is between the visitor's country and the one visited: a person of a third
    country whom a single report names beside the visitor (a leader met at the previous stop,
    a misread "the two leaders") is no party to it."""
    lead = max(sources, key=lambda a: votes[actor_key(a)]["source"], default=None)
    if lead is None or not lead.country:
        return sources
    parties = visited | {lead.country}
    return [
        a
        for a in sources
        if not (
            a.label == "PERSON"
            and a.country
            and a.country not in parties
            and sum(votes[actor_key(a)].values()) <= 1
        )
    ]


def _stands_for_its_people(actor: Actor, countries: set[str | None]) -> bool:
    """A place (a capital, the country itself) of a country whose people or bodies already act:
    news names the state for the leader or minister who acted for it ("Moscow's envoy", "Russia
    thanked India" of what Putin said at the meeting), so it adds no party of its own."""
    return actor.label == "GPE" and actor.country in countries - {None}


def _tallied(notes: list[str]) -> list[str]:
    """Notes that differ only in their leading count ("1 mention(s) of what was done at it
    joined as part of it", once per act and round) as one note with the total, where the
    first stood; a note without a count is kept once. A reader wants how many, not the same
    line six times."""
    totals: dict[str, int | None] = {}  # the note without its count → total (None: no count)
    for note in notes:
        count, _, rest = note.partition(" ")
        if count.isdigit():
            totals[rest] = (totals.get(rest) or 0) + int(count)
        else:
            totals.setdefault(note, None)
    return [note if total is None else f"{total} {note}" for note, total in totals.items()]


def _names(members: list[EventMention]) -> set[str]:
    counts = Counter(actor_key(a) for m in members for a in (*m.source, *m.target))
    names: dict[str, str] = {}
    for mention in members:
        for actor in (*mention.source, *mention.target):
            names.setdefault(actor_key(actor), actor.name or actor.text)
    return {names[k] for k, n in counts.items() if n > 1}
