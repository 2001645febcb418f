"""Grouping the mentions of one real event: blocking keys, compatibility, agglomeration.

Mentions are compared only inside blocks that share a key (event type, one participant entity, and
the month of the date or the document or the story): never all pairs of a corpus. Only named
participants count ("the two leaders" of one article are not those of another: ``attach`` places
such mentions; two of one story join only in the same words, ``wording``). Two groups merge when
they have the same type and factuality class (or one is a plan told before the other's report of
its happening, which then dates the event: ``plans``), compatible modes (a phone call is not a
meeting; an unknown mode fits any), participants one of which contains the other (or sharing two),
and compatible dates: the same day (a day apart across the articles of one story, never two days
one article tells apart), or undated and told in the same document (or the same story, when stories
are given; in articles with no publication date, the same report in the same words:
``wording.same_report``). A report's words include its verb's PETRARCH2 synonym set ("captured",
"caught", "arrested"), and a seizure of people compares as an arrest (``wording.report_words``,
``compared_mode``). Undated, one shared actor is enough for the same mode (across articles
only a mode naming the occasion, a call or a visit: ``wording.same_mode``), for one modeless type
within one article unless a material conflict (an article tells several attacks, seizures or
coercions by one party: ``wording.material_conflict_types``), for two undated reports of one
type in the same word, or for a visit to the country of the leader met ("Xi's visit to the United
States" and "Xi and Biden met"), unless that meeting was held elsewhere. An undated report of a
dated article never takes an occasion dated more than a week before the article (a past occasion it
recalls: ``compatibility.recalled``). A town in a target's slot is where, not who (``is_town``). A
nationality word standing for a party ("the Indian navy") is its country and the country's state
bodies, never its people, and blocks with its country (``nationalities``). Between two rounds, an
undated group told alongside exactly one dated group takes its date (``attach.inherit_dates``). The
predicates "could these two be one event?" live in ``compatibility``."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations, pairwise

from storyline.events.canonical_actors import PLACES, actor_key, is_named
from storyline.events.compatibility import dates_agree, joinable, recalled, undated_fit
from storyline.events.lexicon import settings
from storyline.events.nationalities import nationality, party_key, shared_parties, stood_for
from storyline.events.plans import absorbed, fulfils, plan_and_report
from storyline.events.trips import far_apart, process_at_meeting, same_trip
from storyline.events.wording import compared_mode, report_words, same_report, unnamed_phrases
from storyline.models import HAPPENED, Actor, Document, EventMention

MAX_BLOCK = 64  # a block larger than this is compared along its date order only


@dataclass
class Group:
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
    sentences: set[tuple[str, int]] = field(default_factory=set)  # (document, sentence start)
    countries: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    types: set[str] = field(default_factory=set)
    day_votes: dict[str, int] = field(default_factory=dict)
    doc_days: set[tuple[str, str]] = field(default_factory=set)  # (document, day) it states
    ids: set[str] = field(default_factory=set)  # its mentions' ids
    links: set[str] = field(default_factory=set)  # mentions told as happening with them
    notes: list[str] = field(default_factory=list)
    inherited_basis: str | None = None
    ambiguous: bool = False  # undated, and two dated occurrences of its kind could claim it
    venues: set[str] = field(default_factory=set)  # countries its locations lie in
    towns: set[str] = field(default_factory=set)  # towns named as where it was done
    contested: bool = False  # undated, and dated events of its type far apart share an actor
    acts: set[int] = field(default_factory=set)  # members done at it (``occasions``)
    gathering: str | None = None  # what its reports attend ("summit": ``gatherings``)
    words: set[str] = field(default_factory=set)  # the lexicon rows that coded it (``wording``)
    phrases: set[str] = field(default_factory=set)  # its unnamed actors' words, by role
    timeless: bool = False  # told only in articles with no publication date (``wording``)
    news_days: set[str] = field(default_factory=set)  # its articles' publication days
    # parties a nationality word may stand for, by key: countries, state bodies (``nationalities``)
    bodies: dict[str, str] = field(default_factory=dict)

    @property
    def date(self) -> str | None:
        """The date most of its mentions give, at the finest precision (ties: the earliest)."""
        if not self.dates:
            return None
        finest = max(len(d) for d in self.dates)
        best = sorted(d for d in self.dates if len(d) == finest)
        return max(best, key=lambda d: (self.day_votes.get(d, 0), -best.index(d)))


class ParagraphIndex:
    def __init__(self, documents: Sequence[Document]) -> None:
        self.starts = {d.id: [b.start for b in d.blocks] for d in documents}
        self.undated = {d.id for d in documents if not d.published}
        self.published = {
            d.id: d.published[:10] for d in documents if d.published and len(d.published) >= 10
        }

    def of(self, doc_id: str, offset: int) -> int:
        return bisect_right(self.starts.get(doc_id, []), offset) - 1

    def only(self, doc_ids: Collection[str]) -> ParagraphIndex:
        """The entries of ``doc_ids`` alone: what a merge of their mentions reads (``unit``),
        so a part shipped to another process carries its documents' entries, not the pile's."""
        index = ParagraphIndex(())
        index.starts = {d: self.starts[d] for d in doc_ids if d in self.starts}
        index.undated = {d for d in doc_ids if d in self.undated}
        index.published = {d: self.published[d] for d in doc_ids if d in self.published}
        return index


def unit(
    index: int, mention: EventMention, paragraphs: ParagraphIndex, stories: Mapping[str, str]
) -> Group:
    doc_id = mention.provenance.doc_id
    return Group(
        members=[index],
        type=mention.type,
        # a habit or state ("New Delhi expands trade with Moscow") is no part of one occasion
        status=("happened" if mention.factuality in HAPPENED else mention.factuality)
        + (":generic" if mention.generic else ""),
        participants=_participants(mention),
        modes={mode} if (mode := compared_mode(mention)) else set(),
        dates={mention.date} if mention.date else set(),
        documents={doc_id},
        stories={stories[doc_id]} if doc_id in stories else set(),
        paragraphs={(doc_id, paragraphs.of(doc_id, mention.provenance.start))},
        sentences={(doc_id, mention.provenance.sentence_start)},
        countries=_countries(mention),
        sources={party_key(a) for a in mention.source if is_named(a)},
        people={
            actor_key(a)
            for a in [*mention.source, *mention.target]
            if a.label == "PERSON" and is_named(a)
        },
        targets={party_key(a) for a in mention.target if a.label not in PLACES and is_named(a)},
        types={mention.type},
        day_votes={mention.date: 1} if mention.date else {},
        doc_days={(doc_id, mention.date or "")} if _stated_day(mention) else set(),
        ids={mention.id},
        venues=_venue_countries(mention.location),
        towns=_towns(mention),
        links=set(mention.cotemporal),
        words=report_words(mention.rule),
        phrases=unnamed_phrases(mention),
        timeless=doc_id in paragraphs.undated,
        news_days={paragraphs.published[doc_id]} if doc_id in paragraphs.published else set(),
        bodies=_bodies(mention),
    )


def _venue_countries(location: str | None) -> set[str]:
    """The country of a known place ("Bali" → Indonesia, "Kremlin, Moscow" → Russia)."""
    from storyline.entities.lexicon import lexicon

    for part in (location or "").split(","):
        country = lexicon().place_country(part.strip())
        if country:
            return {country}
    return set()


def _stated_day(mention: EventMention) -> bool:
    """The text itself names the day ("on Thursday"), not the publication date."""
    return mention.date_basis == "timex" and len(mention.date or "") == 10


def _participants(mention: EventMention) -> set[str]:
    """Who takes part, for comparing mentions; a visit's destination is where, not who, and so
    is a town in any other act's target (``is_town``). Only named actors count: "the two
    leaders" is whoever the context makes it (``attach``)."""
    if mention.type == "CONSULT" and mention.mode == "visit":
        targets = [a for a in mention.target if a.label not in PLACES]
    else:
        targets = [a for a in mention.target if not is_town(a)]
    return {party_key(a) for a in [*mention.source, *targets] if is_named(a)}


def _bodies(mention: EventMention) -> dict[str, str]:
    """Its named parties a nationality word may stand for (``nationalities.stood_for``)."""
    found = {}
    for actor in [*mention.source, *mention.target]:
        country = stood_for(actor) if is_named(actor) else None
        if country:
            found[actor_key(actor)] = country
    return found


def is_town(actor: Actor) -> bool:
    """A place that is not a country (a town, a region, a sea) in a target's slot is where the
    act was done, not a party to it: news names the town beside or instead of the place it
    means ("checked into Morningside Recovery in Newport Beach", "forced them to drive to the
    Baytown area"), and the PLOVER gold marks such places LOC, apart from the target
    ("surrendered in the eastern town of Soroti", "a roadside bombing near the town of
    Samarra", "shelled positions ... near the town of Rafah"). A country stays a party, and so
    does a capital acting for it once ``canonical_actors`` has resolved it to its country."""
    return actor.label in ("GPE", "LOC") and not (actor.country and actor.name == actor.country)


def _towns(mention: EventMention) -> set[str]:
    """The towns a mention's target names (``is_town``); a visit's destination is its venue."""
    if mention.type == "CONSULT" and mention.mode == "visit":
        return set()
    return {actor_key(a) for a in mention.target if is_town(a) and is_named(a)}


def _countries(mention: EventMention) -> set[str]:
    """The countries taking part, from the actors' affiliation (a place stands for itself)."""
    found = set()
    for actor in [*mention.source, *mention.target]:
        country = actor.country or nationality(actor)  # "Somalian": a nationality's country
        if country:
            found.add(country)
        elif actor.label == "GPE" and actor.name:
            found.add(actor.name)
    return found


def type_family(type_: str) -> str:
    """Blocking key of a type: acts done at a meeting block with CONSULT (events.toml [merge])."""
    return "CONSULT" if type_ in settings()["merge"]["meeting_acts"] else type_


def _keys(group: Group) -> set[tuple[str, ...]]:
    keys: set[tuple[str, ...]] = set()
    family = type_family(group.type)
    named = group.participants | {f"country:{c}" for c in group.countries}
    # a report naming no one meets only reports in the same words (``wording``)
    for participant in named or {f"word:{w}" for w in group.words if group.phrases}:
        for day in group.dates:
            keys.add((family, participant, "month", day[:7]))
        for doc in group.documents:
            keys.add((family, participant, "doc", doc))
        for story in group.stories:
            keys.add((family, participant, "story", story))
    if group.timeless and not group.dates:  # the same parties, roles and word (``wording``)
        roles = "|".join(sorted(group.sources)) + ">" + "|".join(sorted(group.targets))
        keys.update((family, roles, "word", word) for word in group.words)
    return keys


def block_pairs(blocks: Iterable[list[int]], groups: Sequence[Group]) -> set[tuple[int, int]]:
    """The pairs to compare: every pair inside a block, or, in a block over ``MAX_BLOCK``, each
    group with the next in date order (never all pairs of a large block)."""
    pairs: set[tuple[int, int]] = set()
    for members in blocks:
        if len(members) > MAX_BLOCK:
            ordered = sorted(members, key=lambda i: (groups[i].date or "", i))
            pairs.update((min(a, b), max(a, b)) for a, b in pairwise(ordered))
        else:
            pairs.update(combinations(sorted(members), 2))
    return pairs


def blocking_keys(group: Group) -> set[tuple[str, ...]]:
    """The blocks ``cluster`` compares a group in (event type, participant, month or document
    or story; or its words)."""
    return _keys(group)


def cluster(groups: list[Group], seen: set[tuple[str, ...]] | None = None) -> list[Group]:
    """Agglomerate compatible groups, comparing only inside blocks, most similar pairs first.
    The blocks' keys are added to ``seen`` when given (``events.parts``: which other mentions
    these could meet)."""
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, group in enumerate(groups):
        for key in _keys(group):
            blocks[key].append(i)
    if seen is not None:
        seen.update(blocks)
    pairs = block_pairs(blocks.values(), groups)
    _mark_ambiguous(groups, pairs)
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
        merged[ra] = union(merged[ra], merged.pop(rb))
    return [merged[i] for i in sorted(merged)]


def _mark_ambiguous(groups: list[Group], pairs: set[tuple[int, int]]) -> None:
    """An undated group that two dated groups of different days could claim (two calls between
    the same leaders a year apart, both recalled in one article) joins neither of them."""
    days: dict[int, set[str]] = defaultdict(set)
    loose: dict[int, set[str]] = defaultdict(set)  # claimants by actors and type alone
    for a, b in pairs:
        for undated, dated in ((a, b), (b, a)):
            first, second = groups[undated], groups[dated]
            if first.dates or not second.dates or not joinable(first, second):
                continue
            loose[undated].add(second.date or "")
            if _could_join(first, second):
                days[undated].add(second.date or "")
    for index, group in enumerate(groups):
        group.ambiguous = not group.dates and far_apart(days.get(index, set()))
        group.contested = not group.dates and far_apart(loose.get(index, set()))


def _could_join(undated: Group, dated: Group) -> bool:
    """Would ``undated`` join ``dated`` were it the only one: the same kind of event, told in the
    same document or story."""
    if not (undated.documents & dated.documents or undated.stories & dated.stories):
        return False
    if recalled(dated, undated):
        return False
    return joinable(undated, dated) and undated_fit(undated, dated)


def _similarity(a: Group, b: Group) -> float:
    shared = len(shared_parties(a, b))
    jaccard = shared / max(1, len(a.participants) + len(b.participants) - shared)
    same_type = 1.0 if a.type == b.type else 0.0
    same_mode = 1.0 if a.modes and a.modes == b.modes else 0.0
    same_date = 1.0 if a.dates and a.dates == b.dates else 0.0
    # told as one happening in one sentence ("visited Ukraine, holding talks with Zelenskyy")
    told_together = 2.0 if a.ids & b.links or b.ids & a.links else 0.0
    return jaccard + same_type + same_mode + same_date + told_together


def _compatible(a: Group, b: Group) -> bool:
    if same_trip(a, b):
        return True
    plan = plan_and_report(a, b)  # an announcement and the report of its happening (``plans``)
    if plan is not None and not fulfils(*plan):
        return False
    if not joinable(a, b, plan_and_report=plan is not None):
        return False
    if a.dates and b.dates:
        agree = plan is not None or dates_agree(a, b)  # a plan's date is its intention
        return agree and not process_at_meeting(a, b)
    if (a.ambiguous and b.dates) or (b.ambiguous and a.dates):
        return False
    if recalled(a, b) or recalled(b, a):
        return False
    if not (a.documents & b.documents or a.stories & b.stories or same_report(a, b)):
        return False
    return undated_fit(a, b)


def union(a: Group, b: Group) -> Group:
    a, b = absorbed(a, b)  # a plan joining its report adds no date or party (``plans``)
    votes = dict(a.day_votes)
    for day, count in b.day_votes.items():
        votes[day] = votes.get(day, 0) + count
    return Group(
        members=sorted(a.members + b.members),
        type="CONSULT" if "CONSULT" in (a.type, b.type) else a.type,
        countries=a.countries | b.countries,
        sources=a.sources | b.sources,
        people=a.people | b.people,
        targets=a.targets | b.targets,
        types=a.types | b.types,
        day_votes=votes,
        doc_days=a.doc_days | b.doc_days,
        ids=a.ids | b.ids,
        venues=a.venues | b.venues,
        towns=a.towns | b.towns,
        links=a.links | b.links,
        status=a.status,
        participants=a.participants | b.participants,
        modes=a.modes | b.modes,
        dates=a.dates | b.dates,
        documents=a.documents | b.documents,
        stories=a.stories | b.stories,
        paragraphs=a.paragraphs | b.paragraphs,
        sentences=a.sentences | b.sentences,
        notes=a.notes + b.notes,
        inherited_basis=a.inherited_basis or b.inherited_basis,
        acts=a.acts | b.acts,
        gathering=a.gathering or b.gathering,
        words=a.words | b.words,
        phrases=a.phrases | b.phrases,
        timeless=a.timeless and b.timeless,
        news_days=a.news_days | b.news_days,
        bodies=a.bodies | b.bodies,
    )
