"""Mentions of one multilateral gathering (a summit, a conference, a ceremony) join as one event.

A gathering is identified by what it is, where and when, not by who a report happens to name.
Each report of a summit names different people ("India attended the summit", "the summit was
hosted by Amherd", "leaders began arriving … and the summit opened", "Zelensky, who attended
the summit"), so participant-based merging (``grouping``: one side's participants within the
other's) cannot join them; attending, hosting, arriving at and holding a gathering are all parts
of it (CAMEO 044 "meet at a third location", PLOVER's CONSULT, mode third-party). The same holds
in ECB+'s wire reports of the Academy Awards and of Macworld (a keynote "at Macworld", "the
Oscars, hosted by …"), where the people named change from report to report.

A CONSULT mention in person (not a call, not a meeting of two named people, not a visit) is a
report of a gathering when a gathering noun (``events.toml [gatherings] nouns``) is its trigger
("the summit"), what it acts on ("attended the summit", "the summit was hosted by"), or the one
gathering its sentence names, except under a preposition of topic or time ("views on the
outcome of the BRICS summit", "after the summit": the act is not the gathering). Its identity:

- the noun ("summit", "conference");
- the words that name it ("G20", "SCO", "peace", "Summit on Peace in Ukraine"): two sets that
  share nothing are two gatherings (the G7 summit is not the peace summit);
- its venue's country (lead10's one act, one place: disjoint venues never merge);
- its dates: one gathering lasts days, not weeks (``[merge] occasion_days``).

Two reports join when nothing of that contradicts and something ties them: the same article
or story, a naming word, the venue or an attendee in common. An undated report joins only when
exactly one gathering of its noun fits in its article or story, and it says who attended or
hosted (a bare "the G20 summit there" recalls an older one as easily as the current one).
A report naming no one whose sentence is about the gathering ("the summit ended ... with a
communique, which said ...") is part of it, whatever its type (``_acts_told_at``).
Blocked by noun and story, article or month, never all pairs (``grouping.MAX_BLOCK``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

from storyline.events.grouping import Group, block_pairs, union
from storyline.events.lexicon import settings
from storyline.events.trips import date_within, far_apart
from storyline.models import EventMention

#: modes of a CONSULT that are no report of a gathering as such: a call, a visit to a country,
#: two people meeting (on its sidelines, perhaps)
NOT_GATHERING_MODES = frozenset({"phone", "visit", "meet"})
WORD = re.compile(r"[\w'-]+")
NUMBERISH = re.compile(r"^(\d+(st|nd|rd|th|s)?|\w+-(day|nation|member))$")
#: an edition: "the 79th Academy Awards", "the 2023 summit" (another number, another gathering)
EDITION = re.compile(r"^(\d+(st|nd|rd|th)|\d{4})$")


@dataclass
class Gathering:
    """What a report says a gathering is: its noun and the words that name it."""

    noun: str
    names: set[str] = field(default_factory=set)
    bare: bool = False  # the mention is the noun alone (a nominal "the summit"), no act of it


@cache
def nouns() -> frozenset[str]:
    """The gathering nouns of ``events.toml`` ("summit", "talks"): also what makes a noun an
    occasion for event dating (``occasion_dates``)."""
    return frozenset(settings()["gatherings"]["nouns"])


def gathering_of(mention: EventMention) -> Gathering | None:
    """The gathering a CONSULT mention reports, or None (see the module's docstring)."""
    if mention.type != "CONSULT" or mention.mode in NOT_GATHERING_MODES:
        return None
    heads = nouns()
    trigger = [w.lower() for w in WORD.findall(mention.trigger)]
    acted_on = [
        w.lower() for a in [*mention.source, *mention.target] if a.label in (None, "EVENT")
        for w in WORD.findall(a.text)
    ]  # fmt: skip
    for words in (trigger, acted_on):
        found = [w for w in words if w in heads]
        if found:
            names = _names(mention.provenance.sentence, found[0])
            if names is None and words is acted_on:
                continue
            bare = words is trigger and len(trigger) == 1
            return Gathering(found[0], names or set(), bare)
    return None


def _names(sentence: str, noun: str) -> set[str] | None:
    """The words naming the first gathering ``noun`` in ``sentence`` ("the 18th G20 Summit" →
    {"#18th", "g20"}: an edition is marked, two editions are two gatherings; "the Summit on
    Peace in Ukraine" → {"peace"}), or None when it stands under a preposition of topic or
    time (it is what was discussed or when, not the act's occasion)."""
    found = governed_names(sentence, noun)
    if found is None:
        return set()  # an actor read from another sentence ("It was hosted by …"): no names here
    return _occasion_names(found)


def _occasion_names(found: tuple[set[str], list[str]]) -> set[str] | None:
    """The naming words ``governed_names`` found, or None when the noun phrase stands under a
    preposition of topic or time."""
    names, governors = found
    topic = settings()["gatherings"]["topic_words"]
    return None if governors and governors[0] in topic else names


def governed_names(sentence: str, noun: str) -> tuple[set[str], list[str]] | None:
    """The words naming the first gathering ``noun`` in ``sentence`` (see ``_names``) and the
    words before its noun phrase, nearest first ("on the sidelines of the G20 summit" →
    ["of", "sidelines", "the", "on"]), or None when the sentence does not hold the noun."""
    tokens = WORD.findall(sentence)
    lowered = [t.lower() for t in tokens]
    if noun not in lowered:
        return None
    at = lowered.index(noun)
    conf = settings()["gatherings"]
    determiners, topic = set(conf["determiners"]), set(conf["topic_words"])
    stops = determiners | topic | set(conf["boundary_words"]) | nouns()
    names: set[str] = set()
    i = at - 1
    while i >= 0 and lowered[i] not in stops and not lowered[i].endswith("'s"):
        if EDITION.match(lowered[i]):
            names.add("#" + lowered[i])
        elif not NUMBERISH.match(lowered[i]):
            names.add(lowered[i])
        i -= 1
    if i >= 0 and lowered[i] in determiners:
        i -= 1  # "the outcome of the BRICS summit": the word governing the noun phrase
    governors = lowered[max(i - 3, 0) : i + 1][::-1]
    if tokens[at][:1].isupper():  # a proper name goes on: "Summit on Peace in Ukraine"
        for word in tokens[at + 1 : at + 6]:
            if word[:1].isupper():
                names.add(word.lower())
            elif word.lower() not in ("on", "of", "for", "the"):  # "in X" is where
                break
    return names, governors


def at_its_edge(governors: list[str]) -> bool:
    """Do the words governing a gathering's noun phrase (``governed_names``, nearest first) put
    it at its edge: "of" after a noun of ``[gatherings] margin_nouns`` ("on the sidelines of the
    G20 summit", "on the margins of the summit")?"""
    margins = settings()["gatherings"]["margin_nouns"]
    return governors[:1] == ["of"] and len(governors) > 1 and governors[1] in margins


def join_gatherings(groups: list[Group], mentions: Sequence[EventMention]) -> list[Group]:
    """``groups`` (one per mention, before ``grouping.cluster``) with the reports of one
    gathering united: dated or named ones first, then each undated one into the one gathering
    of its article or story that fits; then the acts done at each gathering joined to it,
    even where a pile reports only one gathering (what is done at a gathering does not depend
    on whether another article reports another one: ``parts``)."""
    found: dict[int, Gathering] = {}
    for i, group in enumerate(groups):
        if len(group.members) == 1:
            gathering = gathering_of(mentions[group.members[0]])
            if gathering is not None:
                found[i] = gathering
    if not found:
        return groups
    parent = {i: i for i in found}
    state = {i: (groups[i], set(found[i].names)) for i in found}

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        (ga, na), (gb, nb) = state.pop(a), state.pop(b)
        merged = union(ga, gb)
        merged.gathering = found[a].noun
        merged.notes.append(
            f"{len(gb.members)} mention(s) of the same {found[b].noun} joined: one gathering "
            "by what it is, where and when, not by who a report names"
        )
        parent[b] = a
        state[a] = (merged, na | nb)

    dated = [i for i in found if groups[i].dates]
    for a, b in sorted(_pairs(groups, found, dated), key=lambda p: _order(groups, p)):
        ra, rb = root(a), root(b)
        if ra != rb and gathering_fits(*state[ra], *state[rb]) and _tied(*state[ra], *state[rb]):
            join(ra, rb)
    for i in sorted(set(found) - set(dated)):
        if found[i].bare or root(i) != i:
            continue
        keys = _keys(groups[i], found[i].noun, months=False)
        candidates = {
            root(j)
            for j in dated
            if keys & _keys(groups[j], found[j].noun, months=False)
            and gathering_fits(*state[root(j)], *state[i])
        }
        if len(candidates) == 1 and not far_apart({state[c][0].date or "" for c in candidates}):
            join(candidates.pop(), i)
    joined = {i: state[i][0] for i in found if root(i) == i}
    named = {i: state[i][1] for i in joined}
    absorbed = _acts_of_attendees(groups, found, root, joined, mentions)
    absorbed |= _acts_told_at(groups, found, joined, named, mentions, absorbed)
    return [
        joined.get(i, g)
        for i, g in enumerate(groups)
        if (i not in found or i in joined) and i not in absorbed
    ]


def _acts_of_attendees(
    groups: list[Group],
    found: dict[int, Gathering],
    root: Callable[[int], int],
    joined: dict[int, Group],
    mentions: Sequence[EventMention],
) -> set[int]:
    """Two reports that name no gathering but are part of one, joined to it (returns them):

    - an act told in one sentence with an attendee's report of a gathering, by that attendee,
      was done at it ("Zelensky, who attended the summit, thanked the countries that joined";
      ``[merge] meeting_acts``);
    - attending with the object left out ("Delegations from 92 countries took part") attends
      the one gathering its article reports that day: news drops the object of "take part" and
      "attend" when the occasion was just named.
    """
    acts = set(settings()["merge"]["meeting_acts"])
    attending = set(settings()["gatherings"]["attendance"])
    by_sentence: dict[tuple[str, int], set[int]] = defaultdict(set)
    by_doc: dict[str, set[int]] = defaultdict(set)
    for i in found:
        provenance = mentions[groups[i].members[0]].provenance
        by_sentence[(provenance.doc_id, provenance.sentence_start)].add(i)
        by_doc[provenance.doc_id].add(i)
    absorbed: set[int] = set()
    for i, group in enumerate(groups):
        if i in found or len(group.members) != 1 or not group.types <= acts | {"CONSULT"}:
            continue
        mention = mentions[group.members[0]]
        provenance = mention.provenance
        if mention.trigger.lower() in attending:
            heads = {
                root(j)
                for j in by_doc.get(provenance.doc_id, set())
                if gathering_fits(joined[root(j)], set(), group, set())
            }
        elif group.types <= acts:
            heads = {
                root(j)
                for j in by_sentence.get((provenance.doc_id, provenance.sentence_start), set())
                if groups[j].participants & group.participants and groups[j].status == group.status
            }
        else:
            continue
        if len(heads) == 1:
            head = heads.pop()
            joined[head] = union(joined[head], group)
            joined[head].acts |= set(group.members) if group.types <= acts else set()
            joined[head].notes.append("1 mention(s) of what was done at it joined")
            absorbed.add(i)
    return absorbed


def _acts_told_at(
    groups: list[Group],
    found: dict[int, Gathering],
    joined: dict[int, Group],
    named: dict[int, set[str]],
    mentions: Sequence[EventMention],
    taken: set[int],
) -> set[int]:
    """Reports naming no one whose sentence is about a gathering, joined to it (returns them).

    A sentence whose subject or setting is a gathering tells what was done there, and news
    leaves the doers unnamed when they are the gathering's parties: "The two-day Summit on
    Peace in Ukraine ended ... with a joint communique ..., which said ...", "In a tearful
    post-trial press conference, the families of the victims thanked the prosecutors" (ECB+).
    Such a report, whatever its type, joins the one gathering of its article that its sentence
    names as its occasion (the noun not under a preposition of topic or time, the naming words
    agreeing), on the gathering's own days or undated: arrivals the evening before ("Leaders
    began arriving ... on Friday evening, and the summit opened the following day") are not
    part of it. A report naming someone is identified by whom it names (``grouping``).
    """
    by_doc: dict[str, set[int]] = defaultdict(set)
    for i in joined:
        for doc in joined[i].documents:
            by_doc[doc].add(i)
    absorbed: set[int] = set()
    for i, group in enumerate(groups):
        if i in found or i in taken or len(group.members) != 1 or group.participants:
            continue
        provenance = mentions[group.members[0]].provenance
        heads = set()
        for j in by_doc.get(provenance.doc_id, set()):
            governed = governed_names(provenance.sentence, found[j].noun)
            names = _occasion_names(governed) if governed is not None else None
            if names is None:  # the noun not in the sentence, or a topic or time of it
                continue
            if gathering_fits(joined[j], named[j], group, names) and on_its_days(group, joined[j]):
                heads.add(j)
        if len(heads) == 1:
            head = heads.pop()
            joined[head] = union(joined[head], group)
            joined[head].acts |= set(group.members)
            joined[head].notes.append(
                "1 mention(s) naming no one, told in a sentence about it, joined"
            )
            absorbed.add(i)
    return absorbed


def on_its_days(act: Group, gathering: Group) -> bool:
    """Undated, or dated on the gathering's days (a coarser date holding one of them)."""
    exact = sorted(d for d in gathering.dates if len(d) == 10)
    if not exact:
        return all(date_within(d, e) for d in act.dates for e in gathering.dates)
    for day in act.dates:
        if len(day) == 10 and not exact[0] <= day <= exact[-1]:
            return False
        if len(day) < 10 and not any(e.startswith(day) for e in exact):
            return False
    return True


def _keys(group: Group, noun: str, months: bool = True) -> set[tuple[str, ...]]:
    keys = {(noun, "story", s) for s in group.stories} | {(noun, "doc", d) for d in group.documents}
    return keys | ({(noun, "month", d[:7]) for d in group.dates} if months else set())


def _pairs(
    groups: list[Group], found: dict[int, Gathering], members: list[int]
) -> set[tuple[int, int]]:
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in members:
        for key in _keys(groups[i], found[i].noun):
            blocks[key].append(i)
    return block_pairs(blocks.values(), groups)


def _order(groups: list[Group], pair: tuple[int, int]) -> tuple[int, int, int]:
    """Reports of one article first, then of one story, then the rest (index order)."""
    a, b = groups[pair[0]], groups[pair[1]]
    return (-len(a.documents & b.documents) - len(a.stories & b.stories), pair[0], pair[1])


def gathering_fits(a: Group, names_a: set[str], b: Group, names_b: set[str]) -> bool:
    """Nothing contradicts: the same factuality, naming words and venues that meet, days that
    one gathering spans."""
    if a.status != b.status:
        return False
    for kind in (False, True):  # the naming words, then the editions ("#79th")
        own_a = {n for n in names_a if n.startswith("#") == kind}
        own_b = {n for n in names_b if n.startswith("#") == kind}
        if own_a and own_b and not own_a & own_b:
            return False
    if a.venues and b.venues and not a.venues & b.venues:
        return False
    days = a.dates | b.dates
    if far_apart({d for d in days if len(d) == 10}):  # a month holds the days it contains
        return False
    coarse = [d for d in days if len(d) < 10]
    return all(date_within(c, d) for c in coarse for d in days)


def _tied(a: Group, names_a: set[str], b: Group, names_b: set[str]) -> bool:
    """Something ties two reports to one gathering: one article or story, a naming word, the
    venue, an attendee."""
    return bool(
        a.documents & b.documents
        or a.stories & b.stories
        or names_a & names_b
        or a.venues & b.venues
        or a.participants & b.participants
    )
