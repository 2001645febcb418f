"""What is done at a multilateral gathering, as one of its own acts, is part of the gathering's
event: one real event, one event.

News tells a gathering as the gathering and what its parties did there, each told as an act of
its own in a sentence that names the gathering, its holder or one of its parties: "India, which
was represented by Pavan Kapoor, attended the summit but did not sign the document", "India sent
a senior diplomat", "participating countries that did not endorse the joint communique adopted
on Sunday at the end of the two-day Summit on Peace in Ukraine" (briefing tuning 215, 216, the
peace summit in Switzerland); "Apple Inc. today has introduced the much-anticipated iPhone at the
Macworld Conference", "Steve Jobs … announced the development at a developers' conference"
(MEANTIME 58207, 107785); "Mr Gates, speaking at a security conference in Bahrain, also called
for shipping companies to do more" (ECB+ 12_9ecb). CAMEO and PLOVER code the gathering (044
"meet at a third location", PLOVER's CONSULT, mode third-party) as the event and what was
adopted, signed or handed over there as its content; the briefing gold lists such acts in the
summit's ``family``. ``occasions`` joins an act to a *bilateral* headline only when its
countries are among the headline's (Modi meeting Uzbekistan's president at a summit is no part
of his meeting with Putin); a gathering's parties are many states and organisations that no
report names all of, so that test keeps a gathering's own acts out of it.

A headline is a *gathering* when its reports name a gathering noun (``[gatherings] nouns``:
``gatherings.gathering_of``), or one of its parties is an intergovernmental organisation
(PETRARCH2's actor dictionary codes it IGO: ``political.organisation_sector``; the G20, NATO,
the EU). Counting parties does not tell one: a visit told with the stop before it (Modi in
Poland, then in Kyiv: briefing tuning 217) has three countries and is no gathering. An act
joins it (``done_at_gathering``) when it:

- is of the meeting acts (``[merge] meeting_acts``), never a meeting itself: a bilateral meeting
  on a summit's sidelines is its own event (Biden and Xi at APEC, Modi and Zelenskyy at the G7:
  the briefing gold, tuning), and so is what an act's sentence places on the sidelines ("on the
  sidelines of the G20 summit", ``[gatherings] margin_nouns``);
- is told in an article that reports the gathering, with the same factuality, and dated on the
  gathering's days (an undated act of such an article may recall any earlier occasion);
- does not contradict its venue;
- is tied to the gathering by its own sentence: the sentence names the gathering (its noun, not
  under a preposition of topic or time, with no naming word of another: "the BRICS summit" is
  not the G20 one), or the organisation holding it (its name, as the headline's reports give
  it), or the act names one of the gathering's parties, itself or a person of its country.

The sentence tie is what keeps out what else an article about a summit tells of its days:
without it, "US Vice-President Kamala Harris announced $1.5 billion in aid for Ukraine's energy
sector … on Saturday" (briefing tuning 215) joined the peace summit, which the gold keeps as an
event of its own (measured: tuning recall core + secondary 14/19 → 13/19, merged core 5/5 →
4/5, one wrong merge). ECB+'s gold keeps even hosting the Oscars apart from the Oscars (topic 2:
"host" and "Academy Awards" are two chains); no act of its tuning topics meets a gathering
headline here, so its CoNLL is unchanged (0.834).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from storyline.events.canonical_actors import is_named
from storyline.events.gatherings import (
    at_its_edge,
    gathering_of,
    governed_names,
    nouns,
    on_its_days,
)
from storyline.events.grouping import Group
from storyline.events.lexicon import settings
from storyline.events.political import organisation_sector
from storyline.events.trips import process_at_meeting
from storyline.models import EventMention


@dataclass(frozen=True)
class GatheringMarks:
    """What a sentence may name a gathering headline by."""

    nouns: frozenset[str]  # the gathering nouns its reports use ("summit"); empty: none named
    names: frozenset[str]  # the words naming it in its reports ("g20", "#18th")
    holders: frozenset[str]  # the names of the organisations holding it ("G20", "Group of Twenty")


def gathering_marks(head: Group, mentions: Sequence[EventMention]) -> GatheringMarks | None:
    """The marks of a headline that is a multilateral gathering, or None when it is none (see
    the module's docstring)."""
    found_nouns = {head.gathering} if head.gathering else set()
    names: set[str] = set()
    holders: set[str] = set()
    for index in head.members:
        mention = mentions[index]
        gathering = gathering_of(mention)
        if gathering is not None:
            found_nouns.add(gathering.noun)
            names |= gathering.names
        for actor in (*mention.source, *mention.target):
            if actor.label == "ORG" and is_named(actor) and _intergovernmental(actor.name):
                holders |= {actor.name or "", _surface(actor.start, actor.end, mention)}
    holders.discard("")
    if not (found_nouns or holders):
        return None
    return GatheringMarks(frozenset(found_nouns), frozenset(names), frozenset(holders))


def done_at_gathering(
    act: Group, head: Group, marks: GatheringMarks | None, sentences: Sequence[str]
) -> bool:
    """Is ``act`` (its sentences given) one of the acts of ``head``, a gathering when ``marks``
    are given (``gathering_marks``)?"""
    if marks is None:
        return False
    if act.status != head.status or not act.types <= set(settings()["merge"]["meeting_acts"]):
        return False
    if not act.documents <= head.documents or not act.dates or not on_its_days(act, head):
        return False
    if process_at_meeting(act, head):
        return False  # a year-dated process is no act of the gathering's days
    if act.venues and head.venues and not act.venues & head.venues:
        return False
    if any(on_sidelines(sentence) for sentence in sentences):
        return False
    if act.participants & head.participants or act.countries & head.countries:
        return True
    return any(_names_gathering(sentence, marks) for sentence in sentences)


def on_sidelines(sentence: str) -> bool:
    """Does the sentence place what it tells on a gathering's sidelines ("on the sidelines of
    the G20 summit", "on the margins of the summit")?"""
    for noun in nouns():
        found = governed_names(sentence, noun)
        if found is not None and at_its_edge(found[1]):
            return True
    return False


def _names_gathering(sentence: str, marks: GatheringMarks) -> bool:
    """The sentence names the gathering: an organisation holding it, or a gathering noun not
    under a preposition of topic or time whose naming words are none of another gathering's."""
    for holder in marks.holders:
        if re.search(rf"(?<!\w){re.escape(holder)}(?!\w)", sentence):
            return True
    topic = set(settings()["gatherings"]["topic_words"])
    for noun in marks.nouns or nouns():
        found = governed_names(sentence, noun)
        if found is None:
            continue
        words, governors = found
        if governors[:1] and governors[0] in topic:
            continue
        plain = {w for w in words if not w.startswith("#")}
        known = {w for w in marks.names if not w.startswith("#")}
        if not (plain and known and not plain & known):
            return True
    return False


@cache
def _intergovernmental(name: str | None) -> bool:
    """Does PETRARCH2's actor dictionary code the organisation IGO (read once a name)?"""
    return bool(name) and organisation_sector(name or "") == "IGO"


def _surface(start: int | None, end: int | None, mention: EventMention) -> str:
    """The words of an entity mention inside the mention's sentence ("G20"), or ""."""
    provenance = mention.provenance
    if start is None or end is None or not provenance.sentence:
        return ""
    offset = provenance.sentence_start
    if not offset <= start < end <= offset + len(provenance.sentence):
        return ""
    return provenance.sentence[start - offset : end - offset]
