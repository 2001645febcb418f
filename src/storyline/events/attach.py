"""Mentions that name nobody ("the two leaders also exchanged views", "the governments agreed",
"the Prime Minister wrote") join the one event their article tells them alongside.

A bare phrase is not an identity: "the leaders" of one article are not "the leaders" of another,
so such a mention never merges on its words (``grouping`` counts only named participants). News
uses these phrases anaphorically, for the actors just named: within the same document, a mention
with no named participant joins the event of a compatible type (the same type, or an act done at
the meeting it reports), status and mode whose date agrees (or, undated, any date), preferring
the same paragraph and the same day. When two events could claim it, it joins neither: it stays
off the timeline (``timeline`` shows only events with a named actor). The anaphora is the news
of meetings and calls; any other act naming no one (an attack, a capture, a refusal) joins the
one named act of its type only in the same word, coordinated with it, or on the same stated day
(``may_retell``): an article tells several acts of one kind, naming the parties of only some.

Across the articles of one story (``attach_described``), a report that describes its parties
instead of naming them joins the one named event of its story told in the same word when the
words it uses agree. News withholds a name it does not expect the reader to know until later
in the article (the "delayed identification" lead of news-writing style: "A convicted sex
offender … pulled a gun on two guards", the name in the next paragraph), and its reports of one
act describe the other parties in the same common nouns: ECB+'s escape ("a convicted sex
offender pulled a gun on two guards" / "Comeaux pulled a gun on two guards") and, in the
older ECB part, the Atlanta sentencing ("the man who killed four people … was sentenced" /
"a judge sentenced the man" / "a judge sentenced Brian Nichols"). Each of its phrases must be a
phrase of that event in the same role, or stand in a role the event fills with a name (the
description of the one named there), and one phrase must be shared; the same type, status and
trigger word; no other named event of the story fitting. "The people" who voted are not
"Turkmenistan" by this rule: no word is shared. Blocked by story, word and type.

``inherit_dates``: an undated group told alongside exactly one dated group (the same paragraph
and a shared participant, or coordinated in one sentence) takes its date.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import product

from storyline.events.compatibility import dates_agree, modes_fit, types_fit
from storyline.events.grouping import Group, union
from storyline.events.lexicon import settings
from storyline.events.nationalities import shared_parties
from storyline.models import EventMention


def attach_anonymous(groups: list[Group]) -> list[Group]:
    """``groups`` with each attachable anonymous group united with its one candidate."""
    named = [i for i, g in enumerate(groups) if g.participants]
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i in named:
        for doc in groups[i].documents:
            by_doc[doc].append(i)
    merged: dict[int, Group] = {i: groups[i] for i in named}
    left: list[Group] = []
    for group in groups:
        if group.participants:
            continue
        candidates = sorted({j for doc in group.documents for j in by_doc[doc]})
        fitting = [(j, merged[j]) for j in candidates if may_retell(group, merged[j])]
        chosen = _only_candidate(group, fitting)
        if chosen is None:
            left.append(group)
            continue
        merged[chosen] = union(merged[chosen], group)
        merged[chosen].notes.append(
            f"{len(group.members)} mention(s) naming no one joined from the same article"
        )
    return [merged[i] for i in sorted(merged)] + left


def attach_described(groups: list[Group]) -> list[Group]:
    """``groups`` with each report naming no one united with the one named event of its story
    that it describes in the same words (module doc)."""
    keyed: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, group in enumerate(groups):
        if group.participants and len(group.types) == 1:
            for story, word in product(group.stories, group.words):
                keyed[(story, word, group.type)].append(i)
    merged: dict[int, Group] = {i: g for i, g in enumerate(groups) if g.participants}
    left: list[Group] = []
    for group in groups:
        if group.participants:
            continue
        found = {
            j for story, word in product(group.stories, group.words)
            for j in keyed.get((story, word, group.type), [])
        }  # fmt: skip
        fitting = [j for j in sorted(found) if _described(group, merged[j])]
        if len(group.types) != 1 or len(fitting) != 1:
            left.append(group)
            continue
        merged[fitting[0]] = union(merged[fitting[0]], group)
        merged[fitting[0]].notes.append(
            f"{len(group.members)} mention(s) describing its parties in its words joined "
            "from another article of its story"
        )
    return [merged[i] for i in sorted(merged)] + left


def _described(group: Group, named: Group) -> bool:
    """Does ``group`` (naming no one) tell ``named`` in its words: a shared phrase, and each
    other phrase in a role ``named`` fills with a name ("a convicted sex offender" for Comeaux)?"""
    if not (group.phrases & named.phrases) or not _fits(group, named):
        return False
    filled = {"source"} if named.sources else set()
    filled |= {"target"} if named.targets else set()
    return all(p in named.phrases or p.split(":", 1)[0] in filled for p in group.phrases)


def may_retell(anonymous: Group, named: Group) -> bool:
    """Could ``anonymous`` (naming no one) retell ``named``, the event of its article it would
    join? For a meeting, a call or an act done at one, yes: "the two leaders", "the governments"
    stand for the parties just named. Any other act (an attack, a capture, a sentence, a
    refusal) is different: an article tells several acts of its kind, naming the parties of one
    and describing those of the others ("held them hostage" beside "Comeaux injured a man", ECB+;
    TimeBank's APW19990507.0207 tells Dr. Slepian's shooting beside "three non-fatal sniper
    attacks on Canadian abortion providers" and a clinic bombing "that killed an off-duty police
    officer"), so being the one named act of its type says nothing. It retells it when
    told in the same word (the lexicon row, ``wording``: "sentenced the man" / "sentenced
    Nichols"), coordinated with it in one sentence (PLOVER's gold codes "a roadside bombing ...
    killed one U.S. soldier and wounded two others" as one event), or on the same day the text
    states for both (the delayed-identification lead: "A convicted sex offender ... was captured
    Monday" / "Comeaux was caught", Monday)."""
    settings_ = settings()["merge"]
    if anonymous.types <= {*settings_["occasion_mode_types"], *settings_["meeting_acts"]}:
        return True
    if anonymous.words & named.words:
        return True
    if anonymous.ids & named.links or named.ids & anonymous.links:
        return True
    stated = {day for _, day in anonymous.doc_days} & {day for _, day in named.doc_days}
    return bool(stated)


def _only_candidate(group: Group, candidates: list[tuple[int, Group]]) -> int | None:
    fitting = [(j, other) for j, other in candidates if _fits(group, other)]
    for narrower in (
        lambda other: bool(other.paragraphs & group.paragraphs),
        lambda other: bool(group.dates and other.dates == group.dates),
    ):
        if len(fitting) > 1:
            fitting = [(j, other) for j, other in fitting if narrower(other)] or fitting
    return fitting[0][0] if len(fitting) == 1 else None


def _fits(group: Group, other: Group) -> bool:
    if group.status != other.status or not types_fit(group, other):
        return False
    if not modes_fit(group, other):
        return False
    if group.dates:
        return bool(other.dates) and dates_agree(group, other)
    return True


def inherit_dates(groups: list[Group], mentions: list[EventMention]) -> None:
    """An undated group told alongside exactly one dated group takes its date."""
    owner = {m: i for i, g in enumerate(groups) for m in groups[i].members}
    by_id = {mention.id: i for i, mention in enumerate(mentions)}
    by_paragraph: dict[tuple[str, int], set[int]] = defaultdict(set)
    for i, group in enumerate(groups):
        for paragraph in group.paragraphs:
            by_paragraph[paragraph].add(i)
    for i, group in enumerate(groups):
        if group.dates or not group.participants or group.contested:
            continue
        candidates: set[int] = set()
        for paragraph in group.paragraphs:
            for j in by_paragraph[paragraph]:
                other = groups[j]
                if (
                    j != i
                    and other.dates
                    and shared_parties(group, other)
                    and types_fit(group, other)  # another kind of event has its own date
                ):
                    candidates.add(j)
        for member in group.members:
            for linked in mentions[member].cotemporal:
                j = owner.get(by_id.get(linked, -1), -1)
                if j >= 0 and j != i and groups[j].dates:
                    candidates.add(j)
        dates = {groups[j].date for j in candidates}
        if len(dates) == 1:
            (j,) = sorted(candidates)[:1]
            inherited = groups[j].date
            assert inherited is not None  # only dated groups are candidates
            group.dates = {inherited}
            basis = {mentions[m].date_basis for m in groups[j].members} - {"none"}
            group.inherited_basis = "timex" if "timex" in basis else "document-date"
            source = mentions[groups[j].members[0]]
            group.notes.append(
                f"date {groups[j].date} taken from the event told alongside it "
                f"('{source.trigger}', {source.provenance.doc_id})"
            )
