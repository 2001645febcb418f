"""The ``entities`` area and the junk-entity half of ``junk`` (FORMAT.md, entities).

Each gold variant is searched as a whole word in each system document's clean text; a system
mention lying inside an occurrence, or covering it when the variant has several words, links the
gold entity to the mention's system entity, except that a mention covering an occurrence that
lies inside a longer occurrence of another gold entity (the longest match: "New Delhi" in "New
Delhi Leaders' Declaration") links only that other entity. Case is ignored as everywhere, except
for acronyms (two capitals or more, no lower case: "US", "AU", "U.S."), which keep their case so
that the pronoun "us" is no occurrence of the United States. A part looks only at its own
documents; outside ``--part all`` a gold entity is scored in a part when it occurs in one of the
part's documents (so "Narendra Modi" is scored in both parts). A system entity is *nonsense*
when no gold entity links to it anywhere in the pile and its name and aliases name none (the
actor naming rule).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from storyline.evaluation.briefing.gold import Gold, GoldEntity
from storyline.evaluation.briefing.matching import Naming
from storyline.evaluation.briefing.scorecard import Scorecard
from storyline.evaluation.briefing.system import Scope, System
from storyline.evaluation.briefing.text import NormText, norm
from storyline.models import Entity

Span = tuple[int, int, str]


class Links:
    """Gold entity name → system entity ids, from variant occurrences in the given documents."""

    def __init__(self, gold: Gold, system: System, docs: set[str]) -> None:
        mentions: dict[str, list[Span]] = defaultdict(list)
        for found in system.entities.values():
            for m in found.mentions:
                where = system.gid(m.provenance.doc_id)
                if where in docs:
                    mentions[where].append((m.provenance.start, m.provenance.end, found.id))
        self.links: dict[str, set[str]] = defaultdict(set)
        self.occurs: dict[str, int] = defaultdict(int)
        # (gold name, variant) → system entity id → occurrences of the variant linked to it
        self.variant_links: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        for doc_id in sorted(docs):
            doc = system.documents.get(doc_id)
            if doc is None:
                continue
            text = NormText.of(doc.text)
            occurrences = [
                (entity.name, len(norm(variant).split()) > 1, start, end, variant)
                for entity in gold.entities
                for variant in entity.names
                for start, end in text.occurrences(variant)
            ]
            for name, several, start, end, variant in occurrences:
                self.occurs[name] += 1
                within = _within_other(name, start, end, occurrences)
                for m_start, m_end, eid in mentions[doc_id]:
                    inside = m_start >= start and m_end <= end
                    covering = several and not within and m_start <= start and m_end >= end
                    if inside or covering:
                        self.links[name].add(eid)
                self._link_variant(name, variant, start, end, occurrences, mentions[doc_id])

    def _link_variant(
        self,
        name: str,
        variant: str,
        start: int,
        end: int,
        occurrences: list[tuple[str, bool, int, int, str]],
        mentions: list[Span],
    ) -> None:
        """One naming of a gold entity for the variants measure: an occurrence inside a longer
        one of any gold name ("Jaishankar" in "S Jaishankar") is part of that naming, not one
        of its own; else a system mention inside it, or over it when it has several words,
        says what it resolved to (a one-word name inside a longer mention, "U.S." in "U.S.
        House", is part of another name, as for the links). Two names of one gold entity that
        overlap are one naming: "President Xi" in "President Xi Jinping" is the titled full
        name, and the mention of "Xi Jinping" inside it says what that naming resolved to."""
        if any(s <= start and end <= e and e - s > end - start for _, _, s, e, _ in occurrences):
            return
        several = len(norm(variant).split()) > 1
        linked = self.variant_links[name, variant]  # named here, linked or not
        low, high = start, end
        for other, _, s, e, _ in occurrences:
            if other == name and s < end and start < e:
                low, high = min(low, s), max(high, e)
        for m_start, m_end, eid in mentions:
            inside = m_start >= low and m_end <= high
            if inside or (several and m_start <= start and m_end >= end):
                linked[eid] += 1

    def sources(self) -> dict[str, set[str]]:
        """System entity id → the gold entities linked to it."""
        back: dict[str, set[str]] = defaultdict(set)
        for name, ids in self.links.items():
            for eid in ids:
                back[eid].add(name)
        return back


def _within_other(
    name: str, start: int, end: int, found: list[tuple[str, bool, int, int, str]]
) -> bool:
    """The occurrence lies inside a longer occurrence of another gold entity's variant ("New
    Delhi" in "New Delhi Leaders' Declaration"): a mention covering it names the longer thing."""
    return any(
        other != name and s <= start and end <= e and e - s > end - start
        for other, _, s, e, _ in found
    )


def _entity(system: System, eid: str) -> str:
    e = system.entities.get(eid)
    return f"{eid} '{e.name}' ({e.type})" if e else eid


def score_entities(card: Scorecard, gold: Gold, scope: Scope, system: System) -> None:
    links = Links(gold, system, scope.documents)
    entities = [e for e in gold.entities if scope.part == "all" or links.occurs.get(e.name)]
    canonical = [e for e in entities if e.check_canonical]
    one = 0
    for e in canonical:
        ids = links.links.get(e.name, set())
        if len(ids) == 1:
            one += 1
        else:
            got = ", ".join(_entity(system, i) for i in sorted(ids)) or _missing(links, e)
            card.fail("entities", f"{e.name} (canonical)", "one system entity", got)
    card.ratio(
        "entities",
        "canonical entities resolved to one",
        one,
        len(canonical),
        key="entities.canonical",
    )
    _variants(card, links, entities, system)
    found = [e for e in entities if links.links.get(e.name)]
    for e in entities:
        if not links.links.get(e.name) and not e.check_canonical:
            card.fail("entities", e.name, "a system entity", _missing(links, e))
    card.ratio("entities", "gold entities found", len(found), len(entities), key="entities.found")
    split = [e for e in found if len(links.links[e.name]) > 1]
    for e in split:
        if not e.check_canonical:
            got = ", ".join(_entity(system, i) for i in sorted(links.links[e.name]))
            card.fail("entities", f"{e.name} (split)", "one system entity", got)
    card.ratio("entities", "gold entities split", len(split), len(found), "0 ideal")
    sources = links.sources()
    merged = {eid: names for eid, names in sources.items() if len(names) > 1}
    for eid, names in sorted(merged.items()):
        card.fail(
            "entities", f"merge {_entity(system, eid)}", "one gold entity", ", ".join(sorted(names))
        )
    card.ratio(
        "entities", "system entities merging gold entities", len(merged), len(sources), "0 ideal"
    )
    pairs = [
        (e, next(iter(links.links[e.name])))
        for e in found
        if len(links.links[e.name]) == 1 and len(sources[next(iter(links.links[e.name]))]) == 1
    ]
    typed = 0
    for e, eid in pairs:
        got = system.entities[eid].type if eid in system.entities else "?"
        if got == e.type.upper():
            typed += 1
        else:
            card.fail("entities", f"{e.name} type", e.type, f"{got} ({_entity(system, eid)})")
    card.ratio(
        "entities", "entity type right", typed, len(pairs), "one-to-one pairs", "entities.types"
    )
    _junk(card, gold, scope, system)


def _variants(card: Scorecard, links: Links, entities: list[GoldEntity], system: System) -> None:
    """Issue 15's "≥ 95% of name variants resolve to one entity", per variant: of each gold
    entity named in more than one way in the part's documents, every way it is named ("Sergei
    Lavrov", "Mr Lavrov", "Lavrov") must link to the system entity most of its names link to; a
    variant linked to no system entity, or to another one as well, is not resolved."""
    resolved = total = 0
    for e in entities:
        named = {v: c for (name, v), c in links.variant_links.items() if name == e.name}
        if len(named) < 2:
            continue
        counts = Counter[str]()
        for c in named.values():
            counts.update(c)
        main = min(counts, key=lambda eid: (-counts[eid], eid)) if counts else None
        for variant, c in sorted(named.items()):
            total += 1
            if main is not None and set(c) == {main}:
                resolved += 1
            else:
                got = ", ".join(_entity(system, i) for i in sorted(c)) or "no system mention"
                card.fail("entities", f"variant '{variant}' of {e.name}", "its entity's one", got)
    card.ratio(
        "entities",
        "name variants resolved to their entity",
        resolved,
        total,
        "entities named more than one way",
        "entities.variants",
    )


def _missing(links: Links, e: GoldEntity) -> str:
    n = links.occurs.get(e.name, 0)
    return f"no mention over its {n} occurrence(s)" if n else "no occurrence in the clean text"


def _junk(card: Scorecard, gold: Gold, scope: Scope, system: System) -> None:
    linked = Links(gold, system, set(system.documents)).sources()
    junk_names = {norm(n) for n in gold.junk_entity_names}
    naming = Naming(gold.entities)
    shown = [e for e in system.entities.values() if scope.any_doc(system.gids(e.documents))]
    junk = nonsense = 0
    for e in shown:
        names = [e.name, *e.aliases]
        if any(norm(n) in junk_names for n in names):
            junk += 1
            card.fail(
                "junk", f"entity {_describe(e)}", "no entity", "a junk name (furniture, byline)"
            )
        elif e.id not in linked and not any(
            naming.names([*names, *system.entity_names(e.linked_to)], g) for g in gold.entities
        ):
            nonsense += 1
            card.fail("junk", f"entity {_describe(e)}", "no entity", "names no gold entity")
    card.ratio("junk", "junk-named entities", junk, len(shown), "0 ideal")
    card.ratio("junk", "nonsense entities", nonsense, len(shown), "0 ideal")
    card.ratio(
        "junk", "junk + nonsense entities", junk + nonsense, len(shown), "0 ideal", "junk.entities"
    )


def _describe(e: Entity) -> str:
    docs = ", ".join(d[:3] if d[:3].isdigit() else d for d in e.documents[:4])
    return f"'{e.name}' ({e.type}; {docs})"
