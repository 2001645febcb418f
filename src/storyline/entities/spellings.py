"""Names other than people that are one thing written several ways: acronyms and the
transliterations and spellings of places and organisations.

* An all-capitals name joins the one organisation it abbreviates, by an alias stated in the
  text ("Shanghai Cooperation Organization (SCO)") or by the initials of its words; the long
  form then names the entity and gives its type (the acronym's own label is the model's guess
  on an opaque word: "PMO" read as a nationality).
* Two spellings of a place or organisation ("Kyiv"/"Kiev", "Samarkand"/"Samarqand",
  "Organisation"/"Organization") join when every word is a spelling variant (``variants``),
  they have one type, their documents share context, and the tables do not know them as two
  different things (Ghana and Guyana, Benin and Bonn share a skeleton). A multi-word name must
  also keep one word exactly.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from storyline.entities.actors import actor_dictionary
from storyline.entities.lexicon import Lexicon
from storyline.entities.name_items import Context, Keys, NameItem
from storyline.entities.names import initials
from storyline.entities.variants import fold, skeleton, spelling_variants
from storyline.models import Mention
from storyline.models.language import EntityType

_ACRONYM_SKIP = frozenset({"of", "and", "the", "for", "de", "du", "des", "la", "le", "in", "on"})
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.\-]{1,9}$")
_SPELLING_TYPES = frozenset({"GPE", "LOC", "FAC", "ORG", "EVENT", "PRODUCT", "WORK"})


def is_acronym(display: str) -> bool:
    return bool(_ACRONYM.match(display))


def link_acronyms(
    items: list[NameItem], mentions: Sequence[Mention], types: dict[str, EntityType], keys: Keys
) -> set[str]:
    """Join acronyms to the one organisation they abbreviate; returns the acronym keys so
    joined (their labels do not vote on the entity's type)."""
    stated: dict[str, set[str]] = defaultdict(set)
    by_initials: dict[str, set[str]] = defaultdict(set)
    for item in items:
        alias = mentions[item.index].alias
        if alias and not alias.startswith("@"):
            stated[fold(alias)].add(item.key)
        words = tuple(w for w in item.key.split() if w not in _ACRONYM_SKIP)
        if types[item.key] in ("ORG", "FAC", "GPE") and len(words) > 1:
            by_initials[initials(words)].add(item.key)
    joined: set[str] = set()
    for item in items:
        if item.fixed or " " in item.key or not is_acronym(item.display):
            continue
        candidates = stated.get(fold(item.key)) or by_initials.get(item.key.replace(" ", ""), set())
        candidates = {c for c in candidates if c != item.key}
        if len(candidates) == 1:
            keys.union(item.key, next(iter(candidates)))
            joined.add(item.key)
    return joined


def link_spellings(
    items: list[NameItem], types: dict[str, EntityType], keys: Keys, context: Context, lex: Lexicon
) -> None:
    """Join spelling variants of places and organisations, blocked by type and skeleton."""
    blocks: dict[tuple[str, str], set[str]] = defaultdict(set)
    for item in items:
        kind = types[item.key]
        if kind in _SPELLING_TYPES and not is_acronym(item.display):
            shape = " ".join(skeleton(w) for w in item.key.split())
            blocks[(kind, shape)].add(item.key)
    displays = {item.key: item.display for item in items}
    for block in blocks.values():
        ordered = sorted(block)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                if _one_thing(a, b, displays, context, lex):
                    keys.union(a, b)


def _one_thing(a: str, b: str, displays: dict[str, str], context: Context, lex: Lexicon) -> bool:
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or not all(spelling_variants(x, y) for x, y in zip(wa, wb, strict=True)):
        return False
    if len(wa) > 1 and not any(fold(x) == fold(y) for x, y in zip(wa, wb, strict=True)):
        return False
    if _known_apart(displays.get(a, a), displays.get(b, b), lex):
        return False
    return context.shared(a, b)


def _known_apart(a: str, b: str, lex: Lexicon) -> bool:
    """The tables name the two as different things: places of different countries, two
    different organisations, two different countries."""
    places = actor_dictionary().places
    country_a = lex.country_of_place(a) or lex.capital(a) or lex.city(a)
    country_b = lex.country_of_place(b) or lex.capital(b) or lex.city(b)
    if country_a and country_b and country_a != country_b:
        return True
    if lex.country_of_place(a) and lex.country_of_place(b):
        return lex.country_of_place(a) != lex.country_of_place(b)
    code_a, code_b = places.get(fold_key(a)), places.get(fold_key(b))
    if code_a and code_b and code_a != code_b:
        return True
    org_a, org_b = lex.organisation(a), lex.organisation(b)
    return bool(org_a and org_b and org_a != org_b)


def fold_key(text: str) -> str:
    return " ".join(fold(w) for w in text.split())
