"""Who made a visit: the people its reports have travelling to the place visited.

A merged visit gathers the reports of the journey ("Lavrov arrived in New Delhi", "Lavrov's
trip to India") with reports of what was done there ("Jaishankar held talks with visiting
Lavrov", "Modi received Lavrov"). Each report's verb is true of its own arguments only: the
subjects of the journey travelled; a subject of the talks who made no journey is someone the
visitors met there. Summing every report's subjects into one list of visitors puts one report's
act in another report's actors' mouths ("Lavrov and Jaishankar visited India", of India's own
foreign minister). News tells visits this way in unrelated sources: the briefing tuning part
(Modi's visit to Kyiv "holding talks with President Volodymyr Zelenskyy", "the two leaders
first visited the … museum"), the PLOVER gold file (CONSULT-0004 "arrived in Amman";
CONSULT-0011 Fabius "held talks with leaders of Romania's new government", the first
delegation "to visit Bucharest"), TimeBank APW19980818.0515 (Albright's visit to East Africa,
the Tanzanian foreign minister "speaking at a joint news conference with Albright") and the
demo corpus (002: Jaishankar's visit to Russia and his meeting with Lavrov; 004: "Putin's visit
to India, where he engaged in bilateral talks with Prime Minister Narendra Modi").
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from storyline.events.canonical_actors import PLACES, actor_key, is_named
from storyline.models import Actor, EventMention

#: Actors that can be met on a visit: people and the bodies they speak for.
MET_LABELS = frozenset({"PERSON", "ORG"})


def visitors_and_met(
    sources: list[Actor],
    targets: list[Actor],
    mentions: Sequence[EventMention],
    type_: str,
    visited: Collection[str | None],
) -> tuple[list[Actor], list[Actor]]:
    """The visit's sources and targets with only its travellers as sources: a person or body
    the reports name as a source who made no journey to the place ``visited`` (a country, or
    a place's name) is met there, a target ("Lavrov visited India and met Jaishankar"), unless
    of a traveller's own country (a delegation travels with its leader); a traveller some
    reports give as a target ("Modi received Lavrov") is a source. Unchanged when no report
    tells a journey of anyone named among them."""
    travelled = travellers(mentions, type_, visited)
    if not any(actor_key(a) in travelled for a in (*sources, *targets)):
        return sources, targets
    homes = {a.country for a in (*sources, *targets) if actor_key(a) in travelled} - {None}

    def met(actor: Actor) -> bool:
        return (
            actor_key(actor) not in travelled
            and actor.label in MET_LABELS
            and not (actor.country and actor.country in homes)
        )

    arrived = [a for a in targets if actor_key(a) in travelled]
    stayed = [a for a in targets if actor_key(a) not in travelled]
    hosts = [a for a in sources if met(a)]
    return [*[a for a in sources if not met(a)], *arrived], [*stayed, *hosts]


def travellers(
    mentions: Sequence[EventMention], type_: str, visited: Collection[str | None]
) -> set[str]:
    """The keys (``actor_key``) of the named sources of the visit reports whose target is a
    place in ``visited``: who went there. A visit report whose target is a person ("talks
    with visiting Lavrov" read as the host's visit to him) says no journey to a place, and no
    one journeys to their own country ("Modi received Lavrov" read as a visit to India is
    Modi's act as host)."""
    places = set(visited) - {None}
    keys: set[str] = set()
    for mention in mentions:
        if mention.type != type_ or mention.mode != "visit":
            continue
        if any(a.label in PLACES and (a.country or a.name) in places for a in mention.target):
            keys.update(
                actor_key(a) for a in mention.source if is_named(a) and a.country not in places
            )
    return keys
