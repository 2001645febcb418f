"""Figures across documents: which measure the same thing, and what their sources say of it.

1. **Blocking** by the measure's head (the key without its parties: a dictionary, linear in the
   number of figures).
2. **Measures** inside a block: figures whose argument parties are compatible. A level (trade,
   a share of GDP) needs the same parties ("India's oil imports" is not "India's oil imports
   from Russia"); a count or duration tied to an act needs overlapping ones ("India and Ukraine
   signed" and "Modi signed" can be one signing). A figure that names no parties joins the
   measure its context (the parties named around it) points to, else one of its own; so does
   one whose only party is its scope ("85% of world output": whose?), among world measures.
3. **Classes** inside a measure: the same kind of claim (actual and record; target; forecast;
   cumulative) and the same period; an unstated period joins the only stated one it agrees with.
4. **Verdict** per class (``status``): corroborated, conflicting, series or single-source.
   Classes with a verdict of their own are groups of their own; the rest of the measure forms
   one group, *related* when it holds several sources (different periods or kinds of claim,
   never a contradiction), *single-source* otherwise. Groups of one measure link each other.
5. **Restatements** (``join``): a precise value that two sources of one story give under two
   names ("contract", "deal") joins into one group; a second pass, blocked by story and unit.

Near-duplicates (``same_source``: copy → original) count as one source throughout.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache

from storyline.entities.lexicon import lexicon as entity_lexicon
from storyline.figures.compare import amount, value_range
from storyline.figures.join import join_restatements
from storyline.figures.signature import SCOPE_PARTY
from storyline.figures.status import (
    ClassKey,
    Verdict,
    assess_class,
    compared_claim,
    explain_leftovers,
)
from storyline.models import Figure, FigureGroup

SCOPE = frozenset({SCOPE_PARTY})  # a measure's scope is no owner: "world output" is whose?


def block_key(figure: Figure) -> tuple[str, str]:
    return figure.kind, figure.measure_key.split("|")[0]


def parties_of(figure: Figure) -> frozenset[str]:
    return _parties(figure.measure_key)


@lru_cache(maxsize=1 << 16)
def _parties(measure_key: str) -> frozenset[str]:
    """The parties a measure key names, split once per key: a build asks for every figure's
    parties (its head's key reads them, and its measures), and many figures share a key."""
    return frozenset(p for p in measure_key.split("|")[1:] if p)


def is_event(figure: Figure) -> bool:
    head = figure.measure_key.split("|")[0]
    return head.startswith("duration:") or (figure.kind == "count" and ":" in head)


def group_figures(
    figures: Sequence[Figure],
    same_source: Mapping[str, str] | None = None,
    affiliations: Mapping[str, str] | None = None,
    stories: Mapping[str, str] | None = None,
) -> list[FigureGroup]:
    """Figure groups, each with a status and a one-line explanation (module docstring).

    ``affiliations``: party key → country key, from the entity layer; ``stories``: document id
    → story id. Both only widen the context of figures that name no parties (``measures``).
    """
    groups = [
        group
        for head in head_blocks(figures)
        for group in head_groups(head, same_source, affiliations, stories)
    ]
    return join_restatements(groups, figures, same_source, stories)


def head_blocks(figures: Sequence[Figure]) -> list[list[Figure]]:
    """The figures by the head of their measure key, heads in order: the unit a partitioned
    run ships (a head's groups never depend on another head's figures, ids included)."""
    heads: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        heads[block_key(figure)[1]].append(figure)
    return [heads[head] for head in sorted(heads)]


def head_groups(
    figures: Sequence[Figure],
    same_source: Mapping[str, str] | None = None,
    affiliations: Mapping[str, str] | None = None,
    stories: Mapping[str, str] | None = None,
) -> list[FigureGroup]:
    """The groups of figures that share one measure head (``head_blocks``), in order."""
    copies = same_source or {}
    blocks: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for figure in figures:
        blocks[block_key(figure)].append(figure)
    groups: list[FigureGroup] = []
    seen: Counter[str] = Counter()  # a measure key's head is its block's: ids stay per head
    for key in sorted(blocks, key=lambda k: (k[1], k[0])):
        for measure in measures(blocks[key], affiliations, stories):
            counts = Counter(f.measure_key for f in measure)
            measure_key = max(counts, key=lambda k: (k.count("|"), counts[k], k))
            seen[measure_key] += 1  # measures told apart by context only can share a key
            n = seen[measure_key]
            gid = f"fg:{measure_key}" + (f"#{n}" if n > 1 else "")
            groups.extend(_measure_groups(measure, measure_key, gid, copies))
    return groups


# ---------------------------------------------------------------- measures inside a block


def measures(
    block: Sequence[Figure],
    affiliations: Mapping[str, str] | None = None,
    stories: Mapping[str, str] | None = None,
) -> list[list[Figure]]:
    """The figures of one block split into measures by their parties (module docstring).

    ``affiliations`` maps a party key to its country's ("modi" → "india"): participants of an
    act overlap when one report names a leader and another his country. ``stories`` puts each
    figure's story in its context: a figure that names no parties is about its story's event.
    """
    named = [f for f in block if parties_of(f) - SCOPE]
    bare = [f for f in block if not parties_of(f) - SCOPE]
    event = any(is_event(f) for f in block)
    ordinal = any(f.kind == "ordinal" for f in block)
    widen = affiliations or {}
    story_of = stories or {}

    def around(f: Figure) -> set[str]:
        context = set(f.context)
        context |= {widen[p] for p in context if p in widen}
        story = story_of.get(f.provenance.doc_id)
        return context | ({f"story:{story}"} if story else set())

    clusters: list[tuple[set[str], list[Figure]]] = []
    for figure in sorted(named, key=lambda f: f.id):
        parties = _governments(parties_of(figure))
        if event:
            parties |= {widen[p] for p in parties if p in widen}
        fits = [c for c in clusters if (c[0] & parties if event else c[0] == parties)]
        if not fits:
            clusters.append((parties, [figure]))
            continue
        first = fits[0]
        for other in fits[1:]:  # a figure that bridges two clusters joins them
            first[0].update(other[0])
            first[1].extend(other[1])
            clusters.remove(other)
        first[0].update(parties)
        first[1].append(figure)
    # what each measure's members name (``_home``), kept as bare figures join rather than
    # gathered from every member for every bare figure: that grew as the square of a block
    nears = [c[0] | {p for f in c[1] for p in around(f)} for c in clusters]
    loose: list[tuple[set[str], list[Figure]]] = []
    for figure in sorted(bare, key=lambda f: f.id):
        if ordinal:  # "the first visit" of whom? Without an owner it is nobody's to compare
            loose.append((set(), [figure]))
            continue
        scope = parties_of(figure)  # "85% of world output" fits a world measure only
        context = around(figure)
        if not context:  # nothing around it: it can only be the block's one measure
            only = [c for c in [*clusters, *loose] if scope <= c[0]]
            if len(only) == 1:
                only[0][1].append(figure)  # names nothing around it: no cluster's near grows
            else:
                loose.append((set(), [figure]))
            continue
        home = _home(
            context, [(c, n) for c, n in zip(clusters, nears, strict=True) if scope <= c[0]]
        )
        if home is not None:
            home[0][1].append(figure)
            home[1].update(context)  # ``around(figure)``
            continue
        fits = [c for c in loose if c[0] & context and scope <= c[0]]
        if fits:
            fits[0][0].update(context | scope)
            fits[0][1].append(figure)
        else:
            loose.append((context | scope, [figure]))
    return [c[1] for c in [*clusters, *loose]]


def _governments(parties: frozenset[str]) -> set[str]:
    """A measure between several parties (trade, talks) is between governments, and a capital
    named as one of them stands for its country: "trade between Moscow and New Delhi" is
    India–Russia trade (the place-for-institution metonymy of news English — Lakoff & Johnson,
    *Metaphors We Live By*, ch. 8; the AP Stylebook's use of "Washington" for the US
    government; the capitals of ``entities_places.toml``). A measure of one place ("Moscow's
    population") keeps the city."""
    if len(parties) < 2:
        return set(parties)
    places = entity_lexicon()
    return {(places.capital(p) or p).lower() for p in parties}


def _home(
    context: set[str],
    clusters: list[tuple[tuple[set[str], list[Figure]], set[str]]],
) -> tuple[tuple[set[str], list[Figure]], set[str]] | None:
    """The measure a figure without parties belongs to: the one its context overlaps most
    (its ``near``: its members' own parties and contexts), among those whose parties its context
    names all of or whose story it shares. One shared name is not enough: "three decades of ties
    between the countries" next to "India" is not India–Russia relations unless Russia is around
    too. Each of ``clusters`` comes with its near; the best comes back with its own."""
    best, overlap = None, 0
    for cluster, near in clusters:
        shared = context & near
        fits = cluster[0] <= context or any(p.startswith("story:") for p in shared)
        n = len(shared)
        if fits and n > overlap:
            best, overlap = (cluster, near), n
    return best


# ---------------------------------------------------------------- classes and groups


def _class_key(f: Figure) -> ClassKey:
    unit = "time" if f.kind == "duration" else f.unit or ""
    return f.kind, unit, compared_claim(f), f.period


def classes(figures: Sequence[Figure]) -> dict[ClassKey, list[Figure]]:
    """Figures by (kind, unit, claim, period). A figure that states no period speaks of the time
    of its report: it joins the only stated period of the same claim when it agrees with a value
    there, or when its report is undated or from that period's year or the next."""
    by_class: dict[ClassKey, list[Figure]] = defaultdict(list)
    for f in figures:
        by_class[_class_key(f)].append(f)
    for key in [k for k in by_class if k[3] is None]:
        stated = [k for k in by_class if k[:3] == key[:3] and k[3] is not None]
        if len(stated) != 1:
            continue
        target = stated[0]
        ranges = [value_range(f) for f in by_class[target]]
        keep = []
        for f in by_class[key]:
            low, high = value_range(f)
            agrees = any(low <= h and lo <= high for lo, h in ranges)
            if agrees or _same_time(f.reported, target[3]):
                by_class[target].append(f)
            else:
                keep.append(f)
        if keep:
            by_class[key] = keep
        else:
            del by_class[key]
    return dict(by_class)


def _same_time(reported: str | None, period: str | None) -> bool:
    """Whether a report with no stated period can speak of ``period``: it is undated, or
    published in the period's last year or the year after."""
    if reported is None or period is None:
        return True
    end = period.split("/")[-1]
    digits = end[2:] if end.startswith("FY") else end[:4]
    if not digits[:4].isdigit() or not reported[:4].isdigit():
        return True
    return 0 <= int(reported[:4]) - int(digits[:4]) <= 1


def _measure_groups(
    members: list[Figure], key: str, gid: str, copies: Mapping[str, str]
) -> list[FigureGroup]:
    label = _label(key, members)
    verdicts: list[Verdict] = []
    leftovers: list[Verdict] = []
    for class_key, figures in sorted(classes(members).items(), key=lambda kv: _order(kv[0])):
        verdict = assess_class(class_key, figures, copies)
        (leftovers if verdict.status == "single-source" else verdicts).append(verdict)
    groups = [
        _group(f"{gid}@{_suffix(v.key)}", label, v.figures, v.status, v.explanation)
        for v in verdicts
    ]
    if leftovers:
        status, explanation = explain_leftovers(leftovers, copies)
        figures = [f for v in leftovers for f in v.figures]
        own = gid if not verdicts else f"{gid}@other"
        groups.append(_group(own, label, figures, status, explanation))
    if len(groups) == 1:
        groups[0].id = gid  # a measure with one group keeps the plain id
    repeats: Counter[str] = Counter()
    for g in groups:  # classes of another kind or unit can share a claim and a period
        repeats[g.id] += 1
        if repeats[g.id] > 1:
            g.id = f"{g.id}#{repeats[g.id]}"
    ids = [g.id for g in groups]
    for g in groups:
        g.related = [i for i in ids if i != g.id]
    return groups


def _group(
    gid: str, label: str, figures: Sequence[Figure], status: str, explanation: str
) -> FigureGroup:
    return FigureGroup(
        id=gid,
        measure=label,
        figure_ids=[f.id for f in figures],
        documents=sorted({f.provenance.doc_id for f in figures}),
        status=status,  # type: ignore[arg-type]
        explanation=explanation,
    )


def _order(key: ClassKey) -> tuple[str, str, str, str]:
    kind, unit, claim, period = key
    return claim, period or "~", kind, unit


def _suffix(key: ClassKey) -> str:
    _, _, claim, period = key
    return f"{claim}:{period or 'unstated'}"


def _label(key: str, members: Sequence[Figure]) -> str:
    """The group's measure: the members' phrase when they agree, else parties + key head."""
    phrases = Counter(f.measure for f in members)
    if len(phrases) == 1:
        return members[0].measure
    core = key.split("|")[0]
    if ":" in core:  # a share, a change, a duration or a count: the members say it best
        return phrases.most_common(1)[0][0]
    names = max((f.participants for f in members), key=len)
    return f"{'–'.join(names)} {core}".strip()


__all__ = ["amount", "classes", "group_figures", "head_blocks", "head_groups", "measures"]
