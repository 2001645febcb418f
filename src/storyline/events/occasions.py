"""Acts told as the content of a meeting, visit or summit join it as *sub-acts*: one occasion,
one event.

News tells a meeting as one event and what was done there as its content: "Lavrov arrived in
Delhi … held talks with Jaishankar … later met Modi", "the visit to Kyiv, where Modi signed four
agreements", "they also agreed to resume military talks". CAMEO codes the visit or the meeting
(042/043, 036) and PLOVER its CONSULT event; the talks, audiences and agreements are what
happened at it. The ordinary merging rules (``grouping``) keep these apart, rightly for
different occasions, so this pass runs after them.

A *headline* is a dated, named meeting in person (or of no stated mode: "held talks"); the most
reported one of an occasion leads. Another group joins it as a sub-act when:

- it is told in the same story (or the same article), with the same factuality;
- it is an act done at meetings (``[merge] meeting_acts``), or a meeting in person when one of
  the two is a visit (a visit's talks and audiences are its content; two meetings the same day,
  "met Lavrov, and then Putin", stay two events): never a call;
- it is undated, or dated on the headline's days (a year-dated process is not);
- its people are the headline's or of the headline's countries, and its countries are among the
  headline's (Modi receiving Lavrov is part of Lavrov's visit to India; Modi meeting
  Uzbekistan's president at a summit is not part of his meeting with Putin); a country stands
  for its people only at a meeting between countries: in a story of one country (ECB+'s US
  endangered-species rule, MEANTIME's auto-bailout reports of the White House, the Senate and
  GM) every act shares it, so an act sharing no participant with a one-country headline is no
  part of it ("Obama directed agencies to continue consulting with scientists" does not take
  "Bush enacted several policies");
- no venue contradicts (a visit to the United States is no part of a meeting in Bali);
- or, when the headline is a multilateral gathering (a summit, an IGO's meeting), it is one of
  the gathering's own acts, whoever its parties are (a communique adopted, a member admitted,
  a presidency handed over): ``gathering_acts`` says when;
- it is the only headline that fits, or the one holding all its participants, or held where
  the act is placed, or sharing most of its participants; an act told in the same sentence as
  one headline's mention goes to that one; it joins none when two headlines remain (undated:
  two occasions ``occasion_days`` apart or more).

The event keeps the headline's actors (``Group.acts`` marks the sub-acts' members, which
``merge`` leaves out of the roles), so the visit is still "Lavrov visited India" with the
minister he came to see, not with everyone he met. Blocked by story and document: never all
pairs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from storyline.events.gathering_acts import done_at_gathering, gathering_marks
from storyline.events.grouping import Group, union
from storyline.events.lexicon import in_person_modes, settings
from storyline.events.trips import far_apart, process_at_meeting
from storyline.models import EventMention


def absorb_acts(groups: list[Group], mentions: Sequence[EventMention]) -> list[Group]:
    """``groups`` with each sub-act united with the headline of its occasion; again while that
    joins more (an audience joined to a visit lets the host's later report of it find it).
    A round that joins nothing within a part (``parts``) leaves it as it was, so the next one
    does too: stopping when no group of the pile joined gives each part what stopping when none
    of its own joined gives."""
    if not settings()["merge"]["occasions"]:
        return groups
    for _ in range(3):
        before = len(groups)
        groups = _absorb_once(groups, mentions)
        if len(groups) == before:
            break
    return groups


def _absorb_once(groups: list[Group], mentions: Sequence[EventMention]) -> list[Group]:
    heads = [i for i, g in enumerate(groups) if _headline(g)]
    weight = {i: (len(groups[i].documents), len(groups[i].members), -i) for i in heads}
    by_key: dict[str, list[int]] = defaultdict(list)
    for i in heads:
        for key in _keys(groups[i]):
            by_key[key].append(i)
    unplaced = {i: _unplaced_people(g, mentions) for i, g in enumerate(groups)}
    sentences = {i: _sentences(g, mentions) for i, g in enumerate(groups)}
    gatherings = {i: m for i in heads if (m := gathering_marks(groups[i], mentions)) is not None}
    texts = {i: _texts(g, mentions) for i, g in enumerate(groups)}
    target: dict[int, int] = {}
    for i, group in enumerate(groups):
        if not group.participants:
            continue  # naming no one: ``attach`` places it within its article
        own = weight.get(i)
        fitting = sorted(
            {
                j
                for key in _keys(group)
                for j in by_key[key]
                if j != i and (own is None or weight[j] > own)
                and (
                    _fits(group, groups[j], unplaced[i])
                    or done_at_gathering(group, groups[j], gatherings.get(j), texts[i])
                )
            }
        )  # fmt: skip
        chosen = _choose(group, fitting, groups, sentences, i)
        if chosen is not None:
            target[i] = chosen
    return _united(groups, target)


def _keys(group: Group) -> set[str]:
    return {f"story:{s}" for s in group.stories} | {f"doc:{d}" for d in group.documents}


def _headline(group: Group) -> bool:
    """A dated meeting in person (or of no stated mode) between named participants."""
    in_person = in_person_modes()
    consult_modes = {m for m in group.modes if m.startswith("CONSULT.")}
    return (
        group.type == "CONSULT"
        and group.status == "happened"
        and bool(group.dates)
        and bool(group.participants)
        and consult_modes <= in_person
        and any(len(d) == 10 for d in group.dates)
    )


def _fits(act: Group, head: Group, unplaced: set[str]) -> bool:
    """Could ``act`` be done at ``head`` (participants, kind, dates, venue)?"""
    conf = settings()["merge"]
    in_person = in_person_modes()
    if act.status != head.status or not act.types <= {"CONSULT", *conf["meeting_acts"]}:
        return False
    if not {m for m in act.modes if m.startswith("CONSULT.")} <= in_person:
        return False  # a call is its own occasion
    if "CONSULT" in act.types and "CONSULT.visit" not in act.modes | head.modes:
        return False  # two meetings are two events; a visit's meetings are its content
    if act.dates and not _same_days(act, head):
        return False
    if not (act.participants & head.participants or act.countries & head.countries):
        return False
    if not act.participants & head.participants and len(head.countries) < 2:
        return False  # one country shared says nothing in a story of one country
    if not act.countries <= head.countries or not unplaced <= head.participants:
        return False  # a third country, or someone the headline cannot place
    if act.people - head.people and not act.countries:
        return False
    return not (act.venues and head.venues and not act.venues & head.venues)


def _same_days(act: Group, head: Group) -> bool:
    """Exact days among the headline's own (the day before a visit is another stop); a coarser
    date holding one of them."""
    if process_at_meeting(act, head):
        return False
    exact = {d for d in head.dates if len(d) == 10}
    for day in act.dates:
        if len(day) == 10:
            if not min(exact) <= day <= max(exact):
                return False
        elif not any(e.startswith(day) for e in exact):
            return False
    return True


def _choose(
    act: Group,
    fitting: list[int],
    groups: list[Group],
    sentences: dict[int, set[tuple[str, int]]],
    index: int,
) -> int | None:
    """The one headline the act belongs to, or None when it is not clear which."""
    if not fitting:
        return None
    told_with = [j for j in fitting if sentences[j] & sentences[index]]
    if told_with and "CONSULT" not in act.types:
        fitting = told_with  # "the visit to Kyiv, where Modi signed four agreements"
    # the headline holding every participant the act names ("Modi received Lavrov": Lavrov's
    # visit, not another meeting of Modi's), else the one sharing most of them
    whole = [j for j in fitting if act.participants <= groups[j].participants]
    if whole:
        fitting = whole
    # an act told at a place belongs to the occasion held there ("in Kyiv, where Modi signed
    # four agreements": the Kyiv visit, not a meeting of his with no stated place)
    located = [j for j in fitting if act.venues & groups[j].venues]
    if located:
        fitting = located
    best = max(len(act.participants & groups[j].participants) for j in fitting)
    top = [j for j in fitting if len(act.participants & groups[j].participants) == best]
    if not act.dates and far_apart({groups[j].date or "" for j in top}):
        return None  # two occasions could claim an undated report
    return top[0] if len(top) == 1 else None


def _united(groups: list[Group], target: dict[int, int]) -> list[Group]:
    """Each group united with its headline (following a headline that is itself a sub-act)."""

    def root(i: int) -> int:
        while i in target:
            i = target[i]
        return i

    merged: dict[int, Group] = {}
    for i in sorted(range(len(groups)), key=lambda i: (i in target, i)):
        head = root(i)
        if head == i:
            merged[i] = groups[i]
            continue
        act = groups[i]
        merged[head] = union(merged[head], act)
        merged[head].acts |= set(act.members)
        merged[head].notes.append(
            f"{len(act.members)} mention(s) of what was done at it joined as part of it"
        )
    return [merged[i] for i in sorted(merged)]


def _unplaced_people(group: Group, mentions: Sequence[EventMention]) -> set[str]:
    """People of a group whose country the actor dictionary does not give."""
    from storyline.events.canonical_actors import actor_key, is_named

    found = set()
    for index in group.members:
        mention = mentions[index]
        for actor in (*mention.source, *mention.target):
            if actor.label == "PERSON" and not actor.country and is_named(actor):
                found.add(actor_key(actor))
    return found


def _texts(group: Group, mentions: Sequence[EventMention]) -> list[str]:
    return sorted({mentions[i].provenance.sentence for i in group.members})


def _sentences(group: Group, mentions: Sequence[EventMention]) -> set[tuple[str, int]]:
    return {
        (mentions[i].provenance.doc_id, mentions[i].provenance.sentence_start)
        for i in group.members
    }
