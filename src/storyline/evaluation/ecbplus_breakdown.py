"""Where the ECB+ event merging falls short: per topic, and what keeps one gold event apart.

The pile's CoNLL F1 averages over every topic, so a rule that helps the topics it was written on
and hurts the others can look neutral; the per-topic table puts the system beside the same-lemma
baseline on each topic, with MUC recall (how much of each gold chain is joined) and B³
precision (how clean the joined events are), so a topic below its baseline says which way it
fails.

The split table counts the pairs of aligned mentions that one gold chain holds and the system
keeps in two events, by what differs between the two mentions as coded: type, factuality,
mode, date, named parties, story. These are the criteria of ``events.compatibility``; a pair
may differ in several, and "only this" counts the pairs one criterion alone keeps apart (where
relaxing that criterion is the only thing that could join them). A pair differing in none of
them was kept apart by something else (a blocking key, an ambiguous or recalled date, the word
of a report across articles).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import TYPE_CHECKING

from storyline.evaluation.coref_metrics import conll
from storyline.evaluation.report import Cell
from storyline.events.canonical_actors import actor_key, is_named
from storyline.models import HAPPENED, EventMention

if TYPE_CHECKING:
    from storyline.evaluation.ecbplus_coref import Pair

TOPIC_COLUMNS = [
    "topic",
    "mentions",
    "gold events",
    "storyline events",
    "storyline CoNLL",
    "lemma CoNLL",
    "MUC R",
    "B3 P",
]
SPLIT_COLUMNS = ["differs in", "pairs", "only this"]
NOTHING = "none of these (blocking, date claims, wording)"


def topic_rows(pairs: Sequence[Pair]) -> list[list[Cell]]:
    """Per gold topic: the system and the same-lemma baseline on that topic's mentions."""
    by_topic: dict[str, list[Pair]] = defaultdict(list)
    for pair in pairs:
        by_topic[pair.gold.gold.topic].append(pair)
    rows: list[list[Cell]] = []
    for topic in sorted(by_topic, key=lambda t: (len(t), t)):
        group = by_topic[topic]
        key = {p.gold.gold.key: p.gold.gold.chain for p in group}
        system = conll(key, {p.gold.gold.key: p.system.event for p in group})
        lemma = conll(key, {p.gold.gold.key: p.lemma for p in group})
        rows.append(
            [
                topic,
                len(group),
                len(set(key.values())),
                len({p.system.event for p in group}),
                round(system["conll_f1"], 4),
                round(lemma["conll_f1"], 4),
                round(system["muc_r"], 4),
                round(system["b3_p"], 4),
            ]
        )
    return rows


def split_rows(pairs: Sequence[Pair], stories: Mapping[str, str]) -> list[list[Cell]]:
    """Pairs of one gold chain's mentions in two system events, by what differs (module doc)."""
    by_chain: dict[str, list[Pair]] = defaultdict(list)
    for pair in pairs:
        by_chain[pair.gold.gold.chain].append(pair)
    anywhere: Counter[str] = Counter()
    alone: Counter[str] = Counter()
    total = 0
    for group in by_chain.values():
        for a, b in combinations(group, 2):
            if a.system.event == b.system.event or a.system.mention is None:
                continue
            if b.system.mention is None:
                continue
            total += 1
            reasons = differences(a.system.mention, b.system.mention, stories) or [NOTHING]
            anywhere.update(reasons)
            if len(reasons) == 1:
                alone[reasons[0]] += 1
    rows: list[list[Cell]] = [["(pairs of one gold event in two events)", total, total]]
    rows += [[reason, n, alone[reason]] for reason, n in anywhere.most_common()]
    return rows


def differences(a: EventMention, b: EventMention, stories: Mapping[str, str]) -> list[str]:
    """What differs between two coded mentions, in the terms merging compares them by."""
    out: list[str] = []
    if a.type != b.type:
        out.append("type")
    if _status(a) != _status(b):
        out.append("factuality")
    if a.mode and b.mode and a.mode != b.mode:
        out.append("mode")
    if a.date and b.date and a.date != b.date:
        out.append("date")
    elif bool(a.date) != bool(b.date):
        out.append("one dated, one undated")
    named_a, named_b = _named(a), _named(b)
    if not named_a or not named_b:
        out.append("one side names no one")
    elif not named_a & named_b:
        out.append("named parties disjoint")
    elif not (named_a <= named_b or named_b <= named_a):
        out.append("a named party shared, another differs")
    story_a, story_b = (stories.get(m.provenance.doc_id) for m in (a, b))
    if a.provenance.doc_id != b.provenance.doc_id and story_a != story_b:
        out.append("two stories")
    return out


def _status(mention: EventMention) -> str:
    return "happened" if mention.factuality in HAPPENED else mention.factuality


def _named(mention: EventMention) -> set[str]:
    return {actor_key(a) for a in (*mention.source, *mention.target) if is_named(a)}
