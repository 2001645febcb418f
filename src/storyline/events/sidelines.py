"""A gathering named as the occasion of an act told with it is placed by that act.

News places an act at a gathering in a phrase of the act's own sentence: "The last time the two
leaders met was in Bali in November 2022, on the sidelines of the G20 summit there" (briefing
tuning, 214), "He had also met President Volodymyr Zelenskyy on the sidelines of the G7 summit
in Italy" (220, another story and publisher), "Mr Gates, speaking at a security conference in
Bahrain" (ECB+ 12_9ecb, 12_18ecb), "firebomb attacks on the margins of the protests" (ECB+
8_1ecbplus, 8_2ecbplus). The gathering's noun phrase is coded as a report of the gathering
(``gatherings``) that names no one who took part and gives no date, so it stood as an undated
fragment ("G20 held talks"): ``gatherings`` rightly keeps such a bare report off a dated
gathering, since "the G20 summit there" recalls an older one as easily as the current one.

The act tells which one: its time and place are the occasion's. A bare report of a gathering
whose noun phrase is governed by an occasion cue (``[gatherings] occasion_cues``: "at",
"during"; "of" after ``margin_nouns``: "on the sidelines of"), told in one sentence with exactly
one act that names someone (and is no report of a gathering itself), with the same factuality:

- joins the one gathering event of its article or story whose noun and naming words agree, whose
  venue is the act's, and whose days hold the act's date; the act must be dated, since its date
  is what tells the Bali summit of 2022 from the New Delhi one of 2023, both "the G20 summit"
  in one article (214);
- else joins the act's event as its occasion (``Group.acts``: it adds no actor to the meeting):
  what the report tells is the meeting on the sidelines, and the gathering's own event, when
  there is one, is told by other reports.

The act itself stays its own event: a bilateral meeting on a summit's sidelines is its own
event, not the summit (the briefing tuning gold: Biden and Xi in Bali, Modi and Zelenskyy at the
G7). Candidate gatherings are looked up by noun and article or story, never all pairs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from storyline.events.gatherings import (
    Gathering,
    at_its_edge,
    gathering_fits,
    gathering_of,
    governed_names,
    on_its_days,
)
from storyline.events.grouping import Group, union
from storyline.events.lexicon import settings
from storyline.models import EventMention

Sentence = tuple[str, int, str]


def join_occasions(groups: list[Group], mentions: Sequence[EventMention]) -> list[Group]:
    """``groups`` with each bare gathering report named as the occasion of an act joined to its
    gathering's event, or else to the act's (see the module's docstring)."""
    reports = {i for i, group in enumerate(groups) if _gatherings(group, mentions)}
    occasions = {i: found for i in reports if (found := _occasion(groups[i], mentions))}
    if not occasions:
        return groups
    by_sentence: dict[Sentence, set[int]] = defaultdict(set)
    for i, group in enumerate(groups):
        for member in group.members:
            by_sentence[_sentence(mentions[member])].add(i)
    by_key: dict[tuple[str, str], set[int]] = defaultdict(set)
    named: dict[int, tuple[str, set[str]]] = {}
    for i in reports:
        if i in occasions or not groups[i].dates:
            continue
        noun, names = _gathering_names(groups[i], mentions)
        named[i] = (noun, names)
        for place in groups[i].documents | groups[i].stories:
            by_key[(noun, place)].add(i)
    target: dict[int, tuple[int, bool]] = {}  # report → (group it joins, is the gathering)
    for i, (noun, names) in sorted(occasions.items()):
        nominal = groups[i]
        acts = {
            j
            for j in by_sentence[_sentence(mentions[nominal.members[0]])]
            if j not in reports and groups[j].participants and groups[j].status == nominal.status
        }
        if len(acts) != 1:
            continue
        act = acts.pop()
        heads = {
            j
            for place in nominal.documents | nominal.stories
            for j in by_key.get((noun, place), set())
            if _holds(groups[j], named[j][1], groups[act], nominal, names)
        }
        target[i] = (heads.pop(), True) if len(heads) == 1 else (act, False)
    return _joined(groups, target)


def _gatherings(group: Group, mentions: Sequence[EventMention]) -> list[Gathering]:
    found = (gathering_of(mentions[i]) for i in group.members)
    return [g for g in found if g is not None]


def _gathering_names(group: Group, mentions: Sequence[EventMention]) -> tuple[str, set[str]]:
    """The noun of a group's gathering and the words its reports name it by."""
    found = _gatherings(group, mentions)
    noun = group.gathering or found[0].noun
    return noun, {n for g in found if g.noun == noun for n in g.names}


def _occasion(group: Group, mentions: Sequence[EventMention]) -> tuple[str, set[str]] | None:
    """The noun and naming words of a one-mention bare gathering report whose noun phrase is
    the occasion of an act ("on the sidelines of the G20 summit" → ("summit", {"g20"}))."""
    if len(group.members) != 1:
        return None
    mention = mentions[group.members[0]]
    gathering = gathering_of(mention)
    if gathering is None or not gathering.bare:
        return None
    found = governed_names(mention.provenance.sentence, gathering.noun)
    if found is None:
        return None
    names, governors = found
    conf = settings()["gatherings"]
    cue = governors[:1] and governors[0] in conf["occasion_cues"]
    return (gathering.noun, names) if cue or at_its_edge(governors) else None


def _holds(
    gathering: Group, gathering_names: set[str], act: Group, nominal: Group, names: set[str]
) -> bool:
    """The gathering event fits the occasion: the act is dated on its days and held at its
    venue, and the report's naming words agree with its own."""
    if not act.dates or not on_its_days(act, gathering):
        return False
    if act.venues and gathering.venues and not act.venues & gathering.venues:
        return False
    return gathering_fits(gathering, gathering_names, nominal, names)


def _joined(groups: list[Group], target: dict[int, tuple[int, bool]]) -> list[Group]:
    merged = dict(enumerate(groups))
    for i, (j, at_gathering) in sorted(target.items()):
        occasion = merged.pop(i)
        merged[j] = union(merged[j], occasion)
        if at_gathering:
            merged[j].notes.append("1 report of it, named as the occasion of an act, joined")
        else:
            merged[j].acts |= set(occasion.members)
            merged[j].notes.append("1 report of the gathering it was held at joined")
    return [merged[i] for i in sorted(merged)]


def _sentence(mention: EventMention) -> Sentence:
    provenance = mention.provenance
    return (provenance.doc_id, provenance.sentence_start, provenance.sentence)
